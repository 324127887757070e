"""Incomplete sets of parts at the reviewer do not stay for ever: dropped after STALE_DAYS
without a new part (and `cchc import` says so), and as soon as a newer set from the same
commune completes (its result says so); other communes' sets and odd folders are left alone."""

from __future__ import annotations

import io
import os
import time
from pathlib import Path

from reports.cli.main import main as cchc
from reports.exchange import sync
from reports.exchange.parts import STALE_DAYS, waiting_sets
from reports.exchange.sync import Outcome
from reports.par_index.service import evidence_service
from reports.workspace import Workspace
from tests.unit.sync_world import db_dump, finalize
from tests.unit.test_evidence_packages import World, commune, reviewer, scoring_of, world
from tests.unit.test_par_index import large_pdf

__all__ = ["World", "commune", "reviewer", "world"]  # the fixtures, shared with test_evidence_packages


def _split(commune: Workspace, tmp_path: Path, out: str) -> list[Path]:
    """A submission in several parts (big evidence, a 1 MB sending limit)."""
    if not any(i.name == "lon-0.pdf" for i in commune.evidence_files.items(scoring_of(commune))):
        draft = commune.store.amend(scoring_of(commune))
        for n, field in enumerate(("s3_one_stop", "s4_staff_quota", "s5_training")):
            big = tmp_path / f"lon-{n}.pdf"
            big.write_bytes(large_pdf(700 * 1024))
            evidence_service(commune).add_file(draft.id, field, big)
        finalize(commune, draft.id)
    commune.settings.set("attachment_limit_mb", 1)
    parts = list(sync.export_package(commune, tmp_path / out).paths)
    assert len(parts) >= 3
    return parts


def _age(folder: Path, days: float) -> None:
    old = time.time() - days * 86400
    for f in folder.iterdir():
        os.utime(f, (old, old))


def test_a_set_waiting_too_long_is_dropped_and_import_says_so(commune: Workspace, reviewer: Workspace,
                                                              tmp_path: Path) -> None:
    parts = _split(commune, tmp_path, "out")
    assert sync.import_file(reviewer, parts[0]).outcome is Outcome.WAITING
    [waiting] = waiting_sets(reviewer.paths.root)
    assert (waiting.have, waiting.count) == (1, len(parts))
    _age(waiting.folder, STALE_DAYS - 1)
    assert sync.clean_waiting_parts(reviewer) == []  # not yet
    _age(waiting.folder, STALE_DAYS + 1)
    before = db_dump(reviewer)
    out, err = io.StringIO(), io.StringIO()
    code = cchc(["--data-dir", str(reviewer.paths.root), "import", str(parts[1])], out=out, err=err)
    said = out.getvalue()
    assert code == 0, said + err.getvalue()
    assert "Đã bỏ bộ gói" in said and f"1/{len(parts)} phần" in said and f"{STALE_DAYS} ngày" in said
    # The old part is gone: the part imported just now is alone in its set (1, not 2).
    [again] = waiting_sets(reviewer.paths.root)
    assert again.have == 1 and not (waiting.folder / f"001-of-{len(parts):03d}.cchc").exists()
    assert [x for x in db_dump(reviewer) if "package" not in x] == [x for x in before if "package" not in x]


def test_a_newer_complete_set_drops_the_older_incomplete_one(commune: Workspace, reviewer: Workspace,
                                                              tmp_path: Path) -> None:
    older = _split(commune, tmp_path, "old")
    assert sync.import_file(reviewer, older[0]).outcome is Outcome.WAITING
    _age(waiting_sets(reviewer.paths.root)[0].folder, 1)
    newer = _split(commune, tmp_path, "new")  # sent again: the same reports, a new set
    results = [sync.import_file(reviewer, p) for p in newer]
    assert [r.outcome for r in results[:-1]] == [Outcome.WAITING] * (len(newer) - 1)
    assert results[-1].outcome is Outcome.IMPORTED, results[-1]
    assert any("đã bỏ bộ gói" in c and "mới hơn" in c for c in results[-1].changes), results[-1].changes
    assert waiting_sets(reviewer.paths.root) == []


def test_other_senders_and_odd_folders_are_left_alone(commune: Workspace, reviewer: Workspace, tmp_path: Path) -> None:
    parts = reviewer.paths.root / "parts"
    odd = [parts / "khong-phai-bo-goi", parts / "26116_khonghex", parts / f"79999_{'a' * 32}"]
    for folder in odd:
        folder.mkdir(parents=True)
    (odd[2] / "001-of-002.cchc").write_bytes(b"not a package")
    older = _split(commune, tmp_path, "old")
    newer = _split(commune, tmp_path, "new")
    sync.import_file(reviewer, older[0])
    assert all(sync.import_file(reviewer, p).outcome is not Outcome.REFUSED for p in newer)
    assert all(folder.exists() for folder in odd)  # another commune's set is not this one's to drop
    assert [w.sender for w in waiting_sets(reviewer.paths.root)] == ["79999"]
