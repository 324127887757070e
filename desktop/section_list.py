"""The list of a report's parts on the editor's left, each with an icon saying whether it
is complete, has errors, warnings, or required fields still empty."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListView, QListWidget, QListWidgetItem, QWidget

from desktop.appearance import icon
from forms.definition import FormDefinition
from forms.problems import Problem

SECTION_ID = Qt.ItemDataRole.UserRole
STATE = Qt.ItemDataRole.UserRole + 1


class SectionList(QListWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setAccessibleName(self.tr("Parts of the report"))
        self.setMinimumWidth(160)  # the titles wrap; 200 left the form too little with large text
        # Wrapped again at each width, never scrolled sideways (titles were cut on the right).
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSpacing(2)

    def set_sections(self, definition: FormDefinition, lang: str) -> None:
        self.clear()
        for section in definition.sections:
            title = section.title_en if lang == "en" and section.title_en else section.title
            item = QListWidgetItem(f"{section.id}. {title}")
            item.setData(SECTION_ID, section.id)
            self.addItem(item)

    def show_states(self, problems: list[Problem]) -> None:
        by_section: dict[str, set[str]] = {}
        for p in problems:
            by_section.setdefault(p.section_id, set()).add(p.level)
        for i in range(self.count()):
            item = self.item(i)
            levels = by_section.get(item.data(SECTION_ID), set())
            if "error" in levels:
                name, tip = "state-error", self.tr("Has errors to fix")
            elif "warning" in levels:
                name, tip = "state-warning", self.tr("Has warnings to check")
            elif "missing" in levels:
                name, tip = "state-empty", self.tr("Not finished: required fields are empty")
            else:
                name, tip = "state-ok", self.tr("Complete")
            item.setIcon(icon(name))
            item.setToolTip(tip)
            item.setData(STATE, name.removeprefix("state-"))

    def state_of(self, section_id: str) -> str:
        """ "ok", "error", "warning" or "empty" as the list shows it."""
        for i in range(self.count()):
            item = self.item(i)
            if item.data(SECTION_ID) == section_id:
                return str(item.data(STATE))
        raise KeyError(section_id)

    def section_at(self, item: QListWidgetItem) -> str:
        return str(item.data(SECTION_ID))

    def next_part(self) -> None:
        self.setCurrentRow(min(self.currentRow() + 1, self.count() - 1))

    def previous_part(self) -> None:
        self.setCurrentRow(max(self.currentRow() - 1, 0))
