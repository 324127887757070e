"""Period codes, Decree 09/2019 data windows, deadlines and the period an official is on."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from forms.periods import (
    DeadlinePolicy,
    Period,
    PeriodError,
    PeriodKind,
    add_working_days,
    is_working_day,
    periods_of_year,
)

D = dt.date


# --- codes ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "kind", "year", "index"),
    [
        ("2026-11", PeriodKind.MONTH, 2026, 11),
        ("2026-01", PeriodKind.MONTH, 2026, 1),
        ("2026-Q4", PeriodKind.QUARTER, 2026, 4),
        ("2026-Q1", PeriodKind.QUARTER, 2026, 1),
        ("2026-H1", PeriodKind.HALF, 2026, 1),
        ("2026-9M", PeriodKind.NINE_MONTHS, 2026, 9),
        ("2026", PeriodKind.YEAR, 2026, 0),
    ],
)
def test_code_parses_and_formats_back(code: str, kind: PeriodKind, year: int, index: int) -> None:
    p = Period.parse(code)
    assert (p.kind, p.year, p.index) == (kind, year, index)
    assert p.code == code
    assert str(p) == code
    assert Period.parse(p.code) == p


@pytest.mark.parametrize(
    ("text", "code"), [(" 2026-q4 ", "2026-Q4"), ("2026-h1", "2026-H1"), ("2026-9m", "2026-9M")]
)
def test_code_is_read_leniently_and_written_canonically(text: str, code: str) -> None:
    assert Period.parse(text).code == code


def test_month_constructor() -> None:
    assert Period.month(2026, 3).code == "2026-03"


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "abc",
        "2026-13",
        "2026-00",
        "2026-1",
        "2026-011",
        "26-11",
        "2026/11",
        "2026-11-01",
        "2026-Q0",
        "2026-Q5",
        "2026-Q",
        "2026-H2",
        "2026-H",
        "2026-6M",
        "2026-10M",
        "2026-9",
        "1999",
        "2101",
        "1999-12",
        "2026 -11",
        "Q4-2026",
    ],
)
def test_bad_codes_are_refused(bad: str) -> None:
    with pytest.raises(PeriodError) as exc_info:
        Period.parse(bad)
    assert exc_info.value.code == "period.invalid"


# --- windows (Decree 09/2019, default cut-off 14) ----------------------------------------------


@pytest.mark.parametrize(
    ("code", "start", "end"),
    [
        ("2026-11", D(2026, 10, 15), D(2026, 11, 14)),
        ("2026-01", D(2025, 12, 15), D(2026, 1, 14)),  # January opens in the previous year
        ("2026-12", D(2026, 11, 15), D(2026, 12, 14)),
        ("2026-Q1", D(2025, 12, 15), D(2026, 3, 14)),
        ("2026-Q2", D(2026, 3, 15), D(2026, 6, 14)),
        ("2026-Q3", D(2026, 6, 15), D(2026, 9, 14)),
        ("2026-Q4", D(2026, 9, 15), D(2026, 12, 14)),
        ("2026-H1", D(2025, 12, 15), D(2026, 6, 14)),
        ("2026-9M", D(2025, 12, 15), D(2026, 9, 14)),
        ("2026", D(2025, 12, 15), D(2026, 12, 14)),
    ],
)
def test_default_windows(code: str, start: dt.date, end: dt.date) -> None:
    assert Period.parse(code).window() == (start, end)
    assert DeadlinePolicy().window(Period.parse(code)) == (start, end)


@pytest.mark.parametrize(
    ("code", "cutoff", "start", "end"),
    [
        ("2026-11", 20, D(2026, 10, 21), D(2026, 11, 20)),
        ("2026-11", 1, D(2026, 10, 2), D(2026, 11, 1)),
        ("2026-03", 28, D(2026, 3, 1), D(2026, 3, 28)),  # 28 Feb + 1 in a common year
        ("2028-03", 28, D(2028, 2, 29), D(2028, 3, 28)),  # a leap year
        ("2027-01", 15, D(2026, 12, 16), D(2027, 1, 15)),
        ("2026-Q1", 20, D(2025, 12, 21), D(2026, 3, 20)),
        ("2026", 25, D(2025, 12, 26), D(2026, 12, 25)),
    ],
)
def test_other_cutoff_days(code: str, cutoff: int, start: dt.date, end: dt.date) -> None:
    assert Period.parse(code).window(cutoff) == (start, end)
    assert DeadlinePolicy(cutoff_day=cutoff).window(Period.parse(code)) == (start, end)


@pytest.mark.parametrize("cutoff", [0, 29, 31, -1])
def test_cutoff_day_out_of_range_is_refused(cutoff: int) -> None:
    with pytest.raises(ValueError):
        Period.parse("2026-11").window(cutoff)
    with pytest.raises(ValueError):
        DeadlinePolicy(cutoff_day=cutoff)


def test_bad_policy_values_are_refused() -> None:
    with pytest.raises(ValueError):
        DeadlinePolicy(working_days_after_cutoff=-1)
    with pytest.raises(ValueError):
        DeadlinePolicy(working_days_after_cutoff=31)
    with pytest.raises(ValueError):
        DeadlinePolicy(deadline_day=29)
    with pytest.raises(ValueError):
        DeadlinePolicy(deadline_day=0)


def test_the_months_of_a_year_tile_the_year_window() -> None:
    months = periods_of_year(PeriodKind.MONTH, 2026)
    assert [m.code for m in months] == [f"2026-{m:02d}" for m in range(1, 13)]
    assert months[0].window()[0] == Period.parse("2026").window()[0]
    assert months[-1].window()[1] == Period.parse("2026").window()[1]
    for a, b in itertools.pairwise(months):
        assert b.window()[0] == a.window()[1] + dt.timedelta(days=1)
    assert [q.code for q in periods_of_year(PeriodKind.QUARTER, 2026)] == [
        "2026-Q1",
        "2026-Q2",
        "2026-Q3",
        "2026-Q4",
    ]
    assert [p.code for p in periods_of_year(PeriodKind.HALF, 2026)] == ["2026-H1"]
    assert [p.code for p in periods_of_year(PeriodKind.NINE_MONTHS, 2026)] == ["2026-9M"]
    assert [p.code for p in periods_of_year(PeriodKind.YEAR, 2026)] == ["2026"]


# --- working days and deadlines ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (D(2026, 11, 13), True),  # Friday
        (D(2026, 11, 14), False),  # Saturday
        (D(2026, 11, 15), False),  # Sunday
        (D(2026, 11, 16), True),
        (D(2027, 1, 1), False),  # New Year (a Friday)
        (D(2026, 4, 30), False),  # Reunification Day (a Thursday)
        (D(2026, 5, 1), False),  # Labour Day (a Friday)
        (D(2026, 9, 2), False),  # National Day (a Wednesday)
        (D(2026, 9, 3), True),
    ],
)
def test_working_days(day: dt.date, working: bool) -> None:
    assert is_working_day(day) is working


def test_add_working_days_skips_weekends_and_holidays() -> None:
    assert add_working_days(D(2026, 11, 13), 1) == D(2026, 11, 16)  # Fri → Mon
    assert add_working_days(D(2026, 4, 29), 1) == D(2026, 5, 4)  # 30/4, 1/5, weekend
    assert add_working_days(D(2026, 11, 16), 0) == D(2026, 11, 16)


@pytest.mark.parametrize(
    ("code", "due"),
    [
        ("2026-11", D(2026, 11, 17)),  # cut-off Sat 14/11 → Mon 16, Tue 17
        ("2026-10", D(2026, 10, 16)),  # cut-off Wed 14/10 → Thu 15, Fri 16
        ("2026-08", D(2026, 8, 18)),  # cut-off Fri 14/8 → Mon 17, Tue 18
        ("2026-12", D(2026, 12, 16)),
        ("2026-Q4", D(2026, 12, 16)),
        ("2026-H1", D(2026, 6, 16)),
        ("2026-9M", D(2026, 9, 16)),
        ("2026", D(2026, 12, 16)),
    ],
)
def test_default_deadline_is_two_working_days_after_cutoff(code: str, due: dt.date) -> None:
    assert DeadlinePolicy().deadline(Period.parse(code)) == due


def test_deadline_skips_fixed_holidays() -> None:
    # Cut-off Tue 28/4/2026: Wed 29/4 is the first working day; 30/4, 1/5 and the weekend are not.
    assert DeadlinePolicy(cutoff_day=28).deadline(Period.parse("2026-04")) == D(2026, 5, 4)
    # Cut-off Tue 1/9/2026: 2/9 is National Day.
    assert DeadlinePolicy(cutoff_day=1).deadline(Period.parse("2026-09")) == D(2026, 9, 4)
    # Across New Year: Mon 28/12/2026 + 4 working days = 29, 30, 31/12, (1/1 holiday), Mon 4/1/2027.
    policy = DeadlinePolicy(cutoff_day=28, working_days_after_cutoff=4)
    assert policy.deadline(Period.parse("2026-12")) == D(2027, 1, 4)


def test_zero_working_days_means_due_on_the_cutoff_day() -> None:
    assert DeadlinePolicy(working_days_after_cutoff=0).deadline(Period.parse("2026-11")) == D(2026, 11, 14)


def test_fixed_deadline_day() -> None:
    policy = DeadlinePolicy(deadline_day=17)
    assert policy.deadline(Period.parse("2026-11")) == D(2026, 11, 17)
    assert policy.deadline(Period.parse("2026-Q4")) == D(2026, 12, 17)
    assert policy.deadline(Period.parse("2026")) == D(2026, 12, 17)
    # A fixed day before the cut-off ("by the 5th") falls in the next month, across the year too.
    early = DeadlinePolicy(deadline_day=5)
    assert early.deadline(Period.parse("2026-11")) == D(2026, 12, 5)
    assert early.deadline(Period.parse("2026-12")) == D(2027, 1, 5)


def test_is_late() -> None:
    policy = DeadlinePolicy()
    p = Period.parse("2026-11")  # due 17/11/2026
    assert not policy.is_late(p, D(2026, 11, 17), today=D(2026, 12, 30))
    assert policy.is_late(p, D(2026, 11, 18), today=D(2026, 11, 18))
    assert not policy.is_late(p, None, today=D(2026, 11, 17))
    assert policy.is_late(p, None, today=D(2026, 11, 18))
    assert not policy.is_late(p, D(2026, 11, 1), today=D(2027, 5, 1))


@pytest.mark.parametrize(
    ("kind", "today", "expected"),
    [
        (PeriodKind.MONTH, D(2026, 11, 16), "2026-11"),
        (PeriodKind.MONTH, D(2026, 11, 17), "2026-11"),  # the deadline day itself
        (PeriodKind.MONTH, D(2026, 11, 18), "2026-12"),
        (PeriodKind.MONTH, D(2026, 11, 22), "2026-12"),
        (PeriodKind.MONTH, D(2026, 12, 16), "2026-12"),
        (PeriodKind.MONTH, D(2026, 12, 17), "2027-01"),  # late December: next year's January
        (PeriodKind.MONTH, D(2026, 12, 31), "2027-01"),
        (PeriodKind.MONTH, D(2027, 1, 1), "2027-01"),
        (PeriodKind.MONTH, D(2027, 1, 5), "2027-01"),
        (PeriodKind.QUARTER, D(2026, 11, 22), "2026-Q4"),
        (PeriodKind.QUARTER, D(2026, 12, 20), "2027-Q1"),
        (PeriodKind.HALF, D(2026, 3, 1), "2026-H1"),
        (PeriodKind.HALF, D(2026, 7, 1), "2027-H1"),
        (PeriodKind.NINE_MONTHS, D(2026, 9, 16), "2026-9M"),
        (PeriodKind.YEAR, D(2026, 12, 10), "2026"),
        (PeriodKind.YEAR, D(2026, 12, 28), "2027"),
    ],
)
def test_current_period(kind: PeriodKind, today: dt.date, expected: str) -> None:
    assert DeadlinePolicy().current_period(kind, today).code == expected


def test_current_period_follows_the_policy() -> None:
    # With a fixed deadline on the 20th, 18/11 is still November's turn.
    assert DeadlinePolicy(deadline_day=20).current_period(PeriodKind.MONTH, D(2026, 11, 18)).code == "2026-11"


@pytest.mark.parametrize(
    ("code", "previous", "following"),
    [
        ("2026-11", "2026-10", "2026-12"),
        ("2026-01", "2025-12", "2026-02"),
        ("2026-12", "2026-11", "2027-01"),
        ("2026-Q1", "2025-Q4", "2026-Q2"),
        ("2026-Q4", "2026-Q3", "2027-Q1"),
        ("2026-H1", "2025-H1", "2027-H1"),
        ("2026-9M", "2025-9M", "2027-9M"),
        ("2026", "2025", "2027"),
    ],
)
def test_previous_and_next(code: str, previous: str, following: str) -> None:
    p = Period.parse(code)
    assert p.previous().code == previous
    assert p.next().code == following
    assert p.previous().next() == p
    assert p.next().previous() == p


def test_periods_sort_in_time_within_a_kind() -> None:
    codes = ["2026-02", "2025-12", "2026-11", "2026-01"]
    assert [p.code for p in sorted(Period.parse(c) for c in codes)] == [
        "2025-12",
        "2026-01",
        "2026-02",
        "2026-11",
    ]


@pytest.mark.parametrize(
    ("code", "vi", "en"),
    [
        ("2026-11", "tháng 11 năm 2026", "November 2026"),
        ("2026-01", "tháng 1 năm 2026", "January 2026"),
        ("2026-Q1", "quý I năm 2026", "Q1 2026"),
        ("2026-Q2", "quý II năm 2026", "Q2 2026"),
        ("2026-Q3", "quý III năm 2026", "Q3 2026"),
        ("2026-Q4", "quý IV năm 2026", "Q4 2026"),
        ("2026-H1", "6 tháng đầu năm 2026", "first six months of 2026"),
        ("2026-9M", "9 tháng năm 2026", "nine months of 2026"),
        ("2026", "năm 2026", "year 2026"),
    ],
)
def test_labels(code: str, vi: str, en: str) -> None:
    p = Period.parse(code)
    assert p.label() == vi
    assert p.label("vi") == vi
    assert p.label("en") == en
