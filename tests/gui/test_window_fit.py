"""The main window fits the screens commune PCs have: 1366×768 and 1280×720, at 100 % and
125 % scaling (the taskbar takes about 40 pixels). It opened at 1280×800 on a 768-pixel
screen and the check panel's buttons were cut off."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from desktop.appearance import install_style
from desktop.i18n import Translations
from desktop.mainwindow import MainWindow
from desktop.prompter import HeadlessPrompter
from desktop.tasks import TaskRunner
from tests.gui.conftest import open_runner, read_workspace

TASKBAR = 40
SCREENS = {  # logical pixels: the physical size divided by the scaling
    "1366×768 100 %": (1366, 768),
    "1280×720 100 %": (1280, 720),
    "1366×768 125 %": (1093, 614),
    "1280×720 125 %": (1024, 576),
}


@pytest.fixture
def window(
    qtbot: QtBot, qapp: QApplication, sample_dir: Path, prompter: HeadlessPrompter
) -> Iterator[MainWindow]:
    install_style(qapp, "normal")  # the default text size (an earlier test may have changed it)
    runner: TaskRunner = open_runner(sample_dir)
    ws = read_workspace(sample_dir)
    try:
        unit = ws.require_unit()
        report_id = next(r.id for r in ws.store.list() if r.form_id == "cchc-xa")
    finally:
        ws.close()
    w = MainWindow(runner, prompter, unit)
    qtbot.addWidget(w)
    w.show()
    w.open_report(report_id)
    qtbot.waitUntil(lambda: w.editor.report is not None)
    yield w
    runner.wait_idle()
    runner.shutdown()


def inside(widget: QWidget, window: MainWindow) -> bool:
    top_left = widget.mapTo(window, QPoint(0, 0))
    return window.rect().contains(QRect(top_left, widget.size()))


@pytest.fixture(params=["vi", "en"])
def lang(request: pytest.FixtureRequest, vietnamese: Translations) -> Iterator[str]:
    vietnamese.install(request.param)  # English labels are longer: the button was clipped
    yield request.param
    vietnamese.install("vi")


@pytest.mark.parametrize("screen", SCREENS)
def test_the_window_and_its_buttons_fit_the_screen(
    qtbot: QtBot, lang: str, window: MainWindow, screen: str
) -> None:
    width, height = SCREENS[screen]
    available = QRect(0, 0, width, height - TASKBAR)
    window.showNormal()
    window.fit_to_screen(available)
    window.showNormal()  # measured as opened, not maximised (the offscreen screen is smaller)
    qtbot.wait(20)
    assert window.width() + 16 <= available.width() and window.height() + 40 <= available.height()
    hint = window.minimumSizeHint()
    assert hint.width() <= window.width() and hint.height() <= window.height(), (screen, hint)
    editor = window.editor
    for widget in (
        editor.header.check_button,
        editor.header.preview_button,
        editor.check_panel.go_button,
        editor.check_panel.ack_button,
        editor.section_list,
    ):
        if widget.isVisibleTo(window):
            assert inside(widget, window), (screen, widget)
