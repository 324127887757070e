"""Attaching evidence (tài liệu kiểm chứng) to a scoring report's sub-criteria.

A file is checked by its content (reports/par_index/filetypes.py) and its size (the
``evidence_max_mb`` setting) before anything is stored; a signed PDF's signer and signing
time are read once, when it is added (pyHanko, as ``cchc verify`` does). The commune's own
signed reports can serve as evidence without a file being picked: their signed PDF is
attached with their number and date. Everything here changes a draft only.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from forms.definition import Field, FieldType, FormDefinition
from forms.engine import plain_text
from forms.numbers import format_date, parse_date
from reports.clock import iso
from reports.errors import CchcError
from reports.par_index.filetypes import PDF, check_file
from reports.storage.evidence import EvidenceItem, EvidenceStore
from reports.storage.lifecycle import NotEditableError
from reports.storage.report import Report
from reports.storage.store import ReportStore

if TYPE_CHECKING:
    from cryptography import x509

MAX_META = 500  # number, title and page are short texts


class NotScoringReportError(CchcError):
    code = "evidence.not_scoring"
    vi = "Báo cáo số {report_id} không phải phiếu chấm điểm Chỉ số CCHC: chỉ phiếu chấm điểm mới có tài liệu kiểm chứng."
    en = "Report {report_id} is not a PAR-index scoring report: only scoring reports have evidence."


class NotACriterionError(CchcError):
    code = "evidence.unknown_criterion"
    vi = "Phiếu chấm điểm không có tiêu chí “{field}”. Xem mã các tiêu chí bằng lệnh: cchc score show {report_id}"
    en = "The scoring sheet has no criterion “{field}”. List them with: cchc score show {report_id}"


class EvidenceTooLargeError(CchcError):
    code = "evidence.too_large"
    vi = ("Tệp “{name}” nặng {size} MB, quá giới hạn {limit} MB cho mỗi tài liệu kiểm chứng. Hãy giảm dung lượng "
          "(in ra PDF chất lượng thấp hơn, chụp ảnh nhỏ hơn) hoặc tách thành nhiều tệp.")
    en = ("File “{name}” is {size} MB, over the {limit} MB limit for one evidence file. Make it smaller "
          "(print to a lower-quality PDF, a smaller photo) or split it into several files.")
    exit_code = 1


class EvidenceUnreadableError(CchcError):
    code = "evidence.unreadable"
    vi = "Không đọc được tệp “{name}”: {reason}. Hãy kiểm tra đường dẫn và quyền đọc tệp."
    en = "Cannot read file “{name}”: {reason}. Check the path and that the file can be read."


class EvidenceNotFoundError(CchcError):
    code = "evidence.not_found"
    vi = "Tiêu chí “{field}” của báo cáo số {report_id} không có tài liệu {sha256}. Xem danh sách: cchc evidence list {report_id}"
    en = "Criterion “{field}” of report {report_id} has no evidence {sha256}. List it with: cchc evidence list {report_id}"


class EvidenceMetadataError(CchcError):
    code = "evidence.metadata"
    vi = "{detail}"
    en = "{detail_en}"
    exit_code = 1


class OwnReportNotSignedError(CchcError):
    code = "evidence.own_report_unsigned"
    vi = "Báo cáo số {source_id} chưa được ký số: hãy ký báo cáo đó trước khi dùng làm tài liệu kiểm chứng."
    en = "Report {source_id} is not signed: sign it before using it as evidence."


@dataclass(frozen=True)
class Metadata:
    """What the official says about a document: "Số 12/KH-UBND ngày 20/12/2025, trang 3"."""

    number: str = ""
    date: dt.date | None = None
    title: str = ""
    page: str = ""

    @classmethod
    def parse(cls, number: str = "", date: str = "", title: str = "", page: str = "") -> Metadata:
        plain = [plain_text(x or "") for x in (number, title, page)]
        clean = [x for x in plain if x is not None]
        if len(clean) != len(plain):
            raise EvidenceMetadataError(detail="Số hiệu, tên hoặc trang của tài liệu có ký tự điều khiển: hãy gõ lại.",
                                        detail_en="Number, title or page holds control characters: type it again.")
        if any(len(x) > MAX_META for x in clean):
            raise EvidenceMetadataError(detail=f"Số hiệu, tên và trang của tài liệu mỗi mục tối đa {MAX_META} ký tự.",
                                        detail_en=f"Number, title and page are at most {MAX_META} characters each.")
        when = None
        if date and date.strip():
            try:
                when = parse_date(date)
            except ValueError:
                raise EvidenceMetadataError(
                    detail=f"Ngày ban hành “{date}” không đúng: hãy viết ngày/tháng/năm, ví dụ 20/12/2025.",
                    detail_en=f"Date “{date}” is not valid: write dd/mm/yyyy, e.g. 20/12/2025.",
                ) from None
        return cls(clean[0], when, clean[1], clean[2])


@dataclass(frozen=True)
class SignatureInfo:
    signer: str
    signed_at: dt.datetime | None


def read_signature(data: bytes, roots: Sequence[x509.Certificate]) -> SignatureInfo | None:
    """The last signature of a signed PDF, or None (unsigned, or unreadable signatures)."""
    from reports.signing.errors import PdfUnreadableError
    from reports.signing.verify import verify_pdf

    try:
        found = verify_pdf(data, roots)
    except PdfUnreadableError:
        return None
    if not found:
        return None
    last = found[-1]
    return SignatureInfo(last.signer_name, last.signing_time)


@dataclass(frozen=True)
class OwnReport:
    """A signed report of the commune that can prove a criterion (its number, date, title)."""

    report_id: int
    form_id: str  # a criterion may name the form whose reports prove it (``own_reports``)
    number: str  # "05/BC-UBND", or "" when it has none
    issued_on: dt.date | None
    title: str
    revision: int

    def label(self) -> str:
        head = f"Số {self.number}" + (f" ngày {format_date(self.issued_on)}" if self.issued_on else "") if self.number else ""
        rev = f" (lần {self.revision})" if self.revision > 1 else ""
        return f"{head} — {self.title}{rev}" if head else f"{self.title}{rev}"


class EvidenceService:
    """Evidence of one installation's scoring reports."""

    def __init__(self, store: ReportStore, files: EvidenceStore, *, max_bytes: int,
                 trust_roots: Callable[[], Sequence[x509.Certificate]] = list) -> None:
        self.store, self.files, self.max_bytes, self.trust_roots = store, files, max_bytes, trust_roots

    def _criterion(self, report: Report, field_id: str, *, editing: bool) -> tuple[FormDefinition, Field]:
        d = self.store.definition(report)
        if d.kind != "scoring":
            raise NotScoringReportError(report_id=report.id)
        try:
            f = d.field(field_id)
        except KeyError:
            raise NotACriterionError(field=field_id, report_id=report.id) from None
        if f.type is not FieldType.SCORE:
            raise NotACriterionError(field=field_id, report_id=report.id)
        if editing and not report.editable:
            raise NotEditableError(current=report.status.label_vi, current_en=report.status.label_en, report_id=report.id)
        return d, f

    def add_file(self, report_id: int, field_id: str, path: Path, meta: Metadata = Metadata()) -> EvidenceItem:
        path = Path(path)
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise EvidenceUnreadableError(name=path.name, reason=exc.strerror or str(exc)) from exc
        self._check_size(path.name, size)  # before reading a huge file into memory
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise EvidenceUnreadableError(name=path.name, reason=exc.strerror or str(exc)) from exc
        return self.add_bytes(report_id, field_id, path.name, data, meta)

    def _check_size(self, name: str, size: int) -> None:
        if size > self.max_bytes:
            mb = 1024 * 1024
            raise EvidenceTooLargeError(name=name, size=f"{size / mb:.1f}".replace(".", ","), limit=self.max_bytes // mb)

    def add_bytes(self, report_id: int, field_id: str, name: str, data: bytes, meta: Metadata = Metadata(), *,
                  source_report_uid: str | None = None) -> EvidenceItem:
        report = self.store.get(report_id)
        self._criterion(report, field_id, editing=True)
        name = unicodedata.normalize("NFC", Path(name).name)[:200] or "tai-lieu"
        self._check_size(name, len(data))
        kind = check_file(name, data)
        sig = read_signature(data, self.trust_roots()) if kind.media_type == PDF else None
        now = iso(self.store.clock())
        item = EvidenceItem(
            report_id=report.id, field=field_id, sha256="", name=name, size=len(data), media_type=kind.media_type,
            number=meta.number, date=meta.date, title=meta.title, page=meta.page, source_report_uid=source_report_uid,
        )
        with self.store.db.atomic():
            digest = self.files.put_file(
                data, kind.media_type, now, signer=sig.signer if sig else None,
                signed_at=iso(sig.signed_at) if sig and sig.signed_at else None,
            )
            item = EvidenceItem(**{**item.__dict__, "sha256": digest})
            self.files.link(item, now)
        return next(i for i in self.files.items(report.id, field_id) if i.sha256 == digest)

    def add_own_report(self, report_id: int, field_id: str, source_id: int, page: str = "") -> EvidenceItem:
        """The commune's own signed report as evidence, with its number and date."""
        source = self.store.get(source_id)
        pdf = self.store.signed_pdf(source_id)
        if pdf is None or source.unit_code != self.store.unit.code:
            raise OwnReportNotSignedError(source_id=source_id)
        d = self.store.definition(source)
        number = f"{source.doc_number:02d}/{d.symbol_code}-UBND" if source.doc_number else ""
        title = f"{d.document_type.capitalize()} {d.summary.format(period=source.period.label())}"
        meta = Metadata(number, source.issued_on, title[:MAX_META], page)
        name = f"{d.id}-{source.period.code}-lan-{source.revision}.pdf"
        return self.add_bytes(report_id, field_id, name, pdf, meta, source_report_uid=source.uid)

    def own_report_choices(self, report_id: int) -> list[OwnReport]:
        """The commune's own signed reports of the scoring report's year (not scoring sheets),
        the latest revision of each period first by period: what ``add_own_report`` takes."""
        report = self.store.get(report_id)
        latest: dict[tuple[str, str], Report] = {}
        for r in self.store.list(year=report.period.year, unit_code=self.store.unit.code):
            if r.signed_pdf_sha256 is None or self.store.definition(r).kind == "scoring":
                continue
            key = (r.form_id, r.period.code)
            if key not in latest or r.revision > latest[key].revision:
                latest[key] = r
        out = []
        for r in sorted(latest.values(), key=lambda x: (x.period.code, x.form_id)):
            d = self.store.definition(r)
            number = f"{r.doc_number:02d}/{d.symbol_code}-UBND" if r.doc_number else ""
            out.append(OwnReport(r.id, r.form_id, number, r.issued_on, d.summary.format(period=r.period.label()), r.revision))
        return out

    def remove(self, report_id: int, field_id: str, sha256: str) -> None:
        report = self.store.get(report_id)
        self._criterion(report, field_id, editing=True)
        with self.store.db.atomic():
            if not self.files.unlink(report.id, field_id, sha256.lower(), iso(self.store.clock())):
                raise EvidenceNotFoundError(field=field_id, report_id=report_id, sha256=sha256)

    def list(self, report_id: int) -> list[EvidenceItem]:
        report = self.store.get(report_id)
        if self.store.definition(report).kind != "scoring":
            raise NotScoringReportError(report_id=report_id)
        return self.files.items(report.id)

    def explain(self, report_id: int, field_id: str, text: str) -> None:
        report = self.store.get(report_id)
        self._criterion(report, field_id, editing=True)
        clean = plain_text(text)
        if clean is None:
            raise EvidenceMetadataError(detail="Nội dung giải trình có ký tự điều khiển: hãy gõ lại.",
                                        detail_en="The explanation holds control characters: type it again.")
        text = clean
        if len(text) > 5_000:
            raise EvidenceMetadataError(detail="Nội dung giải trình tối đa 5.000 ký tự.",
                                        detail_en="An explanation is at most 5,000 characters.")
        with self.store.db.atomic():
            self.files.set_explanation(report.id, field_id, text, iso(self.store.clock()))


def describe(item: EvidenceItem) -> str:
    """"Số 12/KH-UBND ngày 20/12/2025 — Kế hoạch CCHC năm 2026 (trang 3)"."""
    parts = []
    if item.number:
        parts.append(f"Số {item.number}")
    if item.date:
        parts.append(f"ngày {format_date(item.date)}")
    head = " ".join(parts)
    title = item.title or item.name
    page = f" ({item.page})" if item.page else ""
    return f"{head} — {title}{page}" if head else f"{title}{page}"
