"""The core (forms, reports) never imports Qt: checked in a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent(
    """
    import importlib, json, pkgutil, sys
    import forms, reports
    imported, failed = [], []
    for package in (forms, reports):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + ".", onerror=failed.append):
            if info.name.endswith(".__main__"):  # running it is what `python -m` does, not an import
                continue
            try:
                importlib.import_module(info.name)
                imported.append(info.name)
            except Exception as exc:
                failed.append(f"{info.name}: {exc!r}")
    print(json.dumps({
        "imported": imported,
        "failed": failed,
        "qt": sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6", "PyQt5", "PyQt6")),
    }))
    """
)


def test_core_imports_without_qt() -> None:
    import json

    p = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert p.returncode == 0, p.stderr
    result = json.loads(p.stdout.strip().splitlines()[-1])
    assert result["failed"] == []
    for name in (
        "forms.engine",
        "forms.periods",
        "reports.storage.store",
        "reports.cli.main",
        "reports.workspace",
        "reports.storage.migrations",
        "reports.sample",
    ):
        assert name in result["imported"]
    assert result["qt"] == []
