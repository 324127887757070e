"""The form engine's field types: what each accepts, what it refuses and with which code."""

from __future__ import annotations

import math
from typing import Any

import pytest

from forms.definition import (
    DefinitionError,
    FieldType,
)
from forms.engine import ValueProblem, coerce, coerce_all, compute, evaluate
from tests.unit.form_support import TABLE, definition, field_toml, nfd, problem, single

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
