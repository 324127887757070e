"""The mouse wheel scrolls the page, not the choice under the pointer.

A combo box or a number box that has not been clicked into ignores the wheel, which then
scrolls the page around it: scrolling the settings changed “Thẩm quyền ký” from TM. to KT.
without the official noticing.

Every such box is guarded where it is made (``guard_wheel``): its own event filter sees its
own events only. An event filter on the whole application (as this was first done) hands every
event of every object to Python — a Python call per event for as long as the program runs,
and at start PySide creating the Python types of nearly all of Qt to describe the objects and
events it had not seen yet (about 80 ms of the window's first show on the test machine).
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget

W = TypeVar("W", bound=QWidget)


class WheelGuard(QObject):
    """Installed on one box (its parent): the wheel goes to the page while the box has no focus."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Wheel or not isinstance(watched, QWidget) or watched.hasFocus():
            return False
        area = watched.parentWidget()
        while area is not None and not isinstance(area, QAbstractScrollArea):
            area = area.parentWidget()
        if area is not None:  # the page around it scrolls instead
            QApplication.sendEvent(area.viewport(), event)
        return True


def guard_wheel(box: W) -> W:
    """``box`` (a QComboBox or a QAbstractSpinBox) ignores the wheel until it is clicked into; returned."""
    box.installEventFilter(WheelGuard(box))
    return box


def wheel_guarded(box: QWidget) -> bool:
    return any(isinstance(child, WheelGuard) for child in box.children())
