"""Tổng hợp: a period's numeric indicators by commune with the province's total row;
exports to Excel and to the consolidated PDF report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Slot
from PySide6.QtGui import QFont
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

from desktop.appearance import set_font_scale
from desktop.prompter import Prompter
from desktop.reviewer import jobs
from desktop.tasks import TaskRunner
from desktop.wheel_guard import guard_wheel
from reports.exchange.consolidation import ConsolidatedSection

ModelIndex = QModelIndex | QPersistentModelIndex


class ConsolidationModel(QAbstractTableModel):
    """Rows: communes, then the province total. Columns: code, name, every indicator."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.headers: list[str] = []
        self.units: list[str] = []
        self.rows: list[list[Any]] = []  # [code, name, values…]; the last row is the total
        self._bold = QFont()
        self._bold.setBold(True)

    def set_sections(self, sections: list[ConsolidatedSection]) -> None:
        self.beginResetModel()
        self.headers = [self.tr("Code"), self.tr("Commune / ward")]
        self.units = ["", ""]
        by_unit: dict[str, list[Any]] = {}
        totals: list[Any] = []
        for sec in sections:
            for _fid, label, unit in sec.fields:
                self.headers.append(f"{sec.section_id}. {label}")
                self.units.append(unit)
            for code, name, values in sec.rows:
                by_unit.setdefault(code, [code, name]).extend(values)
            totals.extend(sec.totals)
        self.rows = [by_unit[c] for c in sorted(by_unit)]
        self.rows.append(["", self.tr("Province total"), *totals])
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = (
            self.rows[index.row()][index.column()] if index.column() < len(self.rows[index.row()]) else None
        )
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() < 2:
                return value
            if isinstance(value, (int, float)):
                from forms.numbers import format_number

                return format_number(round(value, 2))
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.EditRole:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 2:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.FontRole and index.row() == len(self.rows) - 1:
            return self._bold
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.headers):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            text = self.headers[section]
            return text if len(text) <= 40 else text[:38] + "…"
        if role == Qt.ItemDataRole.ToolTipRole:
            unit = self.units[section]
            return self.headers[section] + (f" ({unit})" if unit else "")
        return None

    def total(self, column: int) -> Any:
        return self.rows[-1][column] if self.rows else None


class ConsolidatePage(QWidget):
    def __init__(self, runner: TaskRunner, prompter: Prompter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._prompter = prompter
        heading = QLabel(self.tr("Consolidation"))
        set_font_scale(heading, 1.4, bold=True)
        self.period = guard_wheel(QComboBox())
        self.period.setAccessibleName(self.tr("Period"))
        self.xlsx_button = QPushButton(self.tr("Export &Excel…"))
        self.pdf_button = QPushButton(self.tr("Export the consolidated &PDF report…"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Period:")))
        top.addWidget(self.period)
        top.addStretch(1)
        top.addWidget(self.xlsx_button)
        top.addWidget(self.pdf_button)
        self.model = ConsolidationModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Consolidated figures"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setDefaultSectionSize(120)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        self.period.currentIndexChanged.connect(self._on_period_changed)
        self.xlsx_button.clicked.connect(self._on_xlsx_clicked)
        self.pdf_button.clicked.connect(self._on_pdf_clicked)
        self._set_enabled(False)

    def _set_enabled(self, on: bool) -> None:
        self.xlsx_button.setEnabled(on)
        self.pdf_button.setEnabled(on)

    def refresh(self) -> None:
        self._runner.run(jobs.received_periods, on_success=self._on_periods, context=self)

    def _on_periods(self, periods: list[str]) -> None:
        current = self.period.currentData()
        self.period.blockSignals(True)
        self.period.clear()
        from forms.periods import Period

        for code in periods:
            self.period.addItem(Period.parse(code).label(), code)
        self.period.blockSignals(False)
        if not periods:
            self.message.setText(self.tr("No report has been received yet."))
            return
        i = self.period.findData(current)
        self.period.setCurrentIndex(max(0, i))
        self._on_period_changed(self.period.currentIndex())

    @property
    def period_code(self) -> str | None:
        return self.period.currentData()

    def show_period(self, code: str) -> None:
        i = self.period.findData(code)
        if i >= 0:
            self.period.setCurrentIndex(i)

    @Slot(int)
    def _on_period_changed(self, _index: int) -> None:
        code = self.period_code
        if code is None:
            return
        self._runner.run(
            jobs.consolidate, code, on_success=self._on_sections, on_failure=self._on_failed, context=self
        )

    def _on_sections(self, sections: list[ConsolidatedSection]) -> None:
        self.model.set_sections(sections)
        self.message.setText(
            self.tr(
                "%1 communes; the last row is the province total (rates recomputed from the totals)."
            ).replace("%1", str(self.model.rowCount() - 1))
        )
        self.table.setColumnWidth(1, 220)
        self._set_enabled(True)

    def _on_failed(self, exc: Any) -> None:
        self.model.set_sections([])
        self.message.setText(self._prompter.message_of(exc))
        self._set_enabled(False)

    @Slot()
    def _on_xlsx_clicked(self) -> None:
        code = self.period_code
        if code is None:
            return
        target = self._prompter.save_file(
            self.tr("Save the consolidated figures"),
            self.tr("Excel workbook (*.xlsx)"),
            f"tong-hop-{code}.xlsx",
        )
        if target is not None:
            self._runner.run(
                jobs.write_xlsx,
                code,
                Path(target),
                on_success=self._on_written,
                on_failure=self._prompter.error,
                context=self,
            )

    @Slot()
    def _on_pdf_clicked(self) -> None:
        code = self.period_code
        if code is None:
            return
        target = self._prompter.save_file(
            self.tr("Save the consolidated report"),
            self.tr("PDF document (*.pdf)"),
            f"bao-cao-tong-hop-{code}.pdf",
        )
        if target is not None:
            self._runner.run(
                jobs.write_consolidated_pdf,
                code,
                Path(target),
                on_success=self._on_written,
                on_failure=self._prompter.error,
                context=self,
            )

    def _on_written(self, path: Path) -> None:
        self.message.setText(self.tr("Saved: %1").replace("%1", str(path)))
