"""Time is judged by arrival: a report counts as received when it reached the reviewer, never
by the commune's clock (its claim stays visible, flagged when more than a day off)."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest

from forms.periods import Period
from reports import __version__
from reports.cli.main import main
from reports.clock import VIETNAM, local_date, parse_iso
from reports.exchange import board, sync
from reports.exchange.packages import read_package, write_package
from reports.exchange.submission_import import ArrivalInFutureError, entered_arrival
from reports.exchange.sync import Outcome
from reports.storage import audit
from reports.workspace import Workspace
from tests.unit.sync_world import World, deliver


def backdated(world: World, tan_phu: Workspace, tmp_path: Path, claimed: dt.datetime) -> Path:
    """The genuine package as a commune whose PC clock reads ``claimed`` would have made it."""
    opened = read_package(world.package)
    data = write_package(kind=opened.manifest.kind, sender=opened.manifest.sender, recipient=opened.manifest.recipient,
                         members=opened.members, key=tan_phu.installation_key, created_at=claimed,
                         app_version=__version__)
    return deliver(tan_phu, data, tmp_path / "usb", "26116_gia-ngay.cchc")


def test_a_package_claiming_an_on_time_date_but_arriving_late_is_late(
    world: World, reviewer: Workspace, tan_phu: Workspace, tmp_path: Path
) -> None:
    due = reviewer.policy().deadline(Period.parse(world.period))
    today = local_date(reviewer.clock())
    assert today > due, "the sample's newest period must be past its deadline for this test"
    claimed = dt.datetime.combine(due - dt.timedelta(days=2), dt.time(9, 0), VIETNAM)
    path = backdated(world, tan_phu, tmp_path, claimed)
    assert sync.import_file(reviewer, path).outcome is Outcome.IMPORTED
    report = reviewer.store.by_uid(world.signed_uid)
    assert report is not None
    assert local_date(parse_iso(report.claimed_at or "")) == due - dt.timedelta(days=2)  # kept as the claim
    assert local_date(parse_iso(report.submitted_at or "")) == today  # judged by the arrival
    assert report.clock_suspect and reviewer.store.is_late(report)
    [row] = [u for u in board.status_for_period(reviewer, world.period) if u.unit_code == "26116"]
    assert row.state is board.BoardState.LATE and row.received_on == today
    out = io.StringIO()
    assert main(["--data-dir", str(reviewer.paths.root), "status", "--period", world.period, "--json"], out=out) == 0
    rows = {r["unit_code"]: r for r in json.loads(out.getvalue())}
    assert rows["26116"]["state"] == "late" and rows["26116"]["clock_suspect"] is True
    out = io.StringIO()
    assert main(["--data-dir", str(reviewer.paths.root), "status", "--period", world.period], out=out) == 0
    assert "đồng hồ máy xã có thể sai" in out.getvalue()
    entry = next(e for e in audit.entries(reviewer.db, report.id) if e.action == "receive")
    assert entry.detail["arrival_source"] == "import" and entry.detail["claimed_created_at"]


def test_a_usb_stick_handed_over_on_time_is_on_time_with_the_date_the_reviewer_registered(
    world: World, reviewer: Workspace, tmp_path: Path
) -> None:
    due = reviewer.policy().deadline(Period.parse(world.period))
    out, err = io.StringIO(), io.StringIO()
    day = due - dt.timedelta(days=1)
    code = main(["--data-dir", str(reviewer.paths.root), "import", str(world.package), "--arrived", day.strftime("%d/%m/%Y"),
                 "--arrival-note", "Chị Lan, văn thư, nhận USB"], out=out, err=err)
    assert code == 0, err.getvalue()
    ws = Workspace.open(reviewer.paths.root)
    try:
        report = ws.store.by_uid(world.signed_uid)
        assert report is not None and report.arrival_source == "entered"
        assert local_date(parse_iso(report.submitted_at or "")) == day and not ws.store.is_late(report)
        [row] = [u for u in board.status_for_period(ws, world.period) if u.unit_code == "26116"]
        assert row.state is board.BoardState.ON_TIME
        entry = next(e for e in audit.entries(ws.db, report.id) if e.action == "receive")
        assert entry.detail["arrival_source"] == "entered" and entry.detail["arrival_note"] == "Chị Lan, văn thư, nhận USB"
    finally:
        ws.close()


def test_an_arrival_date_in_the_future_is_refused(reviewer: Workspace) -> None:
    with pytest.raises(ArrivalInFutureError):
        entered_arrival(reviewer, local_date(reviewer.clock()) + dt.timedelta(days=1))
    err = io.StringIO()
    assert main(["--data-dir", str(reviewer.paths.root), "import", str(reviewer.paths.root), "--arrived", "31/02/2026"],
                out=io.StringIO(), err=err) == 2
    assert "dd/mm/yyyy" in err.getvalue()
