"""Evidence beside the editor, for a scoring report: pick a criterion, see its documents,
attach or remove files, write its explanation. Hidden for every other kind of report.

The editor hooks it with two lines (build, and ``show_report`` when a report is shown); it
runs its own jobs (desktop/par_jobs.py) on the database worker.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QComboBox, QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from desktop import par_jobs
from desktop.appearance import set_font_scale
from desktop.evidence_panel import EvidencePanel
from desktop.prompter import Prompter
from desktop.tasks import TaskRunner
from desktop.wheel_guard import guard_wheel
from forms.definition import FormDefinition
from reports.par_index.sheet import ScoreSheet
from reports.storage.report import Report


class EditorEvidence(QWidget):
    sheet_shown = Signal(object)  # ScoreSheet

    def __init__(
        self, runner: TaskRunner, prompter: Prompter, *, lang: str = "vi", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._lang = lang
        self._report: Report | None = None
        self.sheet: ScoreSheet | None = None
        heading = QLabel(self.tr("Evidence (tài liệu kiểm chứng)"))
        set_font_scale(heading, 1.1, bold=True)
        self.criterion = guard_wheel(QComboBox())
        self.criterion.setAccessibleName(self.tr("Criterion"))
        self.panel = EvidencePanel(prompter, lang=lang)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(self.criterion)
        # The column beside the editor is short: the panel keeps its natural height and scrolls.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.panel)
        layout.addWidget(scroll, 1)
        self.setVisible(False)
        self.criterion.currentIndexChanged.connect(self._on_criterion_current_index_changed)
        self.panel.attach_requested.connect(self._on_panel_attach_requested)
        self.panel.remove_requested.connect(self._on_panel_remove_requested)
        self.panel.explanation_saved.connect(self._on_panel_explanation_saved)
        self.panel.own_report_requested.connect(self._on_panel_own_report_requested)
        self._prompter = prompter

    def show_report(self, report: Report, definition: FormDefinition) -> None:
        """Shown for a scoring sheet only; loads its criteria and evidence."""
        scoring = definition.kind == "scoring"
        self.setVisible(scoring)
        self._report = report if scoring else None
        if scoring:
            self._runner.run(par_jobs.load_sheet, report.id, on_success=self._show, context=self)
            self._runner.run(par_jobs.own_report_choices, report.id, on_success=self.panel.set_own_reports,
                             context=self)

    def _show(self, sheet: ScoreSheet) -> None:
        current = self.criterion.currentData()
        sheet = sheet.localized(self._lang)
        self.sheet = sheet
        self.criterion.blockSignals(True)
        self.criterion.clear()
        for line in sheet.lines:
            self.criterion.addItem(f"{line.field.label} ({len(line.evidence)})", line.field.id)
        self.criterion.blockSignals(False)
        self.criterion.setCurrentIndex(max(0, self.criterion.findData(current)) if current else 0)
        self._on_criterion_current_index_changed(self.criterion.currentIndex())
        self.sheet_shown.emit(sheet)

    def select_field(self, field_id: str) -> None:
        self.criterion.setCurrentIndex(self.criterion.findData(field_id))

    @Slot(int)
    def _on_criterion_current_index_changed(self, _index: int) -> None:
        field_id = self.criterion.currentData()
        line = next((x for x in self.sheet.lines if x.field.id == field_id), None) if self.sheet else None
        self.panel.show_line(line, editable=self._report is not None and self._report.editable)

    def _after_write(self, sheet: ScoreSheet) -> None:
        self.panel.clear_metadata()
        self._show(sheet)

    def _write(self, job: Any, *args: Any) -> None:
        if self._report is not None:
            self._runner.run(job, self._report.id, *args, on_success=self._after_write,
                             on_failure=self._prompter.error, context=self)

    @Slot(str, object, object)
    def _on_panel_attach_requested(self, field: str, path: Path, meta: Any) -> None:
        self._write(par_jobs.attach_file, field, path, meta)

    @Slot(str, str)
    def _on_panel_remove_requested(self, field: str, sha256: str) -> None:
        self._write(par_jobs.remove_evidence, field, sha256)

    @Slot(str, str)
    def _on_panel_explanation_saved(self, field: str, text: str) -> None:
        self._write(par_jobs.save_explanation, field, text)

    @Slot(str, int, str)
    def _on_panel_own_report_requested(self, field: str, source_id: int, page: str) -> None:
        self._write(par_jobs.attach_own_report, field, source_id, page)
