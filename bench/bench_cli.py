"""What a person waits for at the command line: whole processes, start to exit.

* ``cchc --help``, ``cchc report list`` and ``cchc pdf ID -o x.pdf`` over an installation
  with six months of sample reports, each a new process;
* LibreOffice converting an equivalent DOCX of the same report to PDF
  (``soffice --headless --convert-to pdf``, a new process each, with a private profile that
  the untimed first run creates), and the ratio ``LibreOffice / cchc pdf`` — target ≥ 4×.

Both sides of the ratio run in the same bench run, interleaved (cchc, soffice, cchc, …), so a
busy machine slows both alike; each number is the median of the runs. The processor time of
each side (user + system, from ``getrusage`` of the finished children) is given too: on a
machine that other work keeps busy, it moves less than the wall-clock time. Without soffice or
python-docx the LibreOffice rows say so and the ratio is not measured.
"""

from __future__ import annotations

import io
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.bench_documents import write_docx
from bench.common import Options, Result, at_least, progress, run_standalone

NAME = "cli"
RATIO_TARGET = 4.0
ROOT = Path(__file__).resolve().parent.parent


def _sample(folder: Path) -> tuple[Path, int]:
    """An installation with six months of sample reports; the id of a monthly report."""
    from reports.cli.main import main as cchc
    from reports.workspace import Workspace

    data = folder / "xa"
    quiet = io.StringIO()
    assert cchc(["--data-dir", str(data), "init", "--unit-code", "26116", "--unit-name", "Xã Tân Phú",
                 "--province", "Tỉnh Đồng Nai", "--signer-name", "Nguyễn Văn An"], out=quiet) == 0
    assert cchc(["--data-dir", str(data), "sample", "--months", "6"], out=quiet) == 0
    ws = Workspace.open(data)
    try:
        report = next(r for r in ws.store.list() if r.form_id == "cchc-xa")
    finally:
        ws.close()
    return data, report.id


def _time(command: list[str]) -> tuple[float, float]:
    """Wall-clock and processor seconds (user + system, the process and its children)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, capture_output=True, timeout=300, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def run(options: Options) -> list[Result]:
    runs = 3 if options.quick else 9
    with tempfile.TemporaryDirectory(prefix="cchc-bench-cli-") as tmp:
        folder = Path(tmp)
        data, report_id = _sample(folder)
        cchc = [sys.executable, "-m", "reports.cli", "--data-dir", str(data)]
        commands = {
            "cchc --help": [*cchc, "--help"],
            "cchc report list": [*cchc, "report", "list"],
            "cchc pdf ID -o x.pdf": [*cchc, "pdf", str(report_id), "-o", str(folder / "x.pdf")],
        }
        soffice_command = _soffice(folder, data, report_id)
        progress(f"   {runs} runs of each command" + (", interleaved with soffice" if soffice_command else ""))
        samples: dict[str, list[float]] = {name: [] for name in commands}
        cpu: dict[str, list[float]] = {name: [] for name in commands}
        office: list[float] = []
        office_cpu: list[float] = []
        for command in commands.values():
            _time(command)  # untimed: the page cache, as after a first start
        for _ in range(runs):
            for name, command in commands.items():
                wall, used = _time(command)
                samples[name].append(wall)
                cpu[name].append(used)
            if soffice_command:
                wall, used = _time(soffice_command)
                office.append(wall)
                office_cpu.append(used)
    results = [
        Result(NAME, f"{name}, whole process", statistics.median(s) * 1000, "ms",
               note=f"median of {runs}, min {min(s) * 1000:.0f}, max {max(s) * 1000:.0f}")
        for name, s in samples.items()
    ]
    results += [Result(NAME, f"{name}, processor time", statistics.median(c) * 1000, "ms", note="user + system, median")
                for name, c in cpu.items()]
    pdf = statistics.median(samples["cchc pdf ID -o x.pdf"])
    if not soffice_command:
        results.append(Result(NAME, "LibreOffice: equivalent DOCX → PDF, whole process", None, "ms",
                              note="soffice or python-docx not installed: ratio not measured"))
        results.append(Result(NAME, "LibreOffice / cchc pdf", None, "×", f"≥ {RATIO_TARGET:.0f}×"))
        return results
    lo = statistics.median(office)
    results.append(Result(NAME, "LibreOffice: equivalent DOCX → PDF, whole process", lo * 1000, "ms",
                          note=f"median of {runs}, interleaved with the cchc runs"))
    results.append(Result(NAME, "LibreOffice / cchc pdf", lo / pdf, "×", f"≥ {RATIO_TARGET:.0f}×",
                          at_least(lo / pdf, RATIO_TARGET), "same run, medians of both sides"))
    lo_cpu, pdf_cpu = statistics.median(office_cpu), statistics.median(cpu["cchc pdf ID -o x.pdf"])
    results.append(Result(NAME, "LibreOffice: processor time", lo_cpu * 1000, "ms", note="user + system, median"))
    results.append(Result(NAME, "LibreOffice / cchc pdf, processor time", lo_cpu / pdf_cpu, "×",
                          note="same run, medians of both sides"))
    return results


def _soffice(folder: Path, data: Path, report_id: int) -> list[str] | None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    from reports.documents import issuing
    from reports.workspace import Workspace

    ws = Workspace.open(data)
    try:
        doc = issuing.report_document(ws, ws.store.get(report_id))
    finally:
        ws.close()
    try:
        docx = write_docx(doc, folder / "bao-cao.docx")
    except ImportError:
        return None
    profile = (folder / "lo-profile").as_uri()  # a private profile: no clash with a running LibreOffice
    command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
               "--outdir", str(folder / "lo-out"), str(docx)]
    subprocess.run(command, capture_output=True, timeout=300, check=True)  # creates the profile
    return command


if __name__ == "__main__":
    raise SystemExit(run_standalone(NAME, run))
