"""The banner across the window while the program runs on the demo installation (sample data).

A toolbar at the top of the window that cannot be moved, floated or hidden: "Đang dùng thử với
dữ liệu mẫu — mọi thứ ở đây không phải số liệu thật", with "Bắt đầu dùng thật" (leave the demo
for the real first-run wizard) and "Làm lại dữ liệu mẫu" (reset the demo). The composition root
(desktop/app.py) adds it to whichever window is open and does what the buttons ask.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QPushButton, QToolBar, QWidget

from desktop.appearance import set_font_scale


class DemoBanner(QToolBar):
    start_real_requested = Signal()
    reset_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DemoBanner")
        self.setMovable(False)
        self.setFloatable(False)
        # Not in the window's context menu of toolbars: the banner stays while in the demo.
        self.toggleViewAction().setVisible(False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.PreventContextMenu)
        # Its yellow is in the application's style sheet (desktop/appearance.py): a style sheet of
        # its own would keep the application's old style alive in it when the style is replaced.
        self.label = QLabel()
        self.label.setWordWrap(True)
        set_font_scale(self.label, 1.05, bold=True)
        self.start_real_button = QPushButton()
        self.start_real_button.setProperty("primary", True)
        self.reset_button = QPushButton()
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(12, 4, 12, 4)
        row.addWidget(self.label, 1)
        row.addWidget(self.reset_button)
        row.addWidget(self.start_real_button)
        self.addWidget(box)
        self.start_real_button.clicked.connect(self.start_real_requested)
        self.reset_button.clicked.connect(self.reset_requested)
        self.retranslate()

    def retranslate(self) -> None:
        self.label.setText(self.tr("Trying the program with sample data — nothing here is real data"))
        self.start_real_button.setText(self.tr("&Start using it for real"))
        self.reset_button.setText(self.tr("&Reset the sample data"))
        self.setAccessibleName(self.tr("Trial with sample data"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def mark_window(window: QMainWindow, banner: DemoBanner) -> None:
    """The banner across the top of ``window``, and its title marked as the trial."""
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, banner)
    title = window.windowTitle()
    mark = QCoreApplication.translate("DemoBanner", "%1 [TRIAL — sample data]")
    window.setWindowTitle(mark.replace("%1", title))
