"""The definitions shipped with the program, and the "Gợi ý nội dung" drafts."""

from __future__ import annotations

import pytest

from forms.definition import (
    BUILTIN_DIR,
    FieldType,
    FormDefinition,
    Importance,
    builtin_definitions,
    load_definition,
)
from forms.engine import compute, score_totals
from forms.suggest import suggest_text
from tests.unit.form_support import definition, field_toml

# --- the shipped definitions ------------------------------------------------------------------


@pytest.fixture(scope="module")
def report_form() -> FormDefinition:
    return load_definition(BUILTIN_DIR / "cchc-xa-v1.toml")


@pytest.fixture(scope="module")
def scoring_form() -> FormDefinition:
    return load_definition(BUILTIN_DIR / "tu-cham-diem-xa-v1.toml")


def test_both_shipped_definitions_load() -> None:
    keys = [d.key for d in builtin_definitions()]
    assert keys == ["cchc-xa@1", "tu-cham-diem-xa@1", "tu-cham-diem-xa@2"]


def test_the_report_form(report_form: FormDefinition) -> None:
    d = report_form
    assert d.kind == "report"
    assert [s.id for s in d.sections] == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]
    types = {f.type for f in d.iter_fields()}
    assert {
        FieldType.INTEGER,
        FieldType.DECIMAL,
        FieldType.PERCENTAGE,
        FieldType.CHOICE,
        FieldType.TEXT,
        FieldType.NARRATIVE,
        FieldType.TABLE,
    } <= types
    ids = {f.id for f in d.iter_fields()}
    for fid in (
        "tthc_received_total",
        "tthc_received_online",
        "tthc_received_direct",
        "tthc_carried_over",
        "tthc_resolved_total",
        "tthc_resolved_early",
        "tthc_resolved_on_time",
        "tthc_resolved_late",
        "tthc_pending_total",
        "tthc_pending_within",
        "tthc_pending_overdue",
        "tthc_on_time_rate",
        "tthc_online_rate",
        "tthc_published",
        "feedback_received",
        "feedback_handled",
    ):
        assert fid in ids
    assert {r.id for r in d.rules} >= {
        "received_sum",
        "online_le_total",
        "resolved_sum",
        "pending_sum",
        "processed_le_received",
    }
    assert {r.importance for r in d.rules} == {Importance.ERROR, Importance.WARNING}
    for r in d.rules:
        assert r.message and r.message_en


def test_the_scoring_sheet_totals_100(scoring_form: FormDefinition) -> None:
    d = scoring_form
    assert d.kind == "scoring"
    assert d.max_points == 100
    assert "thay" in d.note  # tells provinces to replace it
    full = {f.id: f.max_points for f in d.iter_fields() if f.type is FieldType.SCORE}
    totals = score_totals(d, full)
    assert [t.section_id for t in totals] == [s.id for s in d.sections if s.max_points]
    assert sum(t.score for t in totals) == 100
    assert all(t.score == t.max_points for t in totals)
    assert score_totals(d, {}) == [t.__class__(t.section_id, t.title, 0.0, t.max_points) for t in totals]


def test_score_totals_per_area() -> None:
    d = definition(
        field_toml("a1", "score", "max_points = 2")
        + field_toml("a2", "score", "max_points = 3")
        + '[[sections]]\nid = "II"\ntitle = "Phần II"\n'
        + field_toml("b1", "score", "max_points = 5")
        + field_toml("note", "narrative")
    )
    totals = score_totals(d, {"a1": 1.5, "a2": 3, "b1": 99, "note": "x"})  # 99 is capped at 5
    assert [(t.section_id, t.score, t.max_points) for t in totals] == [("I", 4.5, 5.0), ("II", 5.0, 5.0)]
    assert score_totals(definition(field_toml("a", "integer")), {"a": 1}) == []


def test_suggest_text_uses_vietnamese_numbers(report_form: FormDefinition) -> None:
    values = compute(
        report_form,
        {
            "tthc_published": 1234,
            "tthc_received_total": 1500,
            "tthc_received_online": 600,
            "tthc_received_direct": 880,
            "tthc_carried_over": 20,
            "tthc_resolved_total": 1400,
            "tthc_resolved_early": 400,
            "tthc_resolved_on_time": 997,
            "tthc_resolved_late": 3,
            "tthc_pending_total": 100,
            "tthc_pending_within": 99,
            "tthc_pending_overdue": 1,
        },
    )
    text = suggest_text(report_form, "procedure_results", values)
    assert "Công khai 1.234 thủ tục hành chính" in text
    assert "tiếp nhận 1.500 hồ sơ, trong đó 600 hồ sơ trực tuyến" in text
    assert "đạt 99,7%" in text  # (400 + 997) / (1400 + 1) = 99,71…%
    assert "đạt 40,5%" in text  # 600 / 1480
    # No feedback figures were entered: that sentence is left out, never "0 phản ánh".
    assert "phản ánh" not in text


def test_suggest_text_skips_sentences_with_missing_figures(report_form: FormDefinition) -> None:
    values = compute(report_form, {"meetings_held": 2, "tasks_planned": 0, "tasks_completed": 0})
    text = suggest_text(report_form, "direction_results", values)
    assert (
        text
        == "Trong kỳ, Ủy ban nhân dân xã tổ chức 2 cuộc họp, hội nghị có nội dung về cải cách hành chính."
    )
    assert suggest_text(report_form, "direction_results", {}) == ""
    values = compute(report_form, {"budget_published": "yes", "recurrent_savings": 12.5})
    assert suggest_text(report_form, "finance_results", values) == (
        "Đã công khai dự toán, quyết toán ngân sách xã theo quy định. "
        "Số tiết kiệm chi thường xuyên trong kỳ là 12,5 triệu đồng."
    )
