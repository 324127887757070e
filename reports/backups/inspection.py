"""Looking at backups: is a file sound, which schema, what does it hold; the list a window
shows and the newest good one to offer."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from reports.backups.naming import BackupFile, scan
from reports.paths import DataPaths, OpenInstallation, paths_of
from reports.storage import integrity
from reports.storage.integrity import CheckResult, DatabaseSummary


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
    target: OpenInstallation | DataPaths, *, full: bool = False, folder: Path | None = None
) -> list[BackupRow]:
    """Every backup in the backups folder (or ``folder``), newest first, each checked."""
    files = scan(folder or paths_of(target).backups)
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
