"""Pasting a column (or a row) of figures copied from Excel into a run of single fields.

Part III's figures sit in a spreadsheet as a column: received, online, in person, carried
over… Ctrl+V in the first number field of a group puts the first figure there and the next
ones in the following fields of the same group, in form order, as one edit (one undo step).
A plain number typed or copied from elsewhere (no tab, no line break) pastes as usual."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit

from desktop.table_paste import parse_block
from forms.definition import FieldType, FormDefinition

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


class RunPaste(QObject):
    """Catches Ctrl+V on a number field's box; ``on_values(field_id, values)`` fills the run."""

    def __init__(self, edit: QLineEdit, field_id: str, on_values: Callable[[str, list[str]], None]) -> None:
        super().__init__(edit)
        self._edit = edit
        self._field_id = field_id
        self._on_values = on_values
        edit.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self._edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.Paste)
            and not self._edit.isReadOnly()
        ):
            values = block_values(QApplication.clipboard().text())
            if values is not None:
                self._on_values(self._field_id, values)
                return True
        return False
