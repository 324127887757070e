"""Importing sync packages into the database: hostile cases, idempotence, history, feedback.

Every refusal is checked the same way (``assert_refused``): the outcome is ``refused`` with
its own reason, the reviewer's database is byte-for-byte what it was (``sqlite3`` iterdump of
the whole file before and after), and the file was *copied* to quarantine next to a
``.ly-do.txt`` that gives the reason in both languages.

Installations are slow to make (RSA keys, signatures), so ``build_world`` makes them once per
module and every test works on copies. Hostile packages that need a valid manifest signature
are re-packed with the sending commune's own installation key (what a tampering commune, or a
buggy program version, could do), so the check under test is the one that fires.
The world and the helpers are in sync_world.py; ``tests/property/test_sync_props.py`` uses them too.

Bugs these tests found (crashes on malformed fields, one code for every refusal, a return that
blocked later feedback, forms left in memory after a rollback, quarantine copies overwriting each
other) were fixed; the tests stay as the guard against their return.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from reports import __version__
from reports.documents.issuing import DATA_ATTACHMENT, canonical_json, report_document, verify_document
from reports.documents.render import render_report
from reports.exchange import board, feedback, sync
from reports.exchange.packages import OpenedPackage, PackageKind, PartyRef, read_package, write_package
from reports.exchange.sync import Outcome
from reports.signing import P12Method, SignatureAppearance, SignatureBox, attach_file, open_signer
from reports.signing.keys import format_fingerprint
from reports.storage.lifecycle import Status
from reports.storage.store import content_hash
from reports.workspace import Workspace
from tests.unit.sync_world import (
    OTHER_OFFICE,
    PASSWORD,
    REVIEWER,
    SIGNER,
    TAN_PHU,
    XUAN_DINH,
    World,
    amended_package,
    assert_refused,
    bump,
    db_dump,
    deliver,
    open_copy,
    repack,
    report_member,
    with_report,
)


@pytest.fixture
def opened(world: World) -> OpenedPackage:
    return read_package(world.package)


# ---------------------------------------------------------------- the genuine packages


def test_genuine_packages_are_imported_with_every_report(world: World, reviewer: Workspace) -> None:
    first = sync.import_file(reviewer, world.package)
    second = sync.import_file(reviewer, world.xuan_dinh_package)
    assert (first.outcome, second.outcome) == (Outcome.IMPORTED, Outcome.IMPORTED), (first, second)
    assert len(first.report_uids) == 3 and world.signed_uid in first.report_uids
    received = reviewer.store.by_uid(world.signed_uid)
    assert received is not None and received.status is Status.SENT and received.origin == "imported"
    assert reviewer.store.signed_pdf(received.id) is not None
    assert not any(reviewer.paths.quarantine.iterdir())


# ---------------------------------------------------------------- who sent it, and to whom


def test_certificate_bound_to_another_commune(world: World, tan_phu: Workspace, reviewer: Workspace, tmp_path: Path) -> None:
    """Xuân Định's package, signed with Tân Phú's installation key."""
    theirs = read_package(world.xuan_dinh_package)
    forged = repack(tan_phu, theirs)
    path = deliver(reviewer, forged, tmp_path / "usb", world.xuan_dinh_package.name)
    result = assert_refused(reviewer, path, code="certificate_bound_elsewhere", says=(XUAN_DINH[1], TAN_PHU[0]))
    assert "Đừng nhận gói này" in result.reason


def test_package_addressed_to_another_office(tan_phu: Workspace, reviewer: Workspace) -> None:
    """A commune that set the wrong reviewer code exports a perfectly good package."""
    tan_phu.update_unit(reviewer_code=OTHER_OFFICE.unit_code, reviewer_name=OTHER_OFFICE.unit_name)
    path = sync.export_package(tan_phu, tan_phu.paths.exports, everything=True).path
    assert_refused(reviewer, path, code="wrong_recipient", says=(OTHER_OFFICE.unit_name, "(mã 79)", "(mã 75)"),
                   says_en=("addressed to",))


def test_package_from_a_commune_with_no_bound_certificate(world: World, reviewer: Workspace) -> None:
    sync.revoke(reviewer, TAN_PHU[0])
    result = assert_refused(reviewer, world.package, code="certificate_not_bound",
                            says=("cchc units trust", world.package.name, TAN_PHU[1]), says_en=("cchc units trust",))
    assert format_fingerprint(read_package(world.package).certificate) in result.reason
    # What the message says to do works.
    sync.trust_package_sender(reviewer, world.package)
    assert sync.import_file(reviewer, world.package).outcome is Outcome.IMPORTED


def test_feedback_package_at_the_reviewer(world: World, tan_phu: Workspace, reviewer: Workspace, tmp_path: Path) -> None:
    # The reviewer's own feedback, dropped back into its own program: not for this office.
    assert sync.import_file(reviewer, world.package).outcome is Outcome.IMPORTED
    own = feedback.export_feedback(reviewer, tmp_path / "fb")[0].path
    assert_refused(reviewer, own, code="wrong_recipient", says=(TAN_PHU[1],))
    # A feedback package that is addressed to the reviewer: the kind is wrong.
    members = {"feedback/receipts.json": b"[]", "feedback/decisions.json": b"[]"}
    crafted = write_package(kind=PackageKind.FEEDBACK, sender=PartyRef(*TAN_PHU), recipient=PartyRef(REVIEWER.code, REVIEWER.name),
                            members=members, key=tan_phu.installation_key, created_at=tan_phu.clock(), app_version=__version__)
    path = deliver(reviewer, crafted, tmp_path / "usb", "26116_phan-hoi.cchc")
    assert_refused(reviewer, path, code=None, says=("không dành cho loại cài đặt này",),
                   says_en=("submissions go to the reviewer",))


def test_submission_at_the_commune(world: World, tan_phu: Workspace, tmp_path: Path) -> None:
    # Its own export, imported by mistake: addressed to the reviewer.
    assert_refused(tan_phu, world.package, code="wrong_recipient", says=(REVIEWER.name,))
    # A submission that is addressed to the commune (from its trusted reviewer): wrong kind.
    reviewer = open_copy(world.reviewer, tmp_path / "so")
    crafted = repack(reviewer, read_package(world.package), kind=PackageKind.SUBMISSION,
                     sender=PartyRef(REVIEWER.code, REVIEWER.name), recipient=PartyRef(*TAN_PHU))
    reviewer.close()
    path = deliver(tan_phu, crafted, tmp_path / "usb", "75_bao-cao.cchc")
    assert_refused(tan_phu, path, code=None, says=("không dành cho loại cài đặt này",))


# ---------------------------------------------------------------- what is inside


def build_foreign_report(world: World, tan_phu: Workspace) -> bytes:
    """Tân Phú's package carrying a report that says it is Xuân Định's."""
    opened = read_package(world.package)

    def other_unit(data: dict[str, Any]) -> None:
        data["unit_code"], data["unit_name"] = XUAN_DINH

    return repack(tan_phu, opened, with_report(opened.members, world.unsigned_uid, other_unit))


def test_report_of_another_unit_inside_a_package(world: World, tan_phu: Workspace, reviewer: Workspace, tmp_path: Path) -> None:
    path = deliver(reviewer, build_foreign_report(world, tan_phu), tmp_path / "usb", "26116_x.cchc")
    assert_refused(reviewer, path, code=None, says=("báo cáo của đơn vị khác (26461)",),
                   says_en=("another unit (26461)",))


def build_data_mismatch(world: World, tan_phu: Workspace) -> bytes:
    """The PDF is signed by the commune's own signer and intact, but the figures embedded in it
    are not the package's: re-rendered with changed data and signed again."""
    opened = read_package(world.package)
    data = report_member(opened, world.signed_uid)["report"]
    bump("meetings_held")(data)
    report = tan_phu.store.by_uid(world.signed_uid)
    assert report is not None
    rendered = render_report(report_document(tan_phu, report, draft=False))
    pdf = attach_file(rendered.pdf, DATA_ATTACHMENT, canonical_json(data))
    appearance = SignatureAppearance(signer_name=SIGNER, position_lines=("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
                                     unit_name=TAN_PHU[1])
    with open_signer(P12Method(tan_phu.paths.signer_key, PASSWORD)) as signer:
        signed = signer.sign(pdf, box=SignatureBox(*rendered.signature_box), appearance=appearance, location="Tân Phú")
    check = verify_document(signed, [])
    assert check.signatures and all(s.intact for s in check.signatures)  # only the data check can fire
    return repack(tan_phu, opened, {**opened.members, f"pdf/{world.signed_uid}.pdf": signed})


def test_pdf_whose_embedded_data_differs_from_the_package(world: World, tan_phu: Workspace, reviewer: Workspace, tmp_path: Path) -> None:
    path = deliver(reviewer, build_data_mismatch(world, tan_phu), tmp_path / "usb", "26116_y.cchc")
    assert_refused(reviewer, path, code=None, says=("khác với số liệu gắn trong PDF đã ký",),
                   says_en=("differ from those embedded in the signed PDF",))


def build_pdf_flipped(world: World, tan_phu: Workspace) -> bytes:
    """One byte changed inside the signed range (in the binary comment under the PDF's header,
    so the file still parses and only the signature check can fire)."""
    opened = read_package(world.package)
    pdf = bytearray(opened.members[f"pdf/{world.signed_uid}.pdf"])
    offset = bytes(pdf).index(b"\n%") + 2  # "%PDF-1.x" then a line "%" and four high bytes
    start, length = (int(n) for n in bytes(pdf).split(b"/ByteRange [", 1)[1].split()[:2])
    assert start <= offset < start + length and pdf[offset] >= 0x80
    pdf[offset] ^= 0x01
    return repack(tan_phu, opened, {**opened.members, f"pdf/{world.signed_uid}.pdf": bytes(pdf)})


def test_pdf_modified_after_signing(world: World, tan_phu: Workspace, reviewer: Workspace, tmp_path: Path) -> None:
    path = deliver(reviewer, build_pdf_flipped(world, tan_phu), tmp_path / "usb", "26116_z.cchc")
    assert_refused(reviewer, path, code=None, says=("đã bị thay đổi sau khi ký",),
                   says_en=("changed after signing",))


def build_figures_updated_after_signing(world: World, tan_phu: Workspace) -> bytes:
    """The figures changed after the chairman signed, by an incremental update that replaces
    the embedded data; the package's JSON says the same new figures, so the two agree."""
    opened = read_package(world.package)
    members = with_report(opened.members, world.signed_uid, bump("tthc_published", 5))
    data = json.loads(members[f"reports/{world.signed_uid}.json"])["report"]
    pdf = attach_file(opened.members[f"pdf/{world.signed_uid}.pdf"], DATA_ATTACHMENT, canonical_json(data))
    return repack(tan_phu, opened, {**members, f"pdf/{world.signed_uid}.pdf": pdf})


def test_figures_replaced_in_the_pdf_after_signing(world: World, tan_phu: Workspace, reviewer: Workspace, tmp_path: Path) -> None:
    path = deliver(reviewer, build_figures_updated_after_signing(world, tan_phu), tmp_path / "usb", "26116_w.cchc")
    assert_refused(reviewer, path, code=None, says=("đã bị thay đổi sau khi ký",))




@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda d: d.update(issued_on=2026), id="issued_on-not-a-date"),
        pytest.param(lambda d: d.update(period="2026-13"), id="period-unreadable"),
        pytest.param(lambda d: d.update(doc_number={"số": 5}), id="doc_number-not-a-number"),
        pytest.param(lambda d: d.update(unit_name=["Xã Tân Phú"]), id="unit_name-not-text"),
        pytest.param(lambda d: d.update(revision="1"), id="revision-not-a-number"),
        pytest.param(lambda d: d.pop("values"), id="values-missing"),
    ],
)
def test_malformed_report_data_is_refused_not_a_crash(
    world: World, tan_phu: Workspace, reviewer: Workspace, tmp_path: Path, change: Callable[[dict[str, Any]], None]
) -> None:
    """A package from a buggy or hostile installation, correctly signed, whose report data has
    the wrong shape: refused like any other bad package (the rest of a folder still imports),
    never an unexpected exception."""
    opened = read_package(world.package)
    members = with_report(opened.members, world.unsigned_uid, change, rehash=False)
    doc = json.loads(members[f"reports/{world.unsigned_uid}.json"])
    d = doc["report"]
    with contextlib.suppress(KeyError, TypeError):
        d["content_sha256"] = content_hash(d["form_id"], d["form_version"], d["period"], d["revision"], d["values"])
    members[f"reports/{world.unsigned_uid}.json"] = canonical_json(doc)
    path = deliver(reviewer, repack(tan_phu, opened, members), tmp_path / "usb", "26116_hong.cchc")
    assert_refused(reviewer, path, code=None, says=("không đúng định dạng",))


# ---------------------------------------------------------------- what we already hold


@pytest.mark.parametrize("same_uid", [True, False], ids=["same-report-id", "other-report-id"])
def test_two_contents_for_the_same_report_and_revision(
    world: World, tan_phu: Workspace, reviewer: Workspace, tmp_path: Path, same_uid: bool
) -> None:
    assert sync.import_file(reviewer, world.package).outcome is Outcome.IMPORTED
    opened = read_package(world.package)

    def change(data: dict[str, Any]) -> None:
        bump("communication_activities", 2)(data)
        if not same_uid:
            data["report_uid"] = "0" * 32

    conflicting = repack(tan_phu, opened, with_report(opened.members, world.unsigned_uid, change))
    path = deliver(reviewer, conflicting, tmp_path / "usb", "26116_lan2.cchc")
    assert_refused(reviewer, path, code=None, says=("xung đột",), says_en=("conflict",))


def test_older_revision_after_a_newer_one_is_kept_in_history(
    world: World, tan_phu: Workspace, reviewer: Workspace, tmp_path: Path
) -> None:
    newer, second = amended_package(world, tan_phu)
    assert sync.import_file(reviewer, deliver(reviewer, newer, tmp_path / "usb", "26116_lan2.cchc")).outcome is Outcome.IMPORTED
    latest_before = reviewer.store.by_uid(second.uid)
    result = sync.import_file(reviewer, world.package)
    assert result.outcome is Outcome.IMPORTED and world.signed_uid in result.report_uids
    older = reviewer.store.by_uid(world.signed_uid)
    assert older is not None and older.revision == 1
    assert [r.revision for r in reviewer.store.history(older)] == [1, 2]
    assert board.latest_reports(reviewer, world.period)[TAN_PHU[0]].uid == second.uid
    assert reviewer.store.by_uid(second.uid) == latest_before  # the newer revision is untouched
    row = next(s for s in board.status_for_period(reviewer, world.period) if s.unit_code == TAN_PHU[0])
    assert row.revision == 2


def test_the_same_package_twice_changes_nothing(world: World, reviewer: Workspace, tmp_path: Path) -> None:
    assert sync.import_file(reviewer, world.package).outcome is Outcome.IMPORTED
    once = db_dump(reviewer)
    again = sync.import_file(reviewer, world.package)
    assert again.outcome is Outcome.ALREADY_HAD and again.line().endswith("đã có")
    # The same bytes under another name, from another folder.
    copy = deliver(reviewer, world.package.read_bytes(), tmp_path / "mail", "tep-dinh-kem.cchc")
    assert sync.import_file(reviewer, copy).outcome is Outcome.ALREADY_HAD
    assert db_dump(reviewer) == once
    assert not any(reviewer.paths.quarantine.iterdir())


def test_a_resent_package_with_the_same_reports_changes_no_report(world: World, tan_phu: Workspace, reviewer: Workspace) -> None:
    """`cchc export --all` makes a new package with reports the reviewer already has."""
    assert sync.import_file(reviewer, world.package).outcome is Outcome.IMPORTED
    reports_before = reviewer.db.execute("SELECT * FROM reports ORDER BY id").fetchall()
    resent = sync.export_package(tan_phu, tan_phu.paths.exports, everything=True).path
    result = sync.import_file(reviewer, resent)
    assert result.outcome is Outcome.ALREADY_HAD and result.report_uids == []
    assert reviewer.db.execute("SELECT * FROM reports ORDER BY id").fetchall() == reports_before


# ---------------------------------------------------------------- all or nothing, and telling refusals apart


def v2_form(ws: Workspace) -> bytes:
    source = ws.forms.source("cchc-xa", 1)
    assert "\nversion = 1\n" in source
    return source.replace("\nversion = 1\n", "\nversion = 2\n", 1).encode("utf-8")


def test_a_refused_package_leaves_no_form_behind(world: World, tan_phu: Workspace, reviewer: Workspace, tmp_path: Path) -> None:
    from reports.storage.form_registry import UnknownFormError

    assert sync.import_file(reviewer, world.package).outcome is Outcome.IMPORTED
    opened = read_package(world.package)
    members = with_report(opened.members, world.unsigned_uid, bump("meetings_held"))  # a conflict: refused
    members["forms/cchc-xa-v2.toml"] = v2_form(tan_phu)
    path = deliver(reviewer, repack(tan_phu, opened, members), tmp_path / "usb", "26116_v2.cchc")
    assert_refused(reviewer, path, code=None, says=("xung đột",))
    with pytest.raises(UnknownFormError):
        reviewer.forms.get("cchc-xa", 2)


def test_each_refusal_has_its_own_code(world: World, tan_phu: Workspace, reviewer: Workspace, tmp_path: Path) -> None:
    assert sync.import_file(reviewer, world.package).outcome is Outcome.IMPORTED
    opened = read_package(world.package)
    wrong_kind = write_package(
        kind=PackageKind.FEEDBACK, sender=PartyRef(*TAN_PHU), recipient=PartyRef(REVIEWER.code, REVIEWER.name),
        members={"feedback/receipts.json": b"[]", "feedback/decisions.json": b"[]"}, key=tan_phu.installation_key,
        created_at=tan_phu.clock(), app_version=__version__)
    built = {
        "wrong kind": wrong_kind,
        "foreign report": build_foreign_report(world, tan_phu),
        "data mismatch": build_data_mismatch(world, tan_phu),
        "pdf changed": build_pdf_flipped(world, tan_phu),
        "conflict": repack(tan_phu, opened, with_report(opened.members, world.unsigned_uid, bump("meetings_held"))),
    }
    codes = {}
    for what, data in built.items():
        result = sync.import_bytes(reviewer, data, name=f"{what}.cchc")
        assert result.outcome is Outcome.REFUSED, (what, result)
        codes[what] = result.code
    assert "manifest_invalid" not in codes.values(), codes
    assert len(set(codes.values())) == len(codes), codes


def test_two_refused_files_with_the_same_name_are_both_kept(world: World, tmp_path: Path) -> None:
    moment = dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC)
    shutil.copytree(world.reviewer, tmp_path / "so")
    ws = Workspace.open(tmp_path / "so", clock=lambda: moment)
    try:
        data = world.package.read_bytes()
        first = deliver(ws, data[:1000], tmp_path / "usb-1", "goi.cchc")
        second = deliver(ws, data[:-1000], tmp_path / "usb-2", "goi.cchc")
        results = sync.import_files(ws, [first, second])
        assert [r.outcome for r in results] == [Outcome.REFUSED, Outcome.REFUSED]
        kept = sorted(p.read_bytes() for p in ws.paths.quarantine.glob("*goi.cchc"))
        assert kept == sorted([first.read_bytes(), second.read_bytes()])
        assert len(list(ws.paths.quarantine.glob("*.ly-do.txt"))) == 2
    finally:
        ws.close()


def test_checking_pdfs_in_worker_processes_gives_the_same_import(
    world: World, tan_phu: Workspace, reviewer: Workspace, tmp_path: Path
) -> None:
    """Two processes check the signed PDFs, the import stays serial: the same rows as a serial
    import of the same folder, and a tampered PDF in the batch is still refused."""
    folder = tmp_path / "batch"
    folder.mkdir()
    shutil.copy(world.package, folder / world.package.name)
    shutil.copy(world.xuan_dinh_package, folder / world.xuan_dinh_package.name)
    (folder / "26116_z.cchc").write_bytes(build_pdf_flipped(world, tan_phu))
    serial = open_copy(world.reviewer, tmp_path / "serial")
    try:
        expected = [(r.name, r.outcome, r.code) for r in sync.import_files(serial, [folder])]
        expected_rows = _timeless(db_dump(serial))
    finally:
        serial.close()
    got = [(r.name, r.outcome, r.code) for r in sync.import_files(reviewer, [folder], workers=2)]
    assert got == expected
    assert [o for _, o, _ in got].count(Outcome.REFUSED) == 1
    assert _timeless(db_dump(reviewer)) == expected_rows


def _timeless(rows: list[str]) -> list[str]:
    """The dump with the moments of import masked (the audit log, chained over them, left out)."""
    return [re.sub(r"\d{4}-\d\d-\d\dT[\d:.]+Z", "T", r) for r in rows if '"audit_log"' not in r]


def test_a_signed_pdf_resent_in_several_packages_is_planned_once(world: World, tmp_path: Path) -> None:
    """A commune resends what it has not seen confirmed: the workers check each distinct PDF
    once, and the import of the folder is the same as a serial one."""
    from reports.exchange.pdf_checks import plan_checks

    folder = tmp_path / "resent"
    folder.mkdir()
    for name in ("26116_a.cchc", "26116_b.cchc"):
        shutil.copy(world.package, folder / name)
    shutil.copy(world.xuan_dinh_package, folder / world.xuan_dinh_package.name)
    (folder / "26116_hong.cchc").write_bytes(b"PK\x03\x04 not a package")
    files = sync.collect_packages([folder])
    plan = list(plan_checks(files))
    planned = [p.name for _, p, _ in plan]
    assert "26116_a.cchc" in planned and "26116_b.cchc" not in planned and "26116_hong.cchc" not in planned
    assert all(files[i] == p for i, p, _ in plan)
    assert all(members and all(m.startswith("pdf/") for m in members) for _, _, members in plan)

    serial = open_copy(world.reviewer, tmp_path / "serial")
    parallel = open_copy(world.reviewer, tmp_path / "parallel")
    try:
        expected = [(r.name, r.outcome, r.code) for r in sync.import_files(serial, [folder])]
        got = [(r.name, r.outcome, r.code) for r in sync.import_files(parallel, [folder], workers=2)]
        assert got == expected
        assert [o for _, o, _ in got][:3] == [Outcome.IMPORTED, Outcome.ALREADY_HAD, Outcome.REFUSED]
        assert _timeless(db_dump(parallel)) == _timeless(db_dump(serial))
    finally:
        serial.close()
        parallel.close()


def test_the_workers_check_unverified_packages_but_serve_only_the_same_bytes(
    world: World, tan_phu: Workspace, reviewer: Workspace, tmp_path: Path
) -> None:
    """The workers read a package's PDFs without verifying the package (the serial stage
    does): a package signed by an installation that is not the sender's comes first and is
    refused, and the genuine package carrying the very same signed PDF is imported after it,
    exactly as in a serial import."""
    from reports.signing.keys import create_key_pair

    opened = read_package(world.package)
    impostor = write_package(
        kind=PackageKind.SUBMISSION, sender=PartyRef(*TAN_PHU), recipient=PartyRef(REVIEWER.code, REVIEWER.name),
        members=opened.members, key=create_key_pair("Kẻ mạo danh", "Xã Tân Phú", TAN_PHU[0]),
        created_at=tan_phu.clock(), app_version=__version__)
    folder = tmp_path / "impostor"
    folder.mkdir()
    (folder / "26116_0.cchc").write_bytes(impostor)
    shutil.copy(world.package, folder / "26116_1.cchc")
    serial = open_copy(world.reviewer, tmp_path / "serial")
    try:
        expected = [(r.name, r.outcome, r.code) for r in sync.import_files(serial, [folder])]
        expected_rows = _timeless(db_dump(serial))
    finally:
        serial.close()
    got = [(r.name, r.outcome, r.code) for r in sync.import_files(reviewer, [folder], workers=2)]
    assert got == expected
    assert [o for _, o, _ in got] == [Outcome.REFUSED, Outcome.IMPORTED]
    assert _timeless(db_dump(reviewer)) == expected_rows
