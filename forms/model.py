"""Form definitions: what an official fills in, read from TOML files and checked.

A definition file (see docs/forms.md) declares the form's id, version, title, the period
kinds it is reported for, its sections with their fields, its validation rules and, for a
scoring sheet, the maximum points of each scored item. ``load_definition`` checks every part
and raises ``DefinitionError`` naming the file, the place in it (``sections[2].fields[0].type``
or a line number for a syntax error) and the reason.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from dataclasses import field as dc_field
from enum import StrEnum
from pathlib import Path
from typing import Any

from forms.expressions import Expression, ExpressionError
from forms.periods import PeriodKind


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
NUMERIC_TYPES = frozenset({FieldType.INTEGER, FieldType.DECIMAL, FieldType.PERCENTAGE, FieldType.SCORE})
COLUMN_TYPES = frozenset(
    {FieldType.INTEGER, FieldType.DECIMAL, FieldType.CHOICE, FieldType.DATE, FieldType.TEXT}
)
_ID = re.compile(r"^[a-z][a-z0-9_]{0,62}\Z")  # \Z: "$" would let a trailing "\n" through
MAX_DEFINITION_BYTES = 1_000_000


class DefinitionError(ValueError):
    """A definition file that cannot be used; says where and why."""

    code = "form.definition_invalid"

    def __init__(self, source: str, where: str, reason: str) -> None:
        super().__init__(f"{source}: {where}: {reason}")
        self.source, self.where, self.reason = source, where, reason


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class Column:
    id: str
    label: str
    type: FieldType
    unit: str = ""
    options: tuple[Choice, ...] = ()
    total: bool = False  # shown with a total row in documents


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
    label_en: str = ""
    suggest: tuple[str, ...] = ()  # sentence templates for "Gợi ý nội dung" (narrative fields)

    @property
    def computed(self) -> bool:
        return self.formula is not None

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


# ---------------------------------------------------------------- loading


def _nfc(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [_nfc(v) for v in value]
    if isinstance(value, dict):
        return {k: _nfc(v) for k, v in value.items()}
    return value


class _Reader:
    """Reads one table of the TOML document, remembering where it is for messages."""

    def __init__(self, source: str, data: Mapping[str, Any], where: str) -> None:
        if not isinstance(data, Mapping):
            raise DefinitionError(source, where, "must be a table")
        self.source, self.data, self.where = source, data, where
        self._used: set[str] = set()

    def fail(self, key: str, reason: str) -> DefinitionError:
        where = f"{self.where}.{key}" if self.where else key
        return DefinitionError(self.source, where, reason)

    def get(self, key: str, kind: type | tuple[type, ...], default: Any = ..., *, required: bool = False) -> Any:
        self._used.add(key)
        if key not in self.data:
            if required or default is ...:
                raise self.fail(key, "is required")
            return default
        value = self.data[key]
        if isinstance(value, bool) and bool not in (kind if isinstance(kind, tuple) else (kind,)):
            raise self.fail(key, "has the wrong type")
        if not isinstance(value, kind):
            names = kind.__name__ if isinstance(kind, type) else "/".join(k.__name__ for k in kind)
            raise self.fail(key, f"must be {names}")
        return value

    def text(self, key: str, default: str | None = None) -> str:
        value = self.get(key, str, ... if default is None else default)
        if default is None and not value.strip():
            raise self.fail(key, "must not be empty")
        return str(value)

    def ident(self, key: str) -> str:
        value = self.text(key)
        if not _ID.match(value):
            raise self.fail(key, f"{value!r} is not a valid id (lowercase letters, digits, _)")
        return value

    def expr(self, key: str, *, required: bool = True) -> Expression | None:
        if key not in self.data and not required:
            self._used.add(key)
            return None
        text = self.text(key)
        try:
            return Expression.parse(text)
        except ExpressionError as exc:
            raise self.fail(key, str(exc)) from exc

    def enum(self, key: str, enum: type[StrEnum], default: StrEnum | None = None) -> Any:
        value = self.get(key, str, ... if default is None else default.value)
        try:
            return enum(value)
        except ValueError as exc:
            allowed = ", ".join(e.value for e in enum)
            raise self.fail(key, f"{value!r} is not one of: {allowed}") from exc

    def tables(self, key: str, *, required: bool = False) -> list[_Reader]:
        items = self.get(key, list, ... if required else [])
        return [
            _Reader(self.source, item, f"{self.where + '.' if self.where else ''}{key}[{i}]")
            for i, item in enumerate(items)
        ]

    def done(self) -> None:
        unknown = sorted(set(self.data) - self._used)
        if unknown:
            raise self.fail(unknown[0], "is not a known key (misspelt?)")


def _choices(r: _Reader) -> tuple[Choice, ...]:
    opts = r.tables("options")
    if not opts:
        return tuple(Choice(v, label) for v, label in DEFAULT_CHOICES)
    out = []
    for o in opts:
        out.append(Choice(o.text("value"), o.text("label")))
        o.done()
    if len({c.value for c in out}) != len(out):
        raise r.fail("options", "two options have the same value")
    return tuple(out)


def _column(r: _Reader) -> Column:
    ctype = r.enum("type", FieldType)
    if ctype not in COLUMN_TYPES:
        raise r.fail("type", f"a table column cannot be of type {ctype.value}")
    col = Column(
        id=r.ident("id"),
        label=r.text("label"),
        type=ctype,
        unit=r.text("unit", ""),
        options=_choices(r) if ctype is FieldType.CHOICE else (),
        total=bool(r.get("total", bool, False)),
    )
    r.done()
    return col


def _field(r: _Reader) -> Field:
    ftype = r.enum("type", FieldType)
    formula = r.expr("formula", required=ftype is FieldType.PERCENTAGE)
    if formula is not None and ftype not in (FieldType.INTEGER, FieldType.DECIMAL, FieldType.PERCENTAGE):
        raise r.fail("formula", f"a {ftype.value} field cannot be computed")
    columns: tuple[Column, ...] = ()
    if ftype is FieldType.TABLE:
        columns = tuple(_column(c) for c in r.tables("columns", required=True))
        if not columns:
            raise r.fail("columns", "a table needs at least one column")
        if len({c.id for c in columns}) != len(columns):
            raise r.fail("columns", "two columns have the same id")
    max_points = None
    if ftype is FieldType.SCORE:
        max_points = float(r.get("max_points", (int, float), required=True))
        if max_points <= 0:
            raise r.fail("max_points", "must be greater than 0")
    f = Field(
        id=r.ident("id"),
        label=r.text("label"),
        type=ftype,
        help=r.text("help", ""),
        unit=r.text("unit", ""),
        group=r.text("group", ""),
        required=bool(r.get("required", bool, False)),
        formula=formula,
        options=_choices(r) if ftype is FieldType.CHOICE else (),
        columns=columns,
        max_points=max_points,
        max_rows=int(r.get("max_rows", int, 200)),
        label_en=r.text("label_en", ""),
        suggest=tuple(str(x) for x in r.get("suggest", list, [])),
    )
    r.done()
    return f


def _rule(r: _Reader) -> Rule:
    op = r.enum("operator", Operator)
    rule = Rule(
        id=r.ident("id"),
        left=r.expr("left"),  # type: ignore[arg-type]
        operator=op,
        right=r.expr("right"),
        importance=r.enum("importance", Importance, Importance.ERROR),
        missing=r.enum("missing", MissingStrategy, MissingStrategy.SKIP_IF_ANY_MISSING),
        message=r.text("message"),
        message_en=r.text("message_en", ""),
        fields=tuple(r.get("fields", list, [])),
    )
    r.done()
    return rule


def parse_definition(text: str, source: str = "<definition>") -> FormDefinition:
    if len(text.encode("utf-8")) > MAX_DEFINITION_BYTES:
        raise DefinitionError(source, "file", "is larger than 1 MB")
    text = unicodedata.normalize("NFC", text)
    try:
        data = _nfc(tomllib.loads(text))
    except tomllib.TOMLDecodeError as exc:
        raise DefinitionError(source, "syntax", str(exc)) from exc
    r = _Reader(source, data, "")
    version = r.get("version", int, required=True)
    if version < 1:
        raise r.fail("version", "must be 1 or more")
    kind = r.text("kind", "report")
    if kind not in ("report", "scoring"):
        raise r.fail("kind", "must be 'report' or 'scoring'")
    period_names = r.get("period_kinds", list, required=True)
    try:
        period_kinds = tuple(PeriodKind(p) for p in period_names)
    except ValueError as exc:
        raise r.fail("period_kinds", f"allowed: {', '.join(k.value for k in PeriodKind)}") from exc
    if not period_kinds:
        raise r.fail("period_kinds", "must name at least one period kind")
    form_id = r.text("id")
    if not re.match(r"^[a-z][a-z0-9-]{0,62}\Z", form_id):
        raise r.fail("id", f"{form_id!r} is not a valid form id (lowercase letters, digits, -)")
    sections = []
    for s in r.tables("sections", required=True):
        sections.append(
            Section(
                id=s.text("id"),
                title=s.text("title"),
                intro=s.text("intro", ""),
                title_en=s.text("title_en", ""),
                fields=tuple(_field(f) for f in s.tables("fields", required=True)),
            )
        )
        s.done()
    if not sections:
        raise r.fail("sections", "a form needs at least one section")
    rules = tuple(_rule(x) for x in r.tables("rules"))
    definition = FormDefinition(
        id=form_id,
        version=version,
        title=r.text("title"),
        summary=r.text("summary"),
        kind=kind,
        period_kinds=period_kinds,
        sections=tuple(sections),
        rules=rules,
        document_type=r.text("document_type", "BÁO CÁO"),
        symbol_code=r.text("symbol_code", "BC"),
        legal_basis=tuple(r.get("legal_basis", list, [])),
        note=r.text("note", ""),
        source_text=text,
    )
    r.done()
    _check_references(definition, source)
    return definition


def _check_references(d: FormDefinition, source: str) -> None:
    """Every id unique, every name in a formula or rule a field that exists."""
    known: dict[str, Field] = {}
    for si, s in enumerate(d.sections):
        for fi, f in enumerate(s.fields):
            if f.id in known:
                raise DefinitionError(source, f"sections[{si}].fields[{fi}].id", f"{f.id!r} is used twice")
            known[f.id] = f
    names = set(known)
    for f in known.values():
        if f.type is FieldType.TABLE:
            names |= {f"{f.id}.{c.id}" for c in f.columns}
    numeric = {fid for fid, f in known.items() if f.numeric} | {
        f"{f.id}.{c.id}"
        for f in known.values()
        if f.type is FieldType.TABLE
        for c in f.columns
        if c.type in NUMERIC_TYPES
    }
    for si, s in enumerate(d.sections):
        for fi, f in enumerate(s.fields):
            if f.formula is None:
                continue
            bad = sorted(f.formula.names - numeric)
            if bad:
                raise DefinitionError(source, f"sections[{si}].fields[{fi}].formula", f"unknown or non-numeric field {bad[0]!r}")
            if f.id in f.formula.names:
                raise DefinitionError(source, f"sections[{si}].fields[{fi}].formula", "a field cannot be computed from itself")
    _check_no_cycles(d, source)
    for si, s in enumerate(d.sections):
        for fi, f in enumerate(s.fields):
            for sentence in f.suggest:
                for name in re.findall(r"\{([a-z0-9_]+)\}", sentence):
                    if name not in known:
                        raise DefinitionError(source, f"sections[{si}].fields[{fi}].suggest", f"unknown field {name!r}")
    rule_ids: set[str] = set()
    for ri, rule in enumerate(d.rules):
        if rule.id in rule_ids:
            raise DefinitionError(source, f"rules[{ri}].id", f"{rule.id!r} is used twice")
        rule_ids.add(rule.id)
        used = rule.left.names | (rule.right.names if rule.right else frozenset())
        pair = rule.operator in (Operator.COMPULSORY_PAIR, Operator.EXCLUSIVE_PAIR)
        bad = sorted(used - (names if pair else numeric))
        if bad:
            raise DefinitionError(source, f"rules[{ri}]", f"unknown or non-numeric field {bad[0]!r}")
        for fid in rule.fields:
            if fid not in names:
                raise DefinitionError(source, f"rules[{ri}].fields", f"unknown field {fid!r}")


def _check_no_cycles(d: FormDefinition, source: str) -> None:
    deps = {f.id: {n for n in f.formula.names} for f in d.iter_fields() if f.formula is not None}
    state: dict[str, int] = {}

    def visit(node: str, path: tuple[str, ...]) -> None:
        if state.get(node) == 2:
            return
        if state.get(node) == 1:
            raise DefinitionError(source, "formula", f"computed fields depend on each other: {' → '.join(path)}")
        state[node] = 1
        for dep in deps.get(node, ()):
            visit(dep, (*path, dep))
        state[node] = 2

    for node in deps:
        visit(node, (node,))


def load_definition(path: Path) -> FormDefinition:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DefinitionError(str(path), "file", "is not UTF-8 text") from exc
    return parse_definition(text, source=str(path))


BUILTIN_DIR = Path(__file__).resolve().parent / "definitions"


def builtin_definitions() -> list[FormDefinition]:
    """The definitions shipped with the program, sorted by id and version."""
    found = [load_definition(p) for p in sorted(BUILTIN_DIR.glob("*.toml"))]
    return sorted(found, key=lambda d: (d.id, d.version))
