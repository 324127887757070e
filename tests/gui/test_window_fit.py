"""The main window fits the screens commune PCs have: 1366×768 and 1280×720, at 100 % and
125 % scaling (the taskbar takes about 40 pixels), with normal text and with large text at
125 % (the case an older official with a small laptop has). It opened at 1280×800 on a
768-pixel screen and the check panel's buttons were cut off."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget
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


CASES = [(screen, "normal") for screen in SCREENS] + [
    ("1366×768 125 %", "large"),
    ("1280×720 125 %", "large"),
]


@pytest.fixture
def text_size(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    install_style(qapp, request.param)
    yield request.param
    install_style(qapp, "normal")  # the default text size, for the tests after this one


@pytest.fixture
def window(
    qtbot: QtBot, qapp: QApplication, sample_dir: Path, prompter: HeadlessPrompter, text_size: str
) -> Iterator[MainWindow]:
    runner: TaskRunner = open_runner(sample_dir)
    ws = read_workspace(sample_dir)
    try:
        unit = ws.require_unit()
        # A draft: its header has the most to show (state, deadline, saved, Check, Finalise)
        report_id = ws.store.create("2025-06", "cchc-xa").id
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
    """Within the window and not cut by a parent squeezed below what it holds."""
    top_left = widget.mapTo(window, QPoint(0, 0))
    shown = widget.visibleRegion().boundingRect()
    return window.rect().contains(QRect(top_left, widget.size())) and shown == widget.rect()


@pytest.fixture(params=["vi", "en"])
def lang(request: pytest.FixtureRequest, vietnamese: Translations) -> Iterator[str]:
    vietnamese.install(request.param)  # English labels are longer: the button was clipped
    yield request.param
    vietnamese.install("vi")


def clipped(widget: QWidget, *, heights: bool = False) -> list[str]:
    """The buttons and one-line labels under ``widget`` narrower than their text (with
    ``heights``: buttons squeezed below their height too)."""
    found = []
    for child in [widget, *widget.findChildren(QWidget)]:
        if not child.isVisibleTo(widget.window()) or child.width() == 0:
            continue
        one_line_label = isinstance(child, QLabel) and not child.wordWrap() and child.text()
        if (isinstance(child, QAbstractButton) and child.text()) or one_line_label:
            if child.width() < child.sizeHint().width():
                found.append(f"{child.text()!r}: {child.width()} < {child.sizeHint().width()}")
            if heights and isinstance(child, QAbstractButton) and child.height() < child.sizeHint().height():
                found.append(f"{child.text()!r}: height {child.height()} < {child.sizeHint().height()}")
    return found


@pytest.mark.parametrize(("screen", "text_size"), CASES, indirect=["text_size"])
def test_the_window_and_its_buttons_fit_the_screen(
    qtbot: QtBot, lang: str, window: MainWindow, screen: str, text_size: str
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
    assert clipped(editor.header) == [], screen  # the step bar and the big buttons
    # Its buttons were squeezed to two-thirds of their height under a four-line title.
    assert clipped(editor.check_panel, heights=True) == [], screen


@pytest.mark.parametrize(("screen", "text_size"), CASES, indirect=["text_size"])
def test_the_sidebar_and_part_three_fit_without_scrolling_sideways(
    qtbot: QtBot, lang: str, window: MainWindow, screen: str, text_size: str
) -> None:
    width, height = SCREENS[screen]
    window.showNormal()
    window.fit_to_screen(QRect(0, 0, width, height - TASKBAR))
    window.showNormal()
    qtbot.wait(20)
    # Large text made the page list wider than its column: a sideways scroll bar under it.
    assert not window.nav.horizontalScrollBar().isVisible(), (screen, window.nav.width())
    editor = window.editor
    assert not editor.section_list.horizontalScrollBar().isVisible(), screen
    editor.section_list.setCurrentRow(2)  # part III, with the import button
    qtbot.wait(20)
    button = editor.section_stack.part3_button
    assert button is not None and button.isVisibleTo(window)
    scroll = button.parentWidget()
    while scroll is not None and not hasattr(scroll, "horizontalScrollBar"):
        scroll = scroll.parentWidget()
    assert scroll is None or not scroll.horizontalScrollBar().isVisible(), (screen, button.width())
    assert clipped(button) == [] and inside(button, window), (screen, button.width(), button.sizeHint())
