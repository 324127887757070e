"""Sample data: several periods of realistic, valid, finalised reports for the set-up unit.

What the first-run "try with sample data" and every demo use. Figures are drawn from a
generator seeded by the unit code and period, so the same unit always gets the same data,
and they satisfy every rule of the form (totals add up, rates are plausible). The narrative
parts are written from the figures by the same "Gợi ý nội dung" the editor offers, plus
customary paragraphs about shortcomings, causes and next tasks.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from forms.engine import compute
from forms.periods import Period, PeriodKind
from forms.suggest import suggest_text
from reports.clock import VIETNAM
from reports.storage.store import Report, ReportStore
from reports.storage.unit import Role, Unit
from reports.workspace import Workspace

DOMAINS = ("Hộ tịch", "Chứng thực", "Đất đai", "Bảo trợ xã hội", "Người có công", "Đăng ký kinh doanh hộ cá thể")

SHORTCOMINGS = (
    "Một số hồ sơ trực tuyến người dân nộp còn thiếu thành phần, phải hướng dẫn bổ sung nhiều lần.",
    "Hạ tầng công nghệ thông tin tại bộ phận một cửa còn hạn chế, máy tính cấu hình thấp, đường truyền chưa ổn định.",
    "Việc số hóa hồ sơ, kết quả giải quyết thủ tục hành chính chưa đồng đều giữa các lĩnh vực.",
    "Công tác tuyên truyền về dịch vụ công trực tuyến chưa đến được với người cao tuổi ở các ấp xa trung tâm.",
)
CAUSES = (
    "Một bộ phận người dân chưa quen sử dụng thiết bị thông minh và tài khoản định danh điện tử.",
    "Số lượng công chức còn thiếu so với khối lượng công việc sau sắp xếp, một người kiêm nhiệm nhiều việc.",
    "Kinh phí đầu tư trang thiết bị còn hạn hẹp; điện lưới có lúc bị gián đoạn.",
)
NEXT_TASKS = (
    "Tiếp tục quán triệt, thực hiện nghiêm kế hoạch cải cách hành chính năm; gắn trách nhiệm người đứng đầu với kết quả thực hiện.",
    "Đẩy mạnh hướng dẫn người dân nộp hồ sơ trực tuyến và thanh toán trực tuyến tại bộ phận một cửa.",
    "Rà soát, cập nhật và công khai đầy đủ, kịp thời các thủ tục hành chính thuộc thẩm quyền giải quyết của xã.",
    "Nâng cao tỷ lệ số hóa hồ sơ, kết quả giải quyết thủ tục hành chính; không để phát sinh hồ sơ quá hạn.",
)
PROPOSALS = (
    "Đề nghị Sở Nội vụ tổ chức các lớp bồi dưỡng kỹ năng số cho công chức cấp xã.",
    "Đề nghị cấp trên hỗ trợ kinh phí nâng cấp trang thiết bị tại bộ phận một cửa.",
)
PARAGRAPH_RESULTS = {
    "organisation_results": "Ủy ban nhân dân xã kiện toàn, sắp xếp các phòng chuyên môn theo quy định; phân công nhiệm vụ rõ ràng, không chồng chéo.",
    "civil_service_results": "Thực hiện nghiêm quy định về văn hóa công vụ, giờ giấc làm việc; đánh giá, xếp loại cán bộ, công chức theo quy định.",
    "finance_results": "Thực hiện tự chủ tài chính theo quy định, sử dụng ngân sách đúng mục đích, tiết kiệm.",
}


@dataclass(frozen=True)
class SampleResult:
    created: list[int]
    skipped: list[str]


def _figures(rng: random.Random, carried: int) -> dict[str, Any]:
    online = rng.randint(25, 90)
    direct = rng.randint(40, 130)
    received = online + direct + carried
    pending_within = rng.randint(2, 10)
    pending_overdue = rng.choice((0, 0, 0, 1))
    pending = pending_within + pending_overdue
    resolved = received - pending
    late = rng.choice((0, 0, 1, 2))
    early = rng.randint(resolved // 4, resolved // 2)
    on_time = resolved - early - late
    planned = rng.randint(4, 8)
    insp_planned = rng.randint(1, 2)
    fb = rng.randint(0, 4)
    digitised = rng.randint(int(resolved * 0.6), resolved)
    # Spread the new files over the domains, largest first, as a real one-stop shop sees them.
    new_files = online + direct
    weights = [rng.randint(1, 10) for _ in DOMAINS]
    weights[0] += 12
    shares = [new_files * w // sum(weights) for w in weights]
    shares[0] += new_files - sum(shares)
    rows = []
    for name, count in zip(DOMAINS, shares, strict=True):
        if count <= 0:
            continue
        late_here = min(count, late) if name == "Đất đai" else 0
        rows.append({"domain": name, "received": count, "resolved_on_time": max(count - late_here - rng.randint(0, 2), 0),
                     "resolved_late": late_here})
    return {
        "plan_issued": "yes",
        "plan_reference": "Kế hoạch số 05/KH-UBND",
        "meetings_held": rng.randint(1, 3),
        "tasks_planned": planned,
        "tasks_completed": rng.randint(planned - 2, planned),
        "inspections_planned": insp_planned,
        "inspections_done": rng.randint(0, insp_planned),
        "communication_activities": rng.randint(3, 12),
        "legal_docs_issued": rng.randint(0, 2),
        "legal_docs_reviewed": (reviewed := rng.randint(2, 8)),
        "legal_docs_to_amend": rng.randint(0, min(2, reviewed)),
        "tthc_published": rng.randint(95, 130),
        "tthc_received_total": received,
        "tthc_received_online": online,
        "tthc_received_direct": direct,
        "tthc_carried_over": carried,
        "tthc_resolved_total": resolved,
        "tthc_resolved_early": early,
        "tthc_resolved_on_time": on_time,
        "tthc_resolved_late": late,
        "tthc_pending_total": pending,
        "tthc_pending_within": pending_within,
        "tthc_pending_overdue": pending_overdue,
        "feedback_received": fb,
        "feedback_handled": fb,
        "tthc_by_domain": rows,
        "staff_officials": 9,
        "staff_civil_servants": rng.randint(14, 20),
        "job_positions_approved": "yes",
        "staff_trained": rng.randint(2, 12),
        "staff_disciplined": 0,
        "budget_published": "yes",
        "recurrent_savings": round(rng.uniform(5, 40), 1),
        "online_services_full": rng.randint(30, 60),
        "online_services_partial": rng.randint(20, 50),
        "records_digitised": digitised,
        "online_payments": rng.randint(10, 60),
        "signed_documents": rng.randint(40, 160),
    }


def _narratives(store: ReportStore, report: Report, values: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    d = store.definition(report)
    computed = compute(d, values)
    out: dict[str, Any] = {}
    for f in d.iter_fields():
        if f.suggest:
            text = suggest_text(d, f.id, computed)
            extra = PARAGRAPH_RESULTS.get(f.id)
            out[f.id] = f"{text}\n{extra}" if extra else text
    out["procedure_shortcomings"] = rng.choice(SHORTCOMINGS)
    out["procedure_causes"] = rng.choice(CAUSES)
    out["egov_shortcomings"] = SHORTCOMINGS[1]
    out["egov_causes"] = CAUSES[2]
    out["next_tasks"] = "\n".join(rng.sample(NEXT_TASKS, 3))
    out["proposals"] = rng.choice(PROPOSALS)
    return out


def _store_at(ws: Workspace, moment: dt.datetime) -> ReportStore:
    from reports.par_index.wiring import attach

    unit = ws.require_unit()
    store = ReportStore(ws.db, ws.forms, unit, actor=ws.actor, clock=lambda: moment, policy=ws.policy())
    attach(store, lambda: ws.evidence_files)  # as the workspace's own store: computed scores, the explanation rule
    return store


def fill_sample(ws: Workspace, months: int = 6, *, today: dt.date | None = None, history: bool = False) -> SampleResult:
    """Create ``months`` monthly reports before the current period, and last year's
    self-assessment; existing periods are left alone. With ``history`` (the desktop's "try
    with sample data"), every month but the newest is shown as sent and accepted."""
    unit = ws.require_unit()
    if unit.role is not Role.COMMUNE:
        from reports.errors import UsageError

        raise UsageError(
            detail="Dữ liệu mẫu chỉ dành cho đơn vị cấp xã.", detail_en="Sample data is for a commune installation."
        )
    policy = ws.policy()
    today = today or ws.clock().astimezone(VIETNAM).date()
    current = policy.current_period(PeriodKind.MONTH, today)
    periods: list[Period] = []
    p = current
    for _ in range(months):
        p = p.previous()
        periods.append(p)
    periods.reverse()
    created, skipped = [], []
    carried = 6
    for period in periods:
        rng = random.Random(f"{unit.code}/{period.code}")
        due = policy.deadline(period)
        moment = dt.datetime.combine(due - dt.timedelta(days=1), dt.time(8, 30), VIETNAM)
        store = _store_at(ws, moment)
        if store.find(unit.code, "cchc-xa", period.code) is not None:
            skipped.append(period.code)
            continue
        values = _figures(rng, carried)
        carried = values["tthc_pending_total"]
        report = store.create(period, "cchc-xa")
        values.update(_narratives(store, report, values, rng))
        report = store.set_values(report.id, values)
        _acknowledge_warnings(store, report)
        created.append(store.finalize(report.id).id)
        if history and period != periods[-1]:
            _sample_history(ws, report.id, moment)
    created += _self_assessment(ws, unit, today, policy)
    return SampleResult(created, skipped)


def _sample_history(ws: Workspace, report_id: int, finalized: dt.datetime) -> None:
    """Earlier sample months look as they would after a normal round: sent the same day,
    received and accepted by the reviewer the day after. Marked as sample data in the audit."""
    from reports.clock import iso
    from reports.storage.lifecycle import Status, change_status

    sent = finalized + dt.timedelta(hours=6)
    _store_at(ws, sent).mark_sent([report_id], "du-lieu-mau")
    decided = iso(sent + dt.timedelta(days=1))
    with ws.db.atomic():
        change_status(ws.db, report_id=report_id, current=Status.SENT, target=Status.ACCEPTED, at=decided,
                      actor=ws.actor, action="sample_accepted",
                      detail={"note": "dữ liệu mẫu: Sở Nội vụ đã nhận và chấp nhận"},
                      receipt_at=decided, decided_at=decided)


def _acknowledge_warnings(store: ReportStore, report: Report) -> None:
    for w in store.evaluate(report).warnings:
        store.acknowledge(report.id, w.rule_id, "Số liệu đã được kiểm tra lại, đúng thực tế.")


def _self_assessment(ws: Workspace, unit: Unit, today: dt.date, policy: Any) -> list[int]:
    period = Period(today.year - 1, PeriodKind.YEAR, 0)
    moment = dt.datetime.combine(policy.deadline(period) - dt.timedelta(days=1), dt.time(9, 0), VIETNAM)
    store = _store_at(ws, moment)
    if store.find(unit.code, "tu-cham-diem-xa", period.code) is not None:
        return []
    d = ws.forms.get("tu-cham-diem-xa")
    rng = random.Random(f"{unit.code}/{period.code}/score")
    values: dict[str, Any] = {}
    for f in d.scored_fields():
        if not f.method.typeable or not f.max_points:
            continue  # computed from the monthly reports, or scored by the province
        if f.method.levels:
            values[f.id] = rng.choice((f.method.levels[0].points,) * 3 + (f.method.levels[1].points,))
        else:
            values[f.id] = round(f.max_points * rng.choice((1, 1, 1, 0.75, 0.5)), 2)
    known = {f.id for f in d.iter_fields()}
    for s in d.sections:
        if f"s{s.id}_evidence" in known:  # version 1 had one evidence paragraph per area
            values[f"s{s.id}_evidence"] = "Báo cáo, kế hoạch và văn bản kèm theo được lưu tại Văn phòng HĐND và UBND xã."
    report = store.create(period, d.id)
    report = store.set_values(report.id, values)
    if d.kind == "scoring" and any(f.evidence for f in d.scored_fields()):
        from reports.par_index.computed import refresh
        from reports.par_index.evidence import EvidenceService
        from reports.par_index.sample_evidence import attach_sample_evidence

        report = refresh(store, report)
        service = EvidenceService(store, ws.evidence_files, max_bytes=int(ws.settings.get("evidence_max_mb")) << 20)
        attach_sample_evidence(service, report, d, unit.name)
    return [store.finalize(report.id).id]
