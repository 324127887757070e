"""Properties of periods over many codes, cut-off days and deadline policies."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from forms.periods import MAX_YEAR, MIN_YEAR, DeadlinePolicy, Period, PeriodKind, periods_of_year

years = st.integers(MIN_YEAR, MAX_YEAR)
kinds = st.sampled_from(list(PeriodKind))
cutoffs = st.integers(1, 28)
periods = st.builds(
    lambda k, y, i: periods_of_year(k, y)[i % len(periods_of_year(k, y))], kinds, years, st.integers(0, 11)
)
months = st.builds(Period.month, years, st.integers(1, 12))
policies = st.builds(
    DeadlinePolicy,
    cutoff_day=cutoffs,
    working_days_after_cutoff=st.integers(0, 30),
    deadline_day=st.none() | st.integers(1, 28),
)
ONE_DAY = dt.timedelta(days=1)


@given(periods)
def test_code_round_trips(p: Period) -> None:
    assert Period.parse(p.code) == p
    assert Period.parse(p.code.lower()) == p
    assert Period.parse(f"  {p.code}\t") == p


@given(periods, cutoffs)
def test_window_start_not_after_end(p: Period, cutoff: int) -> None:
    start, end = p.window(cutoff)
    assert start <= end
    assert end.day == cutoff
    assert end.year == p.year


@given(months, cutoffs)
def test_consecutive_monthly_windows_tile(p: Period, cutoff: int) -> None:
    assert p.next().window(cutoff)[0] == p.window(cutoff)[1] + ONE_DAY
    assert p.window(cutoff)[0] == p.previous().window(cutoff)[1] + ONE_DAY


@given(periods.filter(lambda p: p.kind is PeriodKind.QUARTER), cutoffs)
def test_consecutive_quarterly_windows_tile(p: Period, cutoff: int) -> None:
    assert p.next().window(cutoff)[0] == p.window(cutoff)[1] + ONE_DAY


@given(periods, policies)
def test_deadline_not_before_window_end(p: Period, policy: DeadlinePolicy) -> None:
    _, end = policy.window(p)
    due = policy.deadline(p)
    assert due >= end
    if policy.deadline_day is None and policy.working_days_after_cutoff > 0:
        assert due > end


@settings(max_examples=60)
@given(st.dates(dt.date(2001, 1, 1), dt.date(2099, 12, 31)), st.sampled_from(list(PeriodKind)), policies)
def test_current_period_is_the_first_not_yet_due(
    today: dt.date, kind: PeriodKind, policy: DeadlinePolicy
) -> None:
    p = policy.current_period(kind, today)
    assert policy.deadline(p) >= today
    assert policy.deadline(p.previous()) < today
