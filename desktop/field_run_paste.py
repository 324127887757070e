"""Pasting a column (or a row) of figures copied from Excel into a run of single fields.

Part III's figures sit in a spreadsheet as a column: received, online, in person, carried
over… Ctrl+V in the first number field of a group puts the first figure there and the next
ones in the following fields of the same group, in form order, as one edit (one undo step).
A single figure is read in the notation of the window's language ("1,234" is 1234 in English,
1,234 in Vietnamese) and typed in the program's ("1.234"); other text pastes as usual.
``figure_text`` decides, the editor (desktop/editor_intake.py) types or refuses."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit

from desktop.table_paste import parse_block
from forms.definition import Field, FieldType, FormDefinition
from forms.numbers import number_text, parse_figure

NUMBER_TYPES = (FieldType.INTEGER, FieldType.DECIMAL, FieldType.SCORE)


def run_from(definition: FormDefinition, field_id: str) -> list[str]:
    """``field_id`` and the number fields after it in its group (computed ones skipped)."""
    section = definition.section_of(field_id)
    ids = [f.id for f in section.fields]
    start = definition.field(field_id)
    run = []
    for f in section.fields[ids.index(field_id):]:
        if f.group != start.group:
            break
        if f.type in NUMBER_TYPES and not f.computed:
            run.append(f.id)
    return run


def block_values(text: str) -> list[str] | None:
    """The figures of a one-column or one-row block; None when ``text`` is no spreadsheet block
    (a plain value pastes as usual); [] for a block of several rows and columns (refused)."""
    if "\t" not in text and "\n" not in text and "\r" not in text:
        return None
    block = parse_block(text)
    if len(block) == 1:
        return block[0]
    if all(len(cells) == 1 for cells in block):
        return [cells[0] for cells in block]
    return []


class NotWholeError(ValueError):
    """A figure that is a decimal number in the official's notation, pasted into a field of
    whole numbers: refused rather than rounded or read in the other notation."""

    def __init__(self, text: str, digits: str) -> None:
        super().__init__(text)
        self.text = text
        self.digits = digits  # the figure without its separators: what a count would have been


def figure_text(field: Field, text: str, lang: str) -> str:
    """What to type into ``field`` for a pasted ``text``: a number in the program's notation
    ("1,234" pasted in English → "1.234"), the text itself when it is no number (the form's
    check then says so); raises NotWholeError for a decimal pasted into a field of whole numbers."""
    try:
        value = parse_figure(text, lang)
    except ValueError:
        return text.strip()
    if field.type is FieldType.INTEGER and value != value.to_integral_value():
        raise NotWholeError(text.strip(), "".join(c for c in text if c.isdigit() or c == "-"))
    return number_text(value)


class RunPaste(QObject):
    """Catches Ctrl+V on a number field's box; ``on_paste(field_id, text)`` fills the field or
    the run and returns True, or False to let the box paste as usual."""

    def __init__(self, edit: QLineEdit, field_id: str, on_paste: Callable[[str, str], bool]) -> None:
        super().__init__(edit)
        self._edit = edit
        self._field_id = field_id
        self._on_paste = on_paste
        edit.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self._edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.Paste)
            and not self._edit.isReadOnly()
        ):
            return self._on_paste(self._field_id, QApplication.clipboard().text())
        return False
