"""Evidence in the window: a scoring report with 30 evidence files of 1 MB, exported through
"Gửi"'s export (split into parts at the outbox limit) and imported by a reviewer, with the
longest stall of the UI thread while each runs on the database worker.

    python -m bench.bench_evidence [--quick]
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from bench.bench_gui import STALL_TARGET_MS, StallMeter, _sample_folder, _spin
from bench.common import Options, Result, at_most, progress

BENCH = "evidence"
FILES = 30
FILE_BYTES = 1024 * 1024


def _jpeg(n: int) -> bytes:
    """A 1 MB photo-like file: JPEG markers around incompressible bytes (as a real photo is)."""
    body = os.urandom(FILE_BYTES - 6).replace(b"\xff\xd9", b"\xff\x00")
    return b"\xff\xd8\xff" + body + bytes([n % 256]) + b"\xff\xd9"


def _prepare(data: Path, reviewer: Path, files: Path) -> int:
    """The commune's draft scoring report with 30 files attached and finalised; a reviewer
    bound to it. Returns the scoring report's id."""
    from reports.exchange import sync
    from reports.par_index.service import evidence_service
    from reports.storage.unit import Role, Unit
    from reports.workspace import Workspace

    ws = Workspace.open(data)
    so = Workspace.open(reviewer)
    try:
        so.initialise(Unit(role=Role.REVIEWER, code="75", name="Sở Nội vụ tỉnh Đồng Nai", province_name="Tỉnh Đồng Nai",
                           province_code="75"))
        ws.update_unit(reviewer_code="75", reviewer_name="Sở Nội vụ tỉnh Đồng Nai")
        sync.bind_certificate(ws, "75", so.installation_key.cert_pem())
        sync.bind_certificate(so, ws.require_unit().code, ws.installation_key.cert_pem())
        first = min(r.id for r in ws.store.list() if r.form_id == "tu-cham-diem-xa")
        # Everything else already went out: the package holds the scoring report alone.
        sync.export_package(ws, files / "truoc")
        draft = ws.store.amend(first)
        service = evidence_service(ws)
        fields = [f.id for f in ws.store.definition(draft).scored_fields() if f.self_scored and not f.from_reports]
        files.mkdir(exist_ok=True)
        for n in range(FILES):
            path = files / f"anh-{n:02d}.jpg"
            path.write_bytes(_jpeg(n))
            service.add_file(draft.id, fields[n % len(fields)], path)
        ws.store.finalize(draft.id)
        return draft.id
    finally:
        ws.close()
        so.close()


def measure(data: Path, reviewer: Path, out: Path) -> tuple[float, float, float, int]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    import desktop.qtfixes  # noqa: F401
    from desktop.prompter import HeadlessPrompter
    from desktop.send_receive import SendReceive
    from desktop.tasks import TaskRunner
    from reports.exchange import sync
    from reports.workspace import Workspace

    app = QApplication.instance() or QApplication([])
    commune = TaskRunner()
    commune.set_workspace_opener(lambda: Workspace.open(data))
    so = TaskRunner()
    so.set_workspace_opener(lambda: Workspace.open(reviewer))
    try:
        folder = out / "usb"
        folder.mkdir()
        sr = SendReceive(commune, HeadlessPrompter([folder, False]), volumes=list)
        done: list[object] = []
        sr.exported.connect(done.append)
        start = time.perf_counter()
        with StallMeter() as export_meter:
            sr.export()
            _spin(lambda: bool(done), 300)
        export_s = time.perf_counter() - start
        parts = sorted(folder.glob("*.cchc"))
        results: list[object] = []
        with StallMeter() as import_meter:
            so.run(sync.import_files, parts, on_success=results.append, on_failure=results.append)
            _spin(lambda: bool(results), 300)
        outcomes = results[0]
        assert isinstance(outcomes, list) and outcomes[-1].outcome.value == "imported", outcomes
        return export_meter.worst_ms, import_meter.worst_ms, export_s, len(parts)
    finally:
        for r in (commune, so):
            r.wait_idle(10_000)
            r.shutdown()
        app.processEvents()


def run(options: Options) -> list[Result]:
    with tempfile.TemporaryDirectory(prefix="cchc-bench-evidence-") as tmp:
        root = Path(tmp)
        progress("evidence: sample data and 30 files of 1 MB")
        data = _sample_folder(root)
        _prepare(data, root / "so", root / "files")
        progress("evidence: export and import, UI stalls")
        export_ms, import_ms, export_s, parts = measure(data, root / "so", root)
    return [
        Result(BENCH, "longest UI stall exporting a scoring report with 30 × 1 MB evidence", export_ms, "ms",
               f"≤ {STALL_TARGET_MS:.0f} ms", at_most(export_ms, STALL_TARGET_MS),
               f"{parts} parts at the 10 MB outbox limit, written in {export_s:.1f} s, 5 ms timer"),
        Result(BENCH, "longest UI stall importing it at the reviewer", import_ms, "ms",
               f"≤ {STALL_TARGET_MS:.0f} ms", at_most(import_ms, STALL_TARGET_MS),
               f"{parts} parts, applied all-or-nothing, 5 ms timer"),
    ]
