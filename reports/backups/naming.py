"""A backup's file name says when it was made and why: ``cchc-YYYYMMDD-HHMMSS-<reason>.sqlite3``
(Vietnam time; ``-2``, ``-3``… for a second one in the same second). A file with such a
name is always a whole, checked database: backups are written under a temporary name first.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import time
from dataclasses import dataclass
from pathlib import Path

from reports.clock import VIETNAM
from reports.files import remove_quietly

NAME_RE = re.compile(r"^cchc-(\d{8})-(\d{6})-([a-z]+(?:-[a-z]+)*)(?:-(\d+))?\.sqlite3$")
TEMP_SUFFIX = ".tmp"
STALE_TEMP_SECONDS = 3600


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
            # ISO 8601's basic format; strptime would load _strptime (and locale, calendar) at
            # every start, for the clock check's look at the newest backup.
            taken = dt.datetime.fromisoformat(f"{m.group(1)}T{m.group(2)}").replace(tzinfo=VIETNAM)
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


def unique_name(folder: Path, now: dt.datetime, reason: str) -> str:
    seq = 1
    while (Path(folder) / backup_name(now, reason, seq)).exists():
        seq += 1
    return backup_name(now, reason, seq)


def remove_stale_temps(folder: Path) -> None:
    """Temporary files of backups (and restores) a power cut interrupted (never a final name)."""
    cutoff = time.time() - STALE_TEMP_SECONDS
    with contextlib.suppress(OSError):
        for p in Path(folder).iterdir():
            name = p.name
            if name.startswith(("cchc-", ".cchc-restore-")) and (TEMP_SUFFIX in name) and p.stat().st_mtime < cutoff:
                remove_quietly(p)
