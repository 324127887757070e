"""A report's lifecycle: draft → final → signed → exported → sent → received → accepted | returned.

"Exported" means the package was written (to a folder, a USB stick, the outbox) but has not
left the office; it becomes "sent" when the outbox delivered it or the official confirms the
hand-over, and "received" when the reviewer's receipt comes back. A receipt or a decision may
arrive before anyone confirmed the hand-over, so those steps may be skipped.

Only a draft is editable. A final report can be reopened as a draft while nobody has signed
it. Signed content is immutable: a change after signing, or a returned report, becomes a new
revision that starts as a draft and keeps the old one.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any

from reports.errors import CchcError

if TYPE_CHECKING:
    from reports.storage.database import Database


class Status(StrEnum):
    DRAFT = "draft"
    FINAL = "final"
    SIGNED = "signed"
    EXPORTED = "exported"  # written to a package, waiting to leave
    SENT = "sent"
    RECEIVED = "received"  # the reviewer's receipt came back
    ACCEPTED = "accepted"
    RETURNED = "returned"

    @property
    def label_vi(self) -> str:
        return STATUS_LABELS[self][0]

    @property
    def label_en(self) -> str:
        return STATUS_LABELS[self][1]


STATUS_LABELS = {
    Status.DRAFT: ("Đang soạn", "Draft"),
    Status.FINAL: ("Đã hoàn thành", "Final"),
    Status.SIGNED: ("Đã ký số", "Signed"),
    Status.EXPORTED: ("Đã xuất gói, chờ gửi", "Exported, waiting to be sent"),
    Status.SENT: ("Đã gửi", "Sent"),
    Status.RECEIVED: ("Sở đã nhận", "Received by the reviewer"),
    Status.ACCEPTED: ("Đã chấp nhận", "Accepted"),
    Status.RETURNED: ("Bị trả lại", "Returned"),
}

TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.DRAFT: frozenset({Status.FINAL}),
    Status.FINAL: frozenset({Status.DRAFT, Status.SIGNED, Status.EXPORTED, Status.SENT}),
    Status.SIGNED: frozenset({Status.EXPORTED, Status.SENT}),
    Status.EXPORTED: frozenset({Status.SENT, Status.RECEIVED, Status.ACCEPTED, Status.RETURNED}),
    Status.SENT: frozenset({Status.RECEIVED, Status.ACCEPTED, Status.RETURNED}),
    Status.RECEIVED: frozenset({Status.ACCEPTED, Status.RETURNED}),
    Status.ACCEPTED: frozenset(),
    Status.RETURNED: frozenset(),
}

# A new revision may be made from these (the old one stays as it is).
AMENDABLE = frozenset({Status.FINAL, Status.SIGNED, Status.EXPORTED, Status.SENT, Status.RECEIVED, Status.ACCEPTED,
                       Status.RETURNED})
# Handed to the reviewer, or about to be: what the commune may still send again.
OUTGOING = frozenset({Status.EXPORTED, Status.SENT, Status.RECEIVED})


class IllegalTransitionError(CchcError):
    code = "report.illegal_transition"
    vi = "Báo cáo đang ở trạng thái “{current}”, không thể chuyển sang “{target}”."
    en = "The report is “{current_en}”; it cannot become “{target_en}”."
    exit_code = 1


class NotEditableError(CchcError):
    code = "report.not_editable"
    vi = "Báo cáo đang ở trạng thái “{current}” nên không sửa được. Muốn sửa, hãy tạo bản sửa đổi (nút “Tạo bản sửa đổi”; dòng lệnh: cchc report amend {report_id})."
    en = "The report is “{current_en}” and cannot be edited. To change it, make an amended revision (the “Make an amended revision” button; command line: cchc report amend {report_id})."
    exit_code = 1


def check_transition(current: Status, target: Status) -> None:
    if target not in TRANSITIONS[current]:
        raise IllegalTransitionError(
            current=current.label_vi, target=target.label_vi, current_en=current.label_en, target_en=target.label_en
        )


def change_status(
    db: Database,
    *,
    report_id: int,
    current: Status,
    target: Status,
    at: str,
    actor: str,
    action: str,
    detail: dict[str, Any],
    **columns: Any,
) -> None:
    """Move a report from ``current`` to ``target`` (refusing an illegal move), set the other
    ``columns`` given, and write the audit entry. Inside the caller's transaction: every
    status change in the program goes through here, so none skips its audit entry."""
    check_transition(current, target)
    sets = "".join(f", {k} = ?" for k in columns)
    db.execute(
        f"UPDATE reports SET status = ?, updated_at = ?{sets} WHERE id = ? AND status = ?",
        (target.value, at, *columns.values(), report_id, current.value),
    )
    from reports.storage import audit  # the window imports Status at start; the audit log loads with a change

    audit.append(db, at=at, actor=actor, report_id=report_id, action=action, detail=detail)
