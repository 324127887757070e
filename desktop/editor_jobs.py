"""The report editor's jobs: one report opened, edited, finalised, reopened, amended; Part III
from the one-stop shop's statistics file.

Run on the database worker like every job in desktop/jobs.py (whose docstring says the rules);
apart from it so the window's start does not create these records' classes (a frozen
dataclass takes about a millisecond to make) before a report is opened.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from forms.definition import FormDefinition
    from reports.intake.part3 import Table as Part3Table
    from reports.storage.store import Report
    from reports.workspace import Workspace


@dataclass(frozen=True)
class EditorState:
    report: Report
    definition: FormDefinition
    is_latest: bool
    deadline: dt.date
    late: bool


def editor_state(ws: Workspace, report_id: int) -> EditorState:
    store = ws.store
    report = store.get(report_id)
    latest = store.find(report.unit_code, report.form_id, report.period.code)
    return EditorState(
        report=report,
        definition=store.definition(report),
        is_latest=latest is not None and latest.id == report.id,
        deadline=store.deadline(report),
        late=store.is_late(report),
    )


def save_values(ws: Workspace, report_id: int, changes: dict[str, Any]) -> Report:
    return ws.store.set_values(report_id, changes)


def acknowledge(ws: Workspace, report_id: int, rule_id: str, note: str) -> Report:
    return ws.store.acknowledge(report_id, rule_id, note)


def finalize(ws: Workspace, report_id: int) -> EditorState:
    ws.store.finalize(report_id)
    return editor_state(ws, report_id)


def reopen(ws: Workspace, report_id: int) -> EditorState:
    ws.store.reopen(report_id)
    return editor_state(ws, report_id)


def amend(ws: Workspace, report_id: int) -> int:
    return ws.store.amend(report_id).id






@dataclass(frozen=True)
class Part3Opened:
    table: Part3Table
    mapping: dict[str, int | None]  # the proposal, with the columns chosen last time


def part3_columns(ws: Workspace) -> str:
    """The columns chosen at the last import (the file itself is read on the CPU pool)."""
    from reports.intake.part3 import SETTING_KEY

    return str(ws.settings.get(SETTING_KEY))


def open_part3_file(path: Path, definition: FormDefinition, remembered: str) -> Part3Opened:
    """Read the statistics file (no database: run on the CPU pool, a big workbook takes seconds)."""
    from reports.intake import part3

    table = part3.open_part3(path, definition)
    return Part3Opened(table, part3.remembered(remembered, table))


def remember_part3_columns(ws: Workspace, text: str) -> None:
    from reports.intake.part3 import SETTING_KEY

    ws.settings.set(SETTING_KEY, text)
