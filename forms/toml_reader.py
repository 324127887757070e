"""Reading one table of a definition file, remembering where it is for error messages."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from forms.expressions import Expression, ExpressionError
from forms.model import ID_PATTERN, DefinitionError


def nfc_tree(value: Any) -> Any:
    """NFC-normalise every string in a parsed TOML document."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [nfc_tree(v) for v in value]
    if isinstance(value, dict):
        return {k: nfc_tree(v) for k, v in value.items()}
    return value


class TableReader:
    """Reads one table of the TOML document; every failure names the key's full path."""

    def __init__(self, source: str, data: Mapping[str, Any], where: str) -> None:
        if not isinstance(data, Mapping):
            raise DefinitionError(source, where, "must be a table")
        self.source, self.data, self.where = source, data, where
        self.used: set[str] = set()

    def has(self, key: str) -> bool:
        return key in self.data

    def fail(self, key: str, reason: str) -> DefinitionError:
        where = f"{self.where}.{key}" if self.where else key
        return DefinitionError(self.source, where, reason)

    def get(self, key: str, kind: type | tuple[type, ...], default: Any = ..., *, required: bool = False) -> Any:
        self.used.add(key)
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

    def number(self, key: str, default: float | None = None) -> float:
        value = self.get(key, (int, float), ... if default is None else default)
        return float(value)

    def text(self, key: str, default: str | None = None) -> str:
        value = self.get(key, str, ... if default is None else default)
        if default is None and not value.strip():
            raise self.fail(key, "must not be empty")
        return str(value)

    def ident(self, key: str) -> str:
        value = self.text(key)
        if not ID_PATTERN.match(value):
            raise self.fail(key, f"{value!r} is not a valid id (lowercase letters, digits, _)")
        return value

    def expr(self, key: str, *, required: bool = True) -> Expression | None:
        if key not in self.data and not required:
            self.used.add(key)
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

    def table(self, key: str) -> TableReader | None:
        """A sub-table (``[x.key]`` or ``key = {…}``), or None when absent."""
        if key not in self.data:
            self.used.add(key)
            return None
        value = self.get(key, dict)
        return TableReader(self.source, value, f"{self.where + '.' if self.where else ''}{key}")

    def tables(self, key: str, *, required: bool = False) -> list[TableReader]:
        items = self.get(key, list, ... if required else [])
        return [
            TableReader(self.source, item, f"{self.where + '.' if self.where else ''}{key}[{i}]")
            for i, item in enumerate(items)
        ]

    def done(self) -> None:
        unknown = sorted(set(self.data) - self.used)
        if unknown:
            raise self.fail(unknown[0], "is not a known key (misspelt?)")
