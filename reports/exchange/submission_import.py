"""A commune's submission arriving at the reviewer: verify everything, then apply it at once.

``verify_submission`` reads and checks without writing (report data, signed PDFs, the form
each report was made on); ``apply_submission`` stores the result in one transaction. The split
lets verification run apart from the single database writer.

Forms come only from above: a submission no longer carries definitions (format 1.1). Each
report names its definition by id, version and SHA-256, and the reviewer refuses a report
whose definition it does not hold with exactly that hash, or holds only as something a
commune sent (before 1.1). A 1.0 package's ``forms/`` members are never installed; their hash
stands for the claimed one.

Time is judged by arrival: the report counts as received when it reached the reviewer
(``Arrival``: the import time by default, the mail or WebDAV server's time when the outbox
fetched it, or a date the reviewer entered); the package's ``created_at`` is the commune's
claim, kept beside it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import MutableMapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from forms.periods import Period
from reports.clock import VIETNAM, iso, local_date
from reports.documents.issuing import DATA_FORMAT, canonical_json
from reports.errors import CchcError
from reports.exchange.evidence_members import (
    parse_incoming,
    restore_incoming,
    score_fields_of,
    store_incoming,
)
from reports.exchange.packages import OpenedPackage
from reports.exchange.packages.errors import RejectionReason
from reports.exchange.pdf_checks import CheckedPdf, check_pdf, pdf_key
from reports.exchange.published import ISSUED_ORIGINS
from reports.exchange.receiving import ImportResult, Outcome, record_package, refuse_demo, reject
from reports.exchange.report_content import check_report_content
from reports.exchange.revision_gaps import import_notes
from reports.storage import audit, bindings, received
from reports.storage.lifecycle import Status
from reports.storage.store import content_hash
from reports.workspace import Workspace


class ArrivalSource:
    IMPORT = "import"  # the moment the reviewer imported it
    IMAP = "imap"  # the mail server's INTERNALDATE
    WEBDAV = "webdav"  # the WebDAV server's time for the file
    FOLDER = "folder"  # the watched folder's file time, read by the reviewer's own PC
    ENTERED = "entered"  # a date the reviewer registered (a USB stick handed over in person)


@dataclass(frozen=True)
class Arrival:
    at: dt.datetime  # aware
    source: str = ArrivalSource.IMPORT
    note: str = ""


class ArrivalInFutureError(CchcError):
    code = "import.arrival_in_future"
    vi = "Ngày đến {day} là ngày trong tương lai. Hãy nhập ngày gói thực sự được giao (dd/mm/yyyy)."
    en = "The arrival date {day} is in the future. Enter the day the package was actually handed over (dd/mm/yyyy)."


def entered_arrival(ws: Workspace, day: dt.date, note: str = "") -> Arrival:
    """An arrival the reviewer registers, like an incoming document: a USB stick handed over
    in person on ``day``. Kept in the audit log with who entered it."""
    if day > local_date(ws.clock()):
        raise ArrivalInFutureError(day=day.strftime("%d/%m/%Y"))
    return Arrival(dt.datetime.combine(day, dt.time(0, 0), VIETNAM), ArrivalSource.ENTERED, note.strip())


@dataclass(frozen=True)
class IncomingReport:
    data: dict[str, Any]
    status: Status
    acks: dict[str, Any]
    pdf: bytes | None
    audit: list[dict[str, Any]]
    form_sha256: str | None  # what the commune says its definition's text hashes to
    signer_fingerprint: str | None = None
    doc: dict[str, Any] = field(default_factory=dict, compare=False)  # the whole member (evidence lists)


@dataclass(frozen=True)
class VerifiedSubmission:
    opened: OpenedPackage
    name: str
    reports: list[IncomingReport]


def _claimed_form_hash(doc: dict[str, Any], data: dict[str, Any], opened: OpenedPackage) -> str | None:
    form = doc.get("form")
    if isinstance(form, dict):
        if (form.get("id"), form.get("version")) != (data["form_id"], data["form_version"]):
            raise ValueError("form")
        sha = form.get("sha256")
        if not isinstance(sha, str) or len(sha) != 64:
            raise ValueError("form.sha256")
        return sha
    # A 1.0 package carried the definition itself: its hash is the claim (never installed).
    raw = opened.members.get(f"forms/{data['form_id']}-v{data['form_version']}.toml")
    return hashlib.sha256(raw).hexdigest() if raw is not None else None


def _parse_report_members(opened: OpenedPackage, name: str) -> list[IncomingReport]:
    out = []
    sender = opened.manifest.sender.unit_code
    for path, raw in opened.members.items():
        if not path.startswith("reports/"):
            continue
        try:
            doc = json.loads(raw.decode("utf-8"))
            data = doc["report"]
            status = Status(doc["status"])
            if not isinstance(data, dict) or data.get("format") != DATA_FORMAT:
                raise ValueError("format")
            for key, kind in (("report_uid", str), ("unit_code", str), ("form_id", str), ("form_version", int),
                              ("period", str), ("revision", int), ("values", dict), ("content_sha256", str)):
                if not isinstance(data.get(key), kind) or isinstance(data.get(key), bool):
                    raise ValueError(key)
            for key, kind in (("unit_name", str), ("doc_number", int), ("issued_on", str)):
                value = data.get(key)
                if value is not None and (not isinstance(value, kind) or isinstance(value, bool)):
                    raise ValueError(key)
            Period.parse(data["period"])  # PeriodError is a ValueError
            if data.get("issued_on") is not None:
                dt.date.fromisoformat(data["issued_on"])
            if path != f"reports/{data['report_uid']}.json":
                raise ValueError("path")
            form_sha = _claimed_form_hash(doc, data, opened)
            # A lone surrogate ("\\ud800" in the JSON) reads but cannot be stored or hashed.
            json.dumps(doc, ensure_ascii=False).encode("utf-8")
            expected_hash = content_hash(data["form_id"], data["form_version"], data["period"], data["revision"],
                                         data["values"])
        except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, ValueError, RecursionError) as exc:
            raise reject(opened, name, f"dữ liệu báo cáo {path} không đúng định dạng.",
                         f"report data {path} is malformed.") from exc
        if data["unit_code"] != sender:
            raise reject(opened, name, f"gói của {sender} chứa báo cáo của đơn vị khác ({data['unit_code']}).",
                         f"a package from {sender} carries a report of another unit ({data['unit_code']}).",
                         RejectionReason.FOREIGN_REPORT)
        if expected_hash != data["content_sha256"]:
            raise reject(opened, name, "số liệu báo cáo không khớp mã kiểm tra của nó.",
                         "the report's figures do not match its checksum.")
        pdf_name = doc.get("signed_pdf")
        pdf = None
        if pdf_name is not None:
            if pdf_name not in opened.members:
                raise reject(opened, name, f"thiếu tệp PDF đã ký {pdf_name}.", f"the signed PDF {pdf_name} is missing.")
            pdf = opened.members[pdf_name]
        acks = doc.get("acknowledgements")
        out.append(IncomingReport(data, status, {} if acks is None else acks, pdf,
                                  doc.get("audit") if isinstance(doc.get("audit"), list) else [], form_sha, doc=doc))
    if not out:
        raise reject(opened, name, "gói không chứa báo cáo nào.", "the package holds no report.")
    return out


def _check_pdf(ws: Workspace, opened: OpenedPackage, name: str, item: IncomingReport,
               checked: MutableMapping[str, CheckedPdf]) -> str | None:
    """The signed PDF must be intact and carry exactly the package's figures. Returns the
    signer certificate's fingerprint. ``checked``: PDFs already checked (in worker processes,
    or earlier in this run), by their SHA-256; a PDF checked here is added to it."""
    if item.pdf is None:
        if item.status is Status.SIGNED:
            raise reject(opened, name, "báo cáo ghi đã ký nhưng không có PDF đã ký.",
                         "a signed report comes without its signed PDF.")
        return None
    key = pdf_key(item.pdf)
    result = checked.get(key)
    if result is None:
        # The result depends on the bytes alone: the same PDF in the next package is not checked again.
        result = checked[key] = check_pdf(item.pdf)
    if not result.intact:
        raise reject(opened, name, f"PDF của báo cáo kỳ {item.data['period']} đã bị thay đổi sau khi ký (chữ ký không còn toàn vẹn).",
                     f"the PDF of the {item.data['period']} report was changed after signing (the signature is broken).",
                     RejectionReason.PDF_SIGNATURE_BROKEN)
    if result.data is None or canonical_json(result.data) != canonical_json(item.data):
        raise reject(opened, name, f"số liệu trong gói khác với số liệu gắn trong PDF đã ký (kỳ {item.data['period']}).",
                     f"the figures in the package differ from those embedded in the signed PDF ({item.data['period']}).",
                     RejectionReason.PDF_DATA_MISMATCH)
    sender = opened.manifest.sender.unit_code
    # Who signed is shown to the reviewer; what can be told from the certificate alone is
    # refused here: a certificate of this program that names another unit, or the
    # installation certificate the reviewer bound to another commune.
    bound = bindings.unit_bound_to(ws.db, result.signer_fingerprint) if result.signer_fingerprint else None
    other = next((u for u in (result.self_issued_unit, bound) if u is not None and u != sender), None)
    if other is not None:
        raise reject(opened, name, f"PDF của báo cáo kỳ {item.data['period']} được ký bằng chứng thư của đơn vị khác "
                     f"({other}), không phải của {sender}. Đề nghị xã ký lại bằng chứng thư của mình rồi gửi lại.",
                     f"the PDF of the {item.data['period']} report is signed with another unit's certificate ({other}), "
                     f"not {sender}'s. Ask the commune to sign it with its own and send it again.",
                     RejectionReason.PDF_SIGNER_FOREIGN)
    return result.signer_fingerprint


def _check_definition(ws: Workspace, opened: OpenedPackage, name: str, item: IncomingReport) -> None:
    """Forms come only from above: the report's definition must be one this office issued
    (or the program ships), with exactly the text the commune used."""
    form_id, version = item.data["form_id"], item.data["form_version"]
    held = ws.forms.held(form_id, version)
    claimed = item.form_sha256
    if held is None or held.origin not in ISSUED_ORIGINS or (claimed is not None and claimed != held.sha256):
        raise reject(
            opened, name,
            f"báo cáo kỳ {item.data['period']} được lập trên biểu mẫu {form_id} phiên bản {version} mà tỉnh không ban "
            "hành (hoặc đã bị sửa). Đề nghị xã lập lại báo cáo trên biểu mẫu do cơ quan nhận báo cáo gửi, rồi gửi lại.",
            f"the {item.data['period']} report was made on form {form_id} version {version}, which the province did "
            "not issue (or which was altered). Ask the commune to remake it on a form the reviewing office sent, and resend.",
            RejectionReason.FORM_NOT_ISSUED,
        )


def verify_submission(
    ws: Workspace, opened: OpenedPackage, name: str, checked: MutableMapping[str, CheckedPdf] | None = None
) -> VerifiedSubmission:
    """Every check that needs no write. Raises ``ImportRejection`` with the reason."""
    refuse_demo(opened, name)
    items = _parse_report_members(opened, name)
    verified = []
    for item in items:
        pdf_sha = hashlib.sha256(item.pdf).hexdigest() if item.pdf is not None else None
        if received.held_as(ws.db, item.data["report_uid"]) == (item.data["content_sha256"], pdf_sha):
            # Already held with exactly these figures and this very signed PDF (checked when it
            # first came): apply_submission passes it by. A commune resends what it exported until
            # it confirms the hand-over, so most reports of a busy inbox are these. A different
            # PDF under a held report is still checked, and refused if it does not hold.
            verified.append(item)
            continue
        _check_definition(ws, opened, name, item)
        check_report_content(opened, name, ws.forms.get(item.data["form_id"], item.data["form_version"]), item.data,
                             item.status, item.acks, local_date(ws.clock()))
        fp = _check_pdf(ws, opened, name, item, checked if checked is not None else {})
        verified.append(replace(item, signer_fingerprint=fp))
    return VerifiedSubmission(opened, name, verified)


def apply_submission(ws: Workspace, verified: VerifiedSubmission, source: str, arrival: Arrival | None = None,
                     also_record: Sequence[OpenedPackage] = ()) -> ImportResult:
    """Store a verified submission in one transaction. ``also_record``: the other parts of a
    split submission (``opened`` is their union), remembered as received with it."""
    opened, name = verified.opened, verified.name
    now = iso(ws.clock())
    arrival = arrival or Arrival(ws.clock())
    manifest = opened.manifest
    claimed = iso(manifest.created_at)  # the commune's clock: shown as its claim, never judged by
    imported: list[str] = []
    restored = 0
    with ws.db.atomic():
        evidence, files = parse_incoming(
            ws, opened, name, {i.data["report_uid"]: i.doc for i in verified.reports},
            {i.data["report_uid"]: score_fields_of(ws, i.data["form_id"], i.data["form_version"]) for i in verified.reports},
        )
        by_uid = {e.report_uid: e for e in evidence}
        for item in verified.reports:
            d = item.data
            existing = received.content_of(ws.db, d["report_uid"])
            if existing is not None:
                if existing != d["content_sha256"]:
                    raise reject(opened, name, f"báo cáo kỳ {d['period']} (lần {d['revision']}) đã nhận với số liệu khác: xung đột.",
                                 f"the {d['period']} report (revision {d['revision']}) was received before with other figures: conflict.",
                                 RejectionReason.REPORT_CONFLICT)
                if d["report_uid"] in by_uid:  # evidence sent in full again: what was lost here comes back
                    restored += restore_incoming(ws, by_uid[d["report_uid"]], files, now)
                continue
            clash = received.content_at(ws.db, d["unit_code"], d["form_id"], d["period"], d["revision"])
            if clash is not None:
                raise reject(opened, name, f"đã có báo cáo kỳ {d['period']} lần {d['revision']} khác nội dung: xung đột, hãy liên hệ xã.",
                             f"another {d['period']} report revision {d['revision']} exists with other content: conflict, contact the commune.",
                             RejectionReason.REPORT_CONFLICT)
            rid = received.insert_received(ws.db, d, unit_name=d.get("unit_name") or manifest.sender.unit_name,
                                           acks=item.acks, pdf=item.pdf, signer_fingerprint=item.signer_fingerprint,
                                           at=now, sent_at=claimed, arrived_at=iso(arrival.at),
                                           arrival_source=arrival.source)
            detail: dict[str, Any] = {"package": manifest.package_id, "from": manifest.sender.unit_code,
                                      "content": d["content_sha256"], "arrived_at": iso(arrival.at),
                                      "arrival_source": arrival.source, "claimed_created_at": claimed}
            if arrival.note:
                detail["arrival_note"] = arrival.note
            audit.append(ws.db, at=now, actor=ws.actor, report_id=rid, action="receive", detail=detail)
            if d["report_uid"] in by_uid:
                store_incoming(ws, by_uid[d["report_uid"]], rid, files, now)
            imported.append(d["report_uid"])
        for part in (opened, *also_record):
            record_package(ws, part, part.name or name, source, now, [i.data["report_uid"] for i in verified.reports])
        # A revision is kept whatever its number; a gap or a late one is said, never refused.
        notes = import_notes(ws, [i.data for i in verified.reports if i.data["report_uid"] in imported])
    if restored:
        notes.append((f"đã bổ sung {restored} tệp tài liệu kiểm chứng bị thiếu", f"{restored} missing evidence file(s) written again"))
    return ImportResult(name, Outcome.IMPORTED if imported else Outcome.ALREADY_HAD,
                        "; ".join(vi for vi, _ in notes), "; ".join(en for _, en in notes),
                        kind=manifest.kind.value, sender=manifest.sender.unit_code, report_uids=imported)
