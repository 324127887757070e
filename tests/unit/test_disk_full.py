"""A full disk, for real: a few-MB tmpfs mounted by the test (root only), nearly filled,
then saves, exports and backups until the disk is full.

Each must fail with the disk-full error and its Vietnamese message, leave the database
sound with everything committed before intact, leave no file with a final name half
written, and succeed once space is freed.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from reports.backups import backup, errors
from reports.backups.errors import BackupDiskFullError, MirrorFailedError
from reports.backups.evidence_copy import EVIDENCE_FOLDER
from reports.backups.policy import Reason
from reports.clock import VIETNAM
from reports.environment import expected_errors
from reports.exchange import sync
from reports.exchange.packages import read_package
from reports.sample import fill_sample
from reports.storage import audit, integrity
from reports.storage.database import DiskFullError, ReadOnlyError
from reports.storage.unit import Role, Unit
from reports.workspace import Workspace

UNIT = Unit(role=Role.COMMUNE, code="26734", name="Xã Tân Phú", province_name="Tỉnh Đồng Nai",
            province_code="75", reviewer_code="75")
NOW = dt.datetime(2026, 11, 16, 9, 0, tzinfo=VIETNAM)


def _mount(folder: Path, size: str) -> None:
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("the real disk-full test mounts a small tmpfs: run the tests as root (as CI does)")
    if shutil.which("mount") is None:
        pytest.skip("no mount command on this system")
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(folder)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (a container without CAP_SYS_ADMIN?): {done.stderr.strip()}")


def _unmount(folder: Path) -> None:
    if subprocess.run(["umount", str(folder)], capture_output=True, check=False).returncode != 0:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True, check=False)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    disk = tmp_path / "disk"
    _mount(disk, "6m")
    try:
        yield disk
    finally:
        _unmount(disk)


@pytest.fixture
def ws(small_disk: Path) -> Iterator[Workspace]:
    w = Workspace.open(small_disk / "data", clock=lambda: NOW, actor="cán bộ thử")
    w.initialise(UNIT)
    fill_sample(w, 2)
    try:
        yield w
    finally:
        w.close()


def fill(disk: Path, leave: int) -> Path:
    """Fill the file system, then give back ``leave`` bytes."""
    filler = disk / "filler.bin"
    chunk = b"\0" * 65536
    # Unbuffered: a buffered file keeps the part of a chunk that did not fit and flushes it
    # again on close, which raises ENOSPC outside the loop (whether it does depends on how
    # the free space lines up with the chunks, i.e. on the database's size).
    with open(filler, "wb", buffering=0) as fh:
        try:
            while True:
                fh.write(chunk)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    size = filler.stat().st_size
    os.truncate(filler, max(size - leave, 0))
    return filler


def snapshot(ws: Workspace) -> dict[str, tuple[str, str]]:
    return {uid: (status, values) for uid, status, values in ws.db.execute(
        "SELECT uid, status, values_json FROM reports")}


def assert_sound(ws: Workspace, committed: dict[str, tuple[str, str]]) -> None:
    assert integrity.integrity_check(ws.paths.database, live=True).ok
    assert snapshot(ws) == committed
    assert audit.verify(ws.db).ok


def test_saving_edits_until_the_disk_is_full(ws: Workspace, small_disk: Path) -> None:
    draft = ws.store.create("2026-05").id
    filler = fill(small_disk, 256 * 1024)
    committed = snapshot(ws)
    saved = 0
    with pytest.raises(DiskFullError) as info:
        for i in range(1000):
            text = f"Lần lưu {i}: " + os.urandom(12_000).hex()  # does not compress away
            with expected_errors(ws.paths.root):
                ws.store.set_values(draft, {"next_tasks": text})
            committed = snapshot(ws)
            saved += 1
    assert saved > 0  # it was nearly full, not full
    assert "Ổ đĩa đã đầy" in info.value.message("vi") and "không bị ảnh hưởng" in info.value.message("vi")
    assert_sound(ws, committed)
    filler.unlink()
    ws.store.set_values(draft, {"next_tasks": "Lưu được sau khi dọn ổ đĩa."})
    assert ws.store.get(draft).values["next_tasks"] == "Lưu được sau khi dọn ổ đĩa."
    assert audit.verify(ws.db).ok


def test_exporting_until_the_disk_is_full(ws: Workspace, small_disk: Path) -> None:
    out = small_disk / "out"
    filler = fill(small_disk, 700 * 1024)
    committed = snapshot(ws)
    packages = ws.db.execute("SELECT count(*) FROM packages").fetchone()[0]
    made = 0
    with pytest.raises(DiskFullError) as info:
        for _ in range(100):
            with expected_errors(out):
                sync.export_package(ws, out, everything=True)
            committed = snapshot(ws)
            packages += 1
            made += 1
    assert made > 0
    assert "Ổ đĩa đã đầy" in info.value.message("vi")
    assert_sound(ws, committed)
    assert ws.db.execute("SELECT count(*) FROM packages").fetchone()[0] == packages
    for f in out.glob("*.cchc"):  # every file with a package's name is a whole package
        read_package(f.read_bytes(), name=f.name)
    filler.unlink()
    for leftover in out.glob("*.partial"):  # reports.exchange.sync leaves its temporary file behind
        leftover.unlink()
    result = sync.export_package(ws, out, everything=True)
    assert read_package(result.path.read_bytes()).manifest.package_id == result.package_id


def test_backing_up_until_the_disk_is_full(ws: Workspace, small_disk: Path) -> None:
    filler = fill(small_disk, 1200 * 1024)
    committed = snapshot(ws)
    made: list[Path] = []
    with pytest.raises(BackupDiskFullError) as info:
        for i in range(100):
            made.append(backup.make_backup(ws.paths, Reason.MANUAL, NOW + dt.timedelta(minutes=i), prune=False).path)
    assert made
    assert isinstance(info.value, DiskFullError)
    message = info.value.message("vi")
    assert "Không đủ chỗ trống để sao lưu" in message and str(ws.paths.backups) in message
    # no partial file: the database copies made, and the evidence tree beside them (one copy of each
    # evidence file, by its hash: reports.backups.evidence_copy) holding whole files only
    assert sorted(p.name for p in ws.paths.backups.iterdir() if p.name != EVIDENCE_FOLDER) == sorted(p.name for p in made)
    for f in (ws.paths.backups / EVIDENCE_FOLDER).rglob("*"):
        assert f.is_dir() or hashlib.sha256(f.read_bytes()).hexdigest() == f.name, f
    for p in made:
        assert integrity.integrity_check(p).ok
    assert_sound(ws, committed)
    filler.unlink()
    assert integrity.integrity_check(backup.create_backup(ws, Reason.MANUAL, NOW + dt.timedelta(days=1)).path).ok


def test_a_full_usb_stick_is_a_warning_and_leaves_no_partial_copy(ws: Workspace, tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    _mount(usb, "128k")  # smaller than one backup
    try:
        ws.settings.set("backup_folder", str(usb))
        result = backup.create_backup(ws, Reason.MANUAL, NOW)
        assert integrity.integrity_check(result.path).ok and result.mirror is None
        assert isinstance(result.mirror_error, MirrorFailedError)
        assert "ổ đã đầy" in result.mirror_error.message("vi")
        assert [p.name for p in (usb / "BaoCaoCCHC-26734").iterdir()] == []
    finally:
        _unmount(usb)


def test_a_read_only_data_folder(ws: Workspace, small_disk: Path) -> None:
    committed = snapshot(ws)
    ws.close()
    assert subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=False).returncode == 0
    try:
        with pytest.raises((ReadOnlyError, errors.BackupFolderError)) as info:
            backup.make_backup(ws.paths, Reason.MANUAL, NOW)
        assert "chỉ cho đọc" in info.value.message("vi")
        with pytest.raises(ReadOnlyError) as opened:
            w = Workspace.open(ws.paths.root, clock=lambda: NOW)
            with expected_errors(ws.paths.root):
                w.store.create("2026-05")
        assert "chỉ cho đọc" in opened.value.message("vi")
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=False)
    w = Workspace.open(ws.paths.root, clock=lambda: NOW)
    try:
        assert snapshot(w) == committed and audit.verify(w.db).ok
    finally:
        w.close()


def test_cchc_report_set_on_a_full_disk_says_the_disk_is_full(ws: Workspace, small_disk: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    from reports.cli.main import main
    from reports.logs import install_file_logging

    draft = ws.store.create("2026-05").id
    ws.close()
    filler = fill(small_disk, 40 * 1024)  # room to open the database, not to save the edit
    try:
        code = main(["--data-dir", str(ws.paths.root), "report", "set", str(draft), "next_tasks=" + "x" * 49_000])
    finally:
        # main() left its log file open on the small disk: move logging off it while there is room
        # to flush (reports.logs closes the old handler without catching a full disk's OSError).
        filler.unlink()
        install_file_logging(small_disk.parent / "logs")
    assert code == 2 and "Ổ đĩa đã đầy" in capsys.readouterr().err
