"""Biểu mẫu: the form definitions the reviewing office holds and where each came from; install a
province form or calendar file, and publish it to every commune with the next feedback."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.appearance import set_font_scale
from desktop.prompter import Prompter
from desktop.reviewer import jobs
from desktop.tasks import TaskRunner
from reports.exchange.issued_files import HeldForm, IssuedState


class FormsPage(QWidget):
    issued_changed = Signal()

    def __init__(self, runner: TaskRunner, prompter: Prompter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._prompter = prompter
        self.state: IssuedState | None = None
        heading = QLabel(self.tr("Forms and calendar"))
        set_font_scale(heading, 1.4, bold=True)
        explain = QLabel(
            self.tr(
                "Communes use only the forms built into the program and those this office publishes. A form or "
                "calendar you publish goes to every commune with its next feedback package; a report made on a "
                "form this office did not issue is refused."
            )
        )
        explain.setWordWrap(True)
        self.install_button = QPushButton(self.tr("&Install a form file…"))
        self.publish_button = QPushButton(self.tr("&Publish to communes"))
        self.calendar_button = QPushButton(self.tr("Install a &calendar file…"))
        self.publish_calendar_button = QPushButton(self.tr("Publish the c&alendar"))
        buttons = QHBoxLayout()
        for b in (self.install_button, self.publish_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        for b in (self.calendar_button, self.publish_calendar_button):
            buttons.addWidget(b)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Form"), self.tr("Version"), self.tr("Title"), self.tr("Origin"), self.tr("Published")]
        )
        self.table.setAccessibleName(self.tr("Form definitions"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.calendar_label = QLabel()
        self.calendar_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(explain)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.calendar_label)
        self.install_button.clicked.connect(self._on_install_clicked)
        self.publish_button.clicked.connect(self._on_publish_clicked)
        self.calendar_button.clicked.connect(self._on_calendar_clicked)
        self.publish_calendar_button.clicked.connect(self._on_publish_calendar_clicked)
        self.table.itemSelectionChanged.connect(self._on_selection_changed)

    def refresh(self) -> None:
        self._runner.run(jobs.issued_state, on_success=self.show_state, context=self)

    def _origin_text(self, origin: str) -> str:
        return {
            "builtin": self.tr("built in"),
            "province": self.tr("issued by this office"),
            "reviewer": self.tr("received from the reviewing office"),
            "commune": self.tr("sent by a commune before version 1.1 (not accepted for new reports)"),
        }.get(origin, origin)

    def show_state(self, state: IssuedState) -> None:
        self.state = state
        self.table.setRowCount(len(state.forms))
        for row, f in enumerate(state.forms):
            published = f.published_at[:10] if f.published_at else ""
            for col, text in enumerate((f.form_id, str(f.version), f.title, self._origin_text(f.origin), published)):
                self.table.setItem(row, col, QTableWidgetItem(text))
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(3)
        years = ", ".join(str(y) for y in state.calendar_years) or "—"
        text = self.tr("Working-day calendar: official arrangements for %1 (%2).").replace("%1", years).replace(
            "%2", self._origin_text(state.calendar_origin) if state.calendar_origin != "shipped"
            else self.tr("shipped with the program"))
        if state.calendar_published:
            text += " " + self.tr("It is published to the communes.")
        self.calendar_label.setText(text)
        self._on_selection_changed()

    def selected(self) -> HeldForm | None:
        row = self.table.currentRow()
        if self.state is None or not 0 <= row < len(self.state.forms):
            return None
        return self.state.forms[row]

    @Slot()
    def _on_selection_changed(self) -> None:
        f = self.selected()
        self.publish_button.setEnabled(f is not None and f.origin in ("builtin", "province") and not f.published_at)

    def _on_changed(self, _result: Any) -> None:
        self.refresh()
        self.issued_changed.emit()

    def _run(self, fn: Any, *args: Any) -> None:
        self._runner.run(fn, *args, on_success=self._on_changed, on_failure=self._prompter.error, context=self)

    @Slot()
    def _on_install_clicked(self) -> None:
        path = self._prompter.open_file(self.tr("A form definition file"), self.tr("Form definitions (*.toml)"))
        if path is not None:
            self._run(jobs.install_form_file, Path(path))

    @Slot()
    def _on_publish_clicked(self) -> None:
        f = self.selected()
        if f is None:
            return
        text = self.tr("Send %1 (version %2) to every commune with the next feedback package?").replace(
            "%1", f.title).replace("%2", str(f.version))
        if self._prompter.ask_yes_no(self.tr("Publish the form?"), text, yes_text=self.tr("Publish"),
                                     no_text=self.tr("Not now")):
            self._run(jobs.publish_form, f.form_id, f.version)

    @Slot()
    def _on_calendar_clicked(self) -> None:
        path = self._prompter.open_file(self.tr("A working-day calendar file"), self.tr("Calendars (*.toml)"))
        if path is not None:
            self._run(jobs.install_calendar_file, Path(path))

    @Slot()
    def _on_publish_calendar_clicked(self) -> None:
        self._run(jobs.publish_calendar)
