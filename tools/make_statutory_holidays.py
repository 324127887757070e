"""Regenerate forms/statutory-holidays-vn.json from the ``holidays`` package.

The program reads Vietnam's statutory holidays from this table instead of importing
``holidays`` at run time: ``holidays.country_holidays("VN")`` loads some 460 modules (its
catalogue of every country, the lunar calendars, gettext), which cost the first deadline
0.15–0.5 s and the download most of 14 MB. The table covers every year a period can have
(forms.periods: 2000–2100); ``holidays`` computes nothing past 2100 (its lunar tables end).

    .venv/bin/python tools/make_statutory_holidays.py           # rewrite the table
    .venv/bin/python tools/make_statutory_holidays.py --check   # exit 1 if it is out of date

tests/unit/test_statutory_holidays.py compares the shipped table with what the installed
``holidays`` computes, so a package upgrade that changes a day shows up as a failing test and
is taken in by rerunning this script and reviewing the diff.

Per year: ``days`` maps "MM-DD" to the Vietnamese name of the day off (the substitute days
included), ``working`` lists the weekend days the package knows were worked instead.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "forms" / "statutory-holidays-vn.json"
FIRST_YEAR, LAST_YEAR = 2000, 2100  # forms.periods.MIN_YEAR, MAX_YEAR


def compute(first: int = FIRST_YEAR, last: int = LAST_YEAR) -> dict[str, Any]:
    """The table as the installed ``holidays`` package computes it."""
    import holidays

    years: dict[str, Any] = {}
    for year in range(first, last + 1):
        h = holidays.country_holidays("VN", years=[year], language="vi")
        worked = sorted(d for d in getattr(h, "weekend_workdays", ()) if d.year == year)
        years[str(year)] = {
            "days": {f"{d:%m-%d}": str(name) for d, name in sorted(h.items()) if d.year == year},
            "working": [f"{d:%m-%d}" for d in worked],
        }
    return {
        "format": 1,
        "source": f"holidays {holidays.__version__}, country_holidays('VN', language='vi')",
        "first_year": first,
        "last_year": last,
        "years": years,
    }


def render(table: dict[str, Any]) -> str:
    # One year a line: a reviewable diff when the package changes a day.
    head = {k: v for k, v in table.items() if k != "years"}
    lines = [json.dumps(head, ensure_ascii=False)[:-1] + ', "years": {']
    items = list(table["years"].items())
    for i, (year, data) in enumerate(items):
        comma = "," if i < len(items) - 1 else ""
        lines.append(f"  {json.dumps(year)}: {json.dumps(data, ensure_ascii=False, sort_keys=True)}{comma}")
    lines.append("}}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the shipped table is out of date")
    args = parser.parse_args(argv)
    text = render(compute())
    if args.check:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        if current != text:
            print(f"{OUT.relative_to(ROOT)} is out of date: run tools/make_statutory_holidays.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {OUT.relative_to(ROOT)} ({len(text.encode())} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
