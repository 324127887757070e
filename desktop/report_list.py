"""The list of reports, with "Tạo báo cáo kỳ này" (create this period's report) on top."""

from __future__ import annotations

import logging

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop import jobs
from desktop.appearance import set_font_scale
from desktop.jobs import NewReportPlan, ReportRow
from desktop.prompter import Prompter
from desktop.report_model import Column, ReportFilterProxyModel, ReportTableModel
from desktop.tasks import TaskRunner
from desktop.wheel_guard import guard_wheel
from forms.numbers import format_date
from reports.storage.lifecycle import Status

log = logging.getLogger(__name__)


class ReportListPage(QWidget):
    open_requested = Signal(int)  # a report id
    rows_loaded = Signal()
    export_requested = Signal()
    receive_requested = Signal()

    def __init__(
        self, runner: TaskRunner, prompter: Prompter, *, lang: str = "vi", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._prompter = prompter
        self._lang = lang
        self._plan: NewReportPlan | None = None
        self._pending_select: int | None = None

        self.model = ReportTableModel(lang, self)
        self.proxy = ReportFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)

        self.heading = QLabel(self.tr("Reports"))
        set_font_scale(self.heading, 1.5, bold=True)
        self.create_button = QPushButton(self.tr("&Create this period's report"))
        self.create_button.setProperty("primary", True)
        self.create_button.setToolTip(self.tr("Ctrl+N"))
        set_font_scale(self.create_button, 1.15, bold=True)
        self.plan_label = QLabel()
        self.plan_label.setWordWrap(True)
        self.other_button = QPushButton(self.tr("Create &another report…"))
        self.open_button = QPushButton(self.tr("&Open"))
        self.handed_over_button = QPushButton(self.tr("Mark as &sent"))
        self.handed_over_button.setToolTip(
            self.tr("After handing the USB stick to the reviewing office or sending the e-mail: the report becomes “Sent”.")
        )
        self.export_button = QPushButton(self.tr("E&xport package to send…"))
        self.export_button.setToolTip(
            self.tr(
                "Write the finalised and signed reports into one package file for the reviewing office (Ctrl+E)."
            )
        )
        self.receive_button = QPushButton(self.tr("&Receive feedback…"))
        self.receive_button.setToolTip(
            self.tr(
                "Open a package from the reviewing office (.cchc); it can also be dropped on the window (Ctrl+R)."
            )
        )
        self.year_combo = guard_wheel(QComboBox())
        self.status_combo = guard_wheel(QComboBox())
        self.status_combo.addItem(self.tr("All"), None)
        for status in Status:
            self.status_combo.addItem(status.label_en if lang == "en" else status.label_vi, status.value)
        year_label = QLabel(self.tr("&Year:"))
        year_label.setBuddy(self.year_combo)
        status_label = QLabel(self.tr("&Status:"))
        status_label.setBuddy(self.status_combo)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.PERIOD, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().lineSpacing() + 18)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.FORM, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName(self.tr("Reports"))
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.empty_label.setProperty("role", "muted")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        create_box = QVBoxLayout()
        create_row = QHBoxLayout()
        create_row.addWidget(self.create_button)
        create_row.addWidget(self.other_button)
        create_row.addStretch(1)
        create_box.addLayout(create_row)
        create_box.addWidget(self.plan_label)
        filters = QHBoxLayout()
        filters.addWidget(year_label)
        filters.addWidget(self.year_combo)
        filters.addSpacing(16)
        filters.addWidget(status_label)
        filters.addWidget(self.status_combo)
        filters.addStretch(1)
        filters.addWidget(self.handed_over_button)
        filters.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)  # fits 1280×720 at 125 %, English included
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addLayout(create_box)
        layout.addSpacing(6)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        # Sending and receiving by file under the list, on a row of their own: beside
        # "Tạo báo cáo kỳ này" they made the page wider than a 1280×720 screen at 125 %.
        exchange_row = QHBoxLayout()
        exchange_row.addStretch(1)
        exchange_row.addWidget(self.export_button)
        exchange_row.addWidget(self.receive_button)
        layout.addLayout(exchange_row)

        self.create_action = QAction(self.tr("Create this period's report"), self)
        self.create_action.setShortcut(QKeySequence.StandardKey.New)
        self.create_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(self.create_action)
        self.export_action = QAction(self.tr("Export package to send"), self)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.receive_action = QAction(self.tr("Receive feedback"), self)
        self.receive_action.setShortcut(QKeySequence("Ctrl+R"))
        for a in (self.export_action, self.receive_action):
            a.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(a)
        self._fill_years([])
        self._connect_signals()
        self._update_buttons()

    def _connect_signals(self) -> None:
        self.create_button.clicked.connect(self.create_current_report)
        self.create_action.triggered.connect(self.create_current_report)
        self.other_button.clicked.connect(self._on_other_button_clicked)
        self.open_button.clicked.connect(self._on_open_button_clicked)
        self.handed_over_button.clicked.connect(self._on_handed_over_button_clicked)
        self.export_button.clicked.connect(self.export_requested)
        self.export_action.triggered.connect(self.export_requested)
        self.receive_button.clicked.connect(self.receive_requested)
        self.receive_action.triggered.connect(self.receive_requested)
        self.table.activated.connect(self._on_table_activated)
        self.table.doubleClicked.connect(self._on_table_activated)
        self.year_combo.currentIndexChanged.connect(self._on_year_combo_changed)
        self.status_combo.currentIndexChanged.connect(self._on_status_combo_changed)
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.proxy.modelReset.connect(self._update_buttons)

    # ------------------------------------------------------------ loading

    def refresh(self, select_id: int | None = None) -> None:
        if select_id is not None:
            self._pending_select = select_id
        self._runner.run(jobs.report_rows, on_success=self._on_rows_loaded, context=self)
        self._runner.run(
            jobs.plan_report, on_success=self._on_plan_loaded, on_failure=self._on_plan_failed, context=self
        )

    @Slot(object)
    def _on_rows_loaded(self, rows: list[ReportRow]) -> None:
        current = self.current_row()
        keep = self._pending_select if self._pending_select is not None else (current.id if current else None)
        self._pending_select = None
        self.model.set_rows(rows)
        self._fill_years(self.model.years())
        if keep is not None:
            self.select_report(keep)
        elif self.proxy.rowCount():
            self.table.selectRow(0)
        self._update_buttons()
        self.rows_loaded.emit()

    @Slot(object)
    def _on_plan_loaded(self, plan: NewReportPlan) -> None:
        self._plan = plan
        period = plan.period.label(self._lang)
        if plan.existing_id is not None:
            text = self.tr("This period: %1, deadline %2. Its report is already created.")
            # The button says what it does now: it used to read "create" for a report that exists.
            self.create_button.setText(self.tr("&Open this period's report"))
        else:
            text = self.tr("This period: %1, deadline %2.")
            self.create_button.setText(self.tr("&Create this period's report"))
        self.plan_label.setText(text.replace("%1", period).replace("%2", format_date(plan.deadline)))

    @Slot(object)
    def _on_plan_failed(self, exc: object) -> None:
        self._plan = None
        self.plan_label.setText(self._prompter.message_of(exc))  # type: ignore[arg-type]

    def _fill_years(self, years: list[int]) -> None:
        current = self.year_combo.currentData()
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        self.year_combo.addItem(self.tr("All"), None)
        for y in years:
            self.year_combo.addItem(str(y), y)
        index = self.year_combo.findData(current) if current is not None else 0
        self.year_combo.setCurrentIndex(max(index, 0))
        self.year_combo.blockSignals(False)
        self.proxy.set_year(self.year_combo.currentData())

    # ------------------------------------------------------------ selection

    def current_row(self) -> ReportRow | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.proxy.row_at(index.row())

    def select_report(self, report_id: int) -> bool:
        source = self.model.index_of(report_id)
        if not source.isValid():
            return False
        index = self.proxy.mapFromSource(source)
        if not index.isValid():
            return False
        self.table.setCurrentIndex(index)
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        return True

    @Slot()
    def _update_buttons(self) -> None:
        has_rows = self.model.rowCount() > 0
        row = self.current_row()
        self.open_button.setEnabled(row is not None)
        # A package written to a folder has not left the office: the official says when it did.
        self.handed_over_button.setVisible(row is not None and row.status is Status.EXPORTED)
        self.empty_label.setVisible(self.proxy.rowCount() == 0)
        self.empty_label.setText(
            self.tr("No reports match the filter.")
            if has_rows
            else self.tr("There are no reports yet. Press “Create this period's report” to start.")
        )

    @Slot(int)
    def _on_year_combo_changed(self, _index: int) -> None:
        self.proxy.set_year(self.year_combo.currentData())
        self._update_buttons()

    @Slot(int)
    def _on_status_combo_changed(self, _index: int) -> None:
        value = self.status_combo.currentData()
        self.proxy.set_status(Status(value) if value else None)
        self._update_buttons()

    @Slot(QModelIndex)
    def _on_table_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_requested.emit(self.proxy.row_at(index.row()).id)

    @Slot()
    def _on_handed_over_button_clicked(self) -> None:
        row = self.current_row()
        if row is None or row.status is not Status.EXPORTED:
            return
        if self._prompter.ask_yes_no(
            self.tr("Mark the report as sent?"),
            self.tr("Has the package with this report been handed to the reviewing office or sent by e-mail?"),
            yes_text=self.tr("Yes, it was sent"),
            no_text=self.tr("Not yet"),
        ):
            self._pending_select = row.id
            self._runner.run(
                jobs.confirm_handed_over,
                row.id,
                on_success=self._on_handed_over,
                on_failure=self._prompter.error,
                context=self,
            )

    def _on_handed_over(self, _changed: list[int]) -> None:
        self.refresh()

    @Slot()
    def _on_open_button_clicked(self) -> None:
        row = self.current_row()
        if row is not None:
            self.open_requested.emit(row.id)

    # ------------------------------------------------------------ creating

    @Slot()
    def create_current_report(self) -> None:
        """Plan this period's report on the worker, then create (or open) it."""
        self.create_button.setEnabled(False)
        self._runner.run(
            jobs.plan_report,
            on_success=self._create_from_plan,
            on_failure=self._on_create_failed,
            context=self,
        )

    def create_report(self, period_code: str, form_id: str) -> None:
        self._runner.run(
            jobs.plan_report,
            period_code,
            form_id,
            on_success=self._create_from_plan,
            on_failure=self._on_create_failed,
            context=self,
        )

    @Slot(object)
    def _create_from_plan(self, plan: NewReportPlan) -> None:
        self.create_button.setEnabled(True)
        period = plan.period.label(self._lang)
        if plan.existing_id is not None:
            self.open_requested.emit(plan.existing_id)
            return
        copy = False
        if plan.previous is not None:
            copy = self._prompter.ask_yes_no(
                self.tr("Create the report"),
                self.tr(
                    "Create the report for %1.\n\nCopy the figures of the previous report (%2) to start from? "
                    "You then only change what is different."
                )
                .replace("%1", period)
                .replace("%2", plan.previous.label(self._lang)),
                default=True,
                yes_text=self.tr("Copy the previous figures"),
                no_text=self.tr("Start with an empty form"),
            )
        self._runner.run(
            jobs.create_report,
            plan.period.code,
            plan.form_id,
            copy,
            on_success=self._on_report_created,
            on_failure=self._on_create_failed,
            context=self,
        )

    @Slot(object)
    def _on_report_created(self, report_id: int) -> None:
        self.refresh(select_id=report_id)
        self.open_requested.emit(report_id)

    @Slot(object)
    def _on_create_failed(self, exc: object) -> None:
        self.create_button.setEnabled(True)
        self._prompter.error(exc)  # type: ignore[arg-type]

    @Slot()
    def _on_other_button_clicked(self) -> None:
        self._runner.run(jobs.form_choices, on_success=self._show_new_report_dialog, context=self)

    @Slot(object)
    def _show_new_report_dialog(self, forms: list[jobs.FormChoice]) -> None:
        # Loaded when first wanted (its form layout and number boxes): the list shows sooner.
        from desktop.new_report_dialog import NewReportDialog

        dialog = NewReportDialog(
            forms, self._plan.period if self._plan else None, lang=self._lang, parent=self
        )
        dialog.chosen.connect(self.create_report)
        dialog.open()
        self.new_report_dialog = dialog
