"""Logging for the core and the CLI: a rotating file in the data folder, never the console.

Libraries (pyHanko above all) log validation details at warning level; a commune official
should see our one plain message, not a traceback, while support still finds it in the log.
"""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
from pathlib import Path

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
        handler = logging.handlers.RotatingFileHandler(
            log_dir / "cchc.log", maxBytes=2_000_000, backupCount=3, encoding="utf-8"
        )
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
