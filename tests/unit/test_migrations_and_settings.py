"""Migrations (empty, populated and newer databases), the form registry's immutable versions, the
store's policy, and the typed settings table."""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

import pytest

from forms.periods import DeadlinePolicy, Period
from reports.clock import iso
from reports.storage import audit, migrations
from reports.storage.database import Database, NewerDatabaseError, connect
from reports.storage.form_registry import FormRegistry, FormVersionConflictError
from reports.storage.settings import SETTINGS, Setting, SettingError, Settings
from reports.storage.store import (
    ReportStore,
)
from reports.storage.unit import save_unit
from reports.workspace import Workspace
from tests.unit.store_support import (
    UNIT,
    Clock,
    final,
    make_store,
    valid_draft,
)

# --- migrations -------------------------------------------------------------------------------

TABLES_M001 = {"unit", "settings", "form_definitions", "reports", "audit_log", "doc_numbers"}
TABLES_M002 = {"bound_certificates", "trust_roots", "packages", "package_reports"}


def test_migrations_on_an_empty_database(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite3"
    db = connect(path)
    assert migrations.migrate(db, str(path)) == migrations.known_names()
    assert migrations.known_names()[:2] == ["m001_initial", "m002_sync"]
    assert set(db.table_names()) >= TABLES_M001 | TABLES_M002
    assert db.execute("PRAGMA user_version").fetchone()[0] == migrations.schema_version()
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert migrations.migrate(db, str(path)) == []  # a second run does nothing
    db.close()


def test_migrations_on_a_populated_database(tmp_path: Path, clock: Clock) -> None:
    path = tmp_path / "old.sqlite3"
    db = connect(path)
    migrations.migrations.apply(db, stop_before="m002_sync")
    assert set(db.table_names()) >= TABLES_M001
    assert not TABLES_M002 & set(db.table_names())
    FormRegistry(db).install_builtins(iso(clock()))
    save_unit(db, UNIT, iso(clock()))
    store = make_store(db, clock)
    rid = final(store)
    draft = valid_draft(store, "2026-12", next_tasks="Việc kỳ tới")
    before = {r.id: r for r in store.list()}
    log_before = audit.entries(db)
    assert migrations.migrate(db, str(path)) == migrations.known_names()[1:]
    assert set(db.table_names()) >= TABLES_M002
    store = make_store(db, clock)
    assert {r.id: r for r in store.list()} == before
    assert store.get(rid).doc_number == 1
    assert store.get(draft).values["next_tasks"] == "Việc kỳ tới"
    assert audit.entries(db) == log_before
    assert audit.verify(db).ok
    db.close()


def test_a_database_from_a_newer_program_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "data"
    ws = Workspace.open(data)
    ws.db.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, ?, ?)",
                  ("cchc", "m999_from_the_future", "2031-01-01 00:00:00+00:00"))
    ws.close()
    db = connect(data / "cchc.sqlite3")
    with pytest.raises(NewerDatabaseError):
        migrations.migrate(db, str(data / "cchc.sqlite3"))
    db.close()
    with pytest.raises(NewerDatabaseError) as exc_info:
        Workspace.open(data)
    assert str(data / "cchc.sqlite3") in exc_info.value.message("vi")
    assert "newer version" in exc_info.value.message("en")
    assert exc_info.value.exit_code == 2


def test_form_registry_keeps_versions_immutable(db: Database, clock: Clock) -> None:
    forms = FormRegistry(db)
    d = forms.get("cchc-xa")
    assert d.key == "cchc-xa@1"
    assert not forms.install(d, iso(clock()))  # the same text again: nothing to do
    changed = type(d)(**{**d.__dict__, "source_text": d.source_text + "\n# sửa\n"})
    with pytest.raises(FormVersionConflictError):
        forms.install(changed, iso(clock()))
    assert [x.key for x in forms.list()] == ["cchc-xa@1", "tu-cham-diem-xa@1", "tu-cham-diem-xa@2"]


def test_the_policy_of_the_store(db: Database, clock: Clock) -> None:
    store = ReportStore(
        db, FormRegistry(db), UNIT, actor="x", clock=clock, policy=DeadlinePolicy(deadline_day=20)
    )
    r = store.create(Period.parse("2026-11"))
    assert store.deadline(r) == dt.date(2026, 11, 20)
    clock.set_local(2026, 11, 20, 23, 0)
    assert not store.is_late(r)
    clock.set_local(2026, 11, 21, 0, 30)
    assert store.is_late(r)


# --- settings ---------------------------------------------------------------------------------


def test_every_setting_is_declared_completely() -> None:
    keys = [s.key for s in SETTINGS]
    assert len(keys) == len(set(keys))
    for s in SETTINGS:
        assert isinstance(s, Setting)
        assert s.key.isidentifier() and s.key == s.key.lower(), s.key
        assert s.type in (str, int, bool), s.key
        assert type(s.default) is s.type, s.key
        assert s.check(s.default) == s.default, s.key
        assert s.description_vi.strip() and s.description_en.strip(), s.key
        assert s.description_vi != s.description_en, s.key
        assert unicodedata.is_normalized("NFC", s.description_vi), s.key
        if s.choices:
            assert s.default in s.choices, s.key
        if s.minimum is not None or s.maximum is not None:
            assert s.type is int, s.key
    with pytest.raises(AttributeError):
        SETTINGS[0].key = "x"  # type: ignore[misc]


def test_settings_are_typed_and_checked(db: Database) -> None:
    settings = Settings(db)
    assert settings.get("cutoff_day") == 14
    assert settings.set("cutoff_day", "20") == 20
    assert settings.get("cutoff_day") == 20
    for key, bad in (("cutoff_day", "29"), ("cutoff_day", "mười"), ("language", "fr"), ("khong_co", 1)):
        with pytest.raises(SettingError):
            settings.set(key, bad)
    assert settings.set("pkcs11_raw_mechanism", "có") is True
    db.execute("UPDATE settings SET value = '\"hỏng\"' WHERE key = 'cutoff_day'")
    assert settings.get("cutoff_day") == 14  # a damaged stored value falls back to the default
    assert set(settings.all()) == {s.key for s in SETTINGS}
