"""Bringing packages in: from a mailbox, a shared server folder, a watched local folder.

Every package fetched goes through ``reports.exchange.sync.import_bytes`` — the same import as
``cchc import`` — so every rule of the sync-package format holds (all-or-nothing,
idempotent, refusals quarantined with their reason). The ``source`` stored with each
imported package says where it came from, for the reviewer's inbox:

    email:<sender address>      webdav:<file URL>      folder:<file path>

A fetcher never deletes anything: a package is moved aside (to a "processed" mail folder or
sub-folder) only after its import has been committed.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Protocol

from reports.exchange import sync
from reports.exchange.packages import PackageRejectedError, read_package
from reports.exchange.receiving import ImportResult, Outcome
from reports.exchange.submission_import import Arrival
from reports.outbox.errors import TransportError
from reports.workspace import Workspace

log = logging.getLogger(__name__)

ORIGIN_LABELS = {
    "email": ("thư điện tử", "e-mail"),
    "webdav": ("máy chủ chung", "shared server"),
    "folder": ("thư mục", "folder"),
}


def describe_source(source: str, lang: str = "vi") -> str:
    """``packages.source`` for a person: "thư điện tử: xa@…", "máy chủ chung: https://…"; any
    other source (a USB import's folder) as it is."""
    origin, sep, where = source.partition(":")
    if sep and origin in ORIGIN_LABELS:
        vi, en = ORIGIN_LABELS[origin]
        return f"{en if lang == 'en' else vi}: {where}"
    return source


@dataclass(frozen=True)
class FetchedPackage:
    origin: str  # email | webdav | folder
    source: str  # as stored in packages.source
    result: ImportResult

    def line(self, lang: str = "vi") -> str:
        vi, en = ORIGIN_LABELS[self.origin]
        return f"[{en if lang == 'en' else vi}] {self.result.line(lang)}"


@dataclass
class FetchRun:
    fetched: list[FetchedPackage] = field(default_factory=list)
    errors: list[tuple[str, TransportError]] = field(default_factory=list)  # (origin, what went wrong)
    sources: list[str] = field(default_factory=list)  # the origins that were tried

    @property
    def refused(self) -> list[FetchedPackage]:
        return [f for f in self.fetched if f.result.outcome is Outcome.REFUSED]


class Fetcher(Protocol):
    origin: str

    def fetch(self, ws: Workspace, now: dt.datetime, found: list[FetchedPackage]) -> None:
        """Import what is new, appending to ``found`` as it goes (so what was done before a
        failure is still reported); raise a ``TransportError`` when the source fails."""
        ...


def safe_name(name: str) -> str:
    """A file name from a mail or a server, made safe for the quarantine folder."""
    base = PurePath(name.replace("\\", "/")).name
    base = re.sub(r"[^A-Za-z0-9._-]+", "_", base).strip("._") or "goi"
    if not base.lower().endswith(".cchc"):
        base += ".cchc"
    return base[-120:]


def addressed_elsewhere(ws: Workspace, data: bytes) -> bool:
    """True for an intact package addressed to another office. Shared folders hold those
    (a commune's own submissions sit beside the reviewer's feedback): they are left alone,
    where a mailbox's are imported and refused like any other."""
    try:
        opened = read_package(data)
    except PackageRejectedError:
        return False  # damaged or hostile: the import refuses and quarantines it with the reason
    return opened.manifest.recipient.unit_code != ws.require_unit().code


def import_incoming(
    ws: Workspace, data: bytes, name: str, source: str, *, arrived: dt.datetime | None = None, how: str = "import"
) -> ImportResult:
    """The one import every route uses; a refused package is quarantined with its reason.
    ``arrived``: when the server says the package reached it (IMAP INTERNALDATE, WebDAV
    Last-Modified) — the reviewer judges lateness by that, not by the commune's clock nor by
    when this PC happened to fetch it. Never later than now (a server clock ahead of ours)."""
    name = safe_name(name)
    arrival = None
    if arrived is not None and arrived.tzinfo is not None:
        arrival = Arrival(min(arrived, ws.clock()), how)
    result = sync.import_bytes(ws, data, name=name, source=source, arrival=arrival)
    if result.outcome is Outcome.REFUSED:
        result.quarantined = sync.quarantine(ws, name, data, result)
    log.info("fetched %s from %s: %s", name, source.partition(":")[0], result.outcome.value)
    return result


def fetch_all(ws: Workspace, fetchers: list[Fetcher], *, now: dt.datetime | None = None) -> FetchRun:
    """Fetch from every source given (``registry.configured_fetchers``: the configured ones);
    one source failing does not stop the others."""
    now = now or ws.clock()
    run = FetchRun()
    for fetcher in fetchers:
        run.sources.append(fetcher.origin)
        try:
            fetcher.fetch(ws, now, run.fetched)
        except TransportError as exc:
            run.errors.append((fetcher.origin, exc))
    return run
