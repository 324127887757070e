"""Listing who this installation trusts: the installation certificates bound to units, and
the root certificates added for verifying signatures."""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils


@dataclass(frozen=True)
class BoundCertificateRow:
    unit_code: str
    purpose: str
    fingerprint: str  # hex, as stored
    bound_at: str
    revoked_at: str | None


def bound_certificates(db: sqlite_utils.Database) -> list[BoundCertificateRow]:
    rows = db.execute(
        "SELECT unit_code, purpose, fingerprint, bound_at, revoked_at FROM bound_certificates"
        " ORDER BY unit_code, bound_at"
    ).fetchall()
    return [BoundCertificateRow(*r) for r in rows]


def trust_roots(db: sqlite_utils.Database) -> list[tuple[str, str]]:
    """(label, hex fingerprint) of every root added, oldest first."""
    rows = db.execute("SELECT label, fingerprint FROM trust_roots ORDER BY added_at").fetchall()
    return [(label, fp) for label, fp in rows]


def trust_roots_added(db: sqlite_utils.Database) -> list[tuple[str, str, str]]:
    """(hex fingerprint, label, added at) of every root the user added, oldest first."""
    rows = db.execute("SELECT fingerprint, label, added_at FROM trust_roots ORDER BY added_at").fetchall()
    return [(fp, label, added) for fp, label, added in rows]
