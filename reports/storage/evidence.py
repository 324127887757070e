"""Evidence files and explanations of scoring reports: the rows, and the files by SHA-256.

A file is stored once, under ``evidence/<first two hex digits>/<sha256>`` in the data folder,
whatever its name and however many criteria it serves; a link ties it to one sub-criterion
of one report (revision) with the document's number, date, title and page. Links and
explanations change only while their report is a draft: the caller checks, this module
records (with an audit entry in the same transaction).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reports.files import write_atomic
from reports.storage.database import Database
from reports.storage.evidence_files import FileState


@dataclass(frozen=True)
class EvidenceItem:
    report_id: int
    field: str
    sha256: str
    name: str
    size: int
    media_type: str
    number: str = ""
    date: dt.date | None = None
    title: str = ""
    page: str = ""
    source_report_uid: str | None = None  # the commune's own report picked as evidence
    added_at: str = ""
    signer: str | None = None  # a signed PDF: who signed it (as read when it was added)
    signed_at: str | None = None  # and when (UTC ISO-8601)

    def as_json(self) -> dict[str, Any]:
        return {
            "field": self.field, "sha256": self.sha256, "name": self.name, "size": self.size,
            "media_type": self.media_type, "number": self.number,
            "date": self.date.isoformat() if self.date else None, "title": self.title, "page": self.page,
            "source_report_uid": self.source_report_uid, "signer": self.signer, "signed_at": self.signed_at,
        }


_ITEM_COLUMNS = (
    "e.report_id, e.field, e.sha256, e.name, f.size, f.media_type, e.doc_number, e.doc_date, e.title, e.page, "
    "e.source_report_uid, e.added_at, f.signer, f.signed_at"
)


def _item(r: tuple[Any, ...]) -> EvidenceItem:
    return EvidenceItem(
        report_id=r[0], field=r[1], sha256=r[2], name=r[3], size=r[4], media_type=r[5], number=r[6],
        date=dt.date.fromisoformat(r[7]) if r[7] else None, title=r[8], page=r[9], source_report_uid=r[10],
        added_at=r[11], signer=r[12], signed_at=r[13],
    )


class EvidenceStore:
    """The evidence rows of one installation's database and its file folder."""

    def __init__(self, db: Database, folder: Path, *, actor: str) -> None:
        self.db, self.folder, self.actor = db, Path(folder), actor

    # ------------------------------------------------------------ files

    def path(self, sha256: str) -> Path:
        return self.folder / sha256[:2] / sha256

    def has_file(self, sha256: str) -> bool:
        row = self.db.execute("SELECT 1 FROM evidence_files WHERE sha256 = ?", (sha256,)).fetchone()
        return row is not None

    def put_file(self, data: bytes, media_type: str, now: str, *, signer: str | None = None,
                 signed_at: str | None = None) -> str:
        """Store ``data`` once; a damaged copy on disk is replaced. Returns its SHA-256.
        The row is written in the caller's transaction; the file before it."""
        import hashlib  # loads OpenSSL (~4 ms): imported where a hash is made, not by the window's start

        digest = hashlib.sha256(data).hexdigest()
        target = self.path(digest)
        if self.file_state(digest) != "ok":
            write_atomic(target, data)
        self.db.execute(
            "INSERT OR IGNORE INTO evidence_files (sha256, size, media_type, signer, signed_at, stored_at)"
            " VALUES (?,?,?,?,?,?)",
            (digest, len(data), media_type, signer, signed_at, now),
        )
        return digest

    def read_file(self, sha256: str) -> bytes | None:
        """The file's bytes when present and matching its hash; None otherwise."""
        try:
            data = self.path(sha256).read_bytes()
        except OSError:
            return None
        import hashlib

        return data if hashlib.sha256(data).hexdigest() == sha256 else None

    def file_state(self, sha256: str) -> str:
        p = self.path(sha256)
        if not p.is_file():
            return "missing"
        import hashlib

        h = hashlib.sha256()
        with p.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        return "ok" if h.hexdigest() == sha256 else "damaged"

    def acknowledged(self) -> set[str]:
        """Files the reviewer holds: they came with a report it gave a receipt for (a commune)."""
        rows = self.db.execute(
            "SELECT DISTINCT e.sha256 FROM evidence e JOIN reports r ON r.id = e.report_id WHERE r.receipt_at IS NOT NULL"
        )
        return {r[0] for r in rows.fetchall()}

    def linked_files(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT DISTINCT sha256 FROM evidence ORDER BY sha256").fetchall()]

    def check_files(self, hashes: Iterable[str] | None = None) -> list[FileState]:
        """Every linked file (or those given) that is missing or damaged on disk."""
        out = []
        for sha in self.linked_files() if hashes is None else hashes:
            state = self.file_state(sha)
            if state != "ok":
                out.append(FileState(sha, self.path(sha), state))
        return out

    # ------------------------------------------------------------ links

    def items(self, report_id: int, field: str | None = None) -> list[EvidenceItem]:
        sql = f"SELECT {_ITEM_COLUMNS} FROM evidence e JOIN evidence_files f USING (sha256) WHERE e.report_id = ?"
        args: list[Any] = [report_id]
        if field is not None:
            sql += " AND e.field = ?"
            args.append(field)
        return [_item(r) for r in self.db.execute(sql + " ORDER BY e.field, e.id", args).fetchall()]

    def counts(self, report_id: int) -> dict[str, int]:
        rows = self.db.execute("SELECT field, COUNT(*) FROM evidence WHERE report_id = ? GROUP BY field", (report_id,))
        return {r[0]: int(r[1]) for r in rows.fetchall()}

    def link(self, item: EvidenceItem, now: str) -> bool:
        """Attach; False when the same file is already attached to the same criterion."""
        cur = self.db.execute(
            "INSERT OR IGNORE INTO evidence (report_id, field, sha256, name, doc_number, doc_date, title, page,"
            " source_report_uid, added_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (item.report_id, item.field, item.sha256, item.name, item.number,
             item.date.isoformat() if item.date else None, item.title, item.page, item.source_report_uid, now),
        )
        if cur.rowcount:
            _audit(self.db, at=now, actor=self.actor, report_id=item.report_id, action="evidence_add",
                         detail={"field": item.field, "sha256": item.sha256, "name": item.name})
        return bool(cur.rowcount)

    def unlink(self, report_id: int, field: str, sha256: str, now: str) -> bool:
        cur = self.db.execute(
            "DELETE FROM evidence WHERE report_id = ? AND field = ? AND sha256 = ?", (report_id, field, sha256)
        )
        if cur.rowcount:
            _audit(self.db, at=now, actor=self.actor, report_id=report_id, action="evidence_remove",
                         detail={"field": field, "sha256": sha256})
        return bool(cur.rowcount)

    # ------------------------------------------------------------ explanations

    def explanations(self, report_id: int) -> dict[str, str]:
        rows = self.db.execute("SELECT field, text FROM explanations WHERE report_id = ? ORDER BY field", (report_id,))
        return {r[0]: r[1] for r in rows.fetchall()}

    def set_explanation(self, report_id: int, field: str, text: str, now: str) -> None:
        """An empty text removes the explanation."""
        old = self.explanations(report_id).get(field, "")
        if old == text:
            return
        if text:
            self.db.execute(
                "INSERT INTO explanations (report_id, field, text, updated_at) VALUES (?,?,?,?)"
                " ON CONFLICT (report_id, field) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at",
                (report_id, field, text, now),
            )
        else:
            self.db.execute("DELETE FROM explanations WHERE report_id = ? AND field = ?", (report_id, field))
        _audit(self.db, at=now, actor=self.actor, report_id=report_id, action="explanation",
                     detail={"field": field, "text": [old, text]})

    def copy(self, from_report: int, to_report: int, now: str) -> None:
        """A new revision starts with the evidence and explanations of the one it amends."""
        self.db.execute(
            "INSERT OR IGNORE INTO evidence (report_id, field, sha256, name, doc_number, doc_date, title, page,"
            " source_report_uid, added_at) SELECT ?, field, sha256, name, doc_number, doc_date, title, page,"
            " source_report_uid, ? FROM evidence WHERE report_id = ?",
            (to_report, now, from_report),
        )
        self.db.execute(
            "INSERT OR IGNORE INTO explanations (report_id, field, text, updated_at)"
            " SELECT ?, field, text, ? FROM explanations WHERE report_id = ?",
            (to_report, now, from_report),
        )


def _audit(db: Database, *, at: str, actor: str, report_id: int | None, action: str, detail: dict[str, Any]) -> None:
    """The audit entry of a change to evidence (the audit module loads with the first change)."""
    from reports.storage import audit

    audit.append(db, at=at, actor=actor, report_id=report_id, action=action, detail=detail)


def iter_hashes(items: Iterable[EvidenceItem]) -> Iterator[str]:
    seen: set[str] = set()
    for it in items:
        if it.sha256 not in seen:
            seen.add(it.sha256)
            yield it.sha256
