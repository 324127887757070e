"""Logging for the core and the CLI: a rotating file in the data folder, never the console.

Libraries (pyHanko above all) log validation details at warning level; a commune official
should see our one plain message, not a traceback, while support still finds it in the log.
"""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path

MAX_BYTES = 2_000_000
BACKUPS = 3  # cchc.log.1 … cchc.log.3


class RotatingLog(logging.FileHandler):
    """A log file that moves to ``.1`` (``.1`` to ``.2`` …) when the next record would take it
    past ``MAX_BYTES``. What logging.handlers.RotatingFileHandler does, without importing
    logging.handlers (socket, pickle, queue: ~10 ms of every command's start)."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self.stream is not None and self.stream.tell() + len(self.format(record)) + 1 >= MAX_BYTES:
                self.rotate()
        except (OSError, ValueError):
            self.handleError(record)
            return
        super().emit(record)

    def rotate(self) -> None:
        if self.stream is not None:
            self.stream.close()
            self.stream = None  # type: ignore[assignment]
        base = self.baseFilename
        for n in range(BACKUPS - 1, 0, -1):
            if os.path.exists(f"{base}.{n}"):
                os.replace(f"{base}.{n}", f"{base}.{n + 1}")
        if os.path.exists(base):
            os.replace(base, f"{base}.1")
        self.stream = self._open()


_installed: Path | None = None
_handler: logging.Handler | None = None


def install_file_logging(log_dir: Path, level: int = logging.INFO) -> Path | None:
    global _installed, _handler
    root = logging.getLogger()
    if not any(isinstance(h, logging.NullHandler) for h in root.handlers):
        root.addHandler(logging.NullHandler())  # keeps logging.lastResort off stderr
    if _installed == log_dir:
        return _installed
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        handler = RotatingLog(log_dir / "cchc.log", encoding="utf-8")
    except OSError:
        return None  # a read-only data folder is reported elsewhere; logging must not crash
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    if _handler is not None:  # one process, one log: a second data folder takes it over
        root.removeHandler(_handler)
        with contextlib.suppress(OSError):  # the old log may sit on a full disk
            _handler.close()
    root.addHandler(handler)
    root.setLevel(min(root.level or level, level))
    _installed, _handler = log_dir, handler
    return log_dir / "cchc.log"
