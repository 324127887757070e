"""The reviewer's status board: for every commune of the province and every period, whether
its report is not yet due, missing, on time, late, returned or accepted — or whether the
period came before the commune started using the program (nothing can be asked of it then).

"On time" is decided by when the report reached us (its arrival: the import time, the mail or
WebDAV server's time, or the date the reviewer registered), never by the sender's clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from forms.periods import DeadlinePolicy, Period, PeriodKind, periods_of_year
from reports.admin_units import UnitCatalog, fold
from reports.clock import local_date, parse_iso
from reports.exchange.revision_gaps import missing_revisions
from reports.storage import received
from reports.storage.lifecycle import Status
from reports.storage.report import Report, parse_period
from reports.storage.unit import Unit
from reports.workspace import Workspace

FORM_ID = "cchc-xa"
RECENT_PERIODS = 12


class BoardState(StrEnum):
    # The order is the legend's, the filter's and the per-column totals'.
    NOT_DUE = "not_due"
    MISSING = "missing"
    ON_TIME = "on_time"
    LATE = "late"
    RETURNED = "returned"
    ACCEPTED = "accepted"
    # Last, so that the other states keep their index: a period whose data window closed
    # before the first period the commune ever sent us, with nothing received for it.
    NOT_USING = "not_using"

    @property
    def label_vi(self) -> str:
        return {
            "not_due": "Chưa đến hạn", "missing": "Chưa gửi", "on_time": "Đúng hạn", "late": "Trễ hạn",
            "returned": "Đã trả lại", "accepted": "Đã chấp nhận", "not_using": "Chưa dùng chương trình",
        }[self.value]

    @property
    def label_en(self) -> str:
        return {
            "not_due": "Not yet due", "missing": "Missing", "on_time": "On time", "late": "Late",
            "returned": "Returned", "accepted": "Accepted", "not_using": "Not using the program yet",
        }[self.value]


STATES: tuple[BoardState, ...] = tuple(BoardState)
STATE_INDEX = {s: i for i, s in enumerate(STATES)}


@dataclass(frozen=True)
class UnitStatus:
    unit_code: str
    unit_name: str
    state: BoardState
    report_id: int | None = None
    revision: int | None = None
    received_on: dt.date | None = None  # its arrival here
    claimed_on: dt.date | None = None  # what the commune's package says (its clock's claim)
    clock_suspect: bool = False  # the two differ by more than a day
    missing_revisions: tuple[int, ...] = ()  # below ``revision``, never received (see revision_gaps)


def expected_units(ws: Workspace) -> list[tuple[str, str]]:
    """The communes of the reviewer's province, from the official 2025 list, plus any unit
    that has sent us something (a unit added after the list was made still shows)."""
    unit = ws.require_unit()
    catalog = UnitCatalog.load()
    units: dict[str, str] = {}
    try:
        units = {c.code: c.name for c in catalog.communes(unit.province_code or unit.code[:2])}
    except KeyError:
        units = {}
    for code, name in received.sending_units(ws.db):
        units.setdefault(code, name)
    return sorted(units.items())


def latest_reports(ws: Workspace, period: str, form_id: str = FORM_ID) -> dict[str, Report]:
    """The newest revision per unit for one period and form."""
    out: dict[str, Report] = {}
    for r in ws.store.list(period=period, latest_only=True):
        if r.form_id == form_id and r.origin == "imported":
            out[r.unit_code] = r
    return out


def first_use(ws: Workspace) -> dict[str, dt.date]:
    """Unit code → the first day of data of the earliest period it ever sent us (any form):
    when it started using the program, as far as this office can know."""
    policy = ws.policy()
    out: dict[str, dt.date] = {}
    for code, period_code in received.first_periods(ws.db):
        start = policy.window(parse_period(period_code))[0]
        if code not in out or start < out[code]:
            out[code] = start
    return out


def before_first_use(window_end: dt.date, started: dt.date | None) -> bool:
    """Whether a period whose data window ends on ``window_end`` closed before the
    commune started (``started`` from ``first_use``; None: it never sent anything, and then
    every period it owes stays missing — the reviewer has to chase it)."""
    return started is not None and window_end < started


def board_state(
    due: dt.date, status: Status | None, received_on: dt.date | None, today: dt.date, *, not_using: bool = False
) -> BoardState:
    """One cell: ``status`` and ``received_on`` of the newest revision, None when nothing came;
    ``not_using`` when the period closed before the commune started using the program."""
    if status is None:
        if not_using:
            return BoardState.NOT_USING
        return BoardState.NOT_DUE if today <= due else BoardState.MISSING
    if status is Status.ACCEPTED:
        return BoardState.ACCEPTED
    if status is Status.RETURNED:
        return BoardState.RETURNED
    return BoardState.LATE if (received_on or today) > due else BoardState.ON_TIME


def _received_on(sent_at: str | None) -> dt.date | None:
    return local_date(parse_iso(sent_at)) if sent_at else None


def status_for_period(ws: Workspace, period_code: str, form_id: str = FORM_ID) -> list[UnitStatus]:
    period = parse_period(period_code)
    today = local_date(ws.clock())
    policy = ws.policy()
    due = policy.deadline(period)
    window_end = policy.window(period)[1]
    started = first_use(ws)
    reports = latest_reports(ws, period.code, form_id)
    held = received.revisions_by_unit(ws.db, form_id, period.code)
    out = []
    for code, name in expected_units(ws):
        r = reports.get(code)
        on = _received_on(r.submitted_at) if r else None
        claimed = _received_on(r.claimed_at) if r else None
        not_using = before_first_use(window_end, started.get(code))
        out.append(UnitStatus(
            code, name, board_state(due, r.status if r else None, on, today, not_using=not_using),
            r.id if r else None, r.revision if r else None, on, claimed, bool(r and r.clock_suspect),
            missing_revisions(held.get(code, ())),
        ))
    return out


# ---------------------------------------------------------------- the matrix


@dataclass(frozen=True)
class BoardMatrix:
    """Communes × periods. ``states[row][col]`` indexes STATES; ``report_ids`` holds the
    newest revision received for a cell, if any."""

    unit: Unit
    periods: list[Period]
    codes: list[str]
    names: list[str]
    folded: list[str]  # code + name without diacritics, for a search box
    states: list[bytes]
    report_ids: dict[tuple[int, int], int]
    totals: list[list[int]]  # totals[col][state index]
    form_id: str = FORM_ID
    current: int | None = None  # the column of the period being prepared now, if shown


    def state(self, row: int, col: int) -> BoardState:
        return STATES[self.states[row][col]]


def recent_periods(ws: Workspace, count: int = RECENT_PERIODS, today: dt.date | None = None) -> list[Period]:
    """The last ``count`` months, oldest first, ending with the one being prepared now."""
    today = today or local_date(ws.clock())
    current = ws.policy().current_period(PeriodKind.MONTH, today)
    periods = [current]
    while len(periods) < count:
        periods.append(periods[-1].previous())
    return periods[::-1]


def year_periods(ws: Workspace, year: int, form_id: str = FORM_ID) -> list[Period]:
    """The periods of ``year`` the form is filed for: the installation's usual kind when the
    form allows it, else the form's first kind."""
    versions = [d for d in ws.forms.list() if d.id == form_id]
    kinds = max(versions, key=lambda d: d.version).period_kinds if versions else (PeriodKind.MONTH,)
    usual = PeriodKind(ws.settings.get("period_kind"))
    return periods_of_year(usual if usual in kinds else kinds[0], year)


def board_matrix(ws: Workspace, periods: Sequence[Period] | None = None, form_id: str = FORM_ID) -> BoardMatrix:
    """The whole board from one query (``received.newest_received``)."""
    today = local_date(ws.clock())
    periods = list(periods) if periods is not None else recent_periods(ws, today=today)
    column = {p.code: i for i, p in enumerate(periods)}
    units = expected_units(ws)
    row_of = {code: i for i, (code, _) in enumerate(units)}
    policy = ws.policy()
    dues = [policy.deadline(p) for p in periods]
    empty = bytes(STATE_INDEX[board_state(due, None, None, today)] for due in dues)
    states = [bytearray(empty) for _ in units]
    # Before a commune's first period, an empty cell is "not using the program yet".
    ends = [policy.window(p)[1] for p in periods]
    not_using = STATE_INDEX[BoardState.NOT_USING]
    for code, started in first_use(ws).items():
        r = row_of.get(code)
        if r is None:
            continue
        for c, end in enumerate(ends):
            if before_first_use(end, started):
                states[r][c] = not_using
    # The deadline policy is read once per column; each distinct (column, status, day) once.
    decided: dict[tuple[int, str, dt.date | None], int] = {}
    report_ids: dict[tuple[int, int], int] = {}
    days: dict[str | None, dt.date | None] = {}  # the reports of one package share their time
    for cell in received.newest_received(ws.db, form_id, list(column)):
        r = row_of.get(cell.unit_code)
        if r is None:
            continue
        c = column[cell.period]
        if cell.arrived_at not in days:
            days[cell.arrived_at] = _received_on(cell.arrived_at)
        on = days[cell.arrived_at]
        key = (c, cell.status, on)
        if key not in decided:
            decided[key] = STATE_INDEX[board_state(dues[c], Status(cell.status), on, today)]
        states[r][c] = decided[key]
        report_ids[(r, c)] = cell.report_id
    totals = [[0] * len(STATES) for _ in periods]
    for row in states:
        for c, s in enumerate(row):
            totals[c][s] += 1
    return BoardMatrix(
        ws.require_unit(),
        periods,
        [code for code, _ in units],
        [name for _, name in units],
        [fold(f"{code} {name}") for code, name in units],
        [bytes(s) for s in states],
        report_ids,
        totals,
        form_id,
        current_column(policy, periods, today),
    )


def current_column(policy: DeadlinePolicy, periods: Sequence[Period], today: dt.date) -> int | None:
    """Where among ``periods`` the one being prepared now is (a window opens there), if at all."""
    if not periods:
        return None
    current = policy.current_period(periods[0].kind, today)
    return next((i for i, p in enumerate(periods) if p == current), None)
