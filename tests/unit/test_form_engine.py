"""The form engine: field types, rules, computed fields, the safe expressions, the loader,
the shipped definitions and the "Gợi ý nội dung" drafts."""

from __future__ import annotations

import math
import unicodedata
from typing import Any

import pytest

from forms.definition import (
    BUILTIN_DIR,
    DefinitionError,
    FieldType,
    FormDefinition,
    Importance,
    MissingStrategy,
    Operator,
    builtin_definitions,
    load_definition,
    parse_definition,
)
from forms.display import display_value
from forms.engine import ValueProblem, coerce, coerce_all, compute, evaluate, score_totals
from forms.expressions import MISSING, Expression, ExpressionError
from forms.numbers import DASH
from forms.suggest import suggest_text

HEADER = """
id = "test-form"
version = 1
title = "Biểu mẫu thử"
summary = "Kết quả {period}"
period_kinds = ["month"]
"""


def definition(fields: str, rules: str = "", *, section: str = "I") -> FormDefinition:
    return parse_definition(
        f'{HEADER}\n[[sections]]\nid = "{section}"\ntitle = "Phần thử"\n{fields}\n{rules}', "test.toml"
    )


def field_toml(fid: str, ftype: str, extra: str = "") -> str:
    return f'[[sections.fields]]\nid = "{fid}"\ntype = "{ftype}"\nlabel = "Chỉ tiêu {fid}"\n{extra}\n'


def single(ftype: str, extra: str = "") -> Any:
    return definition(field_toml("x", ftype, extra)).field("x")


def problem(f: Any, raw: Any) -> str:
    with pytest.raises(ValueProblem) as exc_info:
        coerce(f, raw)
    assert exc_info.value.field_id.startswith(f.id)
    assert exc_info.value.message("vi")
    assert exc_info.value.message("en")
    return exc_info.value.code


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# --- field types ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        (12, 12),
        ("12", 12),
        ("1.234", 1234),
        (" 7 ", 7),
        (5.0, 5),
        ("5,0", 5),
        (0, 0),
        (10**12, 10**12),
        (None, None),
        ("", None),
        ("   ", None),
    ],
)
def test_integer_accepts(raw: Any, value: Any) -> None:
    got = coerce(single("integer"), raw)
    assert got == value
    assert got is None or type(got) is int


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (-1, "negative"),
        ("-3", "negative"),
        ("5,5", "not_whole"),
        (2.5, "not_whole"),
        ("abc", "not_a_number"),
        (True, "not_a_number"),
        (math.nan, "not_a_number"),
        (math.inf, "not_a_number"),
        (10**12 + 1, "too_large"),
        ("1e3", "not_a_number"),
        ([1], "not_a_number"),
        ({"a": 1}, "not_a_number"),
    ],
)
def test_integer_refuses(raw: Any, code: str) -> None:
    assert problem(single("integer"), raw) == code


def test_integer_beyond_the_str_digit_limit_is_too_large() -> None:
    # Python refuses str() of an int over 4,300 digits with a ValueError; coerce must still
    # answer "too large" (evaluate() only catches ValueProblem).
    f = single("integer")
    for huge in (10**5000, -(10**5000)):
        assert problem(f, huge) == "too_large"
    d = definition(field_toml("x", "integer"))
    assert [i.rule_id for i in evaluate(d, {"x": 10**5000}).errors] == ["value:x"]


@pytest.mark.parametrize(
    ("raw", "value"),
    [("12,5", 12.5), ("1.234,5", 1234.5), (-3.5, -3.5), ("-0,25", -0.25), (2.0, 2), ("7", 7), (0.1, 0.1)],
)
def test_decimal_accepts(raw: Any, value: Any) -> None:
    assert coerce(single("decimal"), raw) == value


@pytest.mark.parametrize(
    ("raw", "code"), [("abc", "not_a_number"), (math.inf, "not_a_number"), (-(10**13), "too_large")]
)
def test_decimal_refuses(raw: Any, code: str) -> None:
    assert problem(single("decimal"), raw) == code


def test_percentage_is_computed_never_typed() -> None:
    d = definition(
        field_toml("a", "integer")
        + field_toml("b", "integer")
        + field_toml("rate", "percentage", 'formula = "percent(a, b)"')
    )
    assert d.field("rate").computed
    assert problem(d.field("rate"), "50") == "computed"
    assert compute(d, {"a": 1, "b": 8})["rate"] == 12.5
    assert compute(d, {"a": 2, "b": 3})["rate"] == pytest.approx(66.6667)


def test_percentage_needs_a_formula() -> None:
    with pytest.raises(DefinitionError) as exc_info:
        definition(field_toml("rate", "percentage"))
    assert exc_info.value.where == "sections[0].fields[0].formula"


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("yes", "yes"),
        ("no", "no"),
        ("na", "na"),
        ("Có", "yes"),
        ("có", "yes"),
        ("Không", "no"),
        (" KHÔNG ", "no"),
        ("Không áp dụng", "na"),
        (nfd("Không áp dụng"), "na"),
        (nfd("có"), "yes"),
    ],
)
def test_choice_by_value_and_by_label(raw: str, value: str) -> None:
    assert coerce(single("choice"), raw) == value


@pytest.mark.parametrize("raw", ["maybe", "Yes please", "1", True, 0])
def test_choice_refuses_other_answers(raw: Any) -> None:
    f = single("choice")
    with pytest.raises(ValueProblem) as exc_info:
        coerce(f, raw)
    assert exc_info.value.code == "not_a_choice"
    assert "Không áp dụng" in exc_info.value.message("vi")


def test_choice_with_own_options() -> None:
    f = single(
        "choice",
        '[[sections.fields.options]]\nvalue = "good"\nlabel = "Tốt"\n'
        '[[sections.fields.options]]\nvalue = "fair"\nlabel = "Khá"\n',
    )
    assert [o.value for o in f.options] == ["good", "fair"]
    assert coerce(f, "Khá") == "fair"
    assert problem(f, "yes") == "not_a_choice"


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("05/02/2027", "2027-02-05"),
        ("5/2/2027", "2027-02-05"),
        ("2027-02-05", "2027-02-05"),
        ("29.02.2028", "2028-02-29"),
    ],
)
def test_date_accepts_dd_mm_yyyy(raw: str, value: str) -> None:
    assert coerce(single("date"), raw) == value


@pytest.mark.parametrize("raw", ["31/02/2027", "02/05", "hôm qua", "2027-13-01", 2027])
def test_date_refuses(raw: Any) -> None:
    assert problem(single("date"), raw) == "not_a_date"


def test_text() -> None:
    f = single("text")
    assert coerce(f, "  Kế hoạch số 05/KH-UBND  ") == "Kế hoạch số 05/KH-UBND"
    assert coerce(f, nfd("Kế hoạch")) == "Kế hoạch"
    assert coerce(f, 12) == "12"
    assert coerce(f, "a" * 1000) == "a" * 1000
    assert problem(f, "a" * 1001) == "too_long"
    assert problem(f, ["a"]) != ""


def test_narrative() -> None:
    f = single("narrative")
    assert coerce(f, "Dòng 1\r\nDòng 2\n") == "Dòng 1\nDòng 2"
    assert coerce(f, "x" * 50_000) == "x" * 50_000
    assert problem(f, "x" * 50_001) == "too_long"


TABLE = (
    field_toml("tbl", "table", "max_rows = 3")
    + """
[[sections.fields.columns]]
id = "domain"
type = "text"
label = "Lĩnh vực"
[[sections.fields.columns]]
id = "received"
type = "integer"
label = "Tiếp nhận"
total = true
[[sections.fields.columns]]
id = "amount"
type = "decimal"
label = "Số tiền"
[[sections.fields.columns]]
id = "online"
type = "choice"
label = "Trực tuyến"
[[sections.fields.columns]]
id = "since"
type = "date"
label = "Từ ngày"
"""
)


def test_table_with_typed_columns() -> None:
    f = definition(TABLE).field("tbl")
    assert [c.type for c in f.columns] == [
        FieldType.TEXT,
        FieldType.INTEGER,
        FieldType.DECIMAL,
        FieldType.CHOICE,
        FieldType.DATE,
    ]
    rows = coerce(
        f,
        [
            {
                "domain": nfd("Hộ tịch"),
                "received": "1.234",
                "amount": "12,5",
                "online": "Có",
                "since": "05/02/2027",
            },
            {"domain": "Chứng thực", "received": 3},
            {"domain": "", "received": None},  # an empty row is dropped
        ],
    )
    assert rows == [
        {"domain": "Hộ tịch", "received": 1234, "amount": 12.5, "online": "yes", "since": "2027-02-05"},
        {"domain": "Chứng thực", "received": 3, "amount": None, "online": None, "since": None},
    ]
    assert coerce(f, []) is None
    assert coerce(f, [{}]) is None


@pytest.mark.parametrize(
    ("raw", "code", "where"),
    [
        ("not rows", "not_a_table", "tbl"),
        ({"domain": "x"}, "not_a_table", "tbl"),
        ([1, 2], "not_a_table", "tbl"),
        ([{"domain": "x"}] * 4, "too_many_rows", "tbl"),
        ([{"colour": "red"}], "unknown_field", "tbl"),
        ([{"received": "nhiều"}], "not_a_number", "tbl.received"),
        ([{"received": -1}], "negative", "tbl.received"),
        ([{"online": "maybe"}], "not_a_choice", "tbl.online"),
        ([{"since": "31/02/2027"}], "not_a_date", "tbl.since"),
    ],
)
def test_table_refuses(raw: Any, code: str, where: str) -> None:
    f = definition(TABLE).field("tbl")
    with pytest.raises(ValueProblem) as exc_info:
        coerce(f, raw)
    assert (exc_info.value.code, exc_info.value.field_id) == (code, where)


def test_table_row_with_non_text_keys_is_a_problem_not_a_crash() -> None:
    # A caller in Python (not JSON) can hand over any mapping; coerce must still answer with
    # a ValueProblem rather than a TypeError from sorting mixed keys.
    f = definition(TABLE).field("tbl")
    with pytest.raises(ValueProblem):
        coerce(f, [{1: "x", "colour": "red"}])


def test_table_column_cannot_be_a_table_or_computed() -> None:
    with pytest.raises(DefinitionError) as exc_info:
        definition(
            field_toml("tbl", "table")
            + '[[sections.fields.columns]]\nid = "c"\ntype = "table"\nlabel = "C"\n'
        )
    assert exc_info.value.where == "sections[0].fields[0].columns[0].type"
    with pytest.raises(DefinitionError):
        definition(field_toml("tbl", "table"))  # no columns


@pytest.mark.parametrize(("raw", "value"), [(0, 0), ("1,5", 1.5), (2, 2), ("2", 2)])
def test_score_accepts_up_to_max_points(raw: Any, value: Any) -> None:
    assert coerce(single("score", "max_points = 2"), raw) == value


@pytest.mark.parametrize(
    ("raw", "code"), [(2.5, "over_max"), ("3", "over_max"), (-1, "negative"), ("x", "not_a_number")]
)
def test_score_refuses(raw: Any, code: str) -> None:
    f = single("score", "max_points = 2")
    assert problem(f, raw) == code
    if code == "over_max":
        with pytest.raises(ValueProblem) as exc_info:
            coerce(f, raw)
        assert "2 điểm" in exc_info.value.message("vi")


def test_score_needs_positive_max_points() -> None:
    with pytest.raises(DefinitionError) as exc_info:
        definition(field_toml("x", "score"))
    assert exc_info.value.where == "sections[0].fields[0].max_points"
    with pytest.raises(DefinitionError):
        definition(field_toml("x", "score", "max_points = 0"))


def test_problem_messages_name_the_field() -> None:
    f = single("integer")
    with pytest.raises(ValueProblem) as exc_info:
        coerce(f, "abc")
    assert "«Chỉ tiêu x»" in exc_info.value.message("vi")
    assert "“abc”" in exc_info.value.message("vi")
    assert "is not a number" in exc_info.value.message("en")


def test_coerce_all_refuses_unknown_fields_and_skips_computed() -> None:
    d = definition(field_toml("a", "integer") + field_toml("b", "integer", 'formula = "a * 2"'))
    assert coerce_all(d, {"a": "3", "b": 999}) == {"a": 3}
    with pytest.raises(ValueProblem) as exc_info:
        coerce_all(d, {"zz": 1})
    assert exc_info.value.code == "unknown_field"


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


# --- the safe expression parser ---------------------------------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        "__import__('os')",
        "__import__('os').system('true')",
        "a.b.c",
        "(1).real",
        "f(a).x",
        "lambda: 1",
        "(lambda x: x)(1)",
        "[x for x in a]",
        "{x for x in a}",
        "sum(x for x in a)",
        "'text'",
        "b'bytes'",
        "f'{a}'",
        "True",
        "None",
        "...",
        "1j",
        "open('x')",
        "eval('1')",
        "getattr(a, 'b')",
        "unknown(a)",
        "sum(a, start=1)",
        "sum(*a)",
        "a[0]",
        "a < b",
        "a and b",
        "not a",
        "a if b else c",
        "a ** 2",
        "a % 2",
        "a // 2",
        "a @ b",
        "~a",
        "(a := 1)",
        "[a, b]",
        "(a, b)",
        "{'k': a}",
        "a; b",
        "",
        "   ",
        "1 +",
        "x" * 2001,
    ],
)
def test_expression_parser_refuses(source: str) -> None:
    with pytest.raises(ExpressionError):
        Expression.parse(source)


def test_deeply_nested_expression_is_refused_not_a_crash() -> None:
    # A definition may arrive from elsewhere (a province's file); a pathological formula must
    # give a DefinitionError, not a RecursionError.
    with pytest.raises(ExpressionError):
        Expression.parse("-" * 1990 + "1")


@pytest.mark.parametrize(
    ("source", "values", "result"),
    [
        ("a + b * 2", {"a": 1, "b": 3}, 7),
        ("(a + b) * 2", {"a": 1, "b": 3}, 8),
        ("-a + +b", {"a": 1, "b": 3}, 2),
        ("a / b", {"a": 1, "b": 4}, 0.25),
        ("a / b", {"a": 1, "b": 0}, MISSING),
        ("a + b", {"a": 1}, MISSING),
        ("a + b", {"a": 1, "b": None}, MISSING),
        ("percent(a, b)", {"a": 1, "b": 4}, 25),
        ("percent(a, b)", {"a": 1, "b": 0}, MISSING),
        ("coalesce(a, b, 7)", {"b": 2}, 2),
        ("coalesce(a, b)", {}, MISSING),
        ("min(a, b)", {"a": 1, "b": 4}, 1),
        ("max(t.c)", {"t.c": [1, 5, MISSING]}, 5),
        ("sum(t.c)", {"t.c": [1, 5, MISSING]}, 6),
        ("sum(t.c)", {"t.c": []}, 0),
        ("sum(t.c)", {"t.c": [MISSING]}, MISSING),
        ("count(t.c)", {"t.c": [1, MISSING, 3]}, 2),
        ("t.c + 1", {"t.c": [1]}, MISSING),
        ("-t.c", {"t.c": [1]}, MISSING),
    ],
)
def test_expression_evaluation(source: str, values: dict[str, Any], result: Any) -> None:
    got = Expression.parse(source).evaluate(values)
    assert got is result if result is MISSING else got == result


def test_expression_names() -> None:
    assert Expression.parse("percent(a + tbl.col, sum(b))").names == frozenset({"a", "b", "tbl.col"})


# --- the definition loader --------------------------------------------------------------------


def load_error(text: str) -> DefinitionError:
    with pytest.raises(DefinitionError) as exc_info:
        parse_definition(text, "tinh-x.toml")
    err = exc_info.value
    assert err.source == "tinh-x.toml"
    assert str(err).startswith(f"tinh-x.toml: {err.where}: ")
    return err


GOOD = (
    HEADER
    + '[[sections]]\nid = "I"\ntitle = "Phần I"\n'
    + field_toml("a", "integer")
    + field_toml("b", "integer")
)


def test_loader_accepts_the_minimal_form() -> None:
    d = parse_definition(GOOD)
    assert (d.key, [f.id for f in d.iter_fields()]) == ("test-form@1", ["a", "b"])


def test_loader_unknown_key() -> None:
    err = load_error(GOOD.replace('label = "Chỉ tiêu b"', 'label = "Chỉ tiêu b"\nlable = "sai chính tả"'))
    assert (err.where, err.reason) == ("sections[0].fields[1].lable", "is not a known key (misspelt?)")
    err = load_error(GOOD.replace('title = "Biểu mẫu thử"', 'title = "Biểu mẫu thử"\ncolour = "red"'))
    assert err.where == "colour"


def test_loader_wrong_type() -> None:
    err = load_error(GOOD.replace("version = 1", 'version = "1"'))
    assert (err.where, err.reason) == ("version", "must be int")
    err = load_error(GOOD.replace("version = 1", "version = true"))
    assert err.where == "version"
    err = load_error(GOOD.replace('type = "integer"', 'type = "number"', 1))
    assert err.where == "sections[0].fields[0].type"
    assert "integer" in err.reason
    err = load_error(GOOD.replace('label = "Chỉ tiêu a"', "label = 5"))
    assert err.where == "sections[0].fields[0].label"


def test_loader_missing_required_key() -> None:
    err = load_error(GOOD.replace('label = "Chỉ tiêu a"', ""))
    assert (err.where, err.reason) == ("sections[0].fields[0].label", "is required")


def test_loader_duplicate_field_id() -> None:
    err = load_error(GOOD.replace('id = "b"', 'id = "a"'))
    assert err.where == "sections[0].fields[1].id"
    assert "'a'" in err.reason


def test_loader_bad_field_id() -> None:
    err = load_error(GOOD.replace('id = "b"', 'id = "B-2"'))
    assert err.where == "sections[0].fields[1].id"


def test_loader_refuses_an_id_with_a_trailing_newline() -> None:
    # `$` in the id pattern matches before a final "\n": "b\n" must not pass as an id.
    err = load_error(GOOD.replace('id = "b"', 'id = "b\\n"'))
    assert err.where == "sections[0].fields[1].id"
    err = load_error(GOOD.replace('id = "test-form"', 'id = "test-form\\n"'))
    assert err.where == "id"


def test_loader_unknown_field_in_formula() -> None:
    err = load_error(GOOD + field_toml("c", "integer", 'formula = "a + zz"'))
    assert err.where == "sections[0].fields[2].formula"
    assert "'zz'" in err.reason


def test_loader_unknown_field_in_rule() -> None:
    err = load_error(GOOD + '[[rules]]\nid = "r"\nleft = "a"\noperator = "<="\nright = "zz"\nmessage = "m"\n')
    assert err.where == "rules[0]"
    assert "'zz'" in err.reason
    err = load_error(
        GOOD
        + '[[rules]]\nid = "r"\nleft = "a"\noperator = "<="\nright = "b"\nmessage = "m"\nfields = ["q"]\n'
    )
    assert err.where == "rules[0].fields"


def test_loader_bad_rule_parts() -> None:
    rule = '[[rules]]\nid = "r"\nleft = "a"\noperator = "{op}"\nright = "b"\nmessage = "m"\n{extra}'
    err = load_error(GOOD + rule.format(op="=<", extra=""))
    assert err.where == "rules[0].operator"
    err = load_error(GOOD + rule.format(op="<=", extra='importance = "fatal"\n'))
    assert err.where == "rules[0].importance"
    err = load_error(GOOD + rule.format(op="<=", extra='missing = "ignore"\n'))
    assert err.where == "rules[0].missing"
    err = load_error(GOOD + rule.format(op="<=", extra="") + rule.format(op=">=", extra=""))
    assert (err.where, err.reason) == ("rules[1].id", "'r' is used twice")
    err = load_error(
        GOOD + rule.format(op="<=", extra="").replace('left = "a"', "left = \"__import__('os')\"")
    )
    assert err.where == "rules[0].left"
    assert "not allowed" in err.reason


def test_loader_formula_cycle() -> None:
    err = load_error(
        GOOD
        + field_toml("c", "integer", 'formula = "d + 1"')
        + field_toml("d", "integer", 'formula = "e + a"')
        + field_toml("e", "integer", 'formula = "c * 2"')
    )
    assert "formula" in err.where
    assert "c" in err.reason and "d" in err.reason and "e" in err.reason
    err = load_error(GOOD + field_toml("c", "integer", 'formula = "c + 1"'))
    assert err.where == "sections[0].fields[2].formula"


def test_loader_non_numeric_field_in_formula() -> None:
    err = load_error(GOOD + field_toml("t", "text") + field_toml("c", "integer", 'formula = "a + t"'))
    assert err.where == "sections[0].fields[3].formula"
    assert "non-numeric" in err.reason and "'t'" in err.reason
    err = load_error(GOOD + TABLE + field_toml("c", "integer", 'formula = "sum(tbl.domain)"'))
    assert "'tbl.domain'" in err.reason
    err = load_error(GOOD + field_toml("t", "text", 'formula = "a + b"'))
    assert err.where == "sections[0].fields[2].formula"


def test_loader_syntax_error_has_the_line_number() -> None:
    text = GOOD.replace('title = "Biểu mẫu thử"', 'title = "Biểu mẫu thử')
    line = text.splitlines().index('title = "Biểu mẫu thử') + 1
    err = load_error(text)
    assert err.where == "syntax"
    assert f"line {line}" in err.reason


def test_loader_other_refusals() -> None:
    assert (
        load_error(GOOD.replace('period_kinds = ["month"]', 'period_kinds = ["week"]')).where
        == "period_kinds"
    )
    assert load_error(GOOD.replace('period_kinds = ["month"]', "period_kinds = []")).where == "period_kinds"
    assert load_error(GOOD.replace("version = 1", "version = 0")).where == "version"
    assert load_error(GOOD.replace('id = "test-form"', 'id = "Test Form"')).where == "id"
    assert load_error(HEADER).where == "sections"
    assert load_error(GOOD.replace("version = 1", 'version = 1\nkind = "quiz"')).where == "kind"
    assert load_error(GOOD + field_toml("n", "narrative", 'suggest = ["Có {zz} hồ sơ."]')).where == (
        "sections[0].fields[2].suggest"
    )
    assert (
        load_error(GOOD + field_toml("n", "text", 'formula = "a"')).reason
        == "a text field cannot be computed"
    )
    assert load_error("x" * 1_000_001).where == "file"


def test_load_definition_names_the_file(tmp_path: Any) -> None:
    path = tmp_path / "tinh.toml"
    path.write_text(GOOD.replace("version = 1", 'version = "một"'), encoding="utf-8")
    with pytest.raises(DefinitionError) as exc_info:
        load_definition(path)
    assert exc_info.value.source == str(path)
    assert str(exc_info.value).startswith(str(path))
    path.write_bytes(b"\xff\xfe not utf-8")
    with pytest.raises(DefinitionError) as exc_info:
        load_definition(path)
    assert exc_info.value.where == "file"


def test_loader_normalises_to_nfc() -> None:
    d = parse_definition(nfd(GOOD))
    assert d.title == "Biểu mẫu thử"
    assert d.field("a").label == "Chỉ tiêu a"


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
