"""The reviewing office's main window: Hộp thư đến, Bảng theo dõi, Tổng hợp, So sánh, Tin cậy.

Packages can be dropped anywhere on the window. Every connection between the pages is made
in ``_connect_signals``; the pages never look for each other.
"""

from __future__ import annotations

import logging
from enum import IntEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.appearance import icon, set_font_scale
from desktop.nav_width import NavWidth
from desktop.prompter import Prompter
from desktop.reviewer import jobs
from desktop.reviewer.board_view import BoardPage
from desktop.reviewer.compare_page import ComparePage
from desktop.reviewer.consolidate_page import ConsolidatePage
from desktop.reviewer.forms_page import FormsPage
from desktop.reviewer.inbox import InboxPage
from desktop.reviewer.par_page import ParIndexPage
from desktop.reviewer.report_view import ReportViewPage
from desktop.reviewer.trust_page import TrustPage
from desktop.settings_page import SettingsPage
from desktop.tasks import TaskRunner
from reports import __version__
from reports.storage.unit import Unit

log = logging.getLogger(__name__)


class Page(IntEnum):
    INBOX = 0
    BOARD = 1
    CONSOLIDATE = 2
    COMPARE = 3
    TRUST = 4
    SETTINGS = 5  # the Department's own details: its signer, place, recipients
    FORMS = 6  # the forms and calendar this office issues to its communes
    REPORT = 7  # not in the navigation: opened from the board


class ReviewerWindow(QMainWindow):
    text_size_changed = Signal(str)  # the composition root listens, as on the commune's window
    language_changed = Signal(str)

    def __init__(self, runner: TaskRunner, prompter: Prompter, unit: Unit, *, lang: str = "vi") -> None:
        super().__init__()
        self._runner = runner
        self._prompter = prompter
        self._unit = unit
        self._lang = lang
        self.setWindowTitle(self.tr("Báo cáo CCHC — %1").replace("%1", unit.name))
        self.resize(1280, 800)
        self.setMinimumSize(QSize(960, 600))
        self.setAcceptDrops(True)

        self.nav_panel = QWidget()
        self.nav_panel.setObjectName("NavPanel")
        self.nav_panel.setAutoFillBackground(True)
        unit_label = QLabel(unit.name)
        unit_label.setObjectName("NavUnit")
        unit_label.setWordWrap(True)
        set_font_scale(unit_label, 1.1, bold=True)
        self.nav = QListWidget()
        self.nav.setObjectName("Nav")
        self.nav.setAccessibleName(self.tr("Sections of the program"))
        for page, text in (
            (Page.INBOX, self.tr("Inbox")),
            (Page.BOARD, self.tr("Status board")),
            (Page.CONSOLIDATE, self.tr("Consolidation")),
            (Page.COMPARE, self.tr("Compare")),
            (Page.TRUST, self.tr("Trust")),
            (Page.SETTINGS, self.tr("Settings")),
            (Page.FORMS, self.tr("Forms")),
        ):
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, int(page))
            item.setToolTip(f"Alt+{int(page) + 1}")
            self.nav.addItem(item)
        set_font_scale(self.nav, 1.1, bold=True)
        self.feedback_button = QPushButton(self.tr("E&xport feedback…"))
        self.feedback_button.setToolTip(self.tr("Write a feedback package for every commune with news"))
        nav_layout = QVBoxLayout(self.nav_panel)
        nav_layout.setContentsMargins(10, 16, 10, 12)
        nav_layout.addWidget(unit_label)
        nav_layout.addSpacing(14)
        nav_layout.addWidget(self.nav, 1)
        nav_layout.addWidget(self.feedback_button)
        nav_layout.addWidget(QLabel(self.tr("Version %1").replace("%1", __version__)))
        self.nav_width = NavWidth(self.nav_panel, self.nav, 220)  # wider with large text, never scrolled

        self.inbox = InboxPage(runner, prompter)
        self.board = BoardPage(runner)
        self.consolidate_page = ConsolidatePage(runner, prompter)
        self.compare_page = ComparePage(runner)
        self.trust_page = TrustPage(runner, prompter)
        self.settings_page = SettingsPage(runner, prompter, lang=lang)
        self.forms_page = FormsPage(runner, prompter)
        self.report_view = ReportViewPage(runner, prompter, lang=lang)
        self.pages = QStackedWidget()
        for widget in (
            self.inbox,
            self.board,
            self.consolidate_page,
            self.compare_page,
            self.trust_page,
            self.settings_page,
            self.forms_page,
            self.report_view,
        ):
            self.pages.addWidget(widget)

        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav_panel)
        row.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.quit_action = QAction(self.tr("Quit"), self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.addAction(self.quit_action)
        self.page_actions = []
        for page in list(Page)[: int(Page.REPORT)]:
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Alt+{int(page) + 1}"))
            action.setData(int(page))
            self.addAction(action)
            self.page_actions.append(action)
        # The PAR-index year: appraisal and ranking (its own page, refreshed when shown).
        self.par_page = ParIndexPage(runner, prompter)
        self.add_page(self.par_page, "state-ok", self.tr("PAR index"))
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.nav.currentRowChanged.connect(self._on_nav_current_row_changed)
        for action in self.page_actions:
            action.triggered.connect(self._on_page_action_triggered)
        self.quit_action.triggered.connect(self.close)
        self.feedback_button.clicked.connect(self._on_feedback_clicked)
        self.inbox.imported.connect(self._on_inbox_imported)
        self.inbox.trust_requested.connect(self._on_inbox_trust_requested)
        self.board.report_requested.connect(self.open_report)
        self.report_view.back_requested.connect(self._on_report_back_requested)
        self.report_view.decided.connect(self._on_report_decided)
        self.trust_page.trust_changed.connect(self.board.refresh)
        self.settings_page.text_size_changed.connect(self.text_size_changed)
        self.settings_page.language_changed.connect(self.language_changed)

    # ------------------------------------------------------------ life

    def start(self) -> None:
        self.nav.setCurrentRow(Page.BOARD)
        self.board.refresh()
        self.trust_page.refresh()

    def save_before_exit(self) -> None:
        """Nothing is edited here; a running import is asked to stop after its current file."""
        self.inbox.cancel()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_before_exit()
        super().closeEvent(event)

    def add_page(self, widget: QWidget, icon_name: str, text: str) -> int:
        """A page after the reviewer's own (the composition root adds the outbox and the
        backups); returns its row in the navigation, which is also its index in the stack."""
        row = self.nav.count()
        item = QListWidgetItem(icon(icon_name), text)
        item.setData(Qt.ItemDataRole.UserRole, row)
        self.nav.addItem(item)
        self.pages.insertWidget(row, widget)  # before the report view, which is not in the navigation
        return row

    def show_page(self, page: Page) -> None:
        if page is Page.REPORT:
            self.pages.setCurrentWidget(self.report_view)
            return
        self.nav.setCurrentRow(int(page))

    @Slot(int)
    def _on_nav_current_row_changed(self, row: int) -> None:
        if row < 0:
            return
        self.pages.setCurrentIndex(row)
        if row >= Page.REPORT:  # a page from add_page: refreshed by its owner
            return
        page = Page(row)
        if page is Page.CONSOLIDATE:
            self.consolidate_page.refresh()
        elif page is Page.COMPARE:
            self.compare_page.refresh()
        elif page is Page.TRUST:
            self.trust_page.refresh()
        elif page is Page.SETTINGS:
            self.settings_page.refresh()
        elif page is Page.FORMS:
            self.forms_page.refresh()

    @Slot()
    def _on_page_action_triggered(self) -> None:
        action = self.sender()
        if isinstance(action, QAction):
            self.show_page(Page(int(action.data())))

    # ------------------------------------------------------------ dropping packages

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.handle_drop(paths)

    def handle_drop(self, paths: list[Path]) -> None:
        """Import dropped files and folders, showing the inbox."""
        log.info("%d path(s) dropped", len(paths))
        self.show_page(Page.INBOX)
        self.inbox.import_paths([Path(p) for p in paths])

    @Slot(object)
    def _on_inbox_imported(self, _results: Any) -> None:
        self.board.refresh()

    @Slot(object)
    def _on_inbox_trust_requested(self, path: Path) -> None:
        self.trust_page.confirm_package(path)

    # ------------------------------------------------------------ reports

    @Slot(int)
    def open_report(self, report_id: int) -> None:
        self.report_view.open_report(report_id)
        self.show_page(Page.REPORT)

    @Slot()
    def _on_report_back_requested(self) -> None:
        self.show_page(Page.BOARD)
        self.pages.setCurrentWidget(self.board)

    @Slot(object)
    def _on_report_decided(self, _report: Any) -> None:
        self.board.refresh()

    @Slot()
    def _on_feedback_clicked(self) -> None:
        folder = self._prompter.choose_folder(self.tr("Where to write the feedback packages"))
        if folder is None:
            return
        self._runner.run(
            jobs.export_feedback,
            Path(folder),
            None,
            on_success=self._on_feedback_written,
            on_failure=self._prompter.error,
            context=self,
        )

    def _on_feedback_written(self, written: list[Any]) -> None:
        if not written:
            self._prompter.info(
                self.tr("Export feedback"), self.tr("No commune has news: nothing was written.")
            )
            return
        self._prompter.info(
            self.tr("Export feedback"),
            self.tr("%1 feedback package(s) written:\n%2")
            .replace("%1", str(len(written)))
            .replace("%2", "\n".join(str(w.path) for w in written)),
        )
