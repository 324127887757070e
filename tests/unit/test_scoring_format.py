"""The scoring format of a criteria set: methods (levels, number, formula over the filed
reports with thresholds, not self-scored), evidence requirements, bands and ranking ties,
and the shipped sample set version 2."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from forms.definition import DefinitionError, FieldType, FormDefinition, builtin_definitions, parse_definition
from forms.engine import ValueProblem, coerce, coerce_all, evaluate, score_totals
from forms.expressions import MISSING
from forms.scoring import PROVIDED_NAMES, MethodKind, ScoredBy, ScoringRules, TieBreak, rank

HEAD = """
id = "tieu-chi-thu"
version = 1
kind = "scoring"
title = "Bộ tiêu chí thử"
summary = "Kết quả {period}"
period_kinds = ["year"]
"""


def sheet(fields: str, scoring: str = "") -> FormDefinition:
    return parse_definition(HEAD + scoring + '\n[[sections]]\nid = "1"\ntitle = "Lĩnh vực 1"\n' + fields)


LEVELS = """
[[sections.fields]]
id = "plan"
type = "score"
label = "Ban hành kế hoạch"
max_points = 2
method = "levels"
levels = [{ label = "Đúng hạn", points = 2 }, { label = "Chậm", points = 1 }, { label = "Không ban hành", points = 0 }]

[sections.fields.evidence]
documents = "Kế hoạch CCHC năm"
mandatory = true
deadline = { day = 31, month = 12, year_offset = -1 }
"""

REPORTS = """
[[sections.fields]]
id = "on_time"
type = "score"
label = "Tỷ lệ đúng hạn"
max_points = 2
method = "reports"

[sections.fields.reports]
form = "cchc-xa"
period_kind = "month"
value = "percent(sum(tthc_resolved_early) + sum(tthc_resolved_on_time), sum(tthc_resolved_total))"
unit = "%"
thresholds = [{ at_least = 98, points = 2 }, { at_least = 95, points = 1 }]
"""

SURVEY = """
[[sections.fields]]
id = "survey"
type = "score"
label = "Hài lòng"
max_points = 6
method = "not_self_scored"
scored_by = "survey"
"""

NUMBER = """
[[sections.fields]]
id = "free"
type = "score"
label = "Tuyên truyền"
max_points = 2
"""


def test_every_method_is_read() -> None:
    d = sheet(LEVELS + REPORTS + SURVEY + NUMBER)
    plan, on_time, survey, free = (d.field(x) for x in ("plan", "on_time", "survey", "free"))
    assert plan.method.kind is MethodKind.LEVELS and [lv.points for lv in plan.method.levels] == [2, 1, 0]
    assert plan.evidence is not None and plan.evidence.mandatory
    assert plan.evidence.deadline is not None and plan.evidence.deadline.date_for(2026).isoformat() == "2025-12-31"
    assert on_time.from_reports and not on_time.computed and on_time.method.formula is not None
    assert on_time.method.formula.form == "cchc-xa" and on_time.method.formula.period_kind == "month"
    assert survey.method.scored_by is ScoredBy.SURVEY and not survey.self_scored
    assert free.method.kind is MethodKind.NUMBER and free.method.typeable and free.evidence is None


def test_thresholds_give_points() -> None:
    formula = sheet(REPORTS).field("on_time").method.formula
    assert formula is not None
    assert [formula.points(v) for v in (100, 98, 97.99, 95, 94.9, 0)] == [2, 2, 1, 1, 0, 0]
    assert formula.points(MISSING) is None and formula.points([1]) is None


def test_levels_are_the_only_scores_and_can_be_chosen_by_label() -> None:
    plan = sheet(LEVELS).field("plan")
    assert coerce(plan, "1") == 1 and coerce(plan, "chậm") == 1 and coerce(plan, "Đúng hạn") == 2
    with pytest.raises(ValueProblem) as err:
        coerce(plan, "1,5")
    assert err.value.code == "not_a_level" and "Chậm — 1" in err.value.message()


def test_computed_and_province_scores_cannot_be_typed_but_stored_values_count() -> None:
    d = sheet(REPORTS + SURVEY + NUMBER)
    for fid, code in (("on_time", "computed"), ("survey", "not_self_scored")):
        with pytest.raises(ValueProblem) as err:
            coerce(d.field(fid), "1")
        assert err.value.code == code
    assert coerce_all(d, {"on_time": 2, "survey": 5, "free": 1}) == {"free": 1}
    ev = evaluate(d, {"on_time": 2, "free": 1})
    assert not ev.errors and ev.values["on_time"] == 2
    assert score_totals(d, ev.values)[0].score == 3


@pytest.mark.parametrize(
    ("fields", "scoring", "where", "reason"),
    [
        (LEVELS.replace("points = 2 }", "points = 3 }"), "", "levels[0].points", "above the sub-criterion's maximum"),
        (LEVELS.replace('{ label = "Chậm", points = 1 }, ', "").replace(', { label = "Không ban hành", points = 0 }', ""),
         "", "levels", "at least two"),
        (LEVELS.replace('method = "levels"\n', ""), "", "levels", "only a method"),
        (REPORTS.replace("at_least = 98, points = 2 }, { at_least = 95", "at_least = 95, points = 2 }, { at_least = 98"),
         "", "thresholds", "highest down"),
        (REPORTS.replace("percent(sum(", "percent(__import__("), "", "reports.value", "not allowed"),
        (REPORTS.replace('period_kind = "month"', 'period_kind = "week"'), "", "period_kind", "not one of"),
        (REPORTS.replace('form = "cchc-xa"\n', ""), "", "reports.form", "required"),
        (SURVEY.replace('"survey"', '"anyone"'), "", "scored_by", "not one of"),
        (NUMBER + 'scored_by = "survey"\n', "", "scored_by", "only a method"),
        (LEVELS.replace("month = 12", "month = 2").replace("day = 31", "day = 30"), "", "deadline.day", "not a date"),
        (NUMBER, "[scoring]\ntotal = 100\n", "scoring.total", "add up to 2 points, not 100"),
        (NUMBER, '[scoring]\ntotal = 2\narea_order = ["9"]\n', "scoring.area_order", "not a scored section"),
        (NUMBER, "[scoring]\ntotal = 2\n[[scoring.bands]]\ncode = \"a\"\nlabel = \"A\"\nat_least = 1\n"
         "[[scoring.bands]]\ncode = \"b\"\nlabel = \"B\"\nat_least = 1.5\n", "scoring.bands", "highest down"),
        (NUMBER, "[scoring]\ntotal = 2\nbands = 1\n", "scoring.bands", "must be list"),
        (NUMBER.replace('max_points = 2\n', 'max_points = 2\nthreshold = 1\n'), "", "threshold", "not a known key"),
    ],
)
def test_bad_scoring_is_named(fields: str, scoring: str, where: str, reason: str) -> None:
    with pytest.raises(DefinitionError) as err:
        sheet(fields, scoring)
    assert err.value.where.endswith(where), err.value.where
    assert reason in err.value.reason


def test_a_report_form_has_no_scoring_and_other_fields_no_method() -> None:
    with pytest.raises(DefinitionError):
        parse_definition(HEAD.replace('kind = "scoring"', 'kind = "report"') + "[scoring]\ntotal = 1\n"
                         + '[[sections]]\nid = "1"\ntitle = "T"\n' + NUMBER)
    with pytest.raises(DefinitionError) as err:
        sheet('[[sections.fields]]\nid = "n"\ntype = "integer"\nlabel = "N"\nmethod = "levels"\n')
    assert err.value.where.endswith("method")


@dataclass
class Unit:
    name: str
    total: float
    areas: dict[str, float]


def test_bands_and_ranking_ties() -> None:
    bands = "".join(
        f'[[scoring.bands]]\ncode = "{c}"\nlabel = "{label}"\nat_least = {n}\n'
        for c, label, n in (("tot", "Tốt", 1.5), ("kha", "Khá", 1), ("yeu", "Yếu", 0))
    )
    d = sheet(NUMBER, "[scoring]\ntotal = 2\n" + bands)
    assert d.scoring is not None
    assert [d.scoring.classify(x).label for x in (2, 1.5, 1.49, 0.99, 0)] == ["Tốt", "Tốt", "Khá", "Yếu", "Yếu"]  # type: ignore[union-attr]
    units = [Unit("a", 80, {"1": 30, "2": 50}), Unit("b", 80, {"1": 40, "2": 40}), Unit("c", 90, {}), Unit("d", 80, {"1": 40, "2": 40})]
    by_areas = rank(units, lambda u: u.total, lambda u: u.areas, ScoringRules(), ["1", "2"])
    assert [(r, u.name) for r, u in by_areas] == [(1, "c"), (2, "b"), (2, "d"), (4, "a")]
    second_first = rank(units, lambda u: u.total, lambda u: u.areas, ScoringRules(area_order=("2", "1")), ["1", "2"])
    assert [u.name for _, u in second_first][:2] == ["c", "a"]
    shared = rank(units, lambda u: u.total, lambda u: u.areas, ScoringRules(tie_break=TieBreak.SHARED), ["1", "2"])
    assert [r for r, _ in shared] == [1, 2, 2, 2]


def test_the_sample_set_version_2() -> None:
    d = next(x for x in builtin_definitions() if x.key == "tu-cham-diem-xa@2")
    report = next(x for x in builtin_definitions() if x.key == "cchc-xa@1")
    scored = list(d.scored_fields())
    assert d.max_points == 100 and d.scoring is not None and d.scoring.total == 100
    assert 28 <= len(scored) <= 36
    computed = [f for f in scored if f.from_reports]
    assert len(computed) >= 6
    numeric = {f.id for f in report.iter_fields() if f.type in (FieldType.INTEGER, FieldType.DECIMAL)}
    for f in computed:  # every name a computed criterion reads is a figure of the monthly report
        assert f.method.formula is not None and f.method.formula.form == report.id
        assert f.method.formula.expression.names <= numeric | PROVIDED_NAMES, f.id
    assert 2 <= sum(1 for f in scored if not f.self_scored) <= 5
    assert any(f.method.levels for f in scored) and any(f.method.kind is MethodKind.NUMBER for f in scored)
    assert all(f.evidence is not None for f in scored if f.self_scored)
    assert "MẪU" in d.note and "mẫu" in d.title  # a sample, replaced by each province
    assert d.scoring.bands[0].label == "Xuất sắc"
    assert d.area_order()[0] == "3"
