"""Restoring a backup: check it, say what will change, keep the current state, then swap.

The swap is made so that a power cut at any moment leaves either the old database or the
restored one, never a mix: the old one is checkpointed and taken out of WAL mode first (no
stale ``-wal`` can ever be replayed onto the new file), the backup is copied next to the
database with the backup API, and ``os.replace`` swaps it in.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from reports.actor import current_actor
from reports.backups.backup import BackupResult, make_backup
from reports.backups.errors import (
    BackupDamagedError,
    BackupNewerError,
    BackupNotFoundError,
    DatabaseInUseError,
)
from reports.backups.evidence_copy import EVIDENCE_FOLDER, copy_evidence
from reports.backups.inspection import BackupRow, BackupState, inspect_backup
from reports.backups.naming import TEMP_SUFFIX, remove_stale_temps
from reports.backups.policy import Reason
from reports.clock import VIETNAM, iso
from reports.files import fsync_dir, fsync_file, remove_quietly, replace_file
from reports.paths import DataPaths, OpenInstallation, paths_of
from reports.storage import integrity
from reports.storage.database import CorruptDatabaseError, classify
from reports.storage.database_file import copy_database, leave_wal, sqlite_leftovers
from reports.storage.integrity import DatabaseSummary

SWAP_TIMEOUT = 2.0  # seconds to wait for another program to let go of the database


@dataclass(frozen=True)
class RestorePreview:
    """What a restore would do, for the confirmation question."""

    backup: BackupRow
    current: DatabaseSummary | None  # None: the current database is missing or unreadable
    current_damaged: bool

    @property
    def incoming(self) -> DatabaseSummary:
        assert self.backup.summary is not None
        return self.backup.summary

    @property
    def will_migrate(self) -> bool:
        return bool(self.incoming.schema.pending)

    @property
    def other_unit(self) -> bool:
        """The backup belongs to another unit than the current data (a wrong file?)."""
        return bool(
            self.current and self.current.unit_code and self.incoming.unit_code
            and self.current.unit_code != self.incoming.unit_code
        )

    @property
    def reports_lost(self) -> int:
        """Reports now in the data that the backup does not have (they will be gone)."""
        return len(self.current.report_uids - self.incoming.report_uids) if self.current else 0

    @property
    def reports_back(self) -> int:
        """Reports in the backup that the data no longer has."""
        now = self.current.report_uids if self.current else frozenset()
        return len(self.incoming.report_uids - now)


@dataclass(frozen=True)
class RestoreResult:
    preview: RestorePreview
    before: BackupResult | None  # the backup of the state before restoring
    set_aside: Path | None  # where a damaged database was kept instead
    migrated: tuple[str, ...] = ()


def resolve_backup(paths: DataPaths, file: Path | str) -> Path:
    """A path, or the bare name of a file in the backups folder (as ``cchc backup list`` shows)."""
    candidate = Path(file).expanduser()
    if candidate.is_file():
        return candidate
    in_folder = paths.backups / Path(file).name
    if in_folder.is_file():
        return in_folder
    raise BackupNotFoundError(name=str(file))


def _current_summary(db_path: Path) -> tuple[DatabaseSummary | None, bool]:
    if not db_path.exists():
        return None, False
    damaged = not integrity.quick_check(db_path).ok
    try:
        with integrity.open_file(db_path, read_only=False) as conn:
            return integrity.summarize(conn), damaged
    except sqlite3.Error:
        return None, True


def describe_restore(target: OpenInstallation | DataPaths, file: Path | str) -> RestorePreview:
    """Check the backup (full integrity check, a schema this program can open) and say
    what restoring it would change. Raises BackupNotFoundError / BackupDamagedError /
    BackupNewerError; changes nothing."""
    paths = paths_of(target)
    source = resolve_backup(paths, file)
    row = inspect_backup(source, full=True)
    if row.state is BackupState.NEWER:
        raise BackupNewerError(name=row.name)
    if row.state is not BackupState.OK:
        raise BackupDamagedError(name=row.name, problem=row.problem or "?")
    current, damaged = _current_summary(paths.database)
    return RestorePreview(row, current, damaged)


def _stage(source: Path, db_path: Path) -> Path:
    """The backup copied next to the database (same folder: ``os.replace`` is atomic there)."""
    staged = db_path.parent / f".cchc-restore-{os.getpid()}{TEMP_SUFFIX}"
    remove_stale_temps(db_path.parent)
    remove_quietly(staged, *sqlite_leftovers(staged))
    try:
        copy_database(source, staged, source_live=False)
        check = integrity.integrity_check(staged)
        if not check.ok:
            raise BackupDamagedError(name=source.name, problem=check.first_problem)
    except BaseException as exc:
        remove_quietly(staged, *sqlite_leftovers(staged))
        if isinstance(exc, sqlite3.Error):
            known = classify(exc, db_path.parent)
            if known is not None:
                raise known from exc
        if isinstance(exc, OSError):
            from reports.environment import classify_os_error

            known = classify_os_error(exc, db_path.parent)
            if known is not None:
                raise known from exc
        raise
    return staged


def _quiesce(db_path: Path) -> None:
    """Fold the WAL into the old file and leave WAL mode, which needs every other
    connection closed: so no stale -wal can be replayed onto the restored file, and a
    program still holding the database is found before anything changes."""
    try:
        mode = leave_wal(db_path, timeout=SWAP_TIMEOUT)
    except sqlite3.OperationalError as exc:
        text = str(exc).lower()
        if "locked" in text or "busy" in text:
            raise DatabaseInUseError(path=str(db_path)) from exc
        raise
    if mode != "delete":
        raise DatabaseInUseError(path=str(db_path))


def _set_aside(db_path: Path, folder: Path, now: dt.datetime) -> Path:
    """Keep a damaged database (with its -wal) as it is, by file copy: a backup through
    SQLite would stop at the damage."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = now.astimezone(VIETNAM).strftime("%Y%m%d-%H%M%S")
    target = folder / f"damaged-{stamp}-{db_path.name}"
    for src, dst in ((db_path, target), (Path(f"{db_path}-wal"), Path(f"{target}-wal"))):
        if src.exists():
            tmp = dst.with_name(dst.name + TEMP_SUFFIX)
            shutil.copyfile(src, tmp)
            fsync_file(tmp)
            os.replace(tmp, dst)
    fsync_dir(folder)
    return target


def _finish(db_path: Path, *, actor: str, now: dt.datetime, source: str, before: str | None) -> tuple[str, ...]:
    """Migrate the restored file and record the restore in its audit log."""
    from reports.storage import audit
    from reports.storage.database import connect
    from reports.storage.migrations import migrate

    db = connect(db_path)
    try:
        migrated = migrate(db, str(db_path))
        with db.atomic():
            audit.append(db, at=iso(now), actor=actor, report_id=None, action="restore_backup",
                         detail={"file": source, "before_restore": before, "migrated": migrated})
    except sqlite3.Error as exc:
        known = classify(exc, db_path)
        if known is not None:
            raise known from exc
        raise
    finally:
        db.close()
    return tuple(migrated)


def restore(
    target: OpenInstallation | DataPaths,
    file: Path | str,
    now: dt.datetime | None = None,
    *,
    actor: str | None = None,
) -> RestoreResult:
    """Replace the database with a backup.

    Checks the backup first (as ``describe_restore``), keeps a backup of the current state
    (reason ``before-restore``; a damaged database is kept as a file copy instead), closes
    the workspace, swaps the file in atomically and migrates it. Given a Workspace, it is
    closed in every case: open a new one afterwards (``Workspace.open``)."""
    paths = paths_of(target)
    ws = None if isinstance(target, DataPaths) else target
    moment = now or (ws.clock() if ws is not None else dt.datetime.now(dt.UTC))
    who = actor or (ws.actor if ws is not None else current_actor())
    try:
        preview = describe_restore(paths, file)
        db_path = paths.database
        staged = _stage(preview.backup.path, db_path)
        try:
            before: BackupResult | None = None
            aside: Path | None = None
            if db_path.exists():
                if preview.current_damaged:
                    aside = _set_aside(db_path, paths.backups, moment)
                else:
                    try:
                        before = make_backup(paths, Reason.BEFORE_RESTORE, moment, prune=False)
                    except CorruptDatabaseError:  # the quick check passed, the full one did not
                        aside = _set_aside(db_path, paths.backups, moment)
            if ws is not None:
                ws.close()
                ws = None
            if db_path.exists() and aside is None:
                _quiesce(db_path)
            remove_quietly(*sqlite_leftovers(db_path))
            replace_file(staged, db_path)  # Windows: waits while an antivirus holds the file
            fsync_dir(db_path.parent)
        finally:
            remove_quietly(staged, *sqlite_leftovers(staged))
    finally:
        if ws is not None:
            ws.close()
    migrated = _finish(db_path, actor=who, now=moment, source=preview.backup.name,
                       before=before.file.name if before else None)
    # The evidence files the restored database refers to, from the backup's folder.
    copy_evidence(preview.backup.path.parent / EVIDENCE_FOLDER, paths.evidence, check_source=True)
    return RestoreResult(preview, before, aside, migrated)
