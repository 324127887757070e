"""What a reviewer's installation has received, as the reviewer's views read it: the newest
revision of every imported report by commune and period, the communes that sent anything,
the periods on hand, and the packages that came in.

Plain rows out, no decisions: whether a cell is late or missing is decided in
``reports.exchange.board``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import sqlite_utils


@dataclass(frozen=True)
class ReceivedCell:
    """The newest revision a commune sent for one period of one form."""

    unit_code: str
    period: str  # Period.code
    revision: int
    status: str  # a Status value
    sent_at: str | None  # UTC ISO-8601, when it reached us
    report_id: int


@dataclass(frozen=True)
class IncomingPackage:
    """A package this installation received, and where it came from."""

    file_name: str
    kind: str
    sender_code: str
    received_at: str
    source: str


def newest_received(db: sqlite_utils.Database, form_id: str, periods: Sequence[str]) -> list[ReceivedCell]:
    """One row per (commune, period) among ``periods``: its highest revision."""
    if not periods:
        return []
    placeholders = ",".join("?" * len(periods))
    # One pass over the (form, period) index, later revisions overwriting earlier ones: the
    # whole board of 3,321 communes × 12 months is one query.
    rows = db.execute(
        f"SELECT unit_code, period, revision, status, sent_at, id FROM reports"
        f" WHERE origin = 'imported' AND form_id = ? AND period IN ({placeholders})"
        f" ORDER BY unit_code, period, revision",
        [form_id, *periods],
    ).fetchall()
    newest: dict[tuple[str, str], ReceivedCell] = {}
    for code, period, revision, status, sent_at, rid in rows:
        newest[(code, period)] = ReceivedCell(code, period, revision, status, sent_at, rid)
    return list(newest.values())


def sending_units(db: sqlite_utils.Database) -> list[tuple[str, str]]:
    """(code, name) of every unit that has sent us a report."""
    rows = db.execute("SELECT DISTINCT unit_code, unit_name FROM reports WHERE origin = 'imported'").fetchall()
    return [(code, name) for code, name in rows]


def received_periods(db: sqlite_utils.Database, form_id: str) -> list[str]:
    """Period codes with at least one imported report of the form, newest first."""
    rows = db.execute(
        "SELECT DISTINCT period FROM reports WHERE origin = 'imported' AND form_id = ? ORDER BY period DESC",
        (form_id,),
    ).fetchall()
    return [r[0] for r in rows]


def incoming_packages(db: sqlite_utils.Database, limit: int = 200) -> list[IncomingPackage]:
    """The packages received, newest first."""
    rows = db.execute(
        "SELECT file_name, kind, sender_code, processed_at, source FROM packages"
        " WHERE direction = 'in' ORDER BY processed_at DESC, package_id LIMIT ?",
        (limit,),
    ).fetchall()
    return [IncomingPackage(*r) for r in rows]
