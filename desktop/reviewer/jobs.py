"""What the reviewer's screens ask of the database worker.

Every function here takes the Workspace first and runs on the task runner's single database
worker; they only call the core services (``reports.exchange.review``, ``reports.exchange.sync``,
``reports.exchange.feedback``, ``reports.documents.issuing``) and shape the answers for the screens.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

from forms.definition import FieldType, FormDefinition
from forms.engine import evaluate
from forms.periods import Period, PeriodKind
from reports.admin_units import fold
from reports.clock import local_date, parse_iso
from reports.documents import issuing
from reports.errors import UsageError
from reports.exchange import feedback, review, sync
from reports.exchange.review import BoardState, ConsolidatedSection
from reports.storage.store import Report
from reports.storage.unit import Unit
from reports.workspace import Workspace

FORM_ID = "cchc-xa"
BOARD_PERIODS = 12

# The order of the states in the legend, the filter and the per-column totals.
STATES: tuple[BoardState, ...] = (
    BoardState.NOT_DUE,
    BoardState.MISSING,
    BoardState.ON_TIME,
    BoardState.LATE,
    BoardState.RETURNED,
    BoardState.ACCEPTED,
)
STATE_INDEX = {s: i for i, s in enumerate(STATES)}


# ---------------------------------------------------------------- the status board


@dataclass(frozen=True)
class BoardMatrix:
    """Communes × periods. ``states[row][col]`` indexes STATES; ``report_ids`` holds the
    newest revision received for a cell, if any."""

    unit: Unit
    periods: list[Period]
    codes: list[str]
    names: list[str]
    folded: list[str]  # code + name without diacritics, for the search box
    states: list[bytes]
    report_ids: dict[tuple[int, int], int]
    totals: list[list[int]]  # totals[col][state index]


def board_periods(ws: Workspace, count: int = BOARD_PERIODS, today: dt.date | None = None) -> list[Period]:
    """The last ``count`` months, oldest first, ending with the one being prepared now."""
    today = today or local_date(ws.clock())
    current = ws.policy().current_period(PeriodKind.MONTH, today)
    periods = [current]
    while len(periods) < count:
        periods.append(periods[-1].previous())
    return periods[::-1]


def board_matrix(ws: Workspace, count: int = BOARD_PERIODS) -> BoardMatrix:
    """The whole board in one query (the newest revision of every imported report of the
    shown months), the states decided by ``review.board_state``."""
    today = local_date(ws.clock())
    periods = board_periods(ws, count, today)
    column = {p.code: i for i, p in enumerate(periods)}
    units = review.expected_units(ws)
    row_of = {code: i for i, (code, _) in enumerate(units)}
    placeholders = ",".join("?" * len(periods))
    rows = ws.db.execute(
        f"SELECT unit_code, period, revision, status, sent_at, id FROM reports"
        f" WHERE origin = 'imported' AND form_id = ? AND period IN ({placeholders})"
        f" ORDER BY unit_code, period, revision",
        [FORM_ID, *column],
    ).fetchall()
    newest: dict[tuple[int, int], tuple[str, str | None, int]] = {}
    for code, period, _revision, status, sent_at, rid in rows:
        r = row_of.get(code)
        if r is not None:
            newest[(r, column[period])] = (status, sent_at, rid)  # later revisions overwrite
    empty = bytes(STATE_INDEX[review.board_state(ws, p, None, today)] for p in periods)
    states = [bytearray(empty) for _ in units]
    # board_state reads the deadline policy each call: decide each distinct case once.
    decided: dict[tuple[int, str, dt.date | None], int] = {}
    report_ids: dict[tuple[int, int], int] = {}
    for (r, c), (status, sent_at, rid) in newest.items():
        sent_day = local_date(parse_iso(sent_at)) if sent_at else None
        key = (c, status, sent_day)
        if key not in decided:
            from reports.storage.lifecycle import Status

            stub = SimpleNamespace(status=Status(status), sent_at=sent_at)
            decided[key] = STATE_INDEX[review.board_state(ws, periods[c], cast(Report, stub), today)]
        states[r][c] = decided[key]
        report_ids[(r, c)] = rid
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
    )


# ---------------------------------------------------------------- the inbox


def import_packages(
    ws: Workspace,
    paths: Sequence[Path],
    progress: Callable[[int, int, sync.ImportResult], None],
    cancel: threading.Event,
) -> list[sync.ImportResult]:
    """``sync.import_files`` as the CLI runs it; progress is called on the worker thread."""
    return sync.import_files(ws, list(paths), progress=progress, cancelled=cancel.is_set)


def package_sources(ws: Workspace, limit: int = 200) -> dict[str, str]:
    """Where each received package came from, by file name (the ``source`` column)."""
    rows = ws.db.execute(
        "SELECT file_name, source FROM packages WHERE direction = 'in' ORDER BY processed_at DESC LIMIT ?",
        (limit,),
    ).fetchall()
    return {name: source for name, source in rows}


# ---------------------------------------------------------------- the report view


@dataclass(frozen=True)
class RevisionChange:
    field_id: str
    label: str
    before: Any
    after: Any


@dataclass(frozen=True)
class Revision:
    report: Report
    changes: list[RevisionChange]  # against the revision before (empty for the first)


@dataclass(frozen=True)
class ReportDetails:
    report: Report
    definition: FormDefinition
    values: dict[str, Any]  # evaluated: computed fields included
    pdf: bytes | None
    verification: issuing.Verification | None
    figures_match: bool | None  # None: no data embedded in the PDF (or no PDF)
    history: list[Revision]
    unit: Unit


def _changes(
    definition: FormDefinition, before: dict[str, Any], after: dict[str, Any]
) -> list[RevisionChange]:
    out = []
    for f in definition.iter_fields():
        if before.get(f.id) != after.get(f.id):
            out.append(RevisionChange(f.id, f.label, before.get(f.id), after.get(f.id)))
    return out


def report_details(ws: Workspace, report_id: int) -> ReportDetails:
    store = ws.store
    report = store.get(report_id)
    definition = store.definition(report)
    values = dict(evaluate(definition, report.values).values)
    pdf = store.signed_pdf(report_id)
    verification = None
    match = None
    if pdf is not None:
        verification = issuing.verify_document(pdf, issuing.trust_roots(ws))
        if verification.data is not None:
            match = (
                verification.data.get("values") == report.values
                and verification.data.get("content_sha256", report.content_sha256) == report.content_sha256
            )
    revisions = store.history(report)
    history = []
    for i, r in enumerate(revisions):
        changes = _changes(store.definition(r), revisions[i - 1].values, r.values) if i else []
        history.append(Revision(r, changes))
    return ReportDetails(report, definition, values, pdf, verification, match, history, ws.require_unit())


def decide(ws: Workspace, report_id: int, accept: bool, comment: str) -> Report:
    return feedback.decide(ws, report_id, accept, comment)


def export_feedback(ws: Workspace, folder: Path, unit_code: str | None) -> list[feedback.FeedbackExport]:
    return feedback.export_feedback(ws, folder, unit_code=unit_code)


# ---------------------------------------------------------------- consolidation and comparison


def received_periods(ws: Workspace) -> list[str]:
    rows = ws.db.execute(
        "SELECT DISTINCT period FROM reports WHERE origin = 'imported' AND form_id = ? ORDER BY period DESC",
        (FORM_ID,),
    ).fetchall()
    return [r[0] for r in rows]


def consolidate(ws: Workspace, period_code: str) -> list[ConsolidatedSection]:
    return review.consolidate(ws, period_code)


def write_xlsx(ws: Workspace, period_code: str, target: Path) -> Path:
    from reports.storage.store import parse_period

    review.write_xlsx(review.consolidate(ws, period_code), parse_period(period_code).label(), target)
    return target


def write_consolidated_pdf(ws: Workspace, period_code: str, target: Path) -> Path:
    from reports.documents import consolidated as consolidated_pdf

    return consolidated_pdf.write_consolidated_pdf(ws, period_code, target)


@dataclass(frozen=True)
class Indicator:
    field_id: str
    label: str
    unit: str


def indicators(ws: Workspace) -> list[Indicator]:
    """The numeric fields of the newest commune form."""
    versions = [d for d in ws.forms.list() if d.id == FORM_ID]
    if not versions:
        return []
    d = max(versions, key=lambda x: x.version)
    kinds = (FieldType.INTEGER, FieldType.DECIMAL, FieldType.PERCENTAGE, FieldType.SCORE)
    return [Indicator(f.id, f.label, f.unit) for f in d.iter_fields() if f.type in kinds]


@dataclass(frozen=True)
class Comparison:
    period: str
    field_id: str
    bars: list[tuple[str, float]]  # (commune name, value), largest first
    trend: list[tuple[str, float | None]]  # (period label, province total), oldest first


def comparison(ws: Workspace, period_code: str, field_id: str, periods: int = BOARD_PERIODS) -> Comparison:
    def column(sections: list[ConsolidatedSection]) -> tuple[list[tuple[str, float]], float | None]:
        for sec in sections:
            ids = [fid for fid, _, _ in sec.fields]
            if field_id in ids:
                i = ids.index(field_id)
                rows = [(name, float(v[i])) for _, name, v in sec.rows if isinstance(v[i], (int, float))]
                total = sec.totals[i]
                return rows, float(total) if isinstance(total, (int, float)) else None
        return [], None

    try:
        bars, _ = column(review.consolidate(ws, period_code))
    except UsageError:
        bars = []
    trend: list[tuple[str, float | None]] = []
    for p in board_periods(ws, periods):
        try:
            _, total = column(review.consolidate(ws, p.code))
        except UsageError:
            total = None
        trend.append((f"{p.index:02d}/{p.year}", total))
    return Comparison(period_code, field_id, sorted(bars, key=lambda b: -b[1]), trend)


# ---------------------------------------------------------------- trust


@dataclass(frozen=True)
class BoundCertificate:
    unit_code: str
    unit_name: str
    purpose: str
    fingerprint: str  # spaced, upper case, as read out by phone
    bound_at: str
    revoked_at: str | None


@dataclass(frozen=True)
class TrustState:
    certificates: list[BoundCertificate]
    roots: list[tuple[str, str]] = field(default_factory=list)  # (label, fingerprint)


def _spaced(fp: str) -> str:
    fp = fp.upper()
    return " ".join(fp[i : i + 4] for i in range(0, len(fp), 4))


def trust_state(ws: Workspace) -> TrustState:
    names = dict(review.expected_units(ws))
    rows = ws.db.execute(
        "SELECT unit_code, purpose, fingerprint, bound_at, revoked_at FROM bound_certificates"
        " ORDER BY unit_code, bound_at"
    ).fetchall()
    certs = [
        BoundCertificate(code, names.get(code, ""), purpose, _spaced(fp), bound, revoked)
        for code, purpose, fp, bound, revoked in rows
    ]
    roots = [
        (label, _spaced(fp))
        for label, fp in ws.db.execute(
            "SELECT label, fingerprint FROM trust_roots ORDER BY added_at"
        ).fetchall()
    ]
    return TrustState(certs, roots)


@dataclass(frozen=True)
class PackageSender:
    path: Path
    unit_code: str
    unit_name: str
    fingerprint: str
    already_bound: bool


def package_sender(ws: Workspace, path: Path) -> PackageSender:
    """Who sent a package and the fingerprint of its installation certificate (nothing bound)."""
    from reports.exchange.packages import read_package
    from reports.signing.keys import fingerprint_hex, format_fingerprint

    opened = read_package(path)
    sender = opened.manifest.sender
    fp = fingerprint_hex(opened.certificate)
    return PackageSender(
        Path(path),
        sender.unit_code,
        sender.unit_name,
        format_fingerprint(opened.certificate),
        fp in sync.bound_fingerprints(ws, sender.unit_code),
    )


def trust_package_sender(ws: Workspace, path: Path) -> sync.Binding:
    return sync.trust_package_sender(ws, path)


def revoke(ws: Workspace, unit_code: str, fingerprint: str) -> int:
    return sync.revoke(ws, unit_code, fingerprint)


def add_trust_root(ws: Workspace, path: Path) -> str:
    from reports.signing.keys import format_fingerprint

    return format_fingerprint(issuing.add_trust_root(ws, path))
