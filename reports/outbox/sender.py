"""The background sender: one call to ``run_once`` sends whatever is due, and says when to
call again.

Made to be driven from outside — a ``QTimer`` plus a worker ``QThread`` in the desktop, a
loop or cron in ``cchc outbox send`` — it never sleeps and never starts a thread. Each call:

1. picks the due packages (waiting and their time has come; "sending" under a lapsed lease,
   i.e. a killed process; needs attention but the settings or password changed);
2. checks connectivity quickly (a TCP connection with a 3 s timeout; for a folder: is the
   drive there) — when it fails nothing is attempted and the back-off grows;
3. claims each package with a lease (never two senders for one package), delivers it, and
   records the outcome: sent; waiting with exponential back-off and jitter (capped at 30
   minutes); needs attention (a wrong password: one failed login, then no retry until the
   password or settings change, or "Gửi lại ngay"); or failed (too large, only "Gửi lại ngay").

Thread use: give the sender its own ``Workspace`` (its own SQLite connection) in the worker
thread; the window's connection reads the table for the list. ``cancelled`` is checked
between packages.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import random
import socket
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from reports.outbox.config import OutboxConfig
from reports.outbox.credentials import CredentialStore
from reports.outbox.errors import (
    AttentionError,
    FolderMissingError,
    OfflineError,
    PermanentError,
    RetryableError,
    TransportError,
)
from reports.outbox.registry import build_transport
from reports.outbox.transport import PROBE_TIMEOUT, OutgoingPackage, Transport
from reports.storage.outbox import OutboxEntry, OutboxStore
from reports.workspace import Workspace

log = logging.getLogger(__name__)

BACKOFF_BASE = dt.timedelta(seconds=30)
BACKOFF_CAP = dt.timedelta(minutes=30)
LEASE = dt.timedelta(minutes=5)  # far above one transfer (timeouts are 60 s of silence)

TransportFactory = Callable[[OutboxConfig, CredentialStore, dict[str, str]], Transport]


def backoff_delay(failures: int, rng: random.Random, *, base: dt.timedelta = BACKOFF_BASE,
                  cap: dt.timedelta = BACKOFF_CAP) -> dt.timedelta:
    """Exponential, with jitter so a hundred communes coming back online do not hit the
    server in step: a random point in the upper half of ``min(cap, base * 2**(failures-1))``."""
    exponent = min(max(failures, 1) - 1, 20)
    ceiling = min(cap, base * (2 ** exponent))
    return ceiling * (0.5 + 0.5 * rng.random())


class AttemptOutcome(StrEnum):
    SENT = "sent"
    RETRY = "retry"  # will try again by itself at next_try
    OFFLINE = "offline"  # not attempted: no connection
    NEEDS_ATTENTION = "needs_attention"
    FAILED = "failed"
    SKIPPED = "skipped"  # another sender holds it


@dataclass(frozen=True)
class Attempt:
    package_id: str
    file_name: str
    outcome: AttemptOutcome
    message_vi: str = ""
    message_en: str = ""
    next_try: dt.datetime | None = None
    remote_ref: str = ""

    def message(self, lang: str = "vi") -> str:
        return self.message_en if lang == "en" else self.message_vi


@dataclass
class SendRun:
    started: dt.datetime
    attempts: list[Attempt] = field(default_factory=list)
    next_wake: dt.datetime | None = None  # when to call run_once again (None: only when something changes)

    def count(self, outcome: AttemptOutcome) -> int:
        return sum(1 for a in self.attempts if a.outcome is outcome)

    @property
    def needs_attention(self) -> bool:
        return any(a.outcome in (AttemptOutcome.NEEDS_ATTENTION, AttemptOutcome.FAILED) for a in self.attempts)


def default_owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def default_transport_factory(config: OutboxConfig, credentials: CredentialStore, addresses: dict[str, str]) -> Transport:
    return build_transport(config, credentials, recipient_email=addresses)


class OutboxSender:
    """Sends due packages. One per process is plenty; two (or two processes) are safe."""

    def __init__(self, ws: Workspace, credentials: CredentialStore | None = None, *,
                 transport_factory: TransportFactory = default_transport_factory, rng: random.Random | None = None,
                 owner: str | None = None, lease: dt.timedelta = LEASE, probe_timeout: float = PROBE_TIMEOUT) -> None:
        self.ws = ws
        self.credentials = credentials or CredentialStore(ws.paths)
        self.store = OutboxStore(ws.db)
        self.transport_factory = transport_factory
        self.rng = rng or random.Random()
        self.owner = owner or default_owner()
        self.lease = lease
        self.probe_timeout = probe_timeout

    def stamp(self, config: OutboxConfig) -> str:
        return config.stamp(self.store.meta("credentials_version", "0"), self.store.meta("contacts_version", "0"))

    def next_wake(self, now: dt.datetime | None = None) -> dt.datetime | None:
        now = now or self.ws.clock()
        return self.store.next_wake(now, self.stamp(OutboxConfig.from_settings(self.ws.settings)))

    def network_is_back(self) -> int:
        """Call when the OS reports the network is up again (e.g. Qt's QNetworkInformation),
        then ``run_once``: what waited only for the network goes at once."""
        return self.store.wake_offline((OfflineError.code, FolderMissingError.code))

    def retry_now(self, package_id: str, now: dt.datetime | None = None) -> OutboxEntry:
        """"Gửi lại ngay": the package is due at once (call ``run_once`` next)."""
        return self.store.retry_now(package_id, now or self.ws.clock())

    def run_once(self, now: dt.datetime | None = None, *, cancelled: Callable[[], bool] | None = None) -> SendRun:
        now = now or self.ws.clock()
        run = SendRun(now)
        config = OutboxConfig.from_settings(self.ws.settings)
        stamp = self.stamp(config)
        due = self.store.due(now, stamp)
        if not due:
            run.next_wake = self.store.next_wake(now, stamp)
            return run
        try:
            transport = self.transport_factory(config, self.credentials, dict((c, e) for c, e, _ in self.store.contacts()))
            transport.check_reachable(self.probe_timeout)
        except RetryableError as exc:
            for entry in due:
                next_try = now + backoff_delay(entry.failures + 1, self.rng)
                if self.store.note_offline(entry.package_id, exc, now, stamp, next_try):
                    run.attempts.append(_attempt(entry, AttemptOutcome.OFFLINE, exc, next_try))
            run.next_wake = self.store.next_wake(now, stamp)
            return run
        except AttentionError as exc:
            self._set_aside(due, exc, now, stamp, run)
            run.next_wake = self.store.next_wake(now, stamp)
            return run
        unit = self.ws.require_unit()
        for i, entry in enumerate(due):
            if cancelled is not None and cancelled():
                break
            stop = self._send_one(entry, transport, unit.code, now, stamp, run)
            if stop is not None:  # a wrong password: the others would fail the same way
                self._set_aside(due[i + 1:], stop, now, stamp, run)
                break
        run.next_wake = self.store.next_wake(now, stamp)
        return run

    def _set_aside(self, entries: list[OutboxEntry], exc: TransportError, now: dt.datetime, stamp: str, run: SendRun) -> None:
        for entry in entries:
            if self.store.set_aside(entry.package_id, exc, now, stamp):
                run.attempts.append(_attempt(entry, AttemptOutcome.NEEDS_ATTENTION, exc))

    def _send_one(self, entry: OutboxEntry, transport: Transport, sender_code: str, now: dt.datetime, stamp: str,
                  run: SendRun) -> TransportError | None:
        if not self.store.claim(entry.package_id, self.owner, now, now + self.lease, stamp, transport.kind.value):
            run.attempts.append(Attempt(entry.package_id, entry.file_name, AttemptOutcome.SKIPPED))
            return None
        package = OutgoingPackage(entry.package_id, entry.kind, entry.file_name, self.store.data(entry.package_id),
                                  sender_code, entry.sender_name, entry.recipient_code, entry.recipient_name, entry.label)
        try:
            ref = transport.deliver(package)
        except RetryableError as exc:
            next_try = now + backoff_delay(entry.failures + 1, self.rng)
            self.store.mark_retry(entry.package_id, self.owner, exc, next_try)
            run.attempts.append(_attempt(entry, AttemptOutcome.RETRY, exc, next_try))
            log.info("package %s: will retry at %s (%s)", entry.short_id, next_try.isoformat(), exc.code)
            return None
        except AttentionError as exc:
            self.store.mark_attention(entry.package_id, self.owner, exc, stamp)
            run.attempts.append(_attempt(entry, AttemptOutcome.NEEDS_ATTENTION, exc))
            log.info("package %s: needs attention (%s)", entry.short_id, exc.code)
            return exc if exc.shared else None
        except PermanentError as exc:
            self.store.mark_failed(entry.package_id, self.owner, exc)
            run.attempts.append(_attempt(entry, AttemptOutcome.FAILED, exc))
            return None
        except BaseException:
            # A bug (or Ctrl+C): give the package back before the crash handler takes over.
            self.store.mark_retry(entry.package_id, self.owner, _BUG, now + backoff_delay(entry.failures + 1, self.rng))
            raise
        if not self.store.mark_sent(entry.package_id, self.owner, now, ref):
            log.warning("package %s was delivered after its lease lapsed; the receiver's import ignores a duplicate",
                        entry.short_id)
        if entry.kind == "submission":  # its reports have left the office: "exported" → "sent"
            from reports.exchange.sync import mark_package_sent

            mark_package_sent(self.ws, entry.package_id, how="outbox")
        run.attempts.append(Attempt(entry.package_id, entry.file_name, AttemptOutcome.SENT, remote_ref=ref))
        log.info("package %s sent via %s", entry.short_id, transport.kind.value)
        return None


_BUG = RetryableError(detail="Lỗi không mong đợi khi gửi (xem nhật ký chương trình). Sẽ thử lại.",
                      detail_en="Unexpected error while sending (see the program's log). Will retry.")


def _attempt(entry: OutboxEntry, outcome: AttemptOutcome, exc: TransportError, next_try: dt.datetime | None = None) -> Attempt:
    return Attempt(entry.package_id, entry.file_name, outcome, exc.message("vi"), exc.message("en"), next_try)
