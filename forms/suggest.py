""" "Gợi ý nội dung": draft the customary sentences of a narrative part from the figures.

A narrative field lists sentence templates in its definition (``suggest``), with
``{field_id}`` placeholders. A sentence is used only when every field it names has a value,
so the draft never says "0 hồ sơ" for a figure nobody entered. Numbers come out in Vietnamese
format; the official edits the draft before it goes into the report.

A definition is immutable once shipped (installations hold its text by hash), so a field
its definition left without sentences cannot get them there: the few such fields of the
shipped forms get theirs here (``_BUILT_IN``), used only while the definition has none.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from forms.definition import FieldType, FormDefinition
from forms.numbers import format_date, format_number, parse_date

_PLACEHOLDER = re.compile(r"\{([a-z0-9_]+)\}")

# Sentences for fields whose shipped definition has none, by (form id, field id). Part VIII
# of the commune's monthly form ("Nhiệm vụ trọng tâm kỳ tới", "Đề xuất, kiến nghị") was
# shipped without any: its draft names the work the report's own figures leave open.
_BUILT_IN: dict[tuple[str, str], tuple[str, ...]] = {
    ("cchc-xa", "next_tasks"): (
        "Tiếp tục thực hiện các nhiệm vụ cải cách hành chính theo kế hoạch; "
        "trong kỳ đã hoàn thành {tasks_completed}/{tasks_planned} nhiệm vụ.",
        "Giải quyết dứt điểm {tthc_pending_total} hồ sơ thủ tục hành chính đang giải quyết, "
        "trong đó {tthc_pending_overdue} hồ sơ đã quá hạn.",
        "Tham mưu sửa đổi, bổ sung, bãi bỏ {legal_docs_to_amend} văn bản đã phát hiện qua rà soát.",
        "Nâng tỷ lệ hồ sơ tiếp nhận trực tuyến (kỳ này đạt {tthc_online_rate}%) và tỷ lệ số hóa "
        "hồ sơ, kết quả giải quyết thủ tục hành chính (kỳ này đạt {records_digitised_rate}%).",
    ),
    ("cchc-xa", "proposals"): (
        "Đề nghị cơ quan cấp trên hướng dẫn, hỗ trợ giải quyết {tthc_pending_overdue} hồ sơ "
        "thủ tục hành chính đang quá hạn.",
    ),
}


def suggestions_for(definition: FormDefinition, field_id: str) -> tuple[str, ...]:
    """The sentence templates of ``field_id``: its definition's own, else the built-in ones
    whose every placeholder names a field of this definition."""
    own = definition.field(field_id).suggest
    if own:
        return own
    known = {f.id for f in definition.iter_fields()}
    return tuple(
        t
        for t in _BUILT_IN.get((definition.id, field_id), ())
        if all(name in known for name in _PLACEHOLDER.findall(t))
    )


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


# Where a sentence divides into clauses that can stand without each other.
_CLAUSE = re.compile(r"(; |, qua đó |, trong đó )")
_YES_NO_TAIL = re.compile(r":\s*\{([a-z0-9_]+)\}\.$")


def _is_zero(definition: FormDefinition, name: str, values: Mapping[str, Any]) -> bool:
    f = definition.field(name)
    return f.numeric and values.get(name) == 0


def _without_zero_clauses(definition: FormDefinition, template: str, values: Mapping[str, Any]) -> str:
    """Drop the clauses whose every figure is 0: "phát hiện 0 văn bản…" and "0 cán bộ… bị xử
    lý kỷ luật" read as if something happened. A sentence left with nothing is dropped."""
    pieces = _CLAUSE.split(template.removesuffix("."))
    kept: list[str] = []
    for i in range(0, len(pieces), 2):
        clause = pieces[i]
        names = _PLACEHOLDER.findall(clause)
        if names and all(_is_zero(definition, n, values) for n in names):
            continue
        if kept and i > 0:
            kept.append(pieces[i - 1])
        kept.append(clause)
    text = "".join(kept)
    if not _PLACEHOLDER.search(text) and _PLACEHOLDER.search(template):
        return ""  # every figure of the sentence is 0
    return text + ("." if template.endswith(".") and text else "")


def _yes_no_sentence(definition: FormDefinition, template: str, values: Mapping[str, Any]) -> str | None:
    """ "Việc công khai … theo quy định: có." reads badly: a sentence ending in a yes/no
    choice becomes the field's own statement ("Đã công khai … theo quy định."), or its
    negation ("Chưa công khai …"). None when the template is not of that kind."""
    match = _YES_NO_TAIL.search(template)
    if match is None:
        return None
    f = definition.field(match.group(1))
    value = values.get(f.id)
    if f.type is not FieldType.CHOICE or value not in ("yes", "no"):
        return None
    label = f.label.strip().rstrip(".")
    if value == "yes":
        return label + "."
    return ("Chưa " + label[3:] if label.startswith("Đã ") else "Không: " + label) + "."


def suggest_text(definition: FormDefinition, field_id: str, values: Mapping[str, Any]) -> str:
    """The draft paragraph for ``field_id`` from ``values`` (already computed)."""
    sentences = []
    for template in suggestions_for(definition, field_id):
        yes_no = _yes_no_sentence(definition, template, values)
        if yes_no is not None:
            sentences.append(yes_no)
            continue
        template = _without_zero_clauses(definition, template, values)
        parts: dict[str, str] = {}
        for name in _PLACEHOLDER.findall(template):
            text = _render(definition, name, values.get(name))
            if text is None:
                break
            parts[name] = text
        else:
            if template:
                sentences.append(_fill(template, parts))
    return " ".join(sentences)
