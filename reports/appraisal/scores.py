"""Appraising, criterion by criterion, and the round around it: sending the result with an
explanation deadline, letting a late explanation in, locking the scores, reopening them.

Every change is one transaction with its audit entry, naming who made it (the workspace's
actor: ``CCHC_ACTOR`` or the user's name, so several appraisers can share the work).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass

from forms.model import Field, FieldType, FormDefinition
from forms.numbers import format_number
from forms.scoring import ScoredBy
from reports.appraisal.basis import Basis
from reports.appraisal.errors import (
    AppraisalIncompleteError,
    NoScoringReportsError,
    NotAScoringReportError,
    PointsOutOfRangeError,
    ReasonRequiredError,
    ReviewerOnlyAppraisalError,
    ScoresLockedError,
    UnknownCriterionError,
)
from reports.appraisal.ranking import Ranking, bases_for, compute_ranking, self_points
from reports.clock import iso, local_date, parse_iso
from reports.errors import UsageError
from reports.storage import appraisal as table
from reports.storage import audit
from reports.storage.appraisal import AppraisedPoints, Round, StoredResult
from reports.storage.unit import Role
from reports.workspace import Workspace


@dataclass(frozen=True)
class Subject:
    """The commune's scoring report being appraised, with the revision the appraisal stands on."""

    form_id: str
    period: str
    unit_code: str
    definition: FormDefinition
    basis: Basis
    round: Round | None


def require_reviewer(ws: Workspace) -> None:
    if ws.require_unit().role is not Role.REVIEWER:
        raise ReviewerOnlyAppraisalError()


def subject_of(ws: Workspace, report_id: int) -> Subject:
    report = ws.store.get(report_id)
    definition = ws.forms.get(report.form_id, report.form_version)
    if definition.kind != "scoring" or report.origin != "imported":
        raise NotAScoringReportError(report_id=report_id)
    bases, round_ = bases_for(ws, report.form_id, report.period.code, report.unit_code)
    basis = bases.get(report.unit_code)
    if basis is None:  # a draft arrived? never: imported reports are final or later
        raise NotAScoringReportError(report_id=report_id)
    definition = ws.forms.get(report.form_id, basis.row.form_version)
    return Subject(report.form_id, report.period.code, report.unit_code, definition, basis, round_)


def check_open(subject_round: Round | None, form_id: str, period: str) -> None:
    if subject_round is not None and subject_round.locked:
        assert subject_round.finalised_at is not None
        day = local_date(parse_iso(subject_round.finalised_at)).strftime("%d/%m/%Y")
        raise ScoresLockedError(form=form_id, period=period, finalised=day)


def _score_field(definition: FormDefinition, name: str, report_id: int) -> Field:
    for f in definition.scored_fields():
        if f.id == name:
            return f
    raise UnknownCriterionError(form=definition.key, field=name, report_id=report_id)


def parse_points(f: Field, text: str | float) -> float:
    """Points typed as "1,5", "1.5" or a number; within 0 … maximum."""
    value: float | None
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        value = float(text)
    else:
        t = str(text).strip().replace(" ", "")
        t = t.replace(".", "").replace(",", ".") if "," in t else t
        try:
            value = float(t)
        except ValueError:
            value = None
    maximum = f.max_points or 0.0
    if value is None or not math.isfinite(value) or value < 0 or value > maximum + 1e-9:
        raise PointsOutOfRangeError(label=f.label, max=format_number(maximum), points=str(text))
    return round(value, 4)


def appraise(ws: Workspace, report_id: int, points: Mapping[str, str | float], reason: str = "") -> Subject:
    """Set the appraised points of some sub-criteria of one commune's scoring report."""
    require_reviewer(ws)
    subject = subject_of(ws, report_id)
    check_open(subject.round, subject.form_id, subject.period)
    reason = reason.strip()
    now = iso(ws.clock())
    rows = []
    for name, text in points.items():
        f = _score_field(subject.definition, name, report_id)
        value = parse_points(f, text)
        own = self_points(subject.basis.row, f.id, f.max_points or 0.0) if f.self_scored else None
        if own is not None and abs(own - value) > 1e-9 and not reason:
            raise ReasonRequiredError(label=f.label, points=format_number(value), self_points=format_number(own))
        source = "survey" if f.method.scored_by is ScoredBy.SURVEY else "appraisal"
        rows.append(AppraisedPoints(subject.unit_code, f.id, value, own, reason if own is None or own != value else "",
                                    source, ws.actor, now))
    _write(ws, subject, rows, "appraise", now)
    return subject


def agree(ws: Workspace, report_id: int, *, area: str | None = None, fields: tuple[str, ...] = ()) -> list[str]:
    """Appraised = self-score for the self-scored sub-criteria of the report (or of one area,
    or the named ones). Criteria already appraised with a different score are kept unless
    named. Returns the ids agreed."""
    require_reviewer(ws)
    subject = subject_of(ws, report_id)
    check_open(subject.round, subject.form_id, subject.period)
    if area is not None and area not in {s.id for s in subject.definition.sections}:
        raise UsageError(detail=f"Bộ tiêu chí không có lĩnh vực “{area}”.", detail_en=f"The criteria set has no area “{area}”.")
    existing = table.points_for(ws.db, subject.form_id, subject.period, [subject.unit_code]).get(subject.unit_code, {})
    chosen = [_score_field(subject.definition, name, report_id) for name in fields] if fields else [
        f for s in subject.definition.sections if area is None or s.id == area
        for f in s.fields if f.type is FieldType.SCORE and f.self_scored
        and not (f.id in existing and existing[f.id].source == "appraisal")
    ]
    now = iso(ws.clock())
    rows = []
    for f in chosen:
        if not f.self_scored:
            continue
        own = self_points(subject.basis.row, f.id, f.max_points or 0.0)
        rows.append(AppraisedPoints(subject.unit_code, f.id, own, own, "", "agreed", ws.actor, now))
    if rows:
        _write(ws, subject, rows, "appraise_agree", now)
    return [r.field_id for r in rows]


def _write(ws: Workspace, subject: Subject, rows: list[AppraisedPoints], action: str, now: str) -> None:
    with ws.db.atomic():
        table.set_points(ws.db, subject.form_id, subject.period, rows)
        audit.append(ws.db, at=now, actor=ws.actor, report_id=subject.basis.row.report_id, action=action,
                     detail={"period": subject.period, "form": subject.form_id, "points": {
                         r.field_id: {"points": r.points, "self": r.self_points, "reason": r.reason} for r in rows}})


def scoring_form_for(ws: Workspace, period: str, form_id: str | None = None) -> str:
    """The criteria set whose reports were received for ``period`` (named when there are several)."""
    if form_id:
        return form_id
    scoring = sorted({d.id for d in ws.forms.list() if d.kind == "scoring"})
    found = sorted({f for f, p in table.scoring_periods(ws.db, scoring) if p == period})
    if not found:
        raise NoScoringReportsError(period=period, form_note="")
    if len(found) > 1:
        raise UsageError(detail=f"Kỳ {period} có phiếu chấm điểm theo nhiều bộ tiêu chí ({', '.join(found)}): hãy ghi --form.",
                         detail_en=f"{period} has scoring reports on several criteria sets ({', '.join(found)}): give --form.")
    return found[0]


def mark_sent(ws: Workspace, form_id: str, period: str, deadline: dt.date | None) -> Round:
    """The appraisal result is being sent: communes may answer until ``deadline``."""
    require_reviewer(ws)
    current = table.get_round(ws.db, form_id, period)
    now = iso(ws.clock())
    if deadline is not None and deadline < local_date(ws.clock()):
        raise UsageError(detail="Hạn giải trình đã qua: hãy chọn một ngày từ hôm nay trở đi.",
                         detail_en="The explanation deadline is in the past: choose today or later.")
    updated = Round(form_id, period, deadline.isoformat() if deadline else (current.deadline if current else None),
                    now, current.finalised_at if current else None, current.revision if current else 1)
    with ws.db.atomic():
        table.save_round(ws.db, updated)
        audit.append(ws.db, at=now, actor=ws.actor, report_id=None, action="appraisal_sent",
                     detail={"form": form_id, "period": period, "deadline": updated.deadline})
    return updated


def accept_late(ws: Workspace, report_id: int) -> None:
    """Let a commune's late explanation count."""
    require_reviewer(ws)
    subject = subject_of(ws, report_id)
    check_open(subject.round, subject.form_id, subject.period)
    answer = subject.basis.answer
    if answer is None or not subject.basis.answer_late:
        raise UsageError(detail="Xã chưa gửi giải trình muộn nào cho phiếu này.",
                         detail_en="The commune sent no late explanation for this report.")
    now = iso(ws.clock())
    with ws.db.atomic():
        table.accept_late(ws.db, answer.uid, now, ws.actor)
        audit.append(ws.db, at=now, actor=ws.actor, report_id=answer.report_id, action="appraisal_late_accepted",
                     detail={"period": subject.period, "revision": answer.revision})


def finalise(ws: Workspace, period: str, form_id: str | None = None) -> Ranking:
    """Lock the scores of the period: every commune fully appraised, results kept for feedback."""
    require_reviewer(ws)
    form_id = scoring_form_for(ws, period, form_id)
    ranking = compute_ranking(ws, form_id, period)
    check_open(ranking.round, form_id, period)
    incomplete = [r for r in ranking.rows if not r.complete]
    if incomplete:
        lines = [f"- {r.unit_name} ({r.unit_code}), báo cáo số {r.report_id}: {len(r.missing)} tiêu chí: "
                 + ", ".join(r.missing[:6]) + ("…" if len(r.missing) > 6 else "") for r in incomplete[:20]]
        if len(incomplete) > 20:
            lines.append(f"- … và {len(incomplete) - 20} xã khác")
        raise AppraisalIncompleteError(count=len(incomplete), problems="\n".join(lines))
    now = iso(ws.clock())
    current = ranking.round
    locked = Round(form_id, period, current.deadline if current else None, current.sent_at if current else None, now,
                   current.revision if current else 1)
    results = [StoredResult(r.unit_code, r.score, r.rank, len(ranking.rows), r.band.code if r.band else "",
                            r.band.label if r.band else "", r.areas, now) for r in ranking.rows]
    with ws.db.atomic():
        table.save_round(ws.db, locked)
        table.save_results(ws.db, form_id, period, results)
        audit.append(ws.db, at=now, actor=ws.actor, report_id=None, action="appraisal_finalised",
                     detail={"form": form_id, "period": period, "revision": locked.revision, "communes": len(results)})
    return compute_ranking(ws, form_id, period)


def reopen(ws: Workspace, period: str, reason: str, form_id: str | None = None) -> Round:
    """Unlock locked scores for a new revision of the result; the reason goes to the audit log."""
    require_reviewer(ws)
    if not reason.strip():
        raise UsageError(detail="Hãy ghi lý do mở lại kết quả (--reason).", detail_en="Give the reason for reopening (--reason).")
    form_id = scoring_form_for(ws, period, form_id)
    current = table.get_round(ws.db, form_id, period)
    if current is None or not current.locked:
        raise UsageError(detail=f"Kết quả kỳ {period} chưa chốt: không cần mở lại.", detail_en=f"{period} is not locked.")
    now = iso(ws.clock())
    reopened = Round(form_id, period, current.deadline, current.sent_at, None, current.revision + 1)
    with ws.db.atomic():
        table.save_round(ws.db, reopened)
        audit.append(ws.db, at=now, actor=ws.actor, report_id=None, action="appraisal_reopened",
                     detail={"form": form_id, "period": period, "revision": reopened.revision, "reason": reason.strip()})
    return reopened


def round_of(ws: Workspace, form_id: str, period: str) -> Round | None:
    return table.get_round(ws.db, form_id, period)


def received_choices(ws: Workspace) -> list[tuple[str, str, str]]:
    """(criteria set id, period, its title) for which scoring reports were received, newest first."""
    scoring = {d.id: d.title for d in ws.forms.list() if d.kind == "scoring"}
    return [(f, p, scoring[f]) for f, p in table.scoring_periods(ws.db, sorted(scoring))]
