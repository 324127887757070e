"""The main window's navigation column: the unit and its province, the sections (Báo cáo,
Tổng quan, Cài đặt; the composition root adds its pages after them) and the version."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desktop.appearance import icon, set_font_scale
from desktop.nav_width import NavWidth

NORMAL_WIDTH = 210  # pixels; wider with large text (NavWidth), never scrolled sideways


class NavColumn:
    """Fills ``panel``, a plain QWidget already in the window (the style sheet paints the
    background of a QWidget itself, not of a subclass): each part goes straight into it."""

    def __init__(self, panel: QWidget, entries: Sequence[tuple[int, str, str]], version_text: str) -> None:
        """``entries``: (page number, icon name, text) of each section, in order."""
        panel.setObjectName("NavPanel")
        panel.setAutoFillBackground(True)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(10, 16, 10, 12)
        self.unit_label = QLabel()
        layout.addWidget(self.unit_label)
        self.unit_label.setObjectName("NavUnit")
        self.unit_label.setWordWrap(True)
        set_font_scale(self.unit_label, 1.1, bold=True)
        self.province_label = QLabel()
        layout.addWidget(self.province_label)
        self.province_label.setObjectName("NavProvince")
        self.province_label.setWordWrap(True)
        layout.addSpacing(14)
        self.nav = QListWidget()
        layout.addWidget(self.nav, 1)
        self.nav.setObjectName("Nav")
        self.nav.setIconSize(QSize(26, 26))
        for page, name, text in entries:
            item = QListWidgetItem(icon(name), text)
            item.setData(Qt.ItemDataRole.UserRole, int(page))  # a plain number, as add_page's
            item.setToolTip(f"Alt+{int(page) + 1}")
            self.nav.addItem(item)
        set_font_scale(self.nav, 1.1, bold=True)
        version = QLabel(version_text)
        layout.addWidget(version)
        version.setObjectName("NavVersion")
        self.width = NavWidth(panel, self.nav, NORMAL_WIDTH)
