"""The program's log: ``<data>/logs/cchc.log``, rotating, plus Qt's own messages.

The file is the one the command line writes too (reports/logs.py), rotated by the same rule
(``RotatingLog``: at 2 MB, three old files kept), without importing logging.handlers (socket,
pickle, queue: some 8 ms of the window's start).
"""

from __future__ import annotations

import logging
import sys
import tempfile
from pathlib import Path

from reports.logs import RotatingLog

LOG_NAME = "cchc.log"
FORMAT = "%(asctime)s %(levelname)-7s [%(threadName)s] %(name)s: %(message)s"


def usable_logs_dir(preferred: Path) -> Path:
    """``preferred``, or a folder in the temporary directory when it cannot be written
    (a read-only data folder must not stop the program from telling the user so)."""
    try:
        preferred.mkdir(parents=True, exist_ok=True)
        probe = preferred / ".write-test"
        probe.write_bytes(b"")
        probe.unlink()
        return preferred
    except OSError:
        fallback = Path(tempfile.gettempdir()) / "BaoCaoCCHC-logs"
        fallback.mkdir(parents=True, exist_ok=True)
        return fallback


def install_logging(logs_dir: Path, *, level: int = logging.INFO, to_stderr: bool = True) -> Path:
    """Send the root logger to the rotating log file (and warnings to stderr)."""
    path = logs_dir / LOG_NAME
    root = logging.getLogger()
    root.setLevel(level)
    for h in list(root.handlers):
        if getattr(h, "_cchc", False):
            root.removeHandler(h)
            h.close()
    file_handler = RotatingLog(path, encoding="utf-8")
    file_handler.setFormatter(logging.Formatter(FORMAT))
    file_handler._cchc = True  # type: ignore[attr-defined]
    root.addHandler(file_handler)
    if to_stderr and sys.stderr is not None:  # no console under a windowed (pythonw) start
        err = logging.StreamHandler(sys.stderr)
        err.setLevel(logging.WARNING)
        err.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        err._cchc = True  # type: ignore[attr-defined]
        root.addHandler(err)
    return path


def install_qt_message_handler() -> None:
    """Qt's warnings go to our log instead of a console nobody sees."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    qt_log = logging.getLogger("qt")
    levels = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }

    def handler(kind: QtMsgType, context: object, message: str) -> None:
        qt_log.log(levels.get(kind, logging.WARNING), "%s", message)

    qInstallMessageHandler(handler)


def shutdown_logging() -> None:
    logging.shutdown()
