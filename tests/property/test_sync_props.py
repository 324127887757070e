"""Properties of importing real packages at the reviewer (hypothesis, bounded).

* importing any sequence of packages twice leaves the database as importing it once;
* any single changed byte of a real exported package is refused, the database untouched;
* export → import keeps every value of every report, whatever an official typed.

The installations come from ``tests/unit/test_sync_import.py``'s ``build_world`` (made once
for this module); every example works on its own copies of them.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reports.documents.sample import SAMPLE_VALUES
from reports.exchange import sync
from reports.exchange.sync import Outcome
from reports.workspace import Workspace
from tests.unit.sync_world import (
    World,
    amended_package,
    build_world,
    db_dump,
    finalize,
    open_copy,
    sign,
)

BOUNDED = settings(max_examples=40, deadline=None)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    return build_world(tmp_path_factory.mktemp("world"))


@pytest.fixture(scope="module")
def pool(world: World, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """Real packages: both communes' first exports, Tân Phú's `export --all` re-send of the
    same reports, and its revision 2 of the signed report."""
    tan_phu = open_copy(world.tan_phu, tmp_path_factory.mktemp("pool") / "tan-phu")
    try:
        resent = sync.export_package(tan_phu, tan_phu.paths.exports, everything=True).path.read_bytes()
        revision_2, _ = amended_package(world, tan_phu)
    finally:
        tan_phu.close()
    return {
        "tan-phu.cchc": world.package.read_bytes(),
        "xuan-dinh.cchc": world.xuan_dinh_package.read_bytes(),
        "tan-phu-gui-lai.cchc": resent,
        "tan-phu-lan-2.cchc": revision_2,
    }


def fresh_reviewer(world: World, factory: pytest.TempPathFactory) -> Workspace:
    return open_copy(world.reviewer, factory.mktemp("so") / "so")


@BOUNDED
@given(order=st.lists(st.sampled_from(["tan-phu.cchc", "xuan-dinh.cchc", "tan-phu-gui-lai.cchc", "tan-phu-lan-2.cchc"]),
                      min_size=1, max_size=5))
def test_importing_twice_is_importing_once(
    world: World, pool: dict[str, bytes], tmp_path_factory: pytest.TempPathFactory, order: list[str]
) -> None:
    ws = fresh_reviewer(world, tmp_path_factory)
    try:
        first = [sync.import_bytes(ws, pool[name], name=name) for name in order]
        assert not [r for r in first if r.outcome is Outcome.REFUSED], first
        once = db_dump(ws)
        again = [sync.import_bytes(ws, pool[name], name=name) for name in order]
        assert [r.outcome for r in again] == [Outcome.ALREADY_HAD] * len(order)
        assert db_dump(ws) == once
        # Every genuine report landed exactly once.
        landed = [uid for (uid,) in ws.db.execute("SELECT uid FROM reports ORDER BY uid")]
        imported = sorted(uid for r in first for uid in r.report_uids)
        assert landed == imported
    finally:
        ws.close()


@pytest.fixture(scope="module")
def bound_reviewer(world: World, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Workspace, list[str]]]:
    # The genuine package is accepted by a copy of this reviewer: a refusal below is the byte's doing.
    check = fresh_reviewer(world, tmp_path_factory)
    assert sync.import_file(check, world.package).outcome is Outcome.IMPORTED
    check.close()
    ws = fresh_reviewer(world, tmp_path_factory)
    yield ws, db_dump(ws)
    ws.close()


@BOUNDED
@given(data=st.data())
def test_any_changed_byte_of_a_real_package_is_refused(
    world: World, bound_reviewer: tuple[Workspace, list[str]], data: st.DataObject
) -> None:
    ws, before = bound_reviewer
    package = world.package.read_bytes()
    n = len(package)
    # Anywhere, with extra weight on the manifest and its signature (at the start: stored
    # members) and on the central directory (at the end).
    offset = data.draw(st.one_of(st.integers(0, n - 1), st.integers(0, 4095), st.integers(n - 2048, n - 1)), label="offset")
    xor = data.draw(st.integers(1, 255), label="xor")
    changed = bytearray(package)
    changed[offset] ^= xor
    result = sync.import_bytes(ws, bytes(changed), name=world.package.name)
    assert result.outcome is Outcome.REFUSED, (offset, xor, result)
    assert result.reason and result.reason_en
    assert db_dump(ws) == before


VIETNAMESE = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
    "AĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXYÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ"
    "0123456789 .,;:-–()%/\"'\n"
)
TEXT_FIELDS = ("direction_results", "institution_results", "procedure_results", "next_tasks", "proposals")
FREE_COUNTS = ("meetings_held", "communication_activities", "online_payments", "signed_documents", "staff_trained")
text = st.one_of(
    st.text(st.sampled_from(VIETNAMESE), min_size=1, max_size=400),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=120),
).filter(lambda t: t.strip())
edits = st.fixed_dictionaries(
    {}, optional={**{f: text for f in TEXT_FIELDS}, **{f: st.integers(0, 10**6) for f in FREE_COUNTS}}
)


@BOUNDED
@given(reports=st.lists(st.tuples(edits, st.booleans()), min_size=1, max_size=3), decomposed=st.booleans())
def test_export_then_import_keeps_every_value(
    world: World,
    tmp_path_factory: pytest.TempPathFactory,
    reports: list[tuple[dict[str, Any], bool]],
    decomposed: bool,
) -> None:
    root = tmp_path_factory.mktemp("round")
    commune = open_copy(world.tan_phu_blank, root / "tan-phu")
    reviewer = open_copy(world.reviewer, root / "so")
    try:
        made = []
        for month, (changes, signed) in enumerate(reports, start=1):
            if decomposed:  # typed with an input method that sends combining marks
                changes = {k: unicodedata.normalize("NFD", v) if isinstance(v, str) else v for k, v in changes.items()}
            report = commune.store.create(f"2026-{month:02d}", "cchc-xa")
            commune.store.replace_values(report.id, SAMPLE_VALUES)
            commune.store.set_values(report.id, changes)
            finalize(commune, report.id)
            if signed:
                sign(commune, report.id)
            made.append(commune.store.get(report.id))
        exported = sync.export_package(commune, root / "out")
        assert sorted(exported.report_ids) == sorted(r.id for r in made)
        result = sync.import_file(reviewer, exported.path)
        assert result.outcome is Outcome.IMPORTED, result
        for sent in made:
            got = reviewer.store.by_uid(sent.uid)
            assert got is not None
            assert got.values == sent.values
            assert (got.revision, got.period, got.form_id, got.form_version) == (
                sent.revision, sent.period, sent.form_id, sent.form_version)
            assert (got.unit_code, got.unit_name, got.doc_number, got.issued_on, got.content_sha256) == (
                sent.unit_code, sent.unit_name, sent.doc_number, sent.issued_on, sent.content_sha256)
            assert reviewer.store.signed_pdf(got.id) == commune.store.signed_pdf(sent.id)
            assert all(unicodedata.is_normalized("NFC", v) for v in got.values.values() if isinstance(v, str))
    finally:
        commune.close()
        reviewer.close()


def test_the_pool_is_what_it_says(pool: dict[str, bytes], world: World, tmp_path: Path) -> None:
    """The packages the properties draw from are all genuine and importable."""
    ws = open_copy(world.reviewer, tmp_path / "so")
    try:
        outcomes = {name: sync.import_bytes(ws, data, name=name).outcome for name, data in pool.items()}
    finally:
        ws.close()
    assert outcomes == {
        "tan-phu.cchc": Outcome.IMPORTED,
        "xuan-dinh.cchc": Outcome.IMPORTED,
        "tan-phu-gui-lai.cchc": Outcome.ALREADY_HAD,
        "tan-phu-lan-2.cchc": Outcome.IMPORTED,
    }
