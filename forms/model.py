"""What a form definition is made of: fields, sections, rules and the form itself.

The types here are what ``forms.definition.parse_definition`` builds from a TOML file (see
docs/forms.md); a scoring sheet's sub-criteria also carry a ``ScoringMethod`` and an
``EvidenceRequirement`` and the sheet its ``ScoringRules`` (forms/scoring.py).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field as dc_field
from enum import StrEnum

from forms.expressions import Expression
from forms.periods import PeriodKind
from forms.scoring import NUMBER_METHOD, EvidenceRequirement, ScoringMethod, ScoringRules


class FieldType(StrEnum):
    INTEGER = "integer"  # a count, never negative
    DECIMAL = "decimal"
    PERCENTAGE = "percentage"  # computed from other fields by ``formula``
    CHOICE = "choice"  # yes / no / not applicable unless ``options`` says otherwise
    DATE = "date"
    TEXT = "text"  # one line
    NARRATIVE = "narrative"  # paragraphs
    TABLE = "table"  # repeating rows of typed columns
    SCORE = "score"  # self-assessed points, 0 ≤ value ≤ max_points


class Operator(StrEnum):
    EQ = "=="
    NE = "!="
    LT = "<"
    LE = "<="
    GT = ">"
    GE = ">="
    COMPULSORY_PAIR = "compulsory_pair"  # if one side has a value the other must too
    EXCLUSIVE_PAIR = "exclusive_pair"  # the two sides may not both have a value


class Importance(StrEnum):
    ERROR = "error"  # blocks finalising
    WARNING = "warning"  # must be acknowledged


class MissingStrategy(StrEnum):
    SKIP_IF_ANY_MISSING = "skip_if_any_missing"
    SKIP_IF_ALL_MISSING = "skip_if_all_missing"  # the missing ones count as 0
    NEVER_SKIP = "never_skip"  # missing counts as 0


DEFAULT_CHOICES: tuple[tuple[str, str], ...] = (
    ("yes", "Có"),
    ("no", "Không"),
    ("na", "Không áp dụng"),
)
DEFAULT_CHOICES_EN = {"yes": "Yes", "no": "No", "na": "Not applicable"}
NUMERIC_TYPES = frozenset({FieldType.INTEGER, FieldType.DECIMAL, FieldType.PERCENTAGE, FieldType.SCORE})
COLUMN_TYPES = frozenset(
    {FieldType.INTEGER, FieldType.DECIMAL, FieldType.CHOICE, FieldType.DATE, FieldType.TEXT}
)
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,62}\Z")  # \Z: "$" would let a trailing "\n" through


class DefinitionError(ValueError):
    """A definition file that cannot be used; says where and why."""

    code = "form.definition_invalid"

    def __init__(self, source: str, where: str, reason: str, line: int | None = None) -> None:
        super().__init__(f"{source}: {where}: {reason}")
        self.source, self.where, self.reason, self.line = source, where, reason, line


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    label_en: str = ""


@dataclass(frozen=True)
class Column:
    id: str
    label: str
    type: FieldType
    unit: str = ""
    options: tuple[Choice, ...] = ()
    total: bool = False  # shown with a total row in documents
    label_en: str = ""
    unit_en: str = ""


@dataclass(frozen=True)
class Field:
    id: str
    label: str
    type: FieldType
    help: str = ""
    unit: str = ""
    group: str = ""  # a sub-heading within the section
    required: bool = False
    formula: Expression | None = None
    options: tuple[Choice, ...] = ()
    columns: tuple[Column, ...] = ()
    max_points: float | None = None
    max_rows: int = 200
    label_en: str = ""  # the English texts: in the definition or from its translation (forms/translation.py)
    help_en: str = ""
    unit_en: str = ""
    group_en: str = ""
    suggest: tuple[str, ...] = ()  # sentence templates for "Gợi ý nội dung" (narrative fields)
    method: ScoringMethod = NUMBER_METHOD  # for ``score``: how the points are found
    evidence: EvidenceRequirement | None = None  # for ``score``: what proves it

    @property
    def computed(self) -> bool:
        """Computed inside the form by ``formula`` (never stored, never typed)."""
        return self.formula is not None

    @property
    def from_reports(self) -> bool:
        """A score computed from the commune's filed reports: stored, but never typed."""
        return self.type is FieldType.SCORE and self.method.computed

    @property
    def self_scored(self) -> bool:
        return self.type is FieldType.SCORE and self.method.self_scored

    @property
    def numeric(self) -> bool:
        return self.type in NUMERIC_TYPES


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    fields: tuple[Field, ...]
    intro: str = ""
    title_en: str = ""
    intro_en: str = ""

    @property
    def max_points(self) -> float:
        return sum(f.max_points or 0 for f in self.fields if f.type is FieldType.SCORE)


@dataclass(frozen=True)
class Rule:
    id: str
    left: Expression
    operator: Operator
    right: Expression | None
    importance: Importance
    missing: MissingStrategy
    message: str
    message_en: str = ""
    fields: tuple[str, ...] = ()  # the fields the message concerns, where it is shown


@dataclass(frozen=True)
class FormDefinition:
    id: str
    version: int
    title: str
    summary: str  # "Kết quả ... {period}" → the document's summary line
    kind: str  # "report" or "scoring"
    period_kinds: tuple[PeriodKind, ...]
    sections: tuple[Section, ...]
    rules: tuple[Rule, ...]
    document_type: str = "BÁO CÁO"
    symbol_code: str = "BC"  # the abbreviation in "Số: 05/BC-UBND"
    legal_basis: tuple[str, ...] = ()
    note: str = ""
    scoring: ScoringRules | None = None  # for a scoring sheet: bands, ranking, total
    title_en: str = ""
    source_text: str = dc_field(default="", repr=False, compare=False)

    @property
    def key(self) -> str:
        return f"{self.id}@{self.version}"

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.source_text.encode("utf-8")).hexdigest()

    def iter_fields(self) -> Iterator[Field]:
        for s in self.sections:
            yield from s.fields

    def field(self, field_id: str) -> Field:
        for f in self.iter_fields():
            if f.id == field_id:
                return f
        raise KeyError(field_id)

    def section_of(self, field_id: str) -> Section:
        for s in self.sections:
            if any(f.id == field_id for f in s.fields):
                return s
        raise KeyError(field_id)

    @property
    def max_points(self) -> float:
        return sum(s.max_points for s in self.sections)

    def scored_fields(self) -> Iterator[Field]:
        """The sub-criteria of a scoring sheet, in document order."""
        return (f for f in self.iter_fields() if f.type is FieldType.SCORE)

    def area_order(self) -> tuple[str, ...]:
        """Section ids in the order the criteria set compares areas for ranking ties."""
        if self.scoring is not None and self.scoring.area_order:
            return self.scoring.area_order
        return tuple(s.id for s in self.sections if s.max_points > 0)
