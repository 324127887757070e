"""Points the province gives every commune at once — the sociological survey, and criteria
appraised without a self-score — from a workbook with one row per commune.

``write_survey_template`` lists the communes that sent a scoring report and one column per
province-scored sub-criterion; ``import_survey`` reads it back, all or nothing: one wrong
cell refuses the whole file, named by row and column.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from forms.model import Field
from forms.numbers import format_number
from forms.scoring import ScoredBy
from reports.appraisal.criteria_sheet import NotAWorkbookError
from reports.appraisal.errors import SurveySheetError
from reports.appraisal.ranking import bases_for
from reports.appraisal.scores import check_open, require_reviewer, scoring_form_for
from reports.clock import iso
from reports.files import write_atomic
from reports.storage import appraisal as table
from reports.storage import audit
from reports.storage.appraisal import AppraisedPoints
from reports.workbooks import UnreadableWorkbookError, open_workbook
from reports.workspace import Workspace

UNIT_HEADER, NAME_HEADER = "Mã đơn vị", "Tên đơn vị"


@dataclass(frozen=True)
class SurveyImport:
    form_id: str
    period: str
    communes: int
    values: int


def province_scored(ws: Workspace, form_id: str, period: str) -> tuple[list[Field], dict[str, Any]]:
    bases, round_ = bases_for(ws, form_id, period)
    if not bases:
        return [], {}
    version = max(b.row.form_version for b in bases.values())
    d = ws.forms.get(form_id, version)
    return [f for f in d.scored_fields() if not f.self_scored], {"bases": bases, "round": round_}


def _header(f: Field) -> str:
    return f"{f.label} [{f.id}] (tối đa {format_number(f.max_points or 0)})"


def write_survey_template(ws: Workspace, period: str, target: Path, form_id: str | None = None) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    require_reviewer(ws)
    form_id = scoring_form_for(ws, period, form_id)
    fields, ctx = province_scored(ws, form_id, period)
    existing = table.points_for(ws.db, form_id, period)
    wb = Workbook()
    sheet = wb.active
    assert sheet is not None
    sheet.title = "Điểm tỉnh chấm"
    sheet.append([UNIT_HEADER, NAME_HEADER, *[_header(f) for f in fields]])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for code, basis in sorted(ctx.get("bases", {}).items()):
        mine = existing.get(code, {})
        sheet.append([code, basis.row.unit_name, *[mine[f.id].points if f.id in mine else None for f in fields]])
    sheet.column_dimensions["B"].width = 30
    buffer = io.BytesIO()
    wb.save(buffer)
    write_atomic(Path(target), buffer.getvalue(), suffix=".partial")
    return Path(target)


def _points(cell: Any) -> float | None:
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return None
    if isinstance(cell, bool):
        raise ValueError
    if isinstance(cell, (int, float)):
        return float(cell)
    t = str(cell).strip().replace(" ", "")
    return float(t.replace(".", "").replace(",", ".") if "," in t else t)


def import_survey(ws: Workspace, source: Path, period: str, form_id: str | None = None) -> SurveyImport:
    require_reviewer(ws)
    form_id = scoring_form_for(ws, period, form_id)
    round_ = table.get_round(ws.db, form_id, period)
    check_open(round_, form_id, period)
    fields, ctx = province_scored(ws, form_id, period)
    by_id = {f.id: f for f in fields}
    name = Path(source).name
    try:
        wb = open_workbook(Path(source).read_bytes())
    except (UnreadableWorkbookError, OSError) as exc:
        raise NotAWorkbookError(file=name) from exc
    sheet = wb.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [str(h or "").strip() for h in next(rows, ())]
    if UNIT_HEADER not in header:
        raise SurveySheetError(file=name, row=1, column=UNIT_HEADER, reason="thiếu cột mã đơn vị. Hãy dùng tệp mẫu (cchc appraise survey-template).",
                               reason_en="the unit code column is missing. Start from the template (cchc appraise survey-template).")
    columns: dict[int, Field] = {}
    for i, h in enumerate(header):
        if h in (UNIT_HEADER, NAME_HEADER) or not h:
            continue
        m = re.search(r"\[([a-z0-9_]+)\]", h)
        fid = m.group(1) if m else h
        if fid not in by_id:
            raise SurveySheetError(file=name, row=1, column=h, reason="không phải tiêu chí do tỉnh chấm của bộ tiêu chí này.",
                                   reason_en="not a province-scored criterion of this criteria set.")
        columns[i] = by_id[fid]
    bases = ctx.get("bases", {})
    unit_col = header.index(UNIT_HEADER)
    now = iso(ws.clock())
    out: list[AppraisedPoints] = []
    seen: dict[str, int] = {}
    for r, row in enumerate(rows, start=2):
        cells = list(row)
        code = str(cells[unit_col] if unit_col < len(cells) and cells[unit_col] is not None else "").strip()
        if isinstance(cells[unit_col] if unit_col < len(cells) else None, (int, float)):
            code = f"{int(cells[unit_col]):05d}"  # a spreadsheet turned "00070" into 70
        if not code:
            if any(c not in (None, "") for c in cells):
                raise SurveySheetError(file=name, row=r, column=UNIT_HEADER, reason="thiếu mã đơn vị.", reason_en="the unit code is missing.")
            continue
        if code not in bases:
            raise SurveySheetError(file=name, row=r, column=UNIT_HEADER, reason=f"chưa nhận phiếu chấm điểm kỳ {period} của đơn vị {code}.",
                                   reason_en=f"no scoring report for {period} was received from unit {code}.")
        if code in seen:
            raise SurveySheetError(file=name, row=r, column=UNIT_HEADER, reason=f"đơn vị {code} đã có ở dòng {seen[code]}.",
                                   reason_en=f"unit {code} is already on row {seen[code]}.")
        seen[code] = r
        for i, f in columns.items():
            raw = cells[i] if i < len(cells) else None
            try:
                value = _points(raw)
            except ValueError:
                value = -1.0
            if value is None:
                continue
            if not 0 <= value <= (f.max_points or 0) + 1e-9:
                raise SurveySheetError(file=name, row=r, column=header[i],
                                       reason=f"điểm “{raw}” phải từ 0 đến {format_number(f.max_points or 0)}.",
                                       reason_en=f"points “{raw}” must be from 0 to {f.max_points or 0:g}.")
            kind = "survey" if f.method.scored_by is ScoredBy.SURVEY else "appraisal"
            out.append(AppraisedPoints(code, f.id, round(value, 4), None, "", kind, ws.actor, now))
    with ws.db.atomic():
        table.set_points(ws.db, form_id, period, out)
        audit.append(ws.db, at=now, actor=ws.actor, report_id=None, action="appraisal_survey_imported",
                     detail={"form": form_id, "period": period, "file": name, "communes": len(seen), "values": len(out)})
    return SurveyImport(form_id, period, len(seen), len(out))
