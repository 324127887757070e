"""The window: cold start to the main window shown and idle, and the longest stall of the UI
thread while a report is signed and a package exported (through the real dialog and action).

Cold start: a fresh ``python`` process per run (offscreen), timed from launch until it prints
that the main window is shown and the database worker is idle. Stalls: a 5 ms QTimer on the
UI thread records the longest gap between its ticks while the job runs on the worker.

    python -m bench.bench_gui [--quick]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import Options, Result, at_most, progress, run_standalone

BENCH = "gui"
ROOT = Path(__file__).resolve().parent.parent
START_TARGET_S = 0.5
STALL_TARGET_MS = 100.0
RATIO_TARGET = 2.5  # the commune window's cold start over a bare PySide6 window's
TICK_MS = 5
PASSWORD = "mat-khau-bench"

STARTER = """
import sys
from desktop.app import Application, parse_args
app = Application(parse_args(["--data-dir", sys.argv[1], "--no-err-windows"]), install_hooks=False)
assert app.build() and app.window is not None and app.window.isVisible()
print("shown", flush=True)
app.runner.wait_idle(30_000)
app.qapp.processEvents()
print("ready", flush=True)
app.shutdown()
"""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(QT_QPA_PLATFORM="offscreen", CCHC_NO_ERR_WINDOWS="1", PYTHONPATH=str(ROOT))
    return env


def _sample_folder(root: Path) -> Path:
    from reports.cli.main import main as cchc

    data = root / "data"
    args = ["--data-dir", str(data)]
    quiet = open(os.devnull, "w")  # noqa: SIM115 - closed below
    try:
        assert (
            cchc(
                [
                    *args,
                    "init",
                    "--unit-code",
                    "26116",
                    "--unit-name",
                    "Xã Tân Phú",
                    "--province",
                    "Tỉnh Đồng Nai",
                    "--signer-name",
                    "Trần Văn Bình",
                ],
                out=quiet,
                err=quiet,
            )
            == 0
        )
        assert cchc([*args, "sample", "--months", "6"], out=quiet, err=quiet) == 0
    finally:
        quiet.close()
    return data


BARE = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1024, 700)
window.show()
app.processEvents()
print("shown", flush=True)
print("ready", flush=True)
"""


def _start(script: str, *args: str) -> tuple[float, float]:
    """Seconds from launching a fresh python on ``script`` until it prints "shown" (the
    window is up, its data may still be loading) and until "ready"."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", script, *args], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, env=_env(), cwd=ROOT)
    assert proc.stdout is not None
    first = proc.stdout.readline()
    shown = time.perf_counter() - start
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - start
    proc.wait(60)
    if first.strip() != "shown" or line.strip() != "ready":
        raise RuntimeError("the program did not start")
    return shown, elapsed


def cold_start(data: Path, runs: int) -> tuple[list[float], list[float], list[float]]:
    """The commune window's starts (until ready) and a bare PySide6 window's, interleaved in the
    same run (a busy machine slows both alike), and the commune window's time until it shows.
    The first of each warms the disk cache and .pyc files, and leaves the window's start-up
    hint (desktop/start_hint.py) that every later start of an installation has."""
    ours, bare, shown = [], [], []
    for i in range(runs + 1):
        mine, plain = _start(STARTER, str(data)), _start(BARE)
        if i:
            shown.append(mine[0])
            ours.append(mine[1])
            bare.append(plain[1])
    return ours, bare, shown


def _cpu_wait() -> float | None:
    """Seconds this thread has waited for a CPU while ready to run (Linux's schedstat), or None."""
    try:
        with open("/proc/thread-self/schedstat", encoding="ascii") as fh:
            return int(fh.read().split()[1]) / 1e9
    except (OSError, ValueError, IndexError):
        return None


class StallMeter:
    """The longest gap between ticks of a 5 ms timer on the UI thread; and (on Linux) the
    longest gap less the time the UI thread spent waiting for a CPU while ready to run — on a
    machine shared with other work that wait is the load's, not the program's."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.worst = 0.0
        self.worst_own: float | None = None
        self._last = 0.0
        self._wait: float | None = None

    def _tick(self) -> None:
        now = time.perf_counter()
        wait = _cpu_wait()
        gap = now - self._last
        self.worst = max(self.worst, gap)
        if wait is not None and self._wait is not None:
            self.worst_own = max(self.worst_own or 0.0, gap - (wait - self._wait))
        self._last, self._wait = now, wait

    def __enter__(self) -> StallMeter:
        self.worst = 0.0
        self.worst_own = None
        self._last = time.perf_counter()
        self._wait = _cpu_wait()
        self.timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.timer.stop()
        self._tick()

    @property
    def worst_ms(self) -> float:
        return self.worst * 1000

    @property
    def worst_own_ms(self) -> float | None:
        return None if self.worst_own is None else self.worst_own * 1000


def _spin(condition: object, timeout_s: float = 60) -> None:
    """Wait as a window does: asleep in the event loop until something happens (a result, a
    timer), not in a busy loop — a UI thread that spins is CPU-bound itself, competes with the
    worker for the GIL at every call, and loses the scheduler's favour on wake-up, so its
    stalls measured the loop more than the program."""
    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

    end = time.monotonic() + timeout_s
    waker = QTimer()  # checks the condition at least every 10 ms even when nothing else happens
    waker.start(10)
    try:
        while not condition():  # type: ignore[operator]
            if time.monotonic() > end:
                raise TimeoutError("the job did not finish")
            QCoreApplication.processEvents(
                QEventLoop.ProcessEventsFlag.AllEvents | QEventLoop.ProcessEventsFlag.WaitForMoreEvents
            )
    finally:
        waker.stop()


def stalls(data: Path, out: Path, runs: int) -> tuple[list[float], list[float]]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    import desktop.qtfixes  # noqa: F401
    from desktop.prompter import HeadlessPrompter
    from desktop.send_receive import SendReceive
    from desktop.sign_dialog import SignDialog, Step
    from desktop.tasks import TaskRunner
    from reports.documents.issuing import create_signer_key
    from reports.workspace import Workspace

    app = QApplication.instance() or QApplication([])
    runner = TaskRunner()
    runner.set_workspace_opener(lambda: Workspace.open(data))
    runner.call(lambda ws: create_signer_key(ws, "Trần Văn Bình", PASSWORD))
    finals = runner.call(
        lambda ws: [r.id for r in ws.store.list(unit_code=ws.store.unit.code) if r.status.value == "final"]
    )
    sign_ms, export_ms = [], []
    try:
        for i in range(runs):
            # A final report to sign: a sample one the first time, a reopened-and-refinalised copy after.
            report_id = finals[i % len(finals)]
            if runner.call(lambda ws, rid=report_id: ws.store.get(rid).status.value) != "final":
                report_id = runner.call(lambda ws, rid=report_id: ws.store.amend(rid).id)
                runner.call(lambda ws, rid=report_id: ws.store.finalize(rid))
            prompter = HeadlessPrompter()
            dialog = SignDialog(runner, prompter, report_id)
            dialog.show()
            _spin(lambda d=dialog: not d.busy)
            dialog.secret_edit.setText(PASSWORD)
            with StallMeter() as meter:
                dialog.sign()
                _spin(lambda d=dialog: d.step is Step.DONE)
            sign_ms.append(meter.worst_ms)
            dialog.deleteLater()

            folder = out / f"usb-{i}"
            folder.mkdir()
            prompter = HeadlessPrompter([folder, False])
            sr = SendReceive(runner, prompter, volumes=list)
            done: list[object] = []
            sr.exported.connect(done.append)
            with StallMeter() as meter:
                sr.export()
                _spin(lambda d=done: bool(d))
            export_ms.append(meter.worst_ms)
    finally:
        runner.wait_idle(10_000)
        runner.shutdown()
        app.processEvents()
    return sign_ms, export_ms


def run(options: Options) -> list[Result]:
    runs = 3 if options.quick else 7
    with tempfile.TemporaryDirectory(prefix="cchc-bench-gui-") as tmp:
        root = Path(tmp)
        progress("gui: sample data")
        data = _sample_folder(root)
        progress(f"gui: cold start × {runs}")
        starts, bare_starts, shown = cold_start(data, max(5, runs))
        progress("gui: UI stalls while signing and exporting")
        sign_ms, export_ms = stalls(data, root, 3 if options.quick else 5)
    start = statistics.median(starts)
    bare = statistics.median(bare_starts)
    worst_sign, worst_export = max(sign_ms), max(export_ms)
    return [
        Result(BENCH, "bare PySide6 window, cold start (median)", bare * 1000, "ms",
               note=f"{len(bare_starts)} processes, interleaved with the runs above"),
        Result(BENCH, "commune window start / bare window start", start / bare, "×",
               f"≤ {RATIO_TARGET}×", at_most(start / bare, RATIO_TARGET), "same run, medians of both sides"),
        Result(
            BENCH,
            "cold start → main window shown and idle (median)",
            start * 1000,
            "ms",
            f"≤ {START_TARGET_S * 1000:.0f} ms",
            at_most(start, START_TARGET_S),
            f"{len(starts)} processes, min {min(starts) * 1000:.0f} ms, max {max(starts) * 1000:.0f} ms, offscreen",
        ),
        Result(BENCH, "cold start → main window shown, its list still loading (median)",
               statistics.median(shown) * 1000, "ms", note=f"{len(shown)} processes, same runs"),
        Result(
            BENCH,
            "longest UI stall while signing",
            worst_sign,
            "ms",
            f"≤ {STALL_TARGET_MS:.0f} ms",
            at_most(worst_sign, STALL_TARGET_MS),
            f"{len(sign_ms)} signatures, 5 ms timer",
        ),
        Result(
            BENCH,
            "longest UI stall while exporting",
            worst_export,
            "ms",
            f"≤ {STALL_TARGET_MS:.0f} ms",
            at_most(worst_export, STALL_TARGET_MS),
            f"{len(export_ms)} packages, 5 ms timer",
        ),
    ]


if __name__ == "__main__":
    sys.exit(run_standalone(BENCH, run))
