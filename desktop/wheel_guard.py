"""The mouse wheel scrolls the page, not the choice under the pointer.

A combo box or a number box that has not been clicked into ignores the wheel, which then
scrolls the page around it: scrolling the settings changed “Thẩm quyền ký” from TM. to KT.
without the official noticing."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QApplication, QComboBox


class WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Wheel
            and isinstance(watched, QComboBox | QAbstractSpinBox)
            and not watched.hasFocus()
        ):
            area = watched.parentWidget()
            while area is not None and not isinstance(area, QAbstractScrollArea):
                area = area.parentWidget()
            if area is not None:  # the page around it scrolls instead
                QApplication.sendEvent(area.viewport(), event)
            return True
        return False


def install_wheel_guard(app: QApplication) -> WheelGuard:
    guard = WheelGuard(app)
    app.installEventFilter(guard)
    return guard
