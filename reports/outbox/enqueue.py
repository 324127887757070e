"""Putting packages in the outbox: one already exported, or a fresh export.

Only packages this installation wrote may go in (the ``packages`` table knows them, with
their hash): the outbox is not a way to forward other people's files.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reports.errors import UsageError
from reports.exchange import feedback, sync
from reports.exchange.packages import PackageRejectedError, read_package
from reports.outbox.errors import NotAnOutgoingPackageError
from reports.storage import package_log
from reports.storage.outbox import OutboxEntry, OutboxStore
from reports.storage.unit import Role
from reports.workspace import Workspace


def _label(ws: Workspace, package_id: str) -> str:
    return ", ".join(package_log.periods_of(ws.db, package_id))


def enqueue_bytes(ws: Workspace, data: bytes, name: str, *, now: dt.datetime | None = None) -> OutboxEntry:
    now = now or ws.clock()
    try:
        opened = read_package(data, name=name)
    except PackageRejectedError as exc:
        raise NotAnOutgoingPackageError(name=name) from exc
    m = opened.manifest
    row = package_log.outgoing(ws.db, m.package_id)
    if row is None or row[0] != opened.sha256:
        raise NotAnOutgoingPackageError(name=name)
    store = OutboxStore(ws.db)
    store.add(package_id=m.package_id, kind=m.kind.value, sender_name=m.sender.unit_name,
              recipient_code=m.recipient.unit_code, recipient_name=m.recipient.unit_name,
              label=_label(ws, m.package_id), file_name=row[1] or name, data=data, now=now)
    return store.get(m.package_id, now)


def enqueue_file(ws: Workspace, path: Path, *, now: dt.datetime | None = None) -> OutboxEntry:
    """Put an exported package file in the outbox (again is harmless)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(detail=f"Không đọc được tệp {path}.", detail_en=f"Cannot read the file {path}.") from exc
    return enqueue_bytes(ws, data, path.name, now=now)


def export_and_enqueue(ws: Workspace, out_dir: Path | None = None, *, everything: bool = False) -> list[OutboxEntry]:
    """"Gửi": a commune exports its reports to send; a reviewer its feedback for every
    commune with news. The export and the outbox row are one transaction, so a package is
    never marked sent without being queued."""
    folder = Path(out_dir or ws.settings.get("export_folder") or ws.paths.exports)
    entries = []
    with ws.db.atomic():
        if ws.require_unit().role is Role.REVIEWER:
            paths = [r.path for r in feedback.export_feedback(ws, folder)]
        else:
            paths = list(sync.export_package(ws, folder, everything=everything).paths)
        for path in paths:
            entries.append(enqueue_file(ws, path))
    return entries
