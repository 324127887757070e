""""Gợi ý nội dung": draft the customary sentences of a narrative part from the figures.

A narrative field lists sentence templates in its definition (``suggest``), with
``{field_id}`` placeholders. A sentence is used only when every field it names has a value,
so the draft never says "0 hồ sơ" for a figure nobody entered. Numbers come out in Vietnamese
format; the official edits the draft before it goes into the report.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from forms.definition import FieldType, FormDefinition
from forms.numbers import format_date, format_number, parse_date

_PLACEHOLDER = re.compile(r"\{([a-z0-9_]+)\}")


def _render(definition: FormDefinition, field_id: str, value: Any) -> str | None:
    f = definition.field(field_id)
    if value is None:
        return None
    match f.type:
        case FieldType.PERCENTAGE:
            return format_number(value, 1)
        case FieldType.INTEGER | FieldType.DECIMAL | FieldType.SCORE:
            return format_number(value)
        case FieldType.CHOICE:
            return next((o.label.lower() for o in f.options if o.value == value), None)
        case FieldType.DATE:
            return format_date(parse_date(value))
        case FieldType.TEXT:
            return str(value)
    return None


def _fill(template: str, parts: Mapping[str, str]) -> str:
    return _PLACEHOLDER.sub(lambda m: parts[m.group(1)], template)


def suggest_text(definition: FormDefinition, field_id: str, values: Mapping[str, Any]) -> str:
    """The draft paragraph for ``field_id`` from ``values`` (already computed)."""
    sentences = []
    for template in definition.field(field_id).suggest:
        parts: dict[str, str] = {}
        for name in _PLACEHOLDER.findall(template):
            text = _render(definition, name, values.get(name))
            if text is None:
                break
            parts[name] = text
        else:
            sentences.append(_fill(template, parts))
    return " ".join(sentences)
