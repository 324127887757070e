"""Making backups of the installation's database, copying them to a second folder, pruning.

A backup is a consistent copy made with SQLite's online backup API (never a file copy of a
live WAL database), written under a temporary name, flushed to disk, checked
(``PRAGMA integrity_check``, a schema this program knows) and only then renamed to its
backup name (``reports.backups.naming``), so a file with such a name is always a whole,
sound database. When the ``backup_folder`` setting names a second folder (a USB stick),
the backup is copied there too; a missing stick is a warning on the result, never a
failure of the main backup. What to make and keep is ``reports.backups.policy``'s.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from reports.backups.errors import (
    MirrorFailedError,
    MirrorUnavailableError,
    backup_error,
    os_reason,
)
from reports.backups.evidence_copy import EVIDENCE_FOLDER, copy_evidence, needed_by, prune_evidence
from reports.backups.naming import TEMP_SUFFIX, BackupFile, remove_stale_temps, scan, unique_name
from reports.backups.policy import ALWAYS, DEFAULT_POLICY, BackupPlan, BackupPolicy, Reason
from reports.errors import CchcError
from reports.files import fsync_dir, remove_quietly
from reports.paths import DataPaths, OpenInstallation, paths_of
from reports.storage import integrity
from reports.storage.database import CorruptDatabaseError, NotInitialisedError
from reports.storage.database_file import copy_database, read_setting, sqlite_leftovers, unit_code
from reports.storage.integrity import DatabaseSummary

log = logging.getLogger(__name__)

MIRROR_SUBFOLDER = "BaoCaoCCHC"


@dataclass(frozen=True)
class BackupResult:
    file: BackupFile
    size: int
    summary: DatabaseSummary  # what the backup holds (checked before it got its name)
    mirror: Path | None = None  # the copy in the second folder
    mirror_error: CchcError | None = None  # a warning: the main backup is fine
    pruned: tuple[Path, ...] = ()

    @property
    def path(self) -> Path:
        return self.file.path


@dataclass(frozen=True)
class BackupOutcome:
    """What ``backup_if_due`` did: ``result`` is None when the policy skipped."""

    plan: BackupPlan
    result: BackupResult | None = None


def mirror_folder(paths: DataPaths) -> tuple[Path, Path] | None:
    """(the chosen second folder, the sub-folder our copies go in), or None when unset.

    Copies go in a sub-folder named after the unit, so two installations sharing a stick
    never prune each other's backups."""
    chosen = read_setting(paths.database, "backup_folder")
    if not isinstance(chosen, str) or not chosen.strip():
        return None
    root = Path(chosen.strip()).expanduser()
    code = unit_code(paths.database)
    return root, root / (f"{MIRROR_SUBFOLDER}-{code}" if code else MIRROR_SUBFOLDER)


def make_backup(
    paths: DataPaths,
    reason: str = Reason.MANUAL,
    now: dt.datetime | None = None,
    *,
    policy: BackupPolicy = DEFAULT_POLICY,
    prune: bool = True,
    mirror: bool = True,
) -> BackupResult:
    """Write, check and name a backup of ``paths.database``; copy it to the second folder.

    Needs no open Workspace (the start-up and migration hooks run before there is one)."""
    moment = now or dt.datetime.now(dt.UTC)
    folder = paths.backups
    db_path = paths.database
    if not db_path.is_file():
        raise NotInitialisedError(path=str(paths.root))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise (backup_error(exc, folder, db_path) or exc) from exc
    remove_stale_temps(folder)
    name = unique_name(folder, moment, str(reason))
    final = folder / name
    tmp = folder / f"{name}.{os.getpid()}{TEMP_SUFFIX}"
    try:
        copy_database(db_path, tmp, source_live=True)
        check = integrity.integrity_check(tmp)
        if not check.ok:
            # The copy is page for page the live file: the live database is damaged.
            raise CorruptDatabaseError(path=str(db_path))
        with integrity.open_file(tmp) as conn:
            summary = integrity.summarize(conn)
        size = tmp.stat().st_size
        os.replace(tmp, final)
        fsync_dir(folder)
        copy_evidence(paths.evidence, folder / EVIDENCE_FOLDER, only=needed_by(final))
    except BaseException as exc:
        remove_quietly(tmp, *sqlite_leftovers(tmp))
        known = backup_error(exc, folder, db_path) if not isinstance(exc, CchcError) else None
        if known is not None:
            raise known from exc
        raise
    file = BackupFile.parse(final)
    assert file is not None
    pruned: list[Path] = []
    if prune:
        pruned = prune_backups(folder, moment, policy)
    mirror_path, mirror_error = (None, None)
    if mirror:
        mirror_path, mirror_error = _copy_to_mirror(paths, final, moment, policy, prune=prune)
    return BackupResult(file, size, summary, mirror_path, mirror_error, tuple(pruned))


def create_backup(
    ws: OpenInstallation,
    reason: str = Reason.MANUAL,
    now: dt.datetime | None = None,
    *,
    policy: BackupPolicy = DEFAULT_POLICY,
    prune: bool = True,
) -> BackupResult:
    """A backup now, whatever the policy says (the "Back up now" button, cchc backup create)."""
    return make_backup(ws.paths, reason, now or ws.clock(), policy=policy, prune=prune)


def has_changed_since(paths: DataPaths, newest: BackupFile | None) -> bool:
    if newest is None:
        return True
    live = integrity.file_digest(paths.database, live=True)
    return live is None or live != integrity.file_digest(newest.path)


def backup_if_due(
    target: OpenInstallation | DataPaths,
    reason: str,
    now: dt.datetime | None = None,
    *,
    policy: BackupPolicy = DEFAULT_POLICY,
) -> BackupOutcome:
    """Ask the policy, and make the backup when it is due: what the desktop's timer, its
    close handler and the code before risky work call."""
    paths = paths_of(target)
    moment = now or (target.clock() if not isinstance(target, DataPaths) else dt.datetime.now(dt.UTC))
    existing = scan(paths.backups)
    newest = existing[-1] if existing else None
    changed = True if reason in ALWAYS else has_changed_since(paths, newest)
    plan = policy.plan(moment, existing, reason=reason, changed=changed)
    if not plan.create:
        return BackupOutcome(plan)
    return BackupOutcome(plan, make_backup(paths, reason, moment, policy=policy))


def backup_before_migration(
    paths: DataPaths, now: dt.datetime | None = None, *, policy: BackupPolicy = DEFAULT_POLICY
) -> BackupResult | None:
    """Before ``migrate()`` changes an existing database: a backup when migrations are pending.

    Nothing for a new, empty database, nor for one a newer program made (``migrate`` refuses
    it anyway)."""
    if not integrity.migration_pending(paths.database):
        return None
    outcome = backup_if_due(paths, Reason.BEFORE_MIGRATION, now, policy=policy)
    return outcome.result


def prune_backups(folder: Path, now: dt.datetime, policy: BackupPolicy = DEFAULT_POLICY) -> list[Path]:
    """Delete what the ladder does not keep; only files with a backup's name are touched."""
    existing = scan(folder)
    kept = policy.keep(now, existing)
    removed = []
    for b in existing:
        if b.path not in kept:
            try:
                os.remove(b.path)
                removed.append(b.path)
            except OSError as exc:  # read-only stick, a file open elsewhere: try next time
                log.warning("could not prune backup %s: %s", b.path, exc)
    if removed:  # the evidence only the pruned copies referred to goes with them
        gone = prune_evidence(Path(folder) / EVIDENCE_FOLDER, [b.path for b in scan(folder)])
        if gone:
            log.info("pruned %d evidence file(s) no kept backup refers to in %s", len(gone), folder)
    return removed


def _copy_to_mirror(
    paths: DataPaths, final: Path, now: dt.datetime, policy: BackupPolicy, *, prune: bool
) -> tuple[Path | None, CchcError | None]:
    where = mirror_folder(paths)
    if where is None:
        return None, None
    root, folder = where
    if not root.is_dir():  # never create the chosen folder: on Linux that would fill the mount point
        return None, MirrorUnavailableError(folder=str(root), main=str(final))
    target = folder / final.name
    tmp = folder / f"{final.name}.{os.getpid()}{TEMP_SUFFIX}"
    try:
        folder.mkdir(exist_ok=True)
        remove_stale_temps(folder)
        with open(final, "rb") as src, open(tmp, "wb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)  # a backup is not live: a file copy is right here
            dst.flush()
            os.fsync(dst.fileno())
        check = integrity.integrity_check(tmp)  # read back from the stick
        if not check.ok:
            raise OSError(5, f"the copy does not read back: {check.first_problem}")
        os.replace(tmp, target)
        fsync_dir(folder)
        copy_evidence(paths.evidence, folder / EVIDENCE_FOLDER, only=needed_by(target))
    except OSError as exc:
        remove_quietly(tmp)
        if not root.is_dir():
            return None, MirrorUnavailableError(folder=str(root), main=str(final))
        vi, en = os_reason(exc)
        return None, MirrorFailedError(folder=str(root), main=str(final), reason=vi, reason_en=en)
    if prune:
        prune_backups(folder, now, policy)
    return target, None
