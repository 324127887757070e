"""The window's log: the command line's rotating file (reports/logs.py), and what its start loads."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.logsetup import LOG_NAME, install_logging
from reports.logs import RotatingLog

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def root_handlers() -> Iterator[None]:
    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    yield
    for handler in root.handlers:
        if handler not in before:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


def test_the_log_goes_to_the_rotating_file_once(tmp_path: Path, root_handlers: None) -> None:
    path = install_logging(tmp_path, to_stderr=False)
    install_logging(tmp_path, to_stderr=False)  # again (another window): still one file handler
    ours = [h for h in logging.getLogger().handlers if getattr(h, "_cchc", False)]
    assert path == tmp_path / LOG_NAME and len(ours) == 1 and isinstance(ours[0], RotatingLog)
    logging.getLogger("desktop.test").info("Xã Tân Phú mở cửa sổ")
    ours[0].flush()
    assert "Xã Tân Phú mở cửa sổ" in path.read_text(encoding="utf-8")


def test_the_window_modules_load_neither_logging_handlers_nor_platform() -> None:
    """logging.handlers (socket, pickle) and platform cost the window's start some 10 ms."""
    script = "import json, sys; import desktop.app, desktop.mainwindow; print(json.dumps(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          check=False, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    loaded = set(json.loads(done.stdout.strip().splitlines()[-1]))
    assert not loaded & {"logging.handlers", "socket", "pickle", "platform"}
