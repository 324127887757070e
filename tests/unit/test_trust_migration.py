"""m005_trust on databases made before it: the new statuses fit, old definitions get an origin,
imported reports get their arrival (the import time they already had)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from reports.storage.database import connect
from reports.storage.migrations import migrate

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def migrated(tmp_path: Path, version: int = 4) -> sqlite3.Connection:
    path = tmp_path / "db.sqlite3"
    shutil.copyfile(FIXTURES / f"schema-{version}.sqlite3", path)
    db = connect(path)
    migrate(db, str(path))
    return db.conn


def test_new_statuses_fit_and_nonsense_still_does_not(tmp_path: Path) -> None:
    conn = migrated(tmp_path)
    for status in ("exported", "received"):
        conn.execute("UPDATE reports SET status = ? WHERE id = 1", (status,))
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("UPDATE reports SET status = 'lost' WHERE id = 1")
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_shipped_definitions_are_builtin(tmp_path: Path) -> None:
    conn = migrated(tmp_path)
    origins = {r[0] for r in conn.execute("SELECT origin FROM form_definitions")}
    assert origins == {"builtin"}


def test_a_definition_a_reviewer_got_from_a_commune_is_marked_as_such(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    shutil.copyfile(FIXTURES / "schema-4.sqlite3", path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE unit SET role = 'reviewer', code = '75'")
    conn.execute(
        "INSERT INTO form_definitions (form_id, version, title, kind, source, sha256, installed_at)"
        " VALUES ('cchc-xa', 2, 'x', 'report', 'x', 'ab', '2026-01-01T00:00:00Z')"
    )
    conn.commit()
    conn.close()
    db = connect(path)
    migrate(db, str(path))
    rows = dict(db.execute("SELECT version, origin FROM form_definitions WHERE form_id = 'cchc-xa'").fetchall())
    assert rows == {1: "builtin", 2: "commune"}  # kept for its reports, never published by itself
