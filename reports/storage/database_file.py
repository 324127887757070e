"""Whole-file work on a database that no Workspace has open: copying it with SQLite's
backup API, folding its WAL in before it is swapped, and reading the one or two values a
backup needs (the second folder, the unit) before there is a Workspace.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from reports.files import fsync_file
from reports.storage import integrity


def sqlite_leftovers(path: Path) -> list[Path]:
    """The files SQLite may keep next to ``path``."""
    return [Path(f"{path}{ext}") for ext in ("-journal", "-wal", "-shm")]


def copy_database(source: Path, target: Path, *, source_live: bool) -> None:
    """Copy with the online backup API into a new self-contained (rollback-journal) file."""
    with integrity.open_file(source, read_only=not source_live) as src:
        dest = sqlite3.connect(str(target), isolation_level=None)
        try:
            src.backup(dest)
            # The copy inherits WAL mode from the header; a backup must be one file.
            dest.execute("PRAGMA journal_mode=DELETE")
        finally:
            dest.close()
    fsync_file(target)


def leave_wal(db_path: Path, *, timeout: float) -> str:
    """Fold the WAL into the file and switch it to the rollback journal; returns the
    journal mode it ends in (not ``delete`` while another connection holds the file).
    Raises sqlite3.OperationalError (locked, busy) when another program holds it."""
    with integrity.open_file(db_path, read_only=False, timeout=timeout) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return str(conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0]).lower()


def read_setting(db_path: Path, key: str) -> Any:
    """One setting's value, or None when it is unset or the file cannot be read."""
    try:
        with integrity.open_file(db_path, read_only=False) as conn:
            row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
            return json.loads(row[0]) if row else None
    except (sqlite3.Error, ValueError):
        return None


def unit_code(db_path: Path) -> str | None:
    """The installation's unit code, or None (not set up, or unreadable)."""
    try:
        with integrity.open_file(db_path, read_only=False) as conn:
            row = conn.execute("SELECT code FROM unit WHERE id = 1").fetchone()
            return str(row[0]) if row else None
    except sqlite3.Error:
        return None
