"""Working days in Vietnam: the statutory holidays plus each year's official arrangements.

The statutory holidays (Labour Code 2019, art. 112: 1/1, Tết Nguyên đán, Giỗ Tổ Hùng Vương,
30/4, 1/5, Quốc khánh and its second day, with the substitute day when one falls on a weekend)
come from a table shipped with the program (statutory-holidays-vn.json, 2000–2100) that
tools/make_statutory_holidays.py computes with the ``holidays`` package (the lunar dates).
What the government announces each year for civil servants — the whole Tết break, a Saturday
worked to bridge a holiday — cannot be computed: it comes as data, in a calendar file (format
below, shipped in resources/calendar/ and published by the reviewer to its communes).

    format = 1
    issued_on = 2026-01-05        # a newer file wins for a year both describe
    issuer = "Sở Nội vụ tỉnh …"

    [[year]]
    year = 2026
    source = "Thông báo …"        # the announcement the days come from

    [[year.day_off]]              # one day (date = …) or a span (from … to …)
    from = 2026-02-14
    to = 2026-02-22
    reason = "Nghỉ Tết Nguyên đán Bính Ngọ"

    [[year.working_day]]          # a Saturday or Sunday worked instead
    date = 2026-08-22
    reason = "Làm bù cho ngày nghỉ 31/08/2026"

A year no file describes falls back to the statutory holidays alone, and says so
(``WorkingCalendar.note``).
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

# tomllib and forms.toml_lines load with the first calendar file read (on the window's database
# worker), not with forms.periods, which the window's UI thread imports while it is being built.

FORMAT = 1
MAX_CALENDAR_BYTES = 200_000
MAX_SPAN_DAYS = 31


class CalendarError(ValueError):
    """A calendar file that cannot be used: names the file, the line and the reason."""

    code = "calendar.invalid"

    def __init__(self, source: str, where: str, reason: str, line: int | None = None) -> None:
        place = f"{source}:{line}" if line else source
        super().__init__(f"{place}: {where}: {reason}")
        self.source, self.where, self.reason, self.line = source, where, reason, line


@dataclass(frozen=True)
class ArrangedDay:
    day: dt.date
    working: bool  # True: a weekend day worked; False: a day off
    reason: str


@dataclass(frozen=True)
class YearArrangements:
    year: int
    source: str
    days: tuple[ArrangedDay, ...]

    def lookup(self, day: dt.date) -> ArrangedDay | None:
        for d in self.days:
            if d.day == day:
                return d
        return None


@dataclass(frozen=True)
class CalendarData:
    """One parsed calendar file."""

    issued_on: dt.date
    issuer: str
    years: tuple[YearArrangements, ...]
    source_text: str

    @property
    def sha256(self) -> str:
        import hashlib  # loads OpenSSL (~4 ms): imported where a hash is made, not by the window's start

        return hashlib.sha256(self.source_text.encode("utf-8")).hexdigest()

    @property
    def covered(self) -> tuple[int, ...]:
        return tuple(sorted(y.year for y in self.years))


# ---------------------------------------------------------------- reading a file


class _Table:
    def __init__(self, source: str, text: str, data: Any, where: str) -> None:
        self.source, self.text, self.where = source, text, where
        if not isinstance(data, dict):
            raise self.fail("", "must be a table")
        self.data: dict[str, Any] = data
        self.used: set[str] = set()

    def fail(self, key: str, reason: str) -> CalendarError:
        where = ".".join(p for p in (self.where, key) if p) or "file"
        from forms.toml_lines import line_of

        return CalendarError(self.source, where, reason, line_of(self.text, where))

    def get(self, key: str, kind: type, *, required: bool = True) -> Any:
        self.used.add(key)
        if key not in self.data:
            if required:
                raise self.fail(key, "is required")
            return None
        value = self.data[key]
        if kind is dt.date:
            if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
                raise self.fail(key, "must be a date written as YYYY-MM-DD")
        elif not isinstance(value, kind) or isinstance(value, bool):
            raise self.fail(key, f"must be {kind.__name__}")
        return value

    def text_value(self, key: str, *, required: bool = True) -> str:
        value = self.get(key, str, required=required)
        if value is None:
            return ""
        if required and not value.strip():
            raise self.fail(key, "must not be empty")
        return str(value).strip()

    def tables(self, key: str) -> list[_Table]:
        items = self.get(key, list, required=False) or []
        return [_Table(self.source, self.text, item, f"{self.where + '.' if self.where else ''}{key}[{i}]")
                for i, item in enumerate(items)]

    def done(self) -> None:
        unknown = sorted(set(self.data) - self.used)
        if unknown:
            raise self.fail(unknown[0], "is not a known key (misspelt?)")


def _days_off(t: _Table, year: int) -> list[ArrangedDay]:
    single = t.get("date", dt.date, required=False)
    if single is not None:
        if "from" in t.data or "to" in t.data:
            raise t.fail("date", "give either date, or from and to")
        start = end = single
        key = "date"
    else:
        start, end = t.get("from", dt.date), t.get("to", dt.date)
        key = "to"
        if end < start:
            raise t.fail("to", "is before from")
        if (end - start).days >= MAX_SPAN_DAYS:
            raise t.fail("to", f"a span of days off is at most {MAX_SPAN_DAYS} days")
    if start.year != year or end.year != year:
        raise t.fail(key, f"is not in {year}")
    reason = t.text_value("reason")
    t.done()
    return [ArrangedDay(start + dt.timedelta(days=i), False, reason) for i in range((end - start).days + 1)]


def _working_day(t: _Table, year: int) -> ArrangedDay:
    day = t.get("date", dt.date)
    if day.year != year:
        raise t.fail("date", f"is not in {year}")
    if day.weekday() < 5:
        raise t.fail("date", f"{day:%d/%m/%Y} is a weekday: a make-up working day is a Saturday or Sunday")
    reason = t.text_value("reason")
    t.done()
    return ArrangedDay(day, True, reason)


def parse_calendar(text: str, source: str = "<calendar>") -> CalendarData:
    if len(text.encode("utf-8")) > MAX_CALENDAR_BYTES:
        raise CalendarError(source, "file", "is larger than 200 kB")
    text = unicodedata.normalize("NFC", text)
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        from forms.toml_lines import syntax_error_line

        raise CalendarError(source, "syntax", str(exc), syntax_error_line(str(exc), text)) from exc
    top = _Table(source, text, data, "")
    fmt = top.get("format", int)
    if fmt != FORMAT:
        raise top.fail("format", f"must be {FORMAT} (this program reads calendar format {FORMAT})")
    issued_on = top.get("issued_on", dt.date)
    issuer = top.text_value("issuer", required=False)
    years: list[YearArrangements] = []
    for y in top.tables("year"):
        year = y.get("year", int)
        if not 2000 <= year <= 2100:
            raise y.fail("year", "must be 2000..2100")
        if any(other.year == year for other in years):
            raise y.fail("year", f"{year} is described twice")
        days: dict[dt.date, ArrangedDay] = {}
        for t in y.tables("day_off"):
            for d in _days_off(t, year):
                if d.day in days:
                    raise t.fail("date" if "date" in t.data else "from", f"{d.day:%d/%m/%Y} is listed twice")
                days[d.day] = d
        for t in y.tables("working_day"):
            d = _working_day(t, year)
            if d.day in days:
                raise t.fail("date", f"{d.day:%d/%m/%Y} is listed twice")
            days[d.day] = d
        source_note = y.text_value("source")
        y.done()
        years.append(YearArrangements(year, source_note, tuple(sorted(days.values(), key=lambda d: d.day))))
    if not years:
        raise top.fail("year", "describe at least one year")
    top.done()
    return CalendarData(issued_on, issuer, tuple(years), text)


def merge(files: Iterable[CalendarData]) -> dict[int, YearArrangements]:
    """For each year, the arrangements of the most recently issued file that describes it
    (on a tie, the later one given: an installed file after the shipped one)."""
    chosen: dict[int, tuple[dt.date, YearArrangements]] = {}
    for f in files:
        for y in f.years:
            if y.year not in chosen or f.issued_on >= chosen[y.year][0]:
                chosen[y.year] = (f.issued_on, y)
    return {year: pair[1] for year, pair in chosen.items()}


# ---------------------------------------------------------------- the calendar


STATUTORY_TABLE = Path(__file__).resolve().parent / "statutory-holidays-vn.json"


@lru_cache(maxsize=1)
def statutory_table() -> dict[str, Any]:
    """The shipped table of statutory holidays, read once (under 1 ms; importing the
    ``holidays`` package that computes it cost 0.15–0.5 s and ~460 modules at the first
    deadline). tools/make_statutory_holidays.py writes it; a test keeps it equal to the package."""
    data: dict[str, Any] = json.loads(STATUTORY_TABLE.read_text(encoding="utf-8"))
    return data


@lru_cache(maxsize=64)
def _statutory(year: int) -> tuple[dict[dt.date, str], frozenset[dt.date]]:
    """Vietnam's statutory holidays of a year (Vietnamese names) and the weekend days worked
    instead that the table knows. A year outside the table (it covers every year a period can
    have, 2000–2100) has none: only a deadline early in 2101 gets there, and ``holidays``
    itself knows no day of 2101 (its lunar tables end with 2100)."""
    entry = statutory_table()["years"].get(str(year))
    if entry is None:
        return {}, frozenset()

    def day(mm_dd: str) -> dt.date:
        return dt.date(year, int(mm_dd[:2]), int(mm_dd[3:]))

    return ({day(k): v for k, v in entry["days"].items()}, frozenset(day(k) for k in entry["working"]))


@dataclass(frozen=True)
class CalendarDay:
    day: dt.date
    working: bool
    reason: str
    arranged: bool  # from the year's announced arrangements (else a statutory holiday)


class WorkingCalendar:
    """Answers "is this a working day?" for deadlines, late flags and "this period"."""

    def __init__(self, years: Mapping[int, YearArrangements] | None = None, *, origin: str = "") -> None:
        self._years = dict(years or {})
        self.origin = origin  # for the settings: where the arrangements came from

    def __repr__(self) -> str:
        return f"WorkingCalendar(years={sorted(self._years)}, origin={self.origin!r})"

    @property
    def covered_years(self) -> tuple[int, ...]:
        return tuple(sorted(self._years))

    def covers(self, year: int) -> bool:
        return year in self._years

    def arrangements(self, year: int) -> YearArrangements | None:
        return self._years.get(year)

    def day(self, day: dt.date) -> CalendarDay:
        arranged = self._years.get(day.year)
        if arranged is not None:
            hit = arranged.lookup(day)
            if hit is not None:
                return CalendarDay(day, hit.working, hit.reason, True)
        holidays, workdays = _statutory(day.year)
        if day in holidays:
            return CalendarDay(day, False, holidays[day], False)
        if day in workdays:
            return CalendarDay(day, True, "Ngày làm bù", False)
        return CalendarDay(day, day.weekday() < 5, "", False)

    def is_working_day(self, day: dt.date) -> bool:
        return self.day(day).working

    def add_working_days(self, day: dt.date, n: int) -> dt.date:
        while n > 0:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                n -= 1
        return day

    def special_days(self, year: int) -> list[CalendarDay]:
        """Every day of the year that is not what its weekday says: holidays, days off,
        make-up working days."""
        holidays, workdays = _statutory(year)
        days = set(holidays) | set(workdays)
        arranged = self._years.get(year)
        if arranged is not None:
            days |= {d.day for d in arranged.days}
        out = [self.day(d) for d in sorted(days)]
        return [d for d in out if d.working != (d.day.weekday() < 5) or d.reason]

    def note(self, year: int, lang: str = "vi") -> str:
        """Empty when the year's arrangements are known; else what the fallback means."""
        if self.covers(year):
            return ""
        if lang == "en":
            return (f"No official arrangements for {year} yet (Tết break, make-up days): only the statutory "
                    "holidays are counted. The reviewing office can publish the year's calendar.")
        return (f"Chưa có lịch nghỉ chính thức năm {year} (nghỉ Tết, ngày làm bù): chỉ tính các ngày lễ theo "
                "luật định. Cơ quan nhận báo cáo có thể gửi lịch của năm.")


STATUTORY = WorkingCalendar(origin="statutory")
