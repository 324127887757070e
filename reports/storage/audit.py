"""The append-only audit log: every transition and every saved edit, chained by hashes.

Each entry stores the hash of the one before it, and its own hash covers its content and
that previous hash. Editing or deleting any row (the table's triggers refuse both, but a
person with the file could drop them) breaks the chain from that row on, which ``verify``
reports.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reports.storage.database import Database


GENESIS = "0" * 64


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: str
    actor: str
    report_id: int | None
    action: str
    detail: dict[str, Any]
    prev_hash: str
    hash: str


def _digest(prev_hash: str, at: str, actor: str, report_id: int | None, action: str, detail: str) -> str:
    import hashlib  # loads OpenSSL (~4 ms): imported where a hash is made, not by the window's start

    payload = json.dumps([prev_hash, at, actor, report_id, action, detail], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def append(
    db: Database, *, at: str, actor: str, report_id: int | None, action: str, detail: dict[str, Any]
) -> str:
    """Add one entry; call inside the transaction that makes the change it records."""
    row = db.execute("SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    prev = row[0] if row else GENESIS
    text = json.dumps(detail, ensure_ascii=False, sort_keys=True, default=str)
    digest = _digest(prev, at, actor, report_id, action, text)
    db.execute(
        "INSERT INTO audit_log (at, actor, report_id, action, detail, prev_hash, hash) VALUES (?,?,?,?,?,?,?)",
        (at, actor, report_id, action, text, prev, digest),
    )
    return digest


def entries(db: Database, report_id: int | None = None) -> list[AuditEntry]:
    sql = "SELECT seq, at, actor, report_id, action, detail, prev_hash, hash FROM audit_log"
    args: tuple[Any, ...] = ()
    if report_id is not None:
        sql += " WHERE report_id = ?"
        args = (report_id,)
    return [
        AuditEntry(r[0], r[1], r[2], r[3], r[4], json.loads(r[5]), r[6], r[7])
        for r in db.execute(sql + " ORDER BY seq", args).fetchall()
    ]


@dataclass(frozen=True)
class ChainCheck:
    ok: bool
    entries: int
    first_bad_seq: int | None = None


def verify(db: Database) -> ChainCheck:
    prev = GENESIS
    count = 0
    for seq, at, actor, report_id, action, detail, prev_hash, digest in db.execute(
        "SELECT seq, at, actor, report_id, action, detail, prev_hash, hash FROM audit_log ORDER BY seq"
    ):
        count += 1
        if prev_hash != prev or _digest(prev_hash, at, actor, report_id, action, detail) != digest:
            return ChainCheck(False, count, seq)
        prev = digest
    return ChainCheck(True, count)
