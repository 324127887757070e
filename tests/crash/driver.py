"""The processes the crash harness kills: they run real `cchc` commands, one per input line.

Starting Python and importing the program costs most of a second, and the harness kills
hundreds of times, so this runs as a fork server: the first process imports everything
once, and for each round forks a worker that shares those imports. The worker is an
ordinary separate process, and the harness kills it with SIGKILL like any other.

A worker reads one JSON operation per line and runs it through ``reports.cli.main:main`` exactly
as the ``cchc`` executable does (argument parsing, opening the data folder, the service,
closing); it prints one JSON line *after* the command returned, i.e. after its transaction
committed. A line that was never printed is an operation that did not report success.

    {"n": 7, "dir": "…", "args": ["report", "set", "{id}", "next_tasks=…"], "period": "2030-01"}
    {"n": 8, "dir": "…", "migrate": true}      # what Workspace.open does with the backup hooks

``{id}`` is replaced by the id of the report of that period (read from the database).
Protocol with the harness: the server prints ``{"server": pid}``; each ``fork`` line starts a
worker, which prints ``{"ready": pid}``; when the worker is gone, the server prints
``{"dead": pid}`` on a line of its own.
"""

from __future__ import annotations

import io
import json
import os
import sqlite3
import sys
from pathlib import Path
from typing import Any


class Lines:
    """Lines from a file descriptor, unbuffered beyond the line asked for (a forked worker
    must not inherit input the server already read)."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.pending = b""

    def readline(self) -> str | None:
        while b"\n" not in self.pending:
            chunk = os.read(self.fd, 1)
            if not chunk:
                return None
            self.pending += chunk
        line, self.pending = self.pending.split(b"\n", 1)
        return line.decode("utf-8")


def say(obj: dict[str, Any], *, own_line: bool = False) -> None:
    data = json.dumps(obj, ensure_ascii=False) + "\n"
    os.write(1, (("\n" + data) if own_line else data).encode("utf-8"))


def _report_id(data_dir: str, period: str) -> int | None:
    path = Path(data_dir) / "cchc.sqlite3"
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=rw", uri=True, timeout=10)
    try:
        row = conn.execute(
            "SELECT id FROM reports WHERE period = ? AND form_id = 'cchc-xa' ORDER BY revision DESC LIMIT 1",
            (period,),
        ).fetchone()
    finally:
        conn.close()
    return int(row[0]) if row else None


def run(op: dict[str, Any]) -> dict[str, Any]:
    from reports.backups import backup, startup
    from reports.cli.main import main
    from reports.paths import DataPaths

    data_dir = op["dir"]
    if op.get("migrate"):
        paths = DataPaths(Path(data_dir))
        startup.ensure_sound(paths)
        backup.backup_before_migration(paths)
        args = ["report", "list", "--json"]
    else:
        args = list(op["args"])
    if "period" in op:
        rid = _report_id(data_dir, op["period"])
        if rid is None:
            return {"code": -1, "out": "", "err": f"no report for {op['period']}"}
        args = [a.replace("{id}", str(rid)) for a in args]
    out, err = io.StringIO(), io.StringIO()
    code = main(["--data-dir", data_dir, *args], out=out, err=err)
    return {"code": code, "out": out.getvalue()[-2000:], "err": err.getvalue()[-2000:]}


def work(lines: Lines) -> None:
    say({"ready": os.getpid()})
    while (line := lines.readline()) is not None:
        if not line.strip():
            continue
        op = json.loads(line)
        try:
            reply = run(op)
        except Exception as exc:  # a bug: reported, and the harness fails the run
            reply = {"code": -2, "out": "", "err": f"{type(exc).__name__}: {exc}"}
        reply["n"] = op.get("n")
        say(reply)


def preload() -> None:
    """Everything a command may load, loaded once, before any fork.

    Importing a few entry modules is not enough: the program loads pyHanko and reportlab
    only when a command first needs them (the lazy names of
    ``reports.signing``/``reports.documents``, function-level imports), so
    every worker would load them again after its fork. That cost a cold worker most of a
    second, and with kills at most 1.2 s apart, operations such as ``migrate`` (whose
    ``report list`` computes deadlines on the calendar) rarely completed at all.
    """
    import importlib
    import pkgutil

    import forms
    import reports
    import reports.cli.main

    for package in (reports, forms):
        for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if not module.name.endswith(".__main__"):  # running it would parse our argv
                importlib.import_module(module.name)
    reports.cli.main.build_parser()


def serve() -> None:
    preload()
    lines = Lines(0)
    say({"server": os.getpid()})
    while (line := lines.readline()) is not None:
        if line.strip() != "fork":
            continue
        pid = os.fork()
        if pid == 0:
            try:
                work(Lines(0))
            finally:
                os._exit(0)
        os.waitpid(pid, 0)
        say({"dead": pid}, own_line=True)  # after a partial line the worker may have left


if __name__ == "__main__":
    if sys.platform == "win32":  # pragma: no cover
        raise SystemExit("the crash driver forks: POSIX only")
    serve()
