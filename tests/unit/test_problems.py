"""The problem list shared by the editor's check panel, `cchc validate` and finalising."""

from __future__ import annotations

from forms.definition import FormDefinition, builtin_definitions
from forms.engine import evaluate
from forms.problems import Draft, blocking, build_problems


def monthly() -> FormDefinition:
    return next(d for d in builtin_definitions() if d.id == "cchc-xa")


def test_a_value_that_does_not_parse_is_one_error_and_is_not_kept() -> None:
    draft = Draft(monthly(), {"meetings_held": 2})
    ok, _ = draft.edit("meetings_held", "hai")
    assert not ok
    assert draft.values["meetings_held"] == 2  # the stored value stays until the typo is fixed
    mine = [p for p in draft.problems({}) if p.field_id == "meetings_held"]
    assert [(p.level, p.rule_id) for p in mine] == [("error", "value:meetings_held")]
    assert draft.bad_labels() == ["Số cuộc họp, hội nghị có nội dung CCHC"]
    ok, value = draft.edit("meetings_held", "3")
    assert ok and value == 3 and draft.values["meetings_held"] == 3 and not draft.bad


def test_empty_required_fields_block_finalising_and_confirmed_warnings_do_not() -> None:
    definition = monthly()
    values = {"tthc_received_total": 10, "tthc_resolved_total": 5, "tthc_pending_total": 2}
    ev = evaluate(definition, values)
    problems = build_problems(definition, ev, {})
    errors, warnings = blocking(problems)
    assert any(p.level == "missing" for p in errors)
    assert "processed_eq_received" in {p.rule_id for p in warnings}
    confirmed = build_problems(definition, ev, {"processed_eq_received": "2 hồ sơ rút"})
    assert "processed_eq_received" not in {p.rule_id for p in blocking(confirmed)[1]}
    [ack] = [p for p in confirmed if p.rule_id == "processed_eq_received"]
    assert ack.level == "acknowledged" and ack.note == "2 hồ sơ rút"


def test_the_problem_takes_you_to_the_field_being_edited_when_it_is_concerned() -> None:
    draft = Draft(monthly(), {"tthc_pending_within": 1, "tthc_pending_overdue": 1})
    draft.edit("tthc_pending_total", "5")
    [p] = [p for p in draft.problems({}) if p.rule_id == "pending_sum"]
    assert p.field_id == "tthc_pending_total"
    messages, states = draft.field_messages({}, show_missing=False)
    assert [m.rule_id for m in messages["tthc_pending_total"]] == ["pending_sum"]
    assert states["tthc_pending_within"] == "error"
    assert not any(m.rule_id and m.rule_id.startswith("required:") for ms in messages.values() for m in ms)


def test_two_fields_with_the_same_label_are_told_apart_by_their_group() -> None:
    """Part III has two "Trong đó: quá hạn" (late among resolved, overdue among pending):
    the check list showed two identical messages."""
    definition = monthly()
    problems = build_problems(definition, evaluate(definition, {}), {})
    late = [p.text for p in problems if p.field_id in ("tthc_resolved_late", "tthc_pending_overdue")]
    assert len(late) == 2 and late[0] != late[1]
    assert all("Trong đó: quá hạn" in text for text in late)
