"""Autosave: every valid edit reaches the database within about a second.

Edits are collected for a short pause in typing (``debounce_ms``), but never held longer than
``max_delay_ms`` after the first unsaved one, so continuous typing is still saved every
second; pulling the plug loses at most the last second. Saves run on the database worker one
at a time; edits made while one is in flight go out right after it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from desktop import editor_jobs
from desktop.tasks import TaskRunner
from reports.errors import CchcError
from reports.storage.store import Report

log = logging.getLogger(__name__)

RETRY_MS = 5000


class Autosaver(QObject):
    saved = Signal(object)  # the Report as stored
    save_failed = Signal(object)  # the CchcError
    state_changed = Signal()  # pending / saving changed

    def __init__(
        self,
        runner: TaskRunner,
        *,
        debounce_ms: int = 400,
        max_delay_ms: int = 1000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._debounce_ms = debounce_ms
        self._max_delay_ms = max_delay_ms
        self._report_id: int | None = None
        self._pending: dict[str, Any] = {}
        self._in_flight: dict[str, Any] | None = None
        self._in_flight_report: int | None = None
        self._first_pending_at: float | None = None
        self._after_save: list[Callable[[], None]] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)
        self.state_changed.connect(self._run_waiting)

    # ------------------------------------------------------------ state

    def set_report(self, report_id: int | None) -> None:
        """Switch to another report; the previous one's unsaved edits are sent to it first."""
        if self._report_id is not None and self._report_id != report_id and self._pending:
            self._timer.stop()
            changes, self._pending = self._pending, {}
            self._first_pending_at = None
            # Queued behind any save in flight (the worker is serial), addressed to the old report.
            self._runner.run(
                editor_jobs.save_values,
                self._report_id,
                changes,
                on_success=self.saved.emit,
                on_failure=self.save_failed.emit,
                context=self,
            )
        self._report_id = report_id

    @property
    def pending(self) -> dict[str, Any]:
        return dict(self._pending)

    @property
    def saving(self) -> bool:
        return self._in_flight is not None

    @property
    def has_unsaved(self) -> bool:
        return bool(self._pending) or self._in_flight is not None

    # ------------------------------------------------------------ edits

    def change(self, field_id: str, value: Any) -> None:
        self._pending[field_id] = value
        now = time.monotonic()
        if self._first_pending_at is None:
            self._first_pending_at = now
        waited_ms = (now - self._first_pending_at) * 1000
        self._timer.start(max(0, int(min(self._debounce_ms, self._max_delay_ms - waited_ms))))
        self.state_changed.emit()

    def discard(self, field_id: str) -> None:
        """Forget an unsaved change (the field now holds a value that does not parse)."""
        self._pending.pop(field_id, None)
        if not self._pending:
            self._timer.stop()
            self._first_pending_at = None
        self.state_changed.emit()

    def flush(self) -> None:
        """Send what is pending now, without waiting for the pause in typing."""
        self._timer.stop()
        self._send()

    def when_saved(self, fn: Callable[[], None]) -> None:
        """Run ``fn`` once every edit is stored. ``flush`` cannot send while a save is on its
        way, so work that reads the stored report (finalising, the preview) waits for it, or
        the worker would see the figures as they were before the last edit."""
        self.flush()
        if self.has_unsaved:
            self._after_save.append(fn)
        else:
            fn()

    @Slot()
    def _run_waiting(self) -> None:
        if self._after_save and not self.has_unsaved:
            waiting, self._after_save = self._after_save, []
            for fn in waiting:
                fn()

    # ------------------------------------------------------------ saving

    @Slot()
    def _on_timer_timeout(self) -> None:
        self._send()

    def _send(self) -> None:
        if not self._pending or self._in_flight is not None or self._report_id is None:
            return
        self._in_flight, self._pending = self._pending, {}
        self._in_flight_report = self._report_id
        self._first_pending_at = None
        log.debug("saving %s to report %s", sorted(self._in_flight), self._report_id)
        self._runner.run(
            editor_jobs.save_values,
            self._report_id,
            dict(self._in_flight),
            on_success=self._on_saved,
            on_failure=self._on_save_failed,
            context=self,
        )
        self.state_changed.emit()

    @Slot(object)
    def _on_saved(self, report: Report) -> None:
        self._in_flight = None
        self.saved.emit(report)
        self.state_changed.emit()
        if self._pending:
            self._send()

    @Slot(object)
    def _on_save_failed(self, exc: CchcError) -> None:
        failed, self._in_flight = self._in_flight or {}, None
        if exc.code.startswith("db.") and self._in_flight_report == self._report_id:
            # The disk is full or the folder went read-only: keep the edits and try again.
            self._pending = {**failed, **self._pending}
            if self._first_pending_at is None:
                self._first_pending_at = time.monotonic()
            self._timer.start(RETRY_MS)
        self.save_failed.emit(exc)
        self.state_changed.emit()
