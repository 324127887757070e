"""Opening the installation's SQLite file, and telling the environment's errors from bugs.

One file per installation, WAL journal, foreign keys on, a busy timeout, ``synchronous=FULL``
so a committed edit survives a power cut. ``Database`` is the handle the storage modules share:
the connection in autocommit mode plus ``atomic()`` (a transaction, or a savepoint inside one).
The store needs only these few calls, so they are not worth importing sqlite-utils for (35–100 ms
of every command's start: its large db module, click); sqlite-utils applies the migrations
(``migration_set``), imported only when a database is behind. SQLite errors that are the environment's fault
(disk full, read-only folder, a damaged file, a file from a newer program) become expected
errors with a plain message; anything else propagates as a bug.
"""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from reports.errors import CchcError

DB_FILE_NAME = "cchc.sqlite3"
BUSY_TIMEOUT_MS = 10_000


class DiskFullError(CchcError):
    code = "db.disk_full"
    vi = "Ổ đĩa đã đầy nên không lưu được. Hãy xóa bớt tệp không cần thiết (hoặc chọn ổ khác) rồi thử lại; dữ liệu đã lưu trước đó không bị ảnh hưởng."
    en = "The disk is full, so nothing could be saved. Free some space (or choose another drive) and try again; data saved before is unaffected."


class ReadOnlyError(CchcError):
    code = "db.read_only"
    vi = "Không ghi được vào thư mục dữ liệu {path}: thư mục chỉ cho đọc. Hãy kiểm tra quyền ghi hoặc chọn thư mục dữ liệu khác."
    en = "Cannot write to the data folder {path}: it is read-only. Check its permissions or choose another data folder."


class CorruptDatabaseError(CchcError):
    code = "db.corrupt"
    vi = "Tệp dữ liệu {path} bị hỏng. Hãy khôi phục từ bản sao lưu gần nhất (Cài đặt → Sao lưu, hoặc lệnh: cchc backup restore)."
    en = "The data file {path} is damaged. Restore the newest backup (Settings → Backups, or: cchc backup restore)."


class NewerDatabaseError(CchcError):
    code = "db.newer"
    vi = "Tệp dữ liệu {path} được tạo bởi phiên bản mới hơn của chương trình. Hãy cài phiên bản mới nhất của Báo cáo CCHC để mở."
    en = "The data file {path} was made by a newer version of the program. Install the newest Báo cáo CCHC to open it."


class NotInitialisedError(CchcError):
    code = "db.not_initialised"
    vi = "Chưa thiết lập đơn vị trong thư mục dữ liệu {path}. Hãy chạy: cchc init --unit-code MÃ --unit-name TÊN --province TỈNH (hoặc mở chương trình để thiết lập)."
    en = "No unit is set up in the data folder {path}. Run: cchc init --unit-code CODE --unit-name NAME --province PROVINCE (or open the program to set it up)."


def classify(exc: sqlite3.Error, path: Path | str) -> CchcError | None:
    """The expected error for ``exc``, or None when it is a bug."""
    text = str(exc).lower()
    code = getattr(exc, "sqlite_errorcode", None)
    if code == sqlite3.SQLITE_FULL or "database or disk is full" in text:
        return DiskFullError()
    if code in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN) or "readonly" in text or "unable to open" in text:
        return ReadOnlyError(path=str(path))
    if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB) or "malformed" in text or "not a database" in text:
        return CorruptDatabaseError(path=str(path))
    if getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_IOERR or "disk i/o error" in text:
        return DiskFullError()
    return None


Parameters = Sequence[Any] | dict[str, Any]


class Database:
    """The open database file: SQL goes through ``execute``; ``atomic()`` groups writes.

    The connection is in autocommit mode (``isolation_level=None``): a statement outside
    ``atomic()`` commits by itself, and nothing opens a transaction behind the code's back."""

    _savepoints = itertools.count(1)

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def execute(self, sql: str, parameters: Parameters | None = None) -> sqlite3.Cursor:
        return self.conn.execute(sql) if parameters is None else self.conn.execute(sql, parameters)

    def query(self, sql: str, parameters: Parameters | None = None) -> Iterator[dict[str, Any]]:
        """The rows of ``sql`` as dictionaries keyed by column name."""
        cursor = self.execute(sql, parameters)
        keys = [d[0] for d in cursor.description or ()]
        for row in cursor:
            yield dict(zip(keys, row, strict=True))

    def table_names(self) -> list[str]:
        return [r[0] for r in self.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]

    def iterdump(self) -> Iterator[str]:
        return self.conn.iterdump()

    @contextmanager
    def atomic(self) -> Iterator[Database]:
        """All or nothing: a transaction, or inside one a savepoint that an error rolls back
        alone (the outer transaction goes on)."""
        if self.conn.in_transaction:
            name = f"cchc_{next(self._savepoints)}"
            self.conn.execute(f"SAVEPOINT {name}")
            try:
                yield self
            except BaseException:
                # A RAISE(ROLLBACK) trigger may have ended the whole transaction already.
                if self.conn.in_transaction:
                    self.conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                    self.conn.execute(f"RELEASE SAVEPOINT {name}")
                raise
            self.conn.execute(f"RELEASE SAVEPOINT {name}")
            return
        self.conn.execute("BEGIN")
        try:
            yield self
        except BaseException:
            self._rollback()
            raise
        try:
            self.conn.execute("COMMIT")
        except BaseException:
            self._rollback()
            raise

    def _rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def close(self) -> None:
        self.conn.close()


def connect(path: Path) -> Database:
    """Open (creating if needed) the database file with the project's pragmas."""
    try:
        conn = sqlite3.connect(
            str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
        )
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys=ON")
        mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        if str(mode).lower() != "wal":  # pragma: no cover - e.g. a network drive without shared memory
            conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA recursive_triggers=ON")  # as sqlite-utils set it, which the schema was written under
    except sqlite3.Error as exc:
        known = classify(exc, path)
        if known:
            raise known from exc
        raise
    return Database(conn)
