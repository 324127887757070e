"""Shared test set-up. Qt must be told to draw offscreen before it loads."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("CCHC_NO_ERR_WINDOWS", "1")  # every modal takes its headless path
# PDFs in tests use the bundled font whatever the machine has installed (a developer with
# Times New Roman would otherwise get other files); tests/unit/test_document_fonts.py tests the choice.
os.environ.setdefault("CCHC_DOCUMENT_FONT", "bundled")

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# No time limit on a Hypothesis example (its default is 200 ms): that is a wall-clock assertion,
# and on a loaded machine a first example that loads a library (it was the holidays catalogue,
# 0.6 s, before the program shipped the table) fails with DeadlineExceeded. Timings belong in bench/.
settings.register_profile("cchc", deadline=None)
settings.load_profile("cchc")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # As in qutebrowser: every test that touches Qt is marked gui, so `-m "not gui"` runs
    # the Qt-free part alone. Tests marked posix_only are skipped on Windows (the workflow in
    # .github/workflows/windows.yml also deselects them).
    for item in items:
        if sys.platform == "win32" and item.get_closest_marker("posix_only"):
            item.add_marker(pytest.mark.skip(reason="POSIX-only behaviour"))
        fixtures = getattr(item, "fixturenames", ())
        if "qtbot" in fixtures or "qapp" in fixtures or "qtmodeltester" in fixtures:
            item.add_marker(pytest.mark.gui)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A fresh, empty data folder for one installation."""
    d = tmp_path / "data"
    d.mkdir()
    return d
