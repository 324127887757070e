"""What the package tests share: one reviewer bound to two communes (Tân Phú with a signed
report exported, Xuân Định), made once per test module and opened as copies, and the helpers
that make installations, sign, re-pack a package with a commune's own key (what a tampering
commune could do), deliver it and check a refusal left the database as it was.

The fixtures ``world``, ``reviewer`` and ``tan_phu`` are registered in tests/unit/conftest.py."""

from __future__ import annotations

import contextlib
import json
import shutil
import sqlite3
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from reports import __version__, sample
from reports.documents import issuing
from reports.documents.issuing import canonical_json
from reports.exchange import sync
from reports.exchange.packages import OpenedPackage, PackageKind, PartyRef, read_package, write_package
from reports.exchange.sync import ImportResult, Outcome
from reports.signing import P12Method, open_signer
from reports.storage.store import Report, content_hash
from reports.storage.unit import Role, Unit
from reports.workspace import Workspace

PASSWORD = "mật-khẩu-ký-2026"
SIGNER = "Nguyễn Văn An"
PROVINCE = "Tỉnh Đồng Nai"
REVIEWER = Unit(
    role=Role.REVIEWER, code="75", name="Sở Nội vụ tỉnh Đồng Nai", province_name=PROVINCE, province_code="75"
)
TAN_PHU = ("26116", "Xã Tân Phú")
XUAN_DINH = ("26461", "Xã Xuân Định")
OTHER_OFFICE = PartyRef("79", "Sở Nội vụ Thành phố Hồ Chí Minh")


# ---------------------------------------------------------------- helpers


def commune_unit(code: str, name: str) -> Unit:
    return Unit(
        role=Role.COMMUNE, code=code, name=name, province_name=PROVINCE, province_code="75",
        reviewer_code=REVIEWER.code, reviewer_name=REVIEWER.name, signer_name=SIGNER,
    )


def new_installation(folder: Path, unit: Unit) -> Workspace:
    ws = Workspace.open(folder, actor="kiểm thử")
    ws.initialise(unit)
    return ws


def open_copy(template: Path, target: Path) -> Workspace:
    """A private copy of a closed installation (the template stays as it was)."""
    shutil.copytree(template, target)
    return Workspace.open(target, actor="kiểm thử")


def db_dump(ws: Workspace) -> list[str]:
    """Every table's schema and rows, through a connection of its own."""
    with contextlib.closing(sqlite3.connect(ws.paths.database)) as con:
        return list(con.iterdump())


def sign(ws: Workspace, report_id: int) -> bytes:
    with open_signer(P12Method(ws.paths.signer_key, PASSWORD)) as signer:
        return issuing.sign_report(ws, report_id, signer).pdf


def finalize(ws: Workspace, report_id: int) -> Report:
    """Finalise, acknowledging any warning first (as an official who checked the figures)."""
    store = ws.store
    for warning in store.evaluate(store.get(report_id)).warnings:
        store.acknowledge(report_id, warning.rule_id, "Đã kiểm tra lại, số liệu đúng.")
    return store.finalize(report_id)


def monthly_reports(ws: Workspace) -> list[Report]:
    """The commune's monthly reports, oldest period first."""
    return sorted((r for r in ws.store.list() if r.form_id == "cchc-xa"), key=lambda r: (r.period.code, r.revision))


def repack(
    ws: Workspace,
    opened: OpenedPackage,
    members: Mapping[str, bytes] | None = None,
    *,
    kind: PackageKind | None = None,
    sender: PartyRef | None = None,
    recipient: PartyRef | None = None,
) -> bytes:
    """A new package (new id) signed with ``ws``'s installation key, from ``opened``'s parts."""
    m = opened.manifest
    return write_package(
        kind=kind or m.kind, sender=sender or m.sender, recipient=recipient or m.recipient,
        members=dict(opened.members if members is None else members), key=ws.installation_key,
        created_at=ws.clock(), app_version=__version__,
    )


def report_member(opened: OpenedPackage, uid: str) -> dict[str, Any]:
    return json.loads(opened.members[f"reports/{uid}.json"])


def with_report(
    members: Mapping[str, bytes], uid: str, change: Callable[[dict[str, Any]], None], *, rehash: bool = True
) -> dict[str, bytes]:
    """``members`` with the report ``uid``'s data changed (and its checksum recomputed, so
    only the check under test can fire). The member is renamed when the uid changes."""
    out = dict(members)
    doc = json.loads(out.pop(f"reports/{uid}.json"))
    change(doc["report"])
    d = doc["report"]
    if rehash:
        d["content_sha256"] = content_hash(d["form_id"], d["form_version"], d["period"], d["revision"], d["values"])
    out[f"reports/{d['report_uid']}.json"] = canonical_json(doc)
    return out


def bump(field: str, by: int = 1) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data["values"] = {**data["values"], field: data["values"][field] + by}

    return change


def deliver(ws: Workspace, data: bytes, folder: Path, name: str) -> Path:
    """Put a package where an official would drop it (a USB stick, a mail attachment)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    return path


def assert_refused(
    ws: Workspace, path: Path, *, code: str | None, says: tuple[str, ...] = (), says_en: tuple[str, ...] = ()
) -> ImportResult:
    """``code`` None: a refusal made in reports/sync.py, told apart by its text for now (see
    ``test_each_refusal_has_its_own_code``)."""
    data = path.read_bytes()
    before = db_dump(ws)
    result = sync.import_file(ws, path)
    assert result.outcome is Outcome.REFUSED, result
    if code is not None:
        assert result.code == code, result
    for text in says:
        assert text in result.reason, result.reason
    for text in says_en:
        assert text in result.reason_en, result.reason_en
    assert db_dump(ws) == before, "a refused package changed the database"
    assert path.read_bytes() == data, "the refused file itself must stay where it was"
    assert result.quarantined is not None and result.quarantined.parent == ws.paths.quarantine
    assert result.quarantined.read_bytes() == data
    why = result.quarantined.with_name(result.quarantined.name + ".ly-do.txt").read_text("utf-8")
    assert result.reason in why and result.reason_en in why and result.code in why
    return result


# ---------------------------------------------------------------- the world: one reviewer, two communes


@dataclass(frozen=True)
class World:
    reviewer: Path  # template folders, closed; bound to both communes
    tan_phu_blank: Path  # initialised, signing key made, reviewer trusted; no report yet
    tan_phu: Path  # after its first export
    xuan_dinh: Path
    package: Path  # Tân Phú's export: two monthly reports (the later one signed) and the self-assessment
    xuan_dinh_package: Path
    signed_uid: str
    unsigned_uid: str
    period: str  # of the signed report


def build_world(root: Path) -> World:
    reviewer = new_installation(root / "so", REVIEWER)
    blank = new_installation(root / "tan-phu-blank", commune_unit(*TAN_PHU))
    issuing.create_signer_key(blank, SIGNER, PASSWORD)
    sync.bind_certificate(blank, REVIEWER.code, reviewer.installation_key.cert_pem())
    sync.bind_certificate(reviewer, TAN_PHU[0], blank.installation_key.cert_pem())
    blank.close()
    tan_phu = open_copy(root / "tan-phu-blank", root / "tan-phu")
    xuan_dinh = new_installation(root / "xuan-dinh", commune_unit(*XUAN_DINH))
    sync.bind_certificate(reviewer, XUAN_DINH[0], xuan_dinh.installation_key.cert_pem())

    sample.fill_sample(tan_phu, months=2)
    unsigned, latest = monthly_reports(tan_phu)
    sign(tan_phu, latest.id)
    package = sync.export_package(tan_phu, root / "out-tan-phu").path
    sample.fill_sample(xuan_dinh, months=1)
    xuan_dinh_package = sync.export_package(xuan_dinh, root / "out-xuan-dinh").path
    for ws in (reviewer, tan_phu, xuan_dinh):
        ws.close()
    return World(root / "so", root / "tan-phu-blank", root / "tan-phu", root / "xuan-dinh", package,
                 xuan_dinh_package, latest.uid, unsigned.uid, latest.period.code)


def amended_package(world: World, tan_phu: Workspace) -> tuple[bytes, Report]:
    """Revision 2 of the signed report, alone in a package (as the commune sends it once the
    reviewer's receipts for the rest have come back)."""
    first = tan_phu.store.by_uid(world.signed_uid)
    assert first is not None
    second = tan_phu.store.amend(first.id)
    tan_phu.store.set_values(second.id, {"meetings_held": second.values["meetings_held"] + 1})
    finalize(tan_phu, second.id)
    sign(tan_phu, second.id)
    second = tan_phu.store.get(second.id)
    everything = read_package(sync.export_package(tan_phu, tan_phu.paths.exports).path)
    members = {k: v for k, v in everything.members.items() if second.uid in k or k.startswith("forms/")}
    return repack(tan_phu, everything, members), second


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    return build_world(tmp_path_factory.mktemp("world"))


@pytest.fixture
def reviewer(world: World, tmp_path: Path) -> Iterator[Workspace]:
    ws = open_copy(world.reviewer, tmp_path / "so")
    yield ws
    ws.close()


@pytest.fixture
def tan_phu(world: World, tmp_path: Path) -> Iterator[Workspace]:
    ws = open_copy(world.tan_phu, tmp_path / "tan-phu")
    yield ws
    ws.close()
