"""Evidence in submission packages: the round trip to the reviewer (same hashes), files the
reviewer already acknowledged referenced by hash, split submissions applied all-or-nothing
(a part missing, a part twice), and hostile evidence members refused with the reviewer's
database unchanged."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from reports import sample
from reports.clock import VIETNAM
from reports.documents import issuing
from reports.documents.issuing import canonical_json
from reports.exchange import feedback, sync
from reports.exchange.packages import read_package
from reports.exchange.sync import Outcome
from reports.par_index.evidence import Metadata
from reports.par_index.service import evidence_service
from reports.workspace import Workspace
from tests.unit.sync_world import (
    PASSWORD,
    REVIEWER,
    SIGNER,
    TAN_PHU,
    assert_refused,
    commune_unit,
    db_dump,
    deliver,
    finalize,
    new_installation,
    repack,
)
from tests.unit.test_par_index import large_pdf, png

NOW = dt.datetime(2026, 1, 10, 9, 0, tzinfo=VIETNAM)


@dataclass(frozen=True)
class World:
    reviewer: Path
    commune: Path


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    root = tmp_path_factory.mktemp("evidence-world")
    reviewer = new_installation(root / "so", REVIEWER)
    commune = new_installation(root / "xa", commune_unit(*TAN_PHU))
    issuing.create_signer_key(commune, SIGNER, PASSWORD)
    sync.bind_certificate(commune, REVIEWER.code, reviewer.installation_key.cert_pem())
    sync.bind_certificate(reviewer, TAN_PHU[0], commune.installation_key.cert_pem())
    sample.fill_sample(commune, 2, today=dt.date(2026, 1, 10))  # Nov, Dec 2025 and the finalised 2025 scoring report
    for ws in (reviewer, commune):
        ws.close()
    return World(root / "so", root / "xa")


@pytest.fixture
def reviewer(world: World, tmp_path: Path) -> Iterator[Workspace]:
    shutil.copytree(world.reviewer, tmp_path / "so")
    ws = Workspace.open(tmp_path / "so", actor="kiểm thử")
    yield ws
    ws.close()


@pytest.fixture
def commune(world: World, tmp_path: Path) -> Iterator[Workspace]:
    shutil.copytree(world.commune, tmp_path / "xa")
    ws = Workspace.open(tmp_path / "xa", actor="kiểm thử")
    yield ws
    ws.close()


def scoring_of(ws: Workspace) -> int:
    return max(r.id for r in ws.store.list() if r.form_id == "tu-cham-diem-xa")


def test_evidence_round_trips_to_the_reviewer_with_the_same_hashes(commune: Workspace, reviewer: Workspace,
                                                                    tmp_path: Path) -> None:
    sent = {(i.field, i.sha256, i.number, i.date) for i in commune.evidence_files.items(scoring_of(commune))}
    explanations = commune.evidence_files.explanations(scoring_of(commune))
    assert sent and explanations
    result = sync.export_package(commune, tmp_path / "out")
    opened = read_package(result.path)
    files = {p for p in opened.members if p.startswith("evidence/")}
    assert files == {f"evidence/{sha}" for _, sha, _, _ in sent}
    assert sync.import_file(reviewer, result.path).outcome is Outcome.IMPORTED
    received = next(r for r in reviewer.store.list() if r.form_id == "tu-cham-diem-xa")
    got = {(i.field, i.sha256, i.number, i.date) for i in reviewer.evidence_files.items(received.id)}
    assert got == sent
    assert reviewer.evidence_files.explanations(received.id) == explanations
    assert reviewer.evidence_files.check_files() == []
    for _, sha, _, _ in sent:
        assert hashlib.sha256(reviewer.evidence_files.path(sha).read_bytes()).hexdigest() == sha


def test_files_the_reviewer_acknowledged_travel_by_hash(commune: Workspace, reviewer: Workspace, tmp_path: Path) -> None:
    first = sync.export_package(commune, tmp_path / "out")
    assert sync.import_file(reviewer, first.path).outcome is Outcome.IMPORTED
    answer = feedback.export_feedback(reviewer, tmp_path / "back")[0].path
    assert sync.import_file(commune, answer).outcome is Outcome.IMPORTED  # the receipt
    rev2 = commune.store.amend(scoring_of(commune))
    extra = tmp_path / "anh.png"
    extra.write_bytes(png())
    added = evidence_service(commune).add_file(rev2.id, "s3_one_stop", extra, Metadata.parse(title="Ảnh Bộ phận Một cửa"))
    finalize(commune, rev2.id)
    second = sync.export_package(commune, tmp_path / "out2")
    files = {p for p in read_package(second.path).members if p.startswith("evidence/")}
    assert files == {f"evidence/{added.sha256}"}  # only the new one
    assert sync.import_file(reviewer, second.path).outcome is Outcome.IMPORTED
    received = reviewer.store.find(TAN_PHU[0], "tu-cham-diem-xa", "2025", 2)
    assert received is not None
    assert len(reviewer.evidence_files.items(received.id)) == len(commune.evidence_files.items(rev2.id))


def test_a_split_submission_waits_for_every_part_and_applies_all_or_nothing(
        commune: Workspace, reviewer: Workspace, tmp_path: Path) -> None:
    rev2 = commune.store.amend(scoring_of(commune))
    for n, field in enumerate(("s3_one_stop", "s4_staff_quota", "s5_training")):
        big = tmp_path / f"lon-{n}.pdf"
        big.write_bytes(large_pdf(700 * 1024))
        evidence_service(commune).add_file(rev2.id, field, big)
    finalize(commune, rev2.id)
    commune.settings.set("attachment_limit_mb", 1)
    result = sync.export_package(commune, tmp_path / "out")
    parts = list(result.paths)
    assert len(parts) >= 3 and all(p.stat().st_size <= 1024 * 1024 + 200 * 1024 for p in parts)
    assert all("-phan-" in p.name for p in parts)

    before = db_dump(reviewer)
    got = [sync.import_file(reviewer, p) for p in parts[:-1]]
    assert all(r.outcome is Outcome.WAITING for r in got), got
    again = sync.import_file(reviewer, parts[0])  # the same part twice
    assert again.outcome is Outcome.WAITING
    assert db_dump(reviewer) == before  # nothing applied while a part is missing
    done = sync.import_file(reviewer, parts[-1])
    assert done.outcome is Outcome.IMPORTED, done
    uids = {r.uid for r in commune.store.list() if r.status.value != "draft"}
    assert uids <= {r.uid for r in reviewer.store.list()}
    received = reviewer.store.find(TAN_PHU[0], "tu-cham-diem-xa", "2025", 2)
    assert received is not None and reviewer.evidence_files.check_files() == []
    assert {i.sha256 for i in reviewer.evidence_files.items(received.id)} == {
        i.sha256 for i in commune.evidence_files.items(rev2.id)}
    for p in parts:  # every part is now known: a late copy changes nothing
        assert sync.import_file(reviewer, p).outcome is Outcome.ALREADY_HAD


def _hostile(commune: Workspace, tmp_path: Path, change: str) -> bytes:
    opened = read_package(sync.export_package(commune, tmp_path / "out").path)
    members = dict(opened.members)
    uid = next(r.uid for r in commune.store.list() if r.form_id == "tu-cham-diem-xa")
    evidence = sorted(p for p in members if p.startswith("evidence/"))
    doc = json.loads(members[f"reports/{uid}.json"])
    if change == "hash":
        members[evidence[0]] = members[evidence[0]] + b"\n%%"
        # the manifest is re-signed by repack: only the name-is-the-hash check can fire
    elif change == "exe":
        data = b"MZ\x90\x00" + os.urandom(2000)
        sha = hashlib.sha256(data).hexdigest()
        members[f"evidence/{sha}"] = data
        doc["evidence"][0]["sha256"] = sha
    elif change == "bomb":
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("[Content_Types].xml", "<Types/>")
            z.writestr("word/document.xml", b"\0" * (20 * 1024 * 1024))
        data = buf.getvalue()
        sha = hashlib.sha256(data).hexdigest()
        members[f"evidence/{sha}"] = data
        doc["evidence"][0]["sha256"] = sha
    elif change == "missing":
        del members[evidence[0]]
        doc["evidence"] = [e for e in doc["evidence"] if f"evidence/{e['sha256']}" != evidence[0]] + [
            {**doc["evidence"][0], "sha256": evidence[0].split("/")[1]}]
    elif change == "unreferenced":
        data = png()
        members[f"evidence/{hashlib.sha256(data).hexdigest()}"] = data
    elif change == "field":
        doc["evidence"][0]["field"] = "tthc_received_total"
    members[f"reports/{uid}.json"] = canonical_json(doc)
    return repack(commune, opened, members)


@pytest.mark.parametrize(("change", "says"), [
    ("hash", "không khớp mã băm"),
    ("exe", "không phải tài liệu được nhận"),
    ("bomb", "bom nén"),
    ("missing", "gửi lại đầy đủ tài liệu kiểm chứng"),
    ("unreferenced", "không thuộc tiêu chí nào"),
    ("field", "không đúng định dạng"),
])
def test_hostile_evidence_is_refused_with_the_database_unchanged(
        commune: Workspace, reviewer: Workspace, tmp_path: Path, change: str, says: str) -> None:
    data = _hostile(commune, tmp_path, change)
    path = deliver(reviewer, data, tmp_path / "usb", f"{change}.cchc")
    assert_refused(reviewer, path, code=None, says=(says,))
    assert reviewer.evidence_files.items(1) == []


def test_a_file_gone_at_the_commune_stops_the_export(commune: Workspace, tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    item = commune.evidence_files.items(scoring_of(commune))[0]
    commune.evidence_files.path(item.sha256).unlink()
    with pytest.raises(sync.CchcError) as err:
        sync.export_package(commune, tmp_path / "out")
    assert item.name in err.value.message("vi") and err.value.code == "export.evidence_missing"
    assert not list((tmp_path / "out").glob("*.cchc"))
