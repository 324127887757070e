"""The definition loader: what a province's TOML file may say, and the refusals that name the line."""

from __future__ import annotations

from typing import Any

import pytest

from forms.definition import (
    DefinitionError,
    load_definition,
    parse_definition,
)
from tests.unit.form_support import HEADER, TABLE, field_toml, nfd

# --- the definition loader --------------------------------------------------------------------


def load_error(text: str) -> DefinitionError:
    with pytest.raises(DefinitionError) as exc_info:
        parse_definition(text, "tinh-x.toml")
    err = exc_info.value
    assert err.source == "tinh-x.toml"
    assert str(err).startswith(f"tinh-x.toml: {err.where}: ")
    return err


GOOD = (
    HEADER
    + '[[sections]]\nid = "I"\ntitle = "Phần I"\n'
    + field_toml("a", "integer")
    + field_toml("b", "integer")
)


def test_loader_accepts_the_minimal_form() -> None:
    d = parse_definition(GOOD)
    assert (d.key, [f.id for f in d.iter_fields()]) == ("test-form@1", ["a", "b"])


def test_loader_unknown_key() -> None:
    err = load_error(GOOD.replace('label = "Chỉ tiêu b"', 'label = "Chỉ tiêu b"\nlable = "sai chính tả"'))
    assert (err.where, err.reason) == ("sections[0].fields[1].lable", "is not a known key (misspelt?)")
    err = load_error(GOOD.replace('title = "Biểu mẫu thử"', 'title = "Biểu mẫu thử"\ncolour = "red"'))
    assert err.where == "colour"


def test_loader_wrong_type() -> None:
    err = load_error(GOOD.replace("version = 1", 'version = "1"'))
    assert (err.where, err.reason) == ("version", "must be int")
    err = load_error(GOOD.replace("version = 1", "version = true"))
    assert err.where == "version"
    err = load_error(GOOD.replace('type = "integer"', 'type = "number"', 1))
    assert err.where == "sections[0].fields[0].type"
    assert "integer" in err.reason
    err = load_error(GOOD.replace('label = "Chỉ tiêu a"', "label = 5"))
    assert err.where == "sections[0].fields[0].label"


def test_loader_missing_required_key() -> None:
    err = load_error(GOOD.replace('label = "Chỉ tiêu a"', ""))
    assert (err.where, err.reason) == ("sections[0].fields[0].label", "is required")


def test_loader_duplicate_field_id() -> None:
    err = load_error(GOOD.replace('id = "b"', 'id = "a"'))
    assert err.where == "sections[0].fields[1].id"
    assert "'a'" in err.reason


def test_loader_bad_field_id() -> None:
    err = load_error(GOOD.replace('id = "b"', 'id = "B-2"'))
    assert err.where == "sections[0].fields[1].id"


def test_loader_refuses_an_id_with_a_trailing_newline() -> None:
    # `$` in the id pattern matches before a final "\n": "b\n" must not pass as an id.
    err = load_error(GOOD.replace('id = "b"', 'id = "b\\n"'))
    assert err.where == "sections[0].fields[1].id"
    err = load_error(GOOD.replace('id = "test-form"', 'id = "test-form\\n"'))
    assert err.where == "id"


def test_loader_unknown_field_in_formula() -> None:
    err = load_error(GOOD + field_toml("c", "integer", 'formula = "a + zz"'))
    assert err.where == "sections[0].fields[2].formula"
    assert "'zz'" in err.reason


def test_loader_unknown_field_in_rule() -> None:
    err = load_error(GOOD + '[[rules]]\nid = "r"\nleft = "a"\noperator = "<="\nright = "zz"\nmessage = "m"\n')
    assert err.where == "rules[0]"
    assert "'zz'" in err.reason
    err = load_error(
        GOOD
        + '[[rules]]\nid = "r"\nleft = "a"\noperator = "<="\nright = "b"\nmessage = "m"\nfields = ["q"]\n'
    )
    assert err.where == "rules[0].fields"


def test_loader_bad_rule_parts() -> None:
    rule = '[[rules]]\nid = "r"\nleft = "a"\noperator = "{op}"\nright = "b"\nmessage = "m"\n{extra}'
    err = load_error(GOOD + rule.format(op="=<", extra=""))
    assert err.where == "rules[0].operator"
    err = load_error(GOOD + rule.format(op="<=", extra='importance = "fatal"\n'))
    assert err.where == "rules[0].importance"
    err = load_error(GOOD + rule.format(op="<=", extra='missing = "ignore"\n'))
    assert err.where == "rules[0].missing"
    err = load_error(GOOD + rule.format(op="<=", extra="") + rule.format(op=">=", extra=""))
    assert (err.where, err.reason) == ("rules[1].id", "'r' is used twice")
    err = load_error(
        GOOD + rule.format(op="<=", extra="").replace('left = "a"', "left = \"__import__('os')\"")
    )
    assert err.where == "rules[0].left"
    assert "not allowed" in err.reason


def test_loader_formula_cycle() -> None:
    err = load_error(
        GOOD
        + field_toml("c", "integer", 'formula = "d + 1"')
        + field_toml("d", "integer", 'formula = "e + a"')
        + field_toml("e", "integer", 'formula = "c * 2"')
    )
    assert "formula" in err.where
    assert "c" in err.reason and "d" in err.reason and "e" in err.reason
    err = load_error(GOOD + field_toml("c", "integer", 'formula = "c + 1"'))
    assert err.where == "sections[0].fields[2].formula"


def test_loader_non_numeric_field_in_formula() -> None:
    err = load_error(GOOD + field_toml("t", "text") + field_toml("c", "integer", 'formula = "a + t"'))
    assert err.where == "sections[0].fields[3].formula"
    assert "non-numeric" in err.reason and "'t'" in err.reason
    err = load_error(GOOD + TABLE + field_toml("c", "integer", 'formula = "sum(tbl.domain)"'))
    assert "'tbl.domain'" in err.reason
    err = load_error(GOOD + field_toml("t", "text", 'formula = "a + b"'))
    assert err.where == "sections[0].fields[2].formula"


def test_loader_syntax_error_has_the_line_number() -> None:
    text = GOOD.replace('title = "Biểu mẫu thử"', 'title = "Biểu mẫu thử')
    line = text.splitlines().index('title = "Biểu mẫu thử') + 1
    err = load_error(text)
    assert err.where == "syntax"
    assert f"line {line}" in err.reason


def test_loader_other_refusals() -> None:
    assert (
        load_error(GOOD.replace('period_kinds = ["month"]', 'period_kinds = ["week"]')).where
        == "period_kinds"
    )
    assert load_error(GOOD.replace('period_kinds = ["month"]', "period_kinds = []")).where == "period_kinds"
    assert load_error(GOOD.replace("version = 1", "version = 0")).where == "version"
    assert load_error(GOOD.replace('id = "test-form"', 'id = "Test Form"')).where == "id"
    assert load_error(HEADER).where == "sections"
    assert load_error(GOOD.replace("version = 1", 'version = 1\nkind = "quiz"')).where == "kind"
    assert load_error(GOOD + field_toml("n", "narrative", 'suggest = ["Có {zz} hồ sơ."]')).where == (
        "sections[0].fields[2].suggest"
    )
    assert (
        load_error(GOOD + field_toml("n", "text", 'formula = "a"')).reason
        == "a text field cannot be computed"
    )
    assert load_error("x" * 1_000_001).where == "file"


def test_load_definition_names_the_file(tmp_path: Any) -> None:
    path = tmp_path / "tinh.toml"
    path.write_text(GOOD.replace("version = 1", 'version = "một"'), encoding="utf-8")
    with pytest.raises(DefinitionError) as exc_info:
        load_definition(path)
    assert exc_info.value.source == str(path)
    assert str(exc_info.value).startswith(str(path))
    path.write_bytes(b"\xff\xfe not utf-8")
    with pytest.raises(DefinitionError) as exc_info:
        load_definition(path)
    assert exc_info.value.where == "file"


def test_loader_normalises_to_nfc() -> None:
    d = parse_definition(nfd(GOOD))
    assert d.title == "Biểu mẫu thử"
    assert d.field("a").label == "Chỉ tiêu a"
