"""``cchc``: the scriptable face of the core. Every command calls the same services the
desktop program uses; none has an implementation of its own.

Exit codes: 0 ok, 1 the data is invalid (every problem is listed), 2 usage or environment.
Messages are Vietnamese unless ``--lang en``.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from reports import __version__
from reports.errors import CchcError
from reports.paths import default_data_dir
from reports.workspace import Workspace

Handler = Callable[["Context"], int]


@dataclass
class Context:
    args: argparse.Namespace
    out: TextIO = field(default_factory=lambda: sys.stdout)
    err: TextIO = field(default_factory=lambda: sys.stderr)
    _ws: Workspace | None = None

    @property
    def lang(self) -> str:
        return str(self.args.lang)

    def t(self, vi: str, en: str) -> str:
        return en if self.lang == "en" else vi

    def say(self, vi: str, en: str | None = None) -> None:
        print(self.t(vi, en if en is not None else vi), file=self.out)

    @property
    def data_dir(self) -> Path:
        return Path(self.args.data_dir) if self.args.data_dir else default_data_dir()

    @property
    def ws(self) -> Workspace:
        if self._ws is None:
            self._ws = Workspace.open(self.data_dir)
        return self._ws

    def close(self) -> None:
        if self._ws is not None:
            self._ws.close()
            self._ws = None


def secret_from(ctx: Context, env_name: str | None, prompt_vi: str, prompt_en: str) -> str:
    """A password or PIN from the named environment variable, or typed at a prompt; never
    from the command line itself (it would stay in the shell history and process list)."""
    if env_name:
        value = os.environ.get(env_name)
        if value is None:
            from reports.errors import UsageError

            raise UsageError(
                detail=f"Biến môi trường {env_name} chưa được đặt.", detail_en=f"Environment variable {env_name} is not set."
            )
        return value
    if not sys.stdin.isatty():
        from reports.errors import UsageError

        raise UsageError(
            detail="Cần mật khẩu/mã PIN: chạy lệnh trong cửa sổ dòng lệnh để nhập, hoặc dùng --password-env / --pin-env.",
            detail_en="A password/PIN is needed: run in a terminal to type it, or use --password-env / --pin-env.",
        )
    import getpass

    return getpass.getpass(ctx.t(prompt_vi, prompt_en) + ": ")


def build_parser() -> argparse.ArgumentParser:
    from reports import cli_backup, cli_documents, cli_outbox, cli_reports, cli_setup, cli_sync

    parser = argparse.ArgumentParser(
        prog="cchc",
        description="Báo cáo CCHC — báo cáo cải cách hành chính cấp xã (commune administrative-reform reports).",
    )
    parser.add_argument("--version", action="version", version=f"cchc {__version__}")
    parser.add_argument("--data-dir", help="thư mục dữ liệu / data folder (default: $CCHC_DATA_DIR or the user's data folder)")
    parser.add_argument("--lang", choices=("vi", "en"), default=os.environ.get("CCHC_LANG", "vi"),
                        help="ngôn ngữ thông báo / message language")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for module in (cli_setup, cli_reports, cli_documents, cli_sync, cli_backup, cli_outbox):
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
    args = parser.parse_args(argv)
    ctx = Context(args, out or sys.stdout, err or sys.stderr)
    handler: Handler = args.handler
    from reports.logs import install_file_logging

    install_file_logging(ctx.data_dir / "logs")
    from reports.failures import expected_errors

    try:
        # A full disk or a read-only folder met outside the store's own checks (e.g. while
        # writing a package) becomes the same plain message, not a traceback.
        with expected_errors(ctx.data_dir):
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


def add(sub: Any, name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(name, help=help_text, description=help_text)
    p.set_defaults(handler=handler)
    return p


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
