"""Numbers and dates written and read the Vietnamese way."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal, localcontext

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from forms.numbers import (
    DASH,
    format_date,
    format_number,
    format_percent,
    nfc,
    number_text,
    parse_date,
    parse_figure,
    parse_number,
)


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (1234.5, None, "1.234,5"),
        (1234, None, "1.234"),
        (1234567, None, "1.234.567"),
        (0, None, "0"),
        (7, None, "7"),
        (2.0, None, "2"),
        (-1234.5, None, "-1.234,5"),
        (1 / 3, None, "0,33"),
        (Decimal("1234.50"), None, "1.234,5"),
        (0.5, 2, "0,50"),
        (1234.5678, 1, "1.234,6"),
        (1234.6, 0, "1.235"),
        (12, 2, "12,00"),
        (None, None, DASH),
    ],
)
def test_format_number(value: float | int | Decimal | None, decimals: int | None, text: str) -> None:
    assert format_number(value, decimals) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [(96.55, "96,6%"), (100, "100,0%"), (0, "0,0%"), (12.34, "12,3%"), (None, DASH)],
)
def test_format_percent(value: float | None, text: str) -> None:
    assert format_percent(value) == text


def test_format_percent_decimals() -> None:
    assert format_percent(96.554, 2) == "96,55%"
    assert format_percent(96.6, 0) == "97%"


@pytest.mark.parametrize(("value", "text"), [(6.25, "6,3%"), (12.25, "12,3%"), (0.05, "0,1%")])
def test_rates_round_half_up_like_a_spreadsheet(value: float, text: str) -> None:
    # An official checks a rate by hand or in Excel (ROUND: half away from zero): 1 of 16
    # files is 6,25% and must read "6,3%", not the banker's "6,2%".
    assert format_percent(value) == text


def test_format_date() -> None:
    assert format_date(dt.date(2027, 2, 5)) == "05/02/2027"
    assert format_date(dt.date(2026, 12, 31)) == "31/12/2026"
    assert format_date(None) == DASH


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.234", Decimal("1234")),  # a dot followed by three digits groups thousands
        ("1.234.567", Decimal("1234567")),
        ("1.234,5", Decimal("1234.5")),
        ("1234,5", Decimal("1234.5")),
        ("12,5", Decimal("12.5")),
        ("1234.5", Decimal("1234.5")),  # English keyboard: a dot not followed by 3 digits
        ("1.5", Decimal("1.5")),
        ("1.23", Decimal("1.23")),
        ("0.5", Decimal("0.5")),
        (".5", Decimal("0.5")),
        ("12,5%", Decimal("12.5")),
        (" 1 234 ", Decimal("1234")),
        ("1\u00a0234", Decimal("1234")),
        ("-3", Decimal("-3")),
        ("+3", Decimal("3")),
        ("0", Decimal("0")),
        ("007", Decimal("7")),
    ],
)
def test_parse_number_accepts(text: str, value: Decimal) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "abc",
        "1,234.5",
        "1e5",
        "NaN",
        "Infinity",
        "-inf",
        "1..2",
        "5.",
        ",5",
        "1.2.3",
        "1.234.5",
        "12.34.567",
        "--1",
        "1-",
        "0x10",
        "1_000",
        "%",
        "12 triệu",
    ],
)
def test_parse_number_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        parse_number(text)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("05/02/2027", dt.date(2027, 2, 5)),
        ("5/2/2027", dt.date(2027, 2, 5)),
        ("05.02.2027", dt.date(2027, 2, 5)),
        ("05-02-2027", dt.date(2027, 2, 5)),
        (" 29/02/2028 ", dt.date(2028, 2, 29)),
        ("2027-02-05", dt.date(2027, 2, 5)),  # ISO, as stored
    ],
)
def test_parse_date_accepts(text: str, day: dt.date) -> None:
    assert parse_date(text) == day


@pytest.mark.parametrize(
    "text", ["", "abc", "31/02/2027", "29/02/2027", "32/01/2027", "05/13/2027", "5/2/27", "2027/02/05"]
)
def test_parse_date_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        parse_date(text)


def test_nfc() -> None:
    decomposed = "Ho\u0302\u0323 ti\u0323ch"  # "Hộ tịch" typed with combining marks
    assert decomposed != "Hộ tịch"
    assert nfc(decomposed) == "Hộ tịch"


@given(st.one_of(st.integers(min_value=-(10**20), max_value=10**20),
                 st.integers(min_value=-(10**15), max_value=10**15).map(float)))
def test_whole_numbers_are_grouped_as_babel_groups_them(value: int | float) -> None:
    """Whole numbers skip Babel (a report shows hundreds of them); the text is the same."""
    from babel.numbers import format_decimal

    assert format_number(value) == format_decimal(int(value), locale="vi")


# ---------------------------------------------------------------- figures pasted from a spreadsheet

PASTABLE = st.decimals(min_value=-(10**12), max_value=10**12, places=4, allow_nan=False, allow_infinity=False)


@given(PASTABLE)
def test_a_figure_written_by_the_program_reads_back_exactly(value: Decimal) -> None:
    assert parse_number(number_text(value)) == value  # no rounding: a pasted figure never changes
    assert parse_figure(number_text(value), "vi") == value


@given(st.integers(min_value=1000, max_value=10**12))
def test_an_english_count_with_thousands_separators_is_that_count_in_english(n: int) -> None:
    english = f"{n:,}"  # 1,234 / 1,234,567
    assert parse_figure(english, "en") == n
    vietnamese = english.replace(",", ".")
    assert parse_figure(vietnamese, "vi") == n
    if n >= 1_000_000:  # two separators: a number in one notation only, read in that one
        assert parse_figure(english, "vi") == n and parse_figure(vietnamese, "en") == n
    else:  # one separator: the same text is another number in the other notation
        assert parse_figure(english, "vi") == Decimal(n) / 1000
        assert parse_figure(vietnamese, "en") == Decimal(n) / 1000


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=1, max_value=99))
def test_a_decimal_is_read_in_either_notation(whole: int, cents: int) -> None:
    value = Decimal(whole) + Decimal(cents) / 100
    assert parse_figure(f"{value:,}", "en") == value  # 1,234.5
    assert parse_figure(f"{value:,}", "vi") == value  # no other reading: comma groups, dot decimals
    assert parse_figure(number_text(value), "en") == value  # 1.234,5


@pytest.mark.parametrize("text", ["abc", "1,2,3", "1..2", "", "1,23,456", "--1"])
def test_a_text_that_is_no_number_in_either_notation_is_refused(text: str) -> None:
    for lang in ("vi", "en"):
        with pytest.raises(ValueError):
            parse_figure(text, lang)


@settings(max_examples=300)
@given(st.one_of(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12),
                 st.decimals(allow_nan=False, allow_infinity=False, min_value=-10**12, max_value=10**12),
                 st.integers(-10**12, 10**12)),
       st.one_of(st.none(), st.integers(0, 4)))
@example(-0.0, None)
@example(-0.001, 2)
@example(Decimal("-0.004"), None)
def test_decimals_are_formatted_as_babel_formats_them(value: float | Decimal | int, decimals: int | None) -> None:
    """format_number does without Babel; it must still say what Babel's vi patterns say."""
    from babel.numbers import format_decimal

    pattern = "#,##0.##" if decimals is None else "#,##0" + ("." + "0" * decimals if decimals else "")
    with localcontext(rounding=ROUND_HALF_UP):
        expected = format_decimal(value, format=pattern, locale="vi")
    if not expected.strip("-0,."):  # Babel writes "-0" for -0.0 or -0.001; a report shows "0"
        expected = expected.lstrip("-")
    assert format_number(value, decimals) == expected
