"""The criteria-set template a province fills in: a workbook with the layout of
``criteria_sheet``, filled from an existing criteria set so a province starts from last year's."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from forms.model import FieldType, FormDefinition
from forms.scoring import TieBreak
from reports.appraisal.criteria_sheet import (
    AREA,
    BANDS_SHEET,
    COLUMNS,
    CRITERIA_SHEET,
    CRITERION,
    INFO_ROWS,
    INFO_SHEET,
    LEVELS,
    METHOD_NAMES,
    NO,
    OFFSET_WORDS,
    PERIOD_NAMES,
    SUB,
    TEXT,
    YES,
    number_text,
)
from reports.files import write_atomic


def _deadline_text(day: int, month: int, offset: int) -> str:
    return f"{day:02d}/{month:02d}{OFFSET_WORDS[offset]}"


def _split_group(group: str) -> tuple[str, str]:
    """"1.1. Kế hoạch CCHC năm" → ("1.1", "Kế hoạch CCHC năm")."""
    m = re.match(r"^(\d+(?:\.\d+)*)\.?\s+(.*)$", group)
    return (m.group(1), m.group(2)) if m else ("", group)


def template_rows(definition: FormDefinition | None) -> list[dict[str, Any]]:
    """The rows of the "Tiêu chí" sheet for ``definition`` (none for an empty template)."""
    if definition is None:
        return []
    method_name = {v: k for k, v in METHOD_NAMES.items()}
    period_name = {v: k for k, v in PERIOD_NAMES.items()}
    rows: list[dict[str, Any]] = []
    for section in definition.sections:
        rows.append({"level": AREA, "code": section.id, "title": section.title, "label_en": section.title_en,
                     "max_points": section.max_points or None})
        current_group = None
        n = 0
        for i, f in enumerate(section.fields):
            if f.type is FieldType.NARRATIVE:
                rows.append({"level": TEXT, "field_id": f.id, "title": f.label, "help": f.help, "label_en": f.label_en})
                continue
            if f.type is not FieldType.SCORE:
                continue
            if f.group != current_group:
                current_group = f.group
                code, title = _split_group(f.group)
                run = []
                for g in section.fields[i:]:
                    if g.type is FieldType.SCORE and g.group != f.group:
                        break
                    run.append(g)
                points = sum(g.max_points or 0 for g in run if g.type is FieldType.SCORE)
                rows.append({"level": CRITERION, "code": code, "title": title, "max_points": points})
                n = 0
            n += 1
            crit_code = _split_group(f.group)[0]
            m = f.method
            row: dict[str, Any] = {
                "level": SUB, "code": f"{crit_code}.{n}" if crit_code else str(n), "field_id": f.id, "title": f.label,
                "max_points": f.max_points, "method": method_name[(m.kind, m.scored_by)],
                "guide": m.guide, "help": f.help, "label_en": f.label_en,
                "value_unit": "",
            }
            if m.levels:
                row["levels"] = "; ".join(f"{lv.label} = {number_text(lv.points)}" for lv in m.levels)
            if m.formula is not None:
                fm = m.formula
                row.update(form=fm.form, period_kind=period_name.get(fm.period_kind, fm.period_kind),
                           expression=fm.expression.source,
                           thresholds="; ".join(f"{number_text(t.at_least)} = {number_text(t.points)}" for t in fm.thresholds),
                           otherwise=fm.otherwise, value_unit=fm.unit)
            if f.evidence is not None:
                ev = f.evidence
                row.update(documents=ev.documents, mandatory=YES if ev.mandatory else NO, own_reports=ev.own_reports)
                if ev.deadline is not None:
                    row["deadline"] = _deadline_text(ev.deadline.day, ev.deadline.month, ev.deadline.year_offset)
            rows.append(row)
    return rows


def write_template(path: Path, definition: FormDefinition | None = None) -> None:
    """Write the template, filled from ``definition`` when given."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = CRITERIA_SHEET
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for col, (_key, header, width, note) in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=1, column=col, value=header)
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.comment = Comment(note, "Báo cáo CCHC")
        ws.column_dimensions[cell.column_letter].width = width
    ws.freeze_panes = "E2"
    for r, row in enumerate(template_rows(definition), start=2):
        for col, (key, *_rest) in enumerate(COLUMNS, start=1):
            value = row.get(key)
            if value not in (None, ""):
                ws.cell(row=r, column=col, value=value)
        if row["level"] in (AREA, CRITERION):
            for col in range(1, len(COLUMNS) + 1):
                ws.cell(row=r, column=col).font = bold
    levels = DataValidation(type="list", formula1='"' + ",".join(LEVELS) + '"', allow_blank=True)
    methods = DataValidation(type="list", formula1='"' + ",".join(METHOD_NAMES) + '"', allow_blank=True)
    ws.add_data_validation(levels)
    ws.add_data_validation(methods)
    levels.add("A2:A2000")
    methods.add("F2:F2000")

    bands = wb.create_sheet(BANDS_SHEET)
    for col, header in enumerate(("Mã", "Xếp loại", "Từ (điểm)"), start=1):
        bands.cell(row=1, column=col, value=header).font = bold
    bands.column_dimensions["A"].width, bands.column_dimensions["B"].width = 14, 24
    if definition is not None and definition.scoring is not None:
        for r, band in enumerate(definition.scoring.bands, start=2):
            bands.cell(row=r, column=1, value=band.code)
            bands.cell(row=r, column=2, value=band.label)
            bands.cell(row=r, column=3, value=band.at_least)

    info = wb.create_sheet(INFO_SHEET)
    for col, header in enumerate(("Mục", "Giá trị", "Hướng dẫn"), start=1):
        info.cell(row=1, column=col, value=header).font = bold
    info.column_dimensions["A"].width, info.column_dimensions["B"].width, info.column_dimensions["C"].width = 34, 70, 60
    for r, (label, value, hint) in enumerate(_info_rows(definition), start=2):
        info.cell(row=r, column=1, value=label)
        info.cell(row=r, column=2, value=value)
        info.cell(row=r, column=3, value=hint)
    path = Path(path)
    buffer = io.BytesIO()
    wb.save(buffer)
    write_atomic(path, buffer.getvalue(), suffix=".partial")


def _info_rows(d: FormDefinition | None) -> list[tuple[str, Any, str]]:
    rules = d.scoring if d is not None else None
    values: dict[str, Any] = {
        "title": d.title if d else "Phiếu tự chấm điểm Chỉ số cải cách hành chính cấp xã",
        "document_type": d.document_type if d else "BÁO CÁO",
        "symbol_code": d.symbol_code if d else "BC",
        "summary": d.summary if d else "Kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính {period}",
        "note": d.note if d else "",
        "total": rules.total if rules else 100,
        "tie_break": ("Đồng hạng" if rules and rules.tie_break is TieBreak.SHARED else "Theo lĩnh vực"),
        "area_order": ", ".join(rules.area_order) if rules else "",
        "rescale": YES if rules and rules.rescale_without_survey else NO,
    }
    out: list[tuple[str, Any, str]] = []
    for key, label, hint in INFO_ROWS:
        if key == "legal_basis":
            for basis in (d.legal_basis if d else ()) or ("",):
                out.append((label, basis, hint))
            continue
        out.append((label, values[key], hint))
    return out
