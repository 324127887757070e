"""``Outbox``: one installation's outbox as a service, for the window and ``cchc outbox``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reports.outbox.config import CredentialKey, OutboxConfig
from reports.outbox.credentials import CredentialStore
from reports.outbox.enqueue import enqueue_file, export_and_enqueue
from reports.outbox.fetch import FetchRun, fetch_all
from reports.outbox.registry import configured_fetchers
from reports.outbox.sender import OutboxSender
from reports.storage.outbox import OutboxEntry, OutboxState, OutboxStore
from reports.workspace import Workspace


class Outbox:
    """One installation's outbox, for the window and the command line."""

    def __init__(self, ws: Workspace, credentials: CredentialStore | None = None) -> None:
        self.ws = ws
        self.credentials = credentials or CredentialStore(ws.paths)
        self.store = OutboxStore(ws.db)

    def _now(self, now: dt.datetime | None) -> dt.datetime:
        return now or self.ws.clock()

    # ------------------------------------------------------------ the list

    def entries(self, now: dt.datetime | None = None) -> list[OutboxEntry]:
        return self.store.entries(self._now(now))

    def entry(self, package_id: str, now: dt.datetime | None = None) -> OutboxEntry:
        return self.store.get(package_id, self._now(now))

    def counts(self, now: dt.datetime | None = None) -> dict[OutboxState, int]:
        return self.store.counts(self._now(now))

    # ------------------------------------------------------------ putting in, taking out

    def add_file(self, path: Path) -> OutboxEntry:
        return enqueue_file(self.ws, path)

    def export_and_add(self, out_dir: Path | None = None, *, everything: bool = False) -> list[OutboxEntry]:
        """The "Gửi" button."""
        return export_and_enqueue(self.ws, out_dir, everything=everything)

    def retry_now(self, package_id: str, now: dt.datetime | None = None) -> OutboxEntry:
        """The "Gửi lại ngay" button: due at once; then run the sender."""
        return self.store.retry_now(package_id, self._now(now))

    def remove(self, package_id: str) -> None:
        self.store.remove(package_id, self.ws.clock())

    def sender(self, **kwargs: object) -> OutboxSender:
        """A sender on this workspace. In a worker thread, build it on that thread's own
        ``Workspace.open(data_dir)`` instead (one SQLite connection per thread)."""
        return OutboxSender(self.ws, self.credentials, **kwargs)  # type: ignore[arg-type]

    # ------------------------------------------------------------ settings that are not settings

    def set_password(self, key: CredentialKey | str, secret: str) -> str:
        """Store a password; packages waiting on a wrong one become due again. Returns where it went."""
        where = self.credentials.set(key, secret)
        self.store.bump("credentials_version")
        return where

    def delete_password(self, key: CredentialKey | str) -> None:
        self.credentials.delete(key)
        self.store.bump("credentials_version")

    def has_password(self, key: CredentialKey | str) -> bool:
        return self.credentials.get(key) is not None

    def set_contact(self, unit_code: str, email: str) -> None:
        """The reviewer's address book: where a commune's feedback goes by e-mail."""
        self.store.set_contact(unit_code, email.strip(), self.ws.clock())

    def contacts(self) -> list[tuple[str, str, str]]:
        return list(self.store.contacts())

    # ------------------------------------------------------------ bringing packages in

    def fetch(self, now: dt.datetime | None = None) -> FetchRun:
        fetchers = configured_fetchers(self.ws, OutboxConfig.from_settings(self.ws.settings), self.credentials)
        return fetch_all(self.ws, fetchers, now=now)
