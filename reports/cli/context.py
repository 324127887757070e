"""What every command group shares: the context a handler gets (arguments, output, the
opened workspace), reading a secret safely, and registering a sub-command."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
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
    def real_data_dir(self) -> Path:
        from reports.paths import default_data_dir

        return Path(self.args.data_dir) if self.args.data_dir else default_data_dir()

    @property
    def data_dir(self) -> Path:
        """The data folder, or with ``--demo`` the demo beside it (which must exist: an empty,
        unmarked folder is never made by accident)."""
        if getattr(self.args, "demo", False) and not getattr(self.args, "on_real_folder", False):
            from reports.demo import require_demo

            return require_demo(self.real_data_dir)
        return self.real_data_dir

    @property
    def ws(self) -> Workspace:
        if self._ws is None:
            # Imported here: `cchc --help` and the commands that need no database skip the
            # store and everything behind it.
            from reports.workspace import Workspace

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
                detail=f"Biến môi trường {env_name} chưa được đặt.",
                detail_en=f"Environment variable {env_name} is not set.",
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


def add(sub: Any, name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(name, help=help_text, description=help_text)
    p.set_defaults(handler=handler)
    return p
