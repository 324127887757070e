"""End-to-end set-up: installations (data folders) driven through the `cchc` command line.

``installations(name)`` gives an ``Installation``: calling it runs ``cchc --data-dir DIR …``
in this process (``reports.cli.main:main``); ``.process(…)`` runs the installed ``cchc`` script in
a real process, as an official's shell would. Passwords travel in an environment variable
(``PASSWORD_ENV``), never on the command line.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from reports.cli.main import main
from reports.workspace import Workspace

CCHC_SCRIPT = Path(sys.executable).with_name("cchc")
PASSWORD_ENV = "CCHC_E2E_PASSWORD"
PASSWORD = "mật-khẩu-ký-2026"
ACTOR = "cán bộ một cửa"


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)

    @property
    def last_line(self) -> str:
        lines = self.out.strip().splitlines()
        return lines[-1] if lines else ""


class Installation:
    """One data folder, used as an official would: ``cchc --data-dir DIR …``."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def __call__(self, *args: str | int | Path, lang: str | None = None) -> Run:
        out, err = io.StringIO(), io.StringIO()
        argv = ["--data-dir", str(self.root), *(["--lang", lang] if lang else []), *map(str, args)]
        try:
            code = main(argv, out=out, err=err)
        except SystemExit as exc:  # argparse's own usage errors
            code = int(exc.code or 0)
        return Run(code, out.getvalue(), err.getvalue())

    def ok(self, *args: str | int | Path, lang: str | None = None) -> Run:
        run = self(*args, lang=lang)
        assert run.code == 0, f"cchc {' '.join(map(str, args))} → {run}"
        return run

    def process(self, *args: str | int | Path, data_dir: bool = True) -> Run:
        """The installed script, in its own process."""
        if not CCHC_SCRIPT.exists():
            pytest.skip(f"the cchc script is not installed next to {sys.executable}")
        argv = [str(CCHC_SCRIPT), *(["--data-dir", str(self.root)] if data_dir else []), *map(str, args)]
        # Without --data-dir the program would use (and create) the user's own data folder.
        env = {**os.environ, "CCHC_DATA_DIR": str(self.root)}
        done = subprocess.run(argv, capture_output=True, text=True, timeout=120, env=env, stdin=subprocess.DEVNULL)
        return Run(done.returncode, done.stdout, done.stderr)

    @contextlib.contextmanager
    def workspace(self) -> Iterator[Workspace]:
        """The same folder opened in-process, for checks the command line does not print."""
        ws = Workspace.open(self.root)
        try:
            yield ws
        finally:
            ws.close()

    def dump(self) -> list[str]:
        """The whole database, table by table (sqlite3 iterdump)."""
        with contextlib.closing(sqlite3.connect(self.root / "cchc.sqlite3")) as con:
            return list(con.iterdump())

    @property
    def quarantine(self) -> Path:
        return self.root / "quarantine"


@pytest.fixture
def installations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[str], Installation]:
    monkeypatch.delenv("CCHC_LANG", raising=False)
    monkeypatch.setenv("CCHC_DATA_DIR", str(tmp_path / "không-dùng"))  # never the user's own folder
    monkeypatch.setenv("CCHC_ACTOR", ACTOR)
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)

    def make(name: str) -> Installation:
        return Installation(tmp_path / name)

    return make


def init_commune(inst: Installation, code: str, name: str, signer: str = "Nguyễn Văn An") -> Run:
    return inst.ok("init", "--unit-code", code, "--unit-name", name, "--province", "Tỉnh Đồng Nai",
                   "--signer-name", signer)


def init_reviewer(inst: Installation) -> Run:
    return inst.ok("init", "--role", "reviewer", "--unit-code", "75", "--unit-name", "Sở Nội vụ tỉnh Đồng Nai",
                   "--province", "Tỉnh Đồng Nai")

# The loopback servers and the two bound installations of the outbox tests, as fixtures for every
# test module here (a fixture is found by name in a conftest's namespace).
from tests.e2e.loopback_servers import dav, dovecot, mail_server, mailboxes  # noqa: E402, F401
from tests.e2e.outbox_support import both  # noqa: E402, F401
