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

import json
import random
import re
import shutil
import sqlite3
import time
from pathlib import Path
from typing import Any

from reports.backups.naming import NAME_RE
from reports.exchange.packages import read_package
from reports.storage import audit, integrity
from reports.storage.database import Database
from tests.crash.world import (
    EVERY_KIND,
    FIXTURES,
    PASSWORD_ENV,
    SPREAD,
    TEXT_FIELDS,
    WORDS,
    Figures,
    Model,
    Op,
    Report,
    Server,
    Snapshot,
    World,
    canonical,
    connection,
    diff,
    observe,
)

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
                    chain = audit.verify(Database(conn))
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
