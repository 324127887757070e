"""The reviewer's view of a province: who sent what, who is late or missing, and the
consolidated figures."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from forms.definition import FieldType, FormDefinition
from forms.engine import compute, evaluate
from forms.periods import Period
from reports.admin_units import UnitCatalog
from reports.clock import local_date, parse_iso
from reports.errors import UsageError
from reports.storage.lifecycle import Status
from reports.storage.store import Report
from reports.workspace import Workspace


class BoardState(StrEnum):
    NOT_DUE = "not_due"
    MISSING = "missing"
    ON_TIME = "on_time"
    LATE = "late"
    RETURNED = "returned"
    ACCEPTED = "accepted"

    @property
    def label_vi(self) -> str:
        return {
            "not_due": "Chưa đến hạn", "missing": "Chưa gửi", "on_time": "Đúng hạn", "late": "Trễ hạn",
            "returned": "Đã trả lại", "accepted": "Đã chấp nhận",
        }[self.value]

    @property
    def label_en(self) -> str:
        return {
            "not_due": "Not yet due", "missing": "Missing", "on_time": "On time", "late": "Late",
            "returned": "Returned", "accepted": "Accepted",
        }[self.value]


@dataclass(frozen=True)
class UnitStatus:
    unit_code: str
    unit_name: str
    state: BoardState
    report_id: int | None = None
    revision: int | None = None
    received_on: dt.date | None = None


def expected_units(ws: Workspace) -> list[tuple[str, str]]:
    """The communes of the reviewer's province, from the official 2025 list, plus any unit
    that has sent us something (a unit added after the list was made still shows)."""
    unit = ws.require_unit()
    catalog = UnitCatalog.load()
    units: dict[str, str] = {}
    try:
        units = {c.code: c.name for c in catalog.communes(unit.province_code or unit.code[:2])}
    except KeyError:
        units = {}
    for code, name in ws.db.execute("SELECT DISTINCT unit_code, unit_name FROM reports WHERE origin = 'imported'"):
        units.setdefault(code, name)
    return sorted(units.items())


def latest_reports(ws: Workspace, period: str, form_id: str = "cchc-xa") -> dict[str, Report]:
    """The newest revision per unit for one period and form."""
    out: dict[str, Report] = {}
    for r in ws.store.list(period=period, latest_only=True):
        if r.form_id == form_id and r.origin == "imported":
            out[r.unit_code] = r
    return out


def board_state(ws: Workspace, period: Period, report: Report | None, today: dt.date) -> BoardState:
    due = ws.policy().deadline(period)
    if report is None:
        return BoardState.NOT_DUE if today <= due else BoardState.MISSING
    if report.status is Status.ACCEPTED:
        return BoardState.ACCEPTED
    if report.status is Status.RETURNED:
        return BoardState.RETURNED
    sent = local_date(parse_iso(report.sent_at)) if report.sent_at else today
    return BoardState.LATE if sent > due else BoardState.ON_TIME


def status_for_period(ws: Workspace, period_code: str, form_id: str = "cchc-xa") -> list[UnitStatus]:
    from reports.storage.store import parse_period

    period = parse_period(period_code)
    today = local_date(ws.clock())
    reports = latest_reports(ws, period.code, form_id)
    out = []
    for code, name in expected_units(ws):
        r = reports.get(code)
        out.append(UnitStatus(
            code, name, board_state(ws, period, r, today), r.id if r else None, r.revision if r else None,
            local_date(parse_iso(r.sent_at)) if r and r.sent_at else None,
        ))
    return out


# ---------------------------------------------------------------- consolidation


@dataclass(frozen=True)
class ConsolidatedSection:
    section_id: str
    title: str
    fields: list[tuple[str, str, str]]  # (id, label, unit)
    rows: list[tuple[str, str, list[Any]]]  # (unit code, unit name, values)
    totals: list[Any]


def _numeric_fields(d: FormDefinition) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {}
    for s in d.sections:
        fields = [f for f in s.fields if f.type in (FieldType.INTEGER, FieldType.DECIMAL, FieldType.PERCENTAGE, FieldType.SCORE)]
        if fields:
            out[s.id] = fields
    return out


def consolidate(ws: Workspace, period_code: str, form_id: str = "cchc-xa") -> list[ConsolidatedSection]:
    """Every numeric indicator by commune, with a province total; rates are recomputed
    from the totals (a province's on-time rate is not the average of its communes')."""
    reports = [r for r in latest_reports(ws, period_code, form_id).values() if r.status is not Status.RETURNED]
    if not reports:
        raise UsageError(detail=f"Chưa có báo cáo nào của kỳ {period_code} để tổng hợp.",
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
