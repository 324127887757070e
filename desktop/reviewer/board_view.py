"""Bảng theo dõi: the status board page — search, state filter, legend, the table."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.appearance import set_font_scale
from desktop.reviewer import jobs
from desktop.reviewer.board_model import (
    STATE_COLOURS,
    STATE_MARKS,
    BoardFilterModel,
    BoardTableModel,
    state_label,
)
from desktop.tasks import TaskRunner
from desktop.wheel_guard import guard_wheel
from reports.exchange.board import STATES, BoardMatrix

ROW_HEIGHT = 24
CELL_WIDTH = 76  # wide enough for "12/2026" and "95/95" in the header


class BoardPage(QWidget):
    report_requested = Signal(int)
    matrix_loaded = Signal(object)

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._scroll_pending = False
        heading = QLabel(self.tr("Status board"))
        set_font_scale(heading, 1.4, bold=True)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Find a commune (code or name, with or without accents)"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Find a commune"))
        self.state_filter = guard_wheel(QComboBox())
        self.state_filter.setAccessibleName(self.tr("Show only"))
        self.state_filter.addItem(self.tr("All communes"), None)
        for state in STATES:
            self.state_filter.addItem(state_label(state), state)
        self.count_label = QLabel()
        self.count_label.setProperty("role", "muted")
        top = QHBoxLayout()
        top.addWidget(self.search, 2)
        top.addWidget(QLabel(self.tr("Show:")))
        top.addWidget(self.state_filter, 1)
        top.addWidget(self.count_label)

        legend = QHBoxLayout()
        legend.setSpacing(14)
        for state in STATES:
            swatch = QLabel(STATE_MARKS[state] or " ")
            swatch.setFixedSize(22, 18)
            swatch.setAlignment(Qt.AlignmentFlag.AlignCenter)
            swatch.setStyleSheet(
                f"background: {STATE_COLOURS[state]}; border: 1px solid #9aa0a6; color: black;"
            )
            legend.addWidget(swatch)
            legend.addWidget(QLabel(state_label(state)))
        legend.addStretch(1)

        self.model = BoardTableModel(self)
        self.proxy = BoardFilterModel(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(self.tr("Status board"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setShowGrid(True)
        # Fixed sizes: Qt never measures 3,321 rows' contents, so the first paint and the
        # scrolling cost only the visible cells.
        vh = self.table.verticalHeader()
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vh.setDefaultSectionSize(ROW_HEIGHT)
        vh.setVisible(False)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        hh.setDefaultSectionSize(CELL_WIDTH)
        hh.setMinimumHeight(44)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(top)
        layout.addLayout(legend)
        layout.addWidget(self.table, 1)

        self.search.textChanged.connect(self._on_search_text_changed)
        self.state_filter.currentIndexChanged.connect(self._on_state_filter_changed)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.table.activated.connect(self._on_table_double_clicked)

    def refresh(self) -> None:
        self._runner.run(jobs.board_matrix, on_success=self.set_matrix, context=self)

    def set_matrix(self, matrix: BoardMatrix) -> None:
        self.model.set_matrix(matrix)
        self.table.setColumnWidth(0, 260)
        self._update_count()
        # The months run oldest first: on a 1366-pixel screen the current one would be off to
        # the right, behind a scroll the reviewer has to find every time.
        self._scroll_pending = True
        if self.table.isVisible():
            self.scroll_to_current()
        self.matrix_loaded.emit(matrix)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._scroll_pending:
            self.scroll_to_current()

    def scroll_to_current(self) -> None:
        """Scroll the least needed for the current period's column to be whole in view."""
        m = self.model.matrix
        if m is None or m.current is None:
            return
        self._scroll_pending = False
        self.table.doItemsLayout()  # the scroll bar's range follows the new columns now, not later
        column = m.current + 1
        hh = self.table.horizontalHeader()
        right = hh.sectionPosition(column) + hh.sectionSize(column)
        bar = self.table.horizontalScrollBar()
        wanted = max(right - self.table.viewport().width(), 0)
        bar.setValue(min(max(bar.value(), wanted), hh.sectionPosition(column)))

    def _update_count(self) -> None:
        self.count_label.setText(
            self.tr("%1 of %2 communes")
            .replace("%1", str(self.proxy.rowCount()))
            .replace("%2", str(self.model.rowCount()))
        )

    @Slot(str)
    def _on_search_text_changed(self, text: str) -> None:
        self.proxy.set_search(text)
        self._update_count()

    @Slot(int)
    def _on_state_filter_changed(self, _index: int) -> None:
        self.proxy.set_state(self.state_filter.currentData())
        self._update_count()

    @Slot(QModelIndex)
    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        source = self.proxy.mapToSource(index)
        report_id = self.model.report_id(source.row(), source.column())
        if report_id is not None:
            self.report_requested.emit(report_id)
