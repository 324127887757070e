"""The dialogs of ``QtPrompter`` (desktop/prompter.py) beyond Qt's message boxes: a question
with a typed answer, and a folder chooser; imported when one is shown."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

__all__ = ["QDialog", "TextInputDialog", "folder_dialog"]


class _ClickThroughPopup(QObject):
    """Passes a click that closes the completion list on to the dialog button under it."""

    def __init__(self, dialog: QDialog, popup: QWidget) -> None:
        super().__init__(dialog)
        self._dialog = dialog
        self._popup = popup

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.MouseButtonPress or not isinstance(event, QMouseEvent):
            return False
        where = event.globalPosition().toPoint()
        if self._popup.rect().contains(self._popup.mapFromGlobal(where)):
            return False  # a click in the list picks a completion, as usual
        target = self._dialog.childAt(self._dialog.mapFromGlobal(where))
        if not isinstance(target, QAbstractButton) or not target.isEnabled():
            return False
        self._popup.hide()
        QTimer.singleShot(0, target.click)  # after the pop-up's own handling of the press
        return True


def folder_dialog(parent: QWidget | None, title: str, folder: str = "") -> QFileDialog:
    """A dialog choosing one folder, where one click on "Choose" chooses.

    Qt's own (non-native) dialog completes a typed path in a pop-up list; on Linux the click
    that closes a pop-up is not passed on, so the first click on "Choose" after typing only
    closed the list. The filter passes that click on to the button it was aimed at."""
    dialog = QFileDialog(parent, title, folder)
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    line = dialog.findChild(QLineEdit, "fileNameEdit")  # None when the system's dialog is used
    completer = line.completer() if line is not None else None
    popup = completer.popup() if completer is not None else None
    if popup is not None:
        popup.installEventFilter(_ClickThroughPopup(dialog, popup))
    return dialog


class TextInputDialog(QDialog):
    """A question with a one-line or a multi-line answer, with Vietnamese buttons."""

    def __init__(
        self,
        title: str,
        label: str,
        *,
        text: str = "",
        multiline: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        caption = QLabel(label)
        caption.setWordWrap(True)
        layout.addWidget(caption)
        if multiline:
            self._edit: QLineEdit | QPlainTextEdit = QPlainTextEdit(text)
            self._edit.setTabChangesFocus(True)
            self._edit.setMinimumHeight(120)
        else:
            self._edit = QLineEdit(text)
        caption.setBuddy(self._edit)
        layout.addWidget(self._edit)
        buttons = QDialogButtonBox()
        buttons.addButton(self.tr("OK"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    def text(self) -> str:
        if isinstance(self._edit, QPlainTextEdit):
            return self._edit.toPlainText()
        return self._edit.text()
