"""The report editor: sections on the left, fields in the middle, the check panel on the right.

Every edit is checked at once with the form engine (on the UI thread: pure computation, well
under a millisecond), computed fields and rule messages follow live, and valid values go to
the autosaver, which stores them on the database worker. A value that does not parse shows
its message under the field and is not saved until it is fixed; the rest is saved. Undo and
redo cover every field through one ``QUndoStack``.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QListWidgetItem, QSplitter, QVBoxLayout, QWidget

from desktop import editor_jobs
from desktop.autosave import Autosaver
from desktop.check_panel import CheckPanel
from desktop.editor_evidence import EditorEvidence
from desktop.editor_header import EditorHeader
from desktop.editor_intake import EditorIntake
from desktop.editor_jobs import EditorState
from desktop.editor_keys import EditorKeys
from desktop.field_edit_command import FieldEditCommand
from desktop.field_inputs import FieldInput, TableInput, undo_keys_filter
from desktop.form_pages import FormPages
from desktop.prompter import Prompter
from desktop.report_actions import ReportActions
from desktop.section_list import SectionList
from desktop.splitter_fit import keep_middle_wide
from desktop.step_bar import Step, current_step
from desktop.tasks import TaskRunner
from forms.definition import FormDefinition
from forms.engine import Evaluation
from forms.problems import Draft, FieldMessage, Problem
from forms.translation import localized
from reports.errors import CchcError
from reports.storage.lifecycle import Status
from reports.storage.store import Report

log = logging.getLogger(__name__)


class ReportEditor(QWidget):
    back_requested = Signal()
    preview_requested = Signal(int)  # a report id
    sign_requested = Signal(int)  # a report id
    send_requested = Signal(int)  # a signed report's id: "Gửi", the last step
    report_changed = Signal(int)  # saved, finalised, amended…: the list should refresh
    status_message = Signal(str)

    def __init__(
        self, runner: TaskRunner, prompter: Prompter, *, lang: str = "vi", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._prompter = prompter
        self._lang = lang
        self._state: EditorState | None = None
        self._report: Report | None = None
        self._definition: FormDefinition | None = None
        self._draft: Draft | None = None
        self._raw_now: dict[str, Any] = {}
        self._show_missing = False
        self._applying = False
        self._loading_id: int | None = None

        self.undo_stack = QUndoStack(self)
        self.autosaver = Autosaver(runner, parent=self)
        self.report_actions = ReportActions(runner, prompter, parent=self)
        self.intake = EditorIntake(self, runner, prompter, lang=lang, parent=self)  # pasted runs, Part III import
        self._undo_filter = undo_keys_filter(self, self.undo_stack.undo, self.undo_stack.redo)

        self._build()
        self._connect_signals()

    # ------------------------------------------------------------ construction

    def _build(self) -> None:
        self.header = EditorHeader()

        self.section_list = SectionList()
        self.section_stack = FormPages()
        self.check_panel = CheckPanel()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.section_list)
        self.splitter.addWidget(self.section_stack)
        # a scoring report's evidence, under the checks
        self.evidence = EditorEvidence(self._runner, self._prompter, lang=self._lang)
        side = QSplitter(Qt.Orientation.Vertical)
        side.addWidget(self.check_panel)
        side.addWidget(self.evidence)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setSizes([230, 760, 270])
        self.splitter.setChildrenCollapsible(False)
        keep_middle_wide(self.splitter)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 6)
        layout.addWidget(self.header)
        layout.addWidget(self.splitter, 1)

        self.keys = EditorKeys.install(self, self.undo_stack)
        self._update_undo_buttons()

    def _connect_signals(self) -> None:
        self.header.back_button.clicked.connect(self._on_back_clicked)
        self.keys.back.triggered.connect(self._on_back_clicked)
        self.header.undo_button.clicked.connect(self.undo_stack.undo)
        self.header.redo_button.clicked.connect(self.undo_stack.redo)
        self.undo_stack.canUndoChanged.connect(self._update_undo_buttons)
        self.undo_stack.canRedoChanged.connect(self._update_undo_buttons)
        self.header.check_button.clicked.connect(self._on_check_action_triggered)
        self.header.step_bar.step_clicked.connect(self._on_step_bar_step_clicked)
        self.header.send_button.clicked.connect(self._on_send_clicked)
        self.keys.check.triggered.connect(self._on_check_action_triggered)
        self.header.finalize_button.clicked.connect(self.finalize)
        self.header.reopen_button.clicked.connect(self._on_reopen_clicked)
        self.header.amend_button.clicked.connect(self._on_amend_clicked)
        self.header.preview_button.clicked.connect(self._on_preview_clicked)
        self.header.sign_button.clicked.connect(self._on_sign_clicked)
        self.section_list.currentRowChanged.connect(self.section_stack.setCurrentIndex)
        self.section_list.itemActivated.connect(self._on_section_activated)
        self.section_stack.edited.connect(self._on_field_edited)
        self.section_stack.suggest_requested.connect(self._on_suggest_requested)
        self.section_stack.part3_import_requested.connect(self.intake.choose_part3_file)
        self.keys.next_section.triggered.connect(self.section_list.next_part)
        self.keys.previous_section.triggered.connect(self.section_list.previous_part)
        self.check_panel.problem_activated.connect(self._on_check_panel_problem_activated)
        self.check_panel.acknowledge_requested.connect(self._on_check_panel_acknowledge_requested)
        self.report_actions.changed.connect(self._on_report_actions_changed)
        self.report_actions.amended.connect(self._on_report_actions_amended)
        self.report_actions.failed.connect(self._on_report_actions_failed)
        self.report_actions.acknowledged.connect(self._on_report_actions_acknowledged)
        self.autosaver.saved.connect(self._on_autosaver_saved)
        self.autosaver.save_failed.connect(self._on_autosaver_save_failed)
        self.autosaver.state_changed.connect(self._update_saved_label)

    # ------------------------------------------------------------ opening

    @property
    def report(self) -> Report | None:
        return self._report

    @property
    def definition(self) -> FormDefinition | None:
        return self._definition

    @property
    def evaluation(self) -> Evaluation | None:
        return self._draft.evaluation if self._draft is not None else None

    @property
    def can_sign(self) -> bool:
        """A finalised report, the newest revision: "Ký số" is offered."""
        return (
            self._report is not None
            and self._report.status is Status.FINAL
            and self._state is not None
            and self._state.is_latest
        )

    @property
    def read_only(self) -> bool:
        return self._report is None or not self._report.editable

    def open_report(self, report_id: int) -> None:
        """Load a report (on the worker) and show it."""
        self.autosaver.flush()
        self._loading_id = report_id
        self._runner.run(editor_jobs.editor_state, report_id, on_success=self.show_state, context=self)

    @Slot(object)
    def show_state(self, state: EditorState) -> None:
        if self._loading_id is not None and state.report.id != self._loading_id:
            return  # a newer open_report is on its way
        self._loading_id = None
        same_form = self._definition is not None and self._definition.key == state.definition.key
        keep_section = (
            self.section_list.currentRow()
            if same_form and self._report and self._report.id == state.report.id
            else 0
        )
        self._state = state
        self._report = state.report
        self._definition = state.definition
        self.autosaver.set_report(state.report.id)
        self._draft = Draft(state.definition, state.report.values, self._lang)
        self._show_missing = False
        self.undo_stack.clear()
        self._build_sections(state.definition)
        self._raw_now = self.section_stack.fill(self._draft.values)
        self.section_list.setCurrentRow(max(0, min(keep_section, self.section_list.count() - 1)))
        self.header.show_report(state, state.report, self._lang)
        self.evidence.show_report(state.report, state.definition)
        self.section_stack.set_read_only(self.read_only)
        self.check_panel.set_read_only(self.read_only)
        self._reevaluate()

    def _build_sections(self, definition: FormDefinition) -> None:
        definition = localized(definition, self._lang)  # labels, help, units as the official reads them
        self.section_list.set_sections(definition, self._lang)
        self.section_stack.build(definition, self._lang, self._undo_filter)
        self.intake.attach(self.section_stack.inputs)
        # Parts list → the fields of the shown part, top to bottom → the check panel. (The
        # pages are built after the panel, so Qt's creation order would put them last;
        # fields of hidden parts are skipped by Qt.)
        chain: list[QWidget] = [self.section_list, *self.section_stack.tab_chain()]
        chain += [self.check_panel.list, self.check_panel.go_button, self.check_panel.ack_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # ------------------------------------------------------------ editing

    @Slot(str, object)
    def _on_field_edited(self, field_id: str, raw: Any) -> None:
        if self._applying or self.read_only:
            return
        old = self._raw_now.get(field_id)
        self._raw_now[field_id] = raw
        field = self.section_stack.inputs[field_id].field
        self.undo_stack.push(
            FieldEditCommand(
                self.apply_raw, field_id, old, raw, self.tr("edit “%1”").replace("%1", field.label)
            )
        )
        self._process(field_id, raw)

    def apply_raw(self, field_id: str, raw: Any) -> None:
        """Put ``raw`` back into a field (undo / redo) and treat it as an edit."""
        fi = self.section_stack.inputs.get(field_id)
        if fi is None or self.read_only:
            return
        self._applying = True
        try:
            fi.set_raw(raw)
        finally:
            self._applying = False
        self._raw_now[field_id] = raw
        self.reveal_field(field_id)
        self._process(field_id, raw)

    def set_field_text(self, field_id: str, raw: Any) -> None:
        """Type ``raw`` into a field as the official would (scripts and tests)."""
        fi = self.section_stack.inputs[field_id]
        self._applying = True
        try:
            fi.set_raw(raw)
        finally:
            self._applying = False
        self._on_field_edited(field_id, raw)

    def _process(self, field_id: str, raw: Any) -> None:
        assert self._draft is not None
        ok, value = self._draft.edit(field_id, raw)
        if ok:
            fi = self.section_stack.inputs.get(field_id)
            if isinstance(fi, TableInput):
                fi.show_totals(value)
            self.autosaver.change(field_id, value)
        else:
            self.autosaver.discard(field_id)
        self._reevaluate()

    # ------------------------------------------------------------ checking

    def _reevaluate(self) -> None:
        draft = self._draft
        if draft is None:
            return
        self.section_stack.show_computed(draft.evaluation.values)
        acks = self._report.acks if self._report is not None else {}
        messages, states = draft.field_messages(acks, show_missing=self._show_missing)
        confirmed = self.tr("Warning confirmed: %1")
        for shown in messages.values():
            shown[:] = [
                FieldMessage(m.level, confirmed.replace("%1", acks[m.rule_id]), m.rule_id)
                if m.level == "acknowledged" and m.rule_id in acks
                else m
                for m in shown
            ]
        self.section_stack.show_messages(messages, states)
        problems = self.problems()
        self.section_list.show_states(problems)
        latest = self._report is not None and self._state is not None and self._state.is_latest
        status = self._report.status if latest and self._report is not None else Status.ACCEPTED
        self.header.step_bar.show_step(current_step(status, problems, checked=self._show_missing))
        self.check_panel.set_problems(problems, {s.id: i for i, s in enumerate(draft.definition.sections)})
        self._update_saved_label()

    def problems(self) -> list[Problem]:
        """The check panel's list: the core's problem builder over what is on screen."""
        if self._draft is None:
            return []
        return self._draft.problems(self._report.acks if self._report is not None else {})

    def section_state(self, section_id: str) -> str:
        """ "ok", "error", "warning" or "empty" as the section list shows it."""
        return self.section_list.state_of(section_id)

    def field_message(self, field_id: str) -> str:
        """The message shown under a field ("" when none)."""
        return self.section_stack.field_message(field_id)

    def field_input(self, field_id: str) -> FieldInput:
        return self.section_stack.inputs[field_id]

    def reveal_field(self, field_id: str, *, focus: bool = False) -> None:
        if self._definition is None or field_id not in self.section_stack.inputs:
            return
        section = self._definition.section_of(field_id)
        self.section_list.setCurrentRow([s.id for s in self._definition.sections].index(section.id))
        self.section_stack.reveal(section.id, field_id, focus=focus)

    def show_all_problems(self) -> None:
        """What "Kiểm tra" does: every problem, including required fields left empty."""
        self._show_missing = True
        self.check_panel.setVisible(True)
        self._reevaluate()

    @Slot()
    def _on_check_action_triggered(self) -> None:
        self.show_all_problems()
        self.check_panel.focus_list()

    @Slot(object)
    def _on_check_panel_problem_activated(self, problem: Problem) -> None:
        if problem.field_id is not None:
            self.reveal_field(problem.field_id, focus=True)

    @Slot(object)
    def _on_check_panel_acknowledge_requested(self, problem: Problem) -> None:
        if self._report is not None and not self.read_only:
            self.autosaver.flush()
            self.report_actions.acknowledge(self._report, problem)

    @Slot(object)
    def _on_report_actions_acknowledged(self, report: Report) -> None:
        self._merge_saved(report)
        self._reevaluate()
        self.report_changed.emit(report.id)

    # ------------------------------------------------------------ suggest text

    @Slot(str)
    def _on_suggest_requested(self, field_id: str) -> None:
        if self._draft is None or self.read_only:
            return
        current = str(self._raw_now.get(field_id) or "")
        text = self.report_actions.suggested_text(
            self._draft.definition, field_id, self._draft.evaluation.values, current
        )
        if text is not None:
            self.set_field_text(field_id, text)
            self.reveal_field(field_id, focus=True)

    # ------------------------------------------------------------ saving

    @Slot(object)
    def _on_autosaver_saved(self, report: Report) -> None:
        self._merge_saved(report)
        self._update_saved_label()
        self.report_changed.emit(report.id)

    def _merge_saved(self, report: Report) -> None:
        if self._report is None or report.id != self._report.id:
            return
        self._report = report

    @Slot(object)
    def _on_autosaver_save_failed(self, exc: CchcError) -> None:
        self._update_saved_label()
        self._prompter.error(exc, self.tr("Could not save"))

    def _update_saved_label(self) -> None:
        self.header.show_saved(
            self._report,
            bad_labels=self._draft.bad_labels() if self._draft is not None else [],
            saving=self.autosaver.has_unsaved,
        )

    def save_now(self) -> str:
        """Ctrl+S: everything is saved as it is typed; send what is pending and say so."""
        self.autosaver.flush()
        bad = self._draft.bad_labels() if self._draft is not None else []
        return self.header.save_now_text(read_only=self.read_only, bad_labels=bad)

    def flush(self) -> None:
        self.autosaver.flush()

    def when_saved(self, fn: Callable[[], None]) -> None:
        """Run ``fn`` once every edit is stored (finalising and the preview read the store)."""
        self.autosaver.when_saved(fn)

    # ------------------------------------------------------------ lifecycle

    @Slot()
    def finalize(self) -> None:
        report, definition = self._report, self._definition
        if report is None or definition is None or report.status is not Status.DRAFT:
            return
        self.autosaver.flush()
        self.show_all_problems()
        if not self.report_actions.finalize(report, self.problems(), self.when_saved):
            self._focus_first_problem()

    def _focus_first_problem(self) -> None:
        problems = self.check_panel.problems()
        if problems:
            self.check_panel.select(problems[0])
            if problems[0].field_id:
                self.reveal_field(problems[0].field_id, focus=True)

    @Slot(object)
    def _on_report_actions_changed(self, state: EditorState) -> None:
        """Finalised or reopened: show it as stored now."""
        self.show_state(state)
        self.report_changed.emit(state.report.id)
        r = state.report
        if r.status is Status.FINAL and r.doc_number is not None:
            number = f"{r.doc_number:02d}/{r.doc_year}"
            self.status_message.emit(self.tr("The report is finalised (number %1).").replace("%1", number))
            if self.report_actions.offer_to_sign(number):  # the next step, without hunting for it
                self._on_sign_clicked()

    @Slot(object)
    def _on_report_actions_failed(self, _exc: CchcError) -> None:
        if self._report is not None:
            self.open_report(self._report.id)

    @Slot()
    def _on_reopen_clicked(self) -> None:
        if self._report is not None:
            self.report_actions.reopen(self._report)

    @Slot()
    def _on_amend_clicked(self) -> None:
        if self._report is not None:
            self.report_actions.amend(self._report)

    @Slot(int)
    def _on_report_actions_amended(self, new_id: int) -> None:
        self.report_changed.emit(new_id)
        self.open_report(new_id)

    # ------------------------------------------------------------ preview and signing

    @Slot()
    def _on_preview_clicked(self) -> None:
        report = self._report
        if report is not None:
            self.when_saved(lambda: self.preview_requested.emit(report.id))  # made from what is stored

    @Slot()
    def _on_sign_clicked(self) -> None:
        if self._report is not None and self.can_sign:
            self.sign_requested.emit(self._report.id)

    @Slot()
    def _on_send_clicked(self) -> None:
        if self._report is not None and self._report.status is Status.SIGNED:
            self.send_requested.emit(self._report.id)

    @Slot(int)
    def _on_step_bar_step_clicked(self, step: int) -> None:
        if step in (Step.ENTER, Step.CHECK):
            self._on_check_action_triggered()
            self._focus_first_problem()
        elif step == Step.FINALISE:
            self.finalize()
        elif step == Step.SIGN:
            self._on_sign_clicked()
        elif step == Step.SEND:
            self._on_send_clicked()

    # ------------------------------------------------------------ navigation

    @Slot()
    def _on_back_clicked(self) -> None:
        self.autosaver.flush()
        self.back_requested.emit()

    @Slot(QListWidgetItem)
    def _on_section_activated(self, item: QListWidgetItem) -> None:
        self.section_stack.focus_first_field(self.section_list.section_at(item))

    @Slot()
    def _update_undo_buttons(self) -> None:
        self.header.set_undo_state(self.undo_stack.canUndo(), self.undo_stack.canRedo())
