"""The reviewer's feedback package at the commune: receipts, a return that reopens the report
as the next revision, a second copy that changes nothing, and a return for a report the
commune had already amended."""

from __future__ import annotations

from pathlib import Path

from reports.exchange import feedback, sync
from reports.exchange.sync import Outcome
from reports.storage.lifecycle import Status
from reports.workspace import Workspace
from tests.unit.sync_world import World, db_dump, monthly_reports


def test_feedback_marks_receipts_returns_and_reopens(world: World, tan_phu: Workspace, reviewer: Workspace, tmp_path: Path) -> None:
    sync.import_file(reviewer, world.package)
    returned = reviewer.store.by_uid(world.signed_uid)
    assert returned is not None
    feedback.decide(reviewer, returned.id, False, "Phần III: số hồ sơ chưa khớp với sổ theo dõi.")
    [sent] = feedback.export_feedback(reviewer, tmp_path / "fb")
    assert (sent.receipts, sent.decisions) == (3, 1)
    result = sync.import_file(tan_phu, sent.path)
    assert result.outcome is Outcome.IMPORTED, result
    assert all(r.receipt_at for r in tan_phu.store.list() if r.revision == 1)
    latest = monthly_reports(tan_phu)[-1]
    assert (latest.revision, latest.status, latest.decision_comment) == (
        2, Status.DRAFT, "Phần III: số hồ sơ chưa khớp với sổ theo dõi.")
    # A second copy of the same feedback changes nothing.
    once = db_dump(tan_phu)
    assert sync.import_file(tan_phu, sent.path).outcome is Outcome.ALREADY_HAD
    assert db_dump(tan_phu) == once


def test_a_return_for_a_report_the_commune_already_amended(
    world: World, tan_phu: Workspace, reviewer: Workspace, tmp_path: Path
) -> None:
    """The commune spots a mistake and amends before the reviewer's answer arrives."""
    sync.import_file(reviewer, world.package)
    first = tan_phu.store.by_uid(world.signed_uid)
    assert first is not None
    tan_phu.store.amend(first.id)
    returned = reviewer.store.by_uid(world.signed_uid)
    assert returned is not None
    feedback.decide(reviewer, returned.id, False, "Phần III chưa khớp.")
    [sent] = feedback.export_feedback(reviewer, tmp_path / "fb")
    result = sync.import_file(tan_phu, sent.path)
    assert result.outcome is Outcome.IMPORTED, result.reason
    assert tan_phu.store.get(first.id).status is Status.RETURNED
    assert all(r.receipt_at for r in tan_phu.store.list() if r.revision == 1)
