"""Sync packages on the database side: export, import, and binding installations to units.

The archive layer (``reports.exchange.packages``) checks bytes, names, sizes, hashes and the manifest
signature. Here we check what only the database knows — who the sender's certificate is
bound to, whether the package is for us, whether its reports agree with their signed PDFs
and with what we already hold — and then apply everything in one transaction, or nothing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization

from forms.periods import Period
from reports import __version__
from reports.clock import iso, parse_iso
from reports.documents.issuing import DATA_FORMAT, canonical_json, report_data
from reports.errors import CchcError, UsageError
from reports.exchange.feedback import apply_feedback
from reports.exchange.packages import (
    OpenedPackage,
    PackageKind,
    PackageRejectedError,
    PartyRef,
    check_addressed_to,
    check_sender_binding,
    package_filename,
    read_package,
    write_package,
)
from reports.exchange.packages.errors import RejectionReason
from reports.exchange.pdf_checks import CheckedPdf, check_in_workers, check_pdf, pdf_key, worker_count
from reports.exchange.receiving import ImportResult, Outcome, install_forms, record_package, reject
from reports.files import write_atomic
from reports.signing.keys import fingerprint_hex, format_fingerprint, load_certificate, unit_code_of
from reports.storage import audit, bindings, package_log, received
from reports.storage.lifecycle import Status
from reports.storage.store import Report, content_hash
from reports.storage.unit import Role
from reports.workspace import Workspace


class NothingToExportError(CchcError):
    code = "export.nothing"
    vi = "Không có báo cáo nào cần gửi: chỉ báo cáo đã hoàn thành hoặc đã ký mà chưa có biên nhận mới được gửi. Dùng --all để gửi lại tất cả."
    en = "Nothing to send: only final or signed reports without a receipt are sent. Use --all to send everything again."
    exit_code = 1


class NotForThisRoleError(CchcError):
    code = "sync.wrong_role"
    vi = "Lệnh này dành cho {role}."
    en = "This command is for {role_en}."


# ---------------------------------------------------------------- binding


def bound_fingerprints(ws: Workspace, unit_code: str) -> list[str]:
    return bindings.installation_fingerprints(ws.db, unit_code)


def bound_unit_of(ws: Workspace, fingerprint: str) -> str | None:
    return bindings.unit_bound_to(ws.db, fingerprint)


@dataclass(frozen=True)
class Binding:
    unit_code: str
    fingerprint: str
    display: str


def bind_certificate(ws: Workspace, unit_code: str, cert_pem: bytes, *, purpose: str = "installation") -> Binding:
    cert = load_certificate(cert_pem)
    fp = fingerprint_hex(cert)
    other = bound_unit_of(ws, fp) if purpose == "installation" else None
    if other is not None and other != unit_code:
        raise UsageError(
            detail=f"Chứng thư này đã gắn với đơn vị {other}. Hãy thu hồi trước (cchc units revoke --unit {other}).",
            detail_en=f"This certificate is bound to unit {other}. Revoke it first (cchc units revoke --unit {other}).",
        )
    pem = cert.public_bytes(serialization.Encoding.PEM).decode("ascii")
    now = iso(ws.clock())
    with ws.db.atomic():
        bindings.bind(ws.db, unit_code=unit_code, fingerprint=fp, cert_pem=pem, purpose=purpose, at=now)
        audit.append(ws.db, at=now, actor=ws.actor, report_id=None, action="bind_certificate",
                     detail={"unit": unit_code, "fingerprint": fp, "purpose": purpose})
    return Binding(unit_code, fp, format_fingerprint(cert))


def bindings_of(ws: Workspace) -> list[dict[str, Any]]:
    """Every certificate binding, revoked ones too, by unit."""
    return [dataclasses.asdict(b) for b in bindings.bound_certificates(ws.db)]


def trust_package_sender(ws: Workspace, path: Path) -> Binding:
    """Bind the certificate a package carries to its sender unit (after checking the
    fingerprint by phone). The package itself must be intact."""
    opened = read_package(path)
    return bind_certificate(ws, opened.manifest.sender.unit_code, opened.certificate.public_bytes(serialization.Encoding.PEM))


def revoke(ws: Workspace, unit_code: str, fingerprint: str | None = None) -> int:
    now = iso(ws.clock())
    plain = "".join(c for c in fingerprint if c not in " :").lower() if fingerprint else None
    with ws.db.atomic():
        count = bindings.revoke(ws.db, unit_code=unit_code, fingerprint=plain, at=now)
        audit.append(ws.db, at=now, actor=ws.actor, report_id=None, action="revoke_certificate",
                     detail={"unit": unit_code, "fingerprint": fingerprint})
    return int(count)


# ---------------------------------------------------------------- export


@dataclass(frozen=True)
class ExportResult:
    path: Path
    package_id: str
    report_ids: list[int]
    size: int


def _reviewer_party(ws: Workspace) -> PartyRef:
    unit = ws.require_unit()
    if not unit.reviewer_code:
        raise UsageError(
            detail="Chưa có mã cơ quan nhận báo cáo. Hãy đặt: cchc unit set reviewer_code=MÃ_TỈNH",
            detail_en="No reviewer code is set. Set it: cchc unit set reviewer_code=PROVINCE_CODE",
        )
    return PartyRef(unit.reviewer_code, unit.reviewer_name or unit.reviewer_code)


def reports_to_send(ws: Workspace, *, everything: bool = False) -> list[Report]:
    store = ws.store
    if everything:
        return [r for r in store.list(unit_code=ws.require_unit().code) if r.status is not Status.DRAFT]
    return [
        r for r in store.list(unit_code=ws.require_unit().code)
        if r.status in (Status.FINAL, Status.SIGNED) or (r.status is Status.SENT and r.receipt_at is None)
    ]


def _report_member(ws: Workspace, report: Report, pdf_name: str | None, status: Status) -> bytes:
    entries = [{"at": e.at, "actor": e.actor, "action": e.action} for e in audit.entries(ws.db, report.id)]
    return canonical_json({
        "report": report_data(ws, report),
        "status": status.value,
        "acknowledgements": report.acks,
        "signed_pdf": pdf_name,
        "audit": entries,
    })


def export_package(ws: Workspace, out_dir: Path, *, everything: bool = False) -> ExportResult:
    """Write one package with the reports to send; they become ``sent``."""
    unit = ws.require_unit()
    if unit.role is not Role.COMMUNE:
        raise NotForThisRoleError(role="đơn vị cấp xã", role_en="a commune installation")
    reports = reports_to_send(ws, everything=everything)
    if not reports:
        raise NothingToExportError()
    members: dict[str, bytes] = {}
    forms_needed: set[tuple[str, int]] = set()
    for r in reports:
        pdf = ws.store.signed_pdf(r.id)
        pdf_name = f"pdf/{r.uid}.pdf" if pdf is not None else None
        if pdf is not None:
            members[pdf_name] = pdf  # type: ignore[index]
        status = Status.SENT if r.status in (Status.FINAL, Status.SIGNED) else r.status
        members[f"reports/{r.uid}.json"] = _report_member(ws, r, pdf_name, status)
        forms_needed.add((r.form_id, r.form_version))
    for form_id, version in sorted(forms_needed):
        members[f"forms/{form_id}-v{version}.toml"] = ws.forms.source(form_id, version).encode("utf-8")
    now = ws.clock()
    sender = PartyRef(unit.code, unit.name)
    data = write_package(kind=PackageKind.SUBMISSION, sender=sender, recipient=_reviewer_party(ws), members=members,
                         key=ws.installation_key, created_at=now, app_version=__version__)
    opened = read_package(data)  # what we write must be what a reviewer can read
    package_id = opened.manifest.package_id
    label = reports[0].period.code if len({r.period.code for r in reports}) == 1 else now.date()
    path = Path(out_dir) / package_filename(sender, label, package_id)
    write_atomic(path, data, suffix=".partial")  # written before the database says "sent": a crash leaves it unsent
    with ws.db.atomic():
        package_log.record(ws.db, package_id=package_id, kind="submission", direction="out", sender_code=unit.code,
                           recipient_code=opened.manifest.recipient.unit_code, sha256=opened.sha256,
                           file_name=path.name, created_at=iso(now), processed_at=iso(now), source=str(path.parent),
                           report_count=len(reports), report_uids=[r.uid for r in reports])
        ws.store.mark_sent([r.id for r in reports], package_id)
    return ExportResult(path, package_id, [r.id for r in reports], len(data))


# ---------------------------------------------------------------- import


def collect_packages(paths: Iterable[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            out.extend(sorted(x for x in p.rglob("*.cchc") if x.is_file()))
        else:
            out.append(p)
    return out


def import_files(
    ws: Workspace,
    paths: Sequence[Path],
    *,
    source: str = "",
    progress: Callable[[int, int, ImportResult], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    workers: int | None = 1,
) -> list[ImportResult]:
    """Import every package in ``paths`` (folders are searched), each all-or-nothing.

    With ``workers`` > 1 the signed PDFs are first checked in that many processes
    (``pdf_checks``; None: as many as pays off for this many files); the database is still
    written by this thread alone, package by package.
    """
    results = []
    files = collect_packages(paths)
    if files:
        from reports.backups import backup, policy

        backup.backup_if_due(ws, policy.Reason.BEFORE_IMPORT)
    count = worker_count(len(files)) if workers is None else workers
    checked = check_in_workers(files, count) if count > 1 else {}
    for i, path in enumerate(files):
        if cancelled and cancelled():
            break
        result = import_file(ws, path, source=source, checked=checked)
        results.append(result)
        if progress:
            progress(i + 1, len(files), result)
    return results


def import_file(
    ws: Workspace, path: Path, *, source: str = "", checked: Mapping[str, CheckedPdf] | None = None
) -> ImportResult:
    name = Path(path).name
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return ImportResult(name, Outcome.REFUSED, f"không đọc được tệp ({exc.strerror}).",
                            f"cannot read the file ({exc.strerror}).", "file.unreadable")
    result = import_bytes(ws, data, name=name, source=source or str(Path(path).parent), checked=checked)
    if result.outcome is Outcome.REFUSED:
        result.quarantined = quarantine(ws, name, data, result)
    return result


def quarantine(ws: Workspace, name: str, data: bytes, result: ImportResult) -> Path:
    folder = ws.paths.quarantine
    folder.mkdir(parents=True, exist_ok=True)
    stamp = ws.clock().strftime("%Y%m%d-%H%M%S")
    target = folder / f"{stamp}_{name}"
    n = 1
    while target.exists():  # another refused file of the same name, this same second
        n += 1
        target = folder / f"{stamp}-{n}_{name}"
    target.write_bytes(data)
    target.with_name(target.name + ".ly-do.txt").write_text(
        f"Tệp: {name}\nThời điểm: {iso(ws.clock())}\nLý do từ chối: {result.reason}\n"
        f"Reason: {result.reason_en}\nMã: {result.code}\n",
        encoding="utf-8",
    )
    return target


def import_bytes(
    ws: Workspace, data: bytes, *, name: str, source: str = "", checked: Mapping[str, CheckedPdf] | None = None
) -> ImportResult:
    """Check a package completely, then apply it in one transaction. ``checked``: signed PDFs
    already checked (by their SHA-256, see ``pdf_checks``), not checked again."""
    try:
        opened = read_package(data, name=name)
        unit = ws.require_unit()
        check_addressed_to(opened, unit.code)
        expected = PackageKind.SUBMISSION if unit.role is Role.REVIEWER else PackageKind.FEEDBACK
        if opened.manifest.kind is not expected:
            raise reject(opened, name, "gói này không dành cho loại cài đặt này (gói báo cáo gửi Sở, gói phản hồi gửi xã).",
                          "this kind of package is not for this installation (submissions go to the reviewer, feedback to communes).", RejectionReason.WRONG_KIND)
        check_sender_binding(opened, bound_fingerprints(ws, opened.manifest.sender.unit_code),
                             bound_to=bound_unit_of(ws, opened.fingerprint))
        known = package_log.sha256_of(ws.db, opened.manifest.package_id)
        if known is not None:
            if known == opened.sha256:
                return ImportResult(name, Outcome.ALREADY_HAD, kind=opened.manifest.kind.value,
                                    sender=opened.manifest.sender.unit_code)
            raise reject(opened, name, "đã nhận một gói khác có cùng mã gói.", "a different package with the same id was already received.", RejectionReason.PACKAGE_ID_CONFLICT)
        if expected is PackageKind.SUBMISSION:
            return _apply_submission(ws, opened, name, source, checked or {})
        return apply_feedback(ws, opened, name, source)
    except PackageRejectedError as exc:
        return ImportResult(name, Outcome.REFUSED, exc.message("vi"), exc.message("en"), str(getattr(exc, "reason", exc.code)))
    except CchcError as exc:
        return ImportResult(name, Outcome.REFUSED, exc.message("vi"), exc.message("en"), exc.code)


@dataclass(frozen=True)
class _IncomingReport:
    data: dict[str, Any]
    status: Status
    acks: dict[str, Any]
    pdf: bytes | None
    audit: list[dict[str, Any]]


def _parse_report_members(ws: Workspace, opened: OpenedPackage, name: str) -> list[_IncomingReport]:
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
        except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise reject(opened, name, f"dữ liệu báo cáo {path} không đúng định dạng.",
                          f"report data {path} is malformed.") from exc
        if data["unit_code"] != sender:
            raise reject(opened, name, f"gói của {sender} chứa báo cáo của đơn vị khác ({data['unit_code']}).",
                          f"a package from {sender} carries a report of another unit ({data['unit_code']}).", RejectionReason.FOREIGN_REPORT)
        expected_hash = content_hash(data["form_id"], data["form_version"], data["period"], data["revision"], data["values"])
        if expected_hash != data["content_sha256"]:
            raise reject(opened, name, "số liệu báo cáo không khớp mã kiểm tra của nó.", "the report's figures do not match its checksum.")
        pdf_name = doc.get("signed_pdf")
        pdf = None
        if pdf_name is not None:
            if pdf_name not in opened.members:
                raise reject(opened, name, f"thiếu tệp PDF đã ký {pdf_name}.", f"the signed PDF {pdf_name} is missing.")
            pdf = opened.members[pdf_name]
        out.append(_IncomingReport(data, status, doc.get("acknowledgements") or {}, pdf,
                                   doc.get("audit") if isinstance(doc.get("audit"), list) else []))
    if not out:
        raise reject(opened, name, "gói không chứa báo cáo nào.", "the package holds no report.")
    return out


def _check_pdf(opened: OpenedPackage, name: str, item: _IncomingReport, checked: Mapping[str, CheckedPdf]) -> str | None:
    """The signed PDF must be intact and carry exactly the package's figures. Returns the
    signer certificate's fingerprint."""
    if item.pdf is None:
        if item.status is Status.SIGNED:
            raise reject(opened, name, "báo cáo ghi đã ký nhưng không có PDF đã ký.", "a signed report comes without its signed PDF.")
        return None
    result = checked.get(pdf_key(item.pdf)) or check_pdf(item.pdf)
    if not result.intact:
        raise reject(opened, name, f"PDF của báo cáo kỳ {item.data['period']} đã bị thay đổi sau khi ký (chữ ký không còn toàn vẹn).",
                      f"the PDF of the {item.data['period']} report was changed after signing (the signature is broken).", RejectionReason.PDF_SIGNATURE_BROKEN)
    if result.data is None or canonical_json(result.data) != canonical_json(item.data):
        raise reject(opened, name, f"số liệu trong gói khác với số liệu gắn trong PDF đã ký (kỳ {item.data['period']}).",
                      f"the figures in the package differ from those embedded in the signed PDF ({item.data['period']}).", RejectionReason.PDF_DATA_MISMATCH)
    return result.signer_fingerprint


def _apply_submission(
    ws: Workspace, opened: OpenedPackage, name: str, source: str, checked: Mapping[str, CheckedPdf]
) -> ImportResult:
    items = _parse_report_members(ws, opened, name)
    signer_fps = [_check_pdf(opened, name, item, checked) for item in items]
    now = iso(ws.clock())
    manifest = opened.manifest
    sent_at = iso(manifest.created_at)
    imported: list[str] = []
    with ws.db.atomic():
        install_forms(ws, opened, name, now)
        for item, signer_fp in zip(items, signer_fps, strict=True):
            d = item.data
            try:
                ws.forms.get(d["form_id"], d["form_version"])
            except CchcError as exc:
                raise reject(opened, name, f"không có biểu mẫu {d['form_id']} phiên bản {d['form_version']}.",
                              f"form {d['form_id']} version {d['form_version']} is unknown.") from exc
            existing = received.content_of(ws.db, d["report_uid"])
            if existing is not None:
                if existing != d["content_sha256"]:
                    raise reject(opened, name, f"báo cáo kỳ {d['period']} (lần {d['revision']}) đã nhận với số liệu khác: xung đột.",
                                  f"the {d['period']} report (revision {d['revision']}) was received before with other figures: conflict.", RejectionReason.REPORT_CONFLICT)
                continue
            clash = received.content_at(ws.db, d["unit_code"], d["form_id"], d["period"], d["revision"])
            if clash is not None:
                raise reject(opened, name, f"đã có báo cáo kỳ {d['period']} lần {d['revision']} khác nội dung: xung đột, hãy liên hệ xã.",
                              f"another {d['period']} report revision {d['revision']} exists with other content: conflict, contact the commune.", RejectionReason.REPORT_CONFLICT)
            rid = received.insert_received(ws.db, d, unit_name=d.get("unit_name") or manifest.sender.unit_name,
                                           acks=item.acks, pdf=item.pdf, signer_fingerprint=signer_fp, at=now,
                                           sent_at=sent_at)
            audit.append(ws.db, at=now, actor=ws.actor, report_id=rid, action="receive",
                         detail={"package": manifest.package_id, "from": manifest.sender.unit_code,
                                 "content": d["content_sha256"]})
            imported.append(d["report_uid"])
        record_package(ws, opened, name, source, now, [i.data["report_uid"] for i in items])
    return ImportResult(name, Outcome.IMPORTED if imported else Outcome.ALREADY_HAD, kind=manifest.kind.value,
                        sender=manifest.sender.unit_code, report_uids=imported)


def received_at(report: Report) -> dt.datetime | None:
    return parse_iso(report.sent_at) if report.sent_at else None


def installation_unit(cert_pem: bytes) -> str | None:
    return unit_code_of(load_certificate(cert_pem))


def copy_to(path: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / path.name
    shutil.copyfile(path, target)
    return target
