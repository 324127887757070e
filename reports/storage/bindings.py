"""Who this installation trusts: certificates bound to a unit (the installation key that
signs its packages, or a signer's key), and root certificates the user added for verifying
PDFs. Plain rows in and out; checking and auditing are the callers' (``exchange.sync``,
``documents.issuing``), inside their transactions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reports.storage.database import Database


@dataclass(frozen=True)
class BoundCertificateRow:
    unit_code: str
    purpose: str
    fingerprint: str  # hex, as stored
    bound_at: str
    revoked_at: str | None


def bound_certificates(db: Database) -> list[BoundCertificateRow]:
    rows = db.execute(
        "SELECT unit_code, purpose, fingerprint, bound_at, revoked_at FROM bound_certificates"
        " ORDER BY unit_code, bound_at"
    ).fetchall()
    return [BoundCertificateRow(*r) for r in rows]


def trust_roots(db: Database) -> list[tuple[str, str]]:
    """(label, hex fingerprint) of every root added, oldest first."""
    rows = db.execute("SELECT label, fingerprint FROM trust_roots ORDER BY added_at").fetchall()
    return [(label, fp) for label, fp in rows]


def trust_roots_added(db: Database) -> list[tuple[str, str, str]]:
    """(hex fingerprint, label, added at) of every root the user added, oldest first."""
    rows = db.execute("SELECT fingerprint, label, added_at FROM trust_roots ORDER BY added_at").fetchall()
    return [(fp, label, added) for fp, label, added in rows]


def installation_fingerprints(db: Database, unit_code: str) -> list[str]:
    """The fingerprints of the installation certificates bound to ``unit_code`` and not revoked."""
    rows = db.execute(
        "SELECT fingerprint FROM bound_certificates WHERE unit_code = ? AND purpose = 'installation' AND revoked_at IS NULL",
        (unit_code,),
    ).fetchall()
    return [r[0] for r in rows]


def unit_bound_to(db: Database, fingerprint: str) -> str | None:
    """The unit an installation certificate is bound to (not revoked), if any."""
    row = db.execute(
        "SELECT unit_code FROM bound_certificates WHERE fingerprint = ? AND purpose = 'installation' AND revoked_at IS NULL",
        (fingerprint,),
    ).fetchone()
    return row[0] if row else None


def bind(db: Database, *, unit_code: str, fingerprint: str, cert_pem: str, purpose: str, at: str) -> None:
    """Bind a certificate to a unit; binding a revoked one again makes it current."""
    db.execute(
        "INSERT INTO bound_certificates (unit_code, fingerprint, cert_pem, purpose, bound_at) VALUES (?,?,?,?,?) "
        "ON CONFLICT(unit_code, fingerprint) DO UPDATE SET revoked_at = NULL",
        (unit_code, fingerprint, cert_pem, purpose, at),
    )


def revoke(db: Database, *, unit_code: str, fingerprint: str | None, at: str) -> int:
    """Revoke the unit's current bindings (only ``fingerprint``'s when given); how many."""
    sql = "UPDATE bound_certificates SET revoked_at = ? WHERE unit_code = ? AND revoked_at IS NULL"
    args: list[Any] = [at, unit_code]
    if fingerprint:
        sql += " AND fingerprint = ?"
        args.append(fingerprint)
    return int(db.execute(sql, args).rowcount)


def signer_certificates(db: Database) -> list[str]:
    """PEM of the signer certificates bound to units and not revoked (the reviewer's roots)."""
    rows = db.execute(
        "SELECT cert_pem FROM bound_certificates WHERE purpose = 'signer' AND revoked_at IS NULL"
    ).fetchall()
    return [r[0] for r in rows]


def trust_root_pems(db: Database) -> list[str]:
    return [r[0] for r in db.execute("SELECT cert_pem FROM trust_roots").fetchall()]


def add_trust_root(db: Database, *, fingerprint: str, cert_pem: str, label: str, at: str) -> None:
    """Add a root (adding one already there changes nothing)."""
    db.execute(
        "INSERT OR IGNORE INTO trust_roots (fingerprint, cert_pem, label, added_at) VALUES (?,?,?,?)",
        (fingerprint, cert_pem, label, at),
    )
