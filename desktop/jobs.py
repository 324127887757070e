"""The work the window sends to the database worker.

Each function takes the open ``Workspace`` first (the task runner passes it) and returns
plain, immutable data for the UI thread: the core's frozen ``Report`` and ``FormDefinition``
objects, or the small records defined here. Nothing in this module imports Qt, and nothing
here may be called from the UI thread.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reports.clock import local_date, parse_iso
from reports.errors import CchcError
from reports.storage.settings import SETTINGS

if TYPE_CHECKING:
    # Only types here: the window imports this module on the UI thread at start, and the core
    # these jobs use loads on the database worker, where they run.
    from forms.definition import FormDefinition
    from forms.periods import Period, PeriodKind
    from reports.clock_check import ClockProblem
    from reports.intake.part3 import Table as Part3Table
    from reports.paths import DataPaths
    from reports.storage.lifecycle import Status
    from reports.storage.store import Report
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


@dataclass(frozen=True)
class SetupChoice:
    """What the first-run wizard decided."""

    unit: Unit
    settings: dict[str, Any] = field(default_factory=dict)


def apply_setup(ws: Workspace, choice: SetupChoice) -> StartupState:
    """The real setup (sample data never goes here: it has the demo installation, reports/demo.py)."""
    with ws.db.atomic():
        for key, value in choice.settings.items():
            ws.settings.set(key, value)
    ws.initialise(choice.unit)
    return startup_state(ws)


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


# ---------------------------------------------------------------- one report


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


# ---------------------------------------------------------------- settings


@dataclass(frozen=True)
class SettingsState:
    unit: Unit
    settings: dict[str, Any]
    paths: DataPaths
    calendar_years: tuple[int, ...] = ()  # years with official arrangements (Tết break, make-up days)
    calendar_origin: str = "shipped"  # shipped / province / reviewer
    this_year: int = 0


def settings_state(ws: Workspace) -> SettingsState:
    calendar = ws.calendar()
    return SettingsState(ws.require_unit(), ws.settings.all(), ws.paths, calendar.covered_years, calendar.origin,
                         local_date(ws.clock()).year)


UNIT_FIELDS = (
    "name",
    "province_name",
    "reviewer_name",
    "place",
    "preparer_name",
    "preparer_title",
    "signer_name",
    "signer_title",
    "signer_authority",
    "doc_symbol",
)
SETTING_KEYS = frozenset(s.key for s in SETTINGS)


def save_settings(ws: Workspace, unit_changes: dict[str, Any], settings: dict[str, Any]) -> SettingsState:
    """Store the unit's details and the settings together, or nothing when one is refused."""
    unknown = (set(unit_changes) - set(UNIT_FIELDS)) | (set(settings) - SETTING_KEYS)
    if unknown:
        raise ValueError(f"unknown keys {sorted(unknown)}")
    with ws.db.atomic():
        for key, value in settings.items():
            ws.settings.set(key, value)
        if unit_changes:
            ws.update_unit(**unit_changes)
    return settings_state(ws)


# ---------------------------------------------------------------- overview


@dataclass(frozen=True)
class OverviewPoint:
    period: Period
    received: float | None
    resolved: float | None
    on_time_rate: float | None
    online_rate: float | None


@dataclass(frozen=True)
class AreaScore:
    title: str
    score: float
    max_points: float


@dataclass(frozen=True)
class Overview:
    points: list[OverviewPoint]
    scores: list[AreaScore]
    score_period: Period | None
    current: NewReportPlan | None


def overview(ws: Workspace, count: int = 12) -> Overview:
    """The commune's own figures for the last ``count`` periods of the usual kind."""
    from forms.engine import compute, score_totals

    store = ws.store
    kind = ws.period_kind()
    newest: dict[str, Report] = {}
    for r in store.list(unit_code=store.unit.code):
        if r.form_id != "cchc-xa" or r.period.kind is not kind:
            continue
        if r.period.code not in newest or r.revision > newest[r.period.code].revision:
            newest[r.period.code] = r
    points = []
    for code in sorted(newest)[-count:]:
        r = newest[code]
        v = compute(store.definition(r), r.values)
        points.append(
            OverviewPoint(
                r.period,
                v.get("tthc_received_total"),
                v.get("tthc_resolved_total"),
                v.get("tthc_on_time_rate"),
                v.get("tthc_online_rate"),
            )
        )
    scores: list[AreaScore] = []
    score_period = None
    sheets = [r for r in store.list(unit_code=store.unit.code) if r.form_id == "tu-cham-diem-xa"]
    if sheets:
        sheet = max(sheets, key=lambda r: (r.period, r.revision))
        score_period = sheet.period
        d = store.definition(sheet)
        scores = [AreaScore(t.title, t.score, t.max_points) for t in score_totals(d, sheet.values)]
    try:
        current = plan_report(ws)
    except CchcError:  # e.g. a default form that no longer exists: the overview still opens
        current = None
    return Overview(points, scores, score_period, current)


def clock_problem(ws: Workspace) -> ClockProblem | None:
    from reports.clock_check import check_clock

    return check_clock(ws)


def confirm_handed_over(ws: Workspace, report_id: int) -> list[int]:
    """The official handed the package over (USB stick, e-mail): the report becomes "sent"."""
    from reports.exchange.sync import confirm_handed_over as confirm

    return confirm(ws, [report_id])


# ---------------------------------------------------------------- Part III from the one-stop shop


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
