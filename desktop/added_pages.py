"""The pages the composition root adds after a window's own: the outbox, the backups and (the
commune's) PAR index, each built the first time it is opened or asked for.

Until then its row in the navigation shows an empty placeholder. Built with the window, these
three cost a cold start 0.3–0.6 s (the outbox's settings form, the PAR tree, their modules)
that nobody looking at the report list waits for. A new set is made for each window (a
restored backup, another language), and goes with it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from desktop.background import BackgroundWork
    from desktop.backup_page import BackupPage
    from desktop.mainwindow import MainWindow
    from desktop.outbox_page import OutboxPage
    from desktop.par_page import ParIndexPage
    from desktop.prompter import Prompter
    from desktop.reviewer.window import ReviewerWindow
    from desktop.tasks import TaskRunner


class AddedPages(QObject):
    status_message = Signal(str)  # a page's note for the window's status bar
    restore_starting = Signal()  # from the backups page
    data_restored = Signal(object)  # RestoreResult
    restore_failed = Signal()

    def __init__(
        self,
        window: MainWindow | ReviewerWindow,
        runner: TaskRunner,
        prompter: Prompter,
        background: BackgroundWork,
        *,
        lang: str,
    ) -> None:
        from desktop.mainwindow import MainWindow

        super().__init__(window)
        self._window = window
        self._runner, self._prompter, self._background, self._lang = runner, prompter, background, lang
        self._outbox: OutboxPage | None = None
        self._backup: BackupPage | None = None
        self._par: ParIndexPage | None = None
        background.set_outbox_page(None)  # the previous window's page went with it
        self.outbox_row = window.add_page(QWidget(), "state-info", QCoreApplication.translate("Application", "Outbox"))
        self.backup_row = window.add_page(QWidget(), "state-ok", QCoreApplication.translate("Application", "Backups"))
        self.par_row = -1  # reviewers appraise elsewhere
        if isinstance(window, MainWindow):
            self.par_row = window.add_page(QWidget(), "overview", QCoreApplication.translate("Application", "PAR index"))
        window.nav.currentRowChanged.connect(self._on_nav_row_changed)

    @property
    def outbox_page(self) -> OutboxPage:
        if self._outbox is None:
            from desktop.outbox_page import OutboxPage

            page = self._outbox = OutboxPage(self._runner, self._prompter, lang=self._lang)
            page.status_message.connect(self.status_message)
            self._background.set_outbox_page(page)
            self._place(page, self.outbox_row)
        return self._outbox

    @property
    def backup_page(self) -> BackupPage:
        if self._backup is None:
            from desktop.backup_page import BackupPage

            page = self._backup = BackupPage(self._runner, self._prompter, lang=self._lang)
            page.status_message.connect(self.status_message)
            page.restore_starting.connect(self.restore_starting)
            page.data_restored.connect(self.data_restored)
            page.restore_failed.connect(self.restore_failed)
            self._place(page, self.backup_row)
        return self._backup

    @property
    def par_page(self) -> ParIndexPage | None:
        if self._par is None and self.par_row >= 0:
            from desktop.par_page import ParIndexPage

            page = self._par = ParIndexPage(self._runner, self._prompter, lang=self._lang)
            page.status_message.connect(self.status_message)
            self._place(page, self.par_row)
        return self._par

    def _place(self, page: QWidget, row: int) -> None:
        """Put a page built on demand where its placeholder was in the window's stack."""
        stack = self._window.pages
        old = stack.widget(row)
        assert old is not None  # __init__ put a placeholder at the row
        stack.insertWidget(row, page)
        stack.removeWidget(old)
        old.deleteLater()
        if self._window.nav.currentRow() == row:  # opened just now: the window showed the placeholder
            stack.setCurrentIndex(row)

    @Slot(int)
    def _on_nav_row_changed(self, row: int) -> None:
        page: OutboxPage | BackupPage | ParIndexPage | None = None
        if row == self.outbox_row:
            page = self.outbox_page
        elif row == self.backup_row:
            page = self.backup_page
        elif row == self.par_row:
            page = self.par_page
        if page is not None:
            page.refresh()
