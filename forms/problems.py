"""What is wrong with a report, as one list: the editor's check panel, `cchc validate` and
finalising all read it, so the window and the command line say the same thing.

A problem is an issue of the form engine seen from the official's side: its level
("error", "missing", "warning" or "acknowledged"), its text, the part and the field it
belongs to, and the rule it comes from. Values that do not parse (typed in the window but
not stored) come in as ``bad``: field id → message.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from forms.definition import FormDefinition, Importance
from forms.engine import Evaluation, Issue, ValueProblem, coerce, evaluate

LEVELS = ("error", "missing", "warning", "acknowledged")


@dataclass(frozen=True)
class Problem:
    level: str  # one of LEVELS
    text: str
    section_id: str
    field_id: str | None
    rule_id: str | None = None
    note: str = ""  # the official's note on an acknowledged warning

    @property
    def blocks_finalising(self) -> bool:
        """Errors, empty required fields and warnings nobody confirmed stop "Hoàn thành"."""
        return self.level in ("error", "missing", "warning")


@dataclass(frozen=True)
class FieldMessage:
    level: str  # "error", "warning", "acknowledged" (or "info", from the window)
    text: str
    rule_id: str | None = None


def issue_fields(definition: FormDefinition, issue: Issue) -> list[str]:
    """The top-level fields an issue names (``table.column`` counts as ``table``)."""
    known = {f.id for f in definition.iter_fields()}
    return [f.split(".")[0] for f in issue.fields if f.split(".")[0] in known]


def _order(definition: FormDefinition) -> dict[str, int]:
    return {f.id: i for i, f in enumerate(definition.iter_fields())}


def first_field(definition: FormDefinition, issue: Issue, last_edited: str | None = None) -> str | None:
    """The field a problem takes the official to: the one being edited when it is concerned,
    else the first concerned field in the form's order."""
    fields = issue_fields(definition, issue)
    if last_edited in fields:
        return last_edited
    order = _order(definition)
    return min(fields, key=lambda f: order[f]) if fields else None


def anchor_field(definition: FormDefinition, issue: Issue, last_edited: str | None = None) -> str | None:
    """The field under which an issue's message is shown: the one being edited when it is
    concerned, else the last concerned field (below a block of figures)."""
    fields = issue_fields(definition, issue)
    if last_edited in fields:
        return last_edited
    order = _order(definition)
    return max(fields, key=lambda f: order[f]) if fields else None


def _shadowed(issue: Issue, bad: Mapping[str, str]) -> bool:
    # A value that does not parse is reported once, from ``bad``, not again by the engine.
    return issue.rule_id.startswith("value:") and bool(issue.fields) and issue.fields[0] in bad


def issue_level(issue: Issue, acks: Mapping[str, str]) -> str:
    if issue.rule_id.startswith("required:"):
        return "missing"
    if issue.importance is Importance.ERROR:
        return "error"
    return "acknowledged" if issue.rule_id in acks else "warning"


def build_problems(
    definition: FormDefinition,
    evaluation: Evaluation,
    acks: Mapping[str, str],
    *,
    lang: str = "vi",
    bad: Mapping[str, str] | None = None,
    last_edited: str | None = None,
) -> list[Problem]:
    """Every problem of a report, values that do not parse first, then the engine's issues."""
    bad = bad or {}
    out = [
        Problem("error", message, definition.section_of(fid).id, fid, f"value:{fid}")
        for fid, message in bad.items()
    ]
    for issue in evaluation.issues:
        if _shadowed(issue, bad):
            continue
        out.append(
            Problem(
                issue_level(issue, acks),
                issue.text(lang),
                issue.section_id,
                first_field(definition, issue, last_edited),
                issue.rule_id,
                acks.get(issue.rule_id, ""),
            )
        )
    return out


def blocking(problems: list[Problem]) -> tuple[list[Problem], list[Problem]]:
    """(errors incl. empty required fields, unconfirmed warnings): what stops finalising."""
    errors = [p for p in problems if p.level in ("error", "missing")]
    warnings = [p for p in problems if p.level == "warning"]
    return errors, warnings


def field_messages(
    definition: FormDefinition,
    evaluation: Evaluation,
    acks: Mapping[str, str],
    *,
    lang: str = "vi",
    bad: Mapping[str, str] | None = None,
    last_edited: str | None = None,
    show_missing: bool = False,
) -> tuple[dict[str, list[FieldMessage]], dict[str, str]]:
    """The messages under each field and each field's state ("", "error", "warning").

    Empty required fields are only flagged once the official asked for a check
    (``show_missing``): a form full of red before the first keystroke helps nobody."""
    bad = bad or {}
    messages: dict[str, list[FieldMessage]] = {}
    states: dict[str, str] = {}
    for fid, message in bad.items():
        messages.setdefault(fid, []).append(FieldMessage("error", message, f"value:{fid}"))
        states[fid] = "error"
    for issue in evaluation.issues:
        if _shadowed(issue, bad):
            continue
        if issue.rule_id.startswith("required:") and not show_missing:
            continue
        level = issue_level(issue, acks)
        if level == "missing":
            level = "error"
        anchor = anchor_field(definition, issue, last_edited)
        if anchor is not None:
            messages.setdefault(anchor, []).append(FieldMessage(level, issue.text(lang), issue.rule_id))
        if level in ("error", "warning"):
            for fid in issue_fields(definition, issue):
                if states.get(fid) != "error":
                    states[fid] = level
    return messages, states


class Draft:
    """A report's values as they are being typed: what parses is kept as a value, what
    does not is kept as a message (``bad``) until it is fixed; every edit re-runs the rules.

    The editor holds one per open report; it is pure computation (no Qt, no storage), so the
    same draft can be checked from a test or a script."""

    def __init__(self, definition: FormDefinition, values: Mapping[str, Any], lang: str = "vi") -> None:
        self.definition = definition
        self.lang = lang
        self.fields = {f.id: f for f in definition.iter_fields()}
        self.values: dict[str, Any] = dict(values)
        self.bad: dict[str, str] = {}
        self.last_edited: str | None = None
        self.evaluation = evaluate(definition, self.values)

    def edit(self, field_id: str, raw: Any) -> tuple[bool, Any]:
        """Take a raw value typed into a field: (True, the value to store) or (False, None)
        when it does not parse (its message is then in ``bad``)."""
        self.last_edited = field_id
        try:
            value = coerce(self.fields[field_id], raw)
        except ValueProblem as problem:
            self.bad[field_id] = problem.message(self.lang)
            ok = False
        else:
            self.bad.pop(field_id, None)
            if value is None:
                self.values.pop(field_id, None)
            else:
                self.values[field_id] = value
            ok = True
        self.evaluation = evaluate(self.definition, self.values)
        return (True, value) if ok else (False, None)

    def bad_labels(self) -> list[str]:
        def label(fid: str) -> str:
            f = self.fields[fid]
            return f.label_en if self.lang == "en" and f.label_en else f.label

        return [label(f) for f in self.bad]

    def problems(self, acks: Mapping[str, str]) -> list[Problem]:
        return build_problems(
            self.definition, self.evaluation, acks, lang=self.lang, bad=self.bad, last_edited=self.last_edited
        )

    def field_messages(
        self, acks: Mapping[str, str], *, show_missing: bool
    ) -> tuple[dict[str, list[FieldMessage]], dict[str, str]]:
        return field_messages(
            self.definition,
            self.evaluation,
            acks,
            lang=self.lang,
            bad=self.bad,
            last_edited=self.last_edited,
            show_missing=show_missing,
        )
