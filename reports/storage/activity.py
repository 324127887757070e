"""When this installation last wrote something: the newest record it holds, by its own clock
(a save, an audit entry, a package made or received). The start-up clock check compares the
PC's clock with it."""

from __future__ import annotations

from reports.storage.database import Database


def newest_record(db: Database) -> str | None:
    """The newest UTC ISO-8601 time among reports, the audit log and packages; None when empty."""
    row = db.execute(
        "SELECT MAX(t) FROM (SELECT MAX(updated_at) AS t FROM reports UNION ALL SELECT MAX(at) FROM audit_log"
        " UNION ALL SELECT MAX(processed_at) FROM packages)"
    ).fetchone()
    return str(row[0]) if row and row[0] else None
