"""The monthly briefing (giao ban) on the PAR index: a short Decree 30 document.

Provinces ask communes to go through the year's criteria every month "to fix the criteria
not yet met". This document says where the self-score stands today (per area and overall)
and lists the criteria not yet met, the most points at stake first, with why. It is laid out
by the same renderer as every report (letterhead, number line left blank for the clerk,
signer), from a small definition built here: it is an internal working document, never
filed, so it is not stored as a report.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from forms.definition import parse_definition
from forms.numbers import format_date, format_number
from reports.documents.model import Issuer, ReportDocument, SignerBlock
from reports.documents.render import render_report
from reports.par_index.sheet import ScoreSheet
from reports.storage.unit import Unit

_DEFINITION = """
id = "giao-ban-chi-so-cchc"
version = 1
title = "Giao ban Chỉ số CCHC"
document_type = "BÁO CÁO"
symbol_code = "BC"
summary = "Tình hình thực hiện các tiêu chí Chỉ số cải cách hành chính {period}"
period_kinds = ["year"]

[[sections]]
id = "I"
title = "Kết quả tự chấm điểm đến thời điểm giao ban"

[[sections.fields]]
id = "standing"
type = "narrative"
label = "Tình hình chung"

[[sections.fields]]
id = "areas"
type = "table"
label = "Điểm theo lĩnh vực"

[[sections.fields.columns]]
id = "area"
type = "text"
label = "Lĩnh vực"

[[sections.fields.columns]]
id = "points"
type = "decimal"
label = "Điểm"

[[sections.fields.columns]]
id = "max"
type = "decimal"
label = "Tối đa"

[[sections]]
id = "II"
title = "Các tiêu chí chưa đạt, cần khắc phục"

[[sections.fields]]
id = "gaps"
type = "table"
label = "Tiêu chí chưa đạt"

[[sections.fields.columns]]
id = "criterion"
type = "text"
label = "Tiêu chí"

[[sections.fields.columns]]
id = "at_stake"
type = "decimal"
label = "Điểm còn thiếu"
total = true

[[sections.fields.columns]]
id = "why"
type = "text"
label = "Lý do"

[[sections.fields]]
id = "next"
type = "narrative"
label = "Nhiệm vụ"
"""


def _why(line: Any) -> str:
    parts = []
    if (line.points or 0) < line.max_points:
        parts.append(f"đạt {format_number(line.points or 0)}/{format_number(line.max_points)}")
    if line.evidence_state in ("missing", "damaged"):
        parts.append("thiếu tài liệu kiểm chứng")
    return "; ".join(parts)


def briefing_values(sheet: ScoreSheet, today: dt.date) -> dict[str, Any]:
    gaps = sheet.gaps()
    met = sum(1 for line in sheet.lines if line.self_scored and line.met)
    scored = sum(1 for line in sheet.lines if line.self_scored)
    return {
        "standing": (
            f"Đến ngày {format_date(today)}, Ủy ban nhân dân xã tự chấm được {format_number(sheet.total)}/"
            f"{format_number(sheet.max_points)} điểm; {met}/{scored} tiêu chí thành phần tự chấm đã đạt tối đa và có "
            f"tài liệu kiểm chứng; {len(gaps)} tiêu chí chưa đạt (danh sách dưới đây, xếp theo số điểm còn thiếu)."
        ),
        "areas": [{"area": t, "points": p, "max": m} for _, t, p, m in sheet.area_totals],
        "gaps": [
            {"criterion": f"{g.field.group.split(' ', 1)[0]} {g.field.label}".strip(), "at_stake": g.at_stake,
             "why": _why(g)}
            for g in gaps
        ],
        "next": ("Các bộ phận được giao khẩn trương hoàn thiện tài liệu kiểm chứng, khắc phục các tiêu chí chưa đạt "
                 "và báo cáo kết quả tại cuộc giao ban tháng sau."),
    }


def briefing_pdf(sheet: ScoreSheet, unit: Unit, today: dt.date, *, demo: bool = False) -> bytes:
    """The briefing document as a (draft, unsigned) PDF; ``demo``: "MẪU" on it (sample data)."""
    d = parse_definition(_DEFINITION, source="giao-ban")
    parent = "ỦY BAN NHÂN DÂN"
    doc = ReportDocument(
        definition=d,
        values=briefing_values(sheet, today),
        period=sheet.report.period,
        issuer=Issuer(body_parent=parent, body_name=unit.name.upper(), place=unit.place or unit.short_name,
                      symbol=unit.doc_symbol),
        signer=SignerBlock(authority=unit.authority_line, position=unit.position_line, name=unit.signer_name),
        recipient="",
        number=None,
        issued_on=today,
        copies_to=("Các thành viên dự giao ban;",),
        archive_units=("VT", "VHXH"),
        draft=False,
        demo=demo,
        author_unit_code=unit.code,
        unit_name=unit.name,
    )
    return render_report(doc).pdf
