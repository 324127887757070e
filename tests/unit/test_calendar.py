"""The real Vietnamese calendar: statutory holidays from the shipped table plus the
year's announced arrangements from the shipped (or the reviewer's) calendar file."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forms.calendar import STATUTORY, CalendarError, WorkingCalendar, merge, parse_calendar
from forms.periods import DeadlinePolicy, Period
from reports.cli.main import main
from reports.resources import resource_path
from reports.storage.calendars import SHIPPED_CALENDAR, calendar_in_use, shipped_calendar
from reports.workspace import Workspace

D = dt.date


def shipped() -> WorkingCalendar:
    return WorkingCalendar(merge([shipped_calendar()]), origin="shipped")


def test_the_shipped_file_is_valid_and_describes_2025_and_2026() -> None:
    data = parse_calendar(resource_path(SHIPPED_CALENDAR).read_text(encoding="utf-8"))
    assert data.covered == (2025, 2026)


def test_february_2026_is_due_tuesday_24_02_2026() -> None:
    # Cut-off Saturday 14/02/2026, two working days: the Tết break runs 14/02–22/02.
    policy = DeadlinePolicy(calendar=shipped())
    assert policy.window(Period.parse("2026-02"))[1] == D(2026, 2, 14)
    assert policy.deadline(Period.parse("2026-02")) == D(2026, 2, 24)
    assert policy.calendar_note(Period.parse("2026-02")) == ""
    cal = shipped()
    for day in range(14, 23):
        assert not cal.is_working_day(D(2026, 2, day)), day
    assert cal.day(D(2026, 2, 17)).reason  # Tết itself has a name


def test_a_make_up_saturday_counts() -> None:
    cal = shipped()
    assert cal.is_working_day(D(2026, 8, 22))  # Saturday worked for Monday 31/08
    assert not cal.is_working_day(D(2026, 8, 31))
    # Cut-off Friday 21/08, one working day: the make-up Saturday, not Monday.
    policy = DeadlinePolicy(cutoff_day=21, working_days_after_cutoff=1, calendar=cal)
    assert policy.deadline(Period.parse("2026-08")) == D(2026, 8, 22)


def test_a_make_up_day_known_only_from_the_file_counts() -> None:
    # 2030: nothing is announced; a province's file declares Saturday 05/01/2030 worked.
    text = """
format = 1
issued_on = 2029-12-01
[[year]]
year = 2030
source = "test"
[[year.working_day]]
date = 2030-01-05
reason = "Làm bù"
"""
    cal = WorkingCalendar(merge([parse_calendar(text)]))
    assert STATUTORY.add_working_days(D(2030, 1, 4), 1) == D(2030, 1, 7)
    assert cal.add_working_days(D(2030, 1, 4), 1) == D(2030, 1, 5)


def test_a_province_fixed_deadline_day_still_wins() -> None:
    policy = DeadlinePolicy(deadline_day=17, calendar=shipped())
    assert policy.deadline(Period.parse("2026-02")) == D(2026, 2, 17)
    assert policy.calendar_note(Period.parse("2027-02")) == ""


def test_a_year_the_file_does_not_cover_falls_back_with_a_visible_note() -> None:
    cal = shipped()
    assert not cal.covers(2027)
    # Statutory Tết 2027 (04–10/02 by the holidays package): cut-off Sunday 14/02 → Mon 15, Tue 16.
    assert DeadlinePolicy(calendar=cal).deadline(Period.parse("2027-02")) == D(2027, 2, 16)
    assert not cal.is_working_day(D(2027, 2, 8))  # Tết still counts, from the statutory holidays
    note = DeadlinePolicy(calendar=cal).calendar_note(Period.parse("2027-02"))
    assert "2027" in note and "luật định" in note
    assert "2027" in cal.note(2027, "en") and "statutory" in cal.note(2027, "en")


def test_statutory_holidays_include_lunar_ones() -> None:
    assert not STATUTORY.is_working_day(D(2026, 4, 27))  # Giỗ Tổ on Sunday 26/04 → Monday
    assert not STATUTORY.is_working_day(D(2026, 9, 1))  # Quốc khánh's second day
    assert STATUTORY.is_working_day(D(2026, 9, 3))


def test_the_newest_issued_file_wins_for_a_year() -> None:
    old = parse_calendar('format = 1\nissued_on = 2026-01-01\n[[year]]\nyear = 2026\nsource = "a"\n'
                         '[[year.day_off]]\ndate = 2026-03-02\nreason = "x"\n')
    new = parse_calendar('format = 1\nissued_on = 2026-02-01\n[[year]]\nyear = 2026\nsource = "b"\n')
    assert merge([old, new])[2026].source == "b"
    assert merge([new, old])[2026].source == "b"


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ("format = 1\nissued_on = 2026-01-01\n[[year]]\nyear = 2026\nsource = 'x'\n[[year.working_day]]\n"
         "date = 2026-03-03\nreason = 'x'\n", 7, "weekday"),
        ("format = 1\nissued_on = 2026-01-01\n[[year]]\nyear = 2026\nsource = 'x'\n[[year.day_off]]\n"
         "from = 2026-03-05\nto = 2026-03-02\nreason = 'x'\n", 8, "before"),
        ("format = 1\nissued_on = 2026-01-01\n[[year]]\nyear = 2026\nsource = 'x'\n[[year.day_off]]\n"
         "date = 2027-03-05\nreason = 'x'\n", 7, "not in 2026"),
        ("format = 1\nissued_on = 2026-01-01\n[[year]]\nyear = 2026\nsourse = 'x'\n", 3, "required"),
        ("format = 1\nissued_on = 2026-01-01\n[[year]]\nyear = 2026\nsource = 'x'\nextra = 1\n", 6, "not a known key"),
        ("format = 2\nissued_on = 2026-01-01\n", 1, "must be 1"),
        ("format = 1\nissued_on = 2026-01-01\n[[year]]\nyear = 2026\nsource = 'x\n", 5, "Expected"),
        ("format = 1\nissued_on = 2026-01-01\n", None, "at least one year"),
        ("format = 1\nissued_on = '1/1/2026'\n[[year]]\nyear = 2026\nsource = 'x'\n", 2, "YYYY-MM-DD"),
    ],
)
def test_a_bad_file_is_refused_with_its_line_and_reason(text: str, line: int | None, reason: str) -> None:
    with pytest.raises(CalendarError) as info:
        parse_calendar(text, source="lich.toml")
    assert info.value.line == line
    assert reason in info.value.reason
    assert info.value.source == "lich.toml"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_any_text_is_read_or_refused_plainly(text: str) -> None:
    with contextlib.suppress(CalendarError):
        parse_calendar(text)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_a_damaged_shipped_file_is_read_or_refused_with_a_line(data: st.DataObject) -> None:
    lines = resource_path(SHIPPED_CALENDAR).read_text(encoding="utf-8").splitlines()
    i = data.draw(st.integers(0, len(lines) - 1))
    lines[i] = data.draw(st.sampled_from(["", "date = 2026-02-15", "year = 1999", "[[year.day_off]]", "to = 2026-13-01",
                                          "reason = ''", "from = 2026-02-23", lines[i][: len(lines[i]) // 2]]))
    try:
        parse_calendar("\n".join(lines))
    except CalendarError as exc:
        assert exc.line is None or 1 <= exc.line <= len(lines)


def run(data_dir: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--data-dir", str(data_dir), *args], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_a_reviewer_installs_a_calendar_and_deadlines_follow(tmp_path: Path) -> None:
    so = tmp_path / "so"
    assert run(so, "init", "--role", "reviewer", "--unit-code", "75", "--unit-name", "Sở Nội vụ tỉnh Đồng Nai",
               "--province", "Tỉnh Đồng Nai")[0] == 0
    code, out, _ = run(so, "calendar", "show", "--year", "2027")
    assert code == 0 and "2027" in out and "luật định" in out
    text = ('format = 1\nissued_on = 2026-12-01\nissuer = "Sở Nội vụ"\n[[year]]\nyear = 2027\nsource = "TB 1"\n'
            '[[year.day_off]]\nfrom = 2027-02-13\nto = 2027-02-16\nreason = "Nghỉ Tết Đinh Mùi (giả định của bài kiểm tra)"\n')
    (tmp_path / "lich.toml").write_text(text, encoding="utf-8")
    bad = tmp_path / "sai.toml"
    bad.write_text(text.replace("2027-02-16", "2027-02-10"), encoding="utf-8")
    code, _, err = run(so, "calendar", "install", str(bad))
    assert code == 1 and "dòng 9" in err and "sai.toml" in err
    assert run(so, "calendar", "publish")[0] == 1  # nothing installed yet
    assert run(so, "calendar", "install", str(tmp_path / "lich.toml"))[0] == 0
    assert run(so, "calendar", "publish")[0] == 0
    ws = Workspace.open(so)
    try:
        assert ws.calendar().covers(2027)
        assert ws.policy().deadline(Period.parse("2027-02")) == D(2027, 2, 18)  # 17 and 18 after the break
        assert calendar_in_use(ws.db).origin == "province"
    finally:
        ws.close()
    code, out, _ = run(so, "calendar", "show", "--year", "2027", "--json")
    assert code == 0 and '"2027-02-13"' in out


def test_only_a_reviewer_installs_calendars(tmp_path: Path) -> None:
    xa = tmp_path / "xa"
    run(xa, "init", "--unit-code", "26734", "--unit-name", "Xã Tân Phú", "--province", "Tỉnh Đồng Nai")
    code, _, err = run(xa, "calendar", "install", str(resource_path(SHIPPED_CALENDAR)))
    assert code == 2 and "Sở Nội vụ" in err
