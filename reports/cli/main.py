"""``cchc``: the scriptable face of the core. Every command calls the same services the
desktop program uses; none has an implementation of its own.

Exit codes: 0 ok, 1 the data is invalid (every problem is listed), 2 usage or environment.
Messages are Vietnamese unless ``--lang en``.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from reports import __version__
from reports.cli.commands import GROUPS, group_of, normalise_argv
from reports.errors import CchcError

if TYPE_CHECKING:
    from reports.cli.context import Handler


def register_group(module: str, sub: Any) -> None:
    """Register the commands of one module of reports/cli/ (imported here, only when needed)."""
    if module == "installation":
        from reports.cli.installation import register
    elif module == "report":
        from reports.cli.report import register
    elif module == "scoring":
        from reports.cli.scoring import register
    elif module == "documents":
        from reports.cli.documents import register
    elif module == "sync":
        from reports.cli.sync import register
    elif module == "review":
        from reports.cli.review import register
    elif module == "backup":
        from reports.cli.backup import register
    elif module == "outbox":
        from reports.cli.outbox import register
    elif module == "calendar":
        from reports.cli.calendar import register
    elif module == "forms":
        from reports.cli.forms import register
    elif module == "appraisal":
        from reports.cli.appraisal import register
    elif module == "demo":
        from reports.cli.demo import register
    else:
        raise ValueError(f"no command group {module}")
    register(sub)


def build_parser(command: str | None = None, *, others: bool = True) -> argparse.ArgumentParser:
    """The parser of every command. With ``command``, only the group of that command is
    imported and registered in full; the others are listed by name and help alone (the table
    in reports/cli/commands.py, which is all ``cchc --help`` shows of them), or with
    ``others=False`` left out."""
    parser = argparse.ArgumentParser(
        prog="cchc",
        description="Báo cáo CCHC — báo cáo cải cách hành chính cấp xã (commune administrative-reform reports).",
    )
    parser.add_argument("--version", action="version", version=f"cchc {__version__}")
    add_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for module, commands in GROUPS:
        if command is None or any(name == command for name, _ in commands):
            register_group(module, sub)
        elif others:
            for name, help_text in commands:
                # Takes whatever follows: only the command's name is read from this parser.
                sub.add_parser(name, help=help_text, add_help=False)
    return parser


def add_options(parser: argparse.ArgumentParser) -> None:
    """The options before the command (the probe in ``parse`` spells them the same way)."""
    parser.add_argument(
        "--data-dir", help="thư mục dữ liệu / data folder (default: $CCHC_DATA_DIR or the user's data folder)"
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="dùng bản dùng thử với dữ liệu mẫu (cchc demo start) / use the trial installation with sample data",
    )
    parser.add_argument(
        "--lang",
        choices=("vi", "en"),
        default=os.environ.get("CCHC_LANG", "vi"),
        help="ngôn ngữ thông báo / message language",
    )


class ProbeRefused(Exception):
    """The probe could not tell the command: the parser of names decides (and says why)."""


class Probe(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise ProbeRefused(message)


def probe(argv: list[str]) -> str | None:
    """The command ``argv`` runs, read with the same options as the real parser (so prefixes
    such as ``--data`` match alike); None when it asks for help or the version, names no
    known command, or has an error for the real parser to report."""
    parser = Probe(prog="cchc", add_help=False)
    parser.add_argument("-h", "--help", "--version", dest="stop", action="store_true")
    add_options(parser)
    parser.add_argument("command", nargs="?")
    parser.add_argument("rest", nargs=argparse.REMAINDER)
    try:
        found, extra = parser.parse_known_args(argv)
    except ProbeRefused:
        return None
    if found.stop or extra or found.command is None or group_of(found.command) is None:
        return None
    return str(found.command)


def parse(argv: list[str]) -> argparse.Namespace:
    """Parse with only the chosen command's group imported (a command's own help and errors
    name only itself). When the probe cannot tell the command, the parser of every command's
    name and help answers ``cchc --help``, ``--version``, a missing or unknown command, exactly
    as the whole parser would."""
    command = probe(argv)
    if command is None:
        found, _ = build_parser("").parse_known_args(argv)
        command = str(found.command)
    return build_parser(command, others=False).parse_args(argv)


def command_names() -> list[str]:
    """Every command and sub-command, e.g. "report new": the README must document each."""
    names: list[str] = []

    def walk(p: argparse.ArgumentParser, prefix: str) -> None:
        for action in p._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, child in action.choices.items():
                    full = f"{prefix} {name}".strip()
                    if not any(isinstance(a, argparse._SubParsersAction) for a in child._actions):
                        names.append(full)
                    walk(child, full)

    walk(build_parser(), "")
    return names


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None) -> int:
    args = parse(normalise_argv(list(sys.argv[1:] if argv is None else argv)))
    from reports.cli.context import Context  # after parsing: `cchc --help` needs none of it

    ctx = Context(args, out or sys.stdout, err or sys.stderr)
    handler: Handler = args.handler
    from reports.logs import install_file_logging

    try:
        data_dir = ctx.data_dir
    except CchcError as exc:  # --demo before there is a demo
        print(exc.message(ctx.lang), file=ctx.err)
        return exc.exit_code
    install_file_logging(data_dir / "logs")
    from reports.environment import expected_errors

    try:
        # A full disk or a read-only folder met outside the store's own checks (e.g. while
        # writing a package) becomes the same plain message, not a traceback.
        with expected_errors(data_dir):
            return handler(ctx)
    except CchcError as exc:
        print(exc.message(ctx.lang), file=ctx.err)
        return exc.exit_code
    except BrokenPipeError:
        # `cchc report list | head`: the reader went away; not an error of ours.
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print(ctx.t("Đã dừng.", "Stopped."), file=ctx.err)
        return 2
    finally:
        ctx.close()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
