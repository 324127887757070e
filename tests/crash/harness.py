"""The crash harness: real `cchc` commands killed with SIGKILL at random moments.

Three data folders: a commune that saves, imports values, finalises, signs, exports, backs
up and restores; a reviewer that imports packages (the commune's and another commune's);
and a folder holding an old fixture database that is migrated. A worker process
(``tests/crash/driver.py``) runs the commands the harness sends it, one after another, and
prints a line after each one returned; the harness kills it at a random moment (a seeded
RNG) and then checks:

* ``PRAGMA integrity_check`` is ok for every database and every backup;
* every operation that reported success is fully present: the harness keeps a model of
  what the commune's reports must be, and the operation in flight at the kill may have
  happened or not, but nothing in between (an export marks all its reports exported or none;
  a restore gives the backup's state or the old one);
* no report is half-imported: each package the reviewer recorded has all its reports, and
  no report arrived without its package; every package the driver said it imported is there;
* every file with a package's or a backup's final name is whole;
* the old database still has every report, at its old schema or the new one;
* the audit chain of every database verifies.

Then a new worker starts on the same folders. The figures (kills, operations, losses)
are printed at the end.
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import os
import queue
import random
import re
import shutil
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

import sqlite_utils

from reports.backups.naming import NAME_RE
from reports.exchange.packages import read_package
from reports.storage import audit, integrity

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


# ---------------------------------------------------------------- the harness


class Harness:
    def __init__(self, world: World, *, seed: int, max_delay: float = 1.2) -> None:
        self.world = world
        self.rng = random.Random(seed)
        self.seed = seed
        self.max_delay = max_delay
        self.figures = Figures()
        self.model = Model({p: Report(st, json.loads(v)) for p, (st, v) in observe(self._c).items()})
        self.next_period = 0
        self.n = 0
        self.migrated = True  # the migrating folder needs a fresh old database
        self.fixture = 0

    @property
    def _c(self) -> Path:
        return self.world.commune / "cchc.sqlite3"

    # ------------------------------------------------------------ choosing what to do

    def _next_period(self) -> str:
        k = self.next_period + 1
        return f"{2002 + k // 12}-{k % 12 + 1:02d}"

    def unseen(self, kind: str) -> bool:
        """A kind the run must see complete and has not yet (see ``round``)."""
        return kind in EVERY_KIND and self.figures.by_kind[kind] == 0

    def choose(self, *, first: bool = False) -> Op:
        m, rng = self.model, self.rng
        drafts = [p for p, r in m.reports.items() if r.status == "draft"]
        complete = [p for p in drafts if set(self.world.canon) <= set(m.reports[p].values)]
        finals = [p for p, r in m.reports.items() if r.status == "final"]
        sendable = any(r.status in ("final", "signed") for r in m.reports.values())
        restorable = [n for n in m.backups if (self.world.commune / "backups" / n).exists()]
        packages = self.world.pool + m.exports
        options: list[tuple[int, Op]] = []
        if len(drafts) < 12:
            p = self._next_period()
            options.append((8, Op("new", "commune", ["report", "new", "--period", p], period=p)))
        if drafts:
            p = rng.choice(drafts)
            options.append((12, Op("import-values", "commune", ["report", "import-values", "{id}",
                                                                str(self.world.values_file)], period=p)))
            fld = rng.choice(TEXT_FIELDS)
            text = f"Lần sửa {self.n}: " + " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 40))) + "."
            options.append((24, Op("set", "commune", ["report", "set", "{id}", f"{fld}={text}"], period=p, field=fld,
                                   text=text)))
        if complete:
            options.append((10, Op("finalize", "commune", ["report", "finalize", "{id}"], period=rng.choice(complete))))
        if finals:
            options.append((3, Op("sign", "commune", ["sign", "{id}", "--password-env", PASSWORD_ENV],
                                  period=rng.choice(finals))))
        if sendable:
            options.append((6, Op("export", "commune", ["export", "-o", str(self.world.out)])))
        options.append((7, Op("backup", "commune", ["backup", "create"])))
        if restorable:
            name = rng.choice(restorable[-4:])
            options.append((3, Op("restore", "commune", ["backup", "restore", name, "--yes"], target=name)))
        pkg = rng.choice(packages)
        options.append((8, Op("import", "reviewer", ["import", str(pkg)], target=str(pkg))))
        options.append((4, Op("migrate", "migrating")))
        unseen = [o for _, o in options if self.unseen(o.kind)]
        if first and unseen:  # a round starts with it (see round)
            op = rng.choice(unseen)
        else:
            op = rng.choices([o for _, o in options], weights=[w for w, _ in options])[0]
        if op.kind == "new":
            self.next_period += 1
        return op

    # ------------------------------------------------------------ a reply

    def confirm(self, op: Op, reply: dict[str, Any]) -> None:
        code = reply.get("code")
        if code == 0:
            self.figures.completed += 1
            self.figures.by_kind[op.kind] += 1
            self.apply(op, reply.get("out", ""))
        elif op.kind == "import" and code == 1:
            self.figures.refused += 1  # e.g. a re-finalised report conflicting with what the reviewer has
        else:
            self.figures.loss(f"{op.kind} {op.args} failed unexpectedly ({code}): {reply.get('err', '').strip()}")

    def apply(self, op: Op, out: str) -> None:
        before = self.model.snapshot()
        self.model = self.model.after(op, self.world.canon)
        if op.kind == "backup":
            self.model.backups[self._backup_name(out)] = before
        elif op.kind == "restore":
            kept = re.search(r"khôi phục vào (\S+)\.$", out, re.MULTILINE)  # the backup of the state before
            if kept:
                self.model.backups[Path(kept.group(1)).name] = before
        elif op.kind == "export":
            self.model.exports.append(Path(out.strip().splitlines()[-1]))
        elif op.kind == "import":
            self.model.imports.append(Path(op.target))
        elif op.kind == "migrate":
            self.migrated = True

    @staticmethod
    def _backup_name(out: str) -> str:
        found = re.search(r"cchc-\d{8}-\d{6}-[a-z-]+?(?:-\d+)?\.sqlite3", out)
        assert found, out
        return found.group(0)

    # ------------------------------------------------------------ one round

    def reset_migrating(self) -> None:
        m = self.world.migrating
        shutil.rmtree(m, ignore_errors=True)
        m.mkdir(parents=True)
        self.fixture = self.rng.choice(sorted(self.world.fixtures))
        shutil.copyfile(FIXTURES / f"schema-{self.fixture}.sqlite3", m / "cchc.sqlite3")
        self.migrated = False

    def round(self, server: Server) -> None:
        if self.migrated:
            self.reset_migrating()
        worker = server.fork()
        op = self.choose(first=True)
        # The kill comes at a random moment of the round. A rare kind, or one slower than the
        # usual window (a migration on a loaded machine), could be cut short or left out every
        # time and never be seen to complete. So while a kind the run must see has not
        # completed, rounds start with one (when its preconditions hold), and the window of such
        # a round is doubled for each time that kind was cut short (up to 32 times): it completes
        # within a few rounds, while the kill still comes at a random moment, possibly during it.
        # The window also stretches with the machine: at least SPREAD typical operations long,
        # so that a loaded machine (slower operations) sees as many operations per kill.
        widen = 2 ** min(self.figures.killed_during[op.kind], 5) if self.unseen(op.kind) else 1
        window = max(self.max_delay, SPREAD * self.figures.typical())
        deadline = time.monotonic() + self.rng.uniform(0.02, window * widen)
        pending: Op | None = None
        while True:
            self.n += 1
            pending = op
            server.send(op.line(self.world, self.n))
            sent = time.monotonic()
            reply = server.reply(timeout=max(0.0, deadline - sent))
            if reply is None:
                break
            self.figures.durations.append(time.monotonic() - sent)
            pending = None
            self.confirm(op, reply)
            op = self.choose()
        replies = server.kill(worker)
        self.figures.kills += 1
        for reply in replies:  # written before the kill: those operations did report success
            if pending is not None and reply.get("n") == self.n:
                self.confirm(pending, reply)
                pending = None
        self.check(pending)

    # ------------------------------------------------------------ what must hold

    def check(self, pending: Op | None) -> None:
        f = self.figures
        f.killed_during[pending.kind if pending else "nothing"] += 1
        before = self.model.snapshot()
        for label, path in (("commune", self._c), ("reviewer", self.world.reviewer / "cchc.sqlite3"),
                            ("old database", self.world.migrating / "cchc.sqlite3")):
            if path.exists():
                result = integrity.integrity_check(path, live=True)
                if not result.ok:
                    f.loss(f"{label}: integrity_check failed: {result.first_problem}")
                    continue
                with connection(path) as conn:
                    chain = audit.verify(sqlite_utils.Database(conn))
                if not chain.ok:
                    f.loss(f"{label}: the audit chain breaks at entry {chain.first_bad_seq}")
        self._check_commune(pending, before)
        self._check_backups(before)
        self._check_packages()
        self._check_reviewer()
        self._check_migrating()

    def _check_commune(self, pending: Op | None, before: Snapshot) -> None:
        f = self.figures
        got = observe(self._c)
        if pending is not None and pending.where == "commune":
            after = self.model.after(pending, self.world.canon).snapshot() if self._possible(pending) else before
            if got == before:  # (also when the operation changes no report: a backup)
                f.in_flight_not_applied += 1
            elif got == after:
                f.in_flight_applied += 1
                self._learn(pending)
            else:
                f.loss(f"after a kill during {pending.kind}: neither the old state nor the new one\n{diff(after, got)}")
                self._resync(got)
        elif got != before:
            f.loss(f"committed data changed or lost (kill during {pending.kind if pending else 'nothing'}):\n"
                   f"{diff(before, got)}")
            self._resync(got)
        with connection(self._c) as conn:  # an export is all or nothing: every exported report is in a package
            loose = conn.execute(
                "SELECT count(*) FROM reports WHERE status IN ('exported', 'sent') AND uid NOT IN "
                "(SELECT report_uid FROM package_reports JOIN packages USING (package_id) WHERE direction = 'out')"
            ).fetchone()[0]
        if loose:
            f.loss(f"{loose} reports are exported without the package that holds them")

    def _possible(self, op: Op) -> bool:
        return op.kind != "restore" or op.target in self.model.backups

    def _learn(self, op: Op) -> None:
        """An operation that happened without saying so: learn its outputs from the disk."""
        self.model = self.model.after(op, self.world.canon)
        if op.kind == "export":
            with connection(self._c) as conn:
                row = conn.execute("SELECT source, file_name FROM packages WHERE direction = 'out' "
                                   "ORDER BY rowid DESC LIMIT 1").fetchone()
            self.model.exports.append(Path(row[0]) / row[1])

    def _resync(self, got: Snapshot) -> None:
        self.model.reports = {p: Report(st, json.loads(v)) for p, (st, v) in got.items()}

    def _check_backups(self, before: Snapshot) -> None:
        f = self.figures
        folder = self.world.commune / "backups"
        for path in sorted(folder.iterdir()):
            if not NAME_RE.match(path.name):
                continue
            result = integrity.integrity_check(path)
            if not result.ok:
                f.loss(f"backup {path.name} has its final name but is damaged: {result.first_problem}")
                continue
            held = observe_file(path)
            expected = self.model.backups.get(path.name)
            if expected is None:  # made by the operation in flight: the state before it
                expected = self.model.backups[path.name] = before
            if held != expected:
                f.loss(f"backup {path.name} does not hold what it was made from:\n{diff(expected, held)}")

    def _check_packages(self) -> None:
        f = self.figures
        for path in sorted(self.world.out.glob("*.cchc")) if self.world.out.exists() else []:
            try:
                read_package(path.read_bytes(), name=path.name)
            except Exception as exc:
                f.loss(f"package {path.name} has its final name but is not whole: {exc}")
        for path in self.model.exports:
            if not path.exists():
                f.loss(f"exported package {path.name} is gone")

    def _check_reviewer(self) -> None:
        f = self.figures
        with connection(self.world.reviewer / "cchc.sqlite3") as conn:
            have = {r[0] for r in conn.execute("SELECT uid FROM reports")}
            recorded: dict[str, set[str]] = {}
            for pid, uid in conn.execute(
                "SELECT p.package_id, pr.report_uid FROM packages p JOIN package_reports pr USING (package_id) "
                "WHERE p.direction = 'in'"
            ):
                recorded.setdefault(pid, set()).add(uid)
            ids = {r[0] for r in conn.execute("SELECT package_id FROM packages WHERE direction = 'in'")}
        for pid, uids in recorded.items():
            if not uids <= have:
                f.loss(f"package {pid} is half-imported: {len(uids - have)} of its reports are missing")
        if have - set().union(*recorded.values()):
            f.loss(f"{len(have - set().union(*recorded.values()))} reports arrived without their package")
        for path in self.model.imports:
            if read_package(path.read_bytes()).manifest.package_id not in ids:
                f.loss(f"package {path.name} was reported imported but is not there")

    def _check_migrating(self) -> None:
        f = self.figures
        path = self.world.migrating / "cchc.sqlite3"
        expected = self.world.fixtures[self.fixture]
        with connection(path) as conn:
            conn.row_factory = sqlite3.Row
            got = {r["uid"]: dict(r) for r in conn.execute("SELECT * FROM reports")}
            schema = integrity.schema_of(conn)
        if schema.newer or schema.version < self.fixture:
            f.loss(f"the old database is at schema {schema.version} after a kill (was {self.fixture})")
        for uid, row in expected.items():
            if uid not in got or any(got[uid].get(k) != v for k, v in row.items()):
                f.loss(f"the old database lost or changed report {uid} while migrating")
        for p in (self.world.migrating / "backups").glob("cchc-*.sqlite3"):
            if NAME_RE.match(p.name) and not integrity.integrity_check(p).ok:
                f.loss(f"the backup before migration {p.name} is damaged")

    # ------------------------------------------------------------ the run

    def run(self, kills: int) -> Figures:
        server = Server()
        try:
            for _ in range(kills):
                self.round(server)
        finally:
            server.close()
        return self.figures


def observe_file(path: Path) -> Snapshot:
    with integrity.open_file(path) as conn:
        return {
            period: (status, canonical(json.loads(values)))
            for period, status, values in conn.execute(
                "SELECT period, status, values_json FROM reports WHERE form_id = 'cchc-xa'")
        }
