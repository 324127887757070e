"""The log file moves aside when full and keeps three older files (reports/logs.py)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from reports import logs


def test_the_log_rotates_and_keeps_three(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(logs, "MAX_BYTES", 2_000)
    path = logs.install_file_logging(tmp_path)
    assert path == tmp_path / "cchc.log"
    log = logging.getLogger("cchc.test-rotation")
    for i in range(400):
        log.info("dòng %d %s", i, "x" * 40)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["cchc.log", "cchc.log.1", "cchc.log.2", "cchc.log.3"]
    # Counted in characters as the standard library counts them: a few accented letters more.
    assert all(p.stat().st_size < 2_100 for p in tmp_path.iterdir())
    newest = (tmp_path / "cchc.log").read_text(encoding="utf-8")
    assert "dòng 399 " in newest
    older = (tmp_path / "cchc.log.1").read_text(encoding="utf-8").splitlines()
    assert int(older[-1].split("dòng ")[1].split()[0]) + 1 == int(newest.splitlines()[0].split("dòng ")[1].split()[0])
