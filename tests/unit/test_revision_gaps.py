"""A trusted commune sends revisions out of order: a jump (1 → 5), a revision 2 of a period
whose revision 1 never came, an older revision after a newer one.

Made like the attacks of test_signed_hostile_content.py: the commune's real export, one report
member changed (its number, a new uid) and re-signed with the commune's own installation key.
None is refused — a commune may amend twice before a stick leaves the office, or lose a
package, and refusing revision 3 for want of 2 would block its report for good — but each is
kept under the number it carries, the newest stays the one the board and the decision read,
and the gap is said at import, in ``cchc status``, ``cchc diff`` and the received report.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

from reports.cli.main import main as cchc
from reports.exchange import board, sync
from reports.exchange.received_report import received_report
from reports.exchange.revision_diff import diff
from reports.exchange.revision_gaps import gap_of, missing_revisions, spans
from reports.exchange.submission_import import Arrival
from reports.exchange.sync import Outcome
from reports.workspace import Workspace
from tests.unit.sync_world import TAN_PHU, World, db_dump, deliver
from tests.unit.test_signed_hostile_content import forge, report, values

NEW_UID = "9d0c1b2a3f4e5d6c7b8a9f0e1d2c3b4a"


def receive(reviewer: Workspace, data: bytes, folder: Path, name: str, later: int = 0) -> sync.ImportResult:
    """Import as the reviewer would; ``later``: it arrives that many minutes after now."""
    arrival = Arrival(reviewer.clock() + dt.timedelta(minutes=later))
    result = sync.import_file(reviewer, deliver(reviewer, data, folder, name), arrival=arrival)
    assert result.outcome is Outcome.IMPORTED, result
    return result


def as_revision(n: int, uid: str = NEW_UID) -> object:
    """The unsigned monthly report sent again as revision ``n`` (a report of its own: new uid),
    one figure changed so that it differs from revision 1."""
    def change(doc: dict[str, object]) -> None:
        report(revision=n, report_uid=uid)(doc)
        values(meetings_held=doc["report"]["values"].get("meetings_held", 0) + n)(doc)  # type: ignore[index, union-attr, operator]

    return change


def test_the_rule_in_small() -> None:
    assert missing_revisions([1, 5]) == (2, 3, 4)
    assert missing_revisions([2]) == (1,)
    assert missing_revisions([1, 2, 3]) == ()
    assert spans([2, 3, 4, 7, 9, 10]) == "2–4, 7, 9–10"
    late = gap_of(1, [(1, "2026-12-05T02:00:00Z"), (3, "2026-12-01T02:00:00Z")])
    assert late.arrived_after == 3 and late.missing == () and late.newest == 3
    newest = gap_of(3, [(1, "2026-12-05T02:00:00Z"), (3, "2026-12-01T02:00:00Z")])
    assert newest.missing == (2,) and newest.arrived_after is None


def test_a_jump_from_1_to_5_is_kept_as_5_and_the_gap_is_shown_everywhere(
    world: World, tan_phu: Workspace, reviewer: Workspace, tmp_path: Path
) -> None:
    receive(reviewer, world.package.read_bytes(), tmp_path / "usb1", "26116_lan1.cchc")
    first = reviewer.store.by_uid(world.unsigned_uid)
    assert first is not None and first.revision == 1
    result = receive(reviewer, forge(world, tan_phu, as_revision(5)), tmp_path / "usb5", "26116_lan5.cchc")
    # At import: said in the result line (the CLI's and the inbox's text).
    assert "Sở chưa nhận lần 2–4" in result.reason and f"kỳ {first.period.code} lần 5" in result.reason
    assert "revision 2–4" in result.reason_en
    assert "Sở chưa nhận lần 2–4" in result.line("vi")
    fifth = reviewer.store.by_uid(NEW_UID)
    assert fifth is not None and fifth.revision == 5
    # Nothing lost: both revisions held; the newest is the one the board reads.
    assert [r.revision for r in reviewer.store.history(fifth)] == [1, 5]
    row = next(s for s in board.status_for_period(reviewer, first.period.code) if s.unit_code == TAN_PHU[0])
    assert row.revision == 5 and row.report_id == fifth.id and row.missing_revisions == (2, 3, 4)
    # The received report (the reviewer window reads this) carries the gap.
    details = received_report(reviewer, fifth.id)
    assert details.revision_gap is not None and details.revision_gap.missing == (2, 3, 4)
    assert "Sở chưa nhận lần 2–4" in details.revision_gap.text("vi")
    # The diff compares with the revision held before it, not "nothing to compare with".
    d = diff(reviewer, fifth.id)
    assert d.against.revision == 1 and [c.field_id for c in d.changes] == ["meetings_held"]
    reviewer.close()
    out = io.StringIO()
    assert cchc(["--data-dir", str(reviewer.paths.root), "diff", str(fifth.id)], out=out) == 0
    assert "lần 5 so với lần 1" in out.getvalue() and "Sở chưa nhận lần 2–4" in out.getvalue()
    out = io.StringIO()
    assert cchc(["--data-dir", str(reviewer.paths.root), "status", "--period", first.period.code], out=out) == 0
    assert "(lần 5; Sở chưa nhận lần 2–4)" in out.getvalue()
    out = io.StringIO()
    assert cchc(["--data-dir", str(reviewer.paths.root), "status", "--period", first.period.code, "--json"], out=out) == 0
    row_json = next(r for r in json.loads(out.getvalue()) if r["unit_code"] == TAN_PHU[0])
    assert row_json["missing_revisions"] == [2, 3, 4]


def test_revision_2_of_a_period_never_sent_before_is_kept_with_revision_1_missing(
    world: World, tan_phu: Workspace, reviewer: Workspace, tmp_path: Path
) -> None:
    result = receive(reviewer, forge(world, tan_phu, report(revision=2)), tmp_path / "usb", "26116_lan2.cchc")
    assert "Sở chưa nhận lần 1 " in result.reason
    got = reviewer.store.by_uid(world.unsigned_uid)
    assert got is not None and got.revision == 2
    details = received_report(reviewer, got.id)
    assert details.revision_gap is not None and details.revision_gap.missing == (1,)


def test_an_older_revision_after_a_newer_one_goes_into_the_history_and_fills_the_gap(
    world: World, tan_phu: Workspace, reviewer: Workspace, tmp_path: Path
) -> None:
    # Revision 3 comes first (revision 1 and 2 still on their way)…
    receive(reviewer, forge(world, tan_phu, as_revision(3)), tmp_path / "usb3", "26116_lan3.cchc")
    third = reviewer.store.by_uid(NEW_UID)
    assert third is not None
    assert received_report(reviewer, third.id).revision_gap.missing == (1, 2)  # type: ignore[union-attr]
    # …then the old stick with revision 1, a minute later.
    result = receive(reviewer, world.package.read_bytes(), tmp_path / "usb1", "26116_lan1.cchc", later=1)
    assert "lần 1 đến sau lần 3" in result.reason and "lần 3 vẫn là bản đang xét" in result.reason
    first = reviewer.store.by_uid(world.unsigned_uid)
    assert first is not None and first.revision == 1
    late = received_report(reviewer, first.id).revision_gap
    assert late is not None and late.arrived_after == 3 and late.missing == ()
    # The newest is still revision 3, now missing only revision 2; the board reads it.
    gap3 = received_report(reviewer, third.id).revision_gap
    assert gap3 is not None and gap3.missing == (2,)
    row = next(s for s in board.status_for_period(reviewer, first.period.code) if s.unit_code == TAN_PHU[0])
    assert row.revision == 3 and row.report_id == third.id and row.missing_revisions == (2,)


def test_the_same_revision_with_other_figures_is_still_a_conflict_and_changes_nothing(
    world: World, tan_phu: Workspace, reviewer: Workspace, tmp_path: Path
) -> None:
    receive(reviewer, world.package.read_bytes(), tmp_path / "usb1", "26116_lan1.cchc")
    before = db_dump(reviewer)
    forged = forge(world, tan_phu, as_revision(1))
    result = sync.import_file(reviewer, deliver(reviewer, forged, tmp_path / "usb2", "26116_lai-lan1.cchc"))
    assert result.outcome is Outcome.REFUSED and result.code == "report_conflict", result
    assert "xung đột" in result.reason
    assert db_dump(reviewer) == before
