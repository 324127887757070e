"""The crash harness's world: the three data folders it works on, its model of what the commune's
reports must be, the operations and their figures, and the driver process it talks to
(see tests/crash/harness.py)."""

from __future__ import annotations

import contextlib
import copy
import io
import json
import os
import queue
import signal
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reports.storage import integrity

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
PASSWORD_ENV = "CCHC_CRASH_PW"
PASSWORD = "mat-khau-ky-2026"
COMMUNE = ("26116", "Xã Tân Phú")
SOURCE = ("26461", "Xã Xuân Định")
TEXT_FIELDS = ("next_tasks", "proposals")
# Every kind a run must see complete at least once (tests/crash/test_kill.py): then each was
# both cut short by kills and checked after it reported success.
EVERY_KIND = ("set", "import-values", "finalize", "export", "backup", "restore", "import", "migrate")
# A round lasts up to 1.2 s, or SPREAD times an operation's median time on a slower machine.
SPREAD = 6
WORDS = ("cải cách", "thủ tục", "hành chính", "một cửa", "trực tuyến", "số hóa", "hồ sơ", "đúng hạn", "kế hoạch")


def cli(data_dir: Path, *args: str) -> str:
    """A `cchc` command in this process (setting up); it must succeed."""
    from reports.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    code = main(["--data-dir", str(data_dir), *args], out=out, err=err)
    if code != 0:
        raise AssertionError(f"cchc {' '.join(args)} failed ({code}): {err.getvalue()}")
    return out.getvalue()


@contextlib.contextmanager
def connection(path: Path) -> Iterator[sqlite3.Connection]:
    """A connection to a live database, as the program would open it (recovers the WAL)."""
    with integrity.open_file(path, read_only=False) as conn:
        yield conn


def canonical(values: Any) -> str:
    return json.dumps(values, ensure_ascii=False, sort_keys=True)


# ---------------------------------------------------------------- the world


@dataclass
class World:
    root: Path
    commune: Path
    reviewer: Path
    migrating: Path
    out: Path
    values_file: Path
    canon: dict[str, Any]  # what import-values of values_file stores
    pool: list[Path]  # packages of the other commune, for the reviewer
    fixtures: dict[int, dict[str, dict[str, Any]]]  # schema version → uid → report row


def fixture_rows(path: Path) -> dict[str, dict[str, Any]]:
    with integrity.open_file(path) as conn:
        conn.row_factory = sqlite3.Row
        return {r["uid"]: dict(r) for r in conn.execute("SELECT * FROM reports")}


def setup_world(root: Path) -> World:
    os.environ.setdefault(PASSWORD_ENV, PASSWORD)
    c, r, s, m, out = (root / n for n in ("xa", "so", "xa-khac", "cu", "goi"))
    common = ["--province", "Tỉnh Đồng Nai", "--province-code", "75", "--reviewer-code", "75"]
    cli(c, "init", "--unit-code", COMMUNE[0], "--unit-name", COMMUNE[1], *common, "--signer-name", "Nguyễn Văn An")
    cli(c, "keys", "create", "--name", "Nguyễn Văn An", "--password-env", PASSWORD_ENV)
    cli(c, "sample", "--months", "1")
    monthly = next(x for x in json.loads(cli(c, "report", "list", "--json")) if x["form"] == "cchc-xa")
    values_file = root / "so-lieu.json"
    values_file.write_text(cli(c, "report", "show", str(monthly["id"]), "--json"), encoding="utf-8")
    first = cli(c, "report", "new", "--period", "2000-12").strip()
    cli(c, "report", "import-values", first, str(values_file))
    with connection(c / "cchc.sqlite3") as conn:
        canon = json.loads(conn.execute("SELECT values_json FROM reports WHERE id = ?", (int(first),)).fetchone()[0])

    cli(r, "init", "--role", "reviewer", "--unit-code", "75", "--unit-name", "Sở Nội vụ tỉnh Đồng Nai",
        "--province", "Tỉnh Đồng Nai")
    cli(c, "keys", "export-cert", "--installation", "-o", str(root / "xa.pem"))
    cli(r, "units", "trust", "--unit", COMMUNE[0], "--cert", str(root / "xa.pem"))

    cli(s, "init", "--unit-code", SOURCE[0], "--unit-name", SOURCE[1], *common)
    cli(s, "sample", "--months", "2")
    pool = [Path(cli(s, "export", "-o", str(root / "goi-xa-khac")).strip().splitlines()[-1])]
    for period in ("2001-01", "2001-02", "2001-03"):
        rid = cli(s, "report", "new", "--period", period).strip()
        cli(s, "report", "import-values", rid, str(values_file))
        cli(s, "report", "finalize", rid)
        pool.append(Path(cli(s, "export", "-o", str(root / "goi-xa-khac")).strip().splitlines()[-1]))
    cli(r, "units", "trust", str(pool[0]))
    fixtures = {int(p.stem.split("-")[1]): fixture_rows(p) for p in sorted(FIXTURES.glob("schema-*.sqlite3"))}
    return World(root, c, r, m, out, values_file, canon, pool, fixtures)


# ---------------------------------------------------------------- the model of the commune


@dataclass
class Report:
    status: str
    values: dict[str, Any]


Snapshot = dict[str, tuple[str, str]]  # period → (status, canonical values)


@dataclass
class Model:
    reports: dict[str, Report]
    backups: dict[str, Snapshot] = field(default_factory=dict)  # file name → what it must hold
    exports: list[Path] = field(default_factory=list)
    imports: list[Path] = field(default_factory=list)  # packages the reviewer said it imported

    def snapshot(self) -> Snapshot:
        return {p: (r.status, canonical(r.values)) for p, r in self.reports.items()}

    def after(self, op: Op, canon: dict[str, Any]) -> Model:
        """This model with ``op`` applied (outputs such as file names are learnt elsewhere)."""
        m = copy.deepcopy(self)
        reports = m.reports
        if op.kind == "new":
            reports[op.period] = Report("draft", {})
        elif op.kind == "set":
            reports[op.period].values[op.field] = op.text
        elif op.kind == "import-values":
            reports[op.period].values = dict(canon)
        elif op.kind == "finalize":
            reports[op.period].status = "final"
        elif op.kind == "sign":
            reports[op.period].status = "signed"
        elif op.kind == "export":
            for rep in reports.values():
                if rep.status in ("final", "signed"):
                    rep.status = "exported"  # written to a folder: not gone until handed over
        elif op.kind == "restore":
            m.reports = {p: Report(st, json.loads(v)) for p, (st, v) in self.backups[op.target].items()}
        return m


def observe(db_path: Path) -> Snapshot:
    with connection(db_path) as conn:
        return {
            period: (status, canonical(json.loads(values)))
            for period, status, values in conn.execute(
                "SELECT period, status, values_json FROM reports WHERE form_id = 'cchc-xa'")
        }


def diff(expected: Snapshot, got: Snapshot) -> str:
    lines = []
    for p in sorted(set(expected) | set(got)):
        if expected.get(p) != got.get(p):
            e, g = expected.get(p), got.get(p)
            lines.append(f"  {p}: expected {e[0] if e else None}, found {g[0] if g else None}"
                         + (" (values differ)" if e and g and e[0] == g[0] else ""))
    return "\n".join(lines[:10])


# ---------------------------------------------------------------- operations


@dataclass
class Op:
    kind: str
    where: str  # "commune" | "reviewer" | "migrating"
    args: list[str] = field(default_factory=list)
    period: str = ""
    field: str = ""
    text: str = ""
    target: str = ""  # a backup's name, or a package's path

    def line(self, world: World, n: int) -> str:
        folder = {"commune": world.commune, "reviewer": world.reviewer, "migrating": world.migrating}[self.where]
        msg: dict[str, Any] = {"n": n, "dir": str(folder)}
        if self.kind == "migrate":
            msg["migrate"] = True
        else:
            msg["args"] = self.args
        if "{id}" in self.args:
            msg["period"] = self.period
        return json.dumps(msg, ensure_ascii=False) + "\n"


@dataclass
class Figures:
    kills: int = 0
    completed: int = 0
    refused: int = 0  # expected refusals (a conflicting package at the reviewer)
    in_flight_applied: int = 0
    in_flight_not_applied: int = 0
    losses: int = 0
    durations: list[float] = field(default_factory=list)  # of the operations that completed, in seconds
    by_kind: Counter[str] = field(default_factory=Counter)
    killed_during: Counter[str] = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)

    def loss(self, text: str) -> None:
        self.losses += 1
        self.problems.append(text)

    def report(self, seconds: float, seed: int) -> str:
        kinds = ", ".join(f"{k} {v}" for k, v in sorted(self.by_kind.items()))
        during = ", ".join(f"{k} {v}" for k, v in sorted(self.killed_during.items()))
        return (f"crash test (seed {seed}): {self.kills} kills, {self.completed} operations completed "
                f"({kinds}), {self.refused} refused as expected; killed during: {during}; "
                f"of those, {self.in_flight_applied} had happened, {self.in_flight_not_applied} had not; "
                f"losses = {self.losses}; {seconds:.1f} s (an operation took {self.typical():.2f} s)")

    def typical(self) -> float:
        """The median time an operation took on this machine now (0 before any completed)."""
        return statistics.median(self.durations) if self.durations else 0.0


class Server:
    """The driver's fork server (``tests/crash/driver.py``) and a thread reading its lines."""

    def __init__(self) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "CCHC_ACTOR": "kiểm thử sập nguồn"}
        env.setdefault(PASSWORD_ENV, PASSWORD)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.crash.driver"], cwd=ROOT, env=env, stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, encoding="utf-8",
        )
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        hello = self.reply(timeout=120)
        if not hello or "server" not in hello:
            self.close()
            raise RuntimeError("the crash driver did not start")

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def reply(self, timeout: float) -> dict[str, Any] | None:
        """The next complete JSON line, or None (timeout, or the server ended)."""
        end = time.monotonic() + timeout
        while True:
            left = end - time.monotonic()
            if left <= 0:
                return None
            try:
                line = self.lines.get(timeout=left)
            except queue.Empty:
                return None
            if line is None:
                self.lines.put(None)
                return None
            with contextlib.suppress(json.JSONDecodeError):  # the part line of a killed worker
                return dict(json.loads(line))

    def send(self, text: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(text)
        self.proc.stdin.flush()

    def fork(self) -> int:
        """A new worker process; its pid."""
        self.send("fork\n")
        ready = self.reply(timeout=60)
        if not ready or "ready" not in ready:
            raise RuntimeError(f"the crash driver did not fork a worker: {ready}")
        return int(ready["ready"])

    def kill(self, pid: int) -> list[dict[str, Any]]:
        """SIGKILL the worker; every reply it had written before dying."""
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        replies = []
        while True:
            reply = self.reply(timeout=60)
            if reply is None:
                raise RuntimeError("the crash driver's server stopped")
            if reply.get("dead") == pid:
                return replies
            replies.append(reply)

    def close(self) -> None:
        for stream in (self.proc.stdin, self.proc.stdout):
            with contextlib.suppress(OSError):
                stream.close()  # type: ignore[union-attr]
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.reader.join(timeout=10)
