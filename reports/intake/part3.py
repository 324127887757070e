"""Part III's dossier figures from the one-stop shop's statistics (XLSX or CSV).

The commune's one-stop-shop software (bộ phận một cửa) exports its statistics with the
columns of Form 06/VPCP/KSTT under headings that vary from province to province: "Tiếp nhận",
"Số hồ sơ nhận giải quyết", "Đã giải quyết / Trước hạn", "Đang giải quyết / Quá hạn"… This
module finds the table's heading rows, proposes which column holds which field by the words
of its heading (accents ignored, a sub-heading read under its group: the two "Quá hạn" are told
apart by "đã" or "đang giải quyết" above or before them), adds the rows up (one row per
domain or procedure) or takes the file's own total row, and gives whole numbers for the
report's fields. It writes nothing: the caller puts the values in through the store (CLI)
or the editor (window), so the form's checks run and the window can undo them."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from forms.definition import FormDefinition
from forms.numbers import parse_number
from reports.errors import CchcError
from reports.intake.table_file import Cell, Sheet, read_table

SETTING_KEY = "one_stop_columns"  # the mapping last used, "field_id=heading" per line


class Part3LayoutError(CchcError):
    code = "intake.layout"
    vi = "Tệp {name}: {reason_vi}"
    en = "File {name}: {reason_en}"


class Part3CellError(CchcError):
    code = "intake.cell"
    vi = ("Ô {cell} (cột “{column}”) có “{text}”, không phải số hồ sơ (số nguyên không âm, ví dụ 1.234). "
          "Hãy sửa ô này trong tệp rồi nhập lại; báo cáo chưa bị thay đổi.")
    en = ("Cell {cell} (column “{column}”) holds “{text}”, not a number of case files (a whole number, "
          "e.g. 1,234). Correct it in the file and import again; the report was not changed.")
    exit_code = 1


class Part3MappingError(CchcError):
    code = "intake.mapping"
    vi = "{detail}"
    en = "{detail_en}"


@dataclass(frozen=True)
class Target:
    """A field and the heading words that name its column (folded: no accents, lower case)."""

    field_id: str
    any_of: tuple[tuple[str, ...], ...]
    none_of: tuple[str, ...] = ()

    def matches(self, folded: str) -> bool:
        padded = f" {folded} "
        return any(all(f" {w} " in padded for w in words) for words in self.any_of) and not any(
            f" {w} " in padded for w in self.none_of
        )


_NOT_RATE = ("ty le", "phan tram")
# The most specific first: each takes the first column it matches that no earlier one took.
TARGETS: tuple[Target, ...] = (
    Target("tthc_received_online", (("truc tuyen",),), (*_NOT_RATE, "da giai quyet", "dang giai quyet")),
    Target("tthc_received_direct", (("truc tiep",), ("buu chinh",)), (*_NOT_RATE, "truc tuyen")),
    Target("tthc_carried_over", (("ky truoc",), ("chuyen sang",), ("chuyen qua",), ("ton",)), (*_NOT_RATE, "ky sau")),
    Target("tthc_resolved_early", (("truoc han",),), (*_NOT_RATE, "dang giai quyet", "chua giai quyet")),
    Target("tthc_resolved_on_time", (("dung han",), ("dung thoi han",), ("dung hen",), ("da giai quyet", "trong han")),
           (*_NOT_RATE, "truoc han", "dang giai quyet", "chua giai quyet")),
    Target("tthc_resolved_late", (("qua han",), ("tre han",)),
           (*_NOT_RATE, "dang giai quyet", "chua giai quyet", "dang xu ly", "chua qua han", "chua den han", "trong han")),
    Target("tthc_pending_within", (("trong han",), ("chua den han",), ("chua qua han",), ("con han",)),
           (*_NOT_RATE, "da giai quyet", "giai quyet xong", "da tra")),
    Target("tthc_pending_overdue", (("dang giai quyet", "qua han"), ("chua giai quyet", "qua han"), ("dang xu ly", "qua han")),
           (*_NOT_RATE, "chua qua han", "trong han")),
    Target("tthc_received_total", (("tiep nhan",), ("nhan giai quyet",), ("so ho so nhan",)),
           (*_NOT_RATE, "truc tuyen", "truc tiep", "buu chinh", "ky truoc", "chuyen sang", "chuyen qua", "ton", "moi",
            "da giai quyet", "dang giai quyet", "qua han", "truoc han", "dung han", "trong han")),
    Target("tthc_resolved_total", (("da giai quyet",), ("giai quyet xong",), ("ket qua giai quyet",), ("da tra ket qua",)),
           (*_NOT_RATE, "truoc han", "dung han", "dung thoi han", "qua han", "trong han", "chua den han", "dang", "chua")),
    Target("tthc_pending_total", (("dang giai quyet",), ("chua giai quyet",), ("dang xu ly",), ("ky sau",)),
           (*_NOT_RATE, "qua han", "trong han", "chua den han", "con han", "da giai quyet")),
)
FIELD_IDS = tuple(t.field_id for t in TARGETS)
# The table of results by domain: one line per row of the file, named by its "Lĩnh vực" column.
DOMAIN_TABLE = "tthc_by_domain"
_DOMAIN_COLUMNS = {"domain", "received", "resolved_on_time", "resolved_late"}
MAPPABLE = (*FIELD_IDS, DOMAIN_TABLE)
# Words that open a group of columns: a heading without one belongs to the group before it.
_GROUPS = ("tiep nhan", "nhan giai quyet", "da giai quyet", "giai quyet xong", "ket qua giai quyet",
           "dang giai quyet", "chua giai quyet", "dang xu ly")
_TOTAL_ROW = re.compile(r"^(tong cong|tong so|tong|cong|toan xa|toan phuong|tong hop)\b")
_COLUMN_NUMBER = re.compile(r"^\(?(\d{1,2}|[a-z])\)?$")
# Totals the file may leave out: the form's sums give them from their parts.
_SUMS = {
    "tthc_received_total": ("tthc_received_online", "tthc_received_direct", "tthc_carried_over"),
    "tthc_resolved_total": ("tthc_resolved_early", "tthc_resolved_on_time", "tthc_resolved_late"),
    "tthc_pending_total": ("tthc_pending_within", "tthc_pending_overdue"),
}


def fold(text: str) -> str:
    """"Đã giải quyết: Quá hạn" → "da giai quyet qua han" (for matching only)."""
    decomposed = unicodedata.normalize("NFD", str(text).replace("đ", "d").replace("Đ", "D"))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    return " ".join(re.sub(r"[^a-z0-9%]+", " ", plain).split())


def column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index + 1))


@dataclass(frozen=True)
class Column:
    index: int
    label: str  # as shown: the headings above it, "Số hồ sơ đã giải quyết / Trả quá hạn"
    folded: str  # what is matched: the label with its group, without accents

    @property
    def letter(self) -> str:
        return column_letter(self.index)

    @property
    def title(self) -> str:
        return f"{self.letter}: {self.label}"


@dataclass(frozen=True)
class Table:
    """A sheet's statistics table: its columns and the rows of figures under them."""

    source: str  # the file's name
    sheet: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[int, tuple[Cell, ...]], ...]  # (row number in the file, cells), from 1
    proposal: Mapping[str, int]  # field id → column index

    def column(self, index: int) -> Column:
        return next(c for c in self.columns if c.index == index)


@dataclass(frozen=True)
class Part3Figures:
    values: dict[str, Any]  # whole numbers; the domain table's rows as a list
    derived: frozenset[str] = field(default_factory=frozenset)  # totals computed from their parts
    rows_added: int = 0
    total_row: int | None = None  # the file's own total row, taken instead of adding up


def is_count(cell: Cell) -> bool:
    try:
        count_of(cell)
    except ValueError:
        return False
    return cell is not None


def count_of(cell: Cell) -> int:
    """A number of case files: 1234, 1234.0, "1.234", "1,234", "1 234"; empty or "-" is 0."""
    if cell is None:
        return 0
    if isinstance(cell, int | float):
        number = float(cell)
    else:
        text = cell.strip().replace("\u00a0", "").replace(" ", "")
        if text in ("", "-", "—", "–"):
            return 0
        if re.fullmatch(r"\d{1,3}(,\d{3})+", text):
            text = text.replace(",", "")  # a count has no decimals: the commas group thousands
        number = float(parse_number(text))
    if number < 0 or not number.is_integer():
        raise ValueError(cell)
    return int(number)


def _text(cell: Cell) -> str:
    return "" if cell is None else str(cell)


def _is_column_numbers(row: list[Cell]) -> bool:
    filled = [fold(_text(c)) for c in row if c is not None]
    return len(filled) >= 3 and all(_COLUMN_NUMBER.match(f) for f in filled)


def _is_data(row: list[Cell]) -> bool:
    return sum(1 for c in row if c is not None and is_count(c)) >= 2 and not _is_column_numbers(row)


def _filled(row: list[Cell]) -> int:
    return sum(1 for c in row if c is not None)


def find_table(sheet: Sheet, source: str, field_ids: set[str]) -> Table | None:
    """The first block of heading rows, with figures under it, whose headings name a field."""
    rows = sheet.rows
    for d, row in enumerate(rows):
        if not _is_data(row):
            continue
        top = d
        while top > 0 and _is_column_numbers(rows[top - 1]):
            top -= 1
        header: list[list[Cell]] = []
        while top > 0 and len(header) < 4 and _filled(rows[top - 1]) >= 2 and not _is_data(rows[top - 1]):
            top -= 1
            header.insert(0, rows[top])
        if not header:
            continue
        columns = _columns(header)
        proposal = propose(columns, field_ids)
        if any(k in FIELD_IDS for k in proposal):
            body = []
            for n in range(d, len(rows)):
                if _filled(rows[n]) == 0:
                    break  # the table ends at the first empty row (notes and signatures follow)
                body.append((n + 1, tuple(rows[n])))
            return Table(source, sheet.name, tuple(columns), tuple(body), proposal)
    return None


def _columns(header: list[list[Cell]]) -> list[Column]:
    width = max(len(r) for r in header)
    grid = [list(r) + [None] * (width - len(r)) for r in header]
    for r in grid[:-1]:  # a group heading spans the empty cells to its right (merged in the original)
        for c in range(1, width):
            if r[c] is None:
                r[c] = r[c - 1]
    columns, group = [], ""
    for c in range(width):
        parts: list[str] = []
        for r in grid:
            text = " ".join(_text(r[c]).split())  # a heading typed on two lines in its cell
            if text and (not parts or parts[-1] != text):
                parts.append(text)
        if not parts:
            continue
        label = " / ".join(parts)
        folded = fold(label)
        padded = f" {folded} "
        own = [g for g in _GROUPS if f" {g} " in padded]
        if own:
            group = own[0]
        elif group:
            folded = f"{group} {folded}"  # "Quá hạn" after "Đang giải quyết" is the pending one
        columns.append(Column(c, label, folded))
    return columns


def propose(columns: list[Column] | tuple[Column, ...], field_ids: set[str]) -> dict[str, int]:
    taken: set[int] = set()
    proposal: dict[str, int] = {}
    for target in TARGETS:
        if target.field_id not in field_ids:
            continue
        for col in columns:
            if col.index not in taken and target.matches(col.folded):
                proposal[target.field_id] = col.index
                taken.add(col.index)
                break
    if DOMAIN_TABLE in field_ids:
        names = [c.index for c in columns if c.index not in taken and " linh vuc " in f" {fold(c.label)} "]
        if names:
            proposal[DOMAIN_TABLE] = names[0]
    return proposal


def open_part3(path: Path, definition: FormDefinition, *, sheet: str | None = None) -> Table:
    """The statistics table of ``path`` for the report's form, with a proposed mapping."""
    field_ids = importable_fields(definition)
    if not field_ids:
        raise Part3LayoutError(
            name=path.name,
            reason_vi="biểu mẫu của báo cáo này không có số liệu hồ sơ thủ tục hành chính để nhập.",
            reason_en="this report's form has no dossier figures to import.",
        )
    sheets = read_table(path)
    if sheet is not None:
        chosen = [s for s in sheets if s.name == sheet]
        if not chosen:
            names = ", ".join(s.name for s in sheets)
            raise Part3LayoutError(name=path.name, reason_vi=f"không có trang tính “{sheet}” (có: {names}).",
                                   reason_en=f"there is no sheet “{sheet}” (there are: {names}).")
        sheets = chosen
    tables = [t for s in sheets if (t := find_table(s, path.name, field_ids)) is not None]
    if not tables:
        raise Part3LayoutError(
            name=path.name,
            reason_vi=("không tìm thấy bảng số liệu hồ sơ: cần một dòng tiêu đề có các cột như “Tiếp nhận”, "
                       "“Đã giải quyết”, “Đang giải quyết” và các dòng số ở dưới. Hãy xuất lại bảng thống kê "
                       "từ phần mềm một cửa, hoặc nhập số liệu bằng tay."),
            reason_en=("no table of dossier figures found: it needs a heading row with columns such as “Tiếp nhận”, "
                       "“Đã giải quyết”, “Đang giải quyết” and rows of numbers under it. Export the statistics "
                       "again from the one-stop-shop software, or type the figures."),
        )
    return max(tables, key=lambda t: len(t.proposal))


def importable_fields(definition: FormDefinition) -> set[str]:
    fields = {f.id: f for f in definition.iter_fields() if not f.computed}
    found = {i for i in FIELD_IDS if i in fields}
    if DOMAIN_TABLE in fields and {c.id for c in fields[DOMAIN_TABLE].columns} >= _DOMAIN_COLUMNS:
        found.add(DOMAIN_TABLE)
    return found


def figures(table: Table, mapping: Mapping[str, int | None]) -> Part3Figures:
    """The fields' values under ``mapping`` (field id → column index; None: not taken)."""
    used = {f: c for f, c in mapping.items() if c is not None and f in FIELD_IDS}
    if not used:
        raise Part3MappingError(detail="Chưa chọn cột nào cho các chỉ tiêu: hãy chọn cột của tệp cho ít nhất một chỉ tiêu.",
                                detail_en="No column is chosen for any field: choose a column of the file for at least one.")
    domain_column = mapping.get(DOMAIN_TABLE)
    per_row: dict[int, dict[str, int]] = {}  # file row → its counts
    names: dict[int, str] = {}
    totals: list[int] = []
    for number, cells in table.rows:
        row: dict[str, int] = {}
        filled = False
        for f, c in used.items():
            cell = cells[c] if c < len(cells) else None
            filled = filled or cell is not None
            try:
                row[f] = count_of(cell)
            except ValueError:
                raise Part3CellError(cell=f"{column_letter(c)}{number}", column=table.column(c).label,
                                     text=_text(cell)) from None
        if not filled:
            continue
        per_row[number] = row
        if domain_column is not None and domain_column < len(cells) and isinstance(cells[domain_column], str):
            names[number] = str(cells[domain_column])
        words = " ".join(fold(x) for x in cells if isinstance(x, str) and x[:1].isalpha())  # "Tổng cộng", not "1.234"
        if _TOTAL_ROW.match(words):
            totals.append(number)
    # The file's own total: adding it to its rows would count every case file twice.
    chosen = [per_row[totals[-1]]] if totals else list(per_row.values())
    values: dict[str, Any] = {f: sum(r[f] for r in chosen) for f in used}
    derived = _derive(values)
    domains = [_domain_row(names[n], row) for n, row in per_row.items() if n not in totals and n in names]
    if domains:
        values[DOMAIN_TABLE] = domains
    return Part3Figures(values, frozenset(derived), rows_added=0 if totals else len(chosen),
                        total_row=totals[-1] if totals else None)


def _derive(values: dict[str, Any]) -> set[str]:
    """Totals the file left out, from their parts (and "within deadline" from pending − overdue)."""
    derived = set()
    for total, parts in _SUMS.items():
        if total not in values and all(p in values for p in parts):
            values[total] = sum(values[p] for p in parts)
            derived.add(total)
    if ("tthc_pending_within" not in values and "tthc_pending_total" in values and "tthc_pending_overdue" in values
            and values["tthc_pending_total"] >= values["tthc_pending_overdue"]):
        values["tthc_pending_within"] = values["tthc_pending_total"] - values["tthc_pending_overdue"]
        derived.add("tthc_pending_within")
    return derived


def _domain_row(name: str, counts: dict[str, int]) -> dict[str, Any]:
    r: dict[str, Any] = dict(counts)
    _derive(r)
    row: dict[str, Any] = {"domain": name}
    if "tthc_received_total" in r:
        row["received"] = r["tthc_received_total"]
    if "tthc_resolved_early" in r or "tthc_resolved_on_time" in r:
        row["resolved_on_time"] = r.get("tthc_resolved_early", 0) + r.get("tthc_resolved_on_time", 0)
    if "tthc_resolved_late" in r:
        row["resolved_late"] = r["tthc_resolved_late"]
    return row


# ------------------------------------------------------------ the mapping: corrected, remembered


def resolve_column(table: Table, text: str) -> int:
    """A column named by its letter ("H"), its number from 1 ("8") or its heading."""
    t = text.strip()
    by_letter = {c.letter: c.index for c in table.columns}
    if t.upper() in by_letter:
        return by_letter[t.upper()]
    if t.isdigit() and any(c.index == int(t) - 1 for c in table.columns):
        return int(t) - 1
    wanted = fold(t)
    exact = [c.index for c in table.columns if fold(c.label) == wanted]
    inside = [c.index for c in table.columns if wanted and wanted in fold(c.label)]
    if len(exact) == 1 or (not exact and len(inside) == 1):
        return (exact or inside)[0]
    shown = "; ".join(c.title for c in table.columns)
    raise Part3MappingError(
        detail=f"Không có cột “{t}” (hoặc có nhiều cột trùng tên) trong tệp. Các cột: {shown}. Hãy ghi chữ cái của cột, ví dụ H.",
        detail_en=f"There is no single column “{t}” in the file. Columns: {shown}. Give the column's letter, e.g. H.",
    )


def apply_overrides(table: Table, mapping: Mapping[str, int | None], pairs: list[str]) -> dict[str, int | None]:
    """``field=column`` pairs (CLI ``--map``) over ``mapping``; ``field=`` or ``field=-`` leaves a field out."""
    out = dict(mapping)
    for pair in pairs:
        key, sep, column = pair.partition("=")
        key = key.strip()
        if not sep or key not in MAPPABLE:
            raise Part3MappingError(
                detail=f"“{pair}”: cần dạng MÃ_CHỈ_TIÊU=CỘT, với mã là một trong: {', '.join(MAPPABLE)}.",
                detail_en=f"“{pair}”: expected FIELD=COLUMN, the field one of: {', '.join(MAPPABLE)}.",
            )
        out[key] = None if column.strip() in ("", "-") else resolve_column(table, column)
    return out


def remembered(text: str, table: Table) -> dict[str, int | None]:
    """The proposal, with the columns the installation chose last time where the file has them."""
    chosen: dict[str, int | None] = {}
    by_heading = {fold(c.label): c.index for c in table.columns}
    for line in text.splitlines():
        key, sep, heading = line.partition("=")
        if not sep or key not in MAPPABLE:
            continue
        if not heading.strip():
            chosen[key] = None  # left out on purpose last time
        elif fold(heading) in by_heading:
            chosen[key] = by_heading[fold(heading)]
    # What was chosen wins; the proposal fills the other fields with the columns still free.
    taken = {c for c in chosen.values() if c is not None}
    mapping: dict[str, int | None] = {}
    for key in MAPPABLE:
        if key in chosen:
            mapping[key] = chosen[key]
        elif key in table.proposal and table.proposal[key] not in taken:
            mapping[key] = table.proposal[key]
    return mapping


def remember_text(table: Table, mapping: Mapping[str, int | None]) -> str:
    """What the setting keeps: one "field_id=heading" line per field (empty: left out)."""
    return "\n".join(
        f"{f}={table.column(c).label if c is not None else ''}" for f, c in mapping.items() if f in MAPPABLE
    )
