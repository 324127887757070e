"""Sync packages: how big one monthly report's package is, and how fast a reviewer imports.

* size: one monthly report, signed, exported alone — target ≤ 60 KB (with what makes it up);
* throughput: 1,000 distinct packages from 100 communes (ten months each; every month's
  package is handed over and receipted before the next, so each carries one new signed report:
  1,000 signed PDFs, all imported) by a reviewer that has every commune bound, through
  ``sync.import_files`` over the folder — every manifest signature, hash, binding and PDF
  signature checked, each package in its own transaction; the signed PDFs checked first in one
  worker process per core (``workers=None``, as ``cchc import`` does). Target ≥ 100 packages/s.

Making the communes and their packages is set-up, not timed: it runs in a process pool (one
installation key and one signing key per commune, loaded once). Each timed import starts from
a fresh copy of the bound reviewer. ``--quick``: 10 communes × 3 packages, one run.
"""

from __future__ import annotations

import concurrent.futures
import io
import os
import shutil
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from bench.common import Options, Result, at_least, at_most, progress, run_standalone
from reports.admin_units import UnitCatalog
from reports.clock import iso, system_clock
from reports.documents import issuing
from reports.documents.sample import SAMPLE_VALUES
from reports.exchange import sync
from reports.exchange.sync import Outcome
from reports.logs import install_file_logging
from reports.signing import P12Method, open_signer
from reports.storage.unit import Role, Unit
from reports.workspace import Workspace

NAME = "packages"
SIZE_TARGET_KB = 60
THROUGHPUT_TARGET = 100  # packages per second, on 2 cores
PASSWORD = "mật-khẩu-bench"
REVIEWER = Unit(role=Role.REVIEWER, code="75", name="Sở Nội vụ tỉnh Đồng Nai", province_name="Tỉnh Đồng Nai",
                province_code="75")


def run(options: Options) -> list[Result]:
    communes, per_commune, runs = (10, 3, 1) if options.quick else (100, 10, 3)
    with tempfile.TemporaryDirectory(prefix="cchc-bench-") as tmp:
        root = Path(tmp)
        # Like the CLI: library warnings (pyHanko explains every self-issued certificate it
        # cannot chain, with a traceback) go to the data folder's log, and cost what they cost.
        install_file_logging(root / "logs")
        results = _size(root / "size")
        results += _throughput(root / "throughput", communes, per_commune, runs)
    return results


# ---------------------------------------------------------------- one commune's work


def commune_unit(code: str, name: str) -> Unit:
    return Unit(role=Role.COMMUNE, code=code, name=name, province_name="Tỉnh Đồng Nai", province_code="75",
                reviewer_code=REVIEWER.code, reviewer_name=REVIEWER.name, signer_name="Nguyễn Văn An")


def _finalize(ws: Workspace, report_id: int) -> None:
    for warning in ws.store.evaluate(ws.store.get(report_id)).warnings:
        ws.store.acknowledge(report_id, warning.rule_id, "Đã kiểm tra lại.")
    ws.store.finalize(report_id)


@dataclass(frozen=True)
class CommuneJob:
    code: str
    name: str
    folder: Path
    out: Path
    periods: tuple[str, ...]


def build_commune(job: CommuneJob) -> tuple[str, bytes, list[Path]]:
    """Set up a commune, and for each period: a report, filled, finalised, signed and exported
    on its own. Returns the unit code, its installation certificate and the packages."""
    ws = Workspace.open(job.folder, actor="bench")
    try:
        ws.initialise(commune_unit(job.code, job.name))
        issuing.create_signer_key(ws, "Nguyễn Văn An", PASSWORD)
        paths = []
        with open_signer(P12Method(ws.paths.signer_key, PASSWORD)) as signer:
            for i, period in enumerate(job.periods):
                report = ws.store.create(period, "cchc-xa")
                ws.store.replace_values(report.id, {**SAMPLE_VALUES, "meetings_held": 1 + i % 3})
                _finalize(ws, report.id)
                issuing.sign_report(ws, report.id, signer)
                paths.append(sync.export_package(ws, job.out).path)
                # Handed over, and the reviewer's receipt came back before the next month: only the
                # new report goes. (Without the hand-over the reports stay "exported", the receipt
                # below matched none, and month k's package carried months 1..k.)
                sync.confirm_handed_over(ws)
                ws.db.execute("UPDATE reports SET receipt_at = ? WHERE status = 'sent'", (iso(system_clock()),))
        return job.code, ws.installation_key.cert_pem(), paths
    finally:
        ws.close()


# ---------------------------------------------------------------- size


def _size(folder: Path) -> list[Result]:
    progress("   size: one signed monthly report")
    _, _, [path] = build_commune(CommuneJob("26116", "Xã Tân Phú", folder / "xa", folder / "out", ("2026-10",)))
    data = path.read_bytes()
    kb = len(data) / 1024
    members = {i.filename: i for i in zipfile.ZipFile(io.BytesIO(data)).infolist()}
    pdf = next(i for name, i in members.items() if name.startswith("pdf/"))
    # Submissions stop carrying form definitions the reviewer already has (the trust issue).
    form = next((i for name, i in members.items() if name.startswith("forms/")), None)
    report = next(i for name, i in members.items() if name.startswith("reports/"))
    ws = Workspace.open(folder / "xa")
    try:
        unsigned = len(issuing.render_pdf(ws, 1).pdf) / 1024
    finally:
        ws.close()
    return [
        Result(NAME, "package: one monthly report + signed PDF", kb, "KB", f"≤ {SIZE_TARGET_KB} KB",
               at_most(kb, SIZE_TARGET_KB), f"{len(members)} members"),
        Result(NAME, "  of which the signed PDF (stored in the zip)", pdf.compress_size / 1024, "KB",
               note=f"{pdf.file_size / 1024:.0f} KB unpacked; {unsigned:.0f} KB before signing"),
        Result(NAME, "  of which the form definition", form.compress_size / 1024 if form else 0.0, "KB",
               note=f"{form.file_size / 1024:.0f} KB unpacked" if form else "not carried"),
        Result(NAME, "  of which the report data (JSON)", report.compress_size / 1024, "KB",
               note=f"{report.file_size / 1024:.0f} KB unpacked"),
    ]


# ---------------------------------------------------------------- throughput


def _communes(count: int) -> list[tuple[str, str]]:
    catalog = UnitCatalog.load()
    pool = [(c.code, c.name) for c in catalog.communes("75")]
    pool += [(c.code, c.name) for p in catalog.provinces() if p.code != "75" for c in catalog.communes(p.code)]
    return pool[:count]


def _periods(count: int) -> tuple[str, ...]:
    return tuple(f"{2025 + (m - 1) // 12}-{(m - 1) % 12 + 1:02d}" for m in range(1, count + 1))


def _throughput(folder: Path, communes: int, per_commune: int, runs: int) -> list[Result]:
    total = communes * per_commune
    incoming = folder / "incoming"
    jobs = [CommuneJob(code, name, folder / "xa" / code, incoming, _periods(per_commune)) for code, name in _communes(communes)]
    workers = os.cpu_count() or 1
    progress(f"   set-up: {communes} communes × {per_commune} signed packages on {workers} processes (not timed)")
    start = time.perf_counter()
    with concurrent.futures.ProcessPoolExecutor(max_workers=workers) as pool:
        built = list(pool.map(build_commune, jobs))
    setup = time.perf_counter() - start
    template = folder / "so-template"
    ws = Workspace.open(template, actor="bench")
    ws.initialise(REVIEWER)
    for code, cert, _ in built:
        sync.bind_certificate(ws, code, cert)
    ws.close()
    found = len(sync.collect_packages([incoming]))
    assert found == total, f"{found} packages made, {total} expected"  # set-up check, not a measurement
    progress(f"   set-up took {setup:.0f} s; importing {total} packages, {runs} run(s)")

    seconds, again_seconds = [], 0.0
    cpu: list[tuple[float, float]] = []  # per package: the importing process, the workers
    outcomes: dict[Outcome, int] = {}
    for i in range(runs):
        target = folder / f"so-{i}"
        shutil.copytree(template, target)
        ws = Workspace.open(target, actor="bench")
        try:
            before = _cpu_seconds()
            start = time.perf_counter()
            results = sync.import_files(ws, [incoming], workers=None)
            seconds.append(time.perf_counter() - start)
            after = _cpu_seconds()
            cpu.append(((after[0] - before[0]) / total, (after[1] - before[1]) / total))
            outcomes = {o: sum(r.outcome is o for r in results) for o in Outcome}
            progress(f"   run {i + 1}: {total / seconds[-1]:.1f} packages/s")
            if i == runs - 1:
                start = time.perf_counter()
                again = sync.import_files(ws, [incoming])
                again_seconds = time.perf_counter() - start
                assert all(r.outcome is Outcome.ALREADY_HAD for r in again)
        finally:
            ws.close()
    median = sorted(seconds)[len(seconds) // 2]
    rate = total / median
    own_cpu, worker_cpu = sorted(cpu)[len(cpu) // 2]
    refused = outcomes.get(Outcome.REFUSED, 0)
    return [
        Result(NAME, f"reviewer import, {total} packages from {communes} communes", rate, "packages/s",
               f"≥ {THROUGHPUT_TARGET} packages/s", at_least(rate, THROUGHPUT_TARGET),
               f"median of {runs}: {median:.1f} s; {outcomes.get(Outcome.IMPORTED, 0)}/{total} imported"
               + (f", {refused} REFUSED" if refused else "") + "; every signature checked; CPU per package "
               f"{(own_cpu + worker_cpu) * 1000:.1f} ms ({own_cpu * 1000:.1f} importing, {worker_cpu * 1000:.1f} in the workers)"),
        Result(NAME, "  the same folder again (all already had)", total / again_seconds, "packages/s",
               note="manifest signature and binding checked, nothing written"),
    ]


def _cpu_seconds() -> tuple[float, float]:
    """CPU time of this process and of its finished children (the workers, once shut down)."""
    import resource

    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


if __name__ == "__main__":
    raise SystemExit(run_standalone(NAME, run))
