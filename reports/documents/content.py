"""The body of a document: legal bases, then each section of the form with its values.

A report's section shows, in the order of the form, its figures (numbers, choices, dates and
short texts, gathered into one "Chỉ tiêu | Đơn vị | Số liệu" table per run of such fields,
with the fields' groups as sub-heading rows), its repeating tables, and its narratives as
numbered sub-parts ("1. Kết quả đạt được") of justified paragraphs. A scoring sheet shows one
table of criteria per area and a summary of the areas' totals.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping, Sequence
from itertools import groupby
from typing import Any, TypeGuard

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Table, TableStyle
from reportlab.platypus.tables import CellStyle

from forms.definition import Choice, Column, Field, FieldType, FormDefinition, Section
from forms.engine import score_totals
from forms.numbers import DASH, format_date, format_number, format_percent, parse_date
from reports.documents.fonts import REGULAR
from reports.documents.styles import BODY_LEADING, TABLE_LEADING, TABLE_SIZE, Styles

TOTAL_LABEL = "Tổng cộng"
AREA_TOTAL_LABEL = "Cộng"
_NUMBER_TYPES = frozenset({FieldType.INTEGER, FieldType.DECIMAL, FieldType.PERCENTAGE, FieldType.SCORE})
_GRID = 0.5  # pt, the table rules


def nfc(text: object) -> str:
    return unicodedata.normalize("NFC", str(text))


_TEMPLATES: dict[int, Any] = {}
_SPACES = re.compile(r"[ \t\r\n]+")  # not str.split(): that would also eat the no-break spaces


class PlainParagraph(Paragraph):
    """A paragraph that lays itself out once per width.

    A table lays out a paragraph in a cell to size the row, then again to draw it, and a
    block kept together is laid out before the frame lays it out again; the lines depend on
    the width alone, so the second time takes the first one's.
    """

    _wrapped_for: float | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        # (splitting drops the lines when the paragraph goes over whole: laid out anew)
        if availWidth == self._wrapped_for and "blPara" in self.__dict__:
            return self.width, self.height
        size: tuple[float, float] = super().wrap(availWidth, availHeight)
        self._wrapped_for = availWidth
        return size


def para(text: object, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (no markup) in ``style``.

    Reportlab parses every paragraph's text as XML with a fresh parser, about a third of a
    monthly report's rendering time. Our text never carries markup, so the paragraph gets
    its one fragment directly: a copy of the style's fragment with the text in it.
    """
    clean = _SPACES.sub(" ", nfc(text)).strip()
    template = _TEMPLATES.get(id(style))
    if template is None or template[0] is not style:
        template = _TEMPLATES[id(style)] = (style, Paragraph("x", style).frags[0])
    return PlainParagraph(clean, style, frags=[template[1].clone(text=clean)])


def format_value(kind: FieldType, value: Any, options: Sequence[Choice] = ()) -> str:
    """A stored value as the document writes it; None (or a value of the wrong kind) → "—"."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return DASH
    numeric = _is_number(value)
    match kind:
        case FieldType.PERCENTAGE:
            return format_percent(float(value)) if numeric else DASH
        case FieldType.INTEGER | FieldType.DECIMAL | FieldType.SCORE:
            return format_number(value) if numeric else DASH
        case FieldType.CHOICE:
            for o in options:
                if o.value == value:
                    return nfc(o.label)
            return nfc(value)
        case FieldType.DATE:
            if isinstance(value, dt.date):
                return format_date(value)
            try:
                return format_date(parse_date(str(value)))
            except ValueError:
                return nfc(value)
    return nfc(value)


def _is_number(value: Any) -> TypeGuard[int | float]:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


_PAD_X, _PAD_TOP, _PAD_BOTTOM = 4, 2, 3
_ALIGN = {0: "LEFT", 1: "CENTER", 2: "RIGHT", 4: "JUSTIFY"}
Cell = tuple[str, ParagraphStyle]  # text and the style it is set in


class Grid:
    """A ruled table built row by row from (text, style) cells.

    A cell whose text fits on one line becomes a plain string drawn in the style's font and
    alignment; only longer text becomes a wrapping paragraph. Laying out a paragraph in a
    table cell costs about twenty times as much as a string, and most cells (units, figures)
    are short.

    Each cell gets its finished style (font, size, alignment, padding) from the few this
    table uses, shared by the cells alike, instead of reportlab making one per cell and
    applying every style command to every cell it covers (a tenth of the rendering time).
    """

    def __init__(self, widths: Sequence[float], aligns: Sequence[str], header: Sequence[Cell]) -> None:
        """``aligns``: each column's usual alignment ("LEFT", "CENTER", "RIGHT")."""
        self.widths = list(widths)
        self.aligns = list(aligns)
        self.rows: list[list[Any]] = []
        self.cell_styles: list[list[CellStyle]] = []
        self._styles: dict[tuple[str, str], CellStyle] = {}
        self.commands: list[tuple[Any, ...]] = [("GRID", (0, 0), (-1, -1), _GRID, colors.black)]
        self.add(header)

    def _style(self, font: str, align: str) -> CellStyle:
        style = self._styles.get((font, align))
        if style is None:
            # Every cell's font is set: a string cell left to the default would be Helvetica.
            style = self._styles[(font, align)] = CellStyle(f"{font} {align}")
            style.fontname, style.fontsize, style.leading = font, TABLE_SIZE, TABLE_LEADING
            style.alignment, style.valign = align, "MIDDLE"
            style.topPadding, style.bottomPadding = _PAD_TOP, _PAD_BOTTOM
            style.leftPadding = style.rightPadding = _PAD_X
        return style

    def add(self, cells: Sequence[Cell | None], span: tuple[int, int] | None = None) -> None:
        """One row; ``span`` = (first, last) column joined into the first cell."""
        r = len(self.rows)
        row: list[Any] = []
        styles: list[CellStyle] = []
        for c, cell in enumerate(cells):
            # A paragraph draws in its own style: its cell only places it (the column's way).
            font, align = REGULAR, self.aligns[c]
            if cell is None:
                row.append("")
            else:
                text, style = nfc(cell[0]).strip(), cell[1]
                width = self.widths[c]
                if span is not None and span[0] == c:
                    width = sum(self.widths[span[0] : span[1] + 1])
                if (
                    stringWidth(text, style.fontName, style.fontSize) <= width - 2 * _PAD_X
                    and "\n" not in text
                ):
                    row.append(text)
                    font, align = style.fontName, _ALIGN.get(style.alignment, "LEFT")
                else:
                    row.append(para(text, style))
            styles.append(self._style(font, align))
        if span is not None:
            self.commands.append(("SPAN", (span[0], r), (span[1], r)))
        self.rows.append(row)
        self.cell_styles.append(styles)

    def table(self, space_after: float = 8) -> Table:
        return Table(
            self.rows,
            colWidths=self.widths,
            repeatRows=1,
            style=TableStyle(self.commands),
            cellStyles=self.cell_styles,
            hAlign="CENTER",
            spaceAfter=space_after,
        )


def keep_with_next(heading: Paragraph, room: float = 4 * BODY_LEADING) -> list[Flowable]:
    """A heading never ends a page: it moves to the next page unless there is room for it
    and a few lines (or table rows) after it. Cheaper than KeepTogether, and a long table
    still starts right under its heading instead of jumping whole to the next page."""
    return [CondPageBreak(room + BODY_LEADING), heading]


GENERIC_PLAN = "Kế hoạch cải cách hành chính năm"


def cited_legal_basis(lines: Sequence[str], values: Mapping[str, Any]) -> list[str]:
    """The "Căn cứ …" lines, citing the plan the official entered ("Kế hoạch số 12/KH-UBND
    ngày 10/01/2026") where the form only says "the year's reform plan"."""
    reference = " ".join(str(values.get("plan_reference") or "").split()).rstrip(".;,")
    if not reference:
        return list(lines)
    if not reference.casefold().startswith("kế hoạch"):
        reference = "Kế hoạch " + reference
    return [line.replace(GENERIC_PLAN, f"{reference} về cải cách hành chính năm", 1) for line in lines]


class ContentBuilder:
    def __init__(
        self, definition: FormDefinition, values: Mapping[str, Any], styles: Styles, width: float
    ) -> None:
        self.definition = definition
        self.values = values
        self.s = styles
        self.width = width

    # ------------------------------------------------------------ whole body

    def build(self) -> list[Flowable]:
        out: list[Flowable] = [
            para(text, self.s.body)
            for text in cited_legal_basis(self.definition.legal_basis, self.values)
            if text.strip()
        ]
        for section in self.definition.sections:
            out.extend(self.section(section))
        if self.definition.kind == "scoring":
            out.extend(self.score_summary())
        return out

    def section(self, section: Section) -> list[Flowable]:
        heading = para(f"{section.id}. {section.title}", self.s.heading)
        body: list[Flowable] = []
        if section.intro.strip():
            body.append(para(section.intro, self.s.body))
        # "I." parts number their narratives "1.", "2."; a part that is itself numbered "1"
        # (a scoring sheet, whose criteria are "1.1.") labels them without numbers.
        numbered = not section.id[:1].isdigit()
        number = 0
        figures: list[Field] = []
        scores: list[Field] = []

        def flush() -> None:
            if scores:
                body.append(self.score_table(section, scores))
            if figures:
                body.append(self.figures_table(figures))
            figures.clear()
            scores.clear()

        for f in section.fields:
            if f.type is FieldType.NARRATIVE:
                flush()
                paragraphs = self.narrative(f)
                if paragraphs:
                    if numbered:
                        number += 1
                        body += keep_with_next(para(f"{number}. {f.label}", self.s.subheading))
                    else:
                        body += keep_with_next(para(f.label, self.s.caption))
                    body.extend(paragraphs)
            elif f.type is FieldType.TABLE:
                flush()
                body += keep_with_next(para(f.label, self.s.caption))
                body.append(self.repeating_table(f))
            elif f.type is FieldType.SCORE and self.definition.kind == "scoring":
                scores.append(f)
            else:
                figures.append(f)
        flush()
        return [*keep_with_next(heading), *body]

    # ------------------------------------------------------------ narratives

    def narrative(self, f: Field) -> list[Flowable]:
        text = self.values.get(f.id)
        if not isinstance(text, str):
            return []
        lines = nfc(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
        return [para(line.strip(), self.s.body) for line in lines if line.strip()]

    # ------------------------------------------------------------ figures

    def _value_cell(self, kind: FieldType, value: Any, options: Sequence[Choice] = ()) -> Cell:
        text = format_value(kind, value, options)
        if text == DASH or kind in (FieldType.CHOICE, FieldType.DATE):
            return text, self.s.cell_center
        return text, self.s.cell_right if kind in _NUMBER_TYPES else self.s.cell

    def figures_table(self, fields: Sequence[Field]) -> Flowable:
        s = self.s
        w = self.width
        grid = Grid(
            [w - 30 * mm - 36 * mm, 30 * mm, 36 * mm],
            ["LEFT", "CENTER", "RIGHT"],
            [("Chỉ tiêu", s.cell_head), ("Đơn vị", s.cell_head), ("Số liệu", s.cell_head)],
        )
        group = ""
        for f in fields:
            if f.group and f.group != group:
                grid.add([(f.group, s.cell_group), None, None], span=(0, 2))
            group = f.group
            unit = f.unit or ("điểm" if f.type is FieldType.SCORE else "")
            grid.add(
                [
                    (f.label, s.cell),
                    (unit, s.cell_center),
                    self._value_cell(f.type, self.values.get(f.id), f.options),
                ]
            )
        return grid.table()

    def repeating_table(self, f: Field) -> Flowable:
        s = self.s
        columns = f.columns
        grid = Grid(
            self._column_widths(columns),
            ["CENTER"] + ["RIGHT" if c.type in _NUMBER_TYPES else "LEFT" for c in columns],
            [("TT", s.cell_head)]
            + [(f"{c.label} ({c.unit})" if c.unit else c.label, s.cell_head) for c in columns],
        )
        raw = self.values.get(f.id)
        data = [r for r in raw if isinstance(r, Mapping)] if isinstance(raw, list) else []
        for i, row in enumerate(data, start=1):
            grid.add(
                [(str(i), s.cell_center)]
                + [self._value_cell(c.type, row.get(c.id), c.options) for c in columns]
            )
        if not data:
            grid.add([(DASH, s.cell_center)] * (len(columns) + 1))
        elif any(c.total for c in columns):
            first = next(i for i, c in enumerate(columns) if c.total)
            cells: list[Cell | None] = [(TOTAL_LABEL, s.cell_head)] + [None] * len(columns)
            for i, c in enumerate(columns, start=1):
                if c.total:
                    numbers = [v for r in data if _is_number(v := r.get(c.id))]
                    cells[i] = (format_value(c.type, sum(numbers) if numbers else None), s.cell_bold_right)
            grid.add(cells, span=(0, first) if first > 0 else None)
        return grid.table()

    def _column_widths(self, columns: Sequence[Column]) -> list[float]:
        tt = 11 * mm
        narrow = {
            FieldType.INTEGER: 24 * mm,
            FieldType.DECIMAL: 26 * mm,
            FieldType.DATE: 26 * mm,
            FieldType.CHOICE: 28 * mm,
        }
        fixed = [narrow.get(c.type, 0.0) for c in columns]
        free = [i for i, w in enumerate(fixed) if not w]
        room = self.width - tt - sum(fixed)
        if free and room >= 30 * mm * len(free):
            for i in free:
                fixed[i] = room / len(free)
        else:
            # Too many columns for their usual widths: share the line out evenly.
            fixed = [(self.width - tt) / len(columns)] * len(columns)
        return [tt, *fixed]

    # ------------------------------------------------------------ scoring sheets

    def score_table(self, section: Section, scored: Sequence[Field]) -> Flowable:
        """Criteria (the fields' groups) and their sub-criteria, with the area's total."""
        s = self.s
        w = self.width
        grid = Grid(
            [w - 60 * mm, 30 * mm, 30 * mm],
            ["LEFT", "RIGHT", "RIGHT"],
            [
                ("Tiêu chí / Tiêu chí thành phần", s.cell_head),
                ("Điểm tối đa", s.cell_head),
                ("Điểm tự chấm", s.cell_head),
            ],
        )
        for group, members_iter in groupby(scored, key=lambda f: f.group):
            members = list(members_iter)
            if group:
                got = [v for m in members if _is_number(v := self.values.get(m.id))]
                grid.add(
                    [
                        (group, s.cell_bold),
                        (format_number(sum(m.max_points or 0 for m in members)), s.cell_bold_right),
                        (format_number(sum(got)) if got else DASH, s.cell_bold_right),
                    ]
                )
            for m in members:
                grid.add(
                    [
                        (f"- {m.label}" if group else m.label, s.cell),
                        (format_number(m.max_points or 0), s.cell_right),
                        self._value_cell(FieldType.SCORE, self.values.get(m.id)),
                    ]
                )
        total = next(
            (t for t in score_totals(self.definition, self.values) if t.section_id == section.id), None
        )
        if total is not None:
            grid.add(
                [
                    (AREA_TOTAL_LABEL, s.cell_head),
                    (format_number(total.max_points), s.cell_bold_right),
                    (format_number(total.score), s.cell_bold_right),
                ]
            )
        return grid.table()

    def score_summary(self) -> list[Flowable]:
        """The areas' totals and the overall "Tổng cộng: 87,5/100 điểm"."""
        s = self.s
        totals = score_totals(self.definition, self.values)
        if not totals:
            return []
        w = self.width
        grid = Grid(
            [14 * mm, w - 14 * mm - 60 * mm, 30 * mm, 30 * mm],
            ["CENTER", "LEFT", "RIGHT", "RIGHT"],
            [
                ("TT", s.cell_head),
                ("Lĩnh vực", s.cell_head),
                ("Điểm tối đa", s.cell_head),
                ("Điểm tự chấm", s.cell_head),
            ],
        )
        for t in totals:
            grid.add(
                [
                    (t.section_id, s.cell_center),
                    (t.title, s.cell),
                    (format_number(t.max_points), s.cell_right),
                    (format_number(t.score), s.cell_right),
                ]
            )
        overall = round(sum(t.score for t in totals), 2)
        maximum = round(sum(t.max_points for t in totals), 2)
        grid.add(
            [
                (TOTAL_LABEL, s.cell_head),
                None,
                (format_number(maximum), s.cell_bold_right),
                (format_number(overall), s.cell_bold_right),
            ],
            span=(0, 1),
        )
        return [
            *keep_with_next(para("Tổng hợp kết quả tự chấm điểm", s.heading)),
            grid.table(),
            para(f"{TOTAL_LABEL}: {format_number(overall)}/{format_number(maximum)} điểm", s.total_line),
        ]
