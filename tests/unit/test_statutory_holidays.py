"""The shipped table of statutory holidays (forms/statutory-holidays-vn.json) is what the
``holidays`` package computes, year by year, so it cannot drift from its generator; and the
program reads it without importing that package."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from forms.calendar import STATUTORY, STATUTORY_TABLE, statutory_table
from forms.periods import MAX_YEAR, MIN_YEAR
from tools import make_statutory_holidays as generator

ROOT = Path(__file__).resolve().parents[2]


def test_the_shipped_table_is_what_holidays_computes() -> None:
    pytest.importorskip("holidays")
    assert STATUTORY_TABLE.read_text(encoding="utf-8") == generator.render(generator.compute()), (
        "the holidays package computes other days: run tools/make_statutory_holidays.py and review the diff"
    )


def test_the_table_covers_every_year_a_period_can_have() -> None:
    table = statutory_table()
    assert (table["first_year"], table["last_year"]) == (MIN_YEAR, MAX_YEAR)
    assert sorted(map(int, table["years"])) == list(range(MIN_YEAR, MAX_YEAR + 1))
    for year, entry in table["years"].items():
        for mm_dd, name in entry["days"].items():
            dt.date(int(year), int(mm_dd[:2]), int(mm_dd[3:]))  # a real date of that year
            assert name and unicodedata.is_normalized("NFC", name)
        assert {dt.date(int(year), int(d[:2]), int(d[3:])).weekday() for d in entry["working"]} <= {5, 6}


def test_days_from_the_table() -> None:
    tet = STATUTORY.day(dt.date(2026, 2, 17))
    assert not tet.working and tet.reason == "Tết Nguyên Đán"
    assert STATUTORY.day(dt.date(2026, 8, 22)).working  # a Saturday worked (the package knows the swap)
    assert not STATUTORY.is_working_day(dt.date(2100, 1, 1))
    assert STATUTORY.is_working_day(dt.date(2101, 1, 3))  # past the table: weekdays only, as holidays says


def test_computing_deadlines_does_not_import_holidays() -> None:
    script = (
        "import sys, datetime as dt\n"
        "from forms.calendar import STATUTORY\n"
        "STATUTORY.add_working_days(dt.date(2026, 2, 10), 10)\n"
        "STATUTORY.special_days(2027)\n"
        "print(sorted(m for m in sys.modules if m == 'holidays' or m.startswith('holidays.')))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    assert json.loads(done.stdout.replace("'", '"')) == []
