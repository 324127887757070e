"""The entry script of the frozen windowed program (``bao-cao-cchc`` in build.spec).

    bao-cao-cchc                  the program: ``desktop.app.main()``
    bao-cao-cchc --self-test      ``desktop.selftest.run_self_test()``: exit 0, or print what failed

Aids for the build's own checks (tests/e2e/test_frozen.py, bench/), not for users:

    --startup-probe               print ``CCHC-SHOWN <s>`` once a main window is shown and the
                                  event queue has drained, ``CCHC-LOADED <s>`` once its list has
                                  rows (or 5 s passed), then close the window and quit
    --screenshot PATH             once the main window is shown and loaded, save a picture of the
                                  screen (the whole X screen under Xvfb) to PATH, then quit
    --crash-check KIND            raise a bug inside a Qt callback with the crash handler
                                  installed (KIND: slot, worker, thread, early, nested); the
                                  process must end with exit code 1, not hang

The data folder is the program's usual one (``--data-dir`` or ``CCHC_DATA_DIR``), so a test
points it at a prepared folder.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

LOADED_TIMEOUT_S = 5.0
SCREENSHOT_SETTLE_MS = 600


def _take(argv: list[str], flag: str, *, value: bool = False) -> str | bool | None:
    """Remove ``flag`` (and its value) from argv; its value, True, or None when absent."""
    for i, arg in enumerate(argv):
        if arg == flag:
            if not value:
                del argv[i]
                return True
            if i + 1 >= len(argv):
                raise SystemExit(f"{flag} needs a value")
            found = argv[i + 1]
            del argv[i : i + 2]
            return found
        if value and arg.startswith(flag + "="):
            del argv[i]
            return arg.split("=", 1)[1]
    return None


def main() -> int:
    argv = sys.argv[1:]
    if "--self-test" in argv:
        from desktop.selftest import run_self_test

        return run_self_test()
    crash_kind = _take(argv, "--crash-check", value=True)
    if isinstance(crash_kind, str):
        return crash_check(crash_kind)
    probe = bool(_take(argv, "--startup-probe"))
    screenshot = _take(argv, "--screenshot", value=True)
    if probe or isinstance(screenshot, str):
        _install_watch(probe=probe, screenshot=Path(screenshot) if isinstance(screenshot, str) else None)
    sys.argv[1:] = argv
    from desktop.app import main as app_main

    return int(app_main(argv) or 0)


# ---------------------------------------------------------------- startup probe and screenshot


def _install_watch(*, probe: bool, screenshot: Path | None) -> None:
    """Wrap QApplication.exec so that, once the event loop runs, a timer watches for the main
    window. Nothing else in the program changes."""
    from PySide6.QtWidgets import QApplication

    original_exec = QApplication.exec

    def exec_with_watch(*_args: Any) -> int:
        watch = _Watch(probe=probe, screenshot=screenshot)
        _WATCHES.append(watch)  # kept alive for the whole run
        watch.start()
        return int(original_exec())

    QApplication.exec = exec_with_watch  # type: ignore[method-assign, assignment]


_WATCHES: list[_Watch] = []


class _Watch:
    def __init__(self, *, probe: bool, screenshot: Path | None) -> None:
        from PySide6.QtCore import QTimer

        self.probe = probe
        self.screenshot = screenshot
        self.shown_at: float | None = None
        self.timer = QTimer()
        self.timer.setInterval(0)  # fires whenever the queue is empty
        self.timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.timer.start()

    def _window(self) -> Any:
        from PySide6.QtWidgets import QApplication, QMainWindow

        for w in QApplication.topLevelWidgets():
            if isinstance(w, QMainWindow) and w.isVisible():
                return w
        return None

    @staticmethod
    def _has_rows(window: Any) -> bool:
        from PySide6.QtWidgets import QAbstractItemView

        return any(v.model() is not None and v.model().rowCount() > 0 for v in window.findChildren(QAbstractItemView)
                   if v.isVisible())

    def _tick(self) -> None:
        window = self._window()
        if window is None:
            return
        now = time.perf_counter()
        if self.shown_at is None:
            self.shown_at = now
            self._say(f"CCHC-SHOWN {_since_start():.3f}")
            return
        if not self._has_rows(window) and now - self.shown_at < LOADED_TIMEOUT_S:
            return
        self.timer.stop()
        self._say(f"CCHC-LOADED {_since_start():.3f}")
        if self.screenshot is not None:
            from PySide6.QtCore import QTimer

            QTimer.singleShot(SCREENSHOT_SETTLE_MS, lambda: self._grab_and_quit(window))
        else:
            self._quit(window)

    def _grab_and_quit(self, window: Any) -> None:
        from PySide6.QtGui import QGuiApplication

        assert self.screenshot is not None
        screen = window.screen() or QGuiApplication.primaryScreen()
        picture = screen.grabWindow(0)  # the whole screen: what a user would see
        if picture.isNull() or picture.width() < 50:
            picture = window.grab()
        self.screenshot.parent.mkdir(parents=True, exist_ok=True)
        ok = picture.save(str(self.screenshot), "PNG")
        self._say(f"CCHC-SCREENSHOT {'saved' if ok else 'FAILED'} {self.screenshot}")
        self._quit(window)

    def _quit(self, window: Any) -> None:
        from PySide6.QtWidgets import QApplication

        window.close()
        QApplication.quit()

    @staticmethod
    def _say(line: str) -> None:
        if sys.stdout is not None:
            print(line, flush=True)


def _since_start() -> float:
    """Seconds since the process started (Linux: from /proc; elsewhere since Python started)."""
    if not sys.platform.startswith("linux"):  # Windows and macOS have no /proc
        return time.perf_counter() - _T0
    try:
        with open("/proc/self/stat", "rb") as f:
            fields = f.read().rsplit(b")", 1)[1].split()
        start_ticks = int(fields[19])
        with open("/proc/uptime", "rb") as f:
            uptime = float(f.read().split()[0])
        return uptime - start_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, AttributeError):
        return time.perf_counter() - _T0


_T0 = time.perf_counter()


# ---------------------------------------------------------------- crash check


def crash_check(kind: str) -> int:
    """A bug inside a Qt callback while the real program runs (desktop.app.Application, in a
    throwaway data folder, no dialogs): the process must end with exit code 1, not hang.

    slot     a slot raises while the event loop runs
    worker   a job on the database worker raises (TaskRunner → crash handler)
    thread   a plain Python thread raises (threading.excepthook)
    early    a slot raises while the first window is being built, before the event loop runs
    nested   a slot raises inside a nested event loop during start-up (TaskRunner.call)
    """
    import tempfile
    import threading

    from PySide6.QtCore import QTimer

    from desktop import app as app_module

    if kind not in {"slot", "worker", "thread", "early", "nested"}:
        raise SystemExit(f"--crash-check: unknown kind {kind!r}")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["CCHC_NO_ERR_WINDOWS"] = "1"  # the crash dialog would wait for a click
    data_dir = Path(tempfile.mkdtemp(prefix="cchc-crash-check-"))

    def bug(*_args: Any) -> None:
        raise RuntimeError(f"crash check ({kind}): a deliberate bug")

    original_build = app_module.Application.build
    keep: list[Any] = []

    def build_then_fail(self: Any) -> bool:
        ok = original_build(self)
        if kind == "slot":
            QTimer.singleShot(100, bug)
        elif kind == "worker":
            QTimer.singleShot(100, lambda: self.runner.run(bug))
        elif kind == "thread":
            QTimer.singleShot(100, lambda: threading.Thread(target=bug, name="crash-check").start())
        elif kind == "early":
            timer = QTimer()
            timer.timeout.connect(bug)
            keep.append(timer)
            timer.timeout.emit()  # the slot runs now, before the event loop
        elif kind == "nested":
            QTimer.singleShot(0, bug)
            self.runner.call(lambda _ws: time.sleep(0.2))  # start-up waits for the worker in a nested loop
        return bool(ok)

    app_module.Application.build = build_then_fail  # type: ignore[method-assign]
    code = app_module.main(["--data-dir", str(data_dir), "--no-err-windows"])
    print(f"CCHC-CRASH-CHECK {kind} exit={code}", flush=True)
    return int(code)


if __name__ == "__main__":
    sys.exit(main())
