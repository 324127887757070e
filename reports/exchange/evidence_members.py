"""Evidence in submission packages: what the commune puts in, what the reviewer accepts.

A scoring report's member (``reports/<uid>.json``) lists its evidence (field, SHA-256,
name, number, date, title, page) and explanations; each file travels once as
``evidence/<sha256>``, covered by the manifest signature like every member. A file the
reviewer already acknowledged (it came with a report that has a receipt) is referenced by
its hash and not sent again. On import every file is checked as hostile input: its name must
be its hash, its content one of the accepted kinds (by content, never by name) within the
size limit, every reference must resolve to a member or to a file the reviewer holds, and
nothing may be left unreferenced. A file missing or damaged at the commune stops the export
with a message: it is never silently dropped.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from forms.definition import FieldType
from forms.engine import has_controls, plain_text
from reports.errors import CchcError
from reports.exchange.packages import OpenedPackage
from reports.exchange.packages.errors import RejectionReason
from reports.exchange.receiving import reject
from reports.par_index.filetypes import check_file
from reports.storage.evidence import EvidenceItem
from reports.storage.report import Report
from reports.workspace import Workspace

PREFIX = "evidence/"
_SHA = re.compile(r"[0-9a-f]{64}")
MAX_TEXT = 500


class EvidenceFileMissingError(CchcError):
    code = "export.evidence_missing"
    vi = ("Không gửi được: tệp tài liệu kiểm chứng “{name}” của tiêu chí {field} (báo cáo số {report_id}) bị mất hoặc "
          "hỏng trong thư mục dữ liệu. Hãy khôi phục từ bản sao lưu hoặc đính kèm lại tệp (cchc evidence add), rồi gửi lại.")
    en = ("Cannot send: evidence file “{name}” of criterion {field} (report {report_id}) is missing or damaged in the "
          "data folder. Restore it from a backup or attach it again (cchc evidence add), then send again.")


class EvidenceTooLargeToSendError(CchcError):
    code = "export.evidence_over_part_limit"
    vi = ("Không gửi được: tệp tài liệu kiểm chứng “{name}” của tiêu chí {field} (báo cáo số {report_id}) nặng {size} MB, "
          "lớn hơn giới hạn gửi {limit} MB (cài đặt attachment_limit_mb), nên không phần nào của gói chứa vừa. Hãy thay "
          "tệp bằng bản nhỏ hơn (in ra PDF chất lượng thấp hơn, chụp ảnh nhỏ hơn, hoặc tách thành nhiều tệp): gỡ tệp "
          "khỏi tiêu chí rồi đính kèm bản mới; hoặc, nếu gửi bằng USB hay máy chủ thư nhận tệp lớn hơn, tăng giới hạn "
          "gửi trong Cài đặt. Rồi gửi lại.")
    en = ("Cannot send: evidence file “{name}” of criterion {field} (report {report_id}) is {size} MB, over the {limit} MB "
          "sending limit (the attachment_limit_mb setting), so no part of the package can hold it. Replace it with a "
          "smaller copy (a lower-quality PDF, a smaller photo, or several files): remove it from the criterion and attach "
          "the new one; or, if you send by USB stick or through a mail server that takes larger files, raise the sending "
          "limit in Settings. Then send again.")
    exit_code = 1


def acknowledged_hashes(ws: Workspace) -> set[str]:
    """Evidence files the reviewer already holds: they came with a report it gave a receipt for."""
    return ws.evidence_files.acknowledged()


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",")


def evidence_for_export(ws: Workspace, reports: Iterable[Report], *, in_full: bool = False,
                        part_room: int | None = None) -> tuple[dict[str, bytes], dict[str, dict[str, Any]]]:
    """The ``evidence/…`` members to add and, per report uid, what its member lists.

    ``in_full``: every file travels, even those the reviewer acknowledged (it may have lost
    them: "Gửi lại đầy đủ tài liệu kiểm chứng"). ``part_room``: the most one part of a split
    package holds; a file larger than that is refused here, by name, rather than written as a
    part no outbox can send."""
    files = ws.evidence_files
    known = set() if in_full else acknowledged_hashes(ws)
    members: dict[str, bytes] = {}
    listed: dict[str, dict[str, Any]] = {}
    for r in reports:
        items = files.items(r.id)
        explanations = files.explanations(r.id)
        if not items and not explanations:
            continue
        for it in items:
            if it.sha256 in known or f"{PREFIX}{it.sha256}" in members:
                continue
            if part_room is not None and it.size > part_room:
                raise EvidenceTooLargeToSendError(name=it.name, field=it.field, report_id=r.id, size=_mb(it.size),
                                                  limit=int(ws.settings.get("attachment_limit_mb")))
            data = files.read_file(it.sha256)
            if data is None:
                raise EvidenceFileMissingError(name=it.name, field=it.field, report_id=r.id)
            members[f"{PREFIX}{it.sha256}"] = data
        listed[r.uid] = {"evidence": [_entry(it) for it in items], "explanations": explanations}
    return members, listed


def _entry(it: EvidenceItem) -> dict[str, Any]:
    return {"field": it.field, "sha256": it.sha256, "name": it.name, "size": it.size, "media_type": it.media_type,
            "number": it.number, "date": it.date.isoformat() if it.date else None, "title": it.title, "page": it.page}


@dataclass(frozen=True)
class IncomingEvidence:
    report_uid: str
    items: tuple[EvidenceItem, ...]  # report_id 0: set when the report is stored
    explanations: dict[str, str]


def _text(value: Any, limit: int = MAX_TEXT, *, exact: bool = True) -> str:
    """A text as the commune's program stores it (``plain_text``), else ValueError. A file
    name (``exact`` False) comes from the commune's disk as it is: it need only hold no
    control character, which a reviewer's screen or a saved copy would act upon."""
    if value is None:
        return ""
    if not isinstance(value, str) or len(value) > limit:
        raise ValueError("text")
    if (plain_text(value) != value) if exact else has_controls(value):
        raise ValueError("text")
    return value


def parse_incoming(ws: Workspace, opened: OpenedPackage, name: str, docs: dict[str, dict[str, Any]],
                   score_fields: dict[str, set[str]]) -> tuple[list[IncomingEvidence], dict[str, bytes]]:
    """Check every evidence member and reference; ``docs`` maps report uid → its member's JSON,
    ``score_fields`` report uid → the ids of its form's score fields."""
    files: dict[str, bytes] = {}
    limit = int(ws.settings.get("evidence_max_mb")) * 1024 * 1024
    for path, data in opened.members.items():
        if not path.startswith(PREFIX):
            continue
        sha = path[len(PREFIX):]
        if not _SHA.fullmatch(sha) or hashlib.sha256(data).hexdigest() != sha:
            raise reject(opened, name, f"tệp tài liệu kiểm chứng {path} không khớp mã băm của nó.",
                         f"evidence file {path} does not match its hash.", RejectionReason.REPORT_INVALID)
        if len(data) > limit:
            raise reject(opened, name, f"tệp tài liệu kiểm chứng {path} lớn hơn giới hạn {limit >> 20} MB.",
                         f"evidence file {path} is larger than the {limit >> 20} MB limit.")
        try:
            check_file("", data)
        except CchcError as exc:
            raise reject(opened, name, f"tệp tài liệu kiểm chứng {path} không phải tài liệu được nhận "
                         f"({exc.params.get('detail', '')}).",
                         f"evidence file {path} is not an accepted document ({exc.params.get('detail_en', '')}).") from exc
        files[sha] = data
    out: list[IncomingEvidence] = []
    used: set[str] = set()
    for uid, doc in docs.items():
        raw_items, raw_expl = doc.get("evidence") or [], doc.get("explanations") or {}
        try:
            if not isinstance(raw_items, list) or not isinstance(raw_expl, dict) or len(raw_items) > 2000:
                raise ValueError("shape")
            items = []
            for e in raw_items:
                if not isinstance(e, dict) or e.get("field") not in score_fields.get(uid, set()):
                    raise ValueError("field")
                ref = e.get("sha256")
                if not isinstance(ref, str) or not _SHA.fullmatch(ref):
                    raise ValueError("sha256")
                when = dt.date.fromisoformat(e["date"]) if e.get("date") else None
                items.append(EvidenceItem(report_id=0, field=e["field"], sha256=ref, name=_text(e.get("name"), exact=False) or ref[:12],
                                          size=0, media_type="", number=_text(e.get("number")), date=when,
                                          title=_text(e.get("title")), page=_text(e.get("page"))))
            explanations = {}
            for k, v in raw_expl.items():
                if k not in score_fields.get(uid, set()):
                    raise ValueError("explanation")
                explanations[k] = _text(v, 5_000)
        except (KeyError, TypeError, ValueError) as exc:
            raise reject(opened, name, "danh mục tài liệu kiểm chứng trong gói không đúng định dạng.",
                         "the list of evidence in the package is malformed.") from exc
        for it in items:
            if it.sha256 not in files and not _usable(ws, it.sha256):
                raise reject(
                    opened, name,
                    f"gói chỉ ghi mã của tệp tài liệu kiểm chứng “{it.name}” ({it.sha256[:12]}…, tiêu chí {it.field}) vì xã "
                    "coi như cơ quan nhận đã có tệp này, nhưng ở đây không có (hoặc bản lưu đã hỏng). Hãy đề nghị xã gửi lại "
                    "đầy đủ tài liệu kiểm chứng: trong chương trình, trang “Chỉ số CCHC” → “Gửi lại đầy đủ tài liệu kiểm "
                    "chứng…”, hoặc lệnh cchc export --all --with-evidence-files; rồi nhận gói mới.",
                    f"the package only names evidence file “{it.name}” ({it.sha256[:12]}…, criterion {it.field}) by its hash "
                    "because the commune believes this office already holds it, but it is not here (or the copy is "
                    "damaged). Ask the commune to send the evidence in full again: in the program, page “Chỉ số CCHC” → "
                    "“Send the evidence files in full again…”, or cchc export --all --with-evidence-files; then import "
                    "the new package.",
                    RejectionReason.REPORT_INVALID)
            used.add(it.sha256)
        out.append(IncomingEvidence(uid, tuple(items), explanations))
    if set(files) - used:
        raise reject(opened, name, "gói có tệp tài liệu kiểm chứng không thuộc tiêu chí nào.",
                     "the package carries evidence files no criterion refers to.")
    return out, files


def _usable(ws: Workspace, sha256: str) -> bool:
    """This installation holds the file, intact on disk (a row alone is not enough: the file
    may have been lost or damaged since)."""
    return ws.evidence_files.has_file(sha256) and ws.evidence_files.file_state(sha256) == "ok"


def _put_carried(ws: Workspace, incoming: IncomingEvidence, files: dict[str, bytes], now: str, *,
                 known_only: bool = False) -> int:
    """Write the carried files this installation lacks or holds damaged; how many.
    ``known_only``: only files it already has a record of (a resend repairs, never adds)."""
    from reports.par_index.filetypes import sniff

    written = 0
    for sha in dict.fromkeys(it.sha256 for it in incoming.items):
        if known_only and not ws.evidence_files.has_file(sha):
            continue
        if sha in files and not _usable(ws, sha):
            ws.evidence_files.put_file(files[sha], sniff("", files[sha]).media_type, now)
            written += 1
    return written


def store_incoming(ws: Workspace, incoming: IncomingEvidence, report_id: int, files: dict[str, bytes], now: str) -> None:
    """Inside the import's transaction: the files (written once) and the links."""
    _put_carried(ws, incoming, files, now)
    for it in incoming.items:
        ws.evidence_files.link(EvidenceItem(**{**it.__dict__, "report_id": report_id}), now)
    for field_id, text in incoming.explanations.items():
        ws.evidence_files.set_explanation(report_id, field_id, text, now)


def restore_incoming(ws: Workspace, incoming: IncomingEvidence, files: dict[str, bytes], now: str) -> int:
    """A report already held came again with its files in full ("Gửi lại đầy đủ tài liệu
    kiểm chứng"): the files lost or damaged here are written again — only files this office
    already has a record of: a resend cannot slip in a file no stored report refers to. How many."""
    return _put_carried(ws, incoming, files, now, known_only=True)


def score_fields_of(ws: Workspace, form_id: str, version: int) -> set[str]:
    try:
        d = ws.forms.get(form_id, version)
    except CchcError:
        return set()
    return {f.id for f in d.iter_fields() if f.type is FieldType.SCORE}
