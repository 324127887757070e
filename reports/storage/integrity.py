"""Is a database file sound, which schema does it have, and what does it hold.

Read-only looks at a database file — the live one at start-up, or a backup before it is
listed or restored — through a connection of their own, never the workspace's.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reports.clock import parse_iso

MIGRATION_SET = "cchc"  # reports.storage.migrations.migrations = Migrations("cchc")
# Small tables are hashed row by row for the change digest; in larger ones a change shows
# in the row count, the highest rowid, an ``updated_at`` column or the audit log.
SMALL_TABLE_ROWS = 500


@dataclass(frozen=True)
class CheckResult:
    ok: bool
    problems: tuple[str, ...] = ()

    @property
    def first_problem(self) -> str:
        return self.problems[0] if self.problems else ""


@dataclass(frozen=True)
class SchemaInfo:
    """The migrations applied to a database, against those this program knows."""

    applied: tuple[str, ...]
    known: tuple[str, ...]

    @property
    def version(self) -> int:
        """How many of our migrations are applied (0: not a database of this program)."""
        return sum(1 for name in self.applied if name in self.known)

    @property
    def newer(self) -> bool:
        """Migrated by a newer program: it has migrations this one does not know."""
        return any(name not in self.known for name in self.applied)

    @property
    def pending(self) -> tuple[str, ...]:
        return tuple(name for name in self.known if name not in self.applied)


@dataclass(frozen=True)
class DatabaseSummary:
    """What a database holds, in the terms a restore dialog shows."""

    schema: SchemaInfo
    reports: int
    report_uids: frozenset[str]
    newest_change: str | None  # ISO-8601 UTC: the latest time a report changed
    newest_period: str | None  # the latest period code with a report
    unit_code: str | None
    unit_name: str | None
    audit_entries: int

    @property
    def newest_change_at(self) -> dt.datetime | None:
        return parse_iso(self.newest_change) if self.newest_change else None


def _uri(path: Path, *, read_only: bool) -> str:
    uri = Path(path).resolve().as_uri()
    if not read_only:
        return uri + "?mode=rw"
    # A file that is not live (a backup) is opened immutable, so that reading it never
    # leaves -wal/-shm files next to it; a file with a -wal beside it is read through it.
    wal = Path(str(path) + "-wal")
    return uri + ("?mode=ro" if wal.exists() else "?mode=ro&immutable=1")


@contextlib.contextmanager
def open_file(path: Path, *, read_only: bool = True, timeout: float = 10.0) -> Iterator[sqlite3.Connection]:
    """A connection to an existing database file (never creates one)."""
    conn = sqlite3.connect(_uri(path, read_only=read_only), uri=True, timeout=timeout, isolation_level=None)
    try:
        yield conn
    finally:
        conn.close()


def _check(path: Path, pragma: str, *, read_only: bool) -> CheckResult:
    if not Path(path).is_file():
        return CheckResult(False, ("không có tệp / no such file",))
    try:
        with open_file(path, read_only=read_only) as conn:
            rows = [str(r[0]) for r in conn.execute(f"PRAGMA {pragma}(20)").fetchall()]
    except sqlite3.Error as exc:
        code = getattr(exc, "sqlite_errorcode", None)
        if code in (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_READONLY, sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED,
                    sqlite3.SQLITE_PERM, sqlite3.SQLITE_FULL):
            # Not damage: a read-only folder, a full disk or a lock. Opening the database
            # properly says what is wrong; calling it damaged would offer a needless restore.
            return CheckResult(True, (str(exc),))
        return CheckResult(False, (str(exc),))
    if rows == ["ok"]:
        return CheckResult(True)
    return CheckResult(False, tuple(rows) or ("no answer",))


def quick_check(db_path: Path, *, live: bool = True) -> CheckResult:
    """``PRAGMA quick_check``: fast enough for every start (``live``: the installation's own
    database, which other connections may be using; else a backup file)."""
    return _check(db_path, "quick_check", read_only=not live)


def integrity_check(path: Path, *, live: bool = False) -> CheckResult:
    """``PRAGMA integrity_check``: the full check, for backups before they are kept or restored."""
    return _check(path, "integrity_check", read_only=not live)


def known_migrations() -> tuple[str, ...]:
    from reports.storage.migrations import known_names

    return tuple(known_names())


def schema_of(conn: sqlite3.Connection) -> SchemaInfo:
    has_table = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'"
    ).fetchone()
    applied: tuple[str, ...] = ()
    if has_table:
        applied = tuple(
            r[0]
            for r in conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid", (MIGRATION_SET,)
            )
        )
    return SchemaInfo(applied, known_migrations())


def migration_pending(path: Path) -> bool:
    """Whether the existing database at ``path`` has migrations to apply (not a new, empty or
    unreadable file, nor one a newer program made: ``migrate`` refuses that one anyway)."""
    if not Path(path).is_file():
        return False
    try:
        with open_file(path, read_only=False) as conn:
            schema = schema_of(conn)
    except sqlite3.Error:
        return False  # opening will say what is wrong
    return bool(schema.applied and not schema.newer and schema.pending)


def _tables(conn: sqlite3.Connection) -> list[str]:
    return [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]


def summarize(conn: sqlite3.Connection) -> DatabaseSummary:
    tables = set(_tables(conn))
    reports, uids, newest_change, newest_period = 0, frozenset[str](), None, None
    if "reports" in tables:
        reports, newest_change, newest_period = conn.execute(
            "SELECT count(*), max(updated_at), max(period) FROM reports"
        ).fetchone()
        uids = frozenset(r[0] for r in conn.execute("SELECT uid FROM reports"))
    unit_code = unit_name = None
    if "unit" in tables:
        row = conn.execute("SELECT code, name FROM unit WHERE id = 1").fetchone()
        if row:
            unit_code, unit_name = row
    entries = conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] if "audit_log" in tables else 0
    return DatabaseSummary(schema_of(conn), int(reports), uids, newest_change, newest_period, unit_code, unit_name,
                           int(entries))


def _row_text(row: tuple[Any, ...]) -> str:
    # Blobs (signed PDFs, packages) never change in place: their length stands for them.
    return json.dumps([f"<{len(v)} bytes>" if isinstance(v, bytes) else v for v in row], default=str)


def state_digest(conn: sqlite3.Connection) -> str:
    """A digest that changes when the database's content changes, without reading every row.

    Made of, for each table: its row count and highest rowid; every row of the small tables
    (unit, settings, migrations, …); the latest ``updated_at`` where a table has one; the
    audit log's last hash; and the schema's text. Every edit and transition of a report is in
    the audit log, so the chain's head covers the large tables.
    """
    import hashlib  # loads OpenSSL (~4 ms): imported where a hash is made, not by the window's start

    h = hashlib.sha256()
    # The schema's text, not its cookie: the backup API gives the copy a cookie of its own.
    for (sql,) in conn.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name"):
        h.update(sql.encode("utf-8"))
    for table in _tables(conn):
        quoted = f'"{table}"'
        try:
            count, top = conn.execute(f"SELECT count(*), max(rowid) FROM {quoted}").fetchone()
        except sqlite3.OperationalError:  # a WITHOUT ROWID table
            count, top = conn.execute(f"SELECT count(*), NULL FROM {quoted}").fetchone()
        h.update(f"\n{table}:{count}:{top}".encode())
        columns = _columns(conn, table)
        if "updated_at" in columns:
            h.update(str(conn.execute(f"SELECT max(updated_at) FROM {quoted}").fetchone()[0]).encode())
        if count <= SMALL_TABLE_ROWS:
            for row in conn.execute(f"SELECT * FROM {quoted} ORDER BY 1"):
                h.update(_row_text(row).encode("utf-8"))
    if "audit_log" in _tables(conn):
        head = conn.execute("SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
        h.update(f"\naudit:{head[0] if head else ''}".encode())
    return h.hexdigest()


def file_digest(path: Path, *, live: bool = False) -> str | None:
    """``state_digest`` of a database file (``live``: the installation's own, which other
    connections may be writing), or None when it cannot be read."""
    try:
        with open_file(path, read_only=not live) as conn:
            return state_digest(conn)
    except sqlite3.Error:
        return None
