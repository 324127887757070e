"""The editor's keyboard: undo and redo, F7 to check, Ctrl+PgUp/PgDown between parts,
Alt+Left back to the list. Shortcuts act only while the focus is inside the editor."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QWidget


@dataclass(frozen=True)
class EditorKeys:
    undo: QAction
    redo: QAction
    check: QAction
    next_section: QAction
    previous_section: QAction
    back: QAction

    @classmethod
    def install(cls, editor: QWidget, undo_stack: QUndoStack) -> EditorKeys:
        def tr(text: str) -> str:
            return QCoreApplication.translate("EditorKeys", text)

        undo = undo_stack.createUndoAction(editor, tr("Undo"))
        undo.setShortcuts(QKeySequence.StandardKey.Undo)
        redo = undo_stack.createRedoAction(editor, tr("Redo"))
        redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        check = QAction(tr("Check"), editor)
        check.setShortcut(QKeySequence(Qt.Key.Key_F7))
        next_section = QAction(tr("Next part"), editor)
        next_section.setShortcut(QKeySequence("Ctrl+PgDown"))
        previous_section = QAction(tr("Previous part"), editor)
        previous_section.setShortcut(QKeySequence("Ctrl+PgUp"))
        back = QAction(tr("Back to the list"), editor)
        back.setShortcut(QKeySequence("Alt+Left"))
        keys = cls(undo, redo, check, next_section, previous_section, back)
        for action in (undo, redo, check, next_section, previous_section, back):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            editor.addAction(action)
        return keys
