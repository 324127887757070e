"""The demo installation ("Dùng thử với dữ liệu mẫu"): a folder of its own beside the real one,
"MẪU" across every page it prints, a demo mark inside its packages' signed manifest, and a
reviewer that refuses such packages with its database untouched — also when a sender takes the
mark off (the signature then breaks).

Real parts throughout: real installations on disk, poppler's pdftotext/pdfinfo on the PDFs, the
reviewer's real import with its quarantine.
"""

from __future__ import annotations

import dataclasses
import io
import json
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from reports.clock import local_date
from reports.demo import (
    NoDemoError,
    NotADemoFolderError,
    demo_dir,
    remove_demo,
    require_demo,
    reset_demo,
    start_demo,
)
from reports.documents import issuing
from reports.documents.render import render_report
from reports.errors import CchcError
from reports.exchange import sync
from reports.exchange.packages import read_package
from reports.exchange.packages.errors import ManifestInvalidError
from reports.exchange.packages.manifest import decode_manifest
from reports.storage.lifecycle import Status
from reports.storage.unit import Role, Unit
from reports.workspace import Workspace
from tests.unit.package_maker import make_zip, zip_info
from tests.unit.sync_world import PASSWORD, SIGNER, assert_refused, db_dump, new_installation, sign


@dataclass(frozen=True)
class DemoWorld:
    real: Path
    demo: Path
    reviewer: Path
    package: Path
    signed_pdf: bytes
    final_id: int


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> DemoWorld:
    root = tmp_path_factory.mktemp("demo")
    real = root / "BaoCaoCCHC"
    made = start_demo(real)
    ws = Workspace.open(made.path, actor="kiểm thử")
    unit = ws.require_unit()
    reviewer = new_installation(
        root / "so",
        Unit(role=Role.REVIEWER, code=unit.reviewer_code, name=unit.reviewer_name,
             province_name=unit.province_name, province_code=unit.province_code),
    )
    # The reviewer even trusts the demo's key: the refusal must come from the mark alone.
    sync.bind_certificate(reviewer, unit.code, ws.installation_key.cert_pem())
    reviewer.close()
    issuing.create_signer_key(ws, SIGNER, PASSWORD)
    final = next(r for r in ws.store.list() if r.status is Status.FINAL and r.form_id == "cchc-xa")
    signed = sign(ws, final.id)
    package = sync.export_package(ws, root / "out").path
    ws.close()
    return DemoWorld(real, made.path, root / "so", package, signed, final.id)


DEMO_LINE = "MẪU – DỮ LIỆU DÙNG THỬ, KHÔNG PHẢI SỐ LIỆU THẬT"


def pdftotext(pdf: bytes) -> list[str]:
    """The text of every page (the diagonal "MẪU" comes out letter by letter: the line in the
    bottom margin is what pdftotext reads whole; the diagonal is read by ``rotated_text``)."""
    out = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    return out.decode("utf-8").split("\f")[:-1]


def rotated_text(pdf: bytes) -> list[str]:
    from tests.unit.test_document_layout import _rotated_text

    return _rotated_text(pdf)


def pdfinfo(pdf: bytes) -> str:
    return subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout.decode("utf-8")


# ---------------------------------------------------------------- the folder


def test_the_demo_has_a_folder_of_its_own_and_the_real_one_is_never_written(world: DemoWorld) -> None:
    assert world.demo == world.real.with_name("BaoCaoCCHC-demo")
    assert (world.demo / "DUNG-THU.txt").read_text("utf-8").startswith("Thư mục này là bản DÙNG THỬ")
    assert not world.real.exists()
    assert demo_dir(world.real) == world.demo == demo_dir(world.demo)  # the demo's own demo is itself
    ws = Workspace.open(world.demo)
    try:
        assert ws.is_demo
        unit = ws.require_unit()
        assert (unit.name, unit.province_name) == ("Xã Tân Phú", "Tỉnh Đồng Nai")
        statuses = {r.status for r in ws.store.list()}
        assert Status.ACCEPTED in statuses and len(ws.store.list()) >= 7  # every page has something
    finally:
        ws.close()


def test_starting_again_opens_the_same_demo(world: DemoWorld) -> None:
    again = start_demo(world.real)
    assert again.path == world.demo and not again.created


def test_reset_and_remove(tmp_path: Path) -> None:
    real = tmp_path / "xa"
    with pytest.raises(NoDemoError):
        require_demo(real)
    first = start_demo(real)
    ws = Workspace.open(first.path)
    current = ws.policy().current_period(ws.period_kind(), local_date(ws.clock()))
    ws.store.create(current.code, "cchc-xa")  # something tried in the demo
    count = len(ws.store.list())
    ws.close()
    again = reset_demo(real)
    assert again.created and again.path == first.path and again.reports < count
    assert require_demo(real) == first.path
    assert remove_demo(real) == first.path
    assert not first.path.exists() and not real.exists()
    assert remove_demo(real) is None


def test_a_folder_that_is_not_a_demo_is_never_used_nor_deleted(tmp_path: Path) -> None:
    real = tmp_path / "xa"
    taken = tmp_path / "xa-demo"
    taken.mkdir()
    (taken / "cchc.sqlite3").write_bytes(b"someone's data")
    for action in (start_demo, remove_demo, reset_demo):
        with pytest.raises(NotADemoFolderError) as caught:
            action(real)
        assert "không phải bản dùng thử" in caught.value.message("vi")
    assert (taken / "cchc.sqlite3").read_bytes() == b"someone's data"


# ---------------------------------------------------------------- "MẪU" on paper


def test_every_page_printed_from_the_demo_says_mau(world: DemoWorld) -> None:
    ws = Workspace.open(world.demo)
    try:
        scoring = next(r for r in ws.store.list() if r.form_id != "cchc-xa")  # the long one, with its annex
        for report_id in (world.final_id, scoring.id):
            pdf = issuing.render_pdf(ws, report_id).pdf
            pages = pdftotext(pdf)
            assert pages and all(DEMO_LINE in page for page in pages), report_id
            assert rotated_text(pdf) == ["MẪU"] * len(pages)
            info = pdfinfo(pdf)
            assert "Title:           MẪU – Báo cáo" in info or "Title:          MẪU – Báo cáo" in info, info
            assert "MẪU (dữ liệu dùng thử, không phải số liệu thật)" in info
            assert "Keywords:" in info and "MẪU" in info.split("Keywords:")[1].splitlines()[0]
        # The same document from a real installation carries no such mark.
        real_doc = dataclasses.replace(issuing.report_document(ws, ws.store.get(world.final_id)), demo=False)
        real_pages = pdftotext(render_report(real_doc).pdf)
        assert real_pages and not any("MẪU" in page for page in real_pages)
        assert rotated_text(render_report(real_doc).pdf) == [""] * len(real_pages)
    finally:
        ws.close()
    signed_pages = pdftotext(world.signed_pdf)
    assert signed_pages and all(DEMO_LINE in page for page in signed_pages)
    assert rotated_text(world.signed_pdf)[0].startswith("MẪU")  # (the visible signature adds no rotated text)
    assert "BẢN NHÁP" not in "".join(signed_pages)


def test_a_demo_draft_shows_both_marks(world: DemoWorld) -> None:
    ws = Workspace.open(world.demo)
    try:
        pdf = issuing.render_pdf(ws, world.final_id, draft=True).pdf
    finally:
        ws.close()
    assert all(DEMO_LINE in page for page in pdftotext(pdf))
    assert set(rotated_text(pdf)) == {"BẢN NHÁPMẪU"}


# ---------------------------------------------------------------- the package's mark and the reviewer


def test_the_package_is_marked_demo_inside_its_signed_manifest(world: DemoWorld) -> None:
    opened = read_package(world.package)
    assert opened.manifest.demo and opened.manifest.format_version == "1.2"
    with zipfile.ZipFile(world.package) as zf:
        assert json.loads(zf.read("manifest.json"))["demo"] is True


def test_the_reviewer_refuses_a_demo_package_and_stays_untouched(world: DemoWorld, tmp_path: Path) -> None:
    reviewer = Workspace.open(world.reviewer)
    try:
        result = assert_refused(reviewer, world.package, code="demo_package",
                                says=("bản dùng thử với dữ liệu mẫu", "Bắt đầu dùng thật"), says_en=("sample data",))
        assert "không phải báo cáo thật" in result.reason
        with pytest.raises(CchcError) as caught:  # nor can its key be trusted as a commune's
            sync.trust_package_sender(reviewer, world.package)
        assert "bản dùng thử" in caught.value.message("vi")
    finally:
        reviewer.close()


def test_taking_the_mark_off_breaks_the_signature(world: DemoWorld, tmp_path: Path) -> None:
    """A hostile sender edits only the manifest (mark off, version back to 1.1) and keeps the rest."""
    with zipfile.ZipFile(world.package) as zf:
        members = {name: zf.read(name) for name in zf.namelist()}
        methods = {info.filename: info.compress_type for info in zf.infolist()}
    manifest = json.loads(members["manifest.json"])
    del manifest["demo"]
    manifest["format_version"] = "1.1"
    members["manifest.json"] = (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    decode_manifest(members["manifest.json"])  # a well-formed 1.1 manifest: only the signature can tell
    tampered = tmp_path / world.package.name
    tampered.write_bytes(make_zip([(zip_info(n, methods[n]), members[n]) for n in members]))
    reviewer = Workspace.open(world.reviewer)
    try:
        before = db_dump(reviewer)
        assert_refused(reviewer, tampered, code="signature_invalid")
        assert db_dump(reviewer) == before
    finally:
        reviewer.close()


@pytest.mark.parametrize(
    "change",
    [
        lambda m: m.update(demo=False),
        lambda m: m.update(demo="true"),
        lambda m: m.update(format_version="1.1"),  # the mark is only known from 1.2 on
    ],
)
def test_the_mark_is_exactly_true_in_a_1_2_manifest(world: DemoWorld, change: object) -> None:
    with zipfile.ZipFile(io.BytesIO(world.package.read_bytes())) as zf:
        manifest = json.loads(zf.read("manifest.json"))
    change(manifest)  # type: ignore[operator]
    with pytest.raises(ManifestInvalidError):
        decode_manifest(json.dumps(manifest).encode("utf-8"))


def test_a_real_installation_writes_1_1_without_the_mark(tmp_path: Path) -> None:
    from reports import sample
    from tests.unit.sync_world import REVIEWER, TAN_PHU, commune_unit

    ws = new_installation(tmp_path / "xa", commune_unit(*TAN_PHU))
    try:
        sample.fill_sample(ws, months=1)
        assert not ws.is_demo
        path = sync.export_package(ws, tmp_path / "out").path
    finally:
        ws.close()
    opened = read_package(path)
    assert not opened.manifest.demo and opened.manifest.format_version == "1.1"
    with zipfile.ZipFile(path) as zf:
        assert "demo" not in json.loads(zf.read("manifest.json"))
    assert REVIEWER.code == opened.manifest.recipient.unit_code
