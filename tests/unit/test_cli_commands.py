"""``cchc`` imports only the group of the command it runs: the table of commands in
reports/cli/commands.py stands in for the others, so it must say exactly what each group
registers, and every help text and error must read as the whole parser's would."""

from __future__ import annotations

import argparse
import contextlib
import io

import pytest

from reports.cli.commands import APPRAISE_SUBCOMMANDS, GROUPS, normalise_argv
from reports.cli.main import build_parser, parse, probe, register_group


def _choices(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


@pytest.mark.parametrize("module", [module for module, _ in GROUPS])
def test_the_table_says_what_each_group_registers(module: str) -> None:
    sub = argparse.ArgumentParser().add_subparsers()
    register_group(module, sub)
    registered = [(a.dest, a.help) for a in sub._choices_actions]
    assert registered == list(dict(GROUPS)[module])


def _output(argv: list[str], parser: argparse.ArgumentParser | None) -> tuple[object, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            result: object = vars(parser.parse_args(argv) if parser else parse(argv))
            result = {k: v for k, v in result.items() if k != "handler"}  # type: ignore[attr-defined]
        except SystemExit as exc:
            result = exc.code
    return result, out.getvalue(), err.getvalue()


ARGVS = [
    ["--help"], ["-h"], ["--vers"], [], ["nosuch"], ["--lang", "xx", "pdf"], ["--lang"], ["--bogus", "report", "list"],
    ["report", "list", "--demo"], ["--data", "X", "--la", "en", "report", "show", "7"], ["--data-dir=X", "pdf", "1"],
    ["pdf"], ["pdf", "1", "-o", "x.pdf", "extra"], ["report"], ["appraise", "--help"],
    *([name, "--help"] for _, commands in GROUPS for name, _ in commands),
]


@pytest.mark.parametrize("argv", ARGVS, ids=" ".join)
def test_help_and_errors_read_as_the_whole_parser_s(argv: list[str]) -> None:
    assert _output(argv, None) == _output(argv, build_parser())


def test_a_command_s_parse_loads_its_group_alone() -> None:
    assert probe(["--data-dir", "X", "pdf", "1", "-o", "x.pdf"]) == "pdf"
    assert probe(["--lang=en", "report", "list"]) == "report"
    for argv in (["--help"], ["--version"], ["nosuch"], [], ["--lang", "xx", "pdf"], ["-x", "pdf"]):
        assert probe(argv) is None
    assert set(_choices(build_parser("pdf", others=False))) == {"pdf", "keys", "sign", "verify", "trust"}
    assert list(_choices(build_parser(""))) == [name for _, commands in GROUPS for name, _ in commands]


def test_the_appraise_short_form_knows_every_sub_command() -> None:
    appraise = _choices(build_parser("appraise", others=False))["appraise"]
    assert set(_choices(appraise)) == set(APPRAISE_SUBCOMMANDS)
    assert normalise_argv(["--lang", "en", "appraise", "12", "a=1"]) == ["--lang", "en", "appraise", "set", "12", "a=1"]
    assert normalise_argv(["appraise", "show", "12"]) == ["appraise", "show", "12"]
    assert normalise_argv(["report", "show", "appraise"]) == ["report", "show", "appraise"]
