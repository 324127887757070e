"""A form's heading (id, version, titles, kind, period kinds) read without parsing the whole
definition is what parsing it gives; the root keys of any TOML text are tomllib's, even when
a multi-line string or array has lines that look like table headers."""

from __future__ import annotations

import json
import tomllib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forms.definition import BUILTIN_DIR, FormDefinition, builtin_definitions, parse_definition
from forms.heading import FormHeading, read_heading, root_keys
from reports.storage.form_registry import FormRegistry, UnknownFormError
from reports.storage.store import ReportStore


def heading_of(d: FormDefinition) -> FormHeading:
    return FormHeading(d.id, d.version, d.title, d.kind, d.period_kinds, d.title_en)


def test_every_shipped_definition_has_the_heading_its_parse_gives() -> None:
    for d in builtin_definitions():
        assert d.title_en  # the shipped translation applies: the English title comes from it
        assert read_heading(d.source_text, d.sha256) == heading_of(d)


def test_a_translation_for_another_text_gives_no_english_title() -> None:
    d = builtin_definitions()[0]
    other = read_heading(d.source_text, "0" * 64)
    assert other.title_en == "" and other.title == d.title


def test_a_definition_with_its_own_english_title_keeps_it() -> None:
    text = (BUILTIN_DIR / "cchc-xa-v1.toml").read_text(encoding="utf-8")
    own = text.replace('title = "Báo cáo định kỳ', 'title_en = "Own title"\ntitle = "Báo cáo định kỳ', 1)
    d = parse_definition(own)
    assert d.title_en == "Own title"  # the shipped translation is for the other text
    assert read_heading(own, d.sha256) == heading_of(d)


def test_the_store_gives_the_heading_of_a_report_s_form(store: ReportStore) -> None:
    report = store.create("2026-11")
    fresh = FormRegistry(store.db)
    heading = fresh.heading(report.form_id, report.form_version)
    assert heading == heading_of(store.definition(report))
    assert fresh.heading(report.form_id) == heading  # the latest version
    assert store.heading(report) == heading
    with pytest.raises(UnknownFormError):
        fresh.heading("no-such-form")
    with pytest.raises(UnknownFormError):
        fresh.heading(report.form_id, 99)


# ------------------------------------------------------------------ root keys of any TOML text

_WORDS = st.text(alphabet="[]ab =#.\"\t\n", max_size=30).filter(lambda s: "'''" not in s and "\r" not in s)
_KEYS = st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True)


def _item(value: object) -> str:
    """One array item on its own line: a nested array starts the line with "["."""
    if isinstance(value, list):
        return "[" + ", ".join(_item(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def _value(kind: int, words: str, numbers: list[int]) -> str:
    if kind == 0:  # a multi-line literal string whose lines may look like table headers
        return "'''\n" + words + "'''"
    if kind == 1:  # a multi-line array with nested arrays at the start of lines
        lines = [_item(numbers), _item(words), _item([words, [1, 2]]), "[]"]
        return "[\n" + ",\n".join(lines) + ",\n]"
    return json.dumps(words, ensure_ascii=False)


@given(
    entries=st.dictionaries(_KEYS, st.tuples(st.integers(0, 2), _WORDS, st.lists(st.integers(), max_size=3)), min_size=1, max_size=5),
    tables=st.booleans(),
)
def test_root_keys_are_those_tomllib_reads(entries: dict[str, tuple[int, str, list[int]]], tables: bool) -> None:
    text = "# a comment\n" + "".join(f"{k} = {_value(*v)}\n" for k, v in entries.items())
    if tables:
        text += '\n[table]\nx = 1\n\n[[rows]]\ny = "[not a header]"\n'
    whole = tomllib.loads(text)
    found = root_keys(text)
    assert {k: found[k] for k in entries} == {k: whole[k] for k in entries}
    assert all(whole[k] == v for k, v in found.items())
