"""One field's change as an undo step: the editor's ``QUndoStack`` holds these."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand


class FieldEditCommand(QUndoCommand):
    """One field's change from one raw value to another; consecutive edits of the same
    field merge into one step, as typing a number is one change to the official.

    ``apply(field_id, raw)`` puts a raw value back into the field (the editor's
    ``apply_raw``): the command knows nothing else of the editor."""

    ID = 1

    def __init__(
        self, apply: Callable[[str, Any], None], field_id: str, old: Any, new: Any, text: str
    ) -> None:
        super().__init__(text)
        self._apply = apply
        self.field_id = field_id
        self.old = old
        self.new = new
        self._applied = True  # the widget already shows ``new`` when the command is pushed

    def id(self) -> int:
        return self.ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, FieldEditCommand) or other.field_id != self.field_id:
            return False
        self.new = other.new
        self.setObsolete(self.new == self.old)
        return True

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self._apply(self.field_id, self.new)

    def undo(self) -> None:
        self._apply(self.field_id, self.old)
