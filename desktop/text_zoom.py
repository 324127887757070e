"""Zoom like a browser: Ctrl+= larger, Ctrl+- smaller, Ctrl+0 back to the size chosen in
Settings. The window owns one; the application applies the size it announces."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from desktop.appearance import zoomed


class TextZoom(QObject):
    size_changed = Signal(str)  # "normal", "large", "very_large"

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._size = self._settings_size = "normal"
        self.zoom_in_action = QAction(self.tr("Larger text"), window)
        self.zoom_in_action.setShortcuts([QKeySequence("Ctrl+="), QKeySequence("Ctrl++")])
        self.zoom_out_action = QAction(self.tr("Smaller text"), window)
        self.zoom_out_action.setShortcut(QKeySequence("Ctrl+-"))
        self.zoom_reset_action = QAction(self.tr("Normal text size"), window)
        self.zoom_reset_action.setShortcut(QKeySequence("Ctrl+0"))
        for action in (self.zoom_in_action, self.zoom_out_action, self.zoom_reset_action):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            window.addAction(action)
        self.zoom_in_action.triggered.connect(self._on_zoom_in_triggered)
        self.zoom_out_action.triggered.connect(self._on_zoom_out_triggered)
        self.zoom_reset_action.triggered.connect(self._on_zoom_reset_triggered)

    @property
    def size(self) -> str:
        return self._size

    @Slot(str)
    def set_settings_size(self, size: str) -> None:
        """The size chosen in Settings (at start and when changed): applied at once."""
        self._settings_size = size
        self._zoom_to(size)

    def _zoom_to(self, size: str) -> None:
        if size != self._size:
            self._size = size
            self.size_changed.emit(size)

    @Slot()
    def _on_zoom_in_triggered(self) -> None:
        self._zoom_to(zoomed(self._size, +1))

    @Slot()
    def _on_zoom_out_triggered(self) -> None:
        self._zoom_to(zoomed(self._size, -1))

    @Slot()
    def _on_zoom_reset_triggered(self) -> None:
        self._zoom_to(self._settings_size)
