"""One field's change as an undo step: the editor's ``QUndoStack`` holds these."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QUndoCommand, QUndoStack


class FieldEditCommand(QUndoCommand):
    """One field's change from one raw value to another; consecutive edits of the same
    field merge into one step, as typing a number is one change to the official.

    ``apply(field_id, raw)`` puts a raw value back into the field (the editor's
    ``apply_raw``): the command knows nothing else of the editor."""

    ID = 1

    def __init__(
        self, apply: Callable[[str, Any], None], field_id: str, old: Any, new: Any, text: str,
        *, merges: bool = True,
    ) -> None:
        super().__init__(text)
        self._apply = apply
        self.field_id = field_id
        self.old = old
        self.new = new
        self._merges = merges
        self._applied = True  # the widget already shows ``new`` when the command is pushed

    def id(self) -> int:
        return self.ID if self._merges else -1  # -1: Qt never merges it

    def bind(self, apply: Callable[[str, Any], None]) -> None:
        self._apply = apply

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


@dataclass(frozen=True)
class UndoHistory:
    """An editor's undo stack as plain data: every step (field, old, new) and how many of them
    are done; what ``restore`` needs to give a rebuilt editor (the language changed) the
    history of the one it replaces."""

    steps: tuple[tuple[str, Any, Any], ...] = ()
    index: int = 0

    @classmethod
    def of(cls, stack: QUndoStack) -> UndoHistory:
        steps, done = [], 0
        for i in range(stack.count()):
            cmd = stack.command(i)
            if isinstance(cmd, FieldEditCommand) and not cmd.isObsolete():
                steps.append((cmd.field_id, cmd.old, cmd.new))
                done += i < stack.index()
        return cls(tuple(steps), done)

    def restore(
        self, stack: QUndoStack, apply: Callable[[str, Any], None], text: Callable[[str], str]
    ) -> None:
        """Rebuild the steps on ``stack`` without touching a field: the fields already show the
        state after step ``index``. Undoing then walks back through the old window's edits."""
        stack.clear()

        def untouched(_field_id: str, _raw: Any) -> None:
            pass

        commands = []
        for field_id, old, new in self.steps:
            # Not merged with each other: they were separate steps in the old window.
            cmd = FieldEditCommand(untouched, field_id, old, new, text(field_id), merges=False)
            stack.push(cmd)  # its first redo is skipped: nothing is applied
            commands.append(cmd)
        stack.setIndex(self.index)  # the steps the official had undone are undone again, unapplied
        for cmd in commands:
            cmd.bind(apply)
