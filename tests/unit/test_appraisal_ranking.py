"""The final index, ranking and classification from appraised points (pure: no database)."""

from __future__ import annotations

import dataclasses

import pytest

from forms.definition import builtin_definitions
from forms.model import FormDefinition
from forms.scoring import TieBreak, rank
from reports.appraisal.basis import choose_basis
from reports.appraisal.ranking import CommuneResult, score_commune, survey_fields
from reports.storage.appraisal import AppraisedPoints, Round, ScoringRow


@pytest.fixture(scope="module")
def criteria() -> FormDefinition:
    return max((d for d in builtin_definitions() if d.kind == "scoring"), key=lambda d: d.version)


def row(code: str, values: dict[str, float], revision: int = 1, arrived: str = "2027-01-10T03:00:00Z") -> ScoringRow:
    return ScoringRow(revision, f"{code}-{revision}", code, f"Xã {code}", 2, revision, values, arrived, arrived)


def full_marks(d: FormDefinition) -> dict[str, float]:
    return {f.id: f.max_points or 0.0 for f in d.scored_fields() if f.self_scored}


def appraised(code: str, points: dict[str, float], source: str = "appraisal") -> dict[str, AppraisedPoints]:
    return {k: AppraisedPoints(code, k, v, None, "", source, "tester", "2027-02-01T00:00:00Z") for k, v in points.items()}


def test_final_index_adds_appraised_and_survey_points(criteria: FormDefinition) -> None:
    values = full_marks(criteria)
    province = {f.id: f.max_points or 0.0 for f in criteria.scored_fields() if not f.self_scored}
    a = appraised("00001", {**values, **province})
    result = score_commune(criteria, row("00001", values), a, survey_run=True)
    assert result.complete
    assert result.score == pytest.approx(criteria.max_points)
    assert sum(result.areas.values()) == pytest.approx(result.score)


def test_appraised_points_replace_the_self_score(criteria: FormDefinition) -> None:
    values = full_marks(criteria)
    cut = {"s1_plan_on_time": 1.0}
    everything = {**values, **cut, **{f: 0.0 for f in (f.id for f in criteria.scored_fields() if not f.self_scored)}}
    result = score_commune(criteria, row("00001", values), appraised("00001", everything), survey_run=True)
    assert result.points["s1_plan_on_time"] == 1.0
    assert result.score == pytest.approx(sum(values.values()) - 1.0)


def test_unappraised_criteria_count_as_provisional_and_are_listed(criteria: FormDefinition) -> None:
    values = full_marks(criteria)
    result = score_commune(criteria, row("00001", values), {}, survey_run=True)
    assert not result.complete
    assert set(result.missing) == {f.id for f in criteria.scored_fields()}


def test_without_a_survey_the_rest_is_rescaled_to_the_total(criteria: FormDefinition) -> None:
    assert criteria.scoring is not None and criteria.scoring.rescale_without_survey
    survey = survey_fields(criteria)
    survey_max = sum(f.max_points or 0 for f in criteria.scored_fields() if f.id in survey)
    values = full_marks(criteria)
    others = {f.id: f.max_points or 0.0 for f in criteria.scored_fields() if not f.self_scored and f.id not in survey}
    result = score_commune(criteria, row("00001", values), appraised("00001", {**values, **others}), survey_run=False)
    assert result.complete  # the survey does not count when none was run
    counted = criteria.max_points - survey_max
    assert result.score == pytest.approx(round(counted * criteria.max_points / counted, 2))


def test_ties_break_by_area_order_then_share_a_rank(criteria: FormDefinition) -> None:
    assert criteria.scoring is not None
    order = criteria.area_order()
    first, second = order[0], order[1]
    a = CommuneResult("A", "A", 1, {}, {first: 10, second: 5}, 80.0, ())
    b = CommuneResult("B", "B", 2, {}, {first: 12, second: 3}, 80.0, ())
    c = CommuneResult("C", "C", 3, {}, {first: 12, second: 3}, 80.0, ())
    d = CommuneResult("D", "D", 4, {}, {first: 1}, 90.0, ())
    ranked = rank([a, b, c, d], lambda r: r.score, lambda r: r.areas, criteria.scoring, order)
    assert [(place, r.unit_code) for place, r in ranked] == [(1, "D"), (2, "B"), (2, "C"), (4, "A")]
    shared = dataclasses.replace(criteria.scoring, tie_break=TieBreak.SHARED)
    ranked = rank([a, b, c, d], lambda r: r.score, lambda r: r.areas, shared, order)
    assert [place for place, _ in ranked] == [1, 2, 2, 2]


@pytest.mark.parametrize(("score", "band"), [(95, "xuat_sac"), (90, "xuat_sac"), (89.99, "tot"), (80, "tot"),
                                             (70, "kha"), (50, "trung_binh"), (10, "yeu")])
def test_classification_bands_come_from_the_criteria_set(criteria: FormDefinition, score: float, band: str) -> None:
    assert criteria.scoring is not None
    found = criteria.scoring.classify(score)
    assert found is not None and found.code == band


def test_an_answer_counts_by_its_arrival_not_the_communes_clock() -> None:
    sent = Round("tc", "2026", "2027-02-20", "2027-02-10T02:00:00Z", None, 1)
    first = row("00001", {}, 1, "2027-01-10T03:00:00Z")
    in_time = row("00001", {}, 2, "2027-02-20T16:30:00Z")  # 23:30 on 20/02 in Vietnam: in time
    late = row("00001", {}, 3, "2027-02-20T17:30:00Z")  # 00:30 on 21/02 in Vietnam: late
    b = choose_basis([first], sent, set())
    assert b.row is first and b.answer is None
    b = choose_basis([first, in_time], sent, set())
    assert b.row is in_time and b.answer_applied and not b.answer_late
    b = choose_basis([first, in_time, late], sent, set())
    assert b.row is in_time and b.answer is late and b.answer_late and not b.answer_applied
    b = choose_basis([first, in_time, late], sent, {late.uid})
    assert b.row is late and b.answer_applied
