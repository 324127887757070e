"""The province's consolidated CCHC report, issued by the reviewing office (Decree 30 layout).

The page furniture — issuing body, national title, number and date, title block, "Nơi
nhận" and the signer's block — is the one ``reports.documents.render`` draws for a commune's
report; only the content differs: the province's total of every numeric indicator (rates
recomputed from the totals by ``review.consolidate``), how many communes reported, and the
communes whose report is missing or came late.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from pathlib import Path
from typing import Any

from reports.clock import local_date
from reports.exchange import review
from reports.storage.store import parse_period
from reports.workspace import Workspace

FORM_ID = "cchc-xa"


@dataclasses.dataclass(frozen=True)
class ConsolidatedReport:
    period_code: str
    sections: list[review.ConsolidatedSection]
    statuses: list[review.UnitStatus]

    @property
    def reported(self) -> list[review.UnitStatus]:
        sent = (review.BoardState.ON_TIME, review.BoardState.LATE, review.BoardState.ACCEPTED)
        return [s for s in self.statuses if s.state in sent]

    @property
    def missing(self) -> list[review.UnitStatus]:
        return [s for s in self.statuses if s.state in (review.BoardState.MISSING, review.BoardState.NOT_DUE)]

    @property
    def late(self) -> list[review.UnitStatus]:
        return [s for s in self.statuses if s.state is review.BoardState.LATE]

    @property
    def returned(self) -> list[review.UnitStatus]:
        return [s for s in self.statuses if s.state is review.BoardState.RETURNED]


def gather(ws: Workspace, period_code: str) -> ConsolidatedReport:
    period = parse_period(period_code)
    return ConsolidatedReport(
        period.code, review.consolidate(ws, period.code), review.status_for_period(ws, period.code)
    )


def _number(value: Any, unit: str) -> str:
    from forms.numbers import format_number

    if not isinstance(value, (int, float)):
        return "—"
    return format_number(round(value, 2)) + (" %" if unit == "%" else "")


def render_consolidated(ws: Workspace, period_code: str, *, created_at: dt.datetime | None = None) -> bytes:
    from reportlab.lib import colors
    from reportlab.platypus import (
        BaseDocTemplate,
        Frame,
        KeepTogether,
        PageTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    import reports
    from reports.documents import render
    from reports.documents.content import nfc, para
    from reports.documents.model import Issuer, ReportDocument, SignerBlock
    from reports.documents.styles import (
        MARGIN_BOTTOM,
        MARGIN_LEFT,
        MARGIN_RIGHT,
        MARGIN_TOP,
        PAGE_HEIGHT,
        PAGE_WIDTH,
        TEXT_WIDTH,
    )

    data = gather(ws, period_code)
    unit = ws.require_unit()
    period = parse_period(period_code)
    definitions = [d for d in ws.forms.list() if d.id == FORM_ID]
    definition = max(definitions, key=lambda d: d.version)
    definition = dataclasses.replace(
        definition, summary="Tổng hợp kết quả công tác cải cách hành chính của các xã, phường {period}"
    )
    copies = tuple(x.strip() for x in ws.settings.get("copies_to").splitlines() if x.strip())
    doc = ReportDocument(
        definition=definition,
        values={},
        period=period,
        issuer=Issuer(
            body_parent=f"UBND {unit.province_name.upper()}",
            body_name=unit.name.upper(),
            place=unit.place or unit.short_name,
            symbol=unit.doc_symbol if "SNV" in unit.doc_symbol else "BC-SNV",
        ),
        signer=SignerBlock(
            authority="KT. GIÁM ĐỐC" if unit.signer_title.upper().startswith("PHÓ") else "",
            position=unit.signer_title or "GIÁM ĐỐC",
            name=unit.signer_name,
        ),
        recipient=f"Ủy ban nhân dân {unit.province_name}",
        issued_on=local_date(created_at or ws.clock()),
        copies_to=copies if copies and "xã" not in copies[0] else ("Như trên", "Bộ Nội vụ (để báo cáo)"),
        archive_units=("VT", "CCHC"),
        draft=False,
        unit_name=unit.name,
        created_at=created_at,
    )
    s = render._styles()
    boxes: list[tuple[int, tuple[float, float, float, float]]] = []
    story: list[Any] = [
        render._header(doc, s, doc.issued_on.year if doc.issued_on else period.year),
        *render._title_block(doc, s),
    ]
    total_units = len(data.statuses)
    story.append(
        para(
            f"Kỳ báo cáo {period.label()}, Sở Nội vụ đã nhận báo cáo của {len(data.reported) + len(data.returned)}/"
            f"{total_units} xã, phường; {len(data.late)} báo cáo gửi trễ hạn, {len(data.returned)} báo cáo đã trả lại "
            f"để chỉnh sửa, {len(data.missing)} đơn vị chưa gửi. Số liệu tổng hợp toàn tỉnh như sau:",
            s.body,
        )
    )
    grid = TableStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ]
    )
    widths = [TEXT_WIDTH * 0.62, TEXT_WIDTH * 0.13, TEXT_WIDTH * 0.25]
    for sec in data.sections:
        story.append(para(f"{sec.section_id}. {nfc(sec.title)}", s.heading))
        rows = [
            [para("Chỉ tiêu", s.cell_head), para("Đơn vị tính", s.cell_head), para("Toàn tỉnh", s.cell_head)]
        ]
        for (_fid, label, unit_text), total in zip(sec.fields, sec.totals, strict=True):
            rows.append(
                [
                    para(label, s.cell),
                    para(unit_text or "", s.cell_center),
                    para(_number(total, unit_text), s.cell_right),
                ]
            )
        story.append(Table(rows, colWidths=widths, style=grid, repeatRows=1))
    story.append(para("Danh sách xã, phường chưa gửi hoặc gửi trễ hạn", s.heading))
    listed = (
        [(u, "Chưa gửi") for u in data.missing]
        + [
            (u, f"Trễ hạn (gửi ngày {u.received_on:%d/%m/%Y})" if u.received_on else "Trễ hạn")
            for u in data.late
        ]
        + [(u, "Đã trả lại, chờ bản sửa đổi") for u in data.returned]
    )
    if listed:
        rows = [
            [
                para("STT", s.cell_head),
                para("Mã", s.cell_head),
                para("Tên đơn vị", s.cell_head),
                para("Tình trạng", s.cell_head),
            ]
        ]
        for i, (u, text) in enumerate(sorted(listed, key=lambda x: x[0].unit_code), start=1):
            rows.append(
                [
                    para(str(i), s.cell_center),
                    para(u.unit_code, s.cell_center),
                    para(u.unit_name, s.cell),
                    para(text, s.cell),
                ]
            )
        w = TEXT_WIDTH
        story.append(
            Table(rows, colWidths=[w * 0.08, w * 0.12, w * 0.45, w * 0.35], style=grid, repeatRows=1)
        )
    else:
        story.append(para("Tất cả các xã, phường đã gửi báo cáo đúng hạn.", s.body))
    closing = render._closing(doc, s, lambda page, rect: boxes.append((page, rect)))
    story.append(KeepTogether([Spacer(1, 10), closing]))

    def decorate(canv: Any, _template: Any) -> None:
        if canv.getPageNumber() > 1:
            render._page_number(canv, canv.getPageNumber())

    buffer = io.BytesIO()
    template = BaseDocTemplate(
        buffer,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=render.document_title(doc),
        author=nfc(unit.name),
        subject=render.summary_text(doc),
        creator=f"Báo cáo CCHC {reports.__version__}",
        lang="vi-VN",
        displayDocTitle=True,
        invariant=1 if created_at is not None else 0,
        initialFontName=render.REGULAR,
        initialFontSize=13,
    )
    frame = Frame(
        MARGIN_LEFT,
        MARGIN_BOTTOM,
        TEXT_WIDTH,
        PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    template.addPageTemplates([PageTemplate(id="page", frames=[frame], onPageEnd=decorate)])
    template.build(story, canvasmaker=render._canvas_maker(created_at))
    return buffer.getvalue()


def write_consolidated_pdf(ws: Workspace, period_code: str, target: Path) -> Path:
    pdf = render_consolidated(ws, period_code)
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_bytes(pdf)
    tmp.replace(target)
    return target


__all__ = ["ConsolidatedReport", "gather", "render_consolidated", "write_consolidated_pdf"]
