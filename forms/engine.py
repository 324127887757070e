"""The form engine: reads typed values, computes the computed fields, runs the rules.

Values are kept as JSON-ready Python values (int, float, str, list of row dicts) keyed by
field id. ``coerce`` turns what an official typed into such a value or raises
``ValueProblem``; ``evaluate`` never raises on stored values, however odd: a value it cannot
read is reported as an error issue on its field, so a damaged or hand-edited report still
opens and says what is wrong.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from forms.definition import (
    Column,
    Field,
    FieldType,
    FormDefinition,
    Importance,
    MissingStrategy,
    Operator,
    Rule,
)
from forms.expressions import MISSING
from forms.numbers import format_number, parse_date, parse_number

MAX_TEXT = 1_000
MAX_NARRATIVE = 50_000
MAX_NUMBER = 10**12  # far beyond any commune's figures; guards against typing slips
# Direction overrides and isolates: Vietnamese never needs them, and they can make a text read
# differently on screen from what it holds (a figure shown reversed).
# They are dropped, like the line breaks of other systems are made "\n" (Word's Shift+Enter
# pastes "\v"); a received value that still holds them was not stored by the program.
_DIRECTION = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_OTHER_BREAKS = re.compile("[\r\v\f]")
_LINE_BREAKS = str.maketrans({"\r": "\n", "\v": "\n", "\f": "\n"})
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


class ValueProblem(ValueError):
    """A value that does not fit its field. ``code`` selects the message."""

    def __init__(self, field_id: str, code: str, **params: Any) -> None:
        super().__init__(f"{field_id}: {code} {params}")
        self.field_id, self.code, self.params = field_id, code, params

    def message(self, lang: str = "vi") -> str:
        return _problem_message(self.code, self.params, lang)


_PROBLEMS = {
    "not_a_number": ("«{label}»: “{text}” không phải là số. Hãy nhập số, ví dụ 1.234 hoặc 12,5.",
                     "“{label}”: “{text}” is not a number. Type a number such as 1,234 or 12.5."),
    "not_whole": ("«{label}» là số đếm: hãy nhập số nguyên, không có phần thập phân.",
                  "“{label}” is a count: type a whole number."),
    "negative": ("«{label}» không được là số âm.", "“{label}” cannot be negative."),
    "too_large": ("«{label}»: số quá lớn, hãy kiểm tra lại.", "“{label}”: the number is too large, check it."),
    "not_a_choice": ("«{label}»: hãy chọn một trong: {allowed}.", "“{label}”: choose one of: {allowed}."),
    "not_a_date": ("«{label}»: “{text}” không phải là ngày. Hãy nhập theo dạng ngày/tháng/năm, ví dụ 05/02/2027.",
                   "“{label}”: “{text}” is not a date. Type it as dd/mm/yyyy, e.g. 05/02/2027."),
    "too_long": ("«{label}» dài quá {limit} ký tự, hãy rút gọn.", "“{label}” is longer than {limit} characters."),
    "computed": ("«{label}» được tính tự động, không nhập tay.", "“{label}” is computed; it cannot be typed."),
    "not_a_table": ("«{label}» phải là một bảng (danh sách các dòng).", "“{label}” must be a table (a list of rows)."),
    "too_many_rows": ("«{label}» có quá {limit} dòng.", "“{label}” has more than {limit} rows."),
    "not_a_level": ("«{label}»: hãy chọn một mức: {allowed}.", "“{label}”: choose one level: {allowed}."),
    "not_self_scored": ("«{label}» do cơ quan thẩm định chấm, xã không tự chấm.",
                        "“{label}” is scored by the province; the commune does not score it."),
    "over_max": ("«{label}»: điểm tự chấm không được vượt {limit} điểm.", "“{label}”: the self-score cannot exceed {limit} points."),
    "not_text": ("«{label}» có ký tự không đọc được (lỗi bảng mã). Hãy gõ lại nội dung này.",
                 "“{label}” contains characters that cannot be read (an encoding error). Type it again."),
    "unknown_field": ("Biểu mẫu không có chỉ tiêu “{field}”.", "The form has no field “{field}”."),
}


def _problem_message(code: str, params: Mapping[str, Any], lang: str) -> str:
    vi, en = _PROBLEMS.get(code, ("«{label}»: giá trị không hợp lệ.", "“{label}”: invalid value."))
    template = en if lang == "en" else vi
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _number(field_id: str, label: str, raw: Any, *, whole: bool, allow_negative: bool = False) -> int | float:
    if isinstance(raw, bool):
        raise ValueProblem(field_id, "not_a_number", label=label, text=str(raw))
    if isinstance(raw, (int, float)):
        if isinstance(raw, float) and not math.isfinite(raw):
            raise ValueProblem(field_id, "not_a_number", label=label, text=str(raw))
        value = Decimal(raw) if isinstance(raw, int) else Decimal(str(raw))  # str() of a huge int raises
    else:
        try:
            value = parse_number(str(raw))
        except ValueError as exc:
            raise ValueProblem(field_id, "not_a_number", label=label, text=str(raw)[:40]) from exc
    if abs(value) > MAX_NUMBER:
        raise ValueProblem(field_id, "too_large", label=label)
    if value < 0 and not allow_negative:
        raise ValueProblem(field_id, "negative", label=label)
    if whole:
        if value != value.to_integral_value():
            raise ValueProblem(field_id, "not_whole", label=label)
        return int(value)
    result = float(value)
    return int(result) if result.is_integer() else result


def _choice(field_id: str, label: str, options: tuple[Any, ...], raw: Any) -> str:
    text = _nfc(str(raw)).strip()
    for o in options:
        if text == o.value or text.casefold() == o.label.casefold():
            return str(o.value)
    allowed = ", ".join(f"{o.value} ({o.label})" for o in options)
    raise ValueProblem(field_id, "not_a_choice", label=label, allowed=allowed)


def _date(field_id: str, label: str, raw: Any) -> str:
    try:
        return parse_date(str(raw)).isoformat()
    except ValueError as exc:
        raise ValueProblem(field_id, "not_a_date", label=label, text=str(raw)[:40]) from exc


def plain_text(raw: str) -> str | None:
    """``raw`` as the program stores text: NFC, "\\n" line breaks, no direction controls,
    trimmed; None when it holds what typing never gives (a lone surrogate, from JSON "\\ud800"
    or non-UTF-8 argv bytes, or a control character from a damaged file or a hostile program)."""
    # Regular expressions, not a loop over characters: evaluate() runs this on every text
    # field of a report, narratives of 50,000 characters included.
    text = _nfc(raw)
    if _OTHER_BREAKS.search(text):
        text = text.replace("\r\n", "\n").translate(_LINE_BREAKS)
    text = text.strip()
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            return None
        if _DIRECTION.search(text):
            text = _DIRECTION.sub("", text)
    if _CONTROLS.search(text):
        return None
    return text


def has_controls(text: str) -> bool:
    """``text`` holds what ``plain_text`` refuses or drops (control or direction characters)."""
    return plain_text(text) is None or _DIRECTION.search(text) is not None


def _text(field_id: str, label: str, raw: Any, limit: int) -> str:
    if not isinstance(raw, (str, int, float)) or isinstance(raw, bool):
        raise ValueProblem(field_id, "too_long", label=label, limit=limit)
    text = plain_text(str(raw))
    if text is None:
        raise ValueProblem(field_id, "not_text", label=label)
    if len(text) > limit:
        raise ValueProblem(field_id, "too_long", label=label, limit=limit)
    return text


def _column_value(table: Field, col: Column, raw: Any) -> Any:
    fid = f"{table.id}.{col.id}"
    label = f"{table.label} / {col.label}"
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    match col.type:
        case FieldType.INTEGER:
            return _number(fid, label, raw, whole=True)
        case FieldType.DECIMAL:
            return _number(fid, label, raw, whole=False, allow_negative=True)
        case FieldType.CHOICE:
            return _choice(fid, label, col.options, raw)
        case FieldType.DATE:
            return _date(fid, label, raw)
        case _:
            return _text(fid, label, raw, MAX_TEXT)


def coerce(f: Field, raw: Any, *, typed: bool = True) -> Any:
    """The stored form of ``raw`` for field ``f``; None clears the value.

    ``typed`` is what an official typed: a score computed from the filed reports or scored by
    the province cannot be typed. Stored values (``typed=False``) of those are still checked.
    """
    if f.computed or (typed and f.from_reports):
        raise ValueProblem(f.id, "computed", label=f.label)
    if typed and f.type is FieldType.SCORE and not f.self_scored and raw is not None and raw != "":
        raise ValueProblem(f.id, "not_self_scored", label=f.label)
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    match f.type:
        case FieldType.INTEGER:
            return _number(f.id, f.label, raw, whole=True)
        case FieldType.DECIMAL:
            return _number(f.id, f.label, raw, whole=False, allow_negative=True)
        case FieldType.SCORE:
            if f.method.levels and isinstance(raw, str):
                for level in f.method.levels:
                    if _nfc(raw).strip().casefold() == level.label.casefold():
                        return _whole_if_whole(level.points)
            value = _number(f.id, f.label, raw, whole=False)
            if f.max_points is not None and value > f.max_points:
                raise ValueProblem(f.id, "over_max", label=f.label, limit=format_number(f.max_points))
            if f.method.levels and not any(abs(value - lv.points) < 1e-9 for lv in f.method.levels):
                allowed = "; ".join(f"{lv.label} — {format_number(lv.points)}" for lv in f.method.levels)
                raise ValueProblem(f.id, "not_a_level", label=f.label, allowed=allowed)
            return value
        case FieldType.PERCENTAGE:
            raise ValueProblem(f.id, "computed", label=f.label)
        case FieldType.CHOICE:
            return _choice(f.id, f.label, f.options, raw)
        case FieldType.DATE:
            return _date(f.id, f.label, raw)
        case FieldType.TEXT:
            return _text(f.id, f.label, raw, MAX_TEXT)
        case FieldType.NARRATIVE:
            return _text(f.id, f.label, raw, MAX_NARRATIVE)
        case FieldType.TABLE:
            if not isinstance(raw, list) or not all(isinstance(r, Mapping) for r in raw):
                raise ValueProblem(f.id, "not_a_table", label=f.label)
            if len(raw) > f.max_rows:
                raise ValueProblem(f.id, "too_many_rows", label=f.label, limit=f.max_rows)
            rows = []
            for row in raw:
                unknown = set(row) - {c.id for c in f.columns}
                if unknown:
                    raise ValueProblem(f.id, "unknown_field", label=f.label, field=f"{f.id}.{sorted(map(str, unknown))[0]}")
                clean = {c.id: _column_value(f, c, row.get(c.id)) for c in f.columns}
                if any(v is not None for v in clean.values()):
                    rows.append(clean)
            return rows or None
    raise AssertionError(f.type)  # pragma: no cover


def _whole_if_whole(points: float) -> int | float:
    return int(points) if float(points).is_integer() else points


def coerce_all(definition: FormDefinition, raw: Mapping[str, Any]) -> dict[str, Any]:
    """Coerce a whole mapping (e.g. an imported JSON file); unknown ids are problems."""
    known = {f.id: f for f in definition.iter_fields()}
    out: dict[str, Any] = {}
    for key, value in raw.items():
        key = _nfc(str(key))
        if key not in known:
            raise ValueProblem(key, "unknown_field", field=key, label=key)
        f = known[key]
        if f.computed or f.from_reports or (f.type is FieldType.SCORE and not f.self_scored):
            continue  # computed values in an import are recomputed, not trusted
        out[key] = coerce(f, value)
    return out


# ---------------------------------------------------------------- evaluation


@dataclass(frozen=True)
class Issue:
    """A problem found by the rules: where it is shown and what it says."""

    rule_id: str
    importance: Importance
    message: str
    fields: tuple[str, ...]
    section_id: str
    message_en: str = ""

    def text(self, lang: str = "vi") -> str:
        return self.message_en if lang == "en" and self.message_en else self.message


@dataclass
class Evaluation:
    values: dict[str, Any]  # stored values, cleaned, plus computed fields
    issues: list[Issue] = field(default_factory=list)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.importance is Importance.ERROR]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.importance is Importance.WARNING]

    def issues_for(self, field_id: str) -> list[Issue]:
        return [i for i in self.issues if field_id in i.fields]

    def section_state(self, section_id: str) -> str:
        """"error", "warning" or "ok" for the section list in the editor."""
        mine = [i for i in self.issues if i.section_id == section_id]
        if any(i.importance is Importance.ERROR for i in mine):
            return "error"
        return "warning" if mine else "ok"


def _numeric_env(definition: FormDefinition, values: Mapping[str, Any]) -> dict[str, Any]:
    env: dict[str, Any] = {}
    for f in definition.iter_fields():
        v = values.get(f.id)
        if f.type is FieldType.TABLE:
            rows = v if isinstance(v, list) else []
            for c in f.columns:
                env[f"{f.id}.{c.id}"] = [
                    r.get(c.id) if isinstance(r.get(c.id), (int, float)) else MISSING
                    for r in rows
                    if isinstance(r, Mapping)
                ]
        elif f.numeric:
            env[f.id] = v if isinstance(v, (int, float)) and not isinstance(v, bool) else MISSING
    return env


def compute(definition: FormDefinition, values: Mapping[str, Any]) -> dict[str, Any]:
    """``values`` with every computed field filled in (None where it cannot be computed)."""
    out = dict(values)
    env = _numeric_env(definition, values)
    pending = [f for f in definition.iter_fields() if f.formula is not None]
    # The loader refuses cycles, so repeated passes settle in at most len(pending) rounds.
    for _ in range(len(pending) + 1):
        progressed = False
        for f in list(pending):
            assert f.formula is not None
            if any(n in {p.id for p in pending if p is not f} for n in f.formula.names):
                continue
            result = f.formula.evaluate(env)
            if result is MISSING or not isinstance(result, (int, float)) or not math.isfinite(result):
                result = None
            elif f.type is FieldType.INTEGER:
                result = round(result)
            else:
                result = round(float(result), 4)
            out[f.id] = result
            env[f.id] = MISSING if result is None else result
            pending.remove(f)
            progressed = True
        if not progressed:
            break
    return out


def _has_value(v: Any) -> bool:
    if v is None or v is MISSING:
        return False
    if isinstance(v, list):
        return any(x is not None and x is not MISSING for x in v)
    if isinstance(v, str):
        return bool(v.strip())
    return True


def _rule_holds(rule: Rule, env: Mapping[str, Any], raw_env: Mapping[str, Any]) -> bool | None:
    """True, False, or None when the missing-value strategy says to skip the rule."""
    names = rule.left.names | (rule.right.names if rule.right else frozenset())
    if rule.operator in (Operator.COMPULSORY_PAIR, Operator.EXCLUSIVE_PAIR):
        left = all(_has_value(raw_env.get(n)) for n in rule.left.names)
        right = rule.right is not None and all(_has_value(raw_env.get(n)) for n in rule.right.names)
        if rule.operator is Operator.COMPULSORY_PAIR:
            return left == right
        return not (left and right)
    present = [n for n in names if _has_value(env.get(n))]
    if rule.missing is MissingStrategy.SKIP_IF_ANY_MISSING and len(present) < len(names):
        return None
    if rule.missing is MissingStrategy.SKIP_IF_ALL_MISSING and not present:
        return None
    filled = {n: (env.get(n) if _has_value(env.get(n)) else 0) for n in names}
    for n, v in filled.items():
        if isinstance(v, list):
            filled[n] = [0 if x is MISSING or x is None else x for x in v]
    a = rule.left.evaluate(filled)
    b = rule.right.evaluate(filled) if rule.right else MISSING
    if a is MISSING or b is MISSING:
        return None
    eps = 1e-9
    match rule.operator:
        case Operator.EQ:
            return abs(a - b) <= eps
        case Operator.NE:
            return abs(a - b) > eps
        case Operator.LT:
            return a < b - eps
        case Operator.LE:
            return a <= b + eps
        case Operator.GT:
            return a > b + eps
        case Operator.GE:
            return a >= b - eps
    raise AssertionError(rule.operator)  # pragma: no cover


_REQUIRED = ("Chưa nhập «{label}» (phần {section}). Hãy điền chỉ tiêu này trước khi hoàn thành báo cáo.",
             "“{label}” (part {section}) is empty. Fill it in before finalising the report.")


def field_name(definition: FormDefinition, f: Field, lang: str = "vi") -> str:
    """A field's label as messages name it: with its group when another field of its part
    has the same label (part III has two "Trong đó: quá hạn", and the check list showed two
    identical messages)."""
    label = (f.label_en or f.label) if lang == "en" else f.label
    group = (f.group_en or f.group) if lang == "en" else f.group
    same = [g for g in definition.section_of(f.id).fields if g.label == f.label]
    return f"{group} — {label}" if len(same) > 1 and group else label


def evaluate(definition: FormDefinition, stored: Mapping[str, Any]) -> Evaluation:
    """Clean the stored values, compute, and run every rule; never raises on bad values."""
    issues: list[Issue] = []
    clean: dict[str, Any] = {}
    for f in definition.iter_fields():
        if f.computed or f.id not in stored:
            continue
        try:
            clean[f.id] = coerce(f, stored[f.id], typed=False)
        except ValueProblem as p:
            issues.append(
                Issue(f"value:{f.id}", Importance.ERROR, p.message("vi"), (f.id,),
                      definition.section_of(f.id).id, p.message("en"))
            )
    values = compute(definition, clean)
    for f in definition.iter_fields():
        if f.required and not f.computed and not _has_value(values.get(f.id)) and f"value:{f.id}" not in {i.rule_id for i in issues}:
            sec = definition.section_of(f.id)
            issues.append(
                Issue(f"required:{f.id}", Importance.ERROR,
                      _REQUIRED[0].format(label=field_name(definition, f), section=sec.id),
                      (f.id,), sec.id, _REQUIRED[1].format(label=field_name(definition, f, "en"), section=sec.id))
            )
    env = _numeric_env(definition, values)
    raw_env: dict[str, Any] = dict(env)
    for f in definition.iter_fields():
        if f.type is FieldType.TABLE or not f.numeric:
            raw_env[f.id] = values.get(f.id)
    for f in definition.iter_fields():
        if f.type is FieldType.TABLE:
            for c in f.columns:
                raw_env[f"{f.id}.{c.id}"] = [r.get(c.id) for r in (values.get(f.id) or [])]
    for rule in definition.rules:
        try:
            holds = _rule_holds(rule, env, raw_env)
        except (TypeError, ArithmeticError):
            holds = None  # a value of the wrong kind is already reported above
        if holds is False:
            concerned = rule.fields or tuple(
                sorted(n.split(".")[0] for n in rule.left.names | (rule.right.names if rule.right else frozenset()))
            )
            section = definition.section_of(concerned[0]).id if concerned else definition.sections[0].id
            issues.append(Issue(rule.id, rule.importance, rule.message, concerned, section, rule.message_en))
    return Evaluation(values=values, issues=issues)


@dataclass(frozen=True)
class ScoreTotal:
    section_id: str
    title: str
    score: float
    max_points: float


def score_totals(definition: FormDefinition, values: Mapping[str, Any]) -> list[ScoreTotal]:
    """Self-assessed points per area (section) of a scoring sheet; empty for a report."""
    out = []
    for s in definition.sections:
        scored = [f for f in s.fields if f.type is FieldType.SCORE]
        if not scored:
            continue
        total = 0.0
        for f in scored:
            v = values.get(f.id)
            if isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v):
                total += min(max(float(v), 0.0), f.max_points or 0.0)
        out.append(ScoreTotal(s.id, s.title, round(total, 2), s.max_points))
    return out

