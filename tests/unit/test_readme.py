"""The README documents every command of `cchc` (as sqlite-utils' docs tests do)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reports.cli.main import command_names

README = Path(__file__).resolve().parents[2] / "README.md"


def documented(command: str, text: str) -> bool:
    """Whether ``text`` shows ``cchc <command>``, global options allowed in between, and the
    command not merely the start of a longer word ("import" is not "import-values")."""
    words = r"\s+".join(map(re.escape, command.split()))
    pattern = r"\bcchc(?:\s+--?[\w-]+(?:[ =]\S+)?)*\s+" + words + r"(?![\w-])"
    return re.search(pattern, text) is not None


def test_the_matcher() -> None:
    assert documented("report new", "- `cchc report new --period 2026-11` — create")
    assert documented("report new", "cchc --data-dir xa report new --period 2026-11")
    assert documented("sample", "cchc --data-dir xa --lang en sample --months 2")
    assert not documented("report new", "cchc report newer")
    assert not documented("report new", "cchc report list; new")
    assert not documented("import", "cchc report import-values ID FILE")
    assert not documented("import", "cchc-import")


def test_command_names_are_found() -> None:
    names = command_names()
    for expected in (
        "init",
        "forms list",
        "forms show",
        "report new",
        "report set",
        "report import-values",
        "report show",
        "report validate",
        "report finalize",
        "report list",
        "audit",
        "sample",
    ):
        assert expected in names


@pytest.mark.parametrize("command", command_names())
def test_readme_documents_every_command(command: str) -> None:
    assert README.exists(), "README.md is missing"
    assert documented(command, README.read_text(encoding="utf-8")), (
        f"README.md does not document `cchc {command}`"
    )
