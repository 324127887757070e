"""One commune's scoring report, criterion by criterion, for the appraisal team.

The criteria tree shows the self-score (or the computed score), the evidence count, the
commune's explanation and its answer to the appraisal; the appraiser types the appraised
points and a reason, or agrees with the self-score for a criterion or a whole area. Every
change goes to the database worker (``reports.appraisal``), which refuses what is wrong
(above the maximum, a change without a reason, locked scores) with a message that says so.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.appearance import set_font_scale
from desktop.prompter import Prompter
from desktop.reviewer import appraisal_jobs as jobs
from desktop.tasks import TaskRunner
from desktop.wheel_guard import guard_wheel
from forms.numbers import format_number
from reports.appraisal.sheet import AppraisalLine, AppraisalSheet

FIELD_ROLE = Qt.ItemDataRole.UserRole
AREA_ROLE = Qt.ItemDataRole.UserRole + 1


def _n(value: float | None) -> str:
    return "—" if value is None else format_number(round(value, 2))


class AppraisalView(QWidget):
    changed = Signal()  # an appraised score was written: the ranking is out of date

    # Five columns fit a 1366-pixel screen beside the communes; the chosen criterion's words,
    # method, explanation and reason are written out in full below the tree.
    COLUMNS = ("Criterion", "Max", "Self-score", "Evidence", "Appraised")

    def __init__(self, runner: TaskRunner, prompter: Prompter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._prompter = prompter
        self.sheet: AppraisalSheet | None = None
        self.title = QLabel(self.tr("Choose a commune on the left."))
        set_font_scale(self.title, 1.15, bold=True)
        self.title.setWordWrap(True)
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(len(self.COLUMNS))
        self.tree.setHeaderLabels([
            self.tr("Criterion"), self.tr("Max"), self.tr("Self-score"), self.tr("Evidence"), self.tr("Appraised"),
        ])
        self.tree.setAccessibleName(self.tr("Criteria of the scoring report"))
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setWordWrap(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the criterion's words get the room
        for col in range(1, len(self.COLUMNS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
        for col, chars in ((1, 6), (2, 11), (3, 6), (4, 10)):
            header.resizeSection(col, self.fontMetrics().averageCharWidth() * chars + 12)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setAccessibleName(self.tr("The chosen criterion"))
        self.points = guard_wheel(QDoubleSpinBox())
        self.points.setDecimals(2)
        self.points.setSingleStep(0.5)
        self.points.setAccessibleName(self.tr("Appraised points"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Reason (required when it differs from the self-score)"))
        self.reason.setAccessibleName(self.tr("Reason"))
        self.save_button = QPushButton(self.tr("&Record"))
        self.agree_button = QPushButton(self.tr("&Agree with the self-score"))
        self.agree_area_button = QPushButton(self.tr("Agree with the whole a&rea"))
        self.evidence_button = QPushButton(self.tr("Open e&vidence"))
        edit = QHBoxLayout()
        edit.addWidget(QLabel(self.tr("Points:")))
        edit.addWidget(self.points)
        edit.addWidget(self.reason, 2)
        edit.addWidget(self.save_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.agree_button)
        buttons.addWidget(self.agree_area_button)
        buttons.addStretch(1)
        buttons.addWidget(self.evidence_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.state)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.detail)
        layout.addLayout(edit)
        layout.addLayout(buttons)
        self._set_enabled(False)
        self.tree.currentItemChanged.connect(self._on_tree_current_item_changed)
        self.save_button.clicked.connect(self._on_save_clicked)
        self.agree_button.clicked.connect(self._on_agree_clicked)
        self.agree_area_button.clicked.connect(self._on_agree_area_clicked)
        self.evidence_button.clicked.connect(self._on_evidence_clicked)
        self.reason.returnPressed.connect(self._on_save_clicked)

    def _set_enabled(self, on: bool) -> None:
        for w in (self.points, self.reason, self.save_button, self.agree_button, self.agree_area_button,
                  self.evidence_button):
            w.setEnabled(on)

    # ------------------------------------------------------------ loading

    def open_report(self, report_id: int) -> None:
        self._runner.run(jobs.sheet, report_id, on_success=self.show_sheet, on_failure=self._prompter.error, context=self)

    def show_sheet(self, sheet: AppraisalSheet) -> None:
        current = self.current_field()
        self.sheet = sheet
        self.title.setText(f"{sheet.unit_name} ({sheet.unit_code}) — {sheet.period}, "
                           + self.tr("revision %1").replace("%1", str(sheet.revision)))
        self.state.setText(self._state_text(sheet))
        self.tree.clear()
        areas: dict[str, QTreeWidgetItem] = {}
        groups: dict[tuple[str, str], QTreeWidgetItem] = {}
        titles = {s.id: s.title for s in sheet.definition.sections}
        for line in sheet.lines:
            area = areas.get(line.area)
            if area is None:
                area = areas[line.area] = QTreeWidgetItem(self.tree, [f"{line.area}. {titles.get(line.area, '')}"])
                area.setData(0, AREA_ROLE, line.area)
                area.setFirstColumnSpanned(True)
                area.setExpanded(True)
            group = groups.get((line.area, line.criterion))
            if group is None:
                group = groups[(line.area, line.criterion)] = QTreeWidgetItem(area, [line.criterion])
                group.setData(0, AREA_ROLE, line.area)
                group.setFirstColumnSpanned(True)
                group.setExpanded(True)
            item = QTreeWidgetItem(group, self._cells(line))
            item.setData(0, FIELD_ROLE, line.field.id)
            item.setData(0, AREA_ROLE, line.area)
            item.setToolTip(0, "\n".join(x for x in (line.field.label, line.field.method.guide) if x))
            if current == line.field.id:
                self.tree.setCurrentItem(item)
        self._set_enabled(not (sheet.round and sheet.round.locked))

    def _state_text(self, sheet: AppraisalSheet) -> str:
        parts = [self.tr("Score: %1 of %2 (%3 of %4 criteria appraised)")
                 .replace("%1", _n(sheet.result.score)).replace("%2", _n(sheet.definition.max_points))
                 .replace("%3", str(sheet.appraised_count)).replace("%4", str(len(sheet.lines)))]
        if sheet.round and sheet.round.deadline:
            y, m, d = sheet.round.deadline.split("-")
            parts.append(self.tr("explanations until %1").replace("%1", f"{d}/{m}/{y}"))
        if sheet.answer_revision:
            parts.append((self.tr("the commune answered on %1 (late: not applied)") if sheet.answer_late and not sheet.answer_applied
                          else self.tr("the commune answered on %1")).replace("%1", sheet.answer_arrived or ""))
        if sheet.recomputed_differ:
            parts.append(self.tr("%1 computed criteria differ from the reports held here").replace(
                "%1", str(sheet.recomputed_differ)))
        if sheet.round and sheet.round.locked:
            parts.append(self.tr("locked: reopen to change"))
        return "; ".join(parts)

    def _cells(self, line: AppraisalLine) -> list[str]:
        own = self.tr("computed: %1").replace("%1", _n(line.self_points)) if line.computed else _n(line.self_points)
        if line.recheck is not None and line.recheck.differs:
            own += " ⚠ " + self.tr("here: %1").replace("%1", _n(line.recheck.reviewer_points))
        if not line.field.self_scored:
            own = self.tr("province scores it")
        a = line.appraised
        return [line.field.label, _n(line.max_points), own, str(line.evidence) if line.evidence else "—",
                _n(a.points) if a else ""]

    def _detail_text(self, line: AppraisalLine) -> str:
        parts = [line.field.label]
        if line.field.method.guide:
            parts.append(self.tr("Method: %1").replace("%1", line.field.method.guide))
        if line.explanation:
            parts.append(self.tr("The commune's explanation: %1").replace("%1", line.explanation))
        if line.answer:
            parts.append(self.tr("The commune's answer: %1").replace("%1", line.answer))
        check = line.recheck
        if check is not None and (check.differs or check.lacking):
            # Recomputed from this office's copies of the monthly reports: shown, the appraiser decides.
            if check.differs:
                parts.append(self.tr("⚠ The commune computed %1 points; from the %2 of %3 reports held here: %4 → %5 points.")
                             .replace("%1", _n(check.commune_points)).replace("%2", str(len(check.here.sources)))
                             .replace("%3", str(check.here.expected_reports)).replace("%4", check.here.value_text())
                             .replace("%5", _n(check.reviewer_points)))
            if check.lacking:
                parts.append(self.tr("No filed report is held here for %1 (not received, or returned): ask the "
                                     "commune to send it before appraising.").replace("%1", ", ".join(check.lacking)))
            else:
                parts.append(self.tr("Every report is held here: appraise by this office's figure."))
        a = line.appraised
        if a is not None and a.reason:
            parts.append(self.tr("Reason (%1): %2").replace("%1", a.appraiser).replace("%2", a.reason))
        return "\n".join(parts)

    # ------------------------------------------------------------ choosing and editing

    def current_field(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(0, FIELD_ROLE) if item is not None else None

    def current_line(self) -> AppraisalLine | None:
        fid = self.current_field()
        if self.sheet is None or fid is None:
            return None
        return next((line for line in self.sheet.lines if line.field.id == fid), None)

    @Slot(QTreeWidgetItem, QTreeWidgetItem)
    def _on_tree_current_item_changed(self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        line = self.current_line()
        if line is None:
            return
        self.points.setMaximum(line.max_points)
        start = line.appraised.points if line.appraised else (line.self_points or 0.0)
        self.points.setValue(start)
        self.reason.setText(line.appraised.reason if line.appraised else "")
        self.detail.setText(self._detail_text(line))
        self.evidence_button.setEnabled(line.evidence > 0)

    def record(self, points: float, reason: str) -> None:
        """Write the appraised points of the chosen sub-criterion."""
        line = self.current_line()
        if self.sheet is None or line is None:
            return
        self._runner.run(jobs.appraise, self.sheet.report_id, line.field.id, points, reason,
                         on_success=self._on_written, on_failure=self._prompter.error, context=self)

    @Slot()
    def _on_save_clicked(self) -> None:
        self.record(self.points.value(), self.reason.text())

    @Slot()
    def _on_agree_clicked(self) -> None:
        line = self.current_line()
        if self.sheet is None or line is None:
            return
        self._runner.run(jobs.agree, self.sheet.report_id, None, (line.field.id,),
                         on_success=self._on_written, on_failure=self._prompter.error, context=self)

    @Slot()
    def _on_agree_area_clicked(self) -> None:
        item = self.tree.currentItem()
        if self.sheet is None or item is None:
            return
        self._runner.run(jobs.agree, self.sheet.report_id, item.data(0, AREA_ROLE), (),
                         on_success=self._on_written, on_failure=self._prompter.error, context=self)

    def _on_written(self, sheet: AppraisalSheet) -> None:
        self.show_sheet(sheet)
        self.changed.emit()

    @Slot()
    def _on_evidence_clicked(self) -> None:
        line = self.current_line()
        if self.sheet is None or line is None:
            return
        self._runner.run(jobs.evidence_files, self.sheet.report_id, line.field.id,
                         on_success=self._on_evidence_found, on_failure=self._prompter.error, context=self)

    def _on_evidence_found(self, paths: list[object]) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        for path in paths:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
