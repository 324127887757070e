"""The outbox table (the outbox itself is ``reports.outbox``): every package waiting to leave, and what became of it.

A row holds the package's bytes (a package is ~100 KB, and the user may delete or move the
exported file), its stored state, attempts, the last error in plain Vietnamese, the next try,
and a lease. The state a person sees is derived: a submission is "delivered" only once every
report in it has a receipt (``reports.receipt_at``, set when the reviewer's feedback package
is imported) — until then a sent package stays "đã gửi, chờ biên nhận".

Leases: a sender claims a row with one ``UPDATE … WHERE <still due>``; SQLite serialises
writers, so two senders (two windows, a window and ``cchc outbox send``) never both get it.
The lease has an expiry, so a row left "sending" by a killed process becomes due again once
the lease lapses.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from reports.clock import iso, parse_iso
from reports.errors import CchcError
from reports.storage.database import Database


class OutboxEntryNotFoundError(CchcError):
    code = "outbox.not_found"
    vi = "Không có gói “{package_id}” trong hộp thư đi. Xem danh sách: cchc outbox list"
    en = "No package “{package_id}” in the outbox. See the list: cchc outbox list"
    exit_code = 1


class OutboxState(StrEnum):
    WAITING = "waiting"
    SENDING = "sending"
    SENT = "sent"  # left this computer; a submission waits for its receipt
    DELIVERED = "delivered"  # derived: the receipt came back
    NEEDS_ATTENTION = "needs_attention"  # a person must act (password, settings); no automatic retry
    FAILED = "failed"  # can never go this way (too large); only "retry now"

    def label(self, lang: str = "vi", *, kind: str = "submission") -> str:
        if self is OutboxState.SENT and kind == "feedback":
            return "sent" if lang == "en" else "đã gửi"
        vi, en = _LABELS[self]
        return en if lang == "en" else vi


_LABELS = {
    OutboxState.WAITING: ("chờ gửi", "waiting"),
    OutboxState.SENDING: ("đang gửi", "sending"),
    OutboxState.SENT: ("đã gửi, chờ biên nhận", "sent, waiting for the receipt"),
    OutboxState.DELIVERED: ("đã có biên nhận", "receipt received"),
    OutboxState.NEEDS_ATTENTION: ("cần xử lý", "needs attention"),
    OutboxState.FAILED: ("không gửi được", "cannot be sent"),
}


@dataclass(frozen=True)
class OutboxEntry:
    package_id: str
    kind: str  # submission | feedback
    sender_name: str
    recipient_code: str
    recipient_name: str
    label: str  # the periods, e.g. "2026-11"
    file_name: str
    size: int
    sha256: str
    state: OutboxState  # what a person sees (derived)
    stored_state: str
    transport: str
    attempts: int
    failures: int
    last_error: str
    last_error_en: str
    last_error_code: str
    next_try_at: dt.datetime | None
    enqueued_at: dt.datetime
    last_try_at: dt.datetime | None
    sent_at: dt.datetime | None
    delivered_at: dt.datetime | None
    lease_owner: str | None
    lease_until: dt.datetime | None
    remote_ref: str

    @property
    def short_id(self) -> str:
        return self.package_id[:8]

    def state_label(self, lang: str = "vi") -> str:
        return self.state.label(lang, kind=self.kind)

    def error(self, lang: str = "vi") -> str:
        return self.last_error_en if lang == "en" else self.last_error

    def as_dict(self, lang: str = "vi") -> dict[str, Any]:
        def t(v: dt.datetime | None) -> str | None:
            return iso(v) if v else None

        return {
            "package_id": self.package_id, "kind": self.kind, "file_name": self.file_name, "size": self.size,
            "recipient_code": self.recipient_code, "recipient_name": self.recipient_name, "label": self.label,
            "state": self.state.value, "state_label": self.state_label(lang), "transport": self.transport,
            "attempts": self.attempts, "last_error": self.error(lang), "last_error_code": self.last_error_code,
            "next_try_at": t(self.next_try_at), "enqueued_at": t(self.enqueued_at), "last_try_at": t(self.last_try_at),
            "sent_at": t(self.sent_at), "delivered_at": t(self.delivered_at), "remote_ref": self.remote_ref,
        }


_COLUMNS = (
    "o.package_id, o.kind, o.sender_name, o.recipient_code, o.recipient_name, o.label, o.file_name, o.size, o.sha256,"
    " o.state, o.transport, o.attempts, o.failures, o.last_error, o.last_error_en, o.last_error_code, o.next_try_at,"
    " o.enqueued_at, o.last_try_at, o.sent_at, o.lease_owner, o.lease_until, o.remote_ref"
)
# The moment the last receipt for a submission came back, or NULL while any report in it
# has none (a package with no report rows is never "delivered").
_DELIVERED_AT = """CASE WHEN o.kind = 'submission'
        AND EXISTS (SELECT 1 FROM package_reports pr WHERE pr.package_id = o.package_id)
        AND NOT EXISTS (SELECT 1 FROM package_reports pr LEFT JOIN reports r ON r.uid = pr.report_uid
                        WHERE pr.package_id = o.package_id AND r.receipt_at IS NULL)
    THEN (SELECT MAX(r.receipt_at) FROM package_reports pr JOIN reports r ON r.uid = pr.report_uid
          WHERE pr.package_id = o.package_id) END"""
# Due now (:now) unless delivered: waiting and its time has come; "sending" under a lapsed
# lease (a killed process); needs attention but the settings or password changed (:stamp).
_DUE = f"""(({_DELIVERED_AT}) IS NULL) AND (
        (o.state = 'waiting' AND (o.next_try_at IS NULL OR o.next_try_at <= :now))
     OR (o.state = 'sending' AND (o.lease_until IS NULL OR o.lease_until <= :now))
     OR (o.state = 'needs_attention' AND o.attention_stamp != :stamp))"""


def _when(text: str | None) -> dt.datetime | None:
    return parse_iso(text) if text else None


def _row(r: tuple[Any, ...]) -> OutboxEntry:
    (package_id, kind, sender_name, recipient_code, recipient_name, label, file_name, size, sha256, stored, transport,
     attempts, failures, last_error, last_error_en, last_error_code, next_try_at, enqueued_at, last_try_at, sent_at,
     lease_owner, lease_until, remote_ref, delivered_at, now) = r
    if delivered_at:
        state = OutboxState.DELIVERED
    elif stored == "sending" and (lease_until is None or lease_until <= now):
        state = OutboxState.WAITING  # the sender was stopped mid-way; it will go again
    else:
        state = OutboxState(stored)
    enqueued = _when(enqueued_at)
    assert enqueued is not None
    return OutboxEntry(
        package_id, kind, sender_name, recipient_code, recipient_name, label, file_name, int(size), sha256, state, stored,
        transport, int(attempts), int(failures), last_error, last_error_en, last_error_code, _when(next_try_at), enqueued,
        _when(last_try_at), _when(sent_at), _when(delivered_at), lease_owner, _when(lease_until), remote_ref,
    )


class OutboxStore:
    """The outbox's rows. Every method is one short transaction; none talks to a network."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # ------------------------------------------------------------ reading

    def _select(self, where: str, params: dict[str, Any], now: dt.datetime, order: str = "o.enqueued_at, o.package_id") -> list[OutboxEntry]:
        sql = f"SELECT {_COLUMNS}, ({_DELIVERED_AT}) AS delivered_at, :now FROM outbox o WHERE {where} ORDER BY {order}"
        return [_row(r) for r in self.db.execute(sql, {**params, "now": iso(now)}).fetchall()]

    def entries(self, now: dt.datetime) -> list[OutboxEntry]:
        """Every package, newest first."""
        return self._select("1", {}, now, order="o.enqueued_at DESC, o.package_id")

    def get(self, package_id: str, now: dt.datetime) -> OutboxEntry:
        """By full id or by a unique prefix of it (the 8 characters in the file name)."""
        prefix = package_id.strip().lower()
        rows = self._select("o.package_id LIKE :p", {"p": prefix.replace("%", "").replace("_", "") + "%"}, now) if prefix else []
        if len(rows) != 1:
            exact = [r for r in rows if r.package_id == prefix]
            if len(exact) != 1:
                raise OutboxEntryNotFoundError(package_id=package_id)
            rows = exact
        return rows[0]

    def due(self, now: dt.datetime, stamp: str) -> list[OutboxEntry]:
        return self._select(_DUE, {"stamp": stamp}, now)

    def data(self, package_id: str) -> bytes:
        row = self.db.execute("SELECT data FROM outbox WHERE package_id = ?", (package_id,)).fetchone()
        if row is None:
            raise OutboxEntryNotFoundError(package_id=package_id)
        return bytes(row[0])

    def next_wake(self, now: dt.datetime, stamp: str) -> dt.datetime | None:
        """When a package next becomes due by itself (None: nothing will, until something changes)."""
        if self.due(now, stamp):
            return now
        row = self.db.execute(
            f"""SELECT MIN(t) FROM (
                  SELECT o.next_try_at AS t FROM outbox o WHERE o.state = 'waiting' AND ({_DELIVERED_AT}) IS NULL
                  UNION ALL
                  SELECT o.lease_until FROM outbox o WHERE o.state = 'sending' AND ({_DELIVERED_AT}) IS NULL)""",
        ).fetchone()
        return _when(row[0]) if row and row[0] else None

    def counts(self, now: dt.datetime) -> dict[OutboxState, int]:
        out = dict.fromkeys(OutboxState, 0)
        for e in self.entries(now):
            out[e.state] += 1
        return out

    # ------------------------------------------------------------ writing

    def add(self, *, package_id: str, kind: str, sender_name: str, recipient_code: str, recipient_name: str,
            label: str, file_name: str, data: bytes, now: dt.datetime) -> bool:
        """Put a package in the outbox; False when it is there already (adding twice is harmless)."""
        cur = self.db.execute(
            "INSERT OR IGNORE INTO outbox (package_id, kind, sender_name, recipient_code, recipient_name, label, file_name,"
            " data, sha256, size, enqueued_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (package_id, kind, sender_name, recipient_code, recipient_name, label, file_name, data,
             hashlib.sha256(data).hexdigest(), len(data), iso(now)),
        )
        return cur.rowcount == 1

    def claim(self, package_id: str, owner: str, now: dt.datetime, lease_until: dt.datetime, stamp: str,
              transport: str) -> bool:
        """Take the lease on a due package; False when it is not due any more (another sender has it)."""
        cur = self.db.execute(
            f"""UPDATE outbox SET state = 'sending', lease_owner = :owner, lease_until = :until, attempts = attempts + 1,
                    last_try_at = :now, transport = :transport
                WHERE package_id = :pid AND package_id IN (SELECT o.package_id FROM outbox o WHERE {_DUE})""",
            {"owner": owner, "until": iso(lease_until), "now": iso(now), "transport": transport, "pid": package_id,
             "stamp": stamp},
        )
        return cur.rowcount == 1

    def _release(self, package_id: str, owner: str, sets: str, params: dict[str, Any]) -> bool:
        cur = self.db.execute(
            f"UPDATE outbox SET lease_owner = NULL, lease_until = NULL, {sets} WHERE package_id = :pid AND lease_owner = :owner",
            {**params, "pid": package_id, "owner": owner},
        )
        return cur.rowcount == 1

    def mark_sent(self, package_id: str, owner: str, now: dt.datetime, remote_ref: str) -> bool:
        return self._release(
            package_id, owner,
            "state = 'sent', sent_at = :now, remote_ref = :ref, failures = 0, next_try_at = NULL,"
            " last_error = '', last_error_en = '', last_error_code = ''",
            {"now": iso(now), "ref": remote_ref},
        )

    def mark_retry(self, package_id: str, owner: str, error: CchcError, next_try: dt.datetime) -> bool:
        return self._release(package_id, owner, "state = 'waiting', failures = failures + 1, next_try_at = :next, " + _ERROR_SET,
                             {"next": iso(next_try), **_error_params(error)})

    def mark_attention(self, package_id: str, owner: str, error: CchcError, stamp: str) -> bool:
        return self._release(package_id, owner,
                             "state = 'needs_attention', attention_stamp = :stamp, next_try_at = NULL, " + _ERROR_SET,
                             {"stamp": stamp, **_error_params(error)})

    def mark_failed(self, package_id: str, owner: str, error: CchcError) -> bool:
        return self._release(package_id, owner, "state = 'failed', next_try_at = NULL, " + _ERROR_SET, _error_params(error))

    def set_aside(self, package_id: str, error: CchcError, now: dt.datetime, stamp: str) -> bool:
        """Needs attention without a try: the batch already hit this wall (a wrong password,
        no transport chosen). Only while the package is still due (not claimed meanwhile)."""
        return self._update_due(package_id, now, stamp,
                                "state = 'needs_attention', attention_stamp = :stamp, next_try_at = NULL, "
                                "lease_owner = NULL, lease_until = NULL, " + _ERROR_SET, _error_params(error))

    def note_offline(self, package_id: str, error: CchcError, now: dt.datetime, stamp: str,
                     next_try: dt.datetime) -> bool:
        """The connectivity check failed before any try: no attempt is counted, the back-off grows."""
        return self._update_due(package_id, now, stamp,
                                "state = 'waiting', failures = failures + 1, next_try_at = :next, "
                                "lease_owner = NULL, lease_until = NULL, " + _ERROR_SET,
                                {"next": iso(next_try), **_error_params(error)})

    def _update_due(self, package_id: str, now: dt.datetime, stamp: str, sets: str, params: dict[str, Any]) -> bool:
        cur = self.db.execute(
            f"UPDATE outbox SET {sets} WHERE package_id = :pid"
            f" AND package_id IN (SELECT o.package_id FROM outbox o WHERE {_DUE})",
            {**params, "pid": package_id, "now": iso(now), "stamp": stamp},
        )
        return cur.rowcount == 1

    def retry_now(self, package_id: str, now: dt.datetime) -> OutboxEntry:
        """"Gửi lại ngay": due at once, back-off forgotten. A package being sent right now is left alone."""
        entry = self.get(package_id, now)
        self.db.execute(
            "UPDATE outbox SET state = 'waiting', next_try_at = NULL, failures = 0, attention_stamp = '',"
            " lease_owner = NULL, lease_until = NULL"
            " WHERE package_id = :pid AND (state != 'sending' OR lease_until IS NULL OR lease_until <= :now)",
            {"pid": entry.package_id, "now": iso(now)},
        )
        return self.get(entry.package_id, now)

    def wake_offline(self, offline_codes: Sequence[str]) -> int:
        """The network is back (the OS said so): packages that were only waiting for it (their
        last error one of ``offline_codes``) are due at once instead of at the end of their
        back-off. Server errors keep theirs."""
        marks = ", ".join("?" for _ in offline_codes)
        cur = self.db.execute(
            f"UPDATE outbox SET next_try_at = NULL WHERE state = 'waiting' AND last_error_code IN ({marks})",
            tuple(offline_codes),
        )
        return int(cur.rowcount)

    def remove(self, package_id: str, now: dt.datetime) -> None:
        entry = self.get(package_id, now)
        self.db.execute("DELETE FROM outbox WHERE package_id = ?", (entry.package_id,))

    # ------------------------------------------------------------ small records: versions, cursors, addresses

    def meta(self, key: str, default: str = "") -> str:
        row = self.db.execute("SELECT value FROM outbox_meta WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else default

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT INTO outbox_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                        (key, value))

    def bump(self, key: str) -> None:
        self.set_meta(key, str(int(self.meta(key, "0") or 0) + 1))

    def contact(self, unit_code: str) -> str | None:
        row = self.db.execute("SELECT email FROM outbox_contacts WHERE unit_code = ?", (unit_code,)).fetchone()
        return str(row[0]) if row else None

    def contacts(self) -> Iterator[tuple[str, str, str]]:
        yield from self.db.execute("SELECT unit_code, email, origin FROM outbox_contacts ORDER BY unit_code").fetchall()

    def set_contact(self, unit_code: str, email: str, now: dt.datetime, *, learned: bool = False) -> bool:
        """A commune's address for feedback by e-mail. An address is learned (from the From of
        a genuine package of that commune) only while none is known: a forged From on a
        forwarded package must not redirect a commune's feedback. A typed address always wins."""
        current = self.db.execute("SELECT email FROM outbox_contacts WHERE unit_code = ?", (unit_code,)).fetchone()
        if current is not None and (current[0] == email or learned):
            return False
        self.db.execute(
            "INSERT INTO outbox_contacts (unit_code, email, origin, updated_at) VALUES (?,?,?,?) ON CONFLICT(unit_code)"
            " DO UPDATE SET email = excluded.email, origin = excluded.origin, updated_at = excluded.updated_at",
            (unit_code, email, "learned" if learned else "manual", iso(now)),
        )
        self.bump("contacts_version")
        return True


_ERROR_SET = "last_error = :err_vi, last_error_en = :err_en, last_error_code = :err_code"


def _error_params(error: CchcError) -> dict[str, str]:
    return {"err_vi": error.message("vi"), "err_en": error.message("en"), "err_code": error.code}
