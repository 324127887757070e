"""The reviewer's window: the status board's first paint for a whole province, and import of
1,000 packages through the window's worker while the UI thread is watched.

* board: 3,321 communes × 12 months in a reviewer database filled quickly with synthetic
  imported rows (inserted with SQL: set-up only, never how data gets in). Timed: the worker
  job that builds the matrix (one query), and the first paint of the table — target ≤ 300 ms;
* import: 1,000 signed packages from 100 communes (made as bench_packages makes them) dropped
  on the window; a 5 ms QTimer on the UI thread records the longest gap between its ticks —
  the longest stall a user would feel. Target ≤ 50 ms.

Numbers are printed, never asserted. ``--quick``: 10 communes × 3 packages.
"""

from __future__ import annotations

import concurrent.futures
import gc
import json
import os
import tempfile
import time
import uuid
from pathlib import Path

from bench.bench_packages import REVIEWER, CommuneJob, _communes, _periods, build_commune
from bench.common import Options, Result, at_most, progress, run_standalone
from reports.admin_units import UnitCatalog
from reports.clock import iso, system_clock
from reports.documents.sample import SAMPLE_VALUES
from reports.exchange import sync
from reports.logs import install_file_logging
from reports.workspace import Workspace

NAME = "reviewer"
PAINT_TARGET_MS = 300
STALL_TARGET_MS = 50
LARGEST = 3321  # communes of the largest case the issue names


def run(options: Options) -> list[Result]:
    from PySide6.QtWidgets import QApplication

    import desktop.qtfixes  # noqa: F401 - before any Qt call

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication(["bench"])
    from desktop.garbage import MainThreadGarbageCollector

    collector = MainThreadGarbageCollector(app)
    collector.start()
    try:
        with tempfile.TemporaryDirectory(prefix="cchc-bench-") as tmp:
            root = Path(tmp)
            install_file_logging(root / "logs")
            results = _board(root / "board")
            communes, per = (10, 3) if options.quick else (100, 10)
            results += _import(root / "import", communes, per)
    finally:
        collector.stop()
    return results


def _synthetic_reviewer(folder: Path, communes: int) -> tuple[int, int]:
    """A reviewer whose province has ``communes`` communes, each with 12 months imported."""
    from reports.exchange.board import recent_periods as board_periods

    ws = Workspace.open(folder, actor="bench")
    try:
        ws.initialise(REVIEWER)
        catalog = UnitCatalog.load()
        pool = [(c.code, c.name) for p in catalog.provinces() for c in catalog.communes(p.code)][:communes]
        periods = board_periods(ws)
        form = max((d for d in ws.forms.list() if d.id == "cchc-xa"), key=lambda d: d.version)
        now = iso(system_clock())
        values = json.dumps(SAMPLE_VALUES, ensure_ascii=False, sort_keys=True)
        statuses = ("sent", "accepted", "returned", "sent")
        rows = []
        for i, (code, name) in enumerate(pool):
            for j, p in enumerate(periods[:-1]):
                if (i + j) % 9 == 0:
                    continue  # some missing
                rows.append(
                    (
                        uuid.uuid4().hex,
                        code,
                        name,
                        form.id,
                        form.version,
                        p.code,
                        "month",
                        1,
                        statuses[(i + j) % 4],
                        values,
                        now,
                        now,
                        now,
                    )
                )
        with ws.db.atomic():
            ws.db.conn.executemany(
                "INSERT INTO reports (uid, unit_code, unit_name, form_id, form_version, period, period_kind, revision,"
                " status, values_json, origin, created_at, updated_at, sent_at) VALUES (?,?,?,?,?,?,?,?,?,?,'imported',?,?,?)",
                rows,
            )
        return len(pool), len(rows)
    finally:
        ws.close()


def _board(folder: Path) -> list[Result]:
    from PySide6.QtWidgets import QApplication

    from desktop.reviewer.board_view import BoardPage
    from tests.gui.conftest import open_runner

    progress(f"   board: {LARGEST} communes × 12 months (synthetic rows, set-up not timed)")
    communes, reports = _synthetic_reviewer(folder, LARGEST)
    runner = open_runner(folder)
    try:
        page = BoardPage(runner)
        page.resize(1280, 800)
        page.show()
        QApplication.processEvents()
        start = time.perf_counter()
        page.refresh()
        runner.wait_idle(60_000)
        loaded = time.perf_counter()
        page.table.viewport().repaint()
        QApplication.processEvents()
        painted = time.perf_counter()
        rows = page.model.rowCount()
        job_ms, paint_ms = (loaded - start) * 1000, (painted - loaded) * 1000
        # scrolling: jump to the end and paint again (what a drag of the scroll bar costs)
        start = time.perf_counter()
        page.table.scrollToBottom()
        page.table.viewport().repaint()
        scroll_ms = (time.perf_counter() - start) * 1000
        page.close()
    finally:
        runner.shutdown()
    return [
        Result(
            NAME,
            f"board first paint, {rows} communes × 12 months",
            paint_ms,
            "ms",
            f"≤ {PAINT_TARGET_MS} ms",
            at_most(paint_ms, PAINT_TARGET_MS),
            f"{reports} reports; model reset + visible cells",
        ),
        Result(
            NAME,
            "  the board's matrix on the worker (one query)",
            job_ms,
            "ms",
            note=f"{communes} communes; off the UI thread",
        ),
        Result(NAME, "  jump to the last row and paint", scroll_ms, "ms"),
    ]


def _import(folder: Path, communes: int, per_commune: int) -> list[Result]:
    total = communes * per_commune
    incoming = folder / "incoming"
    jobs = [
        CommuneJob(code, name, folder / "xa" / code, incoming, _periods(per_commune))
        for code, name in _communes(communes)
    ]
    progress(f"   import: making {total} signed packages from {communes} communes (not timed)")
    with concurrent.futures.ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        built = list(pool.map(build_commune, jobs))
    so = folder / "so"
    ws = Workspace.open(so, actor="bench")
    ws.initialise(REVIEWER)
    for code, cert, _ in built:
        sync.bind_certificate(ws, code, cert)
    ws.close()
    return measure_import(so, incoming, total)


def measure_import(so: Path, incoming: Path, total: int, *, defer_full: bool = True) -> list[Result]:
    """Drop ``incoming`` on the window of the bound reviewer ``so``, watching the UI thread."""
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.garbage import MainThreadGarbageCollector
    from desktop.prompter import HeadlessPrompter
    from desktop.reviewer.window import ReviewerWindow
    from tests.gui.conftest import open_runner

    collector = None
    if gc.isenabled():  # as the program does (desktop/app.py): collections on the UI thread,
        collector = MainThreadGarbageCollector()  # full ones held back while jobs run
        collector.start()
    runner = open_runner(so)
    if collector is not None and defer_full:
        runner.busy_changed.connect(collector.set_busy)
    window = ReviewerWindow(runner, HeadlessPrompter(), ws_unit(so))
    window.resize(1280, 800)
    window.show()
    window.start()
    runner.wait_idle(60_000)
    clock = QElapsedTimer()
    gaps: list[float] = []
    last = [0.0]

    def tick() -> None:
        now = clock.nsecsElapsed() / 1e6
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)
    progress(f"   import: {total} packages dropped on the window")
    clock.start()
    timer.start()
    start = time.perf_counter()
    window.handle_drop([incoming])
    while window.inbox.busy or runner.pending:
        QApplication.processEvents()
        time.sleep(0.001)
    seconds = time.perf_counter() - start
    timer.stop()
    counts = window.inbox.model.counts()
    window.close()
    runner.shutdown()
    if collector is not None:
        collector.stop()
    longest = max(gaps) if gaps else 0.0
    over = sum(g > STALL_TARGET_MS for g in gaps)
    return [
        Result(
            NAME,
            f"import through the window, {total} packages: longest UI stall",
            longest,
            "ms",
            f"≤ {STALL_TARGET_MS} ms",
            at_most(longest, STALL_TARGET_MS),
            f"5 ms timer; {over} gaps over target; {len(gaps)} ticks",
        ),
        Result(
            NAME,
            "  import rate through the window",
            total / seconds,
            "packages/s",
            note=f"{seconds:.1f} s; " + ", ".join(f"{n} {o.value}" for o, n in counts.items()),
        ),
    ]


def ws_unit(folder: Path):  # type: ignore[no-untyped-def]
    ws = Workspace.open(folder)
    try:
        return ws.require_unit()
    finally:
        ws.close()


if __name__ == "__main__":
    raise SystemExit(run_standalone(NAME, run))
