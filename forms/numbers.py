"""Numbers and dates the Vietnamese way: "1.234,5", "96,55%", "05/02/2027".

Formatting gives what Babel's CLDR data for the ``vi`` locale gives (a test compares them). Parsing accepts what an
official types: "1.234" (dot groups thousands), "1234,5" (comma is the decimal mark), and
also "1234.5" typed on an English keyboard, where a dot not followed by exactly three digits
can only be a decimal mark.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from decimal import Decimal

# decimal is imported by the functions that need it: the window's list shows dates only, and
# its start would load the module (~2 ms) for nothing.

DASH = "—"  # shown for a rate whose denominator is zero or missing


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def format_number(value: float | int | Decimal | None, decimals: int | None = None) -> str:
    """1234.5 → "1.234,5"; ``decimals`` fixes the digits after the comma."""
    if value is None:
        return DASH
    from decimal import ROUND_HALF_UP, localcontext

    with localcontext(rounding=ROUND_HALF_UP):  # as Excel's ROUND; CLDR/Babel default is half-even
        return _format_number(value, decimals)


def _format_number(value: float | int | Decimal, decimals: int | None) -> str:
    if decimals is None and (isinstance(value, int) or (isinstance(value, float) and value.is_integer())):
        return _grouped_int(int(value))
    from decimal import InvalidOperation

    try:
        return _grouped_decimal(value, decimals)
    except InvalidOperation:  # more digits than the context holds: Babel's own way
        from babel.numbers import format_decimal

        if decimals is None:
            return format_decimal(value, format="#,##0.##", locale="vi")
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        return format_decimal(value, format=pattern, locale="vi")


def _grouped_decimal(value: float | int | Decimal, decimals: int | None) -> str:
    """What ``format_decimal(value, "#,##0.##")`` (``decimals`` None: at most two digits, no
    trailing zeros) or ``"#,##0.0…"`` gives for ``vi`` ("1.234,5"), rounded by the context as
    Babel rounds, without loading Babel and its CLDR data (~10 ms of `cchc pdf`'s start).
    tests/unit/test_numbers.py compares the two on random figures."""
    from decimal import Decimal

    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    rounded = number.quantize(Decimal(1).scaleb(-(2 if decimals is None else decimals)))
    whole, _, fraction = f"{abs(rounded):f}".partition(".")
    if decimals is None:
        fraction = fraction.rstrip("0")
    text = f"{int(whole):,}".replace(",", ".") + ("," + fraction if fraction else "")
    # A figure that rounds to zero is shown "0", never "-0" (Babel keeps the sign of -0.001).
    return "-" + text if rounded.is_signed() and rounded != 0 else text


def _grouped_int(n: int) -> str:
    """What ``format_decimal(n, locale="vi")`` gives ("-1.234.567"), without Babel's pattern
    machinery: a report shows hundreds of whole numbers, and this was a tenth of rendering one."""
    text = f"{abs(n):,}".replace(",", ".")
    return "-" + text if n < 0 else text


def format_percent(value: float | None, decimals: int = 1) -> str:
    """A rate already in percent (96.55) → "96,6%"; None → "—"."""
    if value is None:
        return DASH
    return f"{format_number(value, decimals)}%"


def format_date(day: dt.date | None) -> str:
    return DASH if day is None else f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


_GROUPED = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$")
_PLAIN_COMMA = re.compile(r"^[+-]?\d+(,\d+)?$")
_PLAIN_DOT = re.compile(r"^[+-]?\d*\.\d+$|^[+-]?\d+$")


def parse_number(text: str) -> Decimal:
    """Read a number typed by an official; raise ValueError when it is not one."""
    from decimal import Decimal, InvalidOperation

    s = nfc(str(text)).strip().replace(" ", "").replace("\u00a0", "").rstrip("%")
    if not s:
        raise ValueError("empty")
    if _GROUPED.match(s):
        s = s.replace(".", "").replace(",", ".")
    elif _PLAIN_COMMA.match(s):
        s = s.replace(",", ".")
    elif not _PLAIN_DOT.match(s):
        raise ValueError(text)
    try:
        value = Decimal(s)
    except InvalidOperation as exc:  # pragma: no cover - the patterns above exclude it
        raise ValueError(text) from exc
    if not value.is_finite():
        raise ValueError(text)
    return value


# Figures copied from a spreadsheet of the other notation (English): 1,234 and 1,234,567.8.
_EN_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_EN_DECIMAL = re.compile(r"^[+-]?\d*\.\d+$")


def parse_figure(text: str, lang: str) -> Decimal:
    """A figure copied from a spreadsheet, read as the official of ``lang`` means it.

    The same text can be two numbers: "1,234" is one thousand two hundred and thirty-four in
    English and one point two three four in Vietnamese ("1.234" the other way round). The
    notation of the official's language decides; a text that is a number only in the other
    notation ("1,234,567" or "1,234.5" in Vietnamese, "12,5" or "1.234,5" in English) is read
    in that one. Raises ValueError when the text is no number in either."""
    from decimal import Decimal

    s = nfc(str(text)).strip().replace(" ", "").replace("\u00a0", "")
    if lang == "en":
        if _EN_GROUPED.match(s):
            return Decimal(s.replace(",", ""))
        if _EN_DECIMAL.match(s):
            return Decimal(s)
        return parse_number(s)
    try:
        return parse_number(s)
    except ValueError:
        if _EN_GROUPED.match(s):
            return Decimal(s.replace(",", ""))
        raise


def number_text(value: Decimal) -> str:
    """``value`` written as the program reads it back, every decimal kept: 1234.5678 →
    "1.234,5678" (``format_number`` rounds to two decimals; a figure pasted must not change)."""
    sign = "-" if value < 0 else ""
    whole, _, decimals = format(abs(value), "f").partition(".")
    decimals = decimals.rstrip("0")
    return sign + _grouped_int(int(whole)) + ("," + decimals if decimals else "")


_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


def parse_date(text: str) -> dt.date:
    """dd/mm/yyyy (also with . or -), or ISO yyyy-mm-dd as stored."""
    s = str(text).strip()
    m = _DATE.match(s)
    if m:
        return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    return dt.date.fromisoformat(s)
