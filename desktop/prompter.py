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
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from reports.errors import CchcError

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox, QWidget

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
    """Each method imports the dialog it shows (desktop/prompter_dialogs.py): most runs show
    none, and the first import of a Qt dialog class has PySide create its enum types."""

    def __init__(self, lang: str = "vi", parent: QWidget | None = None) -> None:
        self.lang = lang
        self._parent = parent

    def set_parent(self, parent: QWidget | None) -> None:
        self._parent = parent

    def _owner(self) -> QWidget | None:
        return QApplication.activeWindow() or self._parent

    def _box(self, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, self._owner())
        box.setTextFormat(Qt.TextFormat.PlainText)
        return box

    def _show(self, icon: QMessageBox.Icon, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        box = self._box(icon, title, text)
        box.addButton(QCoreApplication.translate("Prompter", "OK"), QMessageBox.ButtonRole.AcceptRole)
        box.exec()

    def info(self, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        self._show(QMessageBox.Icon.Information, title, text)

    def inform(self, title: str, text: str, *, action_text: str) -> bool:
        from PySide6.QtWidgets import QMessageBox

        box = self._box(QMessageBox.Icon.Information, title, text)
        action = box.addButton(action_text, QMessageBox.ButtonRole.ActionRole)
        close = box.addButton(QCoreApplication.translate("Prompter", "Close"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(close)
        box.setEscapeButton(close)
        box.exec()
        return box.clickedButton() is action

    def warning(self, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        self._show(QMessageBox.Icon.Warning, title, text)

    def error(self, problem: CchcError | str, title: str | None = None) -> None:
        from PySide6.QtWidgets import QMessageBox

        self._show(
            QMessageBox.Icon.Warning,
            title or QCoreApplication.translate("Prompter", "Cannot do that"),
            self.message_of(problem),
        )

    def ask_yes_no(
        self, title: str, text: str, *, default: bool = False, yes_text: str = "", no_text: str = ""
    ) -> bool:
        from PySide6.QtWidgets import QMessageBox

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
        from desktop.prompter_dialogs import QDialog, TextInputDialog

        dialog = TextInputDialog(title, label, text=text, multiline=multiline, parent=self._owner())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.text()

    def open_file(self, title: str, filters: str = "", folder: str = "") -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getOpenFileName(self._owner(), title, folder, filters)
        return Path(name) if name else None

    def open_files(self, title: str, filters: str = "", folder: str = "") -> list[Path]:
        from PySide6.QtWidgets import QFileDialog

        names, _ = QFileDialog.getOpenFileNames(self._owner(), title, folder, filters)
        return [Path(n) for n in names]

    def save_file(self, title: str, filters: str = "", suggested: str = "") -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getSaveFileName(self._owner(), title, suggested, filters)
        return Path(name) if name else None

    def choose_folder(self, title: str, folder: str = "") -> Path | None:
        from desktop.prompter_dialogs import QDialog, folder_dialog

        dialog = folder_dialog(self._owner(), title, folder)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.selectedFiles():
                return None
            return Path(dialog.selectedFiles()[0])
        finally:
            dialog.deleteLater()

    def show_folder(self, path: Path) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


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
