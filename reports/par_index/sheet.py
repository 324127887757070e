"""A scoring report seen criterion by criterion: points, sources, evidence, explanation, gaps.

``ScoreSheet`` is what ``cchc score show``, the "Chỉ số CCHC" page and the monthly briefing
document read. ``missing_explanations`` is the rule finalising applies: a self-scored
sub-criterion above 0 without evidence needs an explanation (and a mandatory one needs
evidence); a computed one is proved by the filed reports it reads.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from forms.definition import Field, FormDefinition
from forms.engine import score_totals
from forms.numbers import format_date, format_number
from forms.translation import localized
from reports.clock import local_date, parse_iso
from reports.errors import CchcError
from reports.par_index.computed import ComputedScore, compute_scores, refresh
from reports.storage.evidence import EvidenceItem, EvidenceStore
from reports.storage.report import Report
from reports.storage.store import ReportStore


class ExplanationMissingError(CchcError):
    code = "score.explanation_missing"
    vi = ("Chưa thể hoàn thành phiếu chấm điểm: các tiêu chí sau có điểm nhưng thiếu tài liệu kiểm chứng.\n{problems}\n"
          "Hãy đính kèm tài liệu (cchc evidence add) hoặc ghi giải trình cho từng tiêu chí; tiêu chí bắt buộc có "
          "tài liệu thì phải đính kèm.")
    en = ("The scoring report cannot be finalised: these criteria have points but no evidence.\n{problems_en}\n"
          "Attach documents (cchc evidence add) or write an explanation for each; criteria whose evidence is "
          "mandatory need a document.")
    exit_code = 1


@dataclass(frozen=True)
class ScoreLine:
    field: Field
    area: str  # section id
    criterion: str  # the field's group
    points: float | None
    computed: ComputedScore | None
    evidence: tuple[EvidenceItem, ...]
    explanation: str
    file_problems: tuple[str, ...] = ()  # sha256 of evidence missing or damaged on disk
    warnings: tuple[str, ...] = ()

    @property
    def max_points(self) -> float:
        return self.field.max_points or 0.0

    @property
    def self_scored(self) -> bool:
        return self.field.self_scored

    @property
    def proved(self) -> bool:
        """Evidence on disk, or a computed score read from filed reports."""
        if self.computed is not None and self.computed.sources:
            return True
        return len(self.evidence) > len(self.file_problems)

    @property
    def needs_explanation(self) -> bool:
        if not self.self_scored or self.computed is not None or not (self.points or 0) > 0 or self.proved:
            return False
        mandatory = self.field.evidence is not None and self.field.evidence.mandatory
        return mandatory or not self.explanation

    @property
    def evidence_state(self) -> str:
        """"ok", "reports" (computed from the filed reports), "explained", "missing" (needed, absent),
        "damaged" (a file gone bad), "none" (not needed)."""
        if self.file_problems:
            return "damaged"
        if self.computed is not None and self.computed.sources and not self.evidence:
            return "reports"
        if self.proved:
            return "ok"
        if not self.self_scored or not (self.points or 0) > 0:
            return "none"
        return "missing" if self.needs_explanation else "explained"

    @property
    def at_stake(self) -> float:
        """Points not yet secured: below the maximum, or scored without proof."""
        secured = (self.points or 0.0) if self.evidence_state in ("ok", "reports", "none", "explained") else 0.0
        return round(self.max_points - secured, 2)

    @property
    def met(self) -> bool:
        return self.at_stake <= 0

    def as_json(self) -> dict[str, Any]:
        return {
            "field": self.field.id,
            "area": self.area,
            "criterion": self.criterion,
            "label": self.field.label,
            "max": self.max_points,
            "points": self.points,
            "method": self.field.method.kind.value,
            "self_scored": self.self_scored,
            "computed": self.computed is not None,
            "sources": self.computed.as_json() if self.computed else None,
            "evidence": len(self.evidence),
            "evidence_state": self.evidence_state,
            "explanation": self.explanation,
            "missing_files": list(self.file_problems),
            "warnings": list(self.warnings),
            "at_stake": self.at_stake,
        }


@dataclass(frozen=True)
class ScoreSheet:
    report: Report
    definition: FormDefinition
    lines: tuple[ScoreLine, ...]
    area_totals: tuple[tuple[str, str, float, float], ...] = field(default=())  # id, title, points, max

    @property
    def total(self) -> float:
        return round(sum(t[2] for t in self.area_totals), 2)

    @property
    def max_points(self) -> float:
        return round(sum(t[3] for t in self.area_totals), 2)

    def gaps(self) -> list[ScoreLine]:
        """Self-scored criteria not yet met, the most points at stake first."""
        out = [line for line in self.lines if line.self_scored and not line.met]
        return sorted(out, key=lambda line: (-line.at_stake, line.field.id))

    def missing_explanations(self) -> list[ScoreLine]:
        return [line for line in self.lines if line.needs_explanation]

    def damaged(self) -> list[tuple[ScoreLine, str]]:
        return [(line, sha) for line in self.lines for sha in line.file_problems]

    def localized(self, lang: str) -> ScoreSheet:
        """The sheet as the screen shows it in ``lang``: criteria, areas, levels, guides and
        evidence in the definition's English where it has some (points and ids unchanged)."""
        d = localized(self.definition, lang)
        if d is self.definition:
            return self
        titles = {s.id: s.title for s in d.sections}
        lines = tuple(replace(line, field=d.field(line.field.id), criterion=d.field(line.field.id).group)
                      for line in self.lines)
        totals = tuple((a, titles.get(a, title), points, most) for a, title, points, most in self.area_totals)
        return replace(self, definition=d, lines=lines, area_totals=totals)


def _deadline_warnings(f: Field, items: tuple[EvidenceItem, ...], year: int) -> tuple[str, ...]:
    if f.evidence is None or f.evidence.deadline is None:
        return ()
    due = f.evidence.deadline.date_for(year)
    out = []
    for it in items:
        when: dt.date | None = it.date
        what = "ngày ban hành"
        if it.signed_at:
            when = local_date(parse_iso(it.signed_at))
            what = "ngày ký"
        if when is not None and when > due:
            out.append(f"{it.name}: {what} {format_date(when)} sau thời hạn {format_date(due)}")
    return tuple(out)


def build_sheet(store: ReportStore, files: EvidenceStore, report: Report, *, refresh_computed: bool = True,
                check_files: bool = True) -> ScoreSheet:
    """The sheet of a scoring report; a draft's computed scores are refreshed first."""
    if refresh_computed and report.editable:
        report = refresh(store, report)
    d = store.definition(report)
    # A finalised report keeps the points it was finalised with; its sources are still shown.
    computed = compute_scores(store, report)
    items = files.items(report.id)
    bad = {s.sha256 for s in files.check_files({i.sha256 for i in items})} if check_files else set()
    explanations = files.explanations(report.id)
    lines = []
    for s in d.sections:
        for f in s.fields:
            if f.max_points is None:
                continue
            mine = tuple(i for i in items if i.field == f.id)
            raw = report.values.get(f.id)
            points = float(raw) if isinstance(raw, (int, float)) and not isinstance(raw, bool) else None
            lines.append(ScoreLine(
                field=f, area=s.id, criterion=f.group, points=points, computed=computed.get(f.id),
                evidence=mine, explanation=explanations.get(f.id, ""),
                file_problems=tuple(sorted({i.sha256 for i in mine} & bad)),
                warnings=_deadline_warnings(f, mine, report.period.year),
            ))
    totals = tuple((t.section_id, t.title, t.score, t.max_points) for t in score_totals(d, report.values))
    return ScoreSheet(report, d, tuple(lines), totals)


def check_explanations(store: ReportStore, files: EvidenceStore, report: Report) -> None:
    """The finalising rule: refuse, naming each criterion, while one lacks proof."""
    if store.definition(report).kind != "scoring":
        return
    missing = build_sheet(store, files, report).missing_explanations()
    if missing:
        vi = "\n".join(f"- {line.field.id}: {line.field.label} ({format_number(line.points or 0)} điểm)" for line in missing)
        raise ExplanationMissingError(problems=vi, problems_en=vi.replace(" điểm)", " points)"))
