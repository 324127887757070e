"""The work the window sends to the database worker.

Each function takes the open ``Workspace`` first (the task runner passes it) and returns
plain, immutable data for the UI thread: the core's frozen ``Report`` and ``FormDefinition``
objects, or the small records defined here. Nothing in this module imports Qt, and nothing
here may be called from the UI thread.

Here are the jobs of the window's first screen (the start, the list of reports); the pages
opened later have theirs beside it — desktop/editor_jobs.py, settings_jobs.py,
overview_jobs.py, wizard_jobs.py, par_jobs.py — so the start makes only the records it shows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reports.clock import local_date, parse_iso

if TYPE_CHECKING:
    # Only types here: the window imports this module on the UI thread at start, and the core
    # these jobs use loads on the database worker, where they run.
    from forms.definition import FormDefinition
    from forms.periods import Period, PeriodKind
    from reports.clock_check import ClockProblem
    from reports.paths import DataPaths
    from reports.storage.lifecycle import Status
    from reports.storage.unit import Unit
    from reports.workspace import Workspace

# ---------------------------------------------------------------- start-up


@dataclass(frozen=True)
class StartupState:
    unit: Unit | None
    settings: dict[str, Any]
    paths: DataPaths

    @property
    def language(self) -> str:
        return str(self.settings.get("language", "vi"))

    @property
    def text_size(self) -> str:
        return str(self.settings.get("text_size", "normal"))


def startup_state(ws: Workspace) -> StartupState:
    return StartupState(ws.unit, ws.settings.all(), ws.paths)


# ---------------------------------------------------------------- the list of reports


@dataclass(frozen=True)
class ReportRow:
    id: int
    period: Period
    form_id: str
    form_title: str
    revision: int
    status: Status
    deadline: dt.date
    late: bool
    updated_at: dt.datetime
    is_latest: bool
    decision_comment: str = ""
    form_title_en: str = ""  # shown in English mode (forms/translation.py)


def report_rows(ws: Workspace) -> list[ReportRow]:
    store = ws.store
    reports = store.list(unit_code=store.unit.code)
    latest: dict[tuple[str, str], int] = {}
    for r in reports:
        key = (r.form_id, r.period.code)
        latest[key] = max(latest.get(key, 0), r.revision)
    rows = []
    for r in reports:
        is_latest = latest[(r.form_id, r.period.code)] == r.revision
        rows.append(
            ReportRow(
                id=r.id,
                period=r.period,
                form_id=r.form_id,
                form_title=store.heading(r).title,
                revision=r.revision,
                status=r.status,
                deadline=store.deadline(r),
                late=is_latest and store.is_late(r),
                updated_at=parse_iso(r.updated_at),
                is_latest=is_latest,
                decision_comment=r.decision_comment,
                form_title_en=store.heading(r).title_en,
            )
        )
    return rows


@dataclass(frozen=True)
class NewReportPlan:
    """This period's report: which period, and whether it exists or can copy a previous one."""

    period: Period
    form_id: str
    form_title: str
    deadline: dt.date
    existing_id: int | None
    previous: Period | None


def plan_report(ws: Workspace, period_code: str | None = None, form_id: str | None = None) -> NewReportPlan:
    """The plan for ``period_code`` (default: the period to prepare today, from the cut-off
    rules) and ``form_id`` (default: the default form of the settings)."""
    store = ws.store
    form_id = form_id or ws.settings.get("default_form")
    definition = ws.forms.heading(form_id)
    if period_code is None:
        kind = ws.period_kind()
        if kind not in definition.period_kinds:
            kind = definition.period_kinds[0]
        period = ws.policy().current_period(kind, local_date(ws.clock()))
    else:
        from reports.storage.store import parse_period

        period = parse_period(period_code)
    existing = store.find(store.unit.code, definition.id, period.code)
    earlier = [
        r.period
        for r in store.list(unit_code=store.unit.code)
        if r.form_id == definition.id and r.period.kind is period.kind and r.period < period
    ]
    return NewReportPlan(
        period=period,
        form_id=definition.id,
        form_title=definition.title,
        deadline=ws.policy().deadline(period),
        existing_id=existing.id if existing else None,
        previous=max(earlier) if earlier else None,
    )


def create_report(ws: Workspace, period_code: str, form_id: str, copy_previous: bool) -> int:
    return ws.store.create(period_code, form_id, copy_previous=copy_previous).id


@dataclass(frozen=True)
class FormChoice:
    id: str
    title: str
    period_kinds: tuple[PeriodKind, ...]
    title_en: str = ""  # from the definition's translation; empty: the Vietnamese title is shown


def form_choices(ws: Workspace) -> list[FormChoice]:
    latest: dict[str, FormDefinition] = {}
    for d in ws.forms.list():
        latest[d.id] = d
    return [FormChoice(d.id, d.title, d.period_kinds, d.title_en) for d in latest.values()]


def clock_problem(ws: Workspace) -> ClockProblem | None:
    from reports.clock_check import check_clock

    return check_clock(ws)


def confirm_handed_over(ws: Workspace, report_id: int) -> list[int]:
    """The official handed the package over (USB stick, e-mail): the report becomes "sent"."""
    from reports.exchange.sync import confirm_handed_over as confirm

    return confirm(ws, [report_id])


