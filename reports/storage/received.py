"""What an installation has received: reports from communes as they arrived (stored here,
checked by ``exchange``), the reviewer's views of them (the newest revision of every imported
report by commune and period, the communes that sent anything, the periods on hand, the
packages that came in), and the receipts that come back for a commune's own reports.

Plain rows out, no decisions: whether a cell is late or missing is decided in
``reports.exchange.board``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from forms.periods import Period
from reports.storage.database import Database
from reports.storage.lifecycle import Status


class ReceivedCell(NamedTuple):
    """The newest revision a commune sent for one period of one form. A named tuple, not a
    frozen dataclass: a province's board makes 40,000 of them, at a third of the cost."""

    unit_code: str
    period: str  # Period.code
    revision: int
    status: str  # a Status value
    arrived_at: str | None  # UTC ISO-8601, when it reached us (never the commune's claim)
    report_id: int


@dataclass(frozen=True)
class IncomingPackage:
    """A package this installation received, and where it came from."""

    file_name: str
    kind: str
    sender_code: str
    received_at: str
    source: str


def newest_received(db: Database, form_id: str, periods: Sequence[str]) -> list[ReceivedCell]:
    """One row per (commune, period) among ``periods``: its highest revision."""
    if not periods:
        return []
    placeholders = ",".join("?" * len(periods))
    # One pass over the (form, period) index, later revisions overwriting earlier ones: the
    # whole board of 3,321 communes × 12 months is one query.
    rows = db.execute(
        f"SELECT unit_code, period, revision, status, COALESCE(arrived_at, created_at), id FROM reports"
        f" WHERE origin = 'imported' AND form_id = ? AND period IN ({placeholders})"
        f" ORDER BY unit_code, period, revision",
        [form_id, *periods],
    ).fetchall()
    newest: dict[tuple[str, str], tuple[str, str, int, str, str | None, int]] = {}
    for row in rows:
        newest[(row[0], row[1])] = row
    return [ReceivedCell._make(row) for row in newest.values()]


def sending_units(db: Database) -> list[tuple[str, str]]:
    """(code, name) of every unit that has sent us a report."""
    rows = db.execute("SELECT DISTINCT unit_code, unit_name FROM reports WHERE origin = 'imported'").fetchall()
    return [(code, name) for code, name in rows]


def first_periods(db: Database) -> list[tuple[str, str]]:
    """(unit code, period code): for every unit that sent us anything (any form), its earliest
    period of each kind. Within one kind period codes sort as the periods do."""
    rows = db.execute(
        "SELECT unit_code, MIN(period) FROM reports WHERE origin = 'imported' GROUP BY unit_code, period_kind"
    ).fetchall()
    return [(code, period) for code, period in rows]


def received_periods(db: Database, form_id: str) -> list[str]:
    """Period codes with at least one imported report of the form, newest first."""
    rows = db.execute(
        "SELECT DISTINCT period FROM reports WHERE origin = 'imported' AND form_id = ? ORDER BY period DESC",
        (form_id,),
    ).fetchall()
    return [r[0] for r in rows]


def incoming_packages(db: Database, limit: int = 200) -> list[IncomingPackage]:
    """The packages received, newest first."""
    rows = db.execute(
        "SELECT file_name, kind, sender_code, processed_at, source FROM packages"
        " WHERE direction = 'in' ORDER BY processed_at DESC, package_id LIMIT ?",
        (limit,),
    ).fetchall()
    return [IncomingPackage(*r) for r in rows]


def content_of(db: Database, uid: str) -> str | None:
    """The content hash of the report stored under ``uid``, if any."""
    row = db.execute("SELECT content_sha256 FROM reports WHERE uid = ?", (uid,)).fetchone()
    return str(row[0]) if row else None


def held_as(db: Database, uid: str) -> tuple[str, str | None] | None:
    """The content hash and the signed PDF's SHA-256 of the report stored under ``uid``, if any."""
    row = db.execute("SELECT content_sha256, signed_pdf_sha256 FROM reports WHERE uid = ?", (uid,)).fetchone()
    return (str(row[0]), row[1]) if row else None


def content_at(db: Database, unit_code: str, form_id: str, period: str, revision: int) -> str | None:
    """The content hash of the report stored at that place (unit, form, period, revision), if any."""
    row = db.execute(
        "SELECT content_sha256 FROM reports WHERE unit_code = ? AND form_id = ? AND period = ? AND revision = ?",
        (unit_code, form_id, period, revision),
    ).fetchone()
    return str(row[0]) if row else None


def insert_received(
    db: Database,
    data: Mapping[str, Any],
    *,
    unit_name: str,
    acks: Mapping[str, Any],
    pdf: bytes | None,
    signer_fingerprint: str | None,
    at: str,
    sent_at: str,
    status: Status = Status.SENT,
    arrived_at: str | None = None,
    arrival_source: str = "import",
) -> int:
    """Store a received report (``data`` as a package carries it, already checked); its id.
    ``sent_at`` is the commune's claim (its package's creation time); ``arrived_at`` when it
    reached this office (default ``at``), which lateness is judged by."""
    period = Period.parse(data["period"])
    pdf_sha = hashlib.sha256(pdf).hexdigest() if pdf is not None else None
    cur = db.execute(
        "INSERT INTO reports (uid, unit_code, unit_name, form_id, form_version, period, period_kind, revision, status,"
        " values_json, acks_json, content_sha256, doc_number, doc_year, issued_on, signed_pdf, signed_pdf_sha256,"
        " signer_cert_sha256, origin, created_at, updated_at, sent_at, signed_at, arrived_at, arrival_source)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,'imported',?,?,?,?,?,?)",
        (data["report_uid"], data["unit_code"], unit_name, data["form_id"],
         data["form_version"], data["period"], period.kind.value, data["revision"], status.value,
         json.dumps(data["values"], ensure_ascii=False, sort_keys=True),
         json.dumps(acks, ensure_ascii=False, sort_keys=True), data["content_sha256"], data.get("doc_number"),
         int(data["issued_on"][:4]) if data.get("issued_on") else None, data.get("issued_on"), pdf, pdf_sha,
         signer_fingerprint, at, at, sent_at, sent_at if pdf is not None else None, arrived_at or at,
         arrival_source),
    )
    return int(cur.lastrowid or 0)


def mark_receipt(db: Database, report_id: int, at: str) -> None:
    """The reviewer's receipt for one of our reports came back."""
    db.execute("UPDATE reports SET receipt_at = ? WHERE id = ?", (at, report_id))


def revisions_held(db: Database, unit_code: str, form_id: str, period: str) -> list[tuple[int, str | None]]:
    """(revision, arrival) of every revision of one report held here, lowest first."""
    rows = db.execute(
        "SELECT revision, COALESCE(arrived_at, created_at) FROM reports"
        " WHERE unit_code = ? AND form_id = ? AND period = ? ORDER BY revision",
        (unit_code, form_id, period),
    ).fetchall()
    return [(int(r[0]), r[1]) for r in rows]


def revisions_by_unit(db: Database, form_id: str, period: str) -> dict[str, list[int]]:
    """Unit code → the revisions of its report for one period held here, lowest first."""
    rows = db.execute(
        "SELECT unit_code, revision FROM reports WHERE origin = 'imported' AND form_id = ? AND period = ?"
        " ORDER BY unit_code, revision",
        (form_id, period),
    ).fetchall()
    out: dict[str, list[int]] = {}
    for code, revision in rows:
        out.setdefault(code, []).append(int(revision))
    return out
