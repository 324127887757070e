"""The main window: navigation on the left (Báo cáo, Tổng quan, Cài đặt), pages on the right.

Every connection between the pages is made in ``_connect_signals``; the pages never look for
each other.
"""

from __future__ import annotations

import logging
from enum import IntEnum
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QSize, Qt, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QMainWindow,
    QProgressBar,
    QStackedWidget,
    QWidget,
)

from desktop import jobs
from desktop.appearance import icon
from desktop.clock_warning import warn_about_clock
from desktop.nav_column import NavColumn
from desktop.prompter import Prompter
from desktop.report_list import ReportListPage
from desktop.send_receive import SendReceive, dropped_packages
from desktop.tasks import TaskRunner
from desktop.text_zoom import TextZoom
from reports import __version__
from reports.storage.unit import Role, Unit

if TYPE_CHECKING:  # built when first needed, and so imported then: the window shows sooner
    from desktop.editor import ReportEditor
    from desktop.overview import OverviewPage
    from desktop.preview import PreviewPage
    from desktop.settings_jobs import SettingsState
    from desktop.settings_page import SettingsPage
    from desktop.sign_dialog import SignDialog

log = logging.getLogger(__name__)

CLOSE_WAIT_MS = 3000
PREFERRED_SIZE = QSize(1280, 800)
MIN_WIDTH, MIN_HEIGHT = 880, 480


class Page(IntEnum):
    REPORTS = 0
    OVERVIEW = 1
    SETTINGS = 2


class MainWindow(QMainWindow):
    text_size_changed = Signal(str)
    language_changed = Signal(str)
    demo_requested = Signal()  # "try with sample data" from the settings (desktop/app.py opens the demo)

    def __init__(self, runner: TaskRunner, prompter: Prompter, unit: Unit, *, lang: str = "vi") -> None:
        super().__init__()
        self._runner = runner
        self._prompter = prompter
        self._lang = lang
        self._unit = unit
        self._list_stale = True
        self.setWindowTitle(self.tr("Báo cáo CCHC — %1").replace("%1", unit.name))
        self.setWindowIcon(icon("app"))
        # Small enough for 1280×720 at 125 % (1024×576 logical, less the taskbar); the size
        # itself follows the screen (fit_to_screen): 1280×800 cut off a 768-pixel screen.
        self.setMinimumSize(QSize(MIN_WIDTH, MIN_HEIGHT))
        self.fit_to_screen()

        # The frame first, then what goes in it: a widget put into a parent already in the
        # window takes the style sheet's style once, where one built apart and then added
        # (and its parent added, and so on up) took it again at every level — a third of
        # building the window.
        central = QWidget()
        self.setCentralWidget(central)
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        self.nav_panel = QWidget()
        row.addWidget(self.nav_panel)
        self.pages = QStackedWidget()
        row.addWidget(self.pages, 1)
        self.reports_area = QStackedWidget()
        self.pages.addWidget(self.reports_area)
        # The overview and the settings are built when first opened: the window shows sooner.
        self.overview: OverviewPage | None = None
        self.settings_page: SettingsPage | None = None
        self.pages.addWidget(QWidget())
        self.pages.addWidget(QWidget())

        # navigation
        column = NavColumn(
            self.nav_panel,
            (
                (Page.REPORTS, "reports", self.tr("Reports")),
                (Page.OVERVIEW, "overview", self.tr("Overview")),
                (Page.SETTINGS, "settings", self.tr("Settings")),
            ),
            self.tr("Version %1").replace("%1", __version__),
        )
        self.unit_label, self.province_label, self.nav = column.unit_label, column.province_label, column.nav
        self.nav.setAccessibleName(self.tr("Sections of the program"))
        self.nav_width = column.width

        commune = unit.role is Role.COMMUNE  # the reviewing office's computer has a notice instead
        self.report_list = ReportListPage(runner, prompter, lang=lang, parent=self.reports_area if commune else None)
        self._editor: ReportEditor | None = None  # built when a report is first opened (``editor``)
        # The PDF preview (QtPdf and pdfium) is built the first time it is shown: the window
        # shows itself without loading the PDF code.
        self._preview: PreviewPage | None = None
        self._page_args = (runner, prompter, lang)
        self.send_receive = SendReceive(runner, prompter, lang=lang, parent=self)
        self.sign_dialog: SignDialog | None = None
        if commune:
            self.reports_area.addWidget(self.report_list)
            self.setAcceptDrops(True)  # a feedback package dropped on the window is received
        else:
            notice = QLabel(self.tr("This computer is set up for the reviewing office. The reviewer's window "
                                    "(receiving the communes' packages, checking and consolidating them) comes "
                                    "in the next version of the program."))
            notice.setWordWrap(True)
            notice.setAlignment(Qt.AlignmentFlag.AlignCenter)
            notice.setMargin(40)
            self.reports_area.addWidget(notice)

        self.statusBar().setSizeGripEnabled(True)
        self.busy_label = QLabel()
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)  # writing or reading a package: no percentage to show
        self.busy_bar.setMaximumWidth(180)
        self.busy_bar.setTextVisible(False)
        for w in (self.busy_label, self.busy_bar):
            w.setVisible(False)
            self.statusBar().addPermanentWidget(w)

        self.save_action = QAction(self.tr("Save"), self)
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.quit_action = QAction(self.tr("Quit"), self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.zoom = TextZoom(self)
        self.zoom_in_action, self.zoom_out_action = self.zoom.zoom_in_action, self.zoom.zoom_out_action
        self.zoom_reset_action = self.zoom.zoom_reset_action
        self.page_actions = []
        for page in Page:
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Alt+{int(page) + 1}"))
            action.setData(int(page))
            self.page_actions.append(action)
        for a in (self.save_action, self.quit_action, *self.page_actions):
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.addAction(a)

        self._show_unit(unit)
        # Before the signals: the reports' page is already the one shown, and start() loads it
        # (through the signal this loaded the list once more, before the window was shown).
        self.nav.setCurrentRow(int(Page.REPORTS))
        self._connect_signals()

    def fit_to_screen(self, available: QRect | None = None) -> None:
        """Open at the preferred size, or at what the screen offers when it is smaller (the
        window frame and title bar included), centred; maximised on a small screen."""
        if available is None:
            screen = self.screen() or QGuiApplication.primaryScreen()
            available = screen.availableGeometry() if screen is not None else QRect(0, 0, 1280, 800)
        frame = QSize(16, 40)  # a title bar and borders, until the window has its own frame
        width = min(PREFERRED_SIZE.width(), available.width() - frame.width())
        height = min(PREFERRED_SIZE.height(), available.height() - frame.height())
        self.resize(max(width, MIN_WIDTH), max(height, MIN_HEIGHT))
        self.move(
            available.x() + max(0, (available.width() - self.width() - frame.width()) // 2),
            available.y() + max(0, (available.height() - self.height() - frame.height()) // 2),
        )
        if available.height() < PREFERRED_SIZE.height() or available.width() < PREFERRED_SIZE.width():
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)

    def _connect_signals(self) -> None:
        self.nav.currentRowChanged.connect(self._on_nav_row_changed)
        self.nav.itemClicked.connect(self._on_nav_item_clicked)
        self.report_list.open_requested.connect(self.open_report)
        self.report_list.export_requested.connect(self.send_receive.export)
        self.report_list.receive_requested.connect(self.send_receive.receive)
        self.send_receive.busy_changed.connect(self._on_send_receive_busy_changed)
        self.send_receive.reports_changed.connect(self._on_reports_changed)
        self.save_action.triggered.connect(self._on_save_triggered)
        self.quit_action.triggered.connect(self.close)
        self.zoom.size_changed.connect(self.text_size_changed)
        for action in self.page_actions:
            action.triggered.connect(self._on_page_action_triggered)

    def _connect_settings_signals(self, page: SettingsPage) -> None:
        page.saved.connect(self._on_settings_saved)
        page.text_size_changed.connect(self.set_text_size)
        page.language_changed.connect(self.language_changed)
        page.demo_requested.connect(self.demo_requested)

    # ------------------------------------------------------------ text size

    @property
    def text_size(self) -> str:
        return self.zoom.size

    @Slot(str)
    def set_text_size(self, size: str) -> None:
        self.zoom.set_settings_size(size)

    # ------------------------------------------------------------ pages

    @property
    def editor(self) -> ReportEditor:
        """The report editor, built the first time it is needed: the list shows sooner."""
        if self._editor is None:
            from desktop.editor import ReportEditor

            editor = self._editor = ReportEditor(self._runner, self._prompter, lang=self._lang)
            if self._unit.role is Role.COMMUNE:
                self.reports_area.addWidget(editor)
            editor.back_requested.connect(self.show_report_list)
            editor.report_changed.connect(self._on_editor_report_changed)
            editor.status_message.connect(self._on_status_message)
            editor.preview_requested.connect(self.show_preview)
            editor.sign_requested.connect(self.sign_report)
            editor.send_requested.connect(self._on_send_requested)
        return self._editor

    def flush_editor(self) -> None:
        """Send the editor's pending edits to the worker (nothing to send when it was never built)."""
        if self._editor is not None:
            self._editor.flush()

    def _build_page(self, page: Page) -> None:
        """Build the overview or the settings page the first time it is opened."""
        if page is Page.OVERVIEW and self.overview is None:
            from desktop.overview import OverviewPage
            self.overview = OverviewPage(self._runner, lang=self._lang)
            widget: QWidget = self.overview
        elif page is Page.SETTINGS and self.settings_page is None:
            from desktop.settings_page import SettingsPage
            self.settings_page = SettingsPage(self._runner, self._prompter, lang=self._lang)
            self._connect_settings_signals(self.settings_page)
            widget = self.settings_page
        else:
            return
        old = self.pages.widget(int(page))
        assert old is not None  # __init__ put a placeholder at every page's index
        self.pages.insertWidget(int(page), widget)
        self.pages.removeWidget(old)
        old.deleteLater()

    def start(self) -> None:
        """Load the first data (after the window is shown)."""
        if self._unit.role is Role.COMMUNE:
            self.report_list.refresh()
            self._list_stale = False
            self._runner.run(jobs.clock_problem, on_success=partial(warn_about_clock, self._prompter), context=self)
        self.report_list.table.setFocus()

    def add_page(self, widget: QWidget, icon_name: str, text: str) -> int:
        """A page after the built-in ones (the composition root adds the outbox and the
        backups); returns its row in the navigation."""
        row = self.nav.count()
        item = QListWidgetItem(icon(icon_name), text)
        item.setData(Qt.ItemDataRole.UserRole, row)
        self.nav.addItem(item)
        self.pages.insertWidget(row, widget)
        return row

    @Slot(int)
    def _on_nav_row_changed(self, row: int) -> None:
        if row < 0:
            return
        if row >= len(Page):  # a page from add_page: built and refreshed by its owner
            self.pages.setCurrentIndex(row)
            return
        self._build_page(Page(row))
        self.pages.setCurrentIndex(row)
        if row == Page.OVERVIEW and self.overview is not None:
            self.overview.refresh()
        elif row == Page.SETTINGS and self.settings_page is not None:
            self.settings_page.refresh()
        elif (
            row == Page.REPORTS and self.reports_area.currentWidget() is self.report_list and self._list_stale
        ):
            self.report_list.refresh()
            self._list_stale = False

    @Slot(QListWidgetItem)
    def _on_nav_item_clicked(self, item: QListWidgetItem) -> None:
        """"Báo cáo" pressed while a report or its preview is shown: back to the list (it
        used to do nothing, as the row was already the current one)."""
        if (
            item.data(Qt.ItemDataRole.UserRole) == Page.REPORTS
            and self.pages.currentIndex() == Page.REPORTS
            and self.reports_area.currentWidget() in (self._editor, self._preview)
        ):
            self.show_report_list()

    @Slot()
    def _on_page_action_triggered(self) -> None:
        action = self.sender()
        if isinstance(action, QAction):
            self.show_page(Page(action.data()))

    def show_page(self, page: Page) -> None:
        self.nav.setCurrentRow(int(page))

    @Slot(int)
    def open_report(self, report_id: int) -> None:
        self.show_page(Page.REPORTS)
        self.editor.open_report(report_id)
        self.reports_area.setCurrentWidget(self.editor)
        self.editor.section_list.setFocus()

    @Slot()
    def show_report_list(self) -> None:
        self.reports_area.setCurrentWidget(self.report_list)
        report = self._editor.report if self._editor is not None else None
        self.report_list.refresh(select_id=report.id if report else None)
        self._list_stale = False
        self.report_list.table.setFocus()

    @Slot(int)
    def _on_editor_report_changed(self, _report_id: int) -> None:
        self._list_stale = True

    # ------------------------------------------------------------ preview, signing, packages

    @property
    def preview(self) -> PreviewPage:
        if self._preview is None:
            from desktop.preview import PreviewPage

            runner, prompter, lang = self._page_args
            page = PreviewPage(runner, prompter, lang=lang)
            self.reports_area.addWidget(page)
            page.back_requested.connect(self._on_preview_back_requested)
            page.sign_requested.connect(self.sign_report)
            page.status_message.connect(self._on_status_message)
            self._preview = page
        return self._preview

    @Slot(int)
    def show_preview(self, report_id: int) -> None:
        self.show_page(Page.REPORTS)
        self.preview.show_report(report_id, can_sign=self.editor.can_sign)
        self.reports_area.setCurrentWidget(self.preview)
        self.preview.view.setFocus()

    @Slot()
    def _on_preview_back_requested(self) -> None:
        self.reports_area.setCurrentWidget(self.editor)
        self.editor.section_list.setFocus()

    @Slot(int)
    def sign_report(self, report_id: int) -> None:
        if self.sign_dialog is not None:
            self.sign_dialog.raise_()
            return
        self.flush_editor()
        from desktop.sign_dialog import SignDialog

        dialog = SignDialog(self._runner, self._prompter, report_id, lang=self._lang, parent=self)
        dialog.signed.connect(self._on_report_signed)
        dialog.send_requested.connect(self._on_send_requested)
        dialog.finished.connect(self._on_sign_dialog_finished)
        self.sign_dialog = dialog
        dialog.open()

    @Slot(object)
    def _on_report_signed(self, signed: object) -> None:
        report_id = signed.report.id  # type: ignore[attr-defined]
        self._list_stale = True
        self.editor.open_report(report_id)  # read-only now, as signed
        if self._preview is not None and self.reports_area.currentWidget() is self._preview:
            self.preview.show_report(report_id)  # the signed file, with its signature
        else:
            self.reports_area.setCurrentWidget(self.editor)
        self.statusBar().showMessage(self.tr("The report is signed."), 10_000)

    @Slot(int)
    def _on_sign_dialog_finished(self, _result: int) -> None:
        if self.sign_dialog is not None:
            self.sign_dialog.deleteLater()
            self.sign_dialog = None

    @Slot(int)
    def _on_send_requested(self, _report_id: int) -> None:
        """The last step: the outbox when it is set up, else a USB stick or a folder."""
        self.flush_editor()
        self.send_receive.send()

    @Slot(bool, str)
    def _on_send_receive_busy_changed(self, busy: bool, text: str) -> None:
        self.busy_label.setText(text)
        self.busy_label.setVisible(busy)
        self.busy_bar.setVisible(busy)

    @Slot()
    def _on_reports_changed(self) -> None:
        """A package went out or came in: statuses changed, revisions may have appeared."""
        self._list_stale = True
        current = self.reports_area.currentWidget()
        if current is self.report_list:
            self.report_list.refresh()
            self._list_stale = False
        elif self._editor is not None and current is self._editor and self._editor.report is not None:
            self._editor.open_report(self._editor.report.id)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if dropped_packages(paths):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        packages = dropped_packages(paths)
        if not packages:
            event.ignore()
            return
        event.acceptProposedAction()
        if len(packages) > 1:
            self._prompter.info(
                self.tr("Receive feedback"),
                self.tr("Drop one package at a time; the first one is received now."),
            )
        self.send_receive.receive(packages[0])

    @Slot(str)
    def _on_status_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 10_000)

    @Slot(object)
    def _on_settings_saved(self, state: SettingsState) -> None:
        self._show_unit(state.unit)
        self._list_stale = True
        self.statusBar().showMessage(self.tr("Settings saved."), 5000)

    def _show_unit(self, unit: Unit) -> None:
        self._unit = unit
        self.unit_label.setText(unit.name)
        self.province_label.setText(unit.province_name)

    @Slot()
    def _on_save_triggered(self) -> None:
        if self._editor is not None and self.reports_area.currentWidget() is self._editor and self.pages.currentIndex() == Page.REPORTS:
            text = self.editor.save_now()
        else:
            text = self.tr("Everything you type is saved automatically.")
        self.statusBar().showMessage(text, 8000)

    # ------------------------------------------------------------ closing

    def save_before_exit(self) -> None:
        """Best effort, also after a bug: send pending edits and wait a little for them."""
        self.flush_editor()
        self._runner.wait_idle(CLOSE_WAIT_MS)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.flush_editor()
        if (
            self._runner.pending
            and not self._runner.wait_idle(CLOSE_WAIT_MS)
            and not self._prompter.ask_yes_no(
                self.tr("Still working"),
                self.tr(
                    "The program is still saving or working. Close anyway? What is being saved now may be lost."
                ),
                yes_text=self.tr("Close anyway"),
                no_text=self.tr("Wait"),
            )
        ):
            event.ignore()
            return
        log.info("main window closed")
        event.accept()
