"""Is this PC's clock believable? A commune's PC can have its clock set wrong (a flat BIOS
battery resets it to 2000-something, or someone sets it back). Deadlines, document dates and
the package's claimed time all read it, so the window warns at start when the clock is behind
the program's own newest record (the last save, backup or package) or obviously wrong, and
says how to fix it. The reviewer does not rely on it: lateness is judged by arrival."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reports.clock import parse_iso

if TYPE_CHECKING:
    # The window imports ClockProblem on its UI thread while it is being built: what the check
    # reads (the workspace, the database, the backups' names) loads on the database worker.
    from reports.workspace import Workspace

# Saving, then restarting after a daylight-free clock sync of a few minutes, is not a problem.
TOLERANCE = dt.timedelta(minutes=10)
EARLIEST_BELIEVABLE = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)  # before this program existed
LATEST_BELIEVABLE = dt.datetime(2100, 1, 1, tzinfo=dt.UTC)


@dataclass(frozen=True)
class ClockProblem:
    now: dt.datetime  # what the PC's clock says
    newest: dt.datetime | None  # the program's newest record, when the clock is behind it
    what: str  # "behind" or "implausible"


def newest_known(ws: Workspace) -> dt.datetime | None:
    from reports.backups.naming import scan
    from reports.storage.activity import newest_record

    times = []
    record = newest_record(ws.db)
    if record:
        times.append(parse_iso(record))
    backups = scan(ws.paths.backups)
    if backups:
        times.append(backups[-1].taken_at)
    return max(times) if times else None


def check_clock(ws: Workspace) -> ClockProblem | None:
    now = ws.clock()
    if not EARLIEST_BELIEVABLE <= now < LATEST_BELIEVABLE:
        return ClockProblem(now, None, "implausible")
    newest = newest_known(ws)
    if newest is not None and now + TOLERANCE < newest:
        return ClockProblem(now, newest, "behind")
    return None
