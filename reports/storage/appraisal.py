"""The appraisal of the PAR index as stored: appraised and survey points per commune and
sub-criterion, the rounds (when the result was sent, the explanation deadline, when the
scores were locked), late explanations the reviewer let in, and each commune's final result.

The same tables serve both sides: the reviewer writes them as it appraises; a commune
receives its own rows in feedback. Plain rows in and out; the rules live in
``reports.appraisal``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from reports.storage.database import Database

SCHEMA = """
CREATE TABLE appraisal_scores (
    unit_code TEXT NOT NULL,
    form_id TEXT NOT NULL,
    period TEXT NOT NULL,
    field_id TEXT NOT NULL,
    points REAL NOT NULL CHECK (points >= 0),
    self_points REAL,
    reason TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL CHECK (source IN ('appraisal', 'agreed', 'survey')),
    appraiser TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (unit_code, form_id, period, field_id)
);
CREATE TABLE appraisal_rounds (
    form_id TEXT NOT NULL,
    period TEXT NOT NULL,
    deadline TEXT,
    sent_at TEXT,
    finalised_at TEXT,
    revision INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (form_id, period)
);
CREATE TABLE appraisal_late_accepted (
    report_uid TEXT PRIMARY KEY,
    accepted_at TEXT NOT NULL,
    actor TEXT NOT NULL
);
CREATE TABLE appraisal_results (
    unit_code TEXT NOT NULL,
    form_id TEXT NOT NULL,
    period TEXT NOT NULL,
    score REAL NOT NULL,
    rank INTEGER,
    of_units INTEGER,
    class_code TEXT NOT NULL DEFAULT '',
    class_label TEXT NOT NULL DEFAULT '',
    areas TEXT NOT NULL DEFAULT '{}',
    finalised_at TEXT NOT NULL,
    PRIMARY KEY (unit_code, form_id, period)
);
"""


@dataclass(frozen=True)
class AppraisedPoints:
    unit_code: str
    field_id: str
    points: float
    self_points: float | None
    reason: str
    source: str  # appraisal | agreed | survey
    appraiser: str
    updated_at: str


@dataclass(frozen=True)
class Round:
    form_id: str
    period: str
    deadline: str | None  # ISO date
    sent_at: str | None
    finalised_at: str | None
    revision: int

    @property
    def locked(self) -> bool:
        return self.finalised_at is not None


@dataclass(frozen=True)
class StoredResult:
    unit_code: str
    score: float
    rank: int | None
    of_units: int | None
    class_code: str
    class_label: str
    areas: dict[str, float]
    finalised_at: str


def create_tables(db: Database) -> None:
    """Called by the migration that adds the appraisal."""
    for statement in SCHEMA.split(";"):
        if statement.strip():
            db.execute(statement)


def points_for(db: Database, form_id: str, period: str, unit_codes: Sequence[str] | None = None
               ) -> dict[str, dict[str, AppraisedPoints]]:
    """unit code → field id → what the province set."""
    sql = ("SELECT unit_code, field_id, points, self_points, reason, source, appraiser, updated_at"
           " FROM appraisal_scores WHERE form_id = ? AND period = ?")
    args: list[Any] = [form_id, period]
    if unit_codes is not None:
        sql += f" AND unit_code IN ({','.join('?' * len(unit_codes))})"
        args += list(unit_codes)
    out: dict[str, dict[str, AppraisedPoints]] = {}
    for row in db.execute(sql, args).fetchall():
        out.setdefault(row[0], {})[row[1]] = AppraisedPoints(*row)
    return out


def points_only(db: Database, form_id: str, period: str) -> dict[str, dict[str, float]]:
    """unit code → field id → points: all a ranking needs, read in one pass."""
    out: dict[str, dict[str, float]] = {}
    for unit, fid, points in db.execute(
        "SELECT unit_code, field_id, points FROM appraisal_scores WHERE form_id = ? AND period = ?", (form_id, period)
    ).fetchall():
        out.setdefault(unit, {})[fid] = points
    return out


def set_points(db: Database, form_id: str, period: str, rows: Iterable[AppraisedPoints]) -> None:
    db.conn.executemany(
        "INSERT INTO appraisal_scores (unit_code, form_id, period, field_id, points, self_points, reason, source,"
        " appraiser, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT (unit_code, form_id, period, field_id)"
        " DO UPDATE SET points = excluded.points, self_points = excluded.self_points, reason = excluded.reason,"
        " source = excluded.source, appraiser = excluded.appraiser, updated_at = excluded.updated_at",
        [(r.unit_code, form_id, period, r.field_id, r.points, r.self_points, r.reason, r.source, r.appraiser,
          r.updated_at) for r in rows],
    )


def replace_unit_points(db: Database, unit_code: str, form_id: str, period: str,
                        rows: Iterable[AppraisedPoints]) -> None:
    """A commune's copy of what the province sent: the whole set, replacing the previous one."""
    db.execute("DELETE FROM appraisal_scores WHERE unit_code = ? AND form_id = ? AND period = ?",
               (unit_code, form_id, period))
    set_points(db, form_id, period, rows)


def get_round(db: Database, form_id: str, period: str) -> Round | None:
    row = db.execute("SELECT form_id, period, deadline, sent_at, finalised_at, revision FROM appraisal_rounds"
                     " WHERE form_id = ? AND period = ?", (form_id, period)).fetchone()
    return Round(*row) if row else None


def save_round(db: Database, r: Round) -> None:
    db.execute(
        "INSERT INTO appraisal_rounds (form_id, period, deadline, sent_at, finalised_at, revision) VALUES (?,?,?,?,?,?)"
        " ON CONFLICT (form_id, period) DO UPDATE SET deadline = excluded.deadline, sent_at = excluded.sent_at,"
        " finalised_at = excluded.finalised_at, revision = excluded.revision",
        (r.form_id, r.period, r.deadline, r.sent_at, r.finalised_at, r.revision),
    )


def rounds(db: Database) -> list[Round]:
    rows = db.execute("SELECT form_id, period, deadline, sent_at, finalised_at, revision FROM appraisal_rounds"
                      " ORDER BY period DESC, form_id").fetchall()
    return [Round(*r) for r in rows]


def accept_late(db: Database, report_uid: str, at: str, actor: str) -> None:
    db.execute("INSERT OR IGNORE INTO appraisal_late_accepted (report_uid, accepted_at, actor) VALUES (?,?,?)",
               (report_uid, at, actor))


def late_accepted(db: Database) -> set[str]:
    return {r[0] for r in db.execute("SELECT report_uid FROM appraisal_late_accepted").fetchall()}


def save_results(db: Database, form_id: str, period: str, results: Iterable[StoredResult]) -> None:
    db.conn.executemany(
        "INSERT INTO appraisal_results (unit_code, form_id, period, score, rank, of_units, class_code, class_label,"
        " areas, finalised_at) VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT (unit_code, form_id, period) DO UPDATE SET"
        " score = excluded.score, rank = excluded.rank, of_units = excluded.of_units, class_code = excluded.class_code,"
        " class_label = excluded.class_label, areas = excluded.areas, finalised_at = excluded.finalised_at",
        [(r.unit_code, form_id, period, r.score, r.rank, r.of_units, r.class_code, r.class_label,
          json.dumps(r.areas, sort_keys=True), r.finalised_at) for r in results],
    )


def results_for(db: Database, form_id: str, period: str) -> dict[str, StoredResult]:
    rows = db.execute("SELECT unit_code, score, rank, of_units, class_code, class_label, areas, finalised_at"
                      " FROM appraisal_results WHERE form_id = ? AND period = ?", (form_id, period)).fetchall()
    return {r[0]: StoredResult(r[0], r[1], r[2], r[3], r[4], r[5], json.loads(r[6]), r[7]) for r in rows}


@dataclass(frozen=True)
class ScoringRow:
    """One received revision of a commune's scoring report, as the appraisal reads it."""

    report_id: int
    uid: str
    unit_code: str
    unit_name: str
    form_version: int
    revision: int
    values: dict[str, Any]
    arrived_at: str | None
    created_at: str


def received_scoring(db: Database, form_id: str, period: str,
                     unit_code: str | None = None) -> list[ScoringRow]:
    """Every received revision of the period's scoring reports, by commune then revision —
    one query, so ranking a whole province reads the table once."""
    sql = ("SELECT id, uid, unit_code, unit_name, form_version, revision, values_json, arrived_at, created_at"
           " FROM reports WHERE origin = 'imported' AND form_id = ? AND period = ? AND status != 'draft'")
    args: list[Any] = [form_id, period]
    if unit_code is not None:
        sql += " AND unit_code = ?"
        args.append(unit_code)
    rows = db.execute(sql + " ORDER BY unit_code, revision", args).fetchall()
    return [ScoringRow(r[0], r[1], r[2], r[3], r[4], r[5], json.loads(r[6] or "{}"), r[7], r[8]) for r in rows]


def scoring_periods(db: Database, form_ids: Sequence[str]) -> list[tuple[str, str]]:
    """(form id, period) pairs for which scoring reports were received, newest period first."""
    if not form_ids:
        return []
    rows = db.execute(
        f"SELECT DISTINCT form_id, period FROM reports WHERE origin = 'imported' AND form_id IN ({','.join('?' * len(form_ids))})"
        " ORDER BY period DESC, form_id", list(form_ids)).fetchall()
    return [(r[0], r[1]) for r in rows]
