"""The navigation column as wide as its widest entry, at every text size.

The column had a fixed width of 210 pixels: with large text "Hộp thư gửi đi" was wider than
the list and a sideways scroll bar appeared under the navigation. ``NavWidth`` widens the
column (never below its normal width) when the list's font changes — Settings → text size,
Ctrl++ — or an entry is added, so every entry shows whole without scrolling."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QListWidget, QWidget


class NavWidth(QObject):
    def __init__(self, panel: QWidget, nav: QListWidget, minimum: int) -> None:
        super().__init__(nav)
        self._panel = panel
        self._nav = nav
        self._minimum = minimum
        nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        nav.installEventFilter(self)
        nav.model().rowsInserted.connect(self.fit)
        self.fit()

    def needed(self) -> int:
        """The panel's width for the widest entry: the entries' hint (the style sheet's padding
        included), the list's frame and the panel's side margins."""
        margins = self._panel.contentsMargins()
        layout = self._panel.layout()
        side = layout.contentsMargins().left() + layout.contentsMargins().right() if layout else 0
        frame = 2 * self._nav.frameWidth()
        # The style sheet's item margins are outside the hint; a few pixels of slack for them.
        return self._nav.sizeHintForColumn(0) + frame + side + margins.left() + margins.right() + 16

    def fit(self) -> None:
        self._panel.setFixedWidth(max(self._minimum, self.needed()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._nav and event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            QTimer.singleShot(0, self, self.fit)  # after the items are laid out in the new font
        return False
