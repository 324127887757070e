"""Small TOML forms that the form-engine tests build their cases from."""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest

from forms.definition import (
    FormDefinition,
    parse_definition,
)
from forms.engine import ValueProblem, coerce

HEADER = """
id = "test-form"
version = 1
title = "Biểu mẫu thử"
summary = "Kết quả {period}"
period_kinds = ["month"]
"""


def definition(fields: str, rules: str = "", *, section: str = "I") -> FormDefinition:
    return parse_definition(
        f'{HEADER}\n[[sections]]\nid = "{section}"\ntitle = "Phần thử"\n{fields}\n{rules}', "test.toml"
    )


def field_toml(fid: str, ftype: str, extra: str = "") -> str:
    return f'[[sections.fields]]\nid = "{fid}"\ntype = "{ftype}"\nlabel = "Chỉ tiêu {fid}"\n{extra}\n'


def single(ftype: str, extra: str = "") -> Any:
    return definition(field_toml("x", ftype, extra)).field("x")


def problem(f: Any, raw: Any) -> str:
    with pytest.raises(ValueProblem) as exc_info:
        coerce(f, raw)
    assert exc_info.value.field_id.startswith(f.id)
    assert exc_info.value.message("vi")
    assert exc_info.value.message("en")
    return exc_info.value.code


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# A table with one column of each type the engine allows in a table.
TABLE = (
    field_toml("tbl", "table", "max_rows = 3")
    + """
[[sections.fields.columns]]
id = "domain"
type = "text"
label = "Lĩnh vực"
[[sections.fields.columns]]
id = "received"
type = "integer"
label = "Tiếp nhận"
total = true
[[sections.fields.columns]]
id = "amount"
type = "decimal"
label = "Số tiền"
[[sections.fields.columns]]
id = "online"
type = "choice"
label = "Trực tuyến"
[[sections.fields.columns]]
id = "since"
type = "date"
label = "Từ ngày"
"""
)
