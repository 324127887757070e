"""Reading the scoring parts of a definition: a sub-criterion's method and evidence, and the
criteria set's ``[scoring]`` table (total, bands, ranking). Format: docs/forms.md."""

from __future__ import annotations

from forms.expressions import Expression
from forms.model import ID_PATTERN
from forms.periods import PeriodKind
from forms.scoring import (
    NUMBER_METHOD,
    Band,
    DeadlineRule,
    EvidenceRequirement,
    Level,
    MethodKind,
    ReportFormula,
    ScoredBy,
    ScoringMethod,
    ScoringRules,
    Threshold,
    TieBreak,
)
from forms.toml_reader import TableReader

FORM_ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789-"


def _points(r: TableReader, key: str, max_points: float) -> float:
    value = r.number(key)
    if value < 0:
        raise r.fail(key, "must not be negative")
    if value > max_points + 1e-9:
        raise r.fail(key, f"is above the sub-criterion's maximum ({max_points:g})")
    return value


def _levels(r: TableReader, max_points: float) -> tuple[Level, ...]:
    items = r.tables("levels", required=True)
    if len(items) < 2:
        raise r.fail("levels", "list at least two levels")
    out = []
    for item in items:
        out.append(Level(item.text("label"), _points(item, "points", max_points), item.text("label_en", "")))
        item.done()
    if len({lv.label for lv in out}) != len(out):
        raise r.fail("levels", "two levels have the same label")
    if len({lv.points for lv in out}) != len(out):
        raise r.fail("levels", "two levels are worth the same points")
    if max(lv.points for lv in out) != max_points:
        raise r.fail("levels", f"the best level must be worth the maximum ({max_points:g})")
    return tuple(sorted(out, key=lambda lv: -lv.points))


def _formula(r: TableReader, max_points: float) -> ReportFormula:
    form = r.text("form")
    if not form[:1].isalpha() or any(c not in FORM_ID_CHARS for c in form):
        raise r.fail("form", f"{form!r} is not a form id")
    kind = r.enum("period_kind", PeriodKind)
    expression = r.expr("value")
    assert isinstance(expression, Expression)
    thresholds = []
    for t in r.tables("thresholds", required=True):
        thresholds.append(Threshold(t.number("at_least"), _points(t, "points", max_points)))
        t.done()
    if not thresholds:
        raise r.fail("thresholds", "list at least one threshold")
    if [t.at_least for t in thresholds] != sorted((t.at_least for t in thresholds), reverse=True):
        raise r.fail("thresholds", "list the thresholds from the highest down")
    if len({t.at_least for t in thresholds}) != len(thresholds):
        raise r.fail("thresholds", "two thresholds are equal")
    otherwise = _points(r, "otherwise", max_points) if r.has("otherwise") else 0.0
    if max(t.points for t in thresholds) != max_points:
        raise r.fail("thresholds", f"the highest threshold must be worth the maximum ({max_points:g})")
    formula = ReportFormula(
        form=form, period_kind=kind.value, expression=expression, thresholds=tuple(thresholds),
        otherwise=otherwise, unit=r.text("unit", ""),
    )
    r.done()
    return formula


def read_method(r: TableReader, max_points: float) -> ScoringMethod:
    """The scoring method of a ``score`` field (keys ``method``, ``levels``, ``reports``,
    ``scored_by``, ``guide`` of the field's table)."""
    kind = r.enum("method", MethodKind, MethodKind.NUMBER)
    guide = r.text("guide", "")
    guide_en = r.text("guide_en", "")
    if kind is MethodKind.LEVELS:
        return ScoringMethod(kind, levels=_levels(r, max_points), guide=guide, guide_en=guide_en)
    if r.has("levels"):
        raise r.fail("levels", "only a method = \"levels\" sub-criterion has levels")
    if kind is MethodKind.REPORTS:
        sub = r.table("reports")
        if sub is None:
            raise r.fail("reports", "is required for method = \"reports\"")
        return ScoringMethod(kind, formula=_formula(sub, max_points), guide=guide, guide_en=guide_en)
    if r.has("reports"):
        raise r.fail("reports", "only a method = \"reports\" sub-criterion is computed from reports")
    if kind is MethodKind.NOT_SELF_SCORED:
        return ScoringMethod(kind, scored_by=r.enum("scored_by", ScoredBy, ScoredBy.APPRAISAL), guide=guide, guide_en=guide_en)
    if r.has("scored_by"):
        raise r.fail("scored_by", "only a method = \"not_self_scored\" sub-criterion names who scores it")
    return ScoringMethod(guide=guide, guide_en=guide_en) if guide else NUMBER_METHOD


def read_evidence(r: TableReader) -> EvidenceRequirement | None:
    sub = r.table("evidence")
    if sub is None:
        return None
    deadline = None
    d = sub.table("deadline")
    if d is not None:
        day, month = d.get("day", int, required=True), d.get("month", int, required=True)
        offset = d.get("year_offset", int, 0)
        if not 1 <= month <= 12 or not 1 <= day <= (29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31):
            raise d.fail("day", f"{day}/{month} is not a date")
        if offset not in (-1, 0, 1):
            raise d.fail("year_offset", "must be -1 (the year before), 0 or 1")
        d.done()
        deadline = DeadlineRule(day, month, offset)
    own = sub.text("own_reports", "")
    if own and (not own[:1].isalpha() or any(c not in FORM_ID_CHARS for c in own)):
        raise sub.fail("own_reports", f"{own!r} is not a form id")
    req = EvidenceRequirement(
        documents=sub.text("documents", ""),
        mandatory=bool(sub.get("mandatory", bool, False)),
        deadline=deadline,
        own_reports=own,
        documents_en=sub.text("documents_en", ""),
    )
    sub.done()
    return req


def read_rules(r: TableReader) -> ScoringRules | None:
    """The ``[scoring]`` table of a criteria set, or None when it has none."""
    sub = r.table("scoring")
    if sub is None:
        return None
    bands = []
    for b in sub.tables("bands"):
        code = b.text("code")
        if not ID_PATTERN.match(code):
            raise b.fail("code", f"{code!r} is not a valid code (lowercase letters, digits, _)")
        bands.append(Band(code, b.text("label"), b.number("at_least"), b.text("label_en", "")))
        b.done()
    if [x.at_least for x in bands] != sorted((x.at_least for x in bands), reverse=True):
        raise sub.fail("bands", "list the bands from the highest down")
    if len({x.code for x in bands}) != len(bands) or len({x.at_least for x in bands}) != len(bands):
        raise sub.fail("bands", "two bands have the same code or threshold")
    order = sub.get("area_order", list, [])
    if not all(isinstance(a, str) for a in order) or len(set(order)) != len(order):
        raise sub.fail("area_order", "must list section ids, each once")
    rules = ScoringRules(
        total=sub.number("total", 100.0),
        bands=tuple(bands),
        tie_break=sub.enum("tie_break", TieBreak, TieBreak.AREAS),
        area_order=tuple(order),
        rescale_without_survey=bool(sub.get("rescale_without_survey", bool, False)),
    )
    sub.done()
    return rules
