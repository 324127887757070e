"""Numbered schema migrations (``MigrationSet``), one function each, each in its
own transaction. Never edit a released migration: add a new one. ``tests/fixtures/schema-N``
holds a database made by each version, and a test migrates every one to the newest.
"""

from __future__ import annotations

import sqlite3

from reports.storage.database import Database, NewerDatabaseError
from reports.storage.migration_set import MigrationSet

migrations = MigrationSet("cchc")


def _run(db: Database, script: str) -> None:
    """Run a script statement by statement. ``executescript`` would COMMIT the migration's
    transaction first (Python's sqlite3 does that), so a failed migration could not roll back."""
    pending = ""
    for chunk in script.split(";"):
        pending += chunk + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                db.execute(pending)
            pending = ""


@migrations()
def m001_initial(db: Database) -> None:
    _run(db,
        """
        CREATE TABLE unit (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            role TEXT NOT NULL CHECK (role IN ('commune', 'reviewer')),
            code TEXT NOT NULL,
            name TEXT NOT NULL,
            province_code TEXT NOT NULL DEFAULT '',
            province_name TEXT NOT NULL,
            reviewer_code TEXT NOT NULL DEFAULT '',
            reviewer_name TEXT NOT NULL DEFAULT '',
            place TEXT NOT NULL DEFAULT '',
            preparer_name TEXT NOT NULL DEFAULT '',
            preparer_title TEXT NOT NULL DEFAULT '',
            signer_name TEXT NOT NULL DEFAULT '',
            signer_title TEXT NOT NULL DEFAULT 'CHỦ TỊCH',
            signer_authority TEXT NOT NULL DEFAULT 'TM',
            doc_symbol TEXT NOT NULL DEFAULT 'BC-UBND',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE form_definitions (
            form_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            title TEXT NOT NULL,
            kind TEXT NOT NULL,
            source TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            installed_at TEXT NOT NULL,
            PRIMARY KEY (form_id, version)
        );
        CREATE TABLE reports (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            unit_code TEXT NOT NULL,
            unit_name TEXT NOT NULL DEFAULT '',
            form_id TEXT NOT NULL,
            form_version INTEGER NOT NULL,
            period TEXT NOT NULL,
            period_kind TEXT NOT NULL,
            revision INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1),
            status TEXT NOT NULL CHECK (status IN ('draft','final','signed','sent','accepted','returned')),
            values_json TEXT NOT NULL DEFAULT '{}',
            acks_json TEXT NOT NULL DEFAULT '{}',
            content_sha256 TEXT NOT NULL DEFAULT '',
            doc_number INTEGER,
            doc_year INTEGER,
            issued_on TEXT,
            signed_pdf BLOB,
            signed_pdf_sha256 TEXT,
            signer_cert_sha256 TEXT,
            supersedes INTEGER REFERENCES reports(id),
            origin TEXT NOT NULL DEFAULT 'local' CHECK (origin IN ('local', 'imported')),
            decision_comment TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            finalized_at TEXT,
            signed_at TEXT,
            sent_at TEXT,
            receipt_at TEXT,
            decided_at TEXT,
            FOREIGN KEY (form_id, form_version) REFERENCES form_definitions(form_id, version),
            UNIQUE (unit_code, form_id, period, revision)
        );
        CREATE INDEX reports_by_period ON reports(period, unit_code);
        CREATE INDEX reports_by_status ON reports(status);
        CREATE TABLE audit_log (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            report_id INTEGER,
            action TEXT NOT NULL,
            detail TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL UNIQUE
        );
        CREATE INDEX audit_by_report ON audit_log(report_id, seq);
        -- Append-only: history can be added to, never rewritten. (A determined person with the
        -- file can drop the triggers, and the hash chain still shows the edit.)
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
        CREATE TABLE doc_numbers (
            unit_code TEXT NOT NULL,
            year INTEGER NOT NULL,
            number INTEGER NOT NULL CHECK (number >= 1),
            report_id INTEGER NOT NULL REFERENCES reports(id),
            assigned_at TEXT NOT NULL,
            PRIMARY KEY (unit_code, year, number)
        );
        """
    )


@migrations()
def m002_sync(db: Database) -> None:
    """Sync packages: trusted commune installations, packages seen, trust roots."""
    _run(db,
        """
        CREATE TABLE bound_certificates (
            unit_code TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            cert_pem TEXT NOT NULL,
            purpose TEXT NOT NULL DEFAULT 'installation' CHECK (purpose IN ('installation', 'signer')),
            bound_at TEXT NOT NULL,
            revoked_at TEXT,
            PRIMARY KEY (unit_code, fingerprint)
        );
        CREATE TABLE trust_roots (
            fingerprint TEXT PRIMARY KEY,
            cert_pem TEXT NOT NULL,
            label TEXT NOT NULL,
            added_at TEXT NOT NULL
        );
        CREATE TABLE packages (
            package_id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
            sender_code TEXT NOT NULL,
            recipient_code TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            file_name TEXT NOT NULL,
            created_at TEXT NOT NULL,
            processed_at TEXT NOT NULL,
            source TEXT NOT NULL DEFAULT '',
            report_count INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE package_reports (
            package_id TEXT NOT NULL REFERENCES packages(package_id),
            report_uid TEXT NOT NULL,
            PRIMARY KEY (package_id, report_uid)
        );
        """
    )


@migrations()
def m003_feedback(db: Database) -> None:
    """What each feedback package told a commune, so the next one carries only news."""
    _run(
        db,
        """
        CREATE TABLE feedback_items (
            package_id TEXT NOT NULL REFERENCES packages(package_id),
            report_uid TEXT NOT NULL,
            status TEXT NOT NULL,
            PRIMARY KEY (package_id, report_uid)
        );
        CREATE INDEX feedback_items_by_report ON feedback_items(report_uid, status);
        """,
    )


def known_names() -> list[str]:
    return migrations.names()


def schema_version() -> int:
    return len(known_names())


def migrate(db: Database, path: str) -> list[str]:
    """Apply pending migrations; refuse a database that a newer program has migrated."""
    applied = migrations.applied(db)
    unknown = [n for n in applied if n not in known_names()]
    if unknown:
        raise NewerDatabaseError(path=path)
    pending = migrations.pending(db)
    if pending:
        migrations.apply(db)
        db.execute(f"PRAGMA user_version={schema_version()}")
    return pending


@migrations()
def m004_outbox(db: Database) -> None:
    """The outbox: packages waiting to leave, their attempts and leases (reports/outbox)."""
    _run(
        db,
        """
        CREATE TABLE outbox (
            package_id TEXT PRIMARY KEY REFERENCES packages(package_id),
            kind TEXT NOT NULL CHECK (kind IN ('submission', 'feedback')),
            sender_name TEXT NOT NULL DEFAULT '',
            recipient_code TEXT NOT NULL,
            recipient_name TEXT NOT NULL DEFAULT '',
            label TEXT NOT NULL DEFAULT '',
            file_name TEXT NOT NULL,
            data BLOB NOT NULL,
            sha256 TEXT NOT NULL,
            size INTEGER NOT NULL,
            state TEXT NOT NULL DEFAULT 'waiting'
                CHECK (state IN ('waiting', 'sending', 'sent', 'needs_attention', 'failed')),
            transport TEXT NOT NULL DEFAULT '',
            attempts INTEGER NOT NULL DEFAULT 0,
            failures INTEGER NOT NULL DEFAULT 0,
            last_error TEXT NOT NULL DEFAULT '',
            last_error_en TEXT NOT NULL DEFAULT '',
            last_error_code TEXT NOT NULL DEFAULT '',
            attention_stamp TEXT NOT NULL DEFAULT '',
            next_try_at TEXT,
            lease_owner TEXT,
            lease_until TEXT,
            remote_ref TEXT NOT NULL DEFAULT '',
            enqueued_at TEXT NOT NULL,
            last_try_at TEXT,
            sent_at TEXT
        );
        CREATE INDEX outbox_by_state ON outbox(state, next_try_at);
        CREATE TABLE outbox_meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE outbox_contacts (
            unit_code TEXT PRIMARY KEY,
            email TEXT NOT NULL,
            origin TEXT NOT NULL CHECK (origin IN ('manual', 'learned')),
            updated_at TEXT NOT NULL
        );
        """,
    )


# ------------------------------------------------------------------ issue 13: trust what the reviewer sees
# One function, so that renumbering it after a rebase (another migration landed first) means
# only changing its name.

_OLD_STATUS_CHECK = "CHECK (status IN ('draft','final','signed','sent','accepted','returned'))"
_NEW_STATUS_CHECK = "CHECK (status IN ('draft','final','signed','exported','sent','received','accepted','returned'))"


def _widen_status_check(db: Database) -> None:
    """Let the reports table hold the new statuses. SQLite cannot alter a CHECK constraint;
    its documented way for a change that leaves every stored row valid (sqlite.org/lang_altertable.html,
    "other kinds of table schema changes") is to edit the stored CREATE statement under
    writable_schema and bump schema_version, inside the migration's transaction."""
    sql = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'reports'").fetchone()[0]
    if _NEW_STATUS_CHECK in sql:
        return
    if _OLD_STATUS_CHECK not in sql:  # pragma: no cover - a schema this program never made
        raise RuntimeError("the reports table's status constraint is not the one this migration knows")
    version = db.execute("PRAGMA schema_version").fetchone()[0]
    db.execute("PRAGMA writable_schema = ON")
    try:
        db.execute(
            "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'reports'",
            (sql.replace(_OLD_STATUS_CHECK, _NEW_STATUS_CHECK),),
        )
        db.execute(f"PRAGMA schema_version = {int(version) + 1}")
    finally:
        db.execute("PRAGMA writable_schema = OFF")


@migrations()
def m005_trust(db: Database) -> None:
    """Statuses that tell the truth (exported, received), where each definition came from
    (built in, a province form, received from the reviewer), the reviewer's published
    working-day calendars, and when a report reached the reviewer (its arrival)."""
    _widen_status_check(db)
    # Definitions installed before this version: the shipped ones are built in. Others came
    # from the reviewer (at a commune) or, at a reviewer, from communes' packages: those keep
    # working for the reports made on them, but are not published unless the reviewer says so.
    from forms.heading import BUILTIN_DIR

    role = db.execute("SELECT role FROM unit").fetchone()
    other = "reviewer" if role is None or role[0] == "commune" else "commune"
    _run(
        db,
        f"""
        ALTER TABLE form_definitions ADD COLUMN origin TEXT NOT NULL DEFAULT 'builtin'
            CHECK (origin IN ('builtin', 'province', 'reviewer', 'commune'));
        ALTER TABLE form_definitions ADD COLUMN published_at TEXT;
        UPDATE form_definitions SET origin = '{other}';
        CREATE TABLE calendars (
            sha256 TEXT PRIMARY KEY,
            source TEXT NOT NULL,
            issued_on TEXT NOT NULL,
            origin TEXT NOT NULL CHECK (origin IN ('province', 'reviewer')),
            installed_at TEXT NOT NULL,
            published_at TEXT
        );
        ALTER TABLE reports ADD COLUMN arrived_at TEXT;
        ALTER TABLE reports ADD COLUMN arrival_source TEXT NOT NULL DEFAULT '';
        UPDATE reports SET arrived_at = created_at, arrival_source = 'import' WHERE origin = 'imported';
        CREATE INDEX reports_by_arrival ON reports(period, arrived_at);
        """,
    )
    import hashlib
    import unicodedata

    for path in sorted(BUILTIN_DIR.glob("*.toml")):
        text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        db.execute("UPDATE form_definitions SET origin = 'builtin' WHERE sha256 = ?", (digest,))


@migrations()
def m006_evidence(db: Database) -> None:
    """Evidence for the PAR index: files stored once by SHA-256 in the data folder, their
    links to a scoring report's sub-criteria (with the document's number, date, title and
    page), and the official's explanation (giải trình) per sub-criterion."""
    _run(
        db,
        """
        CREATE TABLE evidence_files (
            sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
            size INTEGER NOT NULL CHECK (size >= 0),
            media_type TEXT NOT NULL,
            signer TEXT,
            signed_at TEXT,
            stored_at TEXT NOT NULL
        );
        CREATE TABLE evidence (
            id INTEGER PRIMARY KEY,
            report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
            field TEXT NOT NULL,
            sha256 TEXT NOT NULL REFERENCES evidence_files(sha256),
            name TEXT NOT NULL,
            doc_number TEXT NOT NULL DEFAULT '',
            doc_date TEXT,
            title TEXT NOT NULL DEFAULT '',
            page TEXT NOT NULL DEFAULT '',
            source_report_uid TEXT,
            added_at TEXT NOT NULL,
            UNIQUE (report_id, field, sha256)
        );
        CREATE INDEX evidence_by_file ON evidence(sha256);
        CREATE TABLE explanations (
            report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
            field TEXT NOT NULL,
            text TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (report_id, field)
        );
        """,
    )


@migrations()
def m007_appraisal(db: Database) -> None:
    """The province's appraisal of the PAR index: appraised and survey points, the rounds
    (sent, deadline, locked), late explanations let in, and each commune's final result."""
    from reports.storage.appraisal import create_tables

    create_tables(db)
