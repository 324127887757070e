"""What runs in the background while a window is open: the outbox's sender (its own thread
and Workspace) and the automatic backups (``backup_if_due`` asked hourly on the database
worker, the core decides; one more on close).

The composition root (desktop/app.py) builds it with the window and stops it on exit; a
failure the user should know of comes back through ``failed`` for the status bar.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from reports.errors import CchcError

if TYPE_CHECKING:
    from desktop.outbox_page import OutboxPage
    from desktop.outbox_sender import OutboxSenderThread
    from desktop.tasks import TaskRunner
    from reports.backups.backup import BackupOutcome
    from reports.workspace import Workspace

log = logging.getLogger(__name__)

BACKUP_CHECK_MS = 60 * 60 * 1000  # backup_if_due(DAILY) is asked hourly; the core decides
FIRST_BACKUP_CHECK_MS = 2 * 60 * 1000
CLOSE_BACKUP_WAIT_MS = 60_000
NETWORK_WATCH_DELAY_MS = 3000  # the outbox wakes when the network comes back: watched from then on


class BackgroundWork(QObject):
    """The outbox sender and the backup timer of one running program."""

    failed = Signal(object)  # a CchcError of the sender or of an automatic backup

    def __init__(
        self,
        data_dir: Path,
        runner: TaskRunner,
        *,
        on_bug: Callable[[BaseException], None],
        backups_wanted: Callable[[], bool],
        watch_network: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._data_dir = data_dir
        self._runner = runner
        self._on_bug = on_bug  # the crash handler: a bug in the sender's thread
        self._backups_wanted = backups_wanted  # False while no window is open, or after close
        self._watch_network = watch_network
        self._outbox_page: OutboxPage | None = None
        self.outbox_sender: OutboxSenderThread | None = None
        self.backup_timer: QTimer | None = None

    # ------------------------------------------------------------ the outbox's sender

    def set_data_dir(self, data_dir: Path) -> None:
        """The installation the sender works on from its next start (real or demo)."""
        self._data_dir = data_dir

    def set_outbox_page(self, page: OutboxPage | None) -> None:
        """The page that shows each send run and asks to send now (a new one per window, built
        when first opened: the sender may be running already; None while a new window has none)."""
        self._outbox_page = page
        if page is not None and self.outbox_sender is not None and self.outbox_sender.isRunning():
            self.outbox_sender.run_finished.connect(page.show_send_run)
            page.send_requested.connect(self.outbox_sender.wake)

    @Slot()
    def start_sender(self) -> None:
        from desktop.outbox_sender import OutboxSenderThread

        if self.outbox_sender is not None and self.outbox_sender.isRunning():
            return
        # A new thread object each time: a stopped one keeps its interruption request.
        self.outbox_sender = OutboxSenderThread(self._data_dir)
        self.outbox_sender.unexpected_error.connect(self._on_bug)
        self.outbox_sender.sender_failed.connect(self.failed)
        if self._outbox_page is not None:
            self.outbox_sender.run_finished.connect(self._outbox_page.show_send_run)
            self._outbox_page.send_requested.connect(self.outbox_sender.wake)
        self.outbox_sender.start()
        if self._watch_network:
            # Loading QtNetwork and the system's network-information backend holds the UI thread
            # for 0.1–0.2 s: after the first screen, not before it (the sender polls meanwhile).
            QTimer.singleShot(NETWORK_WATCH_DELAY_MS, self._watch_network_now)

    @Slot()
    def _watch_network_now(self) -> None:
        if self.outbox_sender is not None and self.outbox_sender.isRunning():
            self.outbox_sender.watch_network()

    def stop_sender(self) -> None:
        if self.outbox_sender is not None:
            self.outbox_sender.stop()
            self.outbox_sender = None

    # ------------------------------------------------------------ backups

    def start_backup_timer(self) -> None:
        if self.backup_timer is None:
            self.backup_timer = QTimer()
            self.backup_timer.setInterval(BACKUP_CHECK_MS)
            self.backup_timer.timeout.connect(self._on_backup_timer_timeout)
            QTimer.singleShot(FIRST_BACKUP_CHECK_MS, self._on_backup_timer_timeout)
        self.backup_timer.start()

    @Slot()
    def _on_backup_timer_timeout(self) -> None:
        if not self._backups_wanted():
            return
        self._runner.run(_daily_backup, on_success=_log_backup, on_failure=self._on_backup_failed)

    @Slot(object)
    def _on_backup_failed(self, exc: CchcError) -> None:
        log.warning("automatic backup failed: %s [%s]", exc.message("en"), exc.code)
        self.failed.emit(exc)

    def back_up_on_close(self) -> None:
        """Waits for the worker (the window is gone by now): the last chance of the day."""
        try:
            outcome = self._runner.call(_close_backup, timeout_ms=CLOSE_BACKUP_WAIT_MS)
        except CchcError as exc:
            log.warning("backup on close failed: %s [%s]", exc.message("en"), exc.code)
        except TimeoutError:
            log.warning("the backup on close did not finish in time")
        else:
            _log_backup(outcome)

    def stop_backup_timer(self) -> None:
        if self.backup_timer is not None:
            self.backup_timer.stop()


def _daily_backup(ws: Workspace | None) -> BackupOutcome | None:
    from reports.backups.backup import backup_if_due
    from reports.backups.policy import Reason

    return None if ws is None else backup_if_due(ws, Reason.DAILY)


def _close_backup(ws: Workspace | None) -> BackupOutcome | None:
    from reports.backups.backup import backup_if_due
    from reports.backups.policy import Reason

    return None if ws is None else backup_if_due(ws, Reason.CLOSE)


def _log_backup(outcome: BackupOutcome | None) -> None:
    if outcome is None:
        return
    if outcome.result is None:
        log.info("no backup needed (%s)", outcome.plan.skip)
        return
    log.info("backup %s made", outcome.result.file.name)
    if outcome.result.mirror_error is not None:
        log.warning("second backup folder: %s", outcome.result.mirror_error.message("en"))
