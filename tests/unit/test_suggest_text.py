""" "Gợi ý nội dung" writes what a commune would: no "phát hiện 0 văn bản", no "…: có"."""

from __future__ import annotations

from forms.definition import FormDefinition, builtin_definitions
from forms.suggest import suggest_text


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
