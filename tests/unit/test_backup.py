"""Backups: making and checking them, the second folder, restoring (round trip, damaged, newer,
older), the start-up check and the `cchc backup` commands (the policy: test_backup_policy.py)."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from reports.backups import backup, inspection, naming, startup
from reports.backups import restore as restore_mod
from reports.backups.errors import (
    BackupDamagedError,
    BackupDiskFullError,
    BackupNewerError,
    BackupNotFoundError,
    DatabaseInUseError,
    MirrorUnavailableError,
)
from reports.backups.policy import BackupPolicy, Reason, SkipReason
from reports.backups.startup import DamagedDatabaseError, DamagedNoBackupError, DatabaseState
from reports.cli.main import main
from reports.clock import VIETNAM
from reports.paths import DataPaths
from reports.sample import fill_sample
from reports.storage import audit, integrity
from reports.storage.database import CorruptDatabaseError
from reports.storage.migrations import schema_version
from reports.storage.unit import Role, Unit
from reports.workspace import Workspace

UNIT = Unit(role=Role.COMMUNE, code="26734", name="Xã Tân Phú", province_name="Tỉnh Đồng Nai",
            province_code="75", reviewer_code="75")
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


class Clock:
    def __init__(self, moment: dt.datetime) -> None:
        self.now = moment

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> dt.datetime:
        self.now += dt.timedelta(**delta)
        return self.now


def local(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=VIETNAM)


@pytest.fixture
def clock() -> Clock:
    return Clock(local(2026, 11, 16, 9, 0))


@pytest.fixture
def ws(data_dir: Path, clock: Clock) -> Iterator[Workspace]:
    w = Workspace.open(data_dir, clock=clock, actor="cán bộ thử")
    w.initialise(UNIT)
    fill_sample(w, 2)
    yield w
    w.close()


def report_rows(db_path: Path) -> dict[str, tuple[str, str]]:
    with integrity.open_file(db_path, read_only=False) as conn:
        return {uid: (status, values) for uid, status, values in conn.execute(
            "SELECT uid, status, values_json FROM reports")}


def reopen(ws: Workspace) -> Workspace:
    return Workspace.open(ws.paths.root, clock=ws.clock, actor=ws.actor)



# ---------------------------------------------------------------- making backups


def test_backup_is_a_checked_single_file_with_its_final_name(ws: Workspace, clock: Clock) -> None:
    result = backup.create_backup(ws, Reason.MANUAL, clock())
    assert result.path.parent == ws.paths.backups
    assert result.path.name == "cchc-20261116-090000-manual.sqlite3"
    assert integrity.integrity_check(result.path).ok
    assert result.summary.reports == 3 and result.summary.unit_code == "26734"
    assert result.summary.schema.version == schema_version()
    with open(result.path, "rb") as fh:  # rollback-journal mode: the file alone is the whole database
        assert fh.read(20)[18:20] == b"\x01\x01"
    # (the evidence/ folder beside the copies holds the evidence files, by hash)
    assert sorted(p.name for p in ws.paths.backups.iterdir() if p.is_file()) == [result.path.name]
    assert report_rows(result.path) == report_rows(ws.paths.database)
    again = backup.create_backup(ws, Reason.MANUAL, clock())  # same second: a second name
    assert again.path.name == "cchc-20261116-090000-manual-2.sqlite3"


def test_backup_sees_only_committed_data(ws: Workspace, clock: Clock) -> None:
    committed = report_rows(ws.paths.database)
    with pytest.raises(RuntimeError), ws.db.atomic():  # an edit in progress on the workspace's connection
        ws.db.execute("UPDATE reports SET values_json = '{}'")
        result = backup.create_backup(ws, Reason.MANUAL, clock())
        raise RuntimeError("roll back")
    assert report_rows(result.path) == committed


def test_backup_if_due_with_an_injected_clock(ws: Workspace, clock: Clock) -> None:
    first = backup.backup_if_due(ws, Reason.CLOSE)
    assert first.result is not None
    assert backup.backup_if_due(ws, Reason.CLOSE, clock.advance(hours=2)).plan.skip is SkipReason.UNCHANGED
    rid = ws.store.create("2026-05").id
    assert backup.backup_if_due(ws, Reason.CLOSE, clock.advance(minutes=1)).result is not None
    ws.store.set_values(rid, {"next_tasks": "Hoàn thiện hồ sơ."})
    assert backup.backup_if_due(ws, Reason.CLOSE, clock.advance(minutes=5)).plan.skip is SkipReason.TOO_RECENT
    assert backup.backup_if_due(ws, Reason.BEFORE_IMPORT, clock.advance(minutes=1)).result is not None
    ws.settings.set("cutoff_day", 20)  # not a report, still a change
    assert backup.backup_if_due(ws, Reason.DAILY, clock.advance(minutes=30)).plan.skip is SkipReason.TOO_RECENT
    assert backup.backup_if_due(ws, Reason.CLOSE, clock.advance(minutes=1)).result is not None
    ws.update_unit(signer_name="Trần Thị Bình")
    assert backup.backup_if_due(ws, Reason.DAILY, clock.advance(days=1)).result is not None
    reasons = [b.reason for b in naming.scan(ws.paths.backups)]
    assert reasons == ["close", "close", "before-import", "close", "daily"]


def test_pruning_touches_only_backup_files(ws: Workspace, clock: Clock) -> None:
    folder = ws.paths.backups
    (folder / "ghi-chu.txt").write_text("của người dùng", encoding="utf-8")
    policy = BackupPolicy(recent=2, daily=0, weekly=0, monthly=0)
    for _ in range(4):
        backup.create_backup(ws, Reason.MANUAL, clock.advance(days=1), policy=policy)
    names = sorted(p.name for p in folder.iterdir() if p.is_file())
    assert names == ["cchc-20261119-090000-manual.sqlite3", "cchc-20261120-090000-manual.sqlite3", "ghi-chu.txt"]


def test_stale_temporary_files_are_cleaned_and_never_listed(ws: Workspace, clock: Clock) -> None:
    stale = ws.paths.backups / "cchc-20261101-080000-close.sqlite3.4242.tmp"
    stale.write_bytes(b"half a backup")
    os.utime(stale, (1, 1))
    fresh = ws.paths.backups / "cchc-20261116-085959-close.sqlite3.4243.tmp"
    fresh.write_bytes(b"another process, still writing")
    assert inspection.list_backups(ws) == []
    backup.create_backup(ws, Reason.MANUAL, clock())
    assert not stale.exists() and fresh.exists()


def test_a_failed_backup_leaves_no_file(ws: Workspace, clock: Clock, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(source: Path, target: Path, *, source_live: bool) -> None:
        target.write_bytes(b"SQLite format 3\0 half")
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(backup, "copy_database", full)
    with pytest.raises(BackupDiskFullError) as info:
        backup.create_backup(ws, Reason.MANUAL, clock())
    assert "Không đủ chỗ trống để sao lưu" in info.value.message("vi")
    assert list(ws.paths.backups.iterdir()) == []


def test_a_damaged_database_is_never_backed_up_as_good(ws: Workspace, clock: Clock) -> None:
    ws.close()
    corrupt_pages(ws.paths.database)
    with pytest.raises(CorruptDatabaseError):
        backup.make_backup(ws.paths, Reason.MANUAL, clock())
    assert naming.scan(ws.paths.backups) == []


# ---------------------------------------------------------------- the second folder


def test_second_folder_gets_a_checked_copy_and_its_own_ladder(ws: Workspace, clock: Clock, tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    ws.settings.set("backup_folder", str(usb))
    policy = BackupPolicy(recent=2, daily=0, weekly=0, monthly=0)
    results = [backup.create_backup(ws, Reason.MANUAL, clock.advance(days=1), policy=policy) for _ in range(3)]
    last = results[-1]
    assert last.mirror == usb / "BaoCaoCCHC-26734" / last.path.name
    assert last.mirror_error is None
    assert integrity.integrity_check(last.mirror).ok
    assert report_rows(last.mirror) == report_rows(last.path)
    assert sorted(p.name for p in (usb / "BaoCaoCCHC-26734").iterdir() if p.is_file()) == sorted(
        r.path.name for r in results[1:])


def test_a_removed_usb_stick_is_a_warning_not_a_failure(ws: Workspace, clock: Clock, tmp_path: Path) -> None:
    ws.settings.set("backup_folder", str(tmp_path / "usb-not-plugged-in"))
    result = backup.create_backup(ws, Reason.MANUAL, clock())
    assert result.path.exists() and result.mirror is None
    assert isinstance(result.mirror_error, MirrorUnavailableError)
    message = result.mirror_error.message("vi")
    assert "USB đã rút" in message and str(result.path) in message
    assert not (tmp_path / "usb-not-plugged-in").exists()  # never created (it would fill the mount point)


def test_a_stick_pulled_out_during_the_copy(ws: Workspace, clock: Clock, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    ws.settings.set("backup_folder", str(usb))
    real_copy = shutil.copyfileobj

    def pulled(src: io.BufferedReader, dst: io.BufferedWriter, length: int = 0) -> None:
        real_copy(src, dst, length)
        shutil.rmtree(usb)
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(shutil, "copyfileobj", pulled)
    result = backup.create_backup(ws, Reason.MANUAL, clock())
    assert result.path.exists() and integrity.integrity_check(result.path).ok
    assert isinstance(result.mirror_error, MirrorUnavailableError)


# ---------------------------------------------------------------- restoring


def test_restore_round_trip(ws: Workspace, clock: Clock) -> None:
    saved = backup.create_backup(ws, Reason.MANUAL, clock())
    before = report_rows(ws.paths.database)
    rid = ws.store.create("2026-05").id
    ws.store.set_values(rid, {"next_tasks": "Việc mới sau khi sao lưu."})
    preview = restore_mod.describe_restore(ws, saved.path.name)
    assert (preview.current.reports, preview.incoming.reports) == (4, 3)  # type: ignore[union-attr]
    assert (preview.reports_lost, preview.reports_back, preview.will_migrate, preview.other_unit) == (1, 0, False, False)
    assert preview.current.newest_change > preview.incoming.newest_change  # type: ignore[union-attr, operator]

    result = restore_mod.restore(ws, saved.path.name, clock.advance(minutes=3))
    assert result.before is not None and result.before.file.reason == "before-restore"
    assert result.before.summary.reports == 4 and result.migrated == ()
    w2 = reopen(ws)
    try:
        assert report_rows(w2.paths.database) == before
        assert audit.verify(w2.db).ok
        assert audit.entries(w2.db)[-1].action == "restore_backup"
        assert w2.store.list()  # usable again
    finally:
        w2.close()
    assert not [p for p in ws.paths.root.iterdir() if p.name.startswith(".cchc-restore-")]
    assert not Path(f"{ws.paths.database}-journal").exists()
    # The undo: restoring the before-restore backup brings the new report back.
    restore_mod.restore(ws.paths, result.before.path, clock.advance(minutes=1))
    w3 = reopen(ws)
    try:
        assert w3.store.get(rid).values["next_tasks"] == "Việc mới sau khi sao lưu."
        assert audit.verify(w3.db).ok
    finally:
        w3.close()


def corrupt_pages(path: Path, offset: int = 4096 * 3, length: int = 4096 * 8) -> None:
    with open(path, "r+b") as fh:
        fh.seek(offset)
        fh.write(b"\xa5" * length)


@pytest.mark.parametrize("damage", ["truncate", "flip", "zero_header", "not_sqlite"])
def test_a_damaged_backup_is_refused_with_a_clear_message(ws: Workspace, clock: Clock, damage: str) -> None:
    saved = backup.create_backup(ws, Reason.MANUAL, clock()).path
    size = saved.stat().st_size
    if damage == "truncate":
        with open(saved, "r+b") as fh:
            fh.truncate(size // 2)
    elif damage == "flip":
        corrupt_pages(saved)
    elif damage == "zero_header":
        with open(saved, "r+b") as fh:
            fh.write(b"\0" * 100)
    else:
        saved.write_bytes(b"PK\x03\x04 this is a zip, not a database" * 100)
    digest = integrity.file_digest(ws.paths.database, live=True)
    with pytest.raises(BackupDamagedError) as info:
        restore_mod.restore(ws, saved)
    message = info.value.message("vi")
    assert saved.name in message and "bị hỏng" in message and "chưa có gì bị thay đổi" in message
    assert integrity.file_digest(ws.paths.database, live=True) == digest
    assert [b.reason for b in naming.scan(ws.paths.backups)] == ["manual"]  # no before-restore made
    row = inspection.list_backups(ws)[0]
    assert row.state is inspection.BackupState.DAMAGED and not row.ok


def test_a_backup_from_a_newer_program_is_refused(ws: Workspace, clock: Clock) -> None:
    saved = backup.create_backup(ws, Reason.MANUAL, clock()).path
    with sqlite3.connect(saved) as conn:
        conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('cchc', 'm999_future', '')")
    conn.close()
    with pytest.raises(BackupNewerError) as info:
        restore_mod.describe_restore(ws, saved)
    assert "phiên bản mới hơn" in info.value.message("vi")
    assert inspection.list_backups(ws)[0].state is inspection.BackupState.NEWER


def test_a_file_that_is_not_ours_is_refused(ws: Workspace, tmp_path: Path) -> None:
    other = tmp_path / "khac.sqlite3"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()
    with pytest.raises(BackupDamagedError):
        restore_mod.describe_restore(ws, other)
    with pytest.raises(BackupNotFoundError):
        restore_mod.describe_restore(ws, "cchc-20200101-000000-manual.sqlite3")


@pytest.mark.parametrize("version", [1, 2, 3])
def test_an_older_backup_is_restored_and_migrated(ws: Workspace, clock: Clock, tmp_path: Path, version: int) -> None:
    old = tmp_path / f"schema-{version}.sqlite3"
    shutil.copyfile(FIXTURES / f"schema-{version}.sqlite3", old)
    expected = report_rows(old)
    preview = restore_mod.describe_restore(ws, old)
    assert preview.will_migrate and preview.incoming.schema.version == version
    result = restore_mod.restore(ws, old, clock())
    assert len(result.migrated) == schema_version() - version
    w2 = reopen(ws)
    try:
        assert report_rows(w2.paths.database) == expected
        assert audit.verify(w2.db).ok
        assert integrity.schema_of(w2.db.conn).version == schema_version()
    finally:
        w2.close()


def test_restore_refuses_while_another_program_has_the_database_open(ws: Workspace, clock: Clock) -> None:
    saved = backup.create_backup(ws, Reason.MANUAL, clock()).path
    ws.store.create("2026-05")
    expected = report_rows(ws.paths.database)
    other = sqlite3.connect(ws.paths.database)  # the desktop program, still open
    try:
        other.execute("SELECT count(*) FROM reports").fetchone()
        with pytest.raises(DatabaseInUseError) as info:
            restore_mod.restore(ws, saved, clock())
        assert "đang được một chương trình khác mở" in info.value.message("vi")
    finally:
        other.close()
    assert report_rows(ws.paths.database) == expected
    assert integrity.integrity_check(ws.paths.database, live=True).ok


# ---------------------------------------------------------------- the start-up check


def test_startup_check_ok_new_and_damaged_with_the_offer(ws: Workspace, clock: Clock, tmp_path: Path) -> None:
    paths = ws.paths
    assert startup.check_at_start(paths).state is DatabaseState.OK
    assert startup.check_at_start(DataPaths(tmp_path / "none")).state is DatabaseState.NEW
    good = backup.create_backup(ws, Reason.CLOSE, clock.advance(hours=1))
    newest = backup.create_backup(ws, Reason.DAILY, clock.advance(hours=1)).path
    corrupt_pages(newest)  # the newest backup is damaged too: the offer skips it
    ws.close()
    corrupt_pages(paths.database)
    check = startup.check_at_start(paths)
    assert check.state is DatabaseState.DAMAGED and not check.ok
    assert check.offer is not None and check.offer.path == good.path
    error = check.error()
    assert isinstance(error, DamagedDatabaseError)
    message = error.message("vi")
    assert f"cchc backup restore {good.path.name}" in message and "3 báo cáo" in message
    with pytest.raises(DamagedDatabaseError):
        startup.ensure_sound(paths)
    # Restoring the offer from the damaged state keeps the damaged file aside.
    result = restore_mod.restore(paths, check.offer.path, clock.advance(minutes=1))
    assert result.set_aside is not None and result.set_aside.exists() and result.before is None
    assert startup.check_at_start(paths).ok


def test_damaged_without_any_backup(data_dir: Path) -> None:
    paths = DataPaths(data_dir)
    paths.ensure()
    paths.database.write_bytes(b"SQLite format 3\0" + b"\xff" * 8000)
    check = startup.check_at_start(paths)
    assert not check.ok and check.offer is None
    error = check.error()
    assert isinstance(error, DamagedNoBackupError)
    assert "Đừng xóa tệp hỏng" in error.message("vi")


def test_backup_before_migration(ws: Workspace, clock: Clock, tmp_path: Path) -> None:
    assert backup.backup_before_migration(ws.paths, clock()) is None  # up to date
    assert backup.backup_before_migration(DataPaths(tmp_path / "new"), clock()) is None  # nothing yet
    old = DataPaths(tmp_path / "old")
    old.ensure()
    shutil.copyfile(FIXTURES / "schema-1.sqlite3", old.database)
    result = backup.backup_before_migration(old, clock())
    assert result is not None and result.file.reason == "before-migration"
    assert result.summary.schema.version == 1
    assert backup.backup_before_migration(old, clock.advance(minutes=1)) is None  # unchanged: the one made holds it


# ---------------------------------------------------------------- the commands


def run(data_dir: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--data-dir", str(data_dir), *args], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_cli_end_to_end(ws: Workspace, tmp_path: Path) -> None:
    data = ws.paths.root
    ws.close()
    code, out, err = run(data, "backup", "create")
    assert code == 0 and "Đã sao lưu 3 báo cáo" in out, err
    code, out, _ = run(data, "backup", "list", "--json")
    import json

    rows = json.loads(out)
    assert code == 0 and rows[0]["reason"] == "manual" and rows[0]["ok"] and rows[0]["reports"] == 3
    name = rows[0]["file"]
    code, out, _ = run(data, "backup", "list")
    assert code == 0 and name in out and "tốt" in out
    assert run(data, "report", "new", "--period", "2026-05")[0] == 0
    # Not a terminal, no --yes: a usage error, nothing changed.
    code, out, err = run(data, "backup", "restore", name)
    assert code == 2 and "--yes" in err
    assert "Sau khi khôi phục sẽ mất 1 báo cáo" in out
    code, out, err = run(data, "backup", "restore", name, "--yes")
    assert code == 0 and "Đã khôi phục" in out and "before-restore" in out, err
    code, out, _ = run(data, "report", "list", "--json")
    assert len(json.loads(out)) == 3
    assert run(data, "audit", "--verify")[0] == 0
    assert run(data, "backup", "check") == (0, "Tệp dữ liệu nguyên vẹn.\n", "")
    code, _, err = run(data, "--lang", "en", "backup", "restore", "no-such-backup.sqlite3", "--yes")
    assert code == 2 and "There is no backup" in err
    ws.paths.database.write_bytes(b"SQLite format 3\0" + b"\xff" * 8000)
    code, _, err = run(data, "backup", "check")
    assert code == 1 and "bị hỏng" in err and "cchc backup restore cchc-" in err
    code, out, err = run(data, "backup", "restore", name, "--yes")
    assert code == 0 and "Tệp dữ liệu hỏng được giữ lại" in out, err
    assert run(data, "backup", "check")[0] == 0


def test_cli_create_warns_about_the_missing_stick(ws: Workspace, tmp_path: Path) -> None:
    ws.settings.set("backup_folder", str(tmp_path / "E"))
    ws.close()
    code, out, err = run(ws.paths.root, "backup", "create")
    assert code == 0 and "Đã sao lưu" in out and "USB đã rút" in err
