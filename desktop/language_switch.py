"""Changing the language without a restart: what the official was doing, carried from the
window built in the old language to the one built in the new.

The composition root rebuilds the window (as after restoring a backup) rather than every
widget retranslating itself: each page, table model, menu, tooltip and the open form's
labels then come from the very code that built them in the first place, so none can be
forgotten, and pages built later (the preview, the overview) need nothing of their own.
``OpenWork`` is what must survive: the page, the window's place on the screen, the open report
and its part, and what was typed there and is not stored (a value that does not parse is
never saved; the rest is flushed to the database before the old window goes).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QCoreApplication, Qt

from desktop.field_edit_command import UndoHistory

if TYPE_CHECKING:
    from desktop.mainwindow import MainWindow
    from desktop.reviewer.window import ReviewerWindow
    from desktop.tasks import TaskRunner


@dataclass
class OpenWork:
    nav_row: int
    geometry: QByteArray
    maximized: bool
    report_id: int | None = None  # the report open in the editor (or its preview)
    in_preview: bool = False
    section_row: int = 0
    typed: dict[str, Any] = field(default_factory=dict)  # field id → what its input holds
    history: UndoHistory = field(default_factory=UndoHistory)  # the editor's undo steps


def open_work(window: MainWindow | ReviewerWindow) -> OpenWork:
    """What the window shows now; pending edits are sent to the database first."""
    from desktop.mainwindow import MainWindow

    work = OpenWork(
        nav_row=window.nav.currentRow(),
        geometry=window.saveGeometry(),
        maximized=bool(window.windowState() & Qt.WindowState.WindowMaximized),
    )
    if not isinstance(window, MainWindow):
        return work
    editor = window.editor
    editor.flush()
    shown = window.reports_area.currentWidget()
    if editor.report is not None and shown is not window.report_list:
        work.report_id = editor.report.id
        work.in_preview = shown is not editor
        work.section_row = editor.section_list.currentRow()
        if not editor.read_only:
            inputs = editor.section_stack.inputs
            work.typed = {fid: fi.raw() for fid, fi in inputs.items() if not fi.field.computed}
            work.history = UndoHistory.of(editor.undo_stack)
    return work


def resume(window: MainWindow | ReviewerWindow, work: OpenWork, runner: TaskRunner) -> None:
    """Show ``work`` again in the new window: same place, page, report, part and typing."""
    from desktop.mainwindow import MainWindow

    window.restoreGeometry(work.geometry)
    if work.maximized:
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
    if work.nav_row >= 0:
        window.nav.setCurrentRow(work.nav_row)
    if not isinstance(window, MainWindow) or work.report_id is None:
        return
    report_id = work.report_id
    window.open_report(report_id)
    if work.nav_row >= 0:
        window.nav.setCurrentRow(work.nav_row)  # open_report shows the reports page

    def retype(_: object) -> None:
        # After the report is shown (the database worker answers in order): what the stored
        # report does not hold — a value that does not parse — is typed in again, with its
        # message, as if the official had just typed it.
        editor = window.editor
        if editor.report is None or editor.report.id != report_id:
            return
        editor.section_list.setCurrentRow(max(0, min(work.section_row, editor.section_list.count() - 1)))
        if work.in_preview:  # now that the editor knows whether "Ký số" is offered
            window.show_preview(report_id)
            if work.nav_row >= 0:
                window.nav.setCurrentRow(work.nav_row)
        if editor.read_only:
            return
        for fid, raw in work.typed.items():
            fi = editor.section_stack.inputs.get(fid)
            if fi is not None and fi.raw() != raw:
                editor.set_field_text(fid, raw)
        # Retyping pushed steps of its own: the old window's history replaces them, so Ctrl+Z
        # goes on undoing what the official did before the language changed.
        inputs = editor.section_stack.inputs

        def text(fid: str) -> str:  # the step's name in the new language, as the editor names it
            label = inputs[fid].field.label if fid in inputs else fid
            return QCoreApplication.translate("ReportEditor", "edit “%1”").replace("%1", label)

        work.history.restore(editor.undo_stack, editor.apply_raw, text)

    runner.run(_after_the_editor_loaded, on_success=retype, context=window)


def _after_the_editor_loaded(_ws: object) -> None:
    """On the worker, after the editor's own load job: nothing to do but to come after it."""
