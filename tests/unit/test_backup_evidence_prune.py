"""Evidence copies beside the backups follow the ladder: a backup takes the files its database
links to, and when copies are pruned the files no remaining copy links to go too — but none
when a remaining copy cannot be read. Real databases, real files, the real ladder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reports.backups import backup
from reports.backups.evidence_copy import EVIDENCE_FOLDER
from reports.backups.policy import BackupPolicy, Reason
from reports.par_index.service import evidence_service
from reports.sample import fill_sample
from reports.workspace import Workspace
from tests.unit.test_backup import UNIT, Clock, local
from tests.unit.test_par_index import png

POLICY = BackupPolicy(recent=2, daily=0, weekly=0, monthly=0)


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


def _tree(ws: Workspace) -> set[str]:
    folder = ws.paths.backups / EVIDENCE_FOLDER
    return {p.name for p in folder.glob("??/*") if p.is_file()}


def _draft(ws: Workspace) -> int:
    scoring = max(r.id for r in ws.store.list() if r.form_id == "tu-cham-diem-xa")
    report = ws.store.get(scoring)
    return scoring if report.editable else ws.store.amend(scoring).id


def test_a_file_no_kept_backup_links_to_is_pruned_with_the_backups(ws: Workspace, clock: Clock, tmp_path: Path) -> None:
    draft = _draft(ws)
    photo = tmp_path / "anh-mot-cua.png"
    photo.write_bytes(png() + b"\x00" * 10)  # a file of its own, not the sample's
    service = evidence_service(ws)
    added = service.add_file(draft, "s3_one_stop", photo)
    backup.create_backup(ws, Reason.MANUAL, clock.advance(days=1), policy=POLICY)
    linked = {i.sha256 for r in ws.store.list() for i in ws.evidence_files.items(r.id)}
    assert _tree(ws) == linked and added.sha256 in linked
    service.remove(draft, "s3_one_stop", added.sha256)  # unlinked (the data folder keeps the file)
    backup.create_backup(ws, Reason.MANUAL, clock.advance(days=1), policy=POLICY)
    assert added.sha256 in _tree(ws)  # the first copy is still kept and links it
    backup.create_backup(ws, Reason.MANUAL, clock.advance(days=1), policy=POLICY)  # the first copy is pruned
    assert len(list(ws.paths.backups.glob("*.sqlite3"))) == 2
    assert added.sha256 not in _tree(ws)
    assert _tree(ws) == linked - {added.sha256}
    assert ws.evidence_files.path(added.sha256).is_file()  # the live folder is not the ladder's to prune


def test_nothing_is_pruned_while_a_kept_copy_cannot_be_read(ws: Workspace, clock: Clock, tmp_path: Path) -> None:
    draft = _draft(ws)
    photo = tmp_path / "anh.png"
    photo.write_bytes(png() + b"\x01" * 10)
    service = evidence_service(ws)
    added = service.add_file(draft, "s3_one_stop", photo)
    backup.create_backup(ws, Reason.MANUAL, clock.advance(days=1), policy=POLICY)
    service.remove(draft, "s3_one_stop", added.sha256)
    second = backup.create_backup(ws, Reason.MANUAL, clock.advance(days=1), policy=POLICY)
    second.file.path.write_bytes(b"not a database any more")  # the copy that will be kept is unreadable
    backup.create_backup(ws, Reason.MANUAL, clock.advance(days=1), policy=POLICY)
    assert added.sha256 in _tree(ws)  # it might have needed the file: kept


def test_a_restore_from_a_pruned_folder_still_finds_its_files(ws: Workspace, clock: Clock) -> None:
    for _ in range(4):
        backup.create_backup(ws, Reason.MANUAL, clock.advance(days=1), policy=POLICY)
    linked = {i.sha256 for r in ws.store.list() for i in ws.evidence_files.items(r.id)}
    assert linked and linked <= _tree(ws)
