"""The outbox: packages leave by themselves when the connection allows, and answers come in.

The pieces (docs/outbox.md tells the whole story):

- ``Outbox`` — the service the desktop and ``cchc outbox`` call: list, add, retry, passwords,
  the reviewer's address book, fetch.
- ``OutboxSender`` — the background sender: ``run_once(now)`` sends what is due and returns
  a ``SendRun`` with ``next_wake``; drive it from a timer in a worker thread.
- ``OutboxStore`` / ``OutboxEntry`` / ``OutboxState`` — the table and what a person sees.
- Transports (``smtp``, ``webdav``, ``folder``) behind ``transport.Transport``; fetchers
  (``imap``, ``webdav``, ``folder``) behind ``fetch.Fetcher``, all importing through
  ``reports.exchange.sync.import_bytes``.
- ``CredentialStore`` — passwords in the OS keyring, or (plainly weaker) a file.

The names load on first use (PEP 562): ``cchc --help`` and the commands that only need one of
the small modules (``config``, ``errors``) do not import the transports, the keyring and the
export machinery.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reports.outbox.config import CredentialKey, OutboxConfig, TransportKind
    from reports.outbox.credentials import CredentialStore
    from reports.outbox.enqueue import enqueue_bytes, enqueue_file, export_and_enqueue
    from reports.outbox.errors import (
        AttentionError,
        AuthenticationFailedError,
        OfflineError,
        PackageTooLargeError,
        PermanentError,
        RetryableError,
        TransportError,
    )
    from reports.outbox.fetch import FetchedPackage, FetchRun, describe_source, fetch_all
    from reports.outbox.sender import Attempt, AttemptOutcome, OutboxSender, SendRun, backoff_delay
    from reports.outbox.service import Outbox
    from reports.storage.outbox import OutboxEntry, OutboxState, OutboxStore

_WHERE = {
    "Attempt": "reports.outbox.sender",
    "AttemptOutcome": "reports.outbox.sender",
    "AttentionError": "reports.outbox.errors",
    "AuthenticationFailedError": "reports.outbox.errors",
    "CredentialKey": "reports.outbox.config",
    "CredentialStore": "reports.outbox.credentials",
    "FetchRun": "reports.outbox.fetch",
    "FetchedPackage": "reports.outbox.fetch",
    "OfflineError": "reports.outbox.errors",
    "Outbox": "reports.outbox.service",
    "OutboxConfig": "reports.outbox.config",
    "OutboxEntry": "reports.storage.outbox",
    "OutboxSender": "reports.outbox.sender",
    "OutboxState": "reports.storage.outbox",
    "OutboxStore": "reports.storage.outbox",
    "PackageTooLargeError": "reports.outbox.errors",
    "PermanentError": "reports.outbox.errors",
    "RetryableError": "reports.outbox.errors",
    "SendRun": "reports.outbox.sender",
    "TransportError": "reports.outbox.errors",
    "TransportKind": "reports.outbox.config",
    "backoff_delay": "reports.outbox.sender",
    "describe_source": "reports.outbox.fetch",
    "enqueue_bytes": "reports.outbox.enqueue",
    "enqueue_file": "reports.outbox.enqueue",
    "export_and_enqueue": "reports.outbox.enqueue",
    "fetch_all": "reports.outbox.fetch",
}

__all__ = [
    "Attempt",
    "AttemptOutcome",
    "AttentionError",
    "AuthenticationFailedError",
    "CredentialKey",
    "CredentialStore",
    "FetchRun",
    "FetchedPackage",
    "OfflineError",
    "Outbox",
    "OutboxConfig",
    "OutboxEntry",
    "OutboxSender",
    "OutboxState",
    "OutboxStore",
    "PackageTooLargeError",
    "PermanentError",
    "RetryableError",
    "SendRun",
    "TransportError",
    "TransportKind",
    "backoff_delay",
    "describe_source",
    "enqueue_bytes",
    "enqueue_file",
    "export_and_enqueue",
    "fetch_all",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
