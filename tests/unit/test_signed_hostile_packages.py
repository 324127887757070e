"""A trusted commune signs, with its own key, packages that are unsafe as archives (path
traversal, absolute names, links, duplicates, a zip bomb, members the manifest does not
list), carry explanations or self-scores the criteria do not allow, a thousand reports at
once, or feedback pretending to come from the reviewer. The content checks of one report
are in test_signed_hostile_content.py; the forger in forger.py."""

from __future__ import annotations

import json
import stat
import zipfile
from pathlib import Path

import pytest

from reports.documents.issuing import canonical_json
from reports.exchange import sync
from reports.exchange.packages import PackageKind, PartyRef, read_package, write_package
from reports.exchange.sync import Outcome
from reports.storage.report import content_hash
from reports.workspace import Workspace
from tests.unit.forger import forge, member, refused, values
from tests.unit.package_maker import file_entry, package, zip_info
from tests.unit.sync_world import (
    REVIEWER,
    TAN_PHU,
    XUAN_DINH,
    World,
    db_dump,
    deliver,
    open_copy,
    repack,
)

# ---------------------------------------------------------------- the package itself


def handmade(world: World, commune: Workspace, extra: list[tuple[zipfile.ZipInfo | str, bytes]],
             listed: dict[str, bytes] | None = None) -> bytes:
    """The commune's real payload zipped by hand (``extra`` added, ``listed`` in the
    manifest), the manifest signed with the commune's own key."""
    opened = read_package(world.package)
    payload = dict(opened.members)
    manifest = {
        "format_version": "1.1", "package_id": "5f2a9c1d5e6b4a7c8d9e0f1a2b3c4d5e", "kind": "submission",
        "sender": {"unit_code": TAN_PHU[0], "unit_name": TAN_PHU[1]},
        "recipient": {"unit_code": REVIEWER.code, "unit_name": REVIEWER.name},
        "created_at": "2026-12-01T01:30:00Z", "app_version": "0.1.0",
        "files": [file_entry(p, c) for p, c in sorted({**payload, **(listed or {})}.items())],
    }
    return package(payload, manifest=manifest, signer=commune.installation_key, extra=extra)


def _link(name: str) -> zipfile.ZipInfo:
    info = zip_info(name)
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


@pytest.mark.parametrize(("extra", "listed", "code"), [
    pytest.param([("evidence/../../etc/passwd", b"x")], None, "path_traversal", id="dot-dot"),
    pytest.param([("/etc/cchc", b"x")], None, "absolute_path", id="absolute"),
    pytest.param([("evidence\\..\\x", b"x")], None, "path_traversal", id="backslash"),
    pytest.param([("evidence/a\\b", b"x")], None, "bad_member_name", id="backslash-in-name"),
    # zipfile cuts a name at NUL: what arrives is a member the manifest does not list.
    pytest.param([("evidence/a\x00b", b"x")], None, "member_unlisted", id="nul"),
    pytest.param([(_link("evidence/link"), b"/etc/passwd")], None, "symlink_member", id="symlink"),
    pytest.param([("pdf/extra.pdf", b"%PDF-1.7")], None, "member_unlisted", id="unlisted-member"),
    pytest.param([], {"pdf/missing.pdf": b"%PDF-1.7"}, "member_missing", id="listed-not-present"),
], )
def test_unsafe_archives_signed_by_a_trusted_commune(
    world: World, tan_phu: Workspace, reviewer: Workspace, tmp_path: Path,
    extra: list[tuple[zipfile.ZipInfo | str, bytes]], listed: dict[str, bytes] | None, code: str
) -> None:
    refused(reviewer, handmade(world, tan_phu, extra, listed), tmp_path, code)


def test_a_duplicate_member_signed_by_a_trusted_commune(world: World, tan_phu: Workspace, reviewer: Workspace,
                                                       tmp_path: Path) -> None:
    name = f"reports/{world.unsigned_uid}.json"
    with pytest.warns(UserWarning, match="Duplicate name"):
        data = handmade(world, tan_phu, [(name, b"{}")])
    refused(reviewer, data, tmp_path, "duplicate_member")


def test_a_zip_bomb_signed_by_a_trusted_commune(world: World, tan_phu: Workspace, reviewer: Workspace,
                                               tmp_path: Path) -> None:
    bomb = b"\0" * (24 * 1024 * 1024)  # deflates 1000:1
    refused(reviewer, handmade(world, tan_phu, [(zip_info("evidence/" + "0" * 64), bomb)]), tmp_path, "zip_bomb")


def test_an_explanation_for_a_criterion_that_does_not_exist(world: World, tan_phu: Workspace,
                                                            reviewer: Workspace, tmp_path: Path) -> None:
    opened = read_package(world.package)
    scoring = next(p for p, c in opened.members.items()
                   if p.startswith("reports/") and json.loads(c)["report"]["form_id"] == "tu-cham-diem-xa")
    uid = scoring.removeprefix("reports/").removesuffix(".json")
    data = forge(world, tan_phu, member(explanations={"khong_co_tieu_chi": "Giải trình."}), uid=uid)
    refused(reviewer, data, tmp_path, "report_invalid", ("tài liệu kiểm chứng",))


def test_a_self_score_above_its_maximum(world: World, tan_phu: Workspace, reviewer: Workspace, tmp_path: Path) -> None:
    opened = read_package(world.package)
    scoring = next(json.loads(c) for p, c in opened.members.items()
                   if p.startswith("reports/") and json.loads(c)["report"]["form_id"] == "tu-cham-diem-xa")
    definition = reviewer.forms.get("tu-cham-diem-xa", scoring["report"]["form_version"])
    target = next(f for f in definition.iter_fields() if f.self_scored and f.max_points and not f.method.levels)
    data = forge(world, tan_phu, values(**{target.id: target.max_points + 50}), uid=scoring["report"]["report_uid"])
    refused(reviewer, data, tmp_path, "values_invalid", ("không được vượt",))


# ---------------------------------------------------------------- many reports, forged feedback


def test_a_thousand_reports_in_one_package_import_in_one_go(world: World, tan_phu: Workspace,
                                                            reviewer: Workspace, tmp_path: Path) -> None:
    """Bounded by the package limits (2000 members); each report is checked on its own."""
    opened = read_package(world.package)
    base = json.loads(opened.members[f"reports/{world.unsigned_uid}.json"])
    members: dict[str, bytes] = {}
    for n in range(1000):
        doc = json.loads(json.dumps(base))
        d = doc["report"]
        d["report_uid"] = f"{n:032x}"
        d["period"] = f"{2003 + n // 48:04d}-{n % 12 + 1:02d}"
        d["revision"] = n % 48 // 12 + 1
        d["content_sha256"] = content_hash(d["form_id"], d["form_version"], d["period"], d["revision"], d["values"])
        members[f"reports/{d['report_uid']}.json"] = canonical_json(doc)
    data = repack(tan_phu, opened, members)
    result = sync.import_file(reviewer, deliver(reviewer, data, tmp_path / "usb", "26116_nhieu.cchc"))
    assert result.outcome is Outcome.IMPORTED, result
    assert len(result.report_uids) == 1000


def test_feedback_forged_by_a_commune_pretending_to_be_the_reviewer(
    world: World, tan_phu: Workspace, tmp_path: Path
) -> None:
    xuan_dinh = open_copy(world.xuan_dinh, tmp_path / "xuan-dinh")
    try:
        members = {"feedback/receipts.json": canonical_json([]), "feedback/decisions.json": canonical_json([])}
        data = write_package(kind=PackageKind.FEEDBACK, sender=PartyRef(REVIEWER.code, REVIEWER.name),
                             recipient=PartyRef(*TAN_PHU), members=members, key=xuan_dinh.installation_key,
                             created_at=xuan_dinh.clock(), app_version="0.1.0")
    finally:
        xuan_dinh.close()
    path = deliver(tan_phu, data, tmp_path / "usb", "phan-hoi-gia.cchc")
    before = db_dump(tan_phu)
    result = sync.import_file(tan_phu, path)
    assert result.outcome is Outcome.REFUSED and result.code == "certificate_not_bound", result
    assert db_dump(tan_phu) == before
    assert XUAN_DINH[0] not in result.reason
