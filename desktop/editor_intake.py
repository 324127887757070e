"""Figures that reach the editor in bulk: a column pasted from Excel into a run of fields,
and Part III filled from the one-stop shop's statistics file.

Both go through the editor's own typing path (``set_field_text``) inside one undo macro:
the form's checks run on every value, autosave stores them, and one Ctrl+Z takes them all
back."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from desktop import editor_jobs
from desktop.field_inputs import FieldInput, LineInput
from desktop.field_run_paste import NUMBER_TYPES, NotWholeError, RunPaste, block_values, figure_text, run_from
from desktop.part3_dialog import Part3ImportDialog
from desktop.prompter import Prompter
from desktop.tasks import TaskRunner
from forms.definition import FormDefinition
from forms.engine import Evaluation
from forms.numbers import format_number
from reports.errors import CchcError
from reports.storage.store import Report


class FillTarget(Protocol):
    """What of the editor this needs (the editor satisfies it; no import of it here)."""

    undo_stack: QUndoStack

    @property
    def report(self) -> Report | None: ...
    @property
    def definition(self) -> FormDefinition | None: ...
    @property
    def evaluation(self) -> Evaluation | None: ...
    @property
    def read_only(self) -> bool: ...
    def set_field_text(self, field_id: str, raw: Any) -> None: ...
    def reveal_field(self, field_id: str, *, focus: bool = False) -> None: ...


class EditorIntake(QObject):
    def __init__(self, target: FillTarget, runner: TaskRunner, prompter: Prompter, *, lang: str, parent: QWidget) -> None:
        super().__init__(parent)
        self._target = target
        self._runner = runner
        self._prompter = prompter
        self._lang = lang
        self._window = parent
        self.dialog: Part3ImportDialog | None = None

    def fill(self, raws: Mapping[str, Any], text: str) -> None:
        """Type every value into its field, as one undo step."""
        if not raws or self._target.read_only:
            return
        stack = self._target.undo_stack
        stack.beginMacro(text)
        try:
            for field_id, raw in raws.items():
                self._target.set_field_text(field_id, raw)
        finally:
            stack.endMacro()
        self._target.reveal_field(next(iter(raws)), focus=True)

    # ------------------------------------------------------------ paste into a run of fields

    def attach(self, inputs: Mapping[str, FieldInput]) -> None:
        """Ctrl+V of a spreadsheet's column in any number field fills the fields after it."""
        for field_id, fi in inputs.items():
            if isinstance(fi, LineInput) and fi.field.type in NUMBER_TYPES and not fi.field.computed:
                RunPaste(fi.edit, field_id, self.paste)

    def paste(self, field_id: str, text: str) -> bool:
        """Ctrl+V in a number field: a block fills the run, a figure is typed as the official
        means it; False lets the box paste a text that is no number as usual."""
        definition = self._target.definition
        if definition is None or self._target.read_only:
            return False
        values = block_values(text)
        if values is None:
            try:
                figure = figure_text(definition.field(field_id), text, self._lang)
            except NotWholeError as exc:
                self._refuse_figure(field_id, exc)
                return True
            if figure == text.strip():
                return False  # as typed: the box pastes it where the cursor is
            self.fill({field_id: figure}, self.tr("paste into “%1”").replace("%1", definition.field(field_id).label))
            return True
        self.paste_run(field_id, values)
        return True

    def _refuse_figure(self, field_id: str, exc: NotWholeError) -> None:
        assert self._target.definition is not None
        label = self._target.definition.field(field_id).label
        self._prompter.warning(self.tr("Paste figures"), self.tr(
            "“%1” was not pasted into “%2”: written this way it is a decimal number, and this field takes "
            "whole numbers. If it is a count with a thousands separator, copy it without the separator "
            "(%3).").replace("%1", exc.text).replace("%2", label).replace("%3", exc.digits))
        self._target.reveal_field(field_id, focus=True)

    def paste_run(self, field_id: str, values: list[str]) -> None:
        definition = self._target.definition
        if definition is None or self._target.read_only:
            return
        title = self.tr("Paste figures")
        if not values:
            self._prompter.warning(title, self.tr(
                "Only one column or one row of figures can be pasted into these fields: copy a single "
                "column in Excel and paste again."))
            return
        run = run_from(definition, field_id)
        start = definition.field(field_id)
        figures = {}
        for fid, value in zip(run, values, strict=False):
            try:
                figures[fid] = figure_text(definition.field(fid), value, self._lang)
            except NotWholeError as exc:  # nothing is pasted: a wrong count would look right
                self._refuse_figure(fid, exc)
                return
        self.fill(figures, self.tr("paste into “%1”").replace("%1", start.group or start.label))
        if len(values) > len(run):
            self._prompter.info(title, self.tr(
                "%1 figures were pasted into the fields of “%2”; the other %3 had no field to go in and were "
                "left out.").replace("%1", str(len(run))).replace("%2", start.group or start.label)
                .replace("%3", str(len(values) - len(run))))

    # ------------------------------------------------------------ Part III from the one-stop shop

    @Slot()
    def choose_part3_file(self) -> None:
        if self._target.report is None or self._target.read_only:
            return
        path = self._prompter.open_file(
            self.tr("Choose the one-stop shop's statistics file"),
            self.tr("Spreadsheets (*.xlsx *.csv *.txt);;All files (*)"),
        )
        if path is not None:
            self.open_part3(path)

    def open_part3(self, path: Path) -> None:
        """Read ``path`` off the UI thread, then show the dialog with the proposed columns."""
        definition = self._target.definition
        if self._target.report is None or definition is None:
            return

        def read(remembered: str) -> None:
            self._runner.run_cpu(editor_jobs.open_part3_file, path, definition, remembered,
                                 on_success=self._on_part3_opened, on_failure=self._on_part3_failed, context=self)

        self._runner.run(editor_jobs.part3_columns, on_success=read, on_failure=self._on_part3_failed, context=self)

    def _on_part3_opened(self, opened: editor_jobs.Part3Opened) -> None:
        definition, evaluation = self._target.definition, self._target.evaluation
        if definition is None or self._target.read_only:
            return
        self.dialog = Part3ImportDialog(definition, opened.table, opened.mapping,
                                        evaluation.values if evaluation else {}, lang=self._lang, parent=self._window)
        self.dialog.chosen.connect(self._on_dialog_chosen)
        self.dialog.open()

    def _on_part3_failed(self, exc: CchcError) -> None:
        self._prompter.error(exc, self.tr("Could not read the file"))

    @Slot(object, str)
    def _on_dialog_chosen(self, values: dict[str, Any], remember: str) -> None:
        source = self.dialog.table.source if self.dialog is not None else ""
        raws = {f: format_number(v) if isinstance(v, int) else v for f, v in values.items()}  # as typed: "1.234"
        self.fill(raws, self.tr("import from %1").replace("%1", source))
        self._runner.run(editor_jobs.remember_part3_columns, remember, context=self)
