"""The reviewing office's consolidated CCHC report of one period (Decree 30 layout).

The page furniture is the one every document of the office carries (``letterhead``); the
content: how many communes reported, the province's total of every numeric indicator, and
the communes whose report is missing, late or returned. Everything comes in as plain values
(``ConsolidatedDocument``): this module knows no packages, board or database.
"""

from __future__ import annotations

import io
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import BaseDocTemplate, Flowable, KeepTogether, Spacer, Table, TableStyle

from forms.numbers import format_number
from reports.documents.consolidated_model import ConsolidatedDocument
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
from reports.documents.model import RenderedDocument
from reports.documents.styles import TEXT_WIDTH


def _number(value: Any, unit: str) -> str:
    if not isinstance(value, (int, float)):
        return "—"
    return format_number(round(value, 2)) + (" %" if unit == "%" else "")


def _grid() -> TableStyle:
    # A table left to reportlab's default cell font writes Helvetica into the page (not
    # embedded) even when every cell is a Paragraph: name ours.
    return TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), REGULAR),
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ]
    )


def opening(doc: ConsolidatedDocument) -> str:
    """The sentence before the tables: who reported, who is late, who has not."""
    return (
        f"Kỳ báo cáo {doc.period_label}, {doc.office} đã nhận báo cáo của "
        f"{doc.units_received}/{doc.units_total} xã, phường; {doc.units_late} báo cáo gửi trễ hạn, "
        f"{doc.units_returned} báo cáo đã trả lại để chỉnh sửa, {doc.units_missing} đơn vị chưa gửi. "
        f"Số liệu tổng hợp {doc.area} như sau:"
    )


def render_consolidated(doc: ConsolidatedDocument) -> RenderedDocument:
    s = styles()
    lh = doc.letterhead
    boxes: list[tuple[int, tuple[float, float, float, float]]] = []
    story: list[Flowable] = [header(lh, s), *title_block(lh, s), para(opening(doc), s.body)]
    widths = [TEXT_WIDTH * 0.62, TEXT_WIDTH * 0.13, TEXT_WIDTH * 0.25]
    column = doc.area[:1].upper() + doc.area[1:]
    for group in doc.groups:
        story.append(para(nfc(group.title), s.heading))
        rows: list[list[Any]] = [
            [para("Chỉ tiêu", s.cell_head), para("Đơn vị tính", s.cell_head), para(column, s.cell_head)]
        ]
        for item in group.totals:
            rows.append(
                [
                    para(item.label, s.cell),
                    para(item.unit or "", s.cell_center),
                    para(_number(item.value, item.unit), s.cell_right),
                ]
            )
        story.append(Table(rows, colWidths=widths, style=_grid(), repeatRows=1))
    story.append(para("Danh sách xã, phường chưa gửi, gửi trễ hạn hoặc bị trả lại", s.heading))
    if doc.listed:
        rows = [
            [
                para("STT", s.cell_head),
                para("Mã", s.cell_head),
                para("Tên đơn vị", s.cell_head),
                para("Tình trạng", s.cell_head),
            ]
        ]
        for i, u in enumerate(doc.listed, start=1):
            rows.append(
                [
                    para(str(i), s.cell_center),
                    para(u.code, s.cell_center),
                    para(u.name, s.cell),
                    para(u.note, s.cell),
                ]
            )
        w = TEXT_WIDTH
        story.append(Table(rows, colWidths=[w * 0.08, w * 0.12, w * 0.45, w * 0.35], style=_grid(), repeatRows=1))
    else:
        story.append(para("Tất cả các xã, phường đã gửi báo cáo đúng hạn.", s.body))
    block = closing(lh, s, lambda page, rect: boxes.append((page, rect)))
    story.append(KeepTogether([Spacer(1, 10), block]))

    def decorate(canv: Any, _template: BaseDocTemplate) -> None:
        if canv.getPageNumber() > 1:
            page_number(canv, canv.getPageNumber())

    buffer = io.BytesIO()
    template = document_template(
        buffer,
        title=document_title(lh),
        author=nfc(doc.author or lh.issuer.body_name),
        subject=nfc(lh.summary),
        created_at=doc.created_at,
        on_page_end=decorate,
    )
    template.build(story, canvasmaker=canvas_maker(doc.created_at))
    if not boxes:  # pragma: no cover - the room is always drawn
        raise AssertionError("the signature room was not drawn")
    return RenderedDocument(pdf=buffer.getvalue(), signature_box=boxes[-1], pages=template.page)


__all__ = ["opening", "render_consolidated"]
