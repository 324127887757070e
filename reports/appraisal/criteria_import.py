"""Reading a filled criteria-set template back into a form definition.

The rows become definition text (TOML), parsed and checked like any definition file; what a
person can type wrong is caught first and named by sheet, row and column with what to fix.
Nothing is installed here: the caller installs the definition once it is read.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from forms.definition import parse_definition
from forms.expressions import Expression, ExpressionError
from forms.model import DefinitionError, FormDefinition
from forms.scoring import MethodKind, ScoredBy, TieBreak
from reports.appraisal.criteria_sheet import (
    AREA,
    BANDS_SHEET,
    COLUMNS,
    CRITERIA_SHEET,
    CRITERION,
    HEADERS,
    INFO_ROWS,
    INFO_SHEET,
    LEVELS,
    METHOD_NAMES,
    PERIOD_NAMES,
    REQUIRED_COLUMNS,
    TEXT,
    TIE_NAMES,
    CriteriaSheetError,
    NotAWorkbookError,
    SheetPlace,
    number_text,
)
from reports.workbooks import UnreadableWorkbookError, open_workbook


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFC", str(value)).strip()


def _parse_number(text: str) -> float | None:
    """A number typed the Vietnamese way ("1,5", "1.234,5") or the English way ("1.5")."""
    t = text.strip().replace(" ", "")
    if not t:
        return None
    if "," in t:
        t = t.replace(".", "").replace(",", ".")
    try:
        return float(t)
    except ValueError:
        return None


def _number(where: SheetPlace, row: int, column: str, value: Any) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise where.fail(row, column, "cần một số.", "a number is needed.")
    if isinstance(value, (int, float)):
        return float(value)
    n = _parse_number(_text(value))
    if n is None:
        raise where.fail(row, column, f"“{_text(value)}” không phải là số.", f"“{_text(value)}” is not a number.")
    return n


def _pairs(where: SheetPlace, row: int, column: str, text: str) -> list[tuple[str, float]]:
    """"A = 2; B = 1,5" → [("A", 2.0), ("B", 1.5)]."""
    out = []
    for part in re.split(r"[;\n]", text):
        part = part.strip()
        if not part:
            continue
        label, sep, points = part.rpartition("=")
        if not sep:
            label, sep, points = part.rpartition(":")
        n = _parse_number(points) if sep else None
        if not sep or n is None or not label.strip():
            raise where.fail(row, column, f"“{part}” cần viết dạng “nội dung = điểm”.",
                             f"“{part}” must be written as “text = points”.")
        out.append((label.strip().lstrip("≥>=").strip(), n))
    return out


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"{value:g}" if isinstance(value, float) else str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid TOML basic string
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml(v)}" for k, v in value.items()) + " }"
    raise TypeError(value)


def _header_map(where: SheetPlace, header_row: Iterable[Any]) -> dict[str, int]:
    by_header = {unicodedata.normalize("NFC", _text(h)).casefold(): i for i, h in enumerate(header_row) if _text(h)}
    found: dict[str, int] = {}
    for key, header, _, _ in COLUMNS:
        i = by_header.get(header.casefold())
        if i is not None:
            found[key] = i
    for key in REQUIRED_COLUMNS:
        if key not in found:
            raise where.fail(1, HEADERS[key], "thiếu cột này ở dòng tiêu đề. Hãy dùng tệp mẫu (cchc forms template-xlsx).",
                             "this column is missing from the header row. Start from the template (cchc forms template-xlsx).")
    return found


def _generated_id(code: str) -> str:
    return "tc_" + re.sub(r"[^0-9]+", "_", code).strip("_")


def read_template(source: Path | bytes, form_id: str, version: int, *, name: str = "") -> FormDefinition:
    """The criteria set a filled template describes, checked; raises CriteriaSheetError."""
    label = name or (Path(source).name if isinstance(source, Path) else "bảng tính")
    data = Path(source).read_bytes() if isinstance(source, Path) else source
    try:
        wb = open_workbook(data)
    except UnreadableWorkbookError as exc:
        raise NotAWorkbookError(file=label) from exc
    for sheet in (CRITERIA_SHEET,):
        if sheet not in wb.sheetnames:
            raise CriteriaSheetError(file=label, sheet=sheet, row=1, column="—",
                                     reason="không có trang này. Hãy dùng tệp mẫu (cchc forms template-xlsx).",
                                     reason_en="the sheet is missing. Start from the template (cchc forms template-xlsx).")
    lines: list[str] = [f"id = {_toml(form_id)}", f"version = {version}", 'kind = "scoring"']
    info = _read_info(SheetPlace(label, INFO_SHEET), wb[INFO_SHEET] if INFO_SHEET in wb.sheetnames else None)
    bands = _read_bands(SheetPlace(label, BANDS_SHEET), wb[BANDS_SHEET] if BANDS_SHEET in wb.sheetnames else None)
    sections, field_rows, total = _read_criteria(SheetPlace(label, CRITERIA_SHEET), wb[CRITERIA_SHEET])
    if abs(total - info["total"]) > 0.005:
        raise CriteriaSheetError(
            file=label, sheet=INFO_SHEET, row=info["rows"]["total"], column="Giá trị",
            reason=f"tổng điểm ghi {number_text(info['total'])} nhưng các tiêu chí thành phần cộng lại {number_text(total)}. Hãy sửa điểm tối đa hoặc tổng điểm.",
            reason_en=f"the total says {info['total']:g} but the sub-criteria add up to {total:g}. Fix a maximum or the total.")
    for key in ("title", "document_type", "symbol_code", "summary", "note"):
        if info[key]:
            lines.append(f"{key} = {_toml(info[key])}")
    lines.append('period_kinds = ["year"]')
    if info["legal_basis"]:
        lines.append(f"legal_basis = {_toml(info['legal_basis'])}")
    lines += ["", "[scoring]", f"total = {_toml(info['total'])}", f"tie_break = {_toml(info['tie_break'].value)}"]
    if info["area_order"]:
        lines.append(f"area_order = {_toml(info['area_order'])}")
    lines.append(f"rescale_without_survey = {_toml(info['rescale'])}")
    for code, band_label, at_least in bands:
        lines += ["", "[[scoring.bands]]", f"code = {_toml(code)}", f"label = {_toml(band_label)}", f"at_least = {_toml(at_least)}"]
    lines += sections
    text = "\n".join(lines) + "\n"
    try:
        return parse_definition(text, source=label)
    except DefinitionError as exc:
        # The sheet checks above catch what a person types wrong; what remains is named by
        # the field it concerns, found back through the definition path.
        row = _row_for(exc.where, field_rows)
        raise CriteriaSheetError(file=label, sheet=CRITERIA_SHEET, row=row, column="—",
                                 reason=f"{exc.reason} ({exc.where})", reason_en=f"{exc.reason} ({exc.where})") from exc


def _row_for(where: str, field_rows: list[tuple[int, int, int]]) -> int:
    m = re.match(r"sections\[(\d+)\]\.fields\[(\d+)\]", where or "")
    if m:
        si, fi = int(m.group(1)), int(m.group(2))
        for s, f, row in field_rows:
            if (s, f) == (si, fi):
                return row
    return 1


def _read_info(where: SheetPlace, sheet: Any) -> dict[str, Any]:
    labels = {label.casefold(): key for key, label, _ in INFO_ROWS}
    out: dict[str, Any] = {"title": "Phiếu tự chấm điểm Chỉ số cải cách hành chính cấp xã", "document_type": "BÁO CÁO",
                           "symbol_code": "BC", "summary": "Kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính {period}",
                           "note": "", "total": 100.0, "tie_break": TieBreak.AREAS, "area_order": [], "rescale": False,
                           "legal_basis": [], "rows": {"total": 1}}
    if sheet is None:
        return out
    for r, row in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
        if not row or not _text(row[0]):
            continue
        key = labels.get(_text(row[0]).casefold())
        value = row[1] if len(row) > 1 else None
        if key is None:
            raise where.fail(r, "Mục", f"không biết mục “{_text(row[0])}”. Các mục: " + ", ".join(lbl for _, lbl, _ in INFO_ROWS) + ".",
                             f"unknown setting “{_text(row[0])}”.")
        out["rows"][key] = r
        if key == "legal_basis":
            if _text(value):
                out["legal_basis"].append(_text(value))
        elif key == "total":
            n = _number(where, r, "Giá trị", value)
            if n is None or n <= 0:
                raise where.fail(r, "Giá trị", "tổng điểm phải là số lớn hơn 0.", "the total must be a number above 0.")
            out["total"] = n
        elif key == "tie_break":
            t = _text(value) or "Theo lĩnh vực"
            match = {k.casefold(): v for k, v in TIE_NAMES.items()}.get(t.casefold())
            if match is None:
                raise where.fail(r, "Giá trị", f"ghi “Theo lĩnh vực” hoặc “Đồng hạng”, không phải “{t}”.",
                                 f"write “Theo lĩnh vực” or “Đồng hạng”, not “{t}”.")
            out["tie_break"] = match
        elif key == "area_order":
            out["area_order"] = [a.strip() for a in _text(value).split(",") if a.strip()]
        elif key == "rescale":
            out["rescale"] = _yes_no(where, r, "Giá trị", value)
        else:
            out[key] = _text(value)
    return out


def _yes_no(where: SheetPlace, row: int, column: str, value: Any) -> bool:
    t = _text(value).casefold()
    if t in ("", "không", "khong", "no", "false", "0"):
        return False
    if t in ("có", "co", "yes", "true", "1", "x"):
        return True
    raise where.fail(row, column, f"ghi “Có” hoặc “Không”, không phải “{_text(value)}”.", f"write “Có” or “Không”, not “{_text(value)}”.")


def _read_bands(where: SheetPlace, sheet: Any) -> list[tuple[str, str, float]]:
    if sheet is None:
        return []
    bands: list[tuple[str, str, float]] = []
    for r, row in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
        cells = [*row, None, None, None]
        if not any(_text(c) for c in cells[:3]):
            continue
        code, label, at_least = _text(cells[0]), _text(cells[1]), _number(where, r, "Từ (điểm)", cells[2])
        if not re.match(r"^[a-z][a-z0-9_]{0,62}$", code):
            raise where.fail(r, "Mã", f"mã “{code}” chỉ gồm chữ thường không dấu, số và _ (ví dụ xuat_sac).",
                             f"code “{code}” may hold lowercase letters, digits and _ only (e.g. xuat_sac).")
        if not label:
            raise where.fail(r, "Xếp loại", "thiếu tên xếp loại.", "the band's name is missing.")
        if at_least is None or at_least < 0:
            raise where.fail(r, "Từ (điểm)", "cần số điểm từ 0 trở lên.", "a number of points from 0 up is needed.")
        if bands and at_least >= bands[-1][2]:
            raise where.fail(r, "Từ (điểm)", "xếp từ cao xuống thấp: mỗi dòng phải thấp hơn dòng trên.",
                             "list bands from the highest down: each row below the one above.")
        bands.append((code, label, at_least))
    return bands


def _read_criteria(where: SheetPlace, sheet: Any) -> tuple[list[str], list[tuple[int, int, int]], float]:
    """TOML lines of the sections, (section index, field index, row) of each field, and the total."""
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None)
    if header is None:
        raise where.fail(1, "—", "trang trống. Hãy dùng tệp mẫu (cchc forms template-xlsx).",
                         "the sheet is empty. Start from the template (cchc forms template-xlsx).")
    cols = _header_map(where, header)
    out: list[str] = []
    field_rows: list[tuple[int, int, int]] = []
    sections: list[dict[str, Any]] = []  # id, row, expected, points, fields
    criterion: dict[str, Any] | None = None
    criteria: list[dict[str, Any]] = []
    ids: dict[str, int] = {}
    total = 0.0
    level_names = {name.casefold(): name for name in LEVELS}

    for r, raw in enumerate(rows, start=2):
        cells = list(raw)

        def cell(key: str, cells: list[Any] = cells) -> Any:
            i = cols.get(key)
            return cells[i] if i is not None and i < len(cells) else None

        if not any(_text(c) for c in cells):
            continue
        level = level_names.get(_text(cell("level")).casefold())
        if level is None:
            raise where.fail(r, HEADERS["level"], f"ghi một trong: {', '.join(LEVELS)} (không phải “{_text(cell('level'))}”).",
                             f"write one of: {', '.join(LEVELS)} (not “{_text(cell('level'))}”).")
        code, title = _text(cell("code")), _text(cell("title"))
        if not title:
            raise where.fail(r, HEADERS["title"], "thiếu tên.", "the name is missing.")
        expected = _number(where, r, HEADERS["max_points"], cell("max_points"))
        if level == AREA:
            if not code:
                raise where.fail(r, HEADERS["code"], "lĩnh vực cần mã (1, 2, … hoặc I, II, …).", "an area needs a code.")
            if any(s["id"] == code for s in sections):
                raise where.fail(r, HEADERS["code"], f"mã lĩnh vực “{code}” đã dùng ở dòng trên.", f"area code “{code}” is used twice.")
            sections.append({"id": code, "row": r, "expected": expected, "points": 0.0, "fields": 0})
            criterion = None
            out += ["", "[[sections]]", f"id = {_toml(code)}", f"title = {_toml(title)}"]
            if _text(cell("label_en")):
                out.append(f"title_en = {_toml(_text(cell('label_en')))}")
            continue
        if not sections:
            raise where.fail(r, HEADERS["level"], "dòng này phải nằm dưới một dòng “Lĩnh vực”.", "this row must come under an area row.")
        section = sections[-1]
        if level == CRITERION:
            criterion = {"group": f"{code}. {title}" if code else title, "row": r, "expected": expected, "points": 0.0, "code": code}
            criteria.append(criterion)
            continue
        field_id = _text(cell("field_id"))
        if level == TEXT:
            field_id = field_id or f"noi_dung_{len(ids) + 1}"
        elif not field_id:
            if not code:
                raise where.fail(r, HEADERS["code"], "cần mã (1.1.1) hoặc mã trường.", "a code (1.1.1) or a field id is needed.")
            field_id = _generated_id(code)
        if not re.match(r"^[a-z][a-z0-9_]{0,62}$", field_id):
            raise where.fail(r, HEADERS["field_id"], f"“{field_id}” chỉ gồm chữ thường không dấu, số và _, bắt đầu bằng chữ.",
                             f"“{field_id}” may hold lowercase letters, digits and _ only, starting with a letter.")
        if field_id in ids:
            raise where.fail(r, HEADERS["field_id"], f"mã trường “{field_id}” đã dùng ở dòng {ids[field_id]}.",
                             f"field id “{field_id}” is already used on row {ids[field_id]}.")
        ids[field_id] = r
        field_rows.append((len(sections) - 1, section["fields"], r))
        section["fields"] += 1
        out += ["", "[[sections.fields]]", f"id = {_toml(field_id)}"]
        if level == TEXT:
            out += ['type = "narrative"', f"label = {_toml(title)}"]
            out += _optional(cell, ("help", "label_en"))
            continue
        if criterion is None:
            raise where.fail(r, HEADERS["level"], "tiêu chí thành phần phải nằm dưới một dòng “Tiêu chí”.",
                             "a sub-criterion must come under a criterion row.")
        if expected is None or expected <= 0:
            raise where.fail(r, HEADERS["max_points"], "tiêu chí thành phần cần điểm tối đa lớn hơn 0.",
                             "a sub-criterion needs a maximum above 0.")
        out += ['type = "score"', f"group = {_toml(criterion['group'])}", f"label = {_toml(title)}",
                f"max_points = {_toml(expected)}", 'unit = "điểm"']
        inline, tables = _method_lines(where, r, cell, expected)
        out += inline + _optional(cell, ("help", "label_en")) + tables + _evidence_lines(where, r, cell)
        criterion["points"] += expected
        section["points"] += expected
        total += expected
    for item, what in [(c, "tiêu chí") for c in criteria] + [(s, "lĩnh vực") for s in sections]:
        if item["expected"] is not None and abs(item["expected"] - item["points"]) > 0.005:
            raise where.fail(item["row"], HEADERS["max_points"],
                             f"{what} ghi {number_text(item['expected'])} điểm nhưng các dòng con cộng lại {number_text(item['points'])}. Hãy sửa cho khớp.",
                             f"the {'criterion' if what == 'tiêu chí' else 'area'} says {item['expected']:g} points but its rows add up to {item['points']:g}.")
    if not sections:
        raise where.fail(2, HEADERS["level"], "chưa có lĩnh vực nào.", "there is no area yet.")
    return out, field_rows, total


def _optional(cell: Any, keys: tuple[str, ...]) -> list[str]:
    names = {"help": "help", "label_en": "label_en", "guide": "guide"}
    return [f"{names[k]} = {_toml(_text(cell(k)))}" for k in keys if _text(cell(k))]


def _method_lines(where: SheetPlace, r: int, cell: Any, max_points: float) -> tuple[list[str], list[str]]:
    """The method's keys of the field's own table, and its ``reports`` sub-table."""
    name = _text(cell("method")) or "Số điểm"
    by_name = {k.casefold(): v for k, v in METHOD_NAMES.items()}
    by_code = {k.value: (k, ScoredBy.APPRAISAL if k is MethodKind.NOT_SELF_SCORED else None) for k in MethodKind}
    found = by_name.get(name.casefold()) or by_code.get(name)
    if found is None:
        raise where.fail(r, HEADERS["method"], f"ghi một trong: {', '.join(METHOD_NAMES)} (không phải “{name}”).",
                         f"write one of: {', '.join(METHOD_NAMES)} (not “{name}”).")
    kind, scored_by = found
    lines = [] if kind is MethodKind.NUMBER else [f"method = {_toml(kind.value)}"]
    lines += _optional(cell, ("guide",))
    if kind is MethodKind.LEVELS:
        text = _text(cell("levels"))
        if not text:
            raise where.fail(r, HEADERS["levels"], "cách chấm “Theo mức” cần các mức, ví dụ: Đúng hạn = 2; Chậm = 1; Không = 0.",
                             "“Theo mức” needs levels, e.g. On time = 2; Late = 1; None = 0.")
        levels = _pairs(where, r, HEADERS["levels"], text)
        for label, points in levels:
            if points > max_points + 1e-9 or points < 0:
                raise where.fail(r, HEADERS["levels"], f"mức “{label}” được {number_text(points)} điểm, vượt điểm tối đa {number_text(max_points)} (hoặc âm).",
                                 f"level “{label}” is worth {points:g}, above the maximum {max_points:g} (or negative).")
        if max(p for _, p in levels) != max_points:
            raise where.fail(r, HEADERS["levels"], f"mức cao nhất phải bằng điểm tối đa ({number_text(max_points)}).",
                             f"the best level must be worth the maximum ({max_points:g}).")
        lines.append("levels = " + _toml([{"label": lbl, "points": p} for lbl, p in levels]))
    elif kind is MethodKind.REPORTS:
        return lines, _formula_lines(where, r, cell, max_points)
    elif kind is MethodKind.NOT_SELF_SCORED and scored_by is not None:
        lines.append(f"scored_by = {_toml(scored_by.value)}")
    return lines, []


def _formula_lines(where: SheetPlace, r: int, cell: Any, max_points: float) -> list[str]:
    form = _text(cell("form"))
    if not re.match(r"^[a-z][a-z0-9-]{0,62}$", form):
        raise where.fail(r, HEADERS["form"], "cần mã biểu báo cáo (ví dụ cchc-xa).", "the report form's id is needed (e.g. cchc-xa).")
    period = _text(cell("period_kind")).casefold() or "tháng"
    period_code = PERIOD_NAMES.get(period, period)
    if period_code not in PERIOD_NAMES.values():
        raise where.fail(r, HEADERS["period_kind"], "ghi tháng, quý, 6 tháng, 9 tháng hoặc năm.", "write tháng, quý, 6 tháng, 9 tháng or năm.")
    expression = _text(cell("expression"))
    try:
        Expression.parse(expression)
    except ExpressionError as exc:
        raise where.fail(r, HEADERS["expression"], f"công thức “{expression}” không hợp lệ: {exc}. Chỉ dùng mã trường, số, + - * /, sum, percent, min, max, count, coalesce.",
                         f"formula “{expression}” is not valid: {exc}.") from exc
    thresholds = _pairs(where, r, HEADERS["thresholds"], _text(cell("thresholds")))
    if not thresholds:
        raise where.fail(r, HEADERS["thresholds"], "cần ít nhất một ngưỡng, ví dụ: 98 = 2; 95 = 1.", "at least one threshold is needed, e.g. 98 = 2; 95 = 1.")
    parsed = []
    for at_least, points in thresholds:
        n = _parse_number(at_least)
        if n is None:
            raise where.fail(r, HEADERS["thresholds"], f"“{at_least}” không phải là số.", f"“{at_least}” is not a number.")
        if points > max_points + 1e-9 or points < 0:
            raise where.fail(r, HEADERS["thresholds"], f"ngưỡng {at_least} được {number_text(points)} điểm, vượt điểm tối đa {number_text(max_points)} (hoặc âm).",
                             f"threshold {at_least} is worth {points:g}, above the maximum {max_points:g} (or negative).")
        parsed.append({"at_least": n, "points": points})
    if [t["at_least"] for t in parsed] != sorted((t["at_least"] for t in parsed), reverse=True):
        raise where.fail(r, HEADERS["thresholds"], "ghi các ngưỡng từ cao xuống thấp.", "list the thresholds from the highest down.")
    otherwise = _number(where, r, HEADERS["otherwise"], cell("otherwise"))
    lines = ["", "[sections.fields.reports]", f"form = {_toml(form)}", f"period_kind = {_toml(period_code)}",
             f"value = {_toml(expression)}", f"thresholds = {_toml(parsed)}"]
    if otherwise:
        lines.append(f"otherwise = {_toml(otherwise)}")
    if _text(cell("value_unit")):
        lines.append(f"unit = {_toml(_text(cell('value_unit')))}")
    return lines


def _evidence_lines(where: SheetPlace, r: int, cell: Any) -> list[str]:
    documents, own = _text(cell("documents")), _text(cell("own_reports"))
    mandatory = _yes_no(where, r, HEADERS["mandatory"], cell("mandatory"))
    deadline_text = _text(cell("deadline"))
    if not (documents or own or mandatory or deadline_text):
        return []
    lines = ["", "[sections.fields.evidence]"]
    if documents:
        lines.append(f"documents = {_toml(documents)}")
    if mandatory:
        lines.append("mandatory = true")
    if deadline_text:
        m = re.match(r"^(\d{1,2})/(\d{1,2})\s*(năm trước|năm sau)?$", deadline_text.casefold())
        if not m:
            raise where.fail(r, HEADERS["deadline"], f"ghi dạng 31/12, 31/12 năm trước hoặc 15/01 năm sau (không phải “{deadline_text}”).",
                             f"write 31/12, 31/12 năm trước or 15/01 năm sau (not “{deadline_text}”).")
        offset = {"năm trước": -1, "năm sau": 1}.get(m.group(3) or "", 0)
        lines.append("deadline = " + _toml({"day": int(m.group(1)), "month": int(m.group(2)), "year_offset": offset}))
    if own:
        lines.append(f"own_reports = {_toml(own)}")
    return lines
