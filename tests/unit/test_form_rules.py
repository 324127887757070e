"""The form engine's rules (operators, missing values, importance) and computed fields."""

from __future__ import annotations

from typing import Any

import pytest

from forms.definition import (
    FormDefinition,
    Importance,
    MissingStrategy,
    Operator,
)
from forms.display import display_value
from forms.engine import compute, evaluate
from forms.numbers import DASH
from tests.unit.form_support import TABLE, definition, field_toml

# --- rules ------------------------------------------------------------------------------------


def rule_form(
    operator: str,
    *,
    left: str = "a",
    right: str = "b",
    importance: str = "error",
    missing: str | None = None,
    types: str = "integer",
) -> FormDefinition:
    fields = field_toml("a", types) + field_toml("b", types)
    extra = f'missing = "{missing}"\n' if missing else ""
    rules = (
        f'[[rules]]\nid = "r"\nleft = "{left}"\noperator = "{operator}"\nright = "{right}"\n'
        f'importance = "{importance}"\n{extra}message = "Hãy sửa a hoặc b."\nmessage_en = "Fix a or b."\n'
    )
    return definition(fields, rules)


@pytest.mark.parametrize(
    ("operator", "a", "b", "holds"),
    [
        ("==", 3, 3, True),
        ("==", 3, 4, False),
        ("!=", 3, 4, True),
        ("!=", 3, 3, False),
        ("<", 3, 4, True),
        ("<", 4, 4, False),
        ("<", 5, 4, False),
        ("<=", 3, 4, True),
        ("<=", 4, 4, True),
        ("<=", 5, 4, False),
        (">", 5, 4, True),
        (">", 4, 4, False),
        (">", 3, 4, False),
        (">=", 5, 4, True),
        (">=", 4, 4, True),
        (">=", 3, 4, False),
    ],
)
def test_comparison_operators(operator: str, a: int, b: int, holds: bool) -> None:
    d = rule_form(operator)
    assert d.rules[0].operator is Operator(operator)
    ev = evaluate(d, {"a": a, "b": b})
    assert (not ev.issues) is holds
    if not holds:
        (issue,) = ev.issues
        assert issue.rule_id == "r"
        assert issue.text() == "Hãy sửa a hoặc b."
        assert issue.text("en") == "Fix a or b."
        assert issue.fields == ("a", "b")
        assert issue.section_id == "I"


def test_equality_tolerates_float_noise() -> None:
    d = definition(
        field_toml("a", "decimal") + field_toml("b", "decimal"),
        '[[rules]]\nid = "r"\nleft = "a + b"\noperator = "=="\nright = "0.3"\nmessage = "m"\n',
    )
    assert not evaluate(d, {"a": 0.1, "b": 0.2}).issues


@pytest.mark.parametrize(
    ("operator", "values", "holds"),
    [
        ("compulsory_pair", {"a": "x", "b": "y"}, True),
        ("compulsory_pair", {}, True),
        ("compulsory_pair", {"a": "x"}, False),
        ("compulsory_pair", {"b": "y"}, False),
        ("exclusive_pair", {"a": "x", "b": "y"}, False),
        ("exclusive_pair", {"a": "x"}, True),
        ("exclusive_pair", {"b": "y"}, True),
        ("exclusive_pair", {}, True),
    ],
)
def test_pair_operators_on_text(operator: str, values: dict[str, Any], holds: bool) -> None:
    ev = evaluate(rule_form(operator, types="text"), values)
    assert (not ev.issues) is holds


@pytest.mark.parametrize(
    ("operator", "values", "holds"),
    [
        ("compulsory_pair", {"a": 0, "b": 5}, True),  # 0 is a value, not "missing"
        ("compulsory_pair", {"a": 0}, False),
        ("exclusive_pair", {"a": 0, "b": 0}, False),
        ("exclusive_pair", {"b": 0}, True),
    ],
)
def test_pair_operators_on_numbers(operator: str, values: dict[str, Any], holds: bool) -> None:
    ev = evaluate(rule_form(operator), values)
    assert (not ev.issues) is holds


@pytest.mark.parametrize(
    ("missing", "values", "holds"),
    [
        # skip_if_any_missing (the default): one side missing → the rule is not run
        (None, {"a": 5}, True),
        ("skip_if_any_missing", {"a": 5}, True),
        ("skip_if_any_missing", {}, True),
        ("skip_if_any_missing", {"a": 5, "b": 4}, False),
        # skip_if_all_missing: run when anything is there, the missing counting as 0
        ("skip_if_all_missing", {"a": 5}, False),  # 5 <= 0
        ("skip_if_all_missing", {"b": 4}, True),  # 0 <= 4
        ("skip_if_all_missing", {}, True),
        # never_skip: always run, missing is 0
        ("never_skip", {}, True),  # 0 <= 0
        ("never_skip", {"a": 1}, False),
    ],
)
def test_missing_value_strategies(missing: str | None, values: dict[str, Any], holds: bool) -> None:
    d = rule_form("<=", missing=missing)
    assert d.rules[0].missing is MissingStrategy(missing or "skip_if_any_missing")
    assert (not evaluate(d, values).issues) is holds


def test_never_skip_reports_an_empty_requirement() -> None:
    d = rule_form(">=", right="1", missing="never_skip")
    assert [i.rule_id for i in evaluate(d, {}).issues] == ["r"]
    d = rule_form(">=", right="1", missing="skip_if_all_missing")
    assert evaluate(d, {}).issues == []


def test_error_and_warning() -> None:
    ev = evaluate(rule_form("<=", importance="error"), {"a": 5, "b": 4})
    assert [i.importance for i in ev.errors] == [Importance.ERROR]
    assert ev.warnings == []
    assert ev.section_state("I") == "error"
    ev = evaluate(rule_form("<=", importance="warning"), {"a": 5, "b": 4})
    assert ev.errors == []
    assert [i.rule_id for i in ev.warnings] == ["r"]
    assert ev.section_state("I") == "warning"
    assert ev.issues_for("a") == ev.warnings
    ev = evaluate(rule_form("<=", importance="warning"), {"a": 1, "b": 4})
    assert ev.section_state("I") == "ok"


def test_bad_stored_value_is_an_error_issue_not_an_exception() -> None:
    d = rule_form("<=")
    ev = evaluate(d, {"a": "mười", "b": 4})
    assert [i.rule_id for i in ev.errors] == ["value:a"]
    assert "không phải là số" in ev.errors[0].text("vi")
    assert "a" not in ev.values


def test_required_fields() -> None:
    d = definition(
        field_toml("a", "integer", "required = true") + field_toml("t", "narrative", "required = true")
    )
    ev = evaluate(d, {"t": "   "})
    assert sorted(i.rule_id for i in ev.errors) == ["required:a", "required:t"]
    assert all("Chỉ tiêu" in i.text() for i in ev.errors)
    assert evaluate(d, {"a": 0, "t": "Có nội dung"}).issues == []


# --- computed fields --------------------------------------------------------------------------


def test_computed_fields_update_and_chain() -> None:
    # "share" depends on "total", which is listed after it: order in the file does not matter.
    d = definition(
        field_toml("share", "percentage", 'formula = "percent(a, total)"')
        + field_toml("a", "integer")
        + field_toml("b", "integer")
        + field_toml("total", "integer", 'formula = "a + b"')
        + field_toml("double_share", "decimal", 'formula = "share * 2"')
    )
    v = compute(d, {"a": 1, "b": 3})
    assert (v["total"], v["share"], v["double_share"]) == (4, 25.0, 50.0)
    v = compute(d, {"a": 3, "b": 3})
    assert (v["total"], v["share"], v["double_share"]) == (6, 50.0, 100.0)
    ev = evaluate(d, {"a": 1, "b": 1, "total": 999})  # a stored computed value is not trusted
    assert ev.values["total"] == 2


def test_zero_denominator_gives_none_shown_as_dash() -> None:
    d = definition(
        field_toml("a", "integer")
        + field_toml("b", "integer")
        + field_toml("rate", "percentage", 'formula = "percent(a, b)"')
        + field_toml("ratio", "decimal", 'formula = "a / b"')
        + field_toml("chained", "decimal", 'formula = "rate + 1"')
    )
    for values in ({"a": 5, "b": 0}, {"a": 0, "b": 0}, {"a": 5}, {}):
        ev = evaluate(d, values)
        assert ev.values["rate"] is None
        assert ev.values["ratio"] is None
        assert ev.values["chained"] is None
        assert display_value(d.field("rate"), ev.values["rate"]) == DASH
        assert ev.issues == []


def test_computed_integer_is_rounded_and_rates_are_shown_in_vietnamese() -> None:
    d = definition(
        field_toml("a", "integer")
        + field_toml("b", "integer")
        + field_toml("half", "integer", 'formula = "a / 2"')
        + field_toml("rate", "percentage", 'formula = "percent(a, b)"')
    )
    v = compute(d, {"a": 7, "b": 3})
    assert v["half"] == 4 and type(v["half"]) is int
    assert display_value(d.field("rate"), v["rate"]) == "233,3%"


def test_table_column_sums_in_formulas_and_rules() -> None:
    d = definition(
        TABLE
        + field_toml("total", "integer")
        + field_toml("by_domain", "integer", 'formula = "sum(tbl.received)"')
        + field_toml("most", "integer", 'formula = "max(tbl.received)"')
        + field_toml("rows", "integer", 'formula = "count(tbl.received)"'),
        '[[rules]]\nid = "domains_add_up"\nleft = "sum(tbl.received)"\noperator = "=="\nright = "total"\n'
        'message = "Tổng theo lĩnh vực phải bằng tổng số."\n',
    )
    rows = [{"domain": "Hộ tịch", "received": 10}, {"domain": "Đất đai", "received": 5}, {"domain": "Khác"}]
    ev = evaluate(d, {"tbl": rows, "total": 15})
    assert (ev.values["by_domain"], ev.values["most"], ev.values["rows"]) == (15, 10, 2)
    assert ev.issues == []
    ev = evaluate(d, {"tbl": rows, "total": 16})
    assert [(i.rule_id, i.fields) for i in ev.issues] == [("domains_add_up", ("tbl", "total"))]
    assert evaluate(d, {"total": 0}).values["by_domain"] == 0  # no rows: the sum is 0


def test_a_rate_over_a_table_column_is_none_not_an_exception() -> None:
    # The loader accepts a numeric column as an argument of percent(); evaluation must not raise.
    d = definition(
        TABLE
        + field_toml("total", "integer")
        + field_toml("share", "percentage", 'formula = "percent(tbl.received, total)"')
    )
    ev = evaluate(d, {"tbl": [{"received": 3}], "total": 6})
    assert ev.values["share"] is None


def test_display_values() -> None:
    d = definition(TABLE + field_toml("c", "choice") + field_toml("dt", "date") + field_toml("n", "decimal"))
    assert display_value(d.field("c"), "na") == "Không áp dụng"
    assert display_value(d.field("dt"), "2027-02-05") == "05/02/2027"
    assert display_value(d.field("n"), 1234.5) == "1.234,5"
    assert display_value(d.field("tbl"), [{}, {}]) == "2 dòng"
    assert display_value(d.field("tbl"), [{}, {}], lang="en") == "2 rows"
    assert display_value(d.field("n"), None) == DASH
