"""Fixtures of the GUI tests: translations, a commune data folder, the task runner."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

import desktop.qtfixes  # noqa: F401 - before any Qt call (PySide6 6.12.0 reference leak)
from desktop.garbage import MainThreadGarbageCollector
from desktop.i18n import Translations
from desktop.i18n_build import build
from desktop.prompter import HeadlessPrompter
from desktop.tasks import TaskRunner
from reports.cli.main import main as cchc
from reports.workspace import Workspace

COMMUNE = ("26116", "Xã Tân Phú", "Tỉnh Đồng Nai")  # a real commune of the 2025 list


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Showing a top-level window on the offscreen platform makes Qt warn that the platform
    # cannot propagate size hints: the test platform talking, not the program. Every other
    # Qt warning still fails the test (qt_log_level_fail = WARNING).
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).parent == here:
            item.add_marker(pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"))


@pytest.fixture(scope="session", autouse=True)
def garbage_on_the_ui_thread(qapp: QApplication) -> Iterator[None]:
    """As in the program: no cyclic garbage collection on the database worker (it would
    destroy widgets there and crash), only on the UI thread."""
    collector = MainThreadGarbageCollector()
    collector.start()
    yield
    collector.stop()


@pytest.fixture(scope="session")
def qm_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The .qm files built from the shipped .ts files (what `make translations` does)."""
    out = tmp_path_factory.mktemp("qm")
    build(out)
    return out


@pytest.fixture(autouse=True)
def vietnamese(qapp: QApplication, qm_dir: Path) -> Iterator[Translations]:
    """Every GUI test sees the program in Vietnamese, its default language."""
    translations = Translations(qm_dir)
    translations.install("vi")
    yield translations
    translations.install("en")


def init_commune(data_dir: Path, *extra: str) -> None:
    """Set up a commune in ``data_dir`` with the CLI, as a script or support would."""
    code, name, province = COMMUNE
    args = [
        "--data-dir",
        str(data_dir),
        "init",
        "--unit-code",
        code,
        "--unit-name",
        name,
        "--province",
        province,
        "--province-code",
        "75",
        "--preparer-name",
        "Nguyễn Thị Lan",
        "--signer-name",
        "Trần Văn Bình",
        *extra,
    ]
    assert cchc(args) == 0


@pytest.fixture
def commune_dir(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    init_commune(data_dir)
    capsys.readouterr()
    return data_dir


@pytest.fixture
def sample_dir(commune_dir: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A commune with six months of finalised reports and a self-assessment."""
    assert cchc(["--data-dir", str(commune_dir), "sample", "--months", "6"]) == 0
    capsys.readouterr()
    return commune_dir


def open_runner(data_dir: Path) -> TaskRunner:
    runner = TaskRunner()
    runner.set_workspace_opener(lambda: Workspace.open(data_dir))
    return runner


@pytest.fixture
def runner(qapp: QApplication, data_dir: Path) -> Iterator[TaskRunner]:
    r = open_runner(data_dir)
    yield r
    r.wait_idle(5000)
    r.shutdown()


@pytest.fixture
def prompter() -> HeadlessPrompter:
    """Answers only what a test scripted; an unexpected question fails the test."""
    return HeadlessPrompter(strict=True)


def read_workspace(data_dir: Path) -> Workspace:
    """A second, independent Workspace on the same folder (what another process would see)."""
    return Workspace.open(data_dir)


from tests.gui.editor_support import draft_id, editor, editor_runner  # noqa: E402, F401 - the editor on its own runner
