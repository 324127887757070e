"""The background sender: a thread of its own that sends the outbox's due packages.

It opens its own ``Workspace`` (its own SQLite connection: the database worker's connection
belongs to that thread) and calls ``OutboxSender.run_once`` when something is due: at the
``next_wake`` the last run asked for, every few minutes anyway, when the window asks
(``wake``: after "Gửi" or "Gửi lại ngay"), and when the operating system says the network
came back (``QNetworkInformation``, when Qt has a backend for it on this computer).

A transfer can take up to a minute on a bad line, so none of this runs on the UI thread;
``stop`` asks the thread to finish after the current package (``run_once`` checks the
interruption flag between packages) and closes its Workspace on that thread.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from reports.errors import CchcError

log = logging.getLogger(__name__)

POLL_MS = 5 * 60 * 1000  # "every few minutes anyway"
MIN_DELAY_MS = 1000  # a next_wake in the past must not turn into a busy loop


class _SenderLoop(QObject):
    """Lives in the sender thread; its slots run there."""

    def __init__(self, owner: OutboxSenderThread, data_dir: Path, poll_ms: int) -> None:
        super().__init__()
        self._owner = owner
        self._data_dir = data_dir
        self._ws: Any = None
        self._sender: Any = None
        self._due_timer = QTimer(self)
        self._due_timer.setSingleShot(True)
        self._due_timer.timeout.connect(self.run_now)
        self._poll_timer = QTimer(self)
        self._poll_timer.setInterval(poll_ms)
        self._poll_timer.timeout.connect(self.run_now)

    def open(self) -> bool:
        from reports.outbox import OutboxSender
        from reports.workspace import Workspace

        try:
            self._ws = Workspace.open(self._data_dir)
        except CchcError as exc:
            log.warning("the outbox sender cannot open the data: %s", exc.message("en"))
            self._owner.sender_failed.emit(exc)
            return False
        self._sender = OutboxSender(self._ws)
        self._poll_timer.start()
        return True

    def close(self) -> None:
        self._due_timer.stop()
        self._poll_timer.stop()
        if self._ws is not None:
            self._ws.close()
            self._ws = None
            self._sender = None

    @Slot()
    def run_now(self) -> None:
        if self._sender is None or self._owner.isInterruptionRequested():
            return
        try:
            run = self._sender.run_once(cancelled=self._owner.isInterruptionRequested)
        except CchcError as exc:  # the environment (disk full, read-only folder): try again later
            log.warning("outbox run failed: %s [%s]", exc.message("en"), exc.code)
            self._owner.sender_failed.emit(exc)
            return
        except Exception as exc:  # a bug: the package was given back; the crash handler reports it
            log.exception("outbox run failed")
            self._owner.unexpected_error.emit(exc)
            return
        if run.attempts:
            log.info("outbox run: %s", ", ".join(f"{a.file_name} {a.outcome.value}" for a in run.attempts))
        self._arm(run.next_wake, run.started)
        self._owner.run_finished.emit(run)

    @Slot()
    def network_is_back(self) -> None:
        if self._sender is None:
            return
        try:
            self._sender.network_is_back()
        except CchcError as exc:
            self._owner.sender_failed.emit(exc)
            return
        self.run_now()

    def _arm(self, next_wake: dt.datetime | None, now: dt.datetime) -> None:
        if next_wake is None:
            self._due_timer.stop()  # the poll timer still runs
            return
        delay = int((next_wake - now).total_seconds() * 1000)
        self._due_timer.start(max(MIN_DELAY_MS, min(delay, POLL_MS)))


class OutboxSenderThread(QThread):
    """The sender's thread. Signals are delivered on the UI thread."""

    run_finished = Signal(object)  # reports.outbox.SendRun
    sender_failed = Signal(object)  # a CchcError (could not open the data, disk full …)
    unexpected_error = Signal(object)  # a bug, for the crash handler
    _wake_requested = Signal()
    _network_back = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None, *, poll_ms: int = POLL_MS) -> None:
        super().__init__(parent)
        self.setObjectName("cchc-outbox-sender")
        self._data_dir = Path(data_dir)
        self._poll_ms = poll_ms
        self._network: Any = None

    def run(self) -> None:
        loop = _SenderLoop(self, self._data_dir, self._poll_ms)
        self._wake_requested.connect(loop.run_now)
        self._network_back.connect(loop.network_is_back)
        try:
            if loop.open() and not self.isInterruptionRequested():
                loop.run_now()  # what waited while the program was closed
                self.exec()
        finally:
            self._wake_requested.disconnect(loop.run_now)
            self._network_back.disconnect(loop.network_is_back)
            loop.close()

    # ------------------------------------------------------------ from the UI thread

    @Slot()
    def wake(self) -> None:
        """Send what is due now (after "Gửi" or "Gửi lại ngay")."""
        if self.isRunning():
            self._wake_requested.emit()

    def watch_network(self) -> bool:
        """Wake when the OS reports the network is back; False when Qt has no backend here."""
        try:
            from PySide6.QtNetwork import QNetworkInformation
        except ImportError:  # pragma: no cover - QtNetwork is part of PySide6-Essentials
            return False
        if QNetworkInformation.instance() is None and not QNetworkInformation.loadBackendByFeatures(
            QNetworkInformation.Feature.Reachability
        ):
            log.info("no network information backend: the outbox relies on its timers")
            return False
        self._network = QNetworkInformation.instance()
        self._network.reachabilityChanged.connect(self._on_network_reachability_changed)
        return True

    @Slot(object)
    def _on_network_reachability_changed(self, reachability: Any) -> None:
        from PySide6.QtNetwork import QNetworkInformation

        log.info("network reachability: %s", getattr(reachability, "name", reachability))
        if reachability == QNetworkInformation.Reachability.Online and self.isRunning():
            self._network_back.emit()

    def stop(self, timeout_ms: int = 70_000) -> bool:
        """Finish the current package, close the Workspace, end the thread."""
        if self._network is not None:
            self._network.reachabilityChanged.disconnect(self._on_network_reachability_changed)
            self._network = None
        if not self.isRunning():
            return True
        self.requestInterruption()
        self.quit()
        done = self.wait(timeout_ms)
        if not done:  # pragma: no cover - a transfer hung past its socket timeout
            log.error("the outbox sender did not stop within %d ms", timeout_ms)
        return bool(done)
