"""Chỉ số CCHC: the year's criteria tree, the scores, the evidence and the monthly briefing.

For the chosen scoring report: every area → criterion → sub-criterion with its score (typed,
chosen from levels, computed from the filed monthly reports, or left to the province) out of
its maximum, how many documents prove it and in what state; beside it the evidence of the
selected criterion (``EvidencePanel``); below, the criteria not yet met, the most points at
stake first. "Print for the briefing" writes the short Decree 30 document of the monthly
giao ban. Every read and write runs on the database worker (desktop/par_jobs.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import par_jobs
from desktop.appearance import set_font_scale
from desktop.evidence_panel import EvidencePanel
from desktop.prompter import Prompter
from desktop.tasks import TaskRunner
from desktop.wheel_guard import guard_wheel
from forms.numbers import format_number
from reports.par_index.sheet import ScoreLine, ScoreSheet

if TYPE_CHECKING:  # the province's appraisal loads with its job (desktop/par_jobs.py)
    from reports.appraisal.sheet import AppraisalSheet

STATE_COLOURS = {"missing": "#b3261e", "damaged": "#b3261e", "explained": "#8a5a00", "ok": "#1b6e20",
                 "reports": "#1b6e20"}


class ParIndexPage(QWidget):
    status_message = Signal(str)
    sheet_shown = Signal(object)  # ScoreSheet, after every (re)load: for tests and the screenshots

    def __init__(self, runner: TaskRunner, prompter: Prompter, *, lang: str = "vi", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._prompter = prompter
        self._lang = lang
        self.sheet: ScoreSheet | None = None
        self._editable = False
        heading = QLabel(self.tr("PAR index (Chỉ số CCHC)"))
        set_font_scale(heading, 1.5, bold=True)
        self.choice = guard_wheel(QComboBox())
        self.choice.setAccessibleName(self.tr("Scoring report"))
        self.total = QLabel()
        set_font_scale(self.total, 1.2, bold=True)
        self.print_button = QPushButton(self.tr("Print for the monthly briefing…"))
        # For a reviewer who lost a file it had acknowledged (its import says so).
        self.resend_button = QPushButton(self.tr("Send the evidence files in full again…"))
        self.refresh_button = QPushButton(self.tr("Refresh"))
        # Two short rows: the page must fit a 1280-pixel screen at 125 % (tests/gui/test_window_fit.py).
        self.choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.choice.setMinimumContentsLength(16)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Scoring report:")))
        top.addWidget(self.choice, 1)
        top.addWidget(self.refresh_button)
        # What the province's appraisal said, once it came back in feedback (reports.appraisal).
        self.appraisal = QLabel()
        self.appraisal.setWordWrap(True)
        self.appraisal.setAccessibleName(self.tr("The province's appraisal"))
        self.appraisal.hide()
        self.appraised: dict[str, tuple[float, str]] = {}
        second = QHBoxLayout()
        second.addWidget(self.total)
        second.addStretch(1)
        second.addWidget(self.resend_button)
        second.addWidget(self.print_button)

        self.tree = QTreeWidget()
        self.tree.setColumnCount(5)
        self.tree.setHeaderLabels([self.tr("Criterion"), self.tr("Points"), self.tr("How scored"),
                                   self.tr("Documents"), self.tr("State")])
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setWordWrap(True)
        self.tree.setAccessibleName(self.tr("Criteria of the year"))
        self.panel = EvidencePanel(prompter, lang=lang)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.tree)
        # At 1366×768 the panel is taller than the room above the not-yet-met list: in a scroll
        # area it keeps its natural height (its four metadata boxes were squeezed to slivers).
        panel_scroll = QScrollArea()
        panel_scroll.setWidgetResizable(True)
        panel_scroll.setFrameShape(QFrame.Shape.NoFrame)
        panel_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        panel_scroll.setWidget(self.panel)
        # Never narrower than the panel: the sideways scroll bar is off, its buttons would be cut.
        panel_scroll.setMinimumWidth(self.panel.minimumSizeHint().width() + panel_scroll.verticalScrollBar().sizeHint().width())
        split.addWidget(panel_scroll)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([700, 440])

        gaps_label = QLabel(self.tr("Not yet met (the most points at stake first)"))
        set_font_scale(gaps_label, 1.1, bold=True)
        self.gaps = QTableWidget(0, 3)
        self.gaps.setHorizontalHeaderLabels([self.tr("Points at stake"), self.tr("Criterion"), self.tr("Why")])
        self.gaps.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.gaps.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.gaps.verticalHeader().setVisible(False)
        self.gaps.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.gaps.setMaximumHeight(200)
        self.gaps.setAccessibleName(self.tr("Criteria not yet met"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 12)
        layout.addWidget(heading)
        layout.addLayout(top)
        layout.addLayout(second)
        layout.addWidget(self.appraisal)
        layout.addWidget(split, 1)
        layout.addWidget(gaps_label)
        layout.addWidget(self.gaps)

        self.choice.currentIndexChanged.connect(self._on_choice_current_index_changed)
        self.refresh_button.clicked.connect(self.refresh)
        self.print_button.clicked.connect(self._on_print_button_clicked)
        self.tree.currentItemChanged.connect(self._on_tree_current_item_changed)
        self.gaps.cellDoubleClicked.connect(self._on_gaps_cell_double_clicked)
        self.panel.attach_requested.connect(self._on_panel_attach_requested)
        self.panel.remove_requested.connect(self._on_panel_remove_requested)
        self.panel.explanation_saved.connect(self._on_panel_explanation_saved)
        self.panel.own_report_requested.connect(self._on_panel_own_report_requested)
        self.resend_button.clicked.connect(self._on_resend_button_clicked)

    # ------------------------------------------------------------ loading

    @Slot()
    def refresh(self) -> None:
        self._runner.run(par_jobs.scoring_reports, self._lang, on_success=self._on_choices_loaded, context=self)

    def _on_choices_loaded(self, choices: list[par_jobs.ScoringChoice]) -> None:
        current = self.choice.currentData()
        self.choice.blockSignals(True)
        self.choice.clear()
        for c in choices:
            self.choice.addItem(c.text, (c.report_id, c.editable))
        self.choice.blockSignals(False)
        if not choices:
            self.sheet = None
            self.tree.clear()
            self.gaps.setRowCount(0)
            self.total.setText(self.tr("No scoring report yet: make one in Reports (form “%1”).")
                               .replace("%1", "tu-cham-diem-xa"))
            return
        index = max(0, self.choice.findData(current)) if current else 0
        self.choice.setCurrentIndex(index)
        self._load()

    @Slot(int)
    def _on_choice_current_index_changed(self, _index: int) -> None:
        self._load()

    def _load(self) -> None:
        data = self.choice.currentData()
        if data is None:
            return
        report_id, self._editable = data
        # Only what was finalised can be sent again; a draft is finalised (and signed) first.
        self.resend_button.setEnabled(not self._editable)
        self._runner.run(par_jobs.load_appraisal, report_id, on_success=self._show_appraisal,
                         on_failure=self._prompter.error, context=self)
        self._runner.run(par_jobs.load_sheet, report_id, on_success=self._show, on_failure=self._prompter.error,
                         context=self)
        self._runner.run(par_jobs.own_report_choices, report_id, on_success=self.panel.set_own_reports,
                         on_failure=self._prompter.error, context=self)

    def _show_appraisal(self, appraisal: AppraisalSheet | None) -> None:
        """The appraised points beside each criterion (shown by the next ``_show``) and a summary line."""
        self.appraised = {line.field.id: (line.appraised.points, line.appraised.reason)
                          for line in appraisal.lines if line.appraised is not None} if appraisal else {}
        self.appraisal.setVisible(appraisal is not None)
        if appraisal is None:
            return
        parts = [self.tr("Appraised by the province: %1 points").replace("%1", format_number(appraisal.result.score))]
        r = appraisal.round
        if r is not None and r.deadline and not r.locked:
            y, m, d = r.deadline.split("-")
            parts.append(self.tr("you may explain until %1 (amend the report, write the explanation, sign and send)")
                         .replace("%1", f"{d}/{m}/{y}"))
        if appraisal.stored is not None:
            parts.append(self.tr("rank %1 of %2, %3").replace("%1", str(appraisal.stored.rank))
                         .replace("%2", str(appraisal.stored.of_units)).replace("%3", appraisal.stored.class_label))
        self.appraisal.setText("; ".join(parts) + ".")

    def _show(self, sheet: ScoreSheet) -> None:
        selected = self._selected_field()
        sheet = sheet.localized(self._lang)  # criteria, areas, guides and evidence as the official reads them
        self.sheet = sheet
        self.total.setText(self.tr("%1 of %2 points").replace("%1", format_number(sheet.total))
                           .replace("%2", format_number(sheet.max_points)))
        self.tree.clear()
        select: QTreeWidgetItem | None = None
        for area, title, points, maximum in sheet.area_totals:
            area_item = QTreeWidgetItem([f"{area}. {title}", f"{format_number(points)}/{format_number(maximum)}"])
            area_item.setToolTip(0, area_item.text(0))
            self.tree.addTopLevelItem(area_item)
            groups: dict[str, QTreeWidgetItem] = {}
            for line in (x for x in sheet.lines if x.area == area):
                parent = area_item
                if line.criterion:
                    parent = groups.get(line.criterion) or QTreeWidgetItem(area_item, [line.criterion])
                    groups[line.criterion] = parent
                item = QTreeWidgetItem(parent, self._line_cells(line))
                item.setData(0, Qt.ItemDataRole.UserRole, line.field.id)
                item.setToolTip(0, line.field.label)  # the column is narrow: the name in full
                reason = self.appraised.get(line.field.id, (0.0, ""))[1]
                if reason:
                    item.setToolTip(1, self.tr("The province's reason: %1").replace("%1", reason))
                colour = STATE_COLOURS.get(line.evidence_state)
                if colour:
                    item.setForeground(4, QBrush(QColor(colour)))
                if line.field.id == selected:
                    select = item
            area_item.setExpanded(True)
            for g in groups.values():
                g.setExpanded(True)
        if select is not None:
            self.tree.setCurrentItem(select)
        else:
            self.panel.show_line(None, editable=False)
        self._show_gaps(sheet)
        self.sheet_shown.emit(sheet)

    def _line_cells(self, line: ScoreLine) -> list[str]:
        points = "—" if line.points is None else format_number(line.points)
        if line.computed is not None:
            how = self.tr("computed")
        elif not line.self_scored:
            how = self.tr("by the province")
        elif line.field.method.levels:
            how = self.tr("levels")
        else:
            how = self.tr("typed")
        states = {"ok": self.tr("proved"), "reports": self.tr("from the filed reports"),
                  "explained": self.tr("explained"), "missing": self.tr("evidence missing"),
                  "damaged": self.tr("file missing or damaged"), "none": ""}
        shown = f"{points}/{format_number(line.max_points)}"
        if line.field.id in self.appraised:  # "2/2 → 1": what the province appraised
            shown += f" → {format_number(self.appraised[line.field.id][0])}"
        return [line.field.label, shown, how, str(len(line.evidence)), states[line.evidence_state]]

    def _show_gaps(self, sheet: ScoreSheet) -> None:
        gaps = sheet.gaps()
        self.gaps.setRowCount(len(gaps))
        for r, g in enumerate(gaps):
            why = []
            if (g.points or 0) < g.max_points:
                why.append(self.tr("%1 of %2 points").replace("%1", format_number(g.points or 0))
                           .replace("%2", format_number(g.max_points)))
            if g.evidence_state in ("missing", "damaged"):
                why.append(self.tr("evidence missing"))
            stake = QTableWidgetItem(format_number(g.at_stake))
            stake.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            name = QTableWidgetItem(g.field.label)
            name.setData(Qt.ItemDataRole.UserRole, g.field.id)
            self.gaps.setItem(r, 0, stake)
            self.gaps.setItem(r, 1, name)
            self.gaps.setItem(r, 2, QTableWidgetItem("; ".join(why)))
        self.gaps.resizeColumnToContents(0)

    def _selected_field(self) -> str | None:
        item = self.tree.currentItem()
        data = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        return str(data) if data else None

    def select_field(self, field_id: str) -> None:
        for item in self._items():
            if item.data(0, Qt.ItemDataRole.UserRole) == field_id:
                self.tree.setCurrentItem(item)
                return

    def _items(self) -> list[QTreeWidgetItem]:
        out: list[QTreeWidgetItem] = []
        stack = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while stack:
            item = stack.pop()
            if item is None:
                continue
            out.append(item)
            stack.extend(item.child(i) for i in range(item.childCount()))
        return out

    @Slot(QTreeWidgetItem, QTreeWidgetItem)
    def _on_tree_current_item_changed(self, current: QTreeWidgetItem | None, _previous: Any) -> None:
        field_id = current.data(0, Qt.ItemDataRole.UserRole) if current is not None else None
        line = next((x for x in self.sheet.lines if x.field.id == field_id), None) if self.sheet and field_id else None
        self.panel.show_line(line, editable=self._editable)

    @Slot(int, int)
    def _on_gaps_cell_double_clicked(self, row: int, _column: int) -> None:
        item = self.gaps.item(row, 1)
        if item is not None:
            self.select_field(str(item.data(Qt.ItemDataRole.UserRole)))

    # ------------------------------------------------------------ writing

    def _report_id(self) -> int | None:
        data = self.choice.currentData()
        return int(data[0]) if data else None

    def _after_write(self, sheet: ScoreSheet) -> None:
        self.panel.clear_metadata()
        self._show(sheet)
        self.status_message.emit(self.tr("Saved."))

    @Slot(str, object, object)
    def _on_panel_attach_requested(self, field: str, path: Path, meta: Any) -> None:
        rid = self._report_id()
        if rid is not None:
            self._runner.run(par_jobs.attach_file, rid, field, path, meta, on_success=self._after_write,
                             on_failure=self._prompter.error, context=self)

    @Slot(str, str)
    def _on_panel_remove_requested(self, field: str, sha256: str) -> None:
        rid = self._report_id()
        if rid is not None:
            self._runner.run(par_jobs.remove_evidence, rid, field, sha256, on_success=self._after_write,
                             on_failure=self._prompter.error, context=self)

    @Slot(str, str)
    def _on_panel_explanation_saved(self, field: str, text: str) -> None:
        rid = self._report_id()
        if rid is not None:
            self._runner.run(par_jobs.save_explanation, rid, field, text, on_success=self._after_write,
                             on_failure=self._prompter.error, context=self)

    @Slot(str, int, str)
    def _on_panel_own_report_requested(self, field: str, source_id: int, page: str) -> None:
        rid = self._report_id()
        if rid is not None:
            self._runner.run(par_jobs.attach_own_report, rid, field, source_id, page, on_success=self._after_write,
                             on_failure=self._prompter.error, context=self)

    @Slot()
    def _on_resend_button_clicked(self) -> None:
        rid = self._report_id()
        if rid is None:
            return
        folder = self._prompter.choose_folder(self.tr("Choose the folder for the package with every evidence file"))
        if folder is None:
            return
        self._runner.run(par_jobs.export_in_full, rid, Path(folder), on_success=self._on_resent,
                         on_failure=self._prompter.error, context=self)

    def _on_resent(self, result: Any) -> None:
        parts = len(result.paths)
        text = (self.tr("The scoring report was written again with every evidence file, also those the reviewing "
                        "office already had (%1 file(s) in %2). Take them to the reviewing office or attach them to "
                        "an e-mail; its import puts back the files it lost.")
                .replace("%1", str(parts)).replace("%2", str(Path(result.path).parent)))
        self.status_message.emit(text)
        if self._prompter.inform(self.tr("Evidence sent in full"), text, action_text=self.tr("Open folder")):
            self._prompter.show_folder(Path(result.path).parent)

    @Slot()
    def _on_print_button_clicked(self) -> None:
        rid = self._report_id()
        if rid is None or self.sheet is None:
            return
        target = self._prompter.save_file(self.tr("Save the briefing document"), "PDF (*.pdf)",
                                          f"giao-ban-chi-so-cchc-{self.sheet.report.period.code}.pdf")
        if target is None:
            return
        self._runner.run(par_jobs.write_briefing, rid, Path(target), on_success=self._on_briefing_written,
                         on_failure=self._prompter.error, context=self)

    def _on_briefing_written(self, path: Path) -> None:
        self.status_message.emit(self.tr("The briefing document was saved: %1").replace("%1", str(path)))
        self._prompter.show_folder(path.parent)
