"""Scrolling a page over a combo box scrolls the page; it does not change the choice."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QScrollArea, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from desktop.wheel_guard import install_wheel_guard


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
    guard = install_wheel_guard(qapp)
    try:
        page = QWidget()
        layout = QVBoxLayout(page)
        combo = QComboBox()
        combo.addItems(["TM.", "KT."])
        layout.addWidget(combo)
        for _ in range(40):
            layout.addWidget(QComboBox())
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
    finally:
        qapp.removeEventFilter(guard)
        guard.deleteLater()
