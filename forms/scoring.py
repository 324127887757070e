"""How a criteria set scores: per sub-criterion methods and evidence, per set bands and ranking.

A scoring sheet (``kind = "scoring"``) is a province's criteria set for the PAR index:
areas (sections) → criteria (``group``) → sub-criteria (``score`` fields). Each sub-criterion
may say *how* it is scored (``ScoringMethod``) and *what proves it* (``EvidenceRequirement``);
the set as a whole says how totals become a classification and a rank (``ScoringRules``).
These are data from the definition file (docs/forms.md), never code: provinces change them
every year. The functions here are pure so that the commune side (self-scoring) and the
province side (appraisal, ranking) read the same definitions the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from forms.expressions import MISSING, Expression


class MethodKind(StrEnum):
    NUMBER = "number"  # any number from 0 to the maximum (the default)
    LEVELS = "levels"  # one of the listed levels, each worth fixed points
    REPORTS = "reports"  # computed from the commune's filed reports of the scoring period
    NOT_SELF_SCORED = "not_self_scored"  # filled by the province (survey, appraisal only)


class ScoredBy(StrEnum):
    SURVEY = "survey"  # a sociological survey run by the province
    APPRAISAL = "appraisal"  # the appraisal team decides without a self-score


@dataclass(frozen=True)
class Level:
    label: str
    points: float
    label_en: str = ""


@dataclass(frozen=True)
class Threshold:
    """``at_least`` (in the formula's unit, e.g. a rate in %) earns ``points``."""

    at_least: float
    points: float


@dataclass(frozen=True)
class ReportFormula:
    """A value computed over the commune's filed reports of the scoring period.

    Inside ``expression`` a field id of ``form`` stands for the list of that field's values
    across the reports (so ``sum(x)`` adds them up), and three names are provided:
    ``reports`` (how many reports were filed), ``expected_reports`` (how many periods of
    ``period_kind`` the scoring period holds) and ``reports_on_time`` (how many reached the
    reviewer by their deadline).
    """

    form: str  # the source form id, e.g. "cchc-xa"
    period_kind: str  # "month", "quarter"… — which of the form's reports count
    expression: Expression
    thresholds: tuple[Threshold, ...]  # highest first
    otherwise: float = 0.0  # points below every threshold
    unit: str = ""  # how the value is shown ("%", "cuộc")

    def points(self, value: object) -> float | None:
        """Points for a computed value; None when the value cannot be computed."""
        if value is MISSING or value is None or isinstance(value, (list, bool)):
            return None
        if not isinstance(value, (int, float)):
            return None
        for t in self.thresholds:
            if value >= t.at_least:
                return t.points
        return self.otherwise


PROVIDED_NAMES = frozenset({"reports", "expected_reports", "reports_on_time"})


@dataclass(frozen=True)
class ScoringMethod:
    kind: MethodKind = MethodKind.NUMBER
    levels: tuple[Level, ...] = ()
    formula: ReportFormula | None = None
    scored_by: ScoredBy | None = None  # for NOT_SELF_SCORED
    guide: str = ""  # the province's wording of the method, shown to the official
    guide_en: str = ""

    @property
    def self_scored(self) -> bool:
        return self.kind is not MethodKind.NOT_SELF_SCORED

    @property
    def computed(self) -> bool:
        return self.kind is MethodKind.REPORTS

    @property
    def typeable(self) -> bool:
        return self.kind in (MethodKind.NUMBER, MethodKind.LEVELS)


NUMBER_METHOD = ScoringMethod()


@dataclass(frozen=True)
class DeadlineRule:
    """"The plan is issued before 31/12 of the previous year": the evidence's date (or signing
    time) is compared with it and a later document is a warning. ``year_offset`` is relative
    to the scoring period's year (-1: the year before)."""

    day: int
    month: int
    year_offset: int = 0

    def date_for(self, year: int) -> dt.date:
        return dt.date(year + self.year_offset, self.month, self.day)


@dataclass(frozen=True)
class EvidenceRequirement:
    documents: str = ""  # what counts: "Kế hoạch CCHC năm của UBND xã"
    mandatory: bool = False  # a score above 0 needs evidence, not only an explanation
    deadline: DeadlineRule | None = None
    own_reports: str = ""  # a form id: the commune's own signed reports of it may serve
    documents_en: str = ""


@dataclass(frozen=True)
class Band:
    """A classification: a total of at least ``at_least`` points (of ``ScoringRules.total``)."""

    code: str
    label: str
    at_least: float
    label_en: str = ""


class TieBreak(StrEnum):
    AREAS = "areas"  # equal totals: compare area totals in ``area_order``, first difference wins
    SHARED = "shared"  # equal totals share a rank (1, 2, 2, 4)


@dataclass(frozen=True)
class ScoringRules:
    """What the set says about totals: bands, ranking ties and the area order for them."""

    total: float = 100.0
    bands: tuple[Band, ...] = ()  # highest first
    tie_break: TieBreak = TieBreak.AREAS
    area_order: tuple[str, ...] = ()  # section ids; empty = the document order
    rescale_without_survey: bool = False  # no survey run: the self-scored points count out of the total

    def classify(self, score: float) -> Band | None:
        for band in self.bands:
            if score >= band.at_least - 1e-9:
                return band
        return None


Entry = TypeVar("Entry")


def rank(
    entries: Sequence[Entry],
    total: Callable[[Entry], float],
    area_points: Callable[[Entry], dict[str, float]],
    rules: ScoringRules,
    area_order: Sequence[str],
) -> list[tuple[int, Entry]]:
    """Entries sorted best first with their rank, ties broken as ``rules`` say.

    ``area_order`` is the order to compare areas in when ``rules.area_order`` is empty (the
    document order of the sections). Entries still equal after the tie-break share a rank.
    """
    order = tuple(rules.area_order) or tuple(area_order)

    def key(e: Entry) -> tuple[float, ...]:
        head = (round(total(e), 4),)
        if rules.tie_break is TieBreak.SHARED:
            return head
        points = area_points(e)
        return head + tuple(round(points.get(a, 0.0), 4) for a in order)

    ranked = sorted(entries, key=key, reverse=True)
    out: list[tuple[int, Entry]] = []
    previous: tuple[float, ...] | None = None
    current = 0
    for i, e in enumerate(ranked, start=1):
        k = key(e)
        if k != previous:
            current, previous = i, k
        out.append((current, e))
    return out
