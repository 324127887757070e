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
from typing import TextIO

from reports import __version__
from reports.cli import appraisal as cli_appraisal
from reports.cli import backup as cli_backup
from reports.cli import calendar as cli_calendar
from reports.cli import demo as cli_demo
from reports.cli import documents as cli_documents
from reports.cli import forms as cli_forms
from reports.cli import installation as cli_setup
from reports.cli import outbox as cli_outbox
from reports.cli import report as cli_reports
from reports.cli import review as cli_review
from reports.cli import scoring as cli_scoring
from reports.cli import sync as cli_sync
from reports.cli.context import Context, Handler
from reports.errors import CchcError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cchc",
        description="Báo cáo CCHC — báo cáo cải cách hành chính cấp xã (commune administrative-reform reports).",
    )
    parser.add_argument("--version", action="version", version=f"cchc {__version__}")
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
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for module in (cli_setup, cli_reports, cli_scoring, cli_documents, cli_sync, cli_review, cli_backup, cli_outbox,
                   cli_calendar, cli_forms, cli_appraisal, cli_demo):
        module.register(sub)
    return parser


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
    parser = build_parser()
    args = parser.parse_args(cli_appraisal.normalise_argv(list(sys.argv[1:] if argv is None else argv)))
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
