"""The reviewer's consolidation of one period: every numeric indicator by commune with the
province's total (XLSX), and the Department's own consolidated report (a Decree 30 PDF).

The PDF is the Department's document: issued by the Department, placed at the province's
name, signed by its Director (or a deputy "KT. GIÁM ĐỐC"), copied to the Department's own
recipients — never the commune's wording an installation starts with.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from forms.definition import FieldType
from forms.engine import compute, evaluate
from forms.numbers import format_date
from reports.clock import local_date
from reports.documents.consolidated_model import (
    ConsolidatedDocument,
    IndicatorGroup,
    IndicatorTotal,
    UnitNote,
)
from reports.documents.model import Issuer, Letterhead, SignerBlock
from reports.errors import UsageError
from reports.exchange.board import FORM_ID, BoardState, UnitStatus, latest_reports, status_for_period
from reports.files import write_atomic
from reports.storage.lifecycle import Status
from reports.storage.report import parse_period
from reports.storage.settings import BY_KEY, REVIEWER_DEFAULTS
from reports.storage.unit import COMMUNE_SYMBOL, REVIEWER_SYMBOL, Unit, province_place
from reports.workspace import Workspace


class NothingToConsolidateError(UsageError):
    code = "consolidate.nothing"


@dataclass(frozen=True)
class ConsolidatedSection:
    section_id: str
    title: str
    fields: list[tuple[str, str, str]]  # (id, label, unit)
    rows: list[tuple[str, str, list[Any]]]  # (unit code, unit name, values)
    totals: list[Any]


def consolidate(ws: Workspace, period_code: str, form_id: str = FORM_ID) -> list[ConsolidatedSection]:
    """Every numeric indicator by commune, with a province total; rates are recomputed
    from the totals (a province's on-time rate is not the average of its communes')."""
    reports = [r for r in latest_reports(ws, period_code, form_id).values() if r.status is not Status.RETURNED]
    if not reports:
        raise NothingToConsolidateError(detail=f"Chưa có báo cáo nào của kỳ {period_code} để tổng hợp.",
                         detail_en=f"No report for {period_code} to consolidate yet.")
    d = ws.forms.get(form_id, max(r.form_version for r in reports))
    evaluated = {r.unit_code: evaluate(ws.store.definition(r), r.values).values for r in reports}
    totals_input: dict[str, Any] = {}
    for f in d.iter_fields():
        if f.type in (FieldType.INTEGER, FieldType.DECIMAL, FieldType.SCORE) and not f.computed:
            vals = [v.get(f.id) for v in evaluated.values() if isinstance(v.get(f.id), (int, float))]
            if vals:
                totals_input[f.id] = sum(vals)
    totals = compute(d, totals_input)
    sections = []
    for s in d.sections:
        fields = [f for f in s.fields if f.numeric]
        if not fields:
            continue
        rows = [(r.unit_code, r.unit_name, [evaluated[r.unit_code].get(f.id) for f in fields])
                for r in sorted(reports, key=lambda r: r.unit_code)]
        sections.append(ConsolidatedSection(s.id, s.title, [(f.id, f.label, f.unit) for f in fields], rows,
                                            [totals.get(f.id) for f in fields]))
    return sections


def received_periods(ws: Workspace, form_id: str = FORM_ID) -> list[str]:
    """Periods with at least one report received, newest first."""
    from reports.storage.received import received_periods as stored

    return stored(ws.db, form_id)


# ---------------------------------------------------------------- the workbook


def write_xlsx(sections: list[ConsolidatedSection], period_label: str, target: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    bold = Font(bold=True)
    head_fill = PatternFill("solid", fgColor="DDEBF7")
    for sec in sections:
        ws = wb.create_sheet(title=f"Phần {sec.section_id}"[:31])
        ws.append([f"{sec.section_id}. {sec.title} — {period_label}"])
        ws["A1"].font = Font(bold=True, size=13)
        header = ["Mã đơn vị", "Tên đơn vị"] + [f"{label} ({unit})" if unit else label for _, label, unit in sec.fields]
        ws.append(header)
        for cell in ws[2]:
            cell.font = bold
            cell.fill = head_fill
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        for code, name, values in sec.rows:
            ws.append([code, name, *values])
        ws.append(["", "Tổng cộng toàn tỉnh", *sec.totals])
        for cell in ws[ws.max_row]:
            cell.font = bold
        for i, (_fid, _, unit) in enumerate(sec.fields, start=3):
            fmt = "0.0" if unit == "%" else "#,##0.##"
            for row in ws.iter_rows(min_row=3, min_col=i, max_col=i):
                row[0].number_format = fmt
            ws.column_dimensions[get_column_letter(i)].width = 18
        ws.column_dimensions["A"].width = 11
        ws.column_dimensions["B"].width = 28
        ws.row_dimensions[2].height = 60
        ws.freeze_panes = "C3"
    target.parent.mkdir(parents=True, exist_ok=True)
    wb.save(target)


def write_consolidated_xlsx(ws: Workspace, period_code: str, target: Path, form_id: str = FORM_ID) -> Path:
    period = parse_period(period_code)
    write_xlsx(consolidate(ws, period.code, form_id), period.label(), Path(target))
    return Path(target)


# ---------------------------------------------------------------- the Department's report


def department_signer(unit: Unit) -> SignerBlock:
    """The Director signs in his own name; a deputy signs "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC"."""
    title = unit.signer_title.strip().upper()
    # A reviewer installed before it had titles of its own carries the commune's default.
    if title in ("", "CHỦ TỊCH", "PHÓ CHỦ TỊCH"):
        title = "PHÓ GIÁM ĐỐC" if unit.signer_authority == "KT" else "GIÁM ĐỐC"
    return SignerBlock(authority=unit.authority_line, position=title, name=unit.signer_name)


def department_issuer(unit: Unit) -> Issuer:
    # "Sở Nội vụ Thành phố Hà Nội" is who issues it, "Hà Nội" is where: an installation set up
    # before it had a place of its own carries its name there.
    place = unit.place if unit.place and unit.place != unit.name else province_place(unit.province_name)
    symbol = unit.doc_symbol if unit.doc_symbol and unit.doc_symbol != COMMUNE_SYMBOL else REVIEWER_SYMBOL
    return Issuer(
        body_parent=f"UBND {unit.province_name}".upper(),
        body_name=unit.name.upper(),
        place=place,
        symbol=symbol,
    )


def _setting_lines(ws: Workspace, key: str) -> str:
    value = str(ws.settings.get(key))
    # Settings still at the commune's default name the commune's bodies ("TT Đảng ủy, HĐND
    # xã"): a reviewer that never set its own gets the Department's.
    return REVIEWER_DEFAULTS[key] if value == BY_KEY[key].default else value


def area_of(province_name: str) -> str:
    return "toàn thành phố" if province_name.strip().lower().startswith("thành phố") else "toàn tỉnh"


def _note(status: UnitStatus) -> str:
    if status.state is BoardState.LATE:
        return f"Trễ hạn (nhận ngày {format_date(status.received_on)})" if status.received_on else "Trễ hạn"
    if status.state is BoardState.RETURNED:
        return "Đã trả lại, chờ bản sửa đổi"
    return "Chưa gửi"


def consolidated_document(
    ws: Workspace, period_code: str, form_id: str = FORM_ID, *, created_at: dt.datetime | None = None
) -> ConsolidatedDocument:
    period = parse_period(period_code)
    sections = consolidate(ws, period.code, form_id)
    statuses = status_for_period(ws, period.code, form_id)
    unit = ws.require_unit()
    issued_on = local_date(created_at or ws.clock())
    count = {s: sum(1 for u in statuses if u.state is s) for s in BoardState}
    listed = [u for u in statuses if u.state in (BoardState.MISSING, BoardState.NOT_DUE, BoardState.LATE,
                                                 BoardState.RETURNED)]
    copies = tuple(x.strip() for x in _setting_lines(ws, "copies_to").splitlines() if x.strip())
    archive = tuple(x.strip() for x in _setting_lines(ws, "archive_units").split(",") if x.strip())
    issuer = department_issuer(unit)
    letterhead = Letterhead(
        issuer=issuer,
        signer=department_signer(unit),
        document_type="Báo cáo",
        summary=f"Tổng hợp kết quả công tác cải cách hành chính của các xã, phường {period.label()}",
        symbol=issuer.symbol,
        year=issued_on.year,
        issued_on=issued_on,
        recipient=f"Ủy ban nhân dân {unit.province_name}",
        copies_to=copies,
        archive_units=archive or ("VT",),
    )
    return ConsolidatedDocument(
        letterhead=letterhead,
        office=unit.name,
        area=area_of(unit.province_name),
        period_label=period.label(),
        # A commune not yet using the program owed nothing for this period: neither received
        # nor missing, so it is left out of the count the others are a part of.
        units_total=len(statuses) - count[BoardState.NOT_USING],
        units_received=count[BoardState.ON_TIME] + count[BoardState.LATE] + count[BoardState.ACCEPTED]
        + count[BoardState.RETURNED],
        units_late=count[BoardState.LATE],
        units_returned=count[BoardState.RETURNED],
        units_missing=count[BoardState.MISSING] + count[BoardState.NOT_DUE],
        groups=tuple(
            IndicatorGroup(
                f"{sec.section_id}. {sec.title}",
                tuple(IndicatorTotal(label, unit_text, total)
                      for (_fid, label, unit_text), total in zip(sec.fields, sec.totals, strict=True)),
            )
            for sec in sections
        ),
        listed=tuple(UnitNote(u.unit_code, u.unit_name, _note(u)) for u in sorted(listed, key=lambda u: u.unit_code)),
        author=unit.name,
        created_at=created_at,
    )


def write_consolidated_pdf(ws: Workspace, period_code: str, target: Path, form_id: str = FORM_ID) -> Path:
    from reports.documents.consolidated import render_consolidated

    rendered = render_consolidated(consolidated_document(ws, period_code, form_id))
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, rendered.pdf)
    return target
