"""The Department's report on the year's commune PAR index (Decree 30 layout): "Báo cáo kết
quả xác định Chỉ số cải cách hành chính cấp xã năm …" with every commune's score, rank and
class, and how many communes fall in each class. Plain values in (``RankingDocument``): this
module knows no database or appraisal.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import BaseDocTemplate, Flowable, KeepTogether, Spacer, Table, TableStyle

from forms.numbers import format_number
from reports.documents.content import nfc, para
from reports.documents.fonts import REGULAR
from reports.documents.letterhead import (
    canvas_maker,
    closing,
    document_template,
    document_title,
    header,
    page_number,
    styles,
    title_block,
)
from reports.documents.model import Letterhead, RenderedDocument
from reports.documents.styles import TEXT_WIDTH


@dataclass(frozen=True)
class RankedUnit:
    rank: int
    code: str
    name: str
    score: float
    class_label: str
    areas: tuple[float | None, ...]  # in the order of ``RankingDocument.area_titles``


@dataclass(frozen=True)
class RankingDocument:
    letterhead: Letterhead
    year_label: str  # "năm 2026"
    office: str
    criteria_title: str
    total: float
    area_titles: tuple[str, ...]  # "1", "2" … with their titles, for the legend
    area_codes: tuple[str, ...]
    units: tuple[RankedUnit, ...]  # best first
    class_counts: tuple[tuple[str, int], ...]  # (label, communes) in band order
    rescaled: bool
    author: str = ""
    created_at: dt.datetime | None = None


def _grid(font_size: float = 9) -> TableStyle:
    # Named font in every cell: a table left to reportlab's default writes Helvetica (not embedded).
    return TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("FONTSIZE", (0, 0), (-1, -1), font_size),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
    ])


def opening(doc: RankingDocument) -> str:
    counts = "; ".join(f"{label}: {n} đơn vị" for label, n in doc.class_counts)
    rescale = (" Do không tổ chức điều tra xã hội học, điểm thẩm định được quy đổi về thang "
               f"{format_number(doc.total)} điểm theo bộ tiêu chí." if doc.rescaled else "")
    return (f"Thực hiện {doc.criteria_title}, {doc.office} đã thẩm định kết quả tự đánh giá, chấm điểm của "
            f"{len(doc.units)} xã, phường {doc.year_label}.{rescale} Kết quả xếp loại: {counts}. "
            "Kết quả xác định Chỉ số cải cách hành chính và xếp hạng của từng đơn vị như sau:")


def render_ranking(doc: RankingDocument) -> RenderedDocument:
    s = styles()
    lh = doc.letterhead
    boxes: list[tuple[int, tuple[float, float, float, float]]] = []
    story: list[Flowable] = [header(lh, s), *title_block(lh, s), para(opening(doc), s.body)]
    head = [para("Hạng", s.cell_head), para("Mã", s.cell_head), para("Tên đơn vị", s.cell_head)]
    head += [para(code, s.cell_head) for code in doc.area_codes]
    head += [para("Chỉ số", s.cell_head), para("Xếp loại", s.cell_head)]
    rows: list[list[Any]] = [head]
    for u in doc.units:
        row = [para(str(u.rank), s.cell_center), para(u.code, s.cell_center), para(nfc(u.name), s.cell)]
        row += [para("—" if a is None else format_number(round(a, 2)), s.cell_right) for a in u.areas]
        row += [para(format_number(round(u.score, 2)), s.cell_right), para(nfc(u.class_label), s.cell)]
        rows.append(row)
    fixed = TEXT_WIDTH * (0.07 + 0.09 + 0.25 + 0.1 + 0.12)
    area_w = (TEXT_WIDTH - fixed) / max(len(doc.area_codes), 1)
    widths = [TEXT_WIDTH * 0.07, TEXT_WIDTH * 0.09, TEXT_WIDTH * 0.25, *([area_w] * len(doc.area_codes)),
              TEXT_WIDTH * 0.1, TEXT_WIDTH * 0.12]
    story.append(Table(rows, colWidths=widths, style=_grid(), repeatRows=1))
    story.append(para("Ghi chú: các cột " + "; ".join(doc.area_titles) + ".", s.body))
    block = closing(lh, s, lambda page, rect: boxes.append((page, rect)))
    story.append(KeepTogether([Spacer(1, 10), block]))

    def decorate(canv: Any, _template: BaseDocTemplate) -> None:
        if canv.getPageNumber() > 1:
            page_number(canv, canv.getPageNumber())

    buffer = io.BytesIO()
    template = document_template(buffer, title=document_title(lh), author=nfc(doc.author or lh.issuer.body_name),
                                 subject=nfc(lh.summary), created_at=doc.created_at, on_page_end=decorate)
    template.build(story, canvasmaker=canvas_maker(doc.created_at))
    if not boxes:  # pragma: no cover - the room is always drawn
        raise AssertionError("the signature room was not drawn")
    return RenderedDocument(pdf=buffer.getvalue(), signature_box=boxes[-1], pages=template.page)
