"""The province's PAR-index year: ranking every commune of the country's largest case.

* ranking: 3,321 communes, each with a scoring report on the sample criteria set and every
  sub-criterion appraised (synthetic rows inserted with SQL: set-up only, never how data gets
  in). Timed: ``compute_ranking`` (read, score, rank, classify) — target ≤ 1 s; and the
  ranking workbook and the Decree 30 ranking PDF (no target).

* the appraisal view: a commune's scoring report with 30 evidence files of 1 MB, exported and
  imported through real packages (as bench_evidence does); timed from asking the view to open
  the report to its first paint — target ≤ 300 ms.

Numbers are printed, never asserted. ``--quick``: 200 communes.
"""

from __future__ import annotations

import json
import random
import tempfile
import uuid
from pathlib import Path

from bench.bench_packages import REVIEWER
from bench.common import Options, Result, at_most, progress, run_standalone, time_runs
from reports.admin_units import UnitCatalog
from reports.appraisal.outputs import ranking_pdf, write_ranking_xlsx
from reports.appraisal.ranking import compute_ranking
from reports.clock import iso, system_clock
from reports.storage import appraisal as table
from reports.storage.appraisal import AppraisedPoints
from reports.workspace import Workspace

NAME = "appraisal"
RANKING_TARGET_MS = 1000
VIEW_TARGET_MS = 300
LARGEST = 3321
PERIOD = "2026"


def _synthetic(folder: Path, communes: int) -> str:
    ws = Workspace.open(folder, actor="bench")
    try:
        ws.initialise(REVIEWER)
        catalog = UnitCatalog.load()
        pool = [(c.code, c.name) for p in catalog.provinces() for c in catalog.communes(p.code)][:communes]
        form = max((d for d in ws.forms.list() if d.kind == "scoring"), key=lambda d: d.version)
        now = iso(system_clock())
        rnd = random.Random(2026)
        fields = list(form.scored_fields())
        rows, points = [], []
        for code, name in pool:
            values = {f.id: round(rnd.uniform(0, f.max_points or 0) * 2) / 2 for f in fields if f.self_scored}
            rows.append((uuid.uuid4().hex, code, name, form.id, form.version, PERIOD, "year", 1, "sent",
                         json.dumps(values, sort_keys=True), now, now, now, now))
            for f in fields:
                top = f.max_points or 0
                own = values.get(f.id)
                p = own if own is not None and rnd.random() < 0.8 else round(rnd.uniform(0, top) * 2) / 2
                points.append(AppraisedPoints(code, f.id, p, own, "" if p == own else "Chưa đủ tài liệu",
                                              "survey" if not f.self_scored and f.method.scored_by else "appraisal",
                                              "bench", now))
        with ws.db.atomic():
            ws.db.conn.executemany(
                "INSERT INTO reports (uid, unit_code, unit_name, form_id, form_version, period, period_kind, revision,"
                " status, values_json, origin, created_at, updated_at, sent_at, arrived_at)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,'imported',?,?,?,?)", rows)
            table.set_points(ws.db, form.id, PERIOD, points)
        return form.id
    finally:
        ws.close()


def run(options: Options) -> list[Result]:
    communes = 200 if options.quick else LARGEST
    with tempfile.TemporaryDirectory(prefix="cchc-bench-") as tmp:
        folder = Path(tmp) / "so"
        progress(f"   ranking: {communes} communes with appraised scoring reports (synthetic rows, set-up not timed)")
        form_id = _synthetic(folder, communes)
        ws = Workspace.open(folder, actor="bench")
        try:
            timing = time_runs(lambda: compute_ranking(ws, form_id, PERIOD), 5)
            ranking = compute_ranking(ws, form_id, PERIOD)
            xlsx = time_runs(lambda: write_ranking_xlsx(ranking, Path(tmp) / "xep-hang.xlsx"), 3)
            pdf = time_runs(lambda: ranking_pdf(ws, ranking), 3)
            pages_kb = len(ranking_pdf(ws, ranking)[0]) / 1024
        finally:
            ws.close()
    view_ms = _appraisal_view()
    return [
        Result(NAME, "appraisal view with 30 evidence files: open → first paint (median of 5)", view_ms, "ms",
               f"≤ {VIEW_TARGET_MS} ms", at_most(view_ms, VIEW_TARGET_MS)),
        Result(NAME, f"ranking {communes} communes (read, score, rank, classify)", timing.median_ms, "ms",
               f"≤ {RANKING_TARGET_MS} ms", at_most(timing.median_ms, RANKING_TARGET_MS)),
        Result(NAME, f"ranking workbook, {communes} communes", xlsx.median_ms, "ms"),
        Result(NAME, f"ranking PDF (Decree 30), {communes} communes", pdf.median_ms, "ms"),
        Result(NAME, "ranking PDF size", pages_kb, "KB"),
    ]


def _appraisal_view() -> float:
    """Median ms from ``AppraisalView.open_report`` to the tree painted, over 5 openings."""
    import os
    import statistics
    import time

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    import desktop.qtfixes  # noqa: F401 - before any Qt call
    from bench.bench_evidence import _prepare, measure
    from bench.bench_gui import _sample_folder, _spin
    from desktop.prompter import HeadlessPrompter
    from desktop.reviewer.appraisal_view import AppraisalView
    from desktop.tasks import TaskRunner

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory(prefix="cchc-bench-appraisal-") as tmp:
        root = Path(tmp)
        progress("   appraisal view: a scoring report with 30 evidence files of 1 MB, sent and received")
        data = _sample_folder(root)
        _prepare(data, root / "so", root / "files")
        measure(data, root / "so", root, runs=1)
        ws = Workspace.open(root / "so")
        try:
            report_id = max(r.id for r in ws.store.list() if r.form_id == "tu-cham-diem-xa")
        finally:
            ws.close()
        runner = TaskRunner()
        runner.set_workspace_opener(lambda: Workspace.open(root / "so"))
        view = AppraisalView(runner, HeadlessPrompter())
        view.resize(1000, 650)
        view.show()
        samples = []
        try:
            for _ in range(6):
                view.sheet = None
                start = time.perf_counter()
                view.open_report(report_id)
                _spin(lambda: view.sheet is not None, 30)
                view.tree.viewport().repaint()
                app.processEvents()
                samples.append((time.perf_counter() - start) * 1000)
        finally:
            view.close()
            runner.wait_idle(10_000)
            runner.shutdown()
        return statistics.median(samples[1:])  # the first opening warms the worker's workspace


if __name__ == "__main__":
    run_standalone(NAME, run)
