"""Text size follows at once, with no restart: Ctrl+= / Ctrl+- / Ctrl+0 zoom the whole
window, the form's fields and tables included (they stayed small until a restart)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QTableWidget
from pytestqt.qtbot import QtBot

from desktop.appearance import TEXT_SIZES, apply_text_size, install_style
from desktop.field_inputs import LineInput
from desktop.mainwindow import MainWindow
from desktop.prompter import HeadlessPrompter
from tests.gui.conftest import open_runner, read_workspace


@pytest.fixture
def window(
    qtbot: QtBot, qapp: QApplication, sample_dir: Path, prompter: HeadlessPrompter
) -> Iterator[MainWindow]:
    install_style(qapp, "normal")
    runner = open_runner(sample_dir)
    ws = read_workspace(sample_dir)
    try:
        unit = ws.require_unit()
        report_id = next(r.id for r in ws.store.list() if r.form_id == "cchc-xa")
    finally:
        ws.close()
    w = MainWindow(runner, prompter, unit)
    w.text_size_changed.connect(lambda size: apply_text_size(qapp, size))  # as the application does
    qtbot.addWidget(w)
    w.show()
    w.open_report(report_id)
    qtbot.waitUntil(lambda: w.editor.report is not None)
    yield w
    apply_text_size(qapp, "normal")
    runner.wait_idle()
    runner.shutdown()


def sizes(window: MainWindow) -> tuple[float, float]:
    field = window.editor.field_input("meetings_held")
    assert isinstance(field, LineInput)
    tables = [t for t in window.editor.findChildren(QTableWidget)]
    assert tables
    return field.edit.font().pointSizeF(), tables[0].font().pointSizeF()


def test_zoom_keys_change_the_forms_text_at_once(window: MainWindow) -> None:
    assert QKeySequence("Ctrl+=") in window.zoom_in_action.shortcuts()
    assert window.zoom_out_action.shortcut() == QKeySequence("Ctrl+-")
    assert window.zoom_reset_action.shortcut() == QKeySequence("Ctrl+0")
    assert sizes(window) == (TEXT_SIZES["normal"], TEXT_SIZES["normal"])
    window.zoom_in_action.trigger()
    assert window.text_size == "large" and sizes(window) == (TEXT_SIZES["large"], TEXT_SIZES["large"])
    window.zoom_in_action.trigger()
    window.zoom_in_action.trigger()  # no larger than the largest
    assert sizes(window) == (TEXT_SIZES["very_large"], TEXT_SIZES["very_large"])
    window.zoom_out_action.trigger()
    assert window.text_size == "large"
    window.zoom_reset_action.trigger()
    assert sizes(window) == (TEXT_SIZES["normal"], TEXT_SIZES["normal"])


def test_the_size_chosen_in_settings_applies_without_restart(window: MainWindow) -> None:
    window.set_text_size("very_large")
    assert sizes(window) == (TEXT_SIZES["very_large"], TEXT_SIZES["very_large"])
    window.zoom_out_action.trigger()
    window.zoom_reset_action.trigger()  # back to the Settings' size, not to "normal"
    assert window.text_size == "very_large"
