"""Scrolling a page over a combo box scrolls the page; it does not change the choice."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QScrollArea, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from desktop.prompter import HeadlessPrompter
from desktop.settings_page import SettingsPage
from desktop.tasks import TaskRunner
from desktop.wheel_guard import guard_wheel, wheel_guarded
from tests.gui.conftest import open_runner

DESKTOP = Path(__file__).resolve().parents[2] / "desktop"
BOXES = {"QComboBox", "QFontComboBox", "QSpinBox", "QDoubleSpinBox", "QDateEdit", "QTimeEdit", "QDateTimeEdit"}


def wheel_down(widget: QWidget) -> None:
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def test_the_wheel_over_an_unfocused_combo_scrolls_the_page(qtbot: QtBot, qapp: QApplication) -> None:
    page = QWidget()
    layout = QVBoxLayout(page)
    combo = guard_wheel(QComboBox())
    combo.addItems(["TM.", "KT."])
    layout.addWidget(combo)
    for _ in range(40):
        layout.addWidget(guard_wheel(QComboBox()))
    area = QScrollArea()
    area.setWidget(page)
    area.resize(300, 200)
    qtbot.addWidget(area)
    area.show()
    qtbot.waitExposed(area)
    before = area.verticalScrollBar().value()
    wheel_down(combo)
    assert combo.currentIndex() == 0  # “Thẩm quyền ký” stays TM.
    assert area.verticalScrollBar().value() > before  # the page scrolled instead
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    wheel_down(combo)
    assert combo.currentIndex() == 1  # clicked into, the wheel chooses as usual


@pytest.fixture
def settings(qtbot: QtBot, qapp: QApplication, sample_dir: Path) -> Iterator[SettingsPage]:
    runner: TaskRunner = open_runner(sample_dir)
    page = SettingsPage(runner, HeadlessPrompter())
    qtbot.addWidget(page)
    page.resize(700, 400)  # smaller than its form: the page scrolls
    page.show()
    page.refresh()
    qtbot.waitUntil(lambda: page.name_edit.text() == "Xã Tân Phú")
    yield page
    runner.wait_idle()
    runner.shutdown()


def test_the_settings_pages_boxes_leave_the_wheel_to_the_page(qtbot: QtBot, settings: SettingsPage) -> None:
    """The case that made the guard: the wheel over “Thẩm quyền ký” in the settings."""
    boxes = [*settings.findChildren(QComboBox), *settings.findChildren(QAbstractSpinBox)]
    assert boxes and all(wheel_guarded(box) for box in boxes)
    settings.name_edit.setFocus()
    wheel_down(settings.authority_combo)
    wheel_down(settings.cutoff_spin)
    assert settings.authority_combo.currentData() == "TM"
    assert settings.cutoff_spin.value() == 14


def test_every_combo_and_number_box_of_the_program_is_guarded() -> None:
    """Each box is guarded where it is made (no application-wide filter sees it otherwise):
    every QComboBox(…)/QSpinBox(…)/… made in desktop/ is the argument of guard_wheel(…)."""
    unguarded = []
    for path in sorted(DESKTOP.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        guarded = {
            id(arg)
            for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "guard_wheel"
            for arg in node.args
        }
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in BOXES
                and id(node) not in guarded
            ):
                unguarded.append(f"{path.relative_to(DESKTOP.parent)}:{node.lineno} {node.func.id}(…)")
    assert not unguarded, unguarded
