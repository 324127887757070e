"""What a report document is made of: the form and its values, who issues it, who signs.

``ReportDocument`` is everything ``render_report`` needs, and nothing it has to look up;
``RenderedDocument`` is the PDF and where on it the signature goes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from forms.definition import FormDefinition
from forms.periods import Period


@dataclass(frozen=True)
class Issuer:
    """The issuing body as written top left, and the place written before the date."""

    body_parent: str  # "ỦY BAN NHÂN DÂN"
    body_name: str  # "XÃ TÂN PHÚ"
    place: str  # "Tân Phú" in "Tân Phú, ngày 05 tháng 02 năm 2027"
    # "BC-UBND" as written after the number; a bare "UBND" is prefixed with the form's
    # symbol code ("BC"), so a scoring sheet and a report can share one issuer.
    symbol: str = "BC-UBND"


@dataclass(frozen=True)
class SignerBlock:
    authority: str  # "TM. ỦY BAN NHÂN DÂN", or "KT. CHỦ TỊCH" for a deputy
    position: str  # "CHỦ TỊCH" / "PHÓ CHỦ TỊCH"
    name: str


@dataclass(frozen=True)
class EvidenceRow:
    """One line of a scoring report's annex "Danh mục tài liệu kiểm chứng"."""

    criterion: str  # "1.1. Ban hành kế hoạch CCHC năm đúng thời hạn"
    number: str
    date: dt.date | None
    title: str
    page: str


@dataclass(frozen=True)
class ReportDocument:
    definition: FormDefinition
    values: Mapping[str, Any]  # already evaluated, computed fields included
    period: Period
    issuer: Issuer
    signer: SignerBlock
    recipient: str = ""  # "Sở Nội vụ tỉnh Đồng Nai" → "Kính gửi: Sở Nội vụ tỉnh Đồng Nai"
    number: int | None = None  # None leaves "Số:      /BC-UBND" blank for the clerk
    issued_on: dt.date | None = None  # None leaves day and month blank
    copies_to: tuple[str, ...] = ()  # "Nơi nhận", without the archive line
    archive_units: tuple[str, ...] = ("VT", "VHXH")  # → "- Lưu: VT, VHXH."
    draft: bool = True  # a draft carries a "BẢN NHÁP" watermark on every page
    demo: bool = False  # from a demo installation (sample data): "MẪU" on every page and in the metadata
    revision: int = 1  # > 1 adds "Bản sửa đổi lần N-1" under the summary
    author_unit_code: str = ""  # metadata only
    unit_name: str = ""  # metadata: the PDF's author
    # A fixed creation time makes the PDF byte-for-byte reproducible; None means now.
    created_at: dt.datetime | None = None
    evidence: tuple[EvidenceRow, ...] = ()  # a scoring report's annex
    explanations: tuple[tuple[str, str], ...] = ()  # (criterion, explanation) without evidence

    def __post_init__(self) -> None:
        if self.number is not None and self.number < 1:
            raise ValueError(f"document number must be 1 or more, got {self.number}")
        if self.revision < 1:
            raise ValueError(f"revision must be 1 or more, got {self.revision}")


@dataclass(frozen=True)
class RenderedDocument:
    pdf: bytes
    # (page index from 0, (x1, y1, x2, y2) in PDF points from the bottom left): the empty
    # room between the signer's position and name, where the visible signature goes.
    signature_box: tuple[int, tuple[float, float, float, float]]
    pages: int


@dataclass(frozen=True)
class Letterhead:
    """The furniture of any document an office issues, as plain values: who issues it, its
    number and date, its type and summary, to whom, who signs and who gets copies."""

    issuer: Issuer
    signer: SignerBlock
    document_type: str  # "Báo cáo"
    summary: str  # the period already written in
    symbol: str  # the whole symbol after the number: "BC-UBND", "BC-SNV"
    year: int  # the year written when the date is left blank
    number: int | None = None
    issued_on: dt.date | None = None
    recipient: str = ""
    revision: int = 1
    copies_to: tuple[str, ...] = ()
    archive_units: tuple[str, ...] = ("VT",)
