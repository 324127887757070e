"""The packages this installation wrote or received, the reports each carried, and what each
feedback package told a commune: so the same package is recognised when it comes again,
only our own packages go in the outbox, and a reviewer knows which communes have news.
"""

from __future__ import annotations

from collections.abc import Iterable

from reports.storage.database import Database


def record(
    db: Database,
    *,
    package_id: str,
    kind: str,
    direction: str,  # "in" | "out"
    sender_code: str,
    recipient_code: str,
    sha256: str,
    file_name: str,
    created_at: str,
    processed_at: str,
    source: str,
    report_count: int,
    report_uids: Iterable[str] = (),
) -> None:
    """One package, and the reports it carried. Inside the caller's transaction."""
    db.execute(
        "INSERT INTO packages (package_id, kind, direction, sender_code, recipient_code, sha256, file_name, created_at,"
        " processed_at, source, report_count) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        (package_id, kind, direction, sender_code, recipient_code, sha256, file_name, created_at, processed_at, source,
         report_count),
    )
    for uid in report_uids:
        db.execute("INSERT OR IGNORE INTO package_reports (package_id, report_uid) VALUES (?, ?)", (package_id, uid))


def sha256_of(db: Database, package_id: str) -> str | None:
    """The hash of the package recorded under ``package_id`` (either direction), if any."""
    row = db.execute("SELECT sha256 FROM packages WHERE package_id = ?", (package_id,)).fetchone()
    return str(row[0]) if row else None


def outgoing(db: Database, package_id: str) -> tuple[str, str | None] | None:
    """(sha256, file name) of a package this installation wrote, or None."""
    row = db.execute(
        "SELECT sha256, file_name FROM packages WHERE package_id = ? AND direction = 'out'", (package_id,)
    ).fetchone()
    return (str(row[0]), row[1]) if row else None


def periods_of(db: Database, package_id: str) -> list[str]:
    """The periods of the reports a package carried, in order."""
    rows = db.execute(
        "SELECT DISTINCT r.period FROM package_reports pr JOIN reports r ON r.uid = pr.report_uid"
        " WHERE pr.package_id = ? ORDER BY r.period",
        (package_id,),
    ).fetchall()
    return [r[0] for r in rows]


def record_feedback_items(db: Database, package_id: str, items: Iterable[tuple[str, str]]) -> None:
    """What a feedback package said of each report: (report uid, status)."""
    for uid, status in items:
        db.execute("INSERT INTO feedback_items (package_id, report_uid, status) VALUES (?,?,?)", (package_id, uid, status))


def units_with_news(db: Database) -> list[str]:
    """Communes with a received report whose current status no feedback package has told them."""
    rows = db.execute(
        """SELECT DISTINCT r.unit_code FROM reports r WHERE r.origin = 'imported' AND NOT EXISTS (
               SELECT 1 FROM feedback_items f WHERE f.report_uid = r.uid AND f.status = r.status)
           ORDER BY r.unit_code"""
    ).fetchall()
    return [r[0] for r in rows]


def local_reports_of(db: Database, package_id: str) -> list[int]:
    """The ids of this installation's own reports a package carried."""
    rows = db.execute(
        "SELECT r.id FROM package_reports pr JOIN reports r ON r.uid = pr.report_uid"
        " WHERE pr.package_id = ? AND r.origin = 'local' ORDER BY r.id",
        (package_id,),
    ).fetchall()
    return [int(r[0]) for r in rows]


def last_outgoing_with(db: Database, report_uid: str) -> str | None:
    """The newest package this installation wrote that carried the report."""
    row = db.execute(
        "SELECT p.package_id FROM package_reports pr JOIN packages p ON p.package_id = pr.package_id"
        " WHERE pr.report_uid = ? AND p.direction = 'out' ORDER BY p.created_at DESC LIMIT 1",
        (report_uid,),
    ).fetchone()
    return str(row[0]) if row else None
