"""The final index of every commune, its rank across the province and its classification.

Final index = the appraised points of the self-scored and appraisal-only sub-criteria + the
survey points. Where the province ran no survey and the criteria set says so
(``rescale_without_survey``), the rest is rescaled to the set's total. Ranking ties and the
bands are the criteria set's (``forms.scoring``): data, not code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from forms.model import FieldType, FormDefinition
from forms.scoring import Band, ScoredBy, rank
from reports.appraisal.basis import Basis, choose_basis
from reports.appraisal.errors import NoScoringReportsError
from reports.storage import appraisal as table
from reports.storage.appraisal import AppraisedPoints, Round, ScoringRow
from reports.workspace import Workspace


@dataclass(frozen=True)
class CommuneResult:
    unit_code: str
    unit_name: str
    report_id: int
    points: dict[str, float]  # sub-criterion → points that count
    areas: dict[str, float]  # area (section id) → points
    score: float
    missing: tuple[str, ...]  # sub-criteria the province has not appraised or scored yet
    rank: int = 0
    band: Band | None = None

    @property
    def complete(self) -> bool:
        return not self.missing

    def as_json(self) -> dict[str, Any]:
        return {
            "unit_code": self.unit_code,
            "unit_name": self.unit_name,
            "score": self.score,
            "rank": self.rank,
            "class": self.band.code if self.band else "",
            "class_label": self.band.label if self.band else "",
            "areas": self.areas,
            "complete": self.complete,
            "missing": list(self.missing),
            "report_id": self.report_id,
        }


@dataclass(frozen=True)
class Ranking:
    definition: FormDefinition
    period: str
    rows: tuple[CommuneResult, ...]  # best first
    survey_run: bool
    rescaled: bool
    round: Round | None = None
    bases: dict[str, Basis] = field(default_factory=dict, compare=False, repr=False)

    @property
    def locked(self) -> bool:
        return self.round is not None and self.round.locked

    def as_json(self) -> list[dict[str, Any]]:
        return [r.as_json() for r in self.rows]


def survey_fields(definition: FormDefinition) -> list[str]:
    return [f.id for f in definition.scored_fields() if not f.self_scored and f.method.scored_by is ScoredBy.SURVEY]


@dataclass(frozen=True)
class Scorer:
    """What a criteria set says about counting, worked out once for a whole province."""

    definition: FormDefinition
    survey_run: bool
    fields: tuple[tuple[str, float, bool, bool, str], ...]  # id, maximum, self-scored, survey, area
    factor: float  # the rescaling to the total when no survey was run (1 otherwise)

    @classmethod
    def of(cls, definition: FormDefinition, survey_run: bool) -> Scorer:
        survey = set(survey_fields(definition))
        fields = tuple((f.id, f.max_points or 0.0, f.self_scored, f.id in survey, s.id)
                       for s in definition.sections for f in s.fields if f.type is FieldType.SCORE)
        survey_max = sum(m for _, m, _, is_survey, _ in fields if is_survey)
        rules = definition.scoring
        factor = 1.0
        if not survey_run and survey_max and rules is not None and rules.rescale_without_survey:
            counted = definition.max_points - survey_max
            factor = definition.max_points / counted if counted > 0 else 1.0
        return cls(definition, survey_run, fields, factor)

    def score(self, row: ScoringRow, appraised: Mapping[str, float]) -> CommuneResult:
        points: dict[str, float] = {}
        missing: list[str] = []
        areas: dict[str, float] = {}
        values = row.values
        total = 0.0
        for fid, top, self_scored, is_survey, area in self.fields:
            p = appraised.get(fid)
            if p is None:
                if is_survey and not self.survey_run:
                    continue  # no survey this year: the criterion does not count (rescaled below)
                missing.append(fid)
                v = values.get(fid) if self_scored else None
                p = min(max(float(v), 0.0), top) if isinstance(v, (int, float)) and not isinstance(v, bool) else 0.0
            points[fid] = p
            areas[area] = areas.get(area, 0.0) + p
            total += p
        areas = {k: round(v, 2) for k, v in areas.items()}
        total *= self.factor
        return CommuneResult(row.unit_code, row.unit_name, row.report_id, points, areas, round(total, 2), tuple(missing))


def score_commune(definition: FormDefinition, row: ScoringRow, appraised: Mapping[str, AppraisedPoints],
                  survey_run: bool) -> CommuneResult:
    """One commune's result (the appraisal view's figure)."""
    return Scorer.of(definition, survey_run).score(row, {k: a.points for k, a in appraised.items()})


def self_points(row: ScoringRow, field_id: str, max_points: float) -> float:
    v = row.values.get(field_id)
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return 0.0
    return min(max(float(v), 0.0), max_points)


def bases_for(ws: Workspace, form_id: str, period: str, unit_code: str | None = None) -> tuple[dict[str, Basis], Round | None]:
    revisions: dict[str, list[ScoringRow]] = {}
    for row in table.received_scoring(ws.db, form_id, period, unit_code):
        revisions.setdefault(row.unit_code, []).append(row)
    round_ = table.get_round(ws.db, form_id, period)
    late = table.late_accepted(ws.db)
    return {code: choose_basis(rows, round_, late) for code, rows in revisions.items()}, round_


def compute_ranking(ws: Workspace, form_id: str, period: str) -> Ranking:
    bases, round_ = bases_for(ws, form_id, period)
    if not bases:
        raise NoScoringReportsError(period=period, form_note=f" ({form_id})")
    version = max(b.row.form_version for b in bases.values())
    definition = ws.forms.get(form_id, version)
    appraised = table.points_only(ws.db, form_id, period)
    survey = set(survey_fields(definition))
    survey_run = any(fid in survey for unit in appraised.values() for fid in unit)
    scorer = Scorer.of(definition, survey_run)
    results = [scorer.score(b.row, appraised.get(code, {})) for code, b in bases.items()]
    rules = definition.scoring
    ordered: list[CommuneResult] = []
    if rules is None:
        results.sort(key=lambda r: -r.score)
        ordered = [_with(r, i + 1, None) for i, r in enumerate(results)]
    else:
        for place, r in rank(results, lambda r: r.score, lambda r: r.areas, rules, definition.area_order()):
            ordered.append(_with(r, place, rules.classify(r.score)))
    rescaled = bool(not survey_run and survey and rules is not None and rules.rescale_without_survey)
    return Ranking(definition, period, tuple(ordered), survey_run, rescaled, round_, bases)


def _with(r: CommuneResult, place: int, band: Band | None) -> CommuneResult:
    return CommuneResult(r.unit_code, r.unit_name, r.report_id, r.points, r.areas, r.score, r.missing, place, band)
