"""What the editor tests share: a draft to edit, the editor on its own task runner, and
helpers to open a report, find a field's line edit, wait for the autosave and read what
another process sees in the SQLite file. The fixtures are registered in tests/gui/conftest.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from desktop.editor import ReportEditor
from desktop.field_inputs import LineInput
from desktop.prompter import HeadlessPrompter
from desktop.tasks import TaskRunner
from tests.gui.conftest import open_runner, read_workspace

SAVE_TIMEOUT = 5000


@pytest.fixture
def draft_id(commune_dir: Path) -> int:
    ws = read_workspace(commune_dir)
    try:
        return ws.store.create("2026-11", "cchc-xa").id
    finally:
        ws.close()


@pytest.fixture
def editor_runner(qapp: object, commune_dir: Path) -> Iterator[TaskRunner]:
    runner = open_runner(commune_dir)
    yield runner
    runner.wait_idle()
    runner.shutdown()


@pytest.fixture
def editor(qtbot: QtBot, editor_runner: TaskRunner, prompter: HeadlessPrompter) -> Iterator[ReportEditor]:
    e = ReportEditor(editor_runner, prompter)
    qtbot.addWidget(e)
    e.resize(1280, 800)
    e.show()
    yield e
    e.flush()  # as the main window does before the runner stops
    editor_runner.wait_idle()


def open_in(qtbot: QtBot, editor: ReportEditor, report_id: int) -> None:
    editor.open_report(report_id)
    qtbot.waitUntil(lambda: editor.report is not None and editor.report.id == report_id)


def line_edit(editor: ReportEditor, field_id: str) -> QLineEdit:
    fi = editor.field_input(field_id)
    assert isinstance(fi, LineInput)
    return fi.edit


def stored(data_dir: Path, report_id: int) -> dict[str, object]:
    """The values as another process reading the SQLite file sees them."""
    ws = read_workspace(data_dir)
    try:
        return ws.store.get(report_id).values
    finally:
        ws.close()


def wait_saved(qtbot: QtBot, editor: ReportEditor) -> None:
    qtbot.waitUntil(lambda: not editor.autosaver.has_unsaved, timeout=SAVE_TIMEOUT)
