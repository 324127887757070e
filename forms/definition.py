"""Reading and checking form definitions (TOML files, docs/forms.md).

``parse_definition`` checks every part and raises ``DefinitionError`` naming the file, the
place in it (``sections[2].fields[0].type`` or a line number for a syntax error) and the
reason. The types it builds live in forms/model.py and forms/scoring.py; they are
re-exported here because most callers want a definition and its types from one place.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from pathlib import Path

from forms.heading import BUILTIN_DIR
from forms.model import (
    COLUMN_TYPES,
    DEFAULT_CHOICES,
    DEFAULT_CHOICES_EN,
    NUMERIC_TYPES,
    Choice,
    Column,
    DefinitionError,
    Field,
    FieldType,
    FormDefinition,
    Importance,
    MissingStrategy,
    Operator,
    Rule,
    Section,
)
from forms.periods import PeriodKind
from forms.scoring import NUMBER_METHOD
from forms.scoring_reader import read_evidence, read_method, read_rules
from forms.toml_lines import line_of, syntax_error_line
from forms.toml_reader import TableReader, nfc_tree
from forms.translation import with_translations

__all__ = [
    "BUILTIN_DIR",
    "COLUMN_TYPES",
    "DEFAULT_CHOICES",
    "NUMERIC_TYPES",
    "Choice",
    "Column",
    "DefinitionError",
    "Field",
    "FieldType",
    "FormDefinition",
    "Importance",
    "MissingStrategy",
    "Operator",
    "Rule",
    "Section",
    "builtin_definitions",
    "load_definition",
    "parse_definition",
]

MAX_DEFINITION_BYTES = 1_000_000


def _choices(r: TableReader) -> tuple[Choice, ...]:
    opts = r.tables("options")
    if not opts:
        return tuple(Choice(v, label, DEFAULT_CHOICES_EN[v]) for v, label in DEFAULT_CHOICES)
    out = []
    for o in opts:
        out.append(Choice(o.text("value"), o.text("label"), o.text("label_en", "")))
        o.done()
    if len({c.value for c in out}) != len(out):
        raise r.fail("options", "two options have the same value")
    return tuple(out)


def _column(r: TableReader) -> Column:
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
        label_en=r.text("label_en", ""),
        unit_en=r.text("unit_en", ""),
    )
    r.done()
    return col


def _field(r: TableReader) -> Field:
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
    method, evidence = NUMBER_METHOD, None
    if ftype is FieldType.SCORE:
        max_points = float(r.get("max_points", (int, float), required=True))
        if max_points <= 0:
            raise r.fail("max_points", "must be greater than 0")
        method, evidence = read_method(r, max_points), read_evidence(r)
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
        help_en=r.text("help_en", ""),
        unit_en=r.text("unit_en", ""),
        group_en=r.text("group_en", ""),
        suggest=tuple(str(x) for x in r.get("suggest", list, [])),
        method=method,
        evidence=evidence,
    )
    r.done()
    return f


def _rule(r: TableReader) -> Rule:
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
    """Read and check a definition; a ``DefinitionError`` also carries the line (when found)."""
    try:
        return _parse_definition(text, source)
    except DefinitionError as exc:
        if exc.line is None:
            if exc.where == "syntax":
                exc.line = syntax_error_line(exc.reason, text)
            elif exc.where not in ("file", ""):
                exc.line = line_of(unicodedata.normalize("NFC", text), exc.where)
        raise


def _parse_definition(text: str, source: str) -> FormDefinition:
    if len(text.encode("utf-8")) > MAX_DEFINITION_BYTES:
        raise DefinitionError(source, "file", "is larger than 1 MB")
    text = unicodedata.normalize("NFC", text)
    try:
        data = nfc_tree(tomllib.loads(text))
    except tomllib.TOMLDecodeError as exc:
        raise DefinitionError(source, "syntax", str(exc)) from exc
    r = TableReader(source, data, "")
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
                intro_en=s.text("intro_en", ""),
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
        title_en=r.text("title_en", ""),
        summary=r.text("summary"),
        kind=kind,
        period_kinds=period_kinds,
        sections=tuple(sections),
        rules=rules,
        document_type=r.text("document_type", "BÁO CÁO"),
        symbol_code=r.text("symbol_code", "BC"),
        legal_basis=tuple(r.get("legal_basis", list, [])),
        note=r.text("note", ""),
        scoring=read_rules(r),
        source_text=text,
    )
    r.done()
    _check_references(definition, source)
    _check_scoring(definition, source)
    return with_translations(definition)


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


def _check_scoring(d: FormDefinition, source: str) -> None:
    """A criteria set's table agrees with its sub-criteria; a report has none of it."""
    if d.kind != "scoring":
        if d.scoring is not None:
            raise DefinitionError(source, "scoring", "only a kind = \"scoring\" form has a [scoring] table")
        return
    if d.scoring is None:
        return
    if abs(d.scoring.total - d.max_points) > 0.005:
        raise DefinitionError(
            source, "scoring.total",
            f"the sub-criteria add up to {d.max_points:g} points, not {d.scoring.total:g}: fix a maximum or the total",
        )
    areas = {s.id for s in d.sections if s.max_points > 0}
    for a in d.scoring.area_order:
        if a not in areas:
            raise DefinitionError(source, "scoring.area_order", f"{a!r} is not a scored section")
    for band in d.scoring.bands:
        if band.at_least > d.scoring.total:
            raise DefinitionError(source, "scoring.bands", f"{band.label!r} starts above the total")


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


def builtin_definitions() -> list[FormDefinition]:
    """The definitions shipped with the program, sorted by id and version."""
    found = [load_definition(p) for p in sorted(BUILTIN_DIR.glob("*.toml"))]
    return sorted(found, key=lambda d: (d.id, d.version))
