"""The short apology shown after a bug, with the details one click away."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)


class CrashDialog(QDialog):
    def __init__(self, details: str, log_file: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._details = details
        self._log_file = log_file
        self.setWindowTitle(self.tr("Báo cáo CCHC: unexpected error"))
        self.setMinimumWidth(560)

        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(48, 48))
        heading = QLabel(self.tr("Sorry, the program ran into an unexpected error and must close."))
        heading.setWordWrap(True)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        body = QLabel(
            self.tr(
                "What you typed before the error has been saved automatically. Open the program again to "
                "carry on. If the error happens again, copy the details and send them to the person who "
                "supports you.\n\nThe error is written in the log file:\n%1"
            ).replace("%1", str(log_file))
        )
        body.setWordWrap(True)
        body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.details_view = QPlainTextEdit(details)
        self.details_view.setReadOnly(True)
        self.details_view.setVisible(False)
        self.details_view.setMinimumHeight(200)

        self.copy_button = QPushButton(self.tr("&Copy details"))
        self.show_button = QPushButton(self.tr("&Show details"))
        self.folder_button = QPushButton(self.tr("Open the &log folder"))
        self.close_button = QPushButton(self.tr("C&lose the program"))
        self.close_button.setDefault(True)

        top = QHBoxLayout()
        top.addWidget(icon)
        top.addWidget(heading, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.show_button)
        buttons.addWidget(self.folder_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(body)
        layout.addWidget(self.details_view)
        layout.addLayout(buttons)

        self.copy_button.clicked.connect(self.copy_details)
        self.show_button.clicked.connect(self._toggle_details)
        self.folder_button.clicked.connect(self._open_folder)
        self.close_button.clicked.connect(self.accept)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self._details)
        self.copy_button.setText(self.tr("Copied"))

    def _toggle_details(self) -> None:
        self.details_view.setVisible(not self.details_view.isVisible())
        self.adjustSize()

    def _open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._log_file.parent)))
