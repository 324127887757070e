"""The editor's middle pane (the form) keeps at least half of the width.

A ``QSplitter`` gives a shrinking window's loss to the panes by their stretch factors: the
form has 1, the parts list and the check panel 0 (they should not grow on a wide screen), so
on a narrow one the form alone shrank. With large text on a 1280×720 screen at 125 % it was
left 260 pixels between a 230-pixel parts list and a 270-pixel check panel, scrolled
sideways, its labels and headings cut. After every resize (of the window, or of the text,
which changes the panes' minimums) the side panes give back width, down to their minimum,
until the form has its share.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QSplitter

MIDDLE_SHARE = 0.5


def balance(splitter: QSplitter, middle: int = 1, share: float = MIDDLE_SHARE) -> None:
    sizes = splitter.sizes()
    total = sum(sizes)
    if total <= 0 or len(sizes) <= middle:
        return
    missing = int(total * share) - sizes[middle]
    if missing <= 0:
        return
    sides = [i for i in range(len(sizes)) if i != middle]
    room = {}
    for i in sides:
        widget = splitter.widget(i)
        floor = max(widget.minimumSizeHint().width(), widget.minimumWidth()) if widget is not None else 0
        room[i] = max(0, sizes[i] - floor)
    spare = sum(room.values())
    if spare <= 0:
        return
    taken = 0
    for i in sides:
        give = min(room[i], missing * room[i] // spare)
        sizes[i] -= give
        taken += give
    sizes[middle] += taken
    splitter.setSizes(sizes)


class _Balancer(QObject):
    def __init__(self, splitter: QSplitter, middle: int) -> None:
        super().__init__(splitter)
        self._middle = middle

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, QSplitter) and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            balance(watched, self._middle)
        return False


def keep_middle_wide(splitter: QSplitter, middle: int = 1) -> None:
    """Balance ``splitter`` after each of its resizes (a drag of its handle stays as dragged)."""
    splitter.installEventFilter(_Balancer(splitter, middle))
