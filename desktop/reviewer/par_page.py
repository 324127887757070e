"""Chỉ số CCHC: the province's PAR-index year in the reviewer's window.

One criteria set and period at a time (the combo at the top). "Thẩm định": the communes
that sent a scoring report, and the chosen one's criteria (``AppraisalView``). "Xếp hạng":
every commune's final index, rank and class, with filters, the distribution over the classes
and the average per area. The buttons do what ``cchc appraise`` and ``cchc ranking`` do.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.appearance import set_font_scale
from desktop.overview import BarChart, Series
from desktop.prompter import Prompter
from desktop.reviewer import appraisal_jobs as jobs
from desktop.reviewer.appraisal_view import AppraisalView
from desktop.tasks import TaskRunner
from desktop.wheel_guard import guard_wheel
from forms.numbers import format_number
from reports.admin_units import fold
from reports.appraisal.ranking import Ranking
from reports.appraisal.survey import SurveyImport


def _item(text: str, *, right: bool = False) -> QTableWidgetItem:
    it = QTableWidgetItem(text)
    it.setFlags(it.flags() & ~Qt.ItemFlag.ItemIsEditable)
    if right:
        it.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return it


class ParIndexPage(QWidget):
    def __init__(self, runner: TaskRunner, prompter: Prompter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._prompter = prompter
        self.ranking: Ranking | None = None
        heading = QLabel(self.tr("PAR index"))
        set_font_scale(heading, 1.4, bold=True)
        self.choice = guard_wheel(QComboBox())
        self.choice.setAccessibleName(self.tr("Criteria set and year"))
        self.survey_button = QPushButton(self.tr("Import &survey points…"))
        self.send_button = QPushButton(self.tr("S&end the appraisal…"))
        self.finalise_button = QPushButton(self.tr("&Lock the scores"))
        self.export_button = QPushButton(self.tr("E&xport…"))
        top = QHBoxLayout()
        top.addWidget(self.choice, 2)
        for b in (self.survey_button, self.send_button, self.finalise_button, self.export_button):
            top.addWidget(b)

        # appraisal: communes | criteria
        self.communes = QTableWidget(0, 4)
        self.communes.setHorizontalHeaderLabels([self.tr("Code"), self.tr("Commune"), self.tr("Score"), self.tr("State")])
        self.communes.setAccessibleName(self.tr("Communes that sent a scoring report"))
        self.communes.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.communes.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.communes.verticalHeader().setVisible(False)
        heads = self.communes.horizontalHeader()
        for col in (0, 2, 3):
            heads.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        heads.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.view = AppraisalView(runner, prompter)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.communes)
        split.addWidget(self.view)
        split.setStretchFactor(1, 3)
        split.setSizes([400, 900])

        # ranking: filters, table, charts
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Find a commune"))
        self.filter.setAccessibleName(self.tr("Find a commune"))
        self.band = guard_wheel(QComboBox())
        self.band.setAccessibleName(self.tr("Class"))
        self.table = QTableWidget(0, 0)
        self.table.setAccessibleName(self.tr("Ranking"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.distribution = BarChart()
        self.area_chart = BarChart()
        charts = QHBoxLayout()
        charts.addWidget(self.distribution)
        charts.addWidget(self.area_chart)
        ranking_tab = QWidget()
        rl = QVBoxLayout(ranking_tab)
        filters = QHBoxLayout()
        filters.addWidget(self.filter, 2)
        filters.addWidget(QLabel(self.tr("Class:")))
        filters.addWidget(self.band, 1)
        rl.addLayout(filters)
        rl.addWidget(self.table, 3)
        rl.addWidget(self.note)
        rl.addLayout(charts, 2)

        self.tabs = QTabWidget()
        self.tabs.addTab(split, self.tr("Appraisal"))
        self.tabs.addTab(ranking_tab, self.tr("Ranking"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.choice.currentIndexChanged.connect(self._on_choice_current_index_changed)
        self.communes.currentCellChanged.connect(self._on_communes_current_cell_changed)
        self.view.changed.connect(self.reload_ranking)
        self.filter.textChanged.connect(self._apply_filters)
        self.band.currentIndexChanged.connect(self._apply_filters)
        self.survey_button.clicked.connect(self._on_survey_clicked)
        self.send_button.clicked.connect(self._on_send_clicked)
        self.finalise_button.clicked.connect(self._on_finalise_clicked)
        self.export_button.clicked.connect(self._on_export_clicked)

    # ------------------------------------------------------------ loading

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        self._runner.run(jobs.choices, on_success=self._on_choices, on_failure=self._prompter.error, context=self)

    def _on_choices(self, choices: list[jobs.Choice]) -> None:
        current = self.choice.currentData()
        self.choice.blockSignals(True)
        self.choice.clear()
        for c in choices:
            self.choice.addItem(f"{c.period} — {c.title} ({c.form_id})", (c.form_id, c.period))
        index = max(0, self.choice.findData(current)) if current else 0
        self.choice.setCurrentIndex(index)
        self.choice.blockSignals(False)
        self.reload_ranking()

    @Slot(int)
    def _on_choice_current_index_changed(self, _index: int) -> None:
        self.reload_ranking()

    def selected(self) -> tuple[str, str] | None:
        data = self.choice.currentData()
        return (str(data[0]), str(data[1])) if data else None

    @Slot()
    def reload_ranking(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        self._runner.run(jobs.ranking, *chosen, on_success=self.show_ranking, on_failure=self._prompter.error, context=self)

    def show_ranking(self, ranking: Ranking) -> None:
        self.ranking = ranking
        self._fill_communes(ranking)
        self._fill_table(ranking)
        self._fill_charts(ranking)
        locked = ranking.locked
        self.finalise_button.setEnabled(not locked)
        self.survey_button.setEnabled(not locked)

    def _fill_communes(self, ranking: Ranking) -> None:
        current = self.communes.currentRow()
        self.communes.setRowCount(0)
        for r in sorted(ranking.rows, key=lambda r: r.unit_code):
            row = self.communes.rowCount()
            self.communes.insertRow(row)
            code = _item(r.unit_code)
            code.setData(Qt.ItemDataRole.UserRole, r.report_id)
            self.communes.setItem(row, 0, code)
            self.communes.setItem(row, 1, _item(r.unit_name))
            self.communes.setItem(row, 2, _item(format_number(r.score), right=True))
            state = self.tr("appraised") if r.complete else self.tr("%1 left").replace("%1", str(len(r.missing)))
            self.communes.setItem(row, 3, _item(state))
        if 0 <= current < self.communes.rowCount():
            self.communes.selectRow(current)

    def _fill_table(self, ranking: Ranking) -> None:
        areas = [s for s in ranking.definition.sections if s.max_points > 0]
        headers = [self.tr("Rank"), self.tr("Code"), self.tr("Commune"), *[s.id for s in areas], self.tr("Index"), self.tr("Class")]
        self.table.clear()
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        for i, s in enumerate(areas, start=3):
            header_item = self.table.horizontalHeaderItem(i)
            if header_item is not None:
                header_item.setToolTip(s.title)
        self.table.setRowCount(len(ranking.rows))
        for row, r in enumerate(ranking.rows):
            cells = [_item(str(r.rank), right=True), _item(r.unit_code), _item(r.unit_name)]
            cells += [_item(format_number(r.areas.get(s.id, 0.0)), right=True) for s in areas]
            cells += [_item(format_number(r.score), right=True), _item(r.band.label if r.band else "")]
            for col, cell in enumerate(cells):
                self.table.setItem(row, col, cell)
        heads = self.table.horizontalHeader()
        for col in range(self.table.columnCount()):  # every figure as wide as it needs, the name the rest
            heads.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch if col == 2
                                       else QHeaderView.ResizeMode.ResizeToContents)
        bands = ranking.definition.scoring.bands if ranking.definition.scoring else ()
        self.band.blockSignals(True)
        chosen = self.band.currentData()
        self.band.clear()
        self.band.addItem(self.tr("All"), "")
        for b in bands:
            self.band.addItem(b.label, b.label)
        self.band.setCurrentIndex(max(0, self.band.findData(chosen)))
        self.band.blockSignals(False)
        notes = []
        if ranking.rescaled:
            notes.append(self.tr("No survey points: the appraised points are rescaled to the criteria set's total."))
        incomplete = sum(1 for r in ranking.rows if not r.complete)
        if incomplete:
            notes.append(self.tr("%1 communes are not fully appraised: their figures are provisional.").replace("%1", str(incomplete)))
        if ranking.locked:
            notes.append(self.tr("The scores are locked."))
        self.note.setText(" ".join(notes))
        self._apply_filters()

    def _fill_charts(self, ranking: Ranking) -> None:
        bands = ranking.definition.scoring.bands if ranking.definition.scoring else ()
        counts = [float(sum(1 for r in ranking.rows if r.band is not None and r.band.code == b.code)) for b in bands]
        self.distribution.set_data([b.label for b in bands],
                                   [Series(self.tr("Communes per class"), "#2f6fb3", list[float | None](counts))])
        areas = [s for s in ranking.definition.sections if s.max_points > 0]
        n = max(len(ranking.rows), 1)
        averages: list[float | None] = [round(sum(r.areas.get(s.id, 0.0) for r in ranking.rows) / n, 2) for s in areas]
        maxima: list[float | None] = [s.max_points for s in areas]
        self.area_chart.set_data([s.id for s in areas], [Series(self.tr("Average per area"), "#2f6fb3", averages),
                                                          Series(self.tr("Maximum"), "#b0b0b0", maxima)])

    @Slot()
    def _apply_filters(self) -> None:
        text = fold(self.filter.text().strip())  # "bu gia" finds "Bù Gia Mập", as the board's search does
        band = self.band.currentData() or ""
        last = self.table.columnCount() - 1
        for row in range(self.table.rowCount()):
            name = fold((self.table.item(row, 2) or _item("")).text())
            code = (self.table.item(row, 1) or _item("")).text()
            cls = (self.table.item(row, last) or _item("")).text()
            hide = bool(text and text not in name and not code.startswith(text)) or bool(band and cls != band)
            self.table.setRowHidden(row, hide)

    @Slot(int, int, int, int)
    def _on_communes_current_cell_changed(self, row: int, _col: int, _prow: int, _pcol: int) -> None:
        item = self.communes.item(row, 0) if row >= 0 else None
        if item is not None:
            self.view.open_report(int(item.data(Qt.ItemDataRole.UserRole)))

    # ------------------------------------------------------------ actions

    @Slot()
    def _on_survey_clicked(self) -> None:
        chosen = self.selected()
        path = self._prompter.open_file(self.tr("Survey points (one row per commune)"), self.tr("Excel workbooks (*.xlsx)"))
        if chosen is None or path is None:
            return
        self._runner.run(jobs.survey, path, *chosen, on_success=self._on_survey_done, on_failure=self._prompter.error, context=self)

    def _on_survey_done(self, result: SurveyImport) -> None:
        self._prompter.info(self.tr("Survey points"), self.tr("Imported %1 points for %2 communes.")
                            .replace("%1", str(result.values)).replace("%2", str(result.communes)))
        self.reload_ranking()

    @Slot()
    def _on_send_clicked(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        deadline = None
        if self.ranking is None or not self.ranking.locked:
            text = self._prompter.ask_text(self.tr("Explanation deadline"),
                                           self.tr("Communes may explain until (dd/mm/yyyy):"),
                                           text=(dt.date.today() + dt.timedelta(days=10)).strftime("%d/%m/%Y"))
            if text is None:
                return
            try:
                deadline = dt.datetime.strptime(text.strip(), "%d/%m/%Y").date()
            except ValueError:
                self._prompter.error(self.tr("The date must be written dd/mm/yyyy."))
                return
        folder = self._prompter.choose_folder(self.tr("Where to write the feedback packages"))
        if folder is None:
            return
        self._runner.run(jobs.send, *chosen, deadline, Path(folder), on_success=self._on_sent,
                         on_failure=self._prompter.error, context=self)

    def _on_sent(self, written: int) -> None:
        self._prompter.info(self.tr("Send the appraisal"), self.tr("%1 feedback packages written.").replace("%1", str(written)))
        self.reload_ranking()

    @Slot()
    def _on_finalise_clicked(self) -> None:
        chosen = self.selected()
        if chosen is None or not self._prompter.ask_yes_no(
            self.tr("Lock the scores"),
            self.tr("Lock every commune's scores and rank them? A change afterwards needs a reopening with its reason."),
        ):
            return
        self._runner.run(jobs.finalise, *chosen, on_success=self.show_ranking, on_failure=self._prompter.error, context=self)

    @Slot()
    def _on_export_clicked(self) -> None:
        chosen = self.selected()
        path = self._prompter.save_file(self.tr("Export the ranking"),
                                        self.tr("Excel workbook (*.xlsx);;Decree 30 report (*.pdf)"), "xep-hang.xlsx")
        if chosen is None or path is None:
            return
        self._runner.run(jobs.export, *chosen, path, on_success=self._on_exported, on_failure=self._prompter.error, context=self)

    def _on_exported(self, path: Path) -> None:
        self._prompter.info(self.tr("Export the ranking"), self.tr("Written: %1").replace("%1", str(path)))
