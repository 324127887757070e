"""The overview page's job: the commune's own figures over the last periods, and its scores.

Run on the database worker like every job in desktop/jobs.py (whose docstring says the rules);
apart from it so the window's start does not create these records' classes (a frozen
dataclass takes about a millisecond to make) before the overview is opened.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.jobs import NewReportPlan, plan_report
from reports.errors import CchcError

if TYPE_CHECKING:
    from forms.periods import Period
    from reports.storage.store import Report
    from reports.workspace import Workspace


@dataclass(frozen=True)
class OverviewPoint:
    period: Period
    received: float | None
    resolved: float | None
    on_time_rate: float | None
    online_rate: float | None


@dataclass(frozen=True)
class AreaScore:
    title: str
    score: float
    max_points: float


@dataclass(frozen=True)
class Overview:
    points: list[OverviewPoint]
    scores: list[AreaScore]
    score_period: Period | None
    current: NewReportPlan | None


def overview(ws: Workspace, count: int = 12) -> Overview:
    """The commune's own figures for the last ``count`` periods of the usual kind."""
    from forms.engine import compute, score_totals

    store = ws.store
    kind = ws.period_kind()
    newest: dict[str, Report] = {}
    for r in store.list(unit_code=store.unit.code):
        if r.form_id != "cchc-xa" or r.period.kind is not kind:
            continue
        if r.period.code not in newest or r.revision > newest[r.period.code].revision:
            newest[r.period.code] = r
    points = []
    for code in sorted(newest)[-count:]:
        r = newest[code]
        v = compute(store.definition(r), r.values)
        points.append(
            OverviewPoint(
                r.period,
                v.get("tthc_received_total"),
                v.get("tthc_resolved_total"),
                v.get("tthc_on_time_rate"),
                v.get("tthc_online_rate"),
            )
        )
    scores: list[AreaScore] = []
    score_period = None
    sheets = [r for r in store.list(unit_code=store.unit.code) if r.form_id == "tu-cham-diem-xa"]
    if sheets:
        sheet = max(sheets, key=lambda r: (r.period, r.revision))
        score_period = sheet.period
        d = store.definition(sheet)
        scores = [AreaScore(t.title, t.score, t.max_points) for t in score_totals(d, sheet.values)]
    try:
        current = plan_report(ws)
    except CchcError:  # e.g. a default form that no longer exists: the overview still opens
        current = None
    return Overview(points, scores, score_period, current)
