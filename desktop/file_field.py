"""A path typed or chosen with "Choose…" (through the prompter), with "Clear"."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QWidget

from desktop.prompter import Prompter


class FileField(QWidget):
    """A path with "Choose…" and "Clear" buttons (choosing goes through the prompter)."""

    def __init__(self, prompter: Prompter, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._prompter = prompter
        self._kind = kind  # "p12", "image", "library", "folder"
        self.edit = QLineEdit()
        self.choose_button = QPushButton()
        self.clear_button = QPushButton()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.choose_button)
        layout.addWidget(self.clear_button)
        self.choose_button.clicked.connect(self._on_choose_clicked)
        self.clear_button.clicked.connect(self.edit.clear)
        self.retranslate()

    def retranslate(self) -> None:
        self.choose_button.setText(self.tr("Choose…"))
        self.clear_button.setText(self.tr("Clear"))

    def _filters(self) -> str:
        if self._kind == "p12":
            return self.tr("Certificate files (*.p12 *.pfx)")
        if self._kind == "image":
            return self.tr("PNG images (*.png)")
        return self.tr("Libraries (*.dll *.so *.dylib)")

    @Slot()
    def _on_choose_clicked(self) -> None:
        if self._kind == "folder":
            path = self._prompter.choose_folder(self.tr("Choose a folder"), self.edit.text())
        else:
            path = self._prompter.open_file(self.tr("Choose a file"), self._filters(), self.edit.text())
        if path is not None:
            self.edit.setText(str(path))

    def text(self) -> str:
        return self.edit.text().strip()

    def setText(self, text: str) -> None:
        self.edit.setText(text)
