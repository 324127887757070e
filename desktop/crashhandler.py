"""What happens when the program meets a bug (as in qutebrowser's crash handler).

Expected problems are ``CchcError`` and are shown as plain messages where they happen. Any
other exception is a bug: ``sys.excepthook`` (which PySide6 also calls for an exception
raised inside a slot) and ``threading.excepthook`` bring it here. We log it, try to save
what the user typed, show a short apology with "Sao chép chi tiết" (copy details) and the
log's location, and leave the event loop with exit code 1: after a bug the program's state
is unknown, and carrying on could store wrong figures.

A hard crash (a segfault in Qt, the process killed in the middle of a write) runs no Python
code; ``faulthandler`` writes the stack of every thread to ``crash.log`` and at the next
start ``take_earlier_crash`` finds it and the program says where it is.
"""

from __future__ import annotations

import datetime as dt
import faulthandler
import logging
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import IO, Any

log = logging.getLogger(__name__)

CRASH_LOG = "crash.log"

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def _default_exit(code: int) -> None:
    from PySide6.QtCore import QCoreApplication

    if QCoreApplication.instance() is not None:
        QCoreApplication.exit(code)


class CrashHandler:
    def __init__(
        self,
        logs_dir: Path,
        *,
        headless: bool = False,
        show_dialog: Callable[[str, Path], None] | None = None,
        exit_app: Callable[[int], None] = _default_exit,
    ) -> None:
        self.logs_dir = logs_dir
        self.headless = headless
        self._show_dialog = show_dialog or _show_crash_dialog
        self._exit_app = exit_app
        self._before_exit: list[Callable[[], None]] = []
        self._handling = False
        self._crash_file: IO[str] | None = None
        self._old_excepthook: Any = None
        self._old_thread_hook: Any = None
        self.fatal = False  # a bug was handled: the program must end with a non-zero code
        self.reports: list[str] = []  # the details of every bug handled (tests read them)

    @property
    def crash_log(self) -> Path:
        return self.logs_dir / CRASH_LOG

    @property
    def log_file(self) -> Path:
        from desktop.logsetup import LOG_NAME

        return self.logs_dir / LOG_NAME

    # ------------------------------------------------------------ installing

    def take_earlier_crash(self) -> Path | None:
        """The log of a hard crash in an earlier run, moved aside; None if there was none."""
        try:
            if not self.crash_log.exists() or self.crash_log.stat().st_size == 0:
                return None
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            kept = self.crash_log.with_name(f"crash-{stamp}.log")
            self.crash_log.replace(kept)
            return kept
        except OSError:
            log.exception("could not read the earlier crash log")
            return None

    def install(self, *, enable_faulthandler: bool = True) -> None:
        self._old_excepthook = sys.excepthook
        self._old_thread_hook = threading.excepthook
        sys.excepthook = self.excepthook
        threading.excepthook = self._thread_excepthook
        if enable_faulthandler:
            try:
                self._crash_file = open(self.crash_log, "w", encoding="utf-8")  # noqa: SIM115 - open for the whole run
                faulthandler.enable(file=self._crash_file, all_threads=True)
            except OSError:
                log.exception("could not open %s for hard-crash reports", self.crash_log)

    def uninstall(self) -> None:
        if self._old_excepthook is not None:
            sys.excepthook = self._old_excepthook
            threading.excepthook = self._old_thread_hook
            self._old_excepthook = None
        if self._crash_file is not None:
            faulthandler.disable()
            self._crash_file.close()
            self._crash_file = None
            # An empty crash.log means a clean exit.
            try:
                if self.crash_log.stat().st_size == 0:
                    self.crash_log.unlink()
            except OSError:
                pass

    def before_exit(self, fn: Callable[[], None]) -> None:
        """Run ``fn`` (best effort) after a bug and before the program ends: save the work."""
        self._before_exit.append(fn)

    # ------------------------------------------------------------ handling

    def _thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            self.excepthook(args.exc_type, args.exc_value, args.exc_traceback)

    def handle_exception(self, exc: BaseException) -> None:
        """A bug that reached us as an object (e.g. from the task runner)."""
        self.excepthook(type(exc), exc, exc.__traceback__)

    def excepthook(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            self._exit_app(130)
            return
        details = self.details((exc_type, exc, tb))
        log.critical("unexpected error\n%s", details)
        self.fatal = True
        self.reports.append(details)
        if self._handling:  # a second error while we show the first: it is logged; enough
            return
        self._handling = True
        try:
            for fn in self._before_exit:
                try:
                    fn()
                except Exception:
                    log.exception("saving before exit failed")
            if self.headless:
                print(details, file=sys.stderr)
            else:
                try:
                    self._show_dialog(details, self.log_file)
                except Exception:
                    log.exception("the crash dialog failed")
        finally:
            self._handling = False
            self._exit_app(1)

    def details(self, exc_info: ExcInfo) -> str:
        import platform  # here, not at start: only a crash report names the system

        from reports import __version__

        try:
            from PySide6 import __version__ as qt_version
        except ImportError:  # pragma: no cover
            qt_version = "?"
        lines = [
            f"Báo cáo CCHC {__version__}",
            f"Time: {dt.datetime.now().astimezone().isoformat(timespec='seconds')}",
            f"Python {platform.python_version()}, PySide6 {qt_version}, {platform.platform()}",
            f"Thread: {threading.current_thread().name}",
            f"Log: {self.log_file}",
            "",
            "".join(traceback.format_exception(*exc_info)).rstrip(),
        ]
        return "\n".join(lines)


def _show_crash_dialog(details: str, log_file: Path) -> None:
    from desktop.crash_dialog import CrashDialog

    CrashDialog(details, log_file).exec()


def earlier_crash_notice(crash_log: Path) -> tuple[str, str]:
    """The title and text that tell, at the next start, where the log of a hard crash is."""
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("Application", "The program stopped unexpectedly last time"), (
        QCoreApplication.translate(
            "Application",
            "The last time, the program stopped unexpectedly. What was saved before is kept. The "
            "technical details are in:\n%1\nIf this happens again, send that file to the person who "
            "supports you.",
        ).replace("%1", str(crash_log))
    )
