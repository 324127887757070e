"""The report editor: sections on the left, fields in the middle, the check panel on the right.

Every edit is checked at once with the form engine (on the UI thread: pure computation, well
under a millisecond), computed fields and rule messages follow live, and valid values go to
the autosaver, which stores them on the database worker. A value that does not parse shows
its message under the field and is not saved until it is fixed; the rest is saved. Undo and
redo cover every field through one ``QUndoStack``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import jobs
from desktop.appearance import icon, repolish, set_font_scale, status_colours
from desktop.autosave import Autosaver
from desktop.check_panel import CheckPanel, Problem
from desktop.field_inputs import FieldInput, NarrativeInput, TableInput, undo_keys_filter
from desktop.jobs import EditorState
from desktop.prompter import Prompter
from desktop.section_page import FieldMessage, SectionPage
from desktop.tasks import TaskRunner
from forms.definition import Field, FormDefinition, Importance
from forms.engine import Evaluation, Issue, ValueProblem, coerce, evaluate
from forms.numbers import format_date
from forms.suggest import suggest_text
from reports.clock import VIETNAM, parse_iso
from reports.errors import CchcError
from reports.storage.lifecycle import AMENDABLE, Status
from reports.storage.store import Report

log = logging.getLogger(__name__)


class FieldEditCommand(QUndoCommand):
    """One field's change from one raw value to another; consecutive edits of the same
    field merge into one step, as typing a number is one change to the official."""

    ID = 1

    def __init__(self, editor: ReportEditor, field_id: str, old: Any, new: Any, text: str) -> None:
        super().__init__(text)
        self.editor = editor
        self.field_id = field_id
        self.old = old
        self.new = new
        self._applied = True  # the widget already shows ``new`` when the command is pushed

    def id(self) -> int:
        return self.ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, FieldEditCommand) or other.field_id != self.field_id:
            return False
        self.new = other.new
        self.setObsolete(self.new == self.old)
        return True

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self.editor.apply_raw(self.field_id, self.new)

    def undo(self) -> None:
        self.editor.apply_raw(self.field_id, self.old)


class ReportEditor(QWidget):
    back_requested = Signal()
    preview_requested = Signal(int)  # a report id
    sign_requested = Signal(int)  # a report id
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
        self._fields: dict[str, Field] = {}
        self._order: dict[str, int] = {}
        self._values: dict[str, Any] = {}
        self._raw_now: dict[str, Any] = {}
        self._bad: dict[str, str] = {}
        self._evaluation: Evaluation | None = None
        self._inputs: dict[str, FieldInput] = {}
        self._pages: dict[str, SectionPage] = {}
        self._last_edited: str | None = None
        self._show_missing = False
        self._applying = False
        self._loading_id: int | None = None
        self._after_save: list[Callable[[], None]] = []

        self.undo_stack = QUndoStack(self)
        self.autosaver = Autosaver(runner, parent=self)
        self._undo_filter = undo_keys_filter(self, self.undo_stack.undo, self.undo_stack.redo)

        self._build()
        self._connect_signals()

    # ------------------------------------------------------------ construction

    def _build(self) -> None:
        self.back_button = QPushButton(self.tr("← &Reports"))
        self.back_button.setToolTip(self.tr("Back to the list of reports (Alt+Left)"))
        self.title_label = QLabel()
        self.title_label.setWordWrap(True)
        set_font_scale(self.title_label, 1.25, bold=True)
        self.status_label = QLabel()
        self.status_label.setContentsMargins(8, 2, 8, 2)
        self.deadline_label = QLabel()
        self.deadline_label.setProperty("role", "muted")
        self.saved_label = QLabel()
        self.saved_label.setObjectName("SavedLabel")
        self.undo_button = QPushButton(self.tr("Undo"))
        self.redo_button = QPushButton(self.tr("Redo"))
        self.check_button = QPushButton(self.tr("Chec&k (F7)"))
        self.check_button.setCheckable(True)
        self.check_button.setChecked(True)
        self.finalize_button = QPushButton(self.tr("&Finalise"))
        self.finalize_button.setProperty("primary", True)
        self.finalize_button.setToolTip(
            self.tr("Checks every rule and marks the report as finished, ready to sign.")
        )
        self.reopen_button = QPushButton(self.tr("Re&open for editing"))
        self.amend_button = QPushButton(self.tr("&Make an amended revision"))
        self.amend_button.setProperty("primary", True)
        self.preview_button = QPushButton(self.tr("Pre&view"))
        self.preview_button.setToolTip(self.tr("The report as it will be printed (PDF)."))
        self.sign_button = QPushButton(self.tr("Si&gn digitally…"))
        self.sign_button.setProperty("primary", True)
        self.sign_button.setToolTip(
            self.tr("Sign the finalised report with the chairman's digital signature.")
        )

        # Two rows: what the report is, then its state and what can be done with it. Button
        # texts are long in Vietnamese; the title gets a row of its own so it is never squeezed.
        title_row = QHBoxLayout()
        title_row.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignVCenter)
        title_row.addSpacing(8)
        title_row.addWidget(self.title_label, 1)
        title_row.addWidget(self.preview_button, 0, Qt.AlignmentFlag.AlignVCenter)
        action_row = QHBoxLayout()
        action_row.addWidget(self.status_label)
        action_row.addSpacing(8)
        action_row.addWidget(self.deadline_label)
        action_row.addSpacing(16)
        action_row.addWidget(self.saved_label)
        action_row.addStretch(1)
        for b in (
            self.undo_button,
            self.redo_button,
            self.check_button,
            self.reopen_button,
            self.amend_button,
            self.finalize_button,
            self.sign_button,
        ):
            action_row.addWidget(b)
        header = QVBoxLayout()
        header.setSpacing(6)
        header.addLayout(title_row)
        header.addLayout(action_row)

        self.banner = QFrame()
        self.banner_label = QLabel()
        self.banner_label.setWordWrap(True)
        self.banner_label.setTextFormat(Qt.TextFormat.PlainText)
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.setContentsMargins(12, 8, 12, 8)
        banner_layout.addWidget(self.banner_label, 1)
        self.banner.setVisible(False)

        self.section_list = QListWidget()
        self.section_list.setWordWrap(True)
        self.section_list.setAccessibleName(self.tr("Parts of the report"))
        self.section_list.setMinimumWidth(200)
        self.section_list.setSpacing(2)
        self.section_stack = QStackedWidget()
        self.check_panel = CheckPanel()
        self.check_panel.setMinimumWidth(220)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.section_list)
        self.splitter.addWidget(self.section_stack)
        self.splitter.addWidget(self.check_panel)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setSizes([230, 760, 270])
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 6)
        layout.addLayout(header)
        layout.addWidget(self.banner)
        layout.addWidget(self.splitter, 1)

        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("Undo"))
        self.undo_action.setShortcuts(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.check_action = QAction(self.tr("Check"), self)
        self.check_action.setShortcut(QKeySequence(Qt.Key.Key_F7))
        self.next_section_action = QAction(self.tr("Next part"), self)
        self.next_section_action.setShortcut(QKeySequence("Ctrl+PgDown"))
        self.previous_section_action = QAction(self.tr("Previous part"), self)
        self.previous_section_action.setShortcut(QKeySequence("Ctrl+PgUp"))
        self.back_action = QAction(self.tr("Back to the list"), self)
        self.back_action.setShortcut(QKeySequence("Alt+Left"))
        for a in (
            self.undo_action,
            self.redo_action,
            self.check_action,
            self.next_section_action,
            self.previous_section_action,
            self.back_action,
        ):
            a.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(a)
        self._update_undo_buttons()

    def _connect_signals(self) -> None:
        self.back_button.clicked.connect(self._on_back_clicked)
        self.back_action.triggered.connect(self._on_back_clicked)
        self.undo_button.clicked.connect(self.undo_stack.undo)
        self.redo_button.clicked.connect(self.undo_stack.redo)
        self.undo_stack.canUndoChanged.connect(self._update_undo_buttons)
        self.undo_stack.canRedoChanged.connect(self._update_undo_buttons)
        self.check_button.toggled.connect(self._on_check_button_toggled)
        self.check_action.triggered.connect(self._on_check_action_triggered)
        self.finalize_button.clicked.connect(self.finalize)
        self.reopen_button.clicked.connect(self._on_reopen_clicked)
        self.amend_button.clicked.connect(self._on_amend_clicked)
        self.preview_button.clicked.connect(self._on_preview_clicked)
        self.sign_button.clicked.connect(self._on_sign_clicked)
        self.section_list.currentRowChanged.connect(self.section_stack.setCurrentIndex)
        self.section_list.itemActivated.connect(self._on_section_activated)
        self.next_section_action.triggered.connect(self._on_next_section)
        self.previous_section_action.triggered.connect(self._on_previous_section)
        self.check_panel.problem_activated.connect(self._on_check_panel_problem_activated)
        self.check_panel.acknowledge_requested.connect(self._on_check_panel_acknowledge_requested)
        self.autosaver.saved.connect(self._on_autosaver_saved)
        self.autosaver.save_failed.connect(self._on_autosaver_save_failed)
        self.autosaver.state_changed.connect(self._update_saved_label)
        self.autosaver.state_changed.connect(self._on_autosaver_state_changed)

    # ------------------------------------------------------------ opening

    @property
    def report(self) -> Report | None:
        return self._report

    @property
    def definition(self) -> FormDefinition | None:
        return self._definition

    @property
    def evaluation(self) -> Evaluation | None:
        return self._evaluation

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
        self._runner.run(jobs.editor_state, report_id, on_success=self.show_state, context=self)

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
        self._fields = {f.id: f for f in state.definition.iter_fields()}
        self._order = {fid: i for i, fid in enumerate(self._fields)}
        self._values = dict(state.report.values)
        self._bad = {}
        self._last_edited = None
        self._show_missing = False
        self.undo_stack.clear()
        self._build_sections(state.definition)
        self._fill_inputs()
        self.section_list.setCurrentRow(max(0, min(keep_section, self.section_list.count() - 1)))
        self._update_header()
        self._apply_read_only()
        self._reevaluate()

    def _build_sections(self, definition: FormDefinition) -> None:
        while self.section_stack.count():
            page = self.section_stack.widget(0)
            self.section_stack.removeWidget(page)
            page.deleteLater()
        for fi in self._inputs.values():
            fi.deleteLater()
        self.section_list.clear()
        self._inputs = {}
        self._pages = {}
        for section in definition.sections:
            page = SectionPage(section, self._lang, self, self._undo_filter)
            self._pages[section.id] = page
            self.section_stack.addWidget(page)
            title = section.title_en if self._lang == "en" and section.title_en else section.title
            item = QListWidgetItem(f"{section.id}. {title}")
            item.setData(Qt.ItemDataRole.UserRole, section.id)
            self.section_list.addItem(item)
            for fid, fi in page.inputs.items():
                self._inputs[fid] = fi
                fi.edited.connect(self._on_field_edited)
                if isinstance(fi, NarrativeInput):
                    fi.suggest_requested.connect(self._on_suggest_requested)
        self._set_tab_order()

    def _set_tab_order(self) -> None:
        """Parts list → the fields of the shown part, top to bottom → the check panel.
        (The pages are built after the panel, so Qt's creation order would put them last;
        fields of hidden parts are skipped by Qt.)"""
        chain: list[QWidget] = [self.section_list]
        for fi in self._inputs.values():
            chain += [w for w in fi.tab_widgets() if w.focusPolicy() & Qt.FocusPolicy.TabFocus]
        chain += [self.check_panel.list, self.check_panel.go_button, self.check_panel.ack_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _fill_inputs(self) -> None:
        for fid, fi in self._inputs.items():
            if not fi.field.computed:
                fi.show_value(self._values.get(fid))
                self._raw_now[fid] = fi.raw()

    def _apply_read_only(self) -> None:
        ro = self.read_only
        for fi in self._inputs.values():
            fi.set_read_only(ro)
        self.check_panel.set_read_only(ro)
        report = self._report
        assert report is not None and self._state is not None
        self.finalize_button.setVisible(report.status is Status.DRAFT)
        self.reopen_button.setVisible(report.status is Status.FINAL and self._state.is_latest)
        self.sign_button.setVisible(self.can_sign)
        self.amend_button.setVisible(
            report.status in AMENDABLE and report.status is not Status.FINAL and self._state.is_latest
        )
        self.undo_button.setVisible(not ro)
        self.redo_button.setVisible(not ro)
        self._update_banner()

    def _update_header(self) -> None:
        report, state = self._report, self._state
        assert report is not None and state is not None
        period = report.period.label(self._lang)
        title = (
            self.tr("%1: %2")
            .replace("%1", period[:1].upper() + period[1:])
            .replace("%2", state.definition.title)
        )
        if report.revision > 1:
            title += " " + self.tr("(revision %1)").replace("%1", str(report.revision))
        self.title_label.setText(title)
        label = report.status.label_en if self._lang == "en" else report.status.label_vi
        bg, fg = status_colours(report.status)
        self.status_label.setText(label)
        self.status_label.setStyleSheet(
            f"background: {bg.name()}; color: {fg.name()}; border-radius: 4px; font-weight: bold; padding: 2px 8px;"
        )
        deadline = self.tr("Deadline: %1").replace("%1", format_date(state.deadline))
        if state.late and report.status in (Status.DRAFT, Status.FINAL, Status.SIGNED):
            deadline += " " + self.tr("(overdue)")
        self.deadline_label.setText(deadline)
        self._update_saved_label()

    def _update_banner(self) -> None:
        report = self._report
        assert report is not None
        text, kind = "", ""
        if report.status is Status.RETURNED:
            text = self.tr(
                "The reviewing office returned this report. Their comment:\n%1\n\nPress “Make an amended "
                "revision” to correct it and send it again."
            ).replace("%1", report.decision_comment or "—")
            kind = "returned"
        elif report.status is Status.DRAFT and report.decision_comment:
            text = self.tr(
                "The reviewing office returned the previous revision with this comment:\n%1"
            ).replace("%1", report.decision_comment)
            kind = "returned"
        elif report.status is Status.FINAL:
            text = self.tr(
                "This report is finalised and can no longer be edited. To change it before it is "
                "signed, press “Reopen for editing”."
            )
            kind = "readonly"
        elif report.status in (Status.SIGNED, Status.SENT, Status.ACCEPTED):
            text = self.tr(
                "This report is “%1” and can no longer be edited. To change it, make an amended "
                "revision; this one is kept as it is."
            ).replace("%1", report.status.label_en if self._lang == "en" else report.status.label_vi)
            kind = "readonly"
        if self._state is not None and not self._state.is_latest:
            text = self.tr("A newer revision of this report exists; this one is kept for the record.")
            kind = "readonly"
        self.banner.setVisible(bool(text))
        self.banner_label.setText(text)
        if self.banner.property("banner") != kind:
            self.banner.setProperty("banner", kind)
            repolish(self.banner)

    # ------------------------------------------------------------ editing

    @Slot(str, object)
    def _on_field_edited(self, field_id: str, raw: Any) -> None:
        if self._applying or self.read_only:
            return
        old = self._raw_now.get(field_id)
        self._raw_now[field_id] = raw
        field = self._fields[field_id]
        self.undo_stack.push(
            FieldEditCommand(self, field_id, old, raw, self.tr("edit “%1”").replace("%1", field.label))
        )
        self._process(field_id, raw)

    def apply_raw(self, field_id: str, raw: Any) -> None:
        """Put ``raw`` back into a field (undo / redo) and treat it as an edit."""
        fi = self._inputs.get(field_id)
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
        fi = self._inputs[field_id]
        self._applying = True
        try:
            fi.set_raw(raw)
        finally:
            self._applying = False
        self._on_field_edited(field_id, raw)

    def _process(self, field_id: str, raw: Any) -> None:
        field = self._fields[field_id]
        self._last_edited = field_id
        try:
            value = coerce(field, raw)
        except ValueProblem as problem:
            self._bad[field_id] = problem.message(self._lang)
            self.autosaver.discard(field_id)
        else:
            self._bad.pop(field_id, None)
            if value is None:
                self._values.pop(field_id, None)
            else:
                self._values[field_id] = value
            if isinstance(self._inputs.get(field_id), TableInput):
                self._inputs[field_id].show_totals(value)  # type: ignore[attr-defined]
            self.autosaver.change(field_id, value)
        self._reevaluate()

    # ------------------------------------------------------------ checking

    def _reevaluate(self) -> None:
        definition = self._definition
        if definition is None:
            return
        ev = evaluate(definition, self._values)
        self._evaluation = ev
        for fid, fi in self._inputs.items():
            if fi.field.computed:
                fi.show_value(ev.values.get(fid))
        acks = self._report.acks if self._report is not None else {}
        problems = self._problems(ev, acks)
        self._show_field_messages(ev, acks)
        self._show_section_states(problems)
        order = {s.id: i for i, s in enumerate(definition.sections)}
        self.check_panel.set_problems(problems, order)
        self._update_saved_label()

    def _problems(self, ev: Evaluation, acks: dict[str, str]) -> list[Problem]:
        assert self._definition is not None
        out = []
        for fid, message in self._bad.items():
            out.append(Problem("error", message, self._definition.section_of(fid).id, fid, f"value:{fid}"))
        for issue in ev.issues:
            target = self._first_field(issue)
            if issue.rule_id.startswith("value:") and issue.fields and issue.fields[0] in self._bad:
                continue
            if issue.rule_id.startswith("required:"):
                level = "missing"
            elif issue.importance is Importance.ERROR:
                level = "error"
            elif issue.rule_id in acks:
                level = "acknowledged"
            else:
                level = "warning"
            out.append(
                Problem(
                    level,
                    issue.text(self._lang),
                    issue.section_id,
                    target,
                    issue.rule_id,
                    acks.get(issue.rule_id, ""),
                )
            )
        return out

    def _first_field(self, issue: Issue) -> str | None:
        fields = [f.split(".")[0] for f in issue.fields if f.split(".")[0] in self._fields]
        if self._last_edited in fields:
            return self._last_edited
        return min(fields, key=lambda f: self._order[f]) if fields else None

    def _anchor(self, issue: Issue) -> str | None:
        """The field under which an issue's message is shown: the one being edited when it
        is concerned, else the last concerned field (below a block of figures)."""
        fields = [f.split(".")[0] for f in issue.fields if f.split(".")[0] in self._fields]
        if not fields:
            return None
        if self._last_edited in fields:
            return self._last_edited
        return max(fields, key=lambda f: self._order[f])

    def _show_field_messages(self, ev: Evaluation, acks: dict[str, str]) -> None:
        messages: dict[str, list[FieldMessage]] = {fid: [] for fid in self._inputs}
        states: dict[str, str] = dict.fromkeys(self._inputs, "")
        for fid, message in self._bad.items():
            messages[fid].append(FieldMessage("error", message))
            states[fid] = "error"
        for issue in ev.issues:
            if issue.rule_id.startswith("value:") and issue.fields and issue.fields[0] in self._bad:
                continue
            required = issue.rule_id.startswith("required:")
            if required and not self._show_missing:
                continue
            acked = issue.rule_id in acks
            if issue.importance is Importance.ERROR:
                level = "error"
            else:
                level = "acknowledged" if acked else "warning"
            anchor = self._anchor(issue)
            if anchor is not None:
                text = issue.text(self._lang)
                if acked:
                    text = self.tr("Warning confirmed: %1").replace("%1", acks[issue.rule_id])
                messages[anchor].append(FieldMessage(level, text))
            if level in ("error", "warning"):
                for f in issue.fields:
                    fid = f.split(".")[0]
                    if fid in states and states[fid] != "error":
                        states[fid] = level
        for fid, page_row in self._rows():
            page_row.set_messages(messages.get(fid, []))
            self._inputs[fid].set_state(states.get(fid, ""))

    def _rows(self) -> list[tuple[str, Any]]:
        return [(fid, row) for page in self._pages.values() for fid, row in page.rows.items()]

    def _show_section_states(self, problems: list[Problem]) -> None:
        by_section: dict[str, set[str]] = {}
        for p in problems:
            by_section.setdefault(p.section_id, set()).add(p.level)
        for i in range(self.section_list.count()):
            item = self.section_list.item(i)
            sid = item.data(Qt.ItemDataRole.UserRole)
            levels = by_section.get(sid, set())
            if "error" in levels:
                name, tip = "state-error", self.tr("Has errors to fix")
            elif "warning" in levels:
                name, tip = "state-warning", self.tr("Has warnings to check")
            elif "missing" in levels:
                name, tip = "state-empty", self.tr("Not finished: required fields are empty")
            else:
                name, tip = "state-ok", self.tr("Complete")
            item.setIcon(icon(name))
            item.setToolTip(tip)
            item.setData(Qt.ItemDataRole.UserRole + 1, name.removeprefix("state-"))

    def section_state(self, section_id: str) -> str:
        """ "ok", "error", "warning" or "empty" as the section list shows it."""
        for i in range(self.section_list.count()):
            item = self.section_list.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == section_id:
                return str(item.data(Qt.ItemDataRole.UserRole + 1))
        raise KeyError(section_id)

    def field_message(self, field_id: str) -> str:
        """The message shown under a field ("" when none)."""
        for page in self._pages.values():
            if field_id in page.rows:
                return page.rows[field_id].message_text()
        raise KeyError(field_id)

    def field_input(self, field_id: str) -> FieldInput:
        return self._inputs[field_id]

    def reveal_field(self, field_id: str, *, focus: bool = False) -> None:
        if self._definition is None or field_id not in self._fields:
            return
        section = self._definition.section_of(field_id)
        index = [s.id for s in self._definition.sections].index(section.id)
        self.section_list.setCurrentRow(index)
        page = self._pages[section.id]
        page.reveal(field_id)
        if focus:
            self._inputs[field_id].focus_widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_all_problems(self) -> None:
        """What "Kiểm tra" does: every problem, including required fields left empty."""
        self._show_missing = True
        self.check_button.setChecked(True)
        self._reevaluate()

    @Slot(bool)
    def _on_check_button_toggled(self, checked: bool) -> None:
        self.check_panel.setVisible(checked)
        if checked:
            self._show_missing = True
            self._reevaluate()

    @Slot()
    def _on_check_action_triggered(self) -> None:
        self.show_all_problems()
        self.check_panel.list.setFocus()
        if self.check_panel.list.count() and self.check_panel.list.currentRow() < 0:
            self.check_panel.list.setCurrentRow(0)

    @Slot(object)
    def _on_check_panel_problem_activated(self, problem: Problem) -> None:
        if problem.field_id is not None:
            self.reveal_field(problem.field_id, focus=True)

    @Slot(object)
    def _on_check_panel_acknowledge_requested(self, problem: Problem) -> None:
        report = self._report
        if report is None or problem.rule_id is None or self.read_only:
            return
        note = self._prompter.ask_text(
            self.tr("Confirm the warning"),
            self.tr("%1\n\nIf the figures are right, write why (this note goes with the report):").replace(
                "%1", problem.text
            ),
            multiline=True,
        )
        if note is None:
            return
        if not note.strip():
            self._prompter.warning(
                self.tr("Confirm the warning"), self.tr("Write a short note on why the figures are right.")
            )
            return
        self.autosaver.flush()
        self._runner.run(
            jobs.acknowledge,
            report.id,
            problem.rule_id,
            note.strip(),
            on_success=self._on_acknowledged,
            on_failure=self._prompter.error,
            context=self,
        )

    @Slot(object)
    def _on_acknowledged(self, report: Report) -> None:
        self._merge_saved(report)
        self._reevaluate()
        self.report_changed.emit(report.id)

    # ------------------------------------------------------------ suggest text

    @Slot(str)
    def _on_suggest_requested(self, field_id: str) -> None:
        if self._definition is None or self._evaluation is None or self.read_only:
            return
        text = suggest_text(self._definition, field_id, self._evaluation.values)
        if not text:
            self._prompter.info(
                self.tr("Suggest text"),
                self.tr(
                    "There are not enough figures yet. Enter the figures of this part first: the draft is "
                    "written from them."
                ),
            )
            return
        current = str(self._raw_now.get(field_id) or "")
        if current.strip() == text.strip():
            return
        if current.strip() and not self._prompter.ask_yes_no(
            self.tr("Suggest text"),
            self.tr(
                "The box already has text. Replace it with the suggested draft?\n(You can undo this with Ctrl+Z.)"
            ),
            yes_text=self.tr("Replace"),
            no_text=self.tr("Keep my text"),
        ):
            return
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
        report = self._report
        if report is None:
            self.saved_label.setText("")
            return
        if self.read_only:
            text = ""
        elif self._bad:
            names = ", ".join(f"«{self._fields[f].label}»" for f in self._bad)
            text = self.tr("Not saved until corrected: %1").replace("%1", names)
        elif self.autosaver.has_unsaved:
            text = self.tr("Saving…")
        else:
            saved = parse_iso(report.updated_at).astimezone(VIETNAM)
            today = dt.datetime.now(VIETNAM).date()
            if saved.date() == today:
                text = self.tr("Saved at %1").replace("%1", saved.strftime("%H:%M"))
            else:
                text = (
                    self.tr("Saved at %1 on %2")
                    .replace("%1", saved.strftime("%H:%M"))
                    .replace("%2", format_date(saved.date()))
                )
        self.saved_label.setText(text)
        role = "error" if self._bad else ""
        if self.saved_label.property("role") != role:
            self.saved_label.setProperty("role", role)
            repolish(self.saved_label)

    def save_now(self) -> str:
        """Ctrl+S: everything is saved as it is typed; send what is pending and say so."""
        self.autosaver.flush()
        if self.read_only:
            return self.tr("Nothing to save: this report can no longer be edited.")
        if self._bad:
            return self.tr("Everything is saved except the fields that are not correct yet: %1").replace(
                "%1", ", ".join(f"«{self._fields[f].label}»" for f in self._bad)
            )
        return self.tr("Everything you type is saved automatically; there is no need to press Ctrl+S.")

    def flush(self) -> None:
        self.autosaver.flush()

    def when_saved(self, fn: Callable[[], None]) -> None:
        """Run ``fn`` once every edit is stored. ``flush`` cannot send while a save is on its
        way, so work that reads the stored report (finalising, the preview) waits for it, or
        the worker would see the figures as they were before the last edit."""
        self.autosaver.flush()
        if self.autosaver.has_unsaved:
            self._after_save.append(fn)
        else:
            fn()

    @Slot()
    def _on_autosaver_state_changed(self) -> None:
        if self._after_save and not self.autosaver.has_unsaved:
            waiting, self._after_save = self._after_save, []
            for fn in waiting:
                fn()

    # ------------------------------------------------------------ lifecycle

    @Slot()
    def finalize(self) -> None:
        report, definition = self._report, self._definition
        if report is None or definition is None or report.status is not Status.DRAFT:
            return
        self.autosaver.flush()
        self.show_all_problems()
        ev = self._evaluation
        assert ev is not None
        errors = [self._bad[f] for f in self._bad] + [
            i.text(self._lang)
            for i in ev.errors
            if not (i.rule_id.startswith("value:") and i.fields[0] in self._bad)
        ]
        if errors:
            self._prompter.error(
                self.tr(
                    "The report cannot be finalised yet. Fix these problems first (they are listed in the "
                    "Check panel):"
                )
                + "\n\n"
                + "\n".join(f"• {e}" for e in errors),
                self.tr("Not finished yet"),
            )
            self._focus_first_problem()
            return
        open_warnings = [w for w in ev.warnings if w.rule_id not in report.acks]
        if open_warnings:
            self._prompter.warning(
                self.tr("Warnings to check"),
                self.tr(
                    "Check these warnings. If the figures are right, select each warning in the Check panel "
                    "and press “Confirm warning…” with a note:"
                )
                + "\n\n"
                + "\n".join(f"• {w.text(self._lang)}" for w in open_warnings),
            )
            self._focus_first_problem()
            return
        if not self._prompter.ask_yes_no(
            self.tr("Finalise the report"),
            self.tr(
                "Finalise this report? It gets its document number and can then be signed. You can reopen it "
                "for editing until it is signed."
            ),
            default=True,
            yes_text=self.tr("Finalise"),
            no_text=self.tr("Not yet"),
        ):
            return
        self.when_saved(
            lambda: self._runner.run(
                jobs.finalize,
                report.id,
                on_success=self._on_finalized,
                on_failure=self._on_lifecycle_failed,
                context=self,
            )
        )

    def _focus_first_problem(self) -> None:
        problems = self.check_panel.problems()
        if problems:
            self.check_panel.select(problems[0])
            if problems[0].field_id:
                self.reveal_field(problems[0].field_id, focus=True)

    @Slot(object)
    def _on_finalized(self, state: EditorState) -> None:
        self.show_state(state)
        self.report_changed.emit(state.report.id)
        r = state.report
        number = f"{r.doc_number:02d}/{r.doc_year}" if r.doc_number is not None else ""
        self.status_message.emit(self.tr("The report is finalised (number %1).").replace("%1", number))

    @Slot(object)
    def _on_lifecycle_failed(self, exc: CchcError) -> None:
        self._prompter.error(exc)
        if self._report is not None:
            self.open_report(self._report.id)

    @Slot()
    def _on_reopen_clicked(self) -> None:
        report = self._report
        if report is None or report.status is not Status.FINAL:
            return
        if not self._prompter.ask_yes_no(
            self.tr("Reopen for editing"),
            self.tr(
                "Reopen this report for editing? It keeps its number; finalise it again when you are done."
            ),
            yes_text=self.tr("Reopen"),
            no_text=self.tr("Cancel"),
        ):
            return
        self._runner.run(
            jobs.reopen,
            report.id,
            on_success=self._on_reopened,
            on_failure=self._on_lifecycle_failed,
            context=self,
        )

    @Slot(object)
    def _on_reopened(self, state: EditorState) -> None:
        self.show_state(state)
        self.report_changed.emit(state.report.id)

    @Slot()
    def _on_amend_clicked(self) -> None:
        report = self._report
        if report is None or report.status not in AMENDABLE:
            return
        if not self._prompter.ask_yes_no(
            self.tr("Make an amended revision"),
            self.tr(
                "Make a new revision of this report to correct it? The figures are copied into the new revision; "
                "this one stays as it is."
            ),
            default=True,
            yes_text=self.tr("Make the revision"),
            no_text=self.tr("Cancel"),
        ):
            return
        self._runner.run(
            jobs.amend, report.id, on_success=self._on_amended, on_failure=self._prompter.error, context=self
        )

    @Slot(object)
    def _on_amended(self, new_id: int) -> None:
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

    # ------------------------------------------------------------ navigation

    @Slot()
    def _on_back_clicked(self) -> None:
        self.autosaver.flush()
        self.back_requested.emit()

    @Slot(QListWidgetItem)
    def _on_section_activated(self, item: QListWidgetItem) -> None:
        """Enter on a part: start typing in its first field."""
        page = self._pages.get(item.data(Qt.ItemDataRole.UserRole))
        if page is None:
            return
        for fi in page.inputs.values():
            widget = fi.focus_widget
            if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isEnabled():
                widget.setFocus(Qt.FocusReason.TabFocusReason)
                page.reveal(fi.field.id)
                return

    @Slot()
    def _on_next_section(self) -> None:
        self.section_list.setCurrentRow(
            min(self.section_list.currentRow() + 1, self.section_list.count() - 1)
        )

    @Slot()
    def _on_previous_section(self) -> None:
        self.section_list.setCurrentRow(max(self.section_list.currentRow() - 1, 0))

    @Slot()
    def _update_undo_buttons(self) -> None:
        self.undo_button.setEnabled(self.undo_stack.canUndo())
        self.redo_button.setEnabled(self.undo_stack.canRedo())
