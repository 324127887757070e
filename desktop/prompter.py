"""Every question and message the program puts to the user goes through a ``Prompter``.

``QtPrompter`` shows real dialogs, with the standard buttons relabelled through our own
translations (Qt ships no Vietnamese for "OK", "Cancel", "Yes", "No"). ``HeadlessPrompter``
shows nothing: it records every call and answers from a scripted queue; tests use it, and so
does the real program under ``--no-err-windows`` (or ``CCHC_NO_ERR_WINDOWS=1``), so an
end-to-end run never blocks on a modal.
"""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, QUrl
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from reports.errors import CchcError

log = logging.getLogger(__name__)


class Prompter(ABC):
    """The questions and messages the program can put to the user."""

    lang: str = "vi"

    @abstractmethod
    def info(self, title: str, text: str) -> None:
        ...

    @abstractmethod
    def inform(self, title: str, text: str, *, action_text: str) -> bool:
        """A piece of news with one thing to do about it (“Open folder”) besides closing:
        shown as information, not as a question. True when the action was chosen."""

    @abstractmethod
    def warning(self, title: str, text: str) -> None:
        ...

    @abstractmethod
    def error(self, problem: CchcError | str, title: str | None = None) -> None:
        ...

    @abstractmethod
    def ask_yes_no(
        self, title: str, text: str, *, default: bool = False, yes_text: str = "", no_text: str = ""
    ) -> bool:
        ...

    @abstractmethod
    def ask_text(self, title: str, label: str, *, text: str = "", multiline: bool = False) -> str | None:
        """The text typed, or None when the user cancelled."""

    @abstractmethod
    def open_file(self, title: str, filters: str = "", folder: str = "") -> Path | None:
        ...

    @abstractmethod
    def open_files(self, title: str, filters: str = "", folder: str = "") -> list[Path]:
        ...

    @abstractmethod
    def save_file(self, title: str, filters: str = "", suggested: str = "") -> Path | None:
        ...

    @abstractmethod
    def choose_folder(self, title: str, folder: str = "") -> Path | None:
        ...

    @abstractmethod
    def show_folder(self, path: Path) -> None:
        """Open a folder in the system's file manager."""

    def message_of(self, problem: CchcError | str) -> str:
        return problem.message(self.lang) if isinstance(problem, CchcError) else str(problem)


# ---------------------------------------------------------------- real dialogs


class QtPrompter(Prompter):
    def __init__(self, lang: str = "vi", parent: QWidget | None = None) -> None:
        self.lang = lang
        self._parent = parent

    def set_parent(self, parent: QWidget | None) -> None:
        self._parent = parent

    def _owner(self) -> QWidget | None:
        return QApplication.activeWindow() or self._parent

    def _box(self, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, self._owner())
        box.setTextFormat(Qt.TextFormat.PlainText)
        return box

    def _show(self, icon: QMessageBox.Icon, title: str, text: str) -> None:
        box = self._box(icon, title, text)
        box.addButton(QCoreApplication.translate("Prompter", "OK"), QMessageBox.ButtonRole.AcceptRole)
        box.exec()

    def info(self, title: str, text: str) -> None:
        self._show(QMessageBox.Icon.Information, title, text)

    def inform(self, title: str, text: str, *, action_text: str) -> bool:
        box = self._box(QMessageBox.Icon.Information, title, text)
        action = box.addButton(action_text, QMessageBox.ButtonRole.ActionRole)
        close = box.addButton(QCoreApplication.translate("Prompter", "Close"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(close)
        box.setEscapeButton(close)
        box.exec()
        return box.clickedButton() is action

    def warning(self, title: str, text: str) -> None:
        self._show(QMessageBox.Icon.Warning, title, text)

    def error(self, problem: CchcError | str, title: str | None = None) -> None:
        self._show(
            QMessageBox.Icon.Warning,
            title or QCoreApplication.translate("Prompter", "Cannot do that"),
            self.message_of(problem),
        )

    def ask_yes_no(
        self, title: str, text: str, *, default: bool = False, yes_text: str = "", no_text: str = ""
    ) -> bool:
        box = self._box(QMessageBox.Icon.Question, title, text)
        yes = box.addButton(
            yes_text or QCoreApplication.translate("Prompter", "Yes"), QMessageBox.ButtonRole.YesRole
        )
        no = box.addButton(
            no_text or QCoreApplication.translate("Prompter", "No"), QMessageBox.ButtonRole.NoRole
        )
        box.setDefaultButton(yes if default else no)
        box.setEscapeButton(no)
        box.exec()
        return box.clickedButton() is yes

    def ask_text(self, title: str, label: str, *, text: str = "", multiline: bool = False) -> str | None:
        dialog = TextInputDialog(title, label, text=text, multiline=multiline, parent=self._owner())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.text()

    def open_file(self, title: str, filters: str = "", folder: str = "") -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self._owner(), title, folder, filters)
        return Path(name) if name else None

    def open_files(self, title: str, filters: str = "", folder: str = "") -> list[Path]:
        names, _ = QFileDialog.getOpenFileNames(self._owner(), title, folder, filters)
        return [Path(n) for n in names]

    def save_file(self, title: str, filters: str = "", suggested: str = "") -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self._owner(), title, suggested, filters)
        return Path(name) if name else None

    def choose_folder(self, title: str, folder: str = "") -> Path | None:
        dialog = folder_dialog(self._owner(), title, folder)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.selectedFiles():
                return None
            return Path(dialog.selectedFiles()[0])
        finally:
            dialog.deleteLater()

    def show_folder(self, path: Path) -> None:
        from PySide6.QtGui import QDesktopServices

        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


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


# ---------------------------------------------------------------- headless


@dataclass
class PromptCall:
    kind: str
    title: str
    text: str
    answer: Any = None


class NoAnswerError(AssertionError):
    """A strict HeadlessPrompter was asked a question nobody scripted an answer for."""


class HeadlessPrompter(Prompter):
    """Shows nothing; records every call and answers from a queue.

    Answers are taken in order by the questions (``ask_*``, file and folder choosers); when
    the queue is empty a question gets its default (``default`` for yes/no, None / [] for the
    rest) — or, with ``strict=True`` as in the tests, raises ``NoAnswerError``.
    """

    def __init__(self, answers: Iterable[Any] = (), *, lang: str = "vi", strict: bool = False) -> None:
        self.lang = lang
        self.strict = strict
        self.calls: list[PromptCall] = []
        self._answers: deque[Any] = deque(answers)

    def queue(self, *answers: Any) -> None:
        self._answers.extend(answers)

    @property
    def unused_answers(self) -> list[Any]:
        return list(self._answers)

    def kinds(self) -> list[str]:
        return [c.kind for c in self.calls]

    def last(self, kind: str | None = None) -> PromptCall:
        for call in reversed(self.calls):
            if kind is None or call.kind == kind:
                return call
        raise LookupError(f"no {kind or ''} prompt was shown")

    def _record(self, kind: str, title: str, text: str, answer: Any = None) -> Any:
        self.calls.append(PromptCall(kind, title, text, answer))
        log.info("prompt %s: %s | %s -> %r", kind, title, text.replace("\n", " / "), answer)
        return answer

    def _answer(self, kind: str, title: str, text: str, default: Any) -> Any:
        if self._answers:
            answer = self._answers.popleft()
        elif self.strict:
            self._record(kind, title, text, None)
            raise NoAnswerError(f"unexpected {kind}: {title}: {text}")
        else:
            answer = default
        return self._record(kind, title, text, answer)

    def info(self, title: str, text: str) -> None:
        self._record("info", title, text)

    def inform(self, title: str, text: str, *, action_text: str) -> bool:
        return bool(self._answer("inform", title, text, False))

    def warning(self, title: str, text: str) -> None:
        self._record("warning", title, text)

    def error(self, problem: CchcError | str, title: str | None = None) -> None:
        self._record("error", title or "", self.message_of(problem), problem)

    def ask_yes_no(
        self, title: str, text: str, *, default: bool = False, yes_text: str = "", no_text: str = ""
    ) -> bool:
        return bool(self._answer("ask_yes_no", title, text, default))

    def ask_text(self, title: str, label: str, *, text: str = "", multiline: bool = False) -> str | None:
        return self._answer("ask_text", title, label, None)

    def _path(self, kind: str, title: str, default: Any) -> Any:
        answer = self._answer(kind, title, "", default)
        return Path(answer) if isinstance(answer, str) else answer

    def open_file(self, title: str, filters: str = "", folder: str = "") -> Path | None:
        return self._path("open_file", title, None)

    def open_files(self, title: str, filters: str = "", folder: str = "") -> list[Path]:
        answer = self._answer("open_files", title, "", [])
        return [Path(a) for a in answer]

    def save_file(self, title: str, filters: str = "", suggested: str = "") -> Path | None:
        return self._path("save_file", title, None)

    def choose_folder(self, title: str, folder: str = "") -> Path | None:
        return self._path("choose_folder", title, None)

    def show_folder(self, path: Path) -> None:
        self._record("show_folder", str(path), "")
