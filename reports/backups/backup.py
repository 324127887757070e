"""Backups of the installation's database, the policy that decides them, and restoring one.

A backup is a consistent copy made with SQLite's online backup API (never a file copy of a
live WAL database), written under a temporary name, flushed to disk, checked
(``PRAGMA integrity_check``, a schema this program knows) and only then renamed to
``backups/cchc-YYYYMMDD-HHMMSS-<reason>.sqlite3`` (Vietnam time), so a file with such a name
is always a whole, sound database. When the ``backup_folder`` setting names a second folder
(a USB stick), the backup is copied there too; a missing stick is a warning on the result,
never a failure of the main backup.

As in Anki, the core decides and the desktop only triggers: ``BackupPolicy.plan`` says
whether to make one (not when nothing changed since the newest, not when the newest is too
recent) and which to prune, so that the newest few, the last 7 days, 4 weeks and 12 months
each keep one. Backups made before risky work (import, migration, restore) follow the same
ladder. Time is always passed in (``now``), never read here.

Restoring checks the backup, says what will change (``describe_restore``), keeps a backup
of the current state, then swaps the file in so that a power cut at any moment leaves
either the old database or the restored one, never a mix: the old one is checkpointed and
taken out of WAL mode first (no stale ``-wal`` can ever be replayed onto the new file), the
backup is copied next to the database with the backup API, and ``os.replace`` swaps it in.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import re
import shutil
import sqlite3
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reports.clock import VIETNAM
from reports.environment import DISK_FULL_ERRNOS, GONE_ERRNOS, READ_ONLY_ERRNOS
from reports.errors import CchcError
from reports.paths import DataPaths
from reports.storage import integrity
from reports.storage.database import (
    CorruptDatabaseError,
    DiskFullError,
    NotInitialisedError,
    ReadOnlyError,
    classify,
)
from reports.storage.integrity import CheckResult, DatabaseSummary

if TYPE_CHECKING:
    from reports.workspace import Workspace

log = logging.getLogger(__name__)

NAME_RE = re.compile(r"^cchc-(\d{8})-(\d{6})-([a-z]+(?:-[a-z]+)*)(?:-(\d+))?\.sqlite3$")
TEMP_SUFFIX = ".tmp"
STALE_TEMP_SECONDS = 3600
MIRROR_SUBFOLDER = "BaoCaoCCHC"
SWAP_TIMEOUT = 2.0  # seconds to wait for another program to let go of the database


class Reason(StrEnum):
    MANUAL = "manual"  # cchc backup create, the "Back up now" button
    DAILY = "daily"  # the desktop's timer while the program is open
    CLOSE = "close"  # closing the program
    BEFORE_IMPORT = "before-import"
    BEFORE_MIGRATION = "before-migration"
    BEFORE_RESTORE = "before-restore"


ALWAYS = frozenset({Reason.MANUAL, Reason.BEFORE_RESTORE})  # asked for: made even when nothing changed
RISKY = frozenset({Reason.BEFORE_IMPORT, Reason.BEFORE_MIGRATION})  # made whenever something changed


# ---------------------------------------------------------------- errors


class BackupDiskFullError(DiskFullError):
    code = "backup.disk_full"
    vi = "Không đủ chỗ trống để sao lưu vào {folder}. Hãy xóa bớt tệp không cần thiết (hoặc chọn ổ khác) rồi sao lưu lại; dữ liệu đang dùng không bị ảnh hưởng."
    en = "There is not enough free space to back up into {folder}. Free some space (or choose another drive) and back up again; the data in use is unaffected."


class BackupFolderError(CchcError):
    code = "backup.folder"
    vi = "Không ghi được bản sao lưu vào {folder}: {reason}. Hãy kiểm tra thư mục (quyền ghi, ổ đĩa còn cắm) rồi sao lưu lại; dữ liệu đang dùng không bị ảnh hưởng."
    en = "Cannot write the backup into {folder}: {reason_en}. Check the folder (write permission, drive still connected) and back up again; the data in use is unaffected."


class BackupNotFoundError(CchcError):
    code = "backup.not_found"
    vi = "Không tìm thấy bản sao lưu {name}. Xem danh sách bằng lệnh: cchc backup list"
    en = "There is no backup {name}. List them with: cchc backup list"


class BackupDamagedError(CchcError):
    code = "backup.damaged"
    vi = "Bản sao lưu {name} bị hỏng hoặc không phải tệp dữ liệu Báo cáo CCHC ({problem}), nên không khôi phục từ tệp này. Hãy chọn bản sao lưu khác (cchc backup list); chưa có gì bị thay đổi."
    en = "Backup {name} is damaged or not a Báo cáo CCHC data file ({problem}), so it cannot be restored. Choose another backup (cchc backup list); nothing was changed."
    exit_code = 1


class BackupNewerError(CchcError):
    code = "backup.newer"
    vi = "Bản sao lưu {name} được tạo bởi phiên bản mới hơn của chương trình. Hãy cài phiên bản mới nhất của Báo cáo CCHC rồi khôi phục; chưa có gì bị thay đổi."
    en = "Backup {name} was made by a newer version of the program. Install the newest Báo cáo CCHC, then restore; nothing was changed."
    exit_code = 1


class DatabaseInUseError(CchcError):
    code = "backup.database_in_use"
    vi = "Tệp dữ liệu {path} đang được một chương trình khác mở (cửa sổ Báo cáo CCHC hoặc một lệnh cchc khác). Hãy đóng chương trình đó rồi khôi phục lại; chưa có gì bị thay đổi."
    en = "The data file {path} is open in another program (a Báo cáo CCHC window or another cchc command). Close it and restore again; nothing was changed."


class DamagedDatabaseError(CorruptDatabaseError):
    """The start-up check failed and a good backup exists: the message offers it."""

    code = "db.damaged"
    vi = "Tệp dữ liệu {path} bị hỏng ({problem}). Bản sao lưu tốt gần nhất: {backup} (lúc {when}, {reports} báo cáo). Hãy khôi phục bản này: cchc backup restore {backup} (hoặc Cài đặt → Sao lưu → Khôi phục)."
    en = "The data file {path} is damaged ({problem}). The newest good backup is {backup} (made {when}, {reports} reports). Restore it: cchc backup restore {backup} (or Settings → Backups → Restore)."


class DamagedNoBackupError(CorruptDatabaseError):
    code = "db.damaged_no_backup"
    vi = "Tệp dữ liệu {path} bị hỏng ({problem}) và không có bản sao lưu tốt nào trong {folder}. Nếu có bản sao lưu trên USB, hãy khôi phục: cchc backup restore ĐƯỜNG_DẪN_TỆP. Đừng xóa tệp hỏng; hãy liên hệ bộ phận hỗ trợ."
    en = "The data file {path} is damaged ({problem}) and there is no good backup in {folder}. If a USB stick holds one, restore it: cchc backup restore PATH. Do not delete the damaged file; contact support."


class MirrorUnavailableError(CchcError):
    """A warning on a successful backup: the second folder is not there."""

    code = "backup.mirror_unavailable"
    vi = "Không thấy thư mục sao lưu thứ hai {folder} (USB đã rút?). Bản sao lưu chính vẫn được lưu tại {main}. Hãy cắm USB rồi sao lưu lại để có thêm bản trên USB."
    en = "The second backup folder {folder} is not there (USB stick removed?). The main backup was still saved as {main}. Plug the stick in and back up again to have a copy on it."


class MirrorFailedError(CchcError):
    """A warning on a successful backup: copying to the second folder failed half-way."""

    code = "backup.mirror_failed"
    vi = "Không chép được bản sao lưu sang {folder}: {reason}. Bản sao lưu chính vẫn được lưu tại {main}. Hãy kiểm tra USB rồi sao lưu lại."
    en = "Could not copy the backup to {folder}: {reason_en}. The main backup was still saved as {main}. Check the USB stick and back up again."


def _os_reason(exc: OSError) -> tuple[str, str]:
    if exc.errno in DISK_FULL_ERRNOS:
        return "ổ đã đầy", "the drive is full"
    if exc.errno in READ_ONLY_ERRNOS:
        return "thư mục chỉ cho đọc", "the folder is read-only"
    if exc.errno in GONE_ERRNOS:
        return "thư mục hoặc ổ đĩa không còn", "the folder or drive is gone"
    return exc.strerror or str(exc), exc.strerror or str(exc)


def _backup_error(exc: BaseException, folder: Path, db_path: Path) -> CchcError | None:
    """The expected error for a failure while writing a backup into ``folder``."""
    if isinstance(exc, sqlite3.Error):
        known = classify(exc, folder)
        if isinstance(known, DiskFullError):
            return BackupDiskFullError(folder=str(folder))
        if isinstance(known, ReadOnlyError):
            return BackupFolderError(folder=str(folder), reason="thư mục chỉ cho đọc", reason_en="the folder is read-only")
        if isinstance(known, CorruptDatabaseError):
            return CorruptDatabaseError(path=str(db_path))
        return known
    if isinstance(exc, OSError):
        if exc.errno in DISK_FULL_ERRNOS:
            return BackupDiskFullError(folder=str(folder))
        if exc.errno in READ_ONLY_ERRNOS | GONE_ERRNOS:
            vi, en = _os_reason(exc)
            return BackupFolderError(folder=str(folder), reason=vi, reason_en=en)
    return None


# ---------------------------------------------------------------- backup files


@dataclass(frozen=True)
class BackupFile:
    """A file with a backup's name: when it was made and why (read from the name)."""

    path: Path
    taken_at: dt.datetime  # aware, Vietnam time (as in the name)
    reason: str
    seq: int = 1  # two backups in the same second: -2, -3, …

    @property
    def name(self) -> str:
        return self.path.name

    @classmethod
    def parse(cls, path: Path) -> BackupFile | None:
        m = NAME_RE.match(Path(path).name)
        if not m:
            return None
        try:
            taken = dt.datetime.strptime(m.group(1) + m.group(2), "%Y%m%d%H%M%S").replace(tzinfo=VIETNAM)
        except ValueError:
            return None
        return cls(Path(path), taken, m.group(3), int(m.group(4) or 1))

    @property
    def sort_key(self) -> tuple[dt.datetime, int, str]:
        return (self.taken_at, self.seq, self.name)


def backup_name(now: dt.datetime, reason: str, seq: int = 1) -> str:
    stamp = now.astimezone(VIETNAM).strftime("%Y%m%d-%H%M%S")
    return f"cchc-{stamp}-{reason}{'' if seq == 1 else f'-{seq}'}.sqlite3"


def scan(folder: Path) -> list[BackupFile]:
    """The backups in ``folder``, oldest first (files with other names are not ours)."""
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return []
    found = [b for b in (BackupFile.parse(p) for p in entries if p.is_file()) if b is not None]
    return sorted(found, key=lambda b: b.sort_key)


# ---------------------------------------------------------------- the policy


class SkipReason(StrEnum):
    UNCHANGED = "unchanged"  # nothing changed since the newest backup
    TOO_RECENT = "too_recent"  # the newest backup is younger than the interval


@dataclass(frozen=True)
class BackupPlan:
    create: bool
    skip: SkipReason | None
    prune: tuple[BackupFile, ...]  # what to delete (after creating, when ``create``)
    keep: tuple[BackupFile, ...]


@dataclass(frozen=True)
class BackupPolicy:
    """When to make a backup, and which to keep. Every figure is a setting of the policy;
    the defaults keep about 30 files."""

    min_interval: dt.timedelta = dt.timedelta(minutes=10)  # for DAILY and CLOSE
    recent: int = 10  # the newest N whatever their age
    daily: int = 7  # the newest of each of the last N days (today included)
    weekly: int = 4  # … of each of the last N weeks (Monday to Sunday)
    monthly: int = 12  # … of each of the last N calendar months

    def decide(
        self, now: dt.datetime, newest: BackupFile | None, *, reason: str, changed: bool
    ) -> tuple[bool, SkipReason | None]:
        if reason in ALWAYS or newest is None:
            return True, None
        if not changed:
            return False, SkipReason.UNCHANGED  # the newest backup already holds this state
        if reason in RISKY:
            return True, None
        age = now - newest.taken_at
        if dt.timedelta(0) <= age < self.min_interval:
            return False, SkipReason.TOO_RECENT
        if reason == Reason.DAILY and age >= dt.timedelta(0) and _day(newest.taken_at) == _day(now):
            return False, SkipReason.TOO_RECENT  # one a day while open; closing makes its own
        return True, None

    def keep(self, now: dt.datetime, backups: Iterable[BackupFile]) -> set[Path]:
        """The ladder: which backups stay. A backup dated after ``now`` (a clock that was
        wrong) is kept, as nothing can be said of it."""
        ordered = sorted(backups, key=lambda b: b.sort_key, reverse=True)
        kept = {b.path for b in ordered[: self.recent]}
        kept |= {b.path for b in ordered if b.taken_at > now}
        today = _day(now)
        days = {today - dt.timedelta(days=i) for i in range(self.daily)}
        weeks = {_week(today) - dt.timedelta(weeks=i) for i in range(self.weekly)}
        months = {_add_months(_month(today), -i) for i in range(self.monthly)}
        for bucket_of, wanted in ((_day, days), (lambda t: _week(_day(t)), weeks), (lambda t: _month(_day(t)), months)):
            seen: set[dt.date] = set()
            for b in ordered:  # newest first: the first of each bucket is its newest
                bucket = bucket_of(b.taken_at)
                if bucket in wanted and bucket not in seen:
                    seen.add(bucket)
                    kept.add(b.path)
        return kept

    def plan(
        self, now: dt.datetime, existing: Sequence[BackupFile], *, reason: str = Reason.MANUAL, changed: bool = True
    ) -> BackupPlan:
        newest = max(existing, key=lambda b: b.sort_key) if existing else None
        create, skip = self.decide(now, newest, reason=reason, changed=changed)
        candidates = list(existing)
        if create:  # the one about to be made takes its place on the ladder
            candidates.append(BackupFile(Path("\0new"), now.astimezone(VIETNAM), str(reason), 1_000_000))
        kept = self.keep(now, candidates)
        return BackupPlan(
            create,
            skip,
            prune=tuple(b for b in existing if b.path not in kept),
            keep=tuple(b for b in existing if b.path in kept),
        )


DEFAULT_POLICY = BackupPolicy()


def _day(moment: dt.datetime) -> dt.date:
    return moment.astimezone(VIETNAM).date()


def _week(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _month(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _add_months(first: dt.date, months: int) -> dt.date:
    index = first.year * 12 + first.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


# ---------------------------------------------------------------- making one


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


def _paths(target: Workspace | DataPaths) -> DataPaths:
    return target if isinstance(target, DataPaths) else target.paths


def _fsync_dir(folder: Path) -> None:
    """Make a rename durable (POSIX; Windows cannot open a folder and needs no such step)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def _remove_quietly(*paths: Path) -> None:
    for p in paths:
        with contextlib.suppress(OSError):
            os.remove(p)


def _sqlite_leftovers(path: Path) -> list[Path]:
    return [Path(f"{path}{ext}") for ext in ("-journal", "-wal", "-shm")]


def _remove_stale_temps(folder: Path) -> None:
    """Temporary files of backups a power cut interrupted (never a final name)."""
    cutoff = time.time() - STALE_TEMP_SECONDS
    with contextlib.suppress(OSError):
        for p in Path(folder).iterdir():
            name = p.name
            if name.startswith(("cchc-", ".cchc-restore-")) and (TEMP_SUFFIX in name) and p.stat().st_mtime < cutoff:
                _remove_quietly(p)


def _unique_name(folder: Path, now: dt.datetime, reason: str) -> str:
    seq = 1
    while (Path(folder) / backup_name(now, reason, seq)).exists():
        seq += 1
    return backup_name(now, reason, seq)


def _copy_database(source: Path, target: Path, *, source_live: bool) -> None:
    """Copy with the online backup API into a new self-contained (rollback-journal) file."""
    with integrity.open_file(source, read_only=not source_live) as src:
        dest = sqlite3.connect(str(target), isolation_level=None)
        try:
            src.backup(dest)
            # The copy inherits WAL mode from the header; a backup must be one file.
            dest.execute("PRAGMA journal_mode=DELETE")
        finally:
            dest.close()
    _fsync_file(target)


def _read_setting(db_path: Path, key: str) -> Any:
    import json

    try:
        with integrity.open_file(db_path, read_only=False) as conn:
            row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
            return json.loads(row[0]) if row else None
    except (sqlite3.Error, ValueError):
        return None


def _unit_code(db_path: Path) -> str | None:
    try:
        with integrity.open_file(db_path, read_only=False) as conn:
            row = conn.execute("SELECT code FROM unit WHERE id = 1").fetchone()
            return str(row[0]) if row else None
    except sqlite3.Error:
        return None


def mirror_folder(paths: DataPaths) -> tuple[Path, Path] | None:
    """(the chosen second folder, the sub-folder our copies go in), or None when unset.

    Copies go in a sub-folder named after the unit, so two installations sharing a stick
    never prune each other's backups."""
    chosen = _read_setting(paths.database, "backup_folder")
    if not isinstance(chosen, str) or not chosen.strip():
        return None
    root = Path(chosen.strip()).expanduser()
    code = _unit_code(paths.database)
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
        raise (_backup_error(exc, folder, db_path) or exc) from exc
    _remove_stale_temps(folder)
    name = _unique_name(folder, moment, str(reason))
    final = folder / name
    tmp = folder / f"{name}.{os.getpid()}{TEMP_SUFFIX}"
    try:
        _copy_database(db_path, tmp, source_live=True)
        check = integrity.integrity_check(tmp)
        if not check.ok:
            # The copy is page for page the live file: the live database is damaged.
            raise CorruptDatabaseError(path=str(db_path))
        with integrity.open_file(tmp) as conn:
            summary = integrity.summarize(conn)
        size = tmp.stat().st_size
        os.replace(tmp, final)
        _fsync_dir(folder)
    except BaseException as exc:
        _remove_quietly(tmp, *_sqlite_leftovers(tmp))
        known = _backup_error(exc, folder, db_path) if not isinstance(exc, CchcError) else None
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
    ws: Workspace,
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
    target: Workspace | DataPaths,
    reason: str,
    now: dt.datetime | None = None,
    *,
    policy: BackupPolicy = DEFAULT_POLICY,
) -> BackupOutcome:
    """Ask the policy, and make the backup when it is due: what the desktop's timer, its
    close handler and the code before risky work call."""
    paths = _paths(target)
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
    if not paths.database.is_file():
        return None
    try:
        with integrity.open_file(paths.database, read_only=False) as conn:
            schema = integrity.schema_of(conn)
    except sqlite3.Error:
        return None  # opening will say what is wrong
    if not schema.applied or schema.newer or not schema.pending:
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
        _remove_stale_temps(folder)
        with open(final, "rb") as src, open(tmp, "wb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)  # a backup is not live: a file copy is right here
            dst.flush()
            os.fsync(dst.fileno())
        check = integrity.integrity_check(tmp)  # read back from the stick
        if not check.ok:
            raise OSError(5, f"the copy does not read back: {check.first_problem}")
        os.replace(tmp, target)
        _fsync_dir(folder)
    except OSError as exc:
        _remove_quietly(tmp)
        if not root.is_dir():
            return None, MirrorUnavailableError(folder=str(root), main=str(final))
        vi, en = _os_reason(exc)
        return None, MirrorFailedError(folder=str(root), main=str(final), reason=vi, reason_en=en)
    if prune:
        prune_backups(folder, now, policy)
    return target, None


# ---------------------------------------------------------------- looking at backups


class BackupState(StrEnum):
    OK = "ok"
    DAMAGED = "damaged"  # fails the integrity check or cannot be opened
    NEWER = "newer"  # made by a newer program
    NOT_OURS = "not_ours"  # a sound SQLite file, but not a Báo cáo CCHC database


@dataclass(frozen=True)
class BackupRow:
    """One backup as a list or a restore dialog shows it."""

    path: Path
    file: BackupFile | None  # None for a file that does not have a backup's name
    size: int
    check: CheckResult
    summary: DatabaseSummary | None

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def taken_at(self) -> dt.datetime | None:
        return self.file.taken_at if self.file else None

    @property
    def reason(self) -> str:
        return self.file.reason if self.file else ""

    @property
    def state(self) -> BackupState:
        if not self.check.ok or self.summary is None:
            return BackupState.DAMAGED
        if self.summary.schema.newer:
            return BackupState.NEWER
        if self.summary.schema.version == 0:
            return BackupState.NOT_OURS
        return BackupState.OK

    @property
    def ok(self) -> bool:
        return self.state is BackupState.OK

    @property
    def reports(self) -> int | None:
        return self.summary.reports if self.summary else None

    @property
    def problem(self) -> str:
        if self.state is BackupState.NOT_OURS:
            return "không phải tệp dữ liệu Báo cáo CCHC / not a Báo cáo CCHC data file"
        return self.check.first_problem


def inspect_backup(path: Path, *, full: bool = True) -> BackupRow:
    """Check one file (``full``: integrity_check, else quick_check) and read what it holds."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        return BackupRow(path, BackupFile.parse(path), 0, CheckResult(False, (str(exc),)), None)
    check = integrity.integrity_check(path) if full else integrity.quick_check(path, live=False)
    summary = None
    if check.ok:
        try:
            with integrity.open_file(path) as conn:
                summary = integrity.summarize(conn)
        except sqlite3.Error as exc:
            check = CheckResult(False, (str(exc),))
    return BackupRow(path, BackupFile.parse(path), size, check, summary)


def list_backups(
    target: Workspace | DataPaths, *, full: bool = False, folder: Path | None = None
) -> list[BackupRow]:
    """Every backup in the backups folder (or ``folder``), newest first, each checked."""
    files = scan(folder or _paths(target).backups)
    return [inspect_backup(b.path, full=full) for b in reversed(files)]


def newest_good_backup(paths: DataPaths, *, folders: Sequence[Path] = ()) -> BackupRow | None:
    """The newest backup that passes the full check and this program can open."""
    files: list[BackupFile] = []
    for f in (paths.backups, *folders):
        files.extend(scan(f))
    for b in sorted(files, key=lambda x: x.sort_key, reverse=True):
        row = inspect_backup(b.path, full=True)
        if row.ok:
            return row
    return None


# ---------------------------------------------------------------- the start-up check


class DatabaseState(StrEnum):
    OK = "ok"
    NEW = "new"  # no database yet: a first start
    DAMAGED = "damaged"


@dataclass(frozen=True)
class StartupCheck:
    """What the quick check at start found, and which backup to offer when it failed."""

    database: Path
    backups: Path
    state: DatabaseState
    problems: tuple[str, ...] = ()
    offer: BackupRow | None = None

    @property
    def ok(self) -> bool:
        return self.state is not DatabaseState.DAMAGED

    def error(self) -> CorruptDatabaseError:
        """The message to show (the GUI offers ``offer`` with a Restore button)."""
        problem = self.problems[0] if self.problems else "?"
        if self.offer is None:
            return DamagedNoBackupError(path=str(self.database), problem=problem, folder=str(self.backups))
        when = self.offer.taken_at.strftime("%H:%M %d/%m/%Y") if self.offer.taken_at else "?"
        return DamagedDatabaseError(
            path=str(self.database), problem=problem, backup=self.offer.name, when=when, reports=self.offer.reports
        )


def check_at_start(paths: DataPaths, *, folders: Sequence[Path] = ()) -> StartupCheck:
    """The quick integrity check of the live database; when it fails, the newest good
    backup to offer. For the desktop's start and ``cchc backup check``."""
    if not paths.database.exists():
        return StartupCheck(paths.database, paths.backups, DatabaseState.NEW)
    result = integrity.quick_check(paths.database)
    if result.ok:
        return StartupCheck(paths.database, paths.backups, DatabaseState.OK)
    return StartupCheck(
        paths.database, paths.backups, DatabaseState.DAMAGED, result.problems, newest_good_backup(paths, folders=folders)
    )


def ensure_sound(paths: DataPaths) -> StartupCheck:
    """The hook for ``Workspace.open``: raise the damaged-database error (offering the
    newest good backup) instead of opening a damaged file."""
    check = check_at_start(paths)
    if not check.ok:
        raise check.error()
    return check
