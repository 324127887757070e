"""One commune's scoring report seen by the appraisal: for each sub-criterion the self-score,
whether it was computed, the evidence and the explanation, the appraised points and the
reason — and the commune's answer to the appraisal beside it.

The reviewer reads it to appraise (``cchc appraise show``, the appraisal view); a commune
reads its own, as the province sent it, the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from forms.model import Field, FieldType, FormDefinition
from reports.appraisal.basis import Basis, arrival_day
from reports.appraisal.ranking import CommuneResult, score_commune, self_points, survey_fields
from reports.appraisal.scores import Subject, subject_of
from reports.exchange.computed_recheck import ComputedRecheck, recheck_computed
from reports.storage import appraisal as table
from reports.storage.appraisal import AppraisedPoints, Round, ScoringRow, StoredResult
from reports.workspace import Workspace


@dataclass(frozen=True)
class AppraisalLine:
    field: Field
    area: str
    criterion: str
    self_points: float | None  # None: the commune does not score it
    computed: bool
    appraised: AppraisedPoints | None
    evidence: int
    explanation: str  # the commune's explanation in the revision appraised
    answer: str = ""  # a different explanation in the commune's answer to the appraisal
    recheck: ComputedRecheck | None = None  # a computed criterion, computed again from the reports held here

    @property
    def max_points(self) -> float:
        return self.field.max_points or 0.0

    @property
    def differs(self) -> bool:
        return (self.appraised is not None and self.self_points is not None
                and abs(self.appraised.points - self.self_points) > 1e-9)

    def as_json(self) -> dict[str, Any]:
        a = self.appraised
        return {
            "field": self.field.id, "area": self.area, "criterion": self.criterion, "label": self.field.label,
            "max": self.max_points, "method": self.field.method.kind.value, "computed": self.computed,
            "self_points": self.self_points, "evidence": self.evidence, "explanation": self.explanation,
            "answer": self.answer, "appraised": a.points if a else None, "reason": a.reason if a else "",
            "source": a.source if a else "", "appraiser": a.appraiser if a else "",
            "recomputed": self.recheck.as_json() if self.recheck else None,
        }


@dataclass(frozen=True)
class AppraisalSheet:
    unit_code: str
    unit_name: str
    form_id: str
    period: str
    definition: FormDefinition
    report_id: int  # the revision appraised
    revision: int
    lines: tuple[AppraisalLine, ...]
    round: Round | None
    result: CommuneResult
    stored: StoredResult | None = None  # the locked result, when the round is locked
    answer_revision: int | None = None
    answer_arrived: str | None = None  # dd/mm/yyyy
    answer_late: bool = False
    answer_applied: bool = False

    @property
    def appraised_count(self) -> int:
        return sum(1 for line in self.lines if line.appraised is not None)

    @property
    def recomputed_differ(self) -> int:
        """Computed criteria whose figure differs from the one recomputed here."""
        return sum(1 for line in self.lines if line.recheck is not None and line.recheck.differs)

    def as_json(self) -> dict[str, Any]:
        r = self.round
        return {
            "unit_code": self.unit_code, "unit_name": self.unit_name, "form": self.form_id, "period": self.period,
            "report_id": self.report_id, "revision": self.revision,
            "deadline": r.deadline if r else None, "sent_at": r.sent_at if r else None,
            "locked": bool(r and r.locked), "score": self.result.score, "complete": self.result.complete,
            "rank": self.stored.rank if self.stored else None, "of": self.stored.of_units if self.stored else None,
            "class": self.stored.class_label if self.stored else "",
            "answer": {"revision": self.answer_revision, "arrived": self.answer_arrived, "late": self.answer_late,
                       "applied": self.answer_applied} if self.answer_revision else None,
            "criteria": [line.as_json() for line in self.lines],
        }


def _proof(ws: Workspace, report_id: int) -> tuple[dict[str, int], dict[str, str]]:
    """Evidence counts and explanations per sub-criterion, as the commune attached them."""
    files = ws.evidence_files
    return files.counts(report_id), files.explanations(report_id)


def build_sheet(ws: Workspace, definition: FormDefinition, form_id: str, period: str, unit_code: str,
                basis: Basis, round_: Round | None, *, recompute: bool = False) -> AppraisalSheet:
    """``recompute``: the reviewer's side, where computed criteria are checked against its own
    copies of the commune's reports."""
    row: ScoringRow = basis.row
    rechecks = recheck_computed(ws, definition, unit_code, period, row.values) if recompute else {}
    appraised = table.points_for(ws.db, form_id, period, [unit_code]).get(unit_code, {})
    counts, explanations = _proof(ws, row.report_id)
    answer_notes: dict[str, str] = {}
    if basis.answer is not None and basis.answer is not row:
        answer_notes = _proof(ws, basis.answer.report_id)[1]
    lines = []
    for s in definition.sections:
        for f in s.fields:
            if f.type is not FieldType.SCORE:
                continue
            own = self_points(row, f.id, f.max_points or 0.0) if f.self_scored and f.id in row.values else None
            note = explanations.get(f.id, "")
            reply = answer_notes.get(f.id, "")
            lines.append(AppraisalLine(f, s.id, f.group, own, f.method.computed, appraised.get(f.id),
                                       counts.get(f.id, 0), note, reply if reply != note else "",
                                       rechecks.get(f.id)))
    survey = set(survey_fields(definition))
    survey_run = any(fid in survey for unit in table.points_for(ws.db, form_id, period).values() for fid in unit)
    result = score_commune(definition, row, appraised, survey_run)
    stored = table.results_for(ws.db, form_id, period).get(unit_code)
    answer = basis.answer
    return AppraisalSheet(
        unit_code, row.unit_name, form_id, period, definition, row.report_id, row.revision, tuple(lines), round_,
        result, stored,
        answer_revision=answer.revision if answer else None,
        answer_arrived=arrival_day(answer).strftime("%d/%m/%Y") if answer else None,
        answer_late=basis.answer_late, answer_applied=basis.answer_applied,
    )


def reviewer_sheet(ws: Workspace, report_id: int) -> AppraisalSheet:
    """The appraisal view of one received scoring report (any of its revisions)."""
    s: Subject = subject_of(ws, report_id)
    return build_sheet(ws, s.definition, s.form_id, s.period, s.unit_code, s.basis, s.round, recompute=True)


def commune_sheet(ws: Workspace, report_id: int) -> AppraisalSheet:
    """A commune's own scoring report with what the province sent back about it."""
    report = ws.store.get(report_id)
    definition = ws.forms.get(report.form_id, report.form_version)
    row = ScoringRow(report.id, report.uid, report.unit_code, report.unit_name, report.form_version, report.revision,
                     report.values, report.sent_at, report.created_at)
    round_ = table.get_round(ws.db, report.form_id, report.period.code)
    return build_sheet(ws, definition, report.form_id, report.period.code, report.unit_code, Basis(row), round_)
