"""A stored report as the rest of the program sees it, and the pieces that read it from a row.

``Report`` is what the store returns; ``content_hash`` names what a report says independent
of where it is stored (exchange compares it to spot conflicts).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from forms.periods import Period, PeriodError
from reports.errors import CchcError
from reports.storage.lifecycle import Status


class BadPeriodError(CchcError):
    code = "period.invalid"
    vi = "Kỳ báo cáo “{text}” không đúng. Viết theo dạng 2026-11 (tháng), 2026-Q4 (quý), 2026-H1 (6 tháng), 2026-9M (9 tháng) hoặc 2026 (năm)."
    en = "Period “{text}” is not valid. Write 2026-11 (month), 2026-Q4 (quarter), 2026-H1 (six months), 2026-9M (nine months) or 2026 (year)."


def parse_period(text: str) -> Period:
    try:
        return Period.parse(text)
    except PeriodError:
        raise BadPeriodError(text=text) from None


@dataclass(frozen=True)
class Report:
    id: int
    uid: str
    unit_code: str
    unit_name: str
    form_id: str
    form_version: int
    period: Period
    revision: int
    status: Status
    values: dict[str, Any]
    acks: dict[str, str]
    created_at: str
    updated_at: str
    origin: str = "local"
    content_sha256: str = ""
    doc_number: int | None = None
    doc_year: int | None = None
    issued_on: dt.date | None = None
    signed_pdf_sha256: str | None = None
    signer_cert_sha256: str | None = None
    supersedes: int | None = None
    decision_comment: str = ""
    finalized_at: str | None = None
    signed_at: str | None = None
    sent_at: str | None = None
    receipt_at: str | None = None
    decided_at: str | None = None
    arrived_at: str | None = None  # a received report: when it reached this office (UTC ISO-8601)
    arrival_source: str = ""  # import / imap / webdav / folder / entered
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def form_key(self) -> str:
        return f"{self.form_id}@{self.form_version}"

    @property
    def editable(self) -> bool:
        return self.status is Status.DRAFT

    @property
    def submitted_at(self) -> str | None:
        """When the report counts as handed in: for a received report its arrival here (never
        the sender's clock), for our own the moment it was sent."""
        if self.origin == "imported":
            return self.arrived_at or self.created_at
        return self.sent_at

    @property
    def claimed_at(self) -> str | None:
        """A received report: when the commune's package says it was made (its clock's claim)."""
        return self.sent_at if self.origin == "imported" else None

    @property
    def clock_suspect(self) -> bool:
        """The commune's claimed time and the arrival differ by more than a day: its PC's clock
        may be wrong ("đồng hồ máy xã có thể sai"). Shown beside the report, never judged by."""
        if self.origin != "imported" or not self.sent_at or not self.submitted_at:
            return False
        claimed = dt.datetime.fromisoformat(self.sent_at.replace("Z", "+00:00"))
        arrived = dt.datetime.fromisoformat(self.submitted_at.replace("Z", "+00:00"))
        return abs(arrived - claimed) > CLOCK_TOLERANCE

    def summary(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "uid": self.uid,
            "unit_code": self.unit_code,
            "period": self.period.code,
            "form": self.form_id,
            "form_version": self.form_version,
            "revision": self.revision,
            "status": self.status.value,
            "doc_number": self.doc_number,
            "updated_at": self.updated_at,
            "sent_at": self.sent_at,
            "receipt_at": self.receipt_at,
            "arrived_at": self.arrived_at,
            "arrival_source": self.arrival_source or None,
            "clock_suspect": self.clock_suspect,
        }


CLOCK_TOLERANCE = dt.timedelta(days=1)

REPORT_COLUMNS = (
    "id, uid, unit_code, unit_name, form_id, form_version, period, revision, status, values_json, acks_json, "
    "created_at, updated_at, origin, content_sha256, doc_number, doc_year, issued_on, signed_pdf_sha256, "
    "signer_cert_sha256, supersedes, decision_comment, finalized_at, signed_at, sent_at, receipt_at, decided_at, "
    "arrived_at, arrival_source"
)


def report_columns(db: Any) -> str:
    """``REPORT_COLUMNS`` for this database: one a tool or test still holds at an older schema
    (before m005 added the arrival) reads NULL for the columns it lacks."""
    have = {row[1] for row in db.execute("PRAGMA table_info(reports)").fetchall()}
    if {"arrived_at", "arrival_source"} <= have:
        return REPORT_COLUMNS
    return REPORT_COLUMNS.replace("arrived_at, arrival_source", "NULL AS arrived_at, '' AS arrival_source")


def report_from_row(r: tuple[Any, ...]) -> Report:
    return Report(
        id=r[0], uid=r[1], unit_code=r[2], unit_name=r[3], form_id=r[4], form_version=r[5],
        period=Period.parse(r[6]), revision=r[7], status=Status(r[8]), values=json.loads(r[9]),
        acks=json.loads(r[10]), created_at=r[11], updated_at=r[12], origin=r[13], content_sha256=r[14],
        doc_number=r[15], doc_year=r[16], issued_on=dt.date.fromisoformat(r[17]) if r[17] else None,
        signed_pdf_sha256=r[18], signer_cert_sha256=r[19], supersedes=r[20], decision_comment=r[21],
        finalized_at=r[22], signed_at=r[23], sent_at=r[24], receipt_at=r[25], decided_at=r[26],
        arrived_at=r[27], arrival_source=r[28] or "",
    )


def content_hash(form_id: str, form_version: int, period: str, revision: int, values: Mapping[str, Any]) -> str:
    """What a report says, independent of where it is stored: used to spot conflicts."""
    import hashlib  # loads OpenSSL (~4 ms): imported where a hash is made, not by the window's start

    canonical = json.dumps(
        [form_id, form_version, period, revision, values], ensure_ascii=False, sort_keys=True, separators=(",", ":")
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def values_json(values: Mapping[str, Any]) -> str:
    return json.dumps(values, ensure_ascii=False, sort_keys=True)
