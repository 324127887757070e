"""Whatever is stored, the engine answers: evaluate() never raises, coerce() either gives a
value of the field's type or a ValueProblem, and Vietnamese text compares equal however typed."""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from forms.definition import Column, Field, FieldType, FormDefinition, builtin_definitions
from forms.engine import MAX_NARRATIVE, MAX_NUMBER, MAX_TEXT, ValueProblem, coerce, evaluate, score_totals
from forms.suggest import suggest_text

FORMS = {d.id: d for d in builtin_definitions()}
ALL_FIELDS = [(d, f) for d in FORMS.values() for f in d.iter_fields()]


# Any text, lone surrogates included: json.loads('"\\ud800"') gives one, and so does a
# command-line argument with bytes that are not UTF-8 (surrogateescape). st.text() never
# draws them, so the characters are joined by hand.
any_text = st.text(max_size=30) | st.lists(
    st.characters(exclude_categories=()) | st.characters(categories=["Cs"]), max_size=30
).map("".join)
scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(10**15), max_value=10**15)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.floats(min_value=-1e13, max_value=1e13)
    | any_text
    | st.sampled_from(
        [
            "",
            " ",
            "12",
            "1.234",
            "1.234,5",
            "-1",
            "yes",
            "Có",
            "không áp dụng",
            "05/02/2027",
            "2027-02-30",
            "99999999999999",
            "0,5",
            "—",
            "%",
        ]
    )
)
json_like = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(any_text, children, max_size=4),
    max_leaves=12,
)


def _stored(d: FormDefinition) -> st.SearchStrategy[dict[str, Any]]:
    ids = [f.id for f in d.iter_fields()]
    table_ids = [f.id for f in d.iter_fields() if f.type is FieldType.TABLE]
    rows = st.lists(
        st.dictionaries(
            st.sampled_from(["domain", "received", "resolved_on_time", "resolved_late", "x"]),
            json_like,
            max_size=5,
        ),
        max_size=4,
    )
    return st.dictionaries(st.sampled_from(ids) | any_text, json_like, max_size=12).flatmap(
        lambda base: (
            st.fixed_dictionaries({t: rows for t in table_ids}).map(lambda t: {**base, **t})
            if table_ids
            else st.just(base)
        )
    )


@pytest.mark.parametrize("form_id", sorted(FORMS))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_evaluate_never_raises(form_id: str, data: st.DataObject) -> None:
    d = FORMS[form_id]
    stored = data.draw(_stored(d))
    ev = evaluate(d, stored)
    for issue in ev.issues:
        assert issue.text("vi") and issue.text("en")
    for f in d.iter_fields():
        if f.computed:
            v = ev.values.get(f.id)
            assert v is None or (isinstance(v, (int, float)) and math.isfinite(v))
    score_totals(d, ev.values)
    for f in d.iter_fields():
        if f.suggest:
            suggest_text(d, f.id, ev.values)


def _check_column_value(col: Column | Field, value: Any, limit: int = MAX_TEXT) -> None:
    match col.type:
        case FieldType.INTEGER:
            assert type(value) is int and 0 <= value <= MAX_NUMBER
        case FieldType.DECIMAL:
            assert type(value) in (int, float) and math.isfinite(value) and abs(value) <= MAX_NUMBER
        case FieldType.SCORE:
            assert isinstance(col, Field) and col.max_points is not None
            assert type(value) in (int, float) and 0 <= value <= col.max_points
        case FieldType.CHOICE:
            assert value in {o.value for o in col.options}
        case FieldType.DATE:
            assert dt.date.fromisoformat(value).isoformat() == value
        case FieldType.TEXT | FieldType.NARRATIVE:
            assert isinstance(value, str) and value == value.strip() and 0 < len(value) <= limit
            assert unicodedata.is_normalized("NFC", value)
            value.encode("utf-8")  # it is going to be stored: a lone surrogate cannot be
        case _:
            raise AssertionError(col.type)


@settings(max_examples=400, deadline=None)
@given(st.sampled_from([(d.id, f.id) for d, f in ALL_FIELDS if not f.computed]), json_like | any_text)
def test_coerce_gives_a_typed_value_or_a_value_problem(ids: tuple[str, str], raw: Any) -> None:
    f = FORMS[ids[0]].field(ids[1])
    try:
        value = coerce(f, raw)
    except ValueProblem as p:
        assert p.field_id.split(".")[0] == f.id
        assert p.message("vi") and p.message("en")
        return
    if value is None:
        return
    if f.type is FieldType.TABLE:
        assert isinstance(value, list) and 0 < len(value) <= f.max_rows
        for row in value:
            assert list(row) == [c.id for c in f.columns]
            assert any(v is not None for v in row.values())
            for c in f.columns:
                if row[c.id] is not None:
                    _check_column_value(c, row[c.id])
        return
    _check_column_value(f, value, MAX_NARRATIVE if f.type is FieldType.NARRATIVE else MAX_TEXT)


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(codec="utf-8", categories=["L", "M", "N", "P", "Zs"]), min_size=1, max_size=40))
def test_composed_and_decomposed_text_store_equal(text: str) -> None:
    composed = unicodedata.normalize("NFC", text)
    decomposed = unicodedata.normalize("NFD", text)
    assume(composed.strip())
    d = FORMS["cchc-xa"]
    for fid in ("plan_reference", "proposals"):
        f = d.field(fid)
        assert coerce(f, composed) == coerce(f, decomposed) == composed.strip()
    table = d.field("tthc_by_domain")
    assert coerce(table, [{"domain": composed}]) == coerce(table, [{"domain": decomposed}])


VIETNAMESE = [
    "Không áp dụng",
    "Có",
    "Không",
    "Hộ tịch",
    "Đất đai",
    "Bảo trợ xã hội",
    "Người có công",
    "Ủy ban nhân dân xã Tân Phú",
    "Kế hoạch số 05/KH-UBND ngày 10/01/2026",
]


@given(st.sampled_from(VIETNAMESE), st.sampled_from(["NFC", "NFD", "NFKC", "NFKD"]))
def test_vietnamese_choice_labels_match_however_typed(label: str, form: str) -> None:
    choice = FORMS["cchc-xa"].field("plan_issued")
    typed = unicodedata.normalize(form, label)
    expected = {"Có": "yes", "Không": "no", "Không áp dụng": "na"}.get(label)
    if expected is None:
        with pytest.raises(ValueProblem):
            coerce(choice, typed)
    else:
        assert coerce(choice, typed) == expected
