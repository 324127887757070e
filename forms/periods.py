"""Reporting periods: their written codes, data cut-off windows and deadlines.

Codes (used in the database, packages, file names and on the command line):

    2026-11   month (tháng 11 năm 2026)
    2026-Q4   quarter (quý IV năm 2026)
    2026-H1   six months (6 tháng đầu năm 2026)
    2026-9M   nine months (9 tháng năm 2026)
    2026      year (năm 2026)

The data window follows Decree 09/2019/NĐ-CP: with the default cut-off day 14 a monthly
report covers the 15th of the previous month to the 14th of the reporting month; a quarter
the 15th of the month before the quarter to the 14th of its last month; six months, nine
months and the year all start on 15/12 of the previous year. Provinces differ, so the
cut-off day and the deadline are parameters (see ``DeadlinePolicy``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import StrEnum

from forms.calendar import STATUTORY, WorkingCalendar


class PeriodKind(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"
    NINE_MONTHS = "nine_months"
    YEAR = "year"


class PeriodError(ValueError):
    """A period code that cannot be read. ``code`` is the stable error code."""

    code = "period.invalid"

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
_EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December")
_PATTERNS: tuple[tuple[re.Pattern[str], PeriodKind], ...] = (
    (re.compile(r"^(\d{4})-(\d{2})$"), PeriodKind.MONTH),
    (re.compile(r"^(\d{4})-Q([1-4])$", re.IGNORECASE), PeriodKind.QUARTER),
    (re.compile(r"^(\d{4})-H(1)$", re.IGNORECASE), PeriodKind.HALF),
    (re.compile(r"^(\d{4})-(9)M$", re.IGNORECASE), PeriodKind.NINE_MONTHS),
    (re.compile(r"^(\d{4})$"), PeriodKind.YEAR),
)
MIN_YEAR, MAX_YEAR = 2000, 2100


@dataclass(frozen=True, order=True)
class Period:
    """One reporting period. ``index`` is the month (1-12), quarter (1-4), or 1 / 9 / 0."""

    year: int
    kind: PeriodKind
    index: int

    @classmethod
    def parse(cls, text: str) -> Period:
        text = str(text).strip()
        for pattern, kind in _PATTERNS:
            m = pattern.match(text)
            if not m:
                continue
            year = int(m.group(1))
            index = int(m.group(2)) if m.lastindex and m.lastindex >= 2 else 0
            if not MIN_YEAR <= year <= MAX_YEAR:
                raise PeriodError(text)
            if kind is PeriodKind.MONTH and not 1 <= index <= 12:
                raise PeriodError(text)
            return cls(year, kind, index)
        raise PeriodError(text)

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls.parse(f"{year:04d}-{month:02d}")

    @property
    def code(self) -> str:
        match self.kind:
            case PeriodKind.MONTH:
                return f"{self.year:04d}-{self.index:02d}"
            case PeriodKind.QUARTER:
                return f"{self.year:04d}-Q{self.index}"
            case PeriodKind.HALF:
                return f"{self.year:04d}-H1"
            case PeriodKind.NINE_MONTHS:
                return f"{self.year:04d}-9M"
            case PeriodKind.YEAR:
                return f"{self.year:04d}"
        raise AssertionError(self.kind)

    def __str__(self) -> str:
        return self.code

    @property
    def last_month(self) -> int:
        """The calendar month in which the period's data window closes."""
        match self.kind:
            case PeriodKind.MONTH:
                return self.index
            case PeriodKind.QUARTER:
                return self.index * 3
            case PeriodKind.HALF:
                return 6
            case PeriodKind.NINE_MONTHS:
                return 9
            case PeriodKind.YEAR:
                return 12
        raise AssertionError(self.kind)

    @property
    def first_month_before(self) -> tuple[int, int]:
        """(year, month) of the month in which the data window opens."""
        match self.kind:
            case PeriodKind.MONTH:
                m = self.index - 1
            case PeriodKind.QUARTER:
                m = self.index * 3 - 3
            case _:
                m = 0
        return (self.year - 1, 12) if m == 0 else (self.year, m)

    def window(self, cutoff_day: int = 14) -> tuple[dt.date, dt.date]:
        """First and last day of data the report covers (both included)."""
        _check_cutoff(cutoff_day)
        y, m = self.first_month_before
        start = dt.date(y, m, cutoff_day) + dt.timedelta(days=1)
        end = dt.date(self.year, self.last_month, cutoff_day)
        return start, end

    def label(self, lang: str = "vi") -> str:
        """How the period is written in a document title, e.g. "tháng 11 năm 2026"."""
        if lang == "en":
            match self.kind:
                case PeriodKind.MONTH:
                    # A fixed list: %B follows the process locale, which Qt sets.
                    return f"{_EN_MONTHS[self.index - 1]} {self.year}"
                case PeriodKind.QUARTER:
                    return f"Q{self.index} {self.year}"
                case PeriodKind.HALF:
                    return f"first six months of {self.year}"
                case PeriodKind.NINE_MONTHS:
                    return f"nine months of {self.year}"
                case PeriodKind.YEAR:
                    return f"year {self.year}"
        match self.kind:
            case PeriodKind.MONTH:
                return f"tháng {self.index} năm {self.year}"
            case PeriodKind.QUARTER:
                return f"quý {_ROMAN[self.index]} năm {self.year}"
            case PeriodKind.HALF:
                return f"6 tháng đầu năm {self.year}"
            case PeriodKind.NINE_MONTHS:
                return f"9 tháng năm {self.year}"
            case PeriodKind.YEAR:
                return f"năm {self.year}"
        raise AssertionError(self.kind)

    def previous(self) -> Period:
        """The period of the same kind just before this one."""
        match self.kind:
            case PeriodKind.MONTH:
                return (
                    Period(self.year - 1, self.kind, 12)
                    if self.index == 1
                    else Period(self.year, self.kind, self.index - 1)
                )
            case PeriodKind.QUARTER:
                return (
                    Period(self.year - 1, self.kind, 4)
                    if self.index == 1
                    else Period(self.year, self.kind, self.index - 1)
                )
            case _:
                return Period(self.year - 1, self.kind, self.index)

    def next(self) -> Period:
        match self.kind:
            case PeriodKind.MONTH:
                return (
                    Period(self.year + 1, self.kind, 1)
                    if self.index == 12
                    else Period(self.year, self.kind, self.index + 1)
                )
            case PeriodKind.QUARTER:
                return (
                    Period(self.year + 1, self.kind, 1)
                    if self.index == 4
                    else Period(self.year, self.kind, self.index + 1)
                )
            case _:
                return Period(self.year + 1, self.kind, self.index)


def _check_cutoff(day: int) -> None:
    # 28 is the last day every month has; provinces use 14, 15, 20 or the month's end (28).
    if not 1 <= day <= 28:
        raise ValueError(f"cut-off day must be 1..28, got {day}")


def periods_of_year(kind: PeriodKind, year: int) -> list[Period]:
    match kind:
        case PeriodKind.MONTH:
            return [Period(year, kind, m) for m in range(1, 13)]
        case PeriodKind.QUARTER:
            return [Period(year, kind, q) for q in range(1, 5)]
        case PeriodKind.HALF:
            return [Period(year, kind, 1)]
        case PeriodKind.NINE_MONTHS:
            return [Period(year, kind, 9)]
        case PeriodKind.YEAR:
            return [Period(year, kind, 0)]
    raise AssertionError(kind)


def is_working_day(day: dt.date, calendar: WorkingCalendar = STATUTORY) -> bool:
    return calendar.is_working_day(day)


def add_working_days(day: dt.date, n: int, calendar: WorkingCalendar = STATUTORY) -> dt.date:
    return calendar.add_working_days(day, n)


@dataclass(frozen=True)
class DeadlinePolicy:
    """When data is cut off and when the report is due; provinces set both.

    ``deadline_day`` (e.g. 17: "communes send by the 17th") takes precedence over
    ``working_days_after_cutoff`` (Decree 09/2019 practice: a few working days after cut-off),
    which are counted on ``calendar`` (holidays, the Tết break, make-up Saturdays).
    """

    cutoff_day: int = 14
    working_days_after_cutoff: int = 2
    deadline_day: int | None = None
    calendar: WorkingCalendar = field(default=STATUTORY, compare=False)

    def __post_init__(self) -> None:
        _check_cutoff(self.cutoff_day)
        if not 0 <= self.working_days_after_cutoff <= 30:
            raise ValueError("working days after cut-off must be 0..30")
        if self.deadline_day is not None and not 1 <= self.deadline_day <= 28:
            raise ValueError("deadline day must be 1..28")

    def window(self, period: Period) -> tuple[dt.date, dt.date]:
        return period.window(self.cutoff_day)

    def deadline(self, period: Period) -> dt.date:
        _, end = self.window(period)
        if self.deadline_day is not None:
            due = end.replace(day=self.deadline_day)
            if due < end:  # "by the 5th" after a cut-off on the 14th means next month
                y, m = (end.year + 1, 1) if end.month == 12 else (end.year, end.month + 1)
                due = dt.date(y, m, self.deadline_day)
            return due
        return self.calendar.add_working_days(end, self.working_days_after_cutoff)

    def calendar_note(self, period: Period, lang: str = "vi") -> str:
        """Empty, or why the deadline counts only the statutory holidays."""
        if self.deadline_day is not None:
            return ""
        return self.calendar.note(self.deadline(period).year, lang)

    def is_late(self, period: Period, submitted: dt.date | None, today: dt.date) -> bool:
        """Late when sent after the deadline, or not sent and the deadline has passed."""
        due = self.deadline(period)
        return (submitted or today) > due

    def current_period(self, kind: PeriodKind, today: dt.date) -> Period:
        """The period an official should be preparing today: the first whose deadline has
        not passed yet. On 16/11/2026 that is November (due 17/11); on 22/11, December."""
        candidates = periods_of_year(kind, today.year - 1) + periods_of_year(kind, today.year)
        candidates += periods_of_year(kind, today.year + 1)
        for p in candidates:
            if self.deadline(p) >= today:
                return p
        raise AssertionError("a later period always exists")
