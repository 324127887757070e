"""Every database the program ever shipped opens in the newest version.

tests/fixtures/schema-N.sqlite3 was made at schema N (tools/make_fixture_db.py). A copy of
each is opened the way the program opens its data folder; every report must survive with
its values and status, and the audit chain must still verify.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from reports.backups import backup, startup
from reports.paths import DataPaths
from reports.storage import audit, integrity
from reports.storage.migrations import known_names, schema_version
from reports.workspace import Workspace

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
VERSIONS = sorted(int(p.stem.split("-")[1]) for p in FIXTURES.glob("schema-*.sqlite3"))


def rows(path: Path) -> dict[str, dict[str, Any]]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        conn.row_factory = sqlite3.Row
        return {
            r["uid"]: {k: r[k] for k in r.keys() if k not in ("id",)}  # noqa: SIM118 - sqlite3.Row
            for r in conn.execute("SELECT * FROM reports")
        }
    finally:
        conn.close()


def test_every_schema_version_has_a_fixture() -> None:
    missing = [n for n in range(1, schema_version() + 1) if not (FIXTURES / f"schema-{n}.sqlite3").exists()]
    assert not missing, (
        f"no fixture database for schema {missing} ({', '.join(known_names()[n - 1] for n in missing)}): "
        "run `.venv/bin/python tools/make_fixture_db.py` once the migration is final, and commit the file"
    )


def test_fixtures_are_what_their_names_say() -> None:
    for n in VERSIONS:
        with integrity.open_file(FIXTURES / f"schema-{n}.sqlite3") as conn:
            assert integrity.schema_of(conn).applied == tuple(known_names()[:n])
            statuses = {r[0] for r in conn.execute("SELECT status FROM reports")}
            assert {"draft", "final"} <= statuses and len(statuses) >= 3
        assert integrity.integrity_check(FIXTURES / f"schema-{n}.sqlite3").ok


@pytest.mark.parametrize("version", VERSIONS)
def test_an_old_database_opens_in_the_newest_version(tmp_path: Path, version: int) -> None:
    source = FIXTURES / f"schema-{version}.sqlite3"
    before = rows(source)
    paths = DataPaths(tmp_path / "data")
    paths.ensure()
    shutil.copyfile(source, paths.database)

    # What Workspace.open does (with the hooks of reports.backups.backup): check, back up, migrate.
    startup.ensure_sound(paths)
    kept = backup.backup_before_migration(paths)
    if version < schema_version():
        assert kept is not None and kept.summary.schema.version == version
        assert rows(kept.path) == before
    ws = Workspace.open(paths.root)
    try:
        with integrity.open_file(paths.database, read_only=False) as conn:
            assert integrity.schema_of(conn).version == schema_version()
        after = rows(paths.database)
        # every report, every column it had, unchanged (later migrations may add columns)
        assert {uid: {k: r[k] for k in before[uid]} for uid, r in after.items()} == before
        for report in ws.store.list():
            assert report.values == json.loads(before[report.uid]["values_json"])
            assert report.status.value == before[report.uid]["status"]
            ws.store.evaluate(report)  # its form definition still reads
        check = audit.verify(ws.db)
        assert check.ok and check.entries > 0
        # …and the data still works: a new report, an edit, all logged.
        new = ws.store.create("2026-05")
        ws.store.set_values(new.id, {"next_tasks": "Sau khi nâng cấp."})
        assert audit.verify(ws.db).ok
    finally:
        ws.close()
    assert integrity.integrity_check(paths.database, live=True).ok
    assert backup.backup_before_migration(paths) is None  # nothing pending any more


@pytest.mark.parametrize("version", VERSIONS)
def test_migrating_twice_changes_nothing(tmp_path: Path, version: int) -> None:
    paths = DataPaths(tmp_path / "data")
    paths.ensure()
    shutil.copyfile(FIXTURES / f"schema-{version}.sqlite3", paths.database)
    Workspace.open(paths.root).close()
    first = integrity.file_digest(paths.database, live=True)
    Workspace.open(paths.root).close()
    assert integrity.file_digest(paths.database, live=True) == first
