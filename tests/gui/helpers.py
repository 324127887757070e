"""Helpers of the GUI tests."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` into ``widget`` as a keyboard would, Vietnamese letters included.

    ``qtbot.keyClicks`` only handles ASCII (any other character kills the process on this
    machine), so each character goes as a key event that carries its text, the way an input
    method delivers "ã" or "đ".
    """
    widget.setFocus()
    for ch in text:
        if ch == "\n":
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(
                    widget, QKeyEvent(kind, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, "\r")
                )
            continue
        key = Qt.Key(ord(ch.upper())) if ch.isascii() and ch.isalnum() else Qt.Key.Key_unknown
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, ch))


def commit_text(widget: QWidget, text: str) -> None:
    """Deliver ``text`` in one input-method commit (how Unikey/EVKey-style input arrives)."""
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)
