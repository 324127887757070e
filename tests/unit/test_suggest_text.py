""" "Gợi ý nội dung" writes what a commune would: no "phát hiện 0 văn bản", no "…: có"."""

from __future__ import annotations

from forms.definition import FormDefinition, builtin_definitions
from forms.suggest import suggest_text, suggestions_for


def monthly() -> FormDefinition:
    return next(d for d in builtin_definitions() if d.id == "cchc-xa")


def test_a_clause_whose_figures_are_all_zero_is_left_out() -> None:
    d = monthly()
    text = suggest_text(
        d,
        "institution_results",
        {"legal_docs_issued": 3, "legal_docs_reviewed": 10, "legal_docs_to_amend": 0},
    )
    assert "phát hiện" not in text and text.endswith("rà soát, kiểm tra 10 văn bản.")
    with_some = suggest_text(
        d,
        "institution_results",
        {"legal_docs_issued": 3, "legal_docs_reviewed": 10, "legal_docs_to_amend": 2},
    )
    assert "qua đó phát hiện 2 văn bản cần sửa đổi" in with_some
    staff = suggest_text(d, "civil_service_results", {"staff_trained": 5, "staff_disciplined": 0})
    assert "kỷ luật" not in staff and staff.endswith("đào tạo, bồi dưỡng.")


def test_a_yes_or_no_becomes_a_statement() -> None:
    d = monthly()
    assert suggest_text(d, "finance_results", {"budget_published": "yes"}).startswith(
        "Đã công khai dự toán, quyết toán ngân sách xã theo quy định."
    )
    no = suggest_text(d, "finance_results", {"budget_published": "no"})
    assert no.startswith("Chưa công khai dự toán") and ": có" not in no and ": không" not in no


def test_part_viii_has_a_draft_from_the_reports_own_figures() -> None:
    # The shipped v1 definition gives part VIII no sentences and cannot change (its text is
    # held by hash); the core supplies them while the definition has none.
    d = monthly()
    assert d.field("next_tasks").suggest == () and suggestions_for(d, "next_tasks")
    figures = {
        "tasks_planned": 8,
        "tasks_completed": 7,
        "tthc_pending_total": 12,
        "tthc_pending_overdue": 2,
        "legal_docs_to_amend": 0,
        "tthc_online_rate": 41.5,
        "records_digitised_rate": 80.0,
    }
    text = suggest_text(d, "next_tasks", figures)
    assert "đã hoàn thành 7/8 nhiệm vụ" in text
    assert "12 hồ sơ thủ tục hành chính đang giải quyết, trong đó 2 hồ sơ đã quá hạn" in text
    assert "kỳ này đạt 41,5%" in text and "0 văn bản" not in text
    assert "2 hồ sơ thủ tục hành chính đang quá hạn" in suggest_text(d, "proposals", figures)
    assert suggest_text(d, "proposals", {**figures, "tthc_pending_overdue": 0}) == ""
    # A field with sentences of its own keeps exactly those.
    assert suggestions_for(d, "direction_results") == d.field("direction_results").suggest
