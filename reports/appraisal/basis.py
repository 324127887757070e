"""Which revision of a commune's scoring report the appraisal stands on.

Before the province sends its appraisal, that is the newest revision received. Once sent,
a revision that arrives later is the commune's answer (giải trình): it counts when it reached
the province by the deadline the province set — by its arrival, never the commune's clock —
or when the reviewer let a late one in. A late answer stays visible, marked late, but does
not move the basis.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reports.clock import local_date, parse_iso
from reports.storage.appraisal import Round, ScoringRow


@dataclass(frozen=True)
class Basis:
    row: ScoringRow  # the revision appraised
    answer: ScoringRow | None = None  # the newest revision sent after the appraisal, if any
    answer_late: bool = False  # it arrived after the deadline
    answer_applied: bool = False  # it is the basis (in time, or let in by the reviewer)


def arrival_day(row: ScoringRow) -> dt.date:
    return local_date(parse_iso(row.arrived_at or row.created_at))


def choose_basis(revisions: list[ScoringRow], round_: Round | None, late_accepted: set[str]) -> Basis:
    """``revisions`` of one commune, oldest first (non-empty)."""
    if round_ is None or round_.sent_at is None:
        return Basis(revisions[-1])
    sent = parse_iso(round_.sent_at)
    before = [r for r in revisions if parse_iso(r.arrived_at or r.created_at) <= sent]
    after = [r for r in revisions if r not in before]
    basis = before[-1] if before else revisions[0]
    if not after:
        return Basis(basis)
    deadline = dt.date.fromisoformat(round_.deadline) if round_.deadline else None
    applied = basis
    for r in after:
        in_time = deadline is None or arrival_day(r) <= deadline
        if in_time or r.uid in late_accepted:
            applied = r
    newest = after[-1]
    late = deadline is not None and arrival_day(newest) > deadline
    return Basis(applied, answer=newest, answer_late=late, answer_applied=applied is newest)
