"""The "Kiểm tra" panel: every problem of the report, a click away from its field."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.appearance import icon, repolish, set_font_scale
from forms.problems import Problem

LEVEL_ICONS = {
    "error": "state-error",
    "missing": "state-empty",
    "warning": "state-warning",
    "acknowledged": "state-ok",
}
LEVEL_ORDER = {"error": 0, "missing": 1, "warning": 2, "acknowledged": 3}


class CheckPanel(QWidget):
    problem_activated = Signal(object)  # Problem: go to its field
    acknowledge_requested = Signal(object)  # Problem (an unacknowledged warning)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(self.tr("Check"))
        set_font_scale(self.heading, 1.15, bold=True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setAccessibleName(self.tr("Problems in the report"))
        self.list.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Whole messages, wrapped, laid out again when the panel is resized ("…" cut them).
        self.list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.go_button = QPushButton(self.tr("&Go to the field"))
        self.ack_button = QPushButton(self.tr("Con&firm warning…"))
        self.ack_button.setToolTip(
            self.tr("If the figures are right despite the warning, confirm it with a note explaining why.")
        )
        buttons = QVBoxLayout()
        buttons.addWidget(self.go_button)
        buttons.addWidget(self.ack_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self._read_only = False
        self.list.itemActivated.connect(self._on_list_item_activated)
        self.list.itemClicked.connect(self._on_list_item_activated)
        self.list.currentItemChanged.connect(self._on_list_current_changed)
        self.go_button.clicked.connect(self._on_go_button_clicked)
        self.ack_button.clicked.connect(self._on_ack_button_clicked)
        self._on_list_current_changed(None, None)

    def minimumSizeHint(self) -> QSize:
        # At least 220 pixels to read a message, and never narrower than its buttons: a fixed
        # minimum of 220 cut "Xác nhận cảnh báo…" with large text.
        hint = super().minimumSizeHint()
        return QSize(max(220, hint.width()), hint.height())

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self._on_list_current_changed(self.list.currentItem(), None)

    def set_problems(self, problems: list[Problem], section_order: dict[str, int]) -> None:
        current = self.current_problem()
        self.list.clear()
        ordered = sorted(
            problems, key=lambda p: (LEVEL_ORDER.get(p.level, 9), section_order.get(p.section_id, 99), p.text)
        )
        for p in ordered:
            text = self.tr("Part %1: ").replace("%1", p.section_id) + p.text
            if p.level == "acknowledged":
                text += "\n" + self.tr("Confirmed: %1").replace("%1", p.note)
            item = QListWidgetItem(icon(LEVEL_ICONS.get(p.level, "state-info")), text)
            item.setData(Qt.ItemDataRole.UserRole, p)
            self.list.addItem(item)
            if current is not None and (p.rule_id, p.field_id, p.level) == (
                current.rule_id,
                current.field_id,
                current.level,
            ):
                self.list.setCurrentItem(item)
        counts = {level: sum(1 for p in problems if p.level == level) for level in LEVEL_ORDER}
        if not counts["error"] and not counts["missing"] and not counts["warning"]:
            # Finalised or signed: there is nothing to finalise any more.
            text = (
                self.tr("No problems found.")
                if self._read_only
                else self.tr("No problems found. You can finalise the report.")
            )
            role = "ok"
        else:
            parts = []
            if counts["error"]:
                parts.append(self.tr("%1 error(s) to fix").replace("%1", str(counts["error"])))
            if counts["missing"]:
                parts.append(self.tr("%1 required field(s) empty").replace("%1", str(counts["missing"])))
            if counts["warning"]:
                parts.append(self.tr("%1 warning(s) to check").replace("%1", str(counts["warning"])))
            text, role = "; ".join(parts) + ".", "error" if counts["error"] else "warning"
        self.summary.setText(text)
        if self.summary.property("role") != role:
            self.summary.setProperty("role", role)
            repolish(self.summary)
        self._on_list_current_changed(self.list.currentItem(), None)

    def focus_list(self) -> None:
        """F7: the keyboard goes to the list, on its first problem."""
        self.list.setFocus()
        if self.list.count() and self.list.currentRow() < 0:
            self.list.setCurrentRow(0)

    def problems(self) -> list[Problem]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def current_problem(self) -> Problem | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def select(self, problem: Problem) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(Qt.ItemDataRole.UserRole) == problem:
                self.list.setCurrentRow(i)
                return

    @Slot(QListWidgetItem)
    def _on_list_item_activated(self, item: QListWidgetItem) -> None:
        self.problem_activated.emit(item.data(Qt.ItemDataRole.UserRole))

    @Slot(QListWidgetItem, QListWidgetItem)
    def _on_list_current_changed(
        self, current: QListWidgetItem | None, _previous: QListWidgetItem | None
    ) -> None:
        p = current.data(Qt.ItemDataRole.UserRole) if current is not None else None
        self.go_button.setEnabled(p is not None and p.field_id is not None)
        self.ack_button.setEnabled(p is not None and p.level == "warning" and not self._read_only)
        self.ack_button.setVisible(not self._read_only)

    @Slot()
    def _on_go_button_clicked(self) -> None:
        p = self.current_problem()
        if p is not None:
            self.problem_activated.emit(p)

    @Slot()
    def _on_ack_button_clicked(self) -> None:
        p = self.current_problem()
        if p is not None and p.level == "warning":
            self.acknowledge_requested.emit(p)
