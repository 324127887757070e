"""What an official does to a report beyond typing: finalise, reopen for editing, make an
amended revision, confirm a warning, take a suggested paragraph. Each asks the official,
runs the change on the database worker, and says how it went; the editor (and its step
bar) call these, and the results come back as signals carrying the report's new state."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from desktop import editor_jobs
from desktop.prompter import Prompter
from desktop.tasks import TaskRunner
from forms.definition import FormDefinition
from forms.problems import Problem, blocking
from forms.suggest import suggest_text
from reports.errors import CchcError
from reports.storage.lifecycle import AMENDABLE, Status
from reports.storage.store import Report


class ReportActions(QObject):
    changed = Signal(object)  # EditorState: finalised or reopened
    amended = Signal(int)  # the new revision's id
    failed = Signal(object)  # CchcError: the editor shows the report as stored
    acknowledged = Signal(object)  # Report, with the warning's note

    def __init__(self, runner: TaskRunner, prompter: Prompter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._prompter = prompter

    def finalize(
        self, report: Report, problems: list[Problem], when_saved: Callable[[Callable[[], None]], None]
    ) -> bool:
        """Finalise unless something stops it; False when a problem must be fixed first (the
        caller then takes the official to it)."""
        if report.status is not Status.DRAFT:
            return True
        errors, warnings = blocking(problems)
        if errors:
            self._prompter.error(
                self.tr(
                    "The report cannot be finalised yet. Fix these problems first (they are listed in the "
                    "Check panel):"
                )
                + "\n\n"
                + "\n".join(f"• {p.text}" for p in errors),
                self.tr("Not finished yet"),
            )
            return False
        if warnings:
            self._prompter.warning(
                self.tr("Warnings to check"),
                self.tr(
                    "Check these warnings. If the figures are right, select each warning in the Check panel "
                    "and press “Confirm warning…” with a note:"
                )
                + "\n\n"
                + "\n".join(f"• {p.text}" for p in warnings),
            )
            return False
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
            return True
        report_id = report.id

        def run() -> None:
            self._runner.run(
                editor_jobs.finalize,
                report_id,
                on_success=self.changed.emit,
                on_failure=self._on_failed,
                context=self,
            )

        when_saved(run)
        return True

    def offer_to_sign(self, number: str) -> bool:
        """Finalised: sign now? (The next step is offered where the official is.)"""
        return self._prompter.ask_yes_no(
            self.tr("The report is finalised"),
            self.tr("The report is finalised with number %1. Sign it digitally now?").replace("%1", number),
            default=True,
            yes_text=self.tr("Sign now"),
            no_text=self.tr("Later"),
        )

    def reopen(self, report: Report) -> None:
        if report.status is not Status.FINAL:
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
            editor_jobs.reopen, report.id, on_success=self.changed.emit, on_failure=self._on_failed, context=self
        )

    def amend(self, report: Report) -> None:
        if report.status not in AMENDABLE:
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
            editor_jobs.amend, report.id, on_success=self.amended.emit, on_failure=self._prompter.error, context=self
        )

    def acknowledge(self, report: Report, problem: Problem) -> None:
        """Confirm a warning with the official's note on why the figures are right."""
        if problem.rule_id is None:
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
        self._runner.run(
            editor_jobs.acknowledge,
            report.id,
            problem.rule_id,
            note.strip(),
            on_success=self.acknowledged.emit,
            on_failure=self._prompter.error,
            context=self,
        )

    def suggested_text(
        self, definition: FormDefinition, field_id: str, values: dict[str, Any], current: str
    ) -> str | None:
        """The draft paragraph for a narrative field, or None when there is nothing to put
        in (no figures yet, the same text, or the official keeps their own)."""
        text = suggest_text(definition, field_id, values)
        if not text:
            self._prompter.info(
                self.tr("Suggest text"),
                self.tr(
                    "There are not enough figures yet. Enter the figures of this part first: the draft is "
                    "written from them."
                ),
            )
            return None
        if current.strip() == text.strip():
            return None
        if current.strip() and not self._prompter.ask_yes_no(
            self.tr("Suggest text"),
            self.tr(
                "The box already has text. Replace it with the suggested draft?\n(You can undo this with Ctrl+Z.)"
            ),
            yes_text=self.tr("Replace"),
            no_text=self.tr("Keep my text"),
        ):
            return None
        return text

    @Slot(object)
    def _on_failed(self, exc: CchcError) -> None:
        self._prompter.error(exc)
        self.failed.emit(exc)
