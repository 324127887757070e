"""The evidence folder seen from outside the store: whether the files a database links are
there (the start-up check) and which files a database links (what restoring it may need).

Apart from reports/storage/evidence.py so that the window's start-up check does not load the
evidence store and its records: the window opens no scoring report before it is shown.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class FileState:
    sha256: str
    path: Path
    state: str  # "ok", "missing" or "damaged"


def quick_file_check(conn: sqlite3.Connection, folder: Path) -> list[FileState]:
    """The start-up check's look at evidence: every linked file present with its size
    (hashing every file at each start would grow with the folder; ``score show`` hashes)."""
    try:
        rows = conn.execute(
            "SELECT DISTINCT f.sha256, f.size FROM evidence e JOIN evidence_files f USING (sha256)"
        ).fetchall()
    except sqlite3.Error:  # an older schema without evidence tables
        return []
    out = []
    for sha, size in rows:
        p = Path(folder) / sha[:2] / sha
        try:
            st = p.stat()
        except OSError:
            out.append(FileState(sha, p, "missing"))
            continue
        if st.st_size != size:
            out.append(FileState(sha, p, "damaged"))
    return out


def linked_hashes(conn: sqlite3.Connection) -> set[str]:
    """Every evidence file a database (a live one or a backup copy) links to a criterion: what
    restoring it may need. Empty for a schema from before evidence; ``sqlite3.Error`` for a
    file that cannot be read."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()}
    if "evidence" not in tables:
        return set()
    return {r[0] for r in conn.execute("SELECT DISTINCT sha256 FROM evidence").fetchall()}
