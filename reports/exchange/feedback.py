"""The reviewer's answer: decisions on reports, and feedback packages back to communes.

A feedback package carries receipts for everything received from that commune, the
decisions (accepted, or returned with a comment) and what the reviewer published (form
definitions, the working-day calendar: reports.exchange.published). At the commune, a receipt
makes a report "received" (Sở đã nhận); a return reopens the report as a new draft revision
with the comment visible. Only feedback from the commune's own reviewer is accepted.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reports import __version__
from reports.clock import iso
from reports.documents.issuing import canonical_json
from reports.errors import CchcError, UsageError
from reports.exchange.appraisal_results import MEMBER as APPRAISAL_MEMBER
from reports.exchange.appraisal_results import AppraisalMemberError
from reports.exchange.appraisal_results import apply_received as apply_appraisal
from reports.exchange.appraisal_results import members_for as appraisal_members
from reports.exchange.packages import (
    OpenedPackage,
    PackageKind,
    PartyRef,
    package_filename,
    read_package,
    write_package,
)
from reports.exchange.packages.errors import RejectionReason
from reports.exchange.published import IssuedItemInvalidError, install_issued, issued_members
from reports.exchange.receiving import ImportResult, Outcome, record_package, reject
from reports.files import write_atomic
from reports.storage import audit, package_log, received
from reports.storage.form_registry import FormVersionConflictError
from reports.storage.lifecycle import Status, change_status, check_transition
from reports.storage.report import Report
from reports.storage.unit import Role
from reports.workspace import Workspace


class CommentRequiredError(CchcError):
    code = "review.comment_required"
    vi = "Khi trả lại báo cáo, hãy ghi rõ ý kiến để xã biết cần sửa gì."
    en = "When returning a report, write a comment so the commune knows what to fix."
    exit_code = 1


class ReviewerOnlyError(CchcError):
    code = "review.reviewer_only"
    vi = "Chỉ cơ quan nhận báo cáo (Sở Nội vụ) mới chấp nhận hoặc trả lại báo cáo."
    en = "Only the reviewing office accepts or returns reports."


def _require_reviewer(ws: Workspace) -> None:
    if ws.require_unit().role is not Role.REVIEWER:
        raise ReviewerOnlyError()


# ---------------------------------------------------------------- decisions (reviewer)


def decide(ws: Workspace, report_id: int, accept: bool, comment: str = "") -> Report:
    _require_reviewer(ws)
    comment = comment.strip()
    if not accept and not comment:
        raise CommentRequiredError()
    store = ws.store
    report = store.get(report_id)
    target = Status.ACCEPTED if accept else Status.RETURNED
    check_transition(report.status, target)
    now = iso(ws.clock())
    with ws.db.atomic():
        change_status(ws.db, report_id=report_id, current=report.status, target=target, at=now, actor=ws.actor,
                      action=target.value, detail={"comment": comment}, decision_comment=comment, decided_at=now)
    return store.get(report_id)


# ---------------------------------------------------------------- feedback export (reviewer)


@dataclass(frozen=True)
class FeedbackExport:
    unit_code: str
    path: Path
    receipts: int
    decisions: int


def export_feedback(ws: Workspace, out_dir: Path, *, unit_code: str | None = None) -> list[FeedbackExport]:
    """One feedback package per commune with news (or for ``unit_code``, always)."""
    _require_reviewer(ws)
    me = ws.require_unit()
    codes = [unit_code] if unit_code else package_log.units_with_news(ws.db)
    results = []
    for code in codes:
        reports = [r for r in ws.store.list(unit_code=code) if r.origin == "imported"]
        if not reports:
            if unit_code:
                raise UsageError(detail=f"Chưa nhận báo cáo nào của đơn vị {code}.", detail_en=f"No report received from unit {code}.")
            continue
        receipts = [{"report_uid": r.uid, "content_sha256": r.content_sha256, "period": r.period.code,
                     "revision": r.revision, "received_at": r.submitted_at} for r in reports]
        decisions = [{"report_uid": r.uid, "decision": r.status.value, "comment": r.decision_comment,
                      "decided_at": r.decided_at} for r in reports if r.status in (Status.ACCEPTED, Status.RETURNED)]
        members: dict[str, bytes] = {
            "feedback/receipts.json": canonical_json(receipts),
            "feedback/decisions.json": canonical_json(decisions),
        }
        members.update(issued_members(ws))  # what the reviewer published: forms, the calendar
        members.update(appraisal_members(ws, code))
        unit_name = reports[0].unit_name or code
        now = ws.clock()
        data = write_package(kind=PackageKind.FEEDBACK, sender=PartyRef(me.code, me.name),
                             recipient=PartyRef(code, unit_name), members=members, key=ws.installation_key,
                             created_at=now, app_version=__version__)
        opened = read_package(data)
        path = Path(out_dir) / package_filename(me.code, now.date(), opened.manifest.package_id)
        write_atomic(path, data, suffix=".partial")
        with ws.db.atomic():
            package_log.record(ws.db, package_id=opened.manifest.package_id, kind="feedback", direction="out",
                               sender_code=me.code, recipient_code=code, sha256=opened.sha256, file_name=path.name,
                               created_at=iso(now), processed_at=iso(now), source=str(path.parent),
                               report_count=len(reports))
            package_log.record_feedback_items(ws.db, opened.manifest.package_id, [(r.uid, r.status.value) for r in reports])
        results.append(FeedbackExport(code, path, len(receipts), len(decisions)))
    return results


# ---------------------------------------------------------------- feedback import (commune)


def _load_list(opened: OpenedPackage, name: str, member: str) -> list[dict[str, Any]]:
    raw = opened.members.get(member)
    if raw is None:
        raise reject(opened, name, f"thiếu {member}.", f"{member} is missing.")
    try:
        items = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:  # Recursion: [[[…]]] nested deep
        raise reject(opened, name, f"{member} không đúng định dạng.", f"{member} is malformed.") from exc
    if not isinstance(items, list) or not all(isinstance(i, dict) and isinstance(i.get("report_uid"), str) for i in items):
        raise reject(opened, name, f"{member} không đúng định dạng.", f"{member} is malformed.")
    return items


def _check_from_reviewer(ws: Workspace, opened: OpenedPackage, name: str) -> None:
    """Authority flows down: only the commune's own reviewing office answers it, and only it
    may install forms or a calendar here (its certificate is already known bound to it)."""
    reviewer = ws.require_unit().reviewer_code
    sender = opened.manifest.sender.unit_code
    if sender != reviewer:
        raise reject(opened, name,
                     f"gói phản hồi này do đơn vị {sender} gửi, không phải cơ quan nhận báo cáo của xã ({reviewer or 'chưa đặt'}). "
                     "Chỉ nhận phản hồi, biểu mẫu và lịch làm việc từ cơ quan nhận báo cáo của mình.",
                     f"this feedback comes from unit {sender}, not from the commune's reviewing office ({reviewer or 'not set'}). "
                     "Feedback, forms and calendars are accepted only from one's own reviewing office.",
                     RejectionReason.NOT_FROM_REVIEWER)


# A receipt finds the report handed over (or about to be); a decision may come with it.
_AWAITING_RECEIPT = frozenset({Status.EXPORTED, Status.SENT})
_AWAITING_DECISION = frozenset({Status.EXPORTED, Status.SENT, Status.RECEIVED})


def apply_feedback(ws: Workspace, opened: OpenedPackage, name: str, source: str) -> ImportResult:
    _check_from_reviewer(ws, opened, name)
    receipts = _load_list(opened, name, "feedback/receipts.json")
    decisions = _load_list(opened, name, "feedback/decisions.json")
    store = ws.store
    now = iso(ws.clock())
    changes: list[str] = []
    package = opened.manifest.package_id
    with ws.db.atomic():
        try:
            changes += install_issued(ws, opened.members, now)
        except (IssuedItemInvalidError, FormVersionConflictError) as exc:
            raise reject(opened, name, exc.message("vi"), exc.message("en"), RejectionReason.ISSUED_ITEM_INVALID) from exc
        if APPRAISAL_MEMBER in opened.members:
            try:
                changes += apply_appraisal(ws, opened.members[APPRAISAL_MEMBER], now)
            except AppraisalMemberError as exc:
                raise reject(opened, name, exc.params["detail"], exc.params["detail_en"]) from exc
        for item in receipts:
            report = store.by_uid(item["report_uid"])
            if report is None or report.receipt_at is not None:
                continue
            if item.get("content_sha256") != report.content_sha256:
                raise reject(opened, name, f"biên nhận báo cáo kỳ {report.period.code} không khớp số liệu đã gửi.",
                              f"the receipt for the {report.period.code} report does not match what was sent.")
            if report.status in _AWAITING_RECEIPT:
                change_status(ws.db, report_id=report.id, current=report.status, target=Status.RECEIVED, at=now,
                              actor=ws.actor, action="receipt", detail={"package": package}, receipt_at=now)
            else:  # already decided, or sent again: the receipt is noted, the status stays
                received.mark_receipt(ws.db, report.id, now)
                audit.append(ws.db, at=now, actor=ws.actor, report_id=report.id, action="receipt",
                             detail={"package": package})
            changes.append(f"Sở đã nhận báo cáo kỳ {report.period.code} (lần {report.revision})")
        for item in decisions:
            report = store.by_uid(item["report_uid"])
            decision = item.get("decision")
            if report is None or decision not in ("accepted", "returned") or report.status not in _AWAITING_DECISION:
                continue
            target = Status(decision)
            comment = str(item.get("comment") or "")
            change_status(ws.db, report_id=report.id, current=report.status, target=target, at=now, actor=ws.actor,
                          action=f"reviewer_{decision}", detail={"comment": comment, "package": opened.manifest.package_id},
                          decision_comment=comment, decided_at=item.get("decided_at") or now,
                          receipt_at=report.receipt_at or now)
            if target is Status.ACCEPTED:
                changes.append(f"Báo cáo kỳ {report.period.code} (lần {report.revision}) đã được chấp nhận")
            else:
                latest = store.find(report.unit_code, report.form_id, report.period.code)
                if latest is not None and latest.id != report.id:  # the commune already made a newer revision
                    changes.append(f"Báo cáo kỳ {report.period.code} (lần {report.revision}) bị trả lại: “{comment}”. "
                                   f"Bản sửa đổi lần {latest.revision} (số {latest.id}) đã có.")
                else:
                    new = store.amend(report.id)
                    changes.append(f"Báo cáo kỳ {report.period.code} bị trả lại: “{comment}”. Đã mở bản sửa đổi lần {new.revision} (số {new.id}).")
        record_package(ws, opened, name, source, now, [])
    return ImportResult(name, Outcome.IMPORTED, kind=opened.manifest.kind.value,
                        sender=opened.manifest.sender.unit_code, changes=changes)


def is_feedback(kind: str) -> bool:
    return kind == PackageKind.FEEDBACK.value
