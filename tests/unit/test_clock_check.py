"""The commune's PC clock is checked at start against the program's own newest record."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reports.clock_check import check_clock
from reports.workspace import Workspace
from tests.unit.sync_world import commune_unit

NOW = dt.datetime(2026, 12, 7, 3, 0, tzinfo=dt.UTC)


def made_at(folder: Path, when: dt.datetime) -> None:
    ws = Workspace.open(folder, clock=lambda: when)
    try:
        if ws.unit is None:
            ws.initialise(commune_unit("26116", "Xã Tân Phú"))
        ws.store.create("2026-11", "cchc-xa")
    finally:
        ws.close()


def opened_at(folder: Path, when: dt.datetime) -> Workspace:
    return Workspace.open(folder, clock=lambda: when)


def test_a_clock_behind_the_last_save_is_caught(tmp_path: Path) -> None:
    made_at(tmp_path / "xa", NOW)
    ws = opened_at(tmp_path / "xa", NOW - dt.timedelta(days=23))  # someone set it back to 14/11
    try:
        problem = check_clock(ws)
        assert problem is not None and problem.what == "behind" and problem.newest == NOW
    finally:
        ws.close()


def test_a_clock_a_few_minutes_behind_or_ahead_is_fine(tmp_path: Path) -> None:
    made_at(tmp_path / "xa", NOW)
    for delta in (dt.timedelta(minutes=-5), dt.timedelta(days=3)):
        ws = opened_at(tmp_path / "xa", NOW + delta)
        try:
            assert check_clock(ws) is None
        finally:
            ws.close()


def test_a_clock_reset_to_the_bios_default_is_implausible(tmp_path: Path) -> None:
    ws = opened_at(tmp_path / "new", dt.datetime(2003, 1, 1, tzinfo=dt.UTC))
    try:
        problem = check_clock(ws)
        assert problem is not None and problem.what == "implausible"
    finally:
        ws.close()
