"""The guided path through a report: Nhập số liệu → Kiểm tra → Hoàn thành → Ký số → Gửi.

Steps already done carry a tick, the current one is highlighted and is a button that does
it (the same as the big button beside it); steps still ahead are shown but cannot be
pressed. Which step is current follows from the report's state and its problems.

Where the names do not fit (large text on a 1280×720 screen at 125 %), the steps other than
the current one show only their number or tick, their name in the tooltip and the
accessible name: the buttons were squeezed and their names cut ("✓  Nhập số...")."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QSize, Signal, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from desktop.appearance import repolish
from forms.problems import Problem, blocking
from reports.storage.lifecycle import Status


class Step(IntEnum):
    ENTER = 0
    CHECK = 1
    FINALISE = 2
    SIGN = 3
    SEND = 4


DONE = len(Step)  # every step behind: the report has left (or is waiting in the outbox)


def current_step(status: Status, problems: list[Problem], *, checked: bool) -> int:
    """The step an official is at, or DONE. A draft with nothing left to fix is ready to
    finalise; with problems it is still being filled in until the official asks for a check."""
    if status is Status.DRAFT:
        errors, warnings = blocking(problems)
        if not errors and not warnings:
            return Step.FINALISE
        return Step.CHECK if checked else Step.ENTER
    if status is Status.FINAL:
        return Step.SIGN
    if status is Status.SIGNED:
        return Step.SEND
    if status is Status.RETURNED:
        return Step.ENTER  # a new revision is made and filled in again
    return DONE


class StepBar(QWidget):
    step_clicked = Signal(int)  # Step: the current step's button was pressed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Steps of the report"))
        self.buttons: list[QPushButton] = []
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        for step in Step:
            if step:
                arrow = QLabel("→")
                arrow.setProperty("role", "muted")
                layout.addWidget(arrow)
            button = QPushButton()
            button.setFlat(True)
            button.setProperty("step", "todo")
            button.clicked.connect(self._on_button_clicked)
            self.buttons.append(button)
            layout.addWidget(button)
        layout.addStretch(1)
        self._current = int(Step.ENTER)
        self._compact = False
        self.retranslate()

    def retranslate(self) -> None:
        names = (
            self.tr("Enter the figures"),
            self.tr("Check"),
            self.tr("Finalise"),
            self.tr("Sign"),
            self.tr("Send"),
        )
        for step, (button, name) in enumerate(zip(self.buttons, names, strict=True)):
            button.setText(self._text(step, name, compact=self._compact))
            button.setToolTip(name)
            button.setAccessibleName(name)

    def _text(self, step: int, name: str, *, compact: bool) -> str:
        mark = "✓" if step < self._current else str(step + 1)
        return mark if compact and step != self._current else f"{mark}  {name}"

    def _width(self, *, compact: bool) -> int:
        """The bar's width with every name shown, or only the current one's."""
        layout = self.layout()
        assert layout is not None
        total = layout.sizeHint().width()
        for step, button in enumerate(self.buttons):
            fm = button.fontMetrics()
            shown = fm.horizontalAdvance(button.text())
            wanted = fm.horizontalAdvance(self._text(step, button.toolTip(), compact=compact))
            total += wanted - shown
        return total

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(self._width(compact=True), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        compact = event.size().width() < self._width(compact=False)
        if compact != self._compact:
            self._compact = compact
            self.retranslate()

    @property
    def current(self) -> int:
        return self._current

    def show_step(self, current: int) -> None:
        self._current = current
        for step, button in enumerate(self.buttons):
            state = "done" if step < current else "current" if step == current else "todo"
            button.setEnabled(step == current)
            if button.property("step") != state:
                button.setProperty("step", state)
                repolish(button)
        self.retranslate()

    @Slot()
    def _on_button_clicked(self) -> None:
        button = self.sender()
        if isinstance(button, QPushButton) and button in self.buttons:
            self.step_clicked.emit(self.buttons.index(button))
