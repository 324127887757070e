"""How a stored value is shown to a person: Vietnamese numbers, option labels, dd/mm/yyyy."""

from __future__ import annotations

from typing import Any

from forms.definition import Column, Field, FieldType
from forms.numbers import DASH, format_date, format_number, format_percent, parse_date


def display_value(f: Field | Column, value: Any, *, lang: str = "vi") -> str:
    if value is None or value == "" or value == []:
        return DASH
    match f.type:
        case FieldType.PERCENTAGE:
            return format_percent(value)
        case FieldType.INTEGER | FieldType.DECIMAL | FieldType.SCORE:
            return format_number(value) if isinstance(value, (int, float)) else str(value)
        case FieldType.CHOICE:
            return next((o.label for o in f.options if o.value == value), str(value))
        case FieldType.DATE:
            try:
                return format_date(parse_date(value))
            except ValueError:
                return str(value)
        case FieldType.TABLE:
            n = len(value) if isinstance(value, list) else 0
            return f"{n} rows" if lang == "en" else f"{n} dòng"
    return str(value)
