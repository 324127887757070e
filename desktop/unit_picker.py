"""Pick a province and a commune from the official 2025 list, searching without diacritics."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.wheel_guard import guard_wheel
from reports.admin_units import Commune, Province, UnitCatalog

SEARCH_LIMIT = 200


class UnitPicker(QWidget):
    """A province list, a search box and the matching communes.

    With ``communes=False`` (a reviewing office) only the province is picked.
    """

    selection_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._catalog: UnitCatalog | None = None
        self._communes_mode = True

        self.province_combo = guard_wheel(QComboBox())
        self.province_combo.setMinimumContentsLength(24)
        self.search_edit = QLineEdit()
        self.search_edit.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.setMinimumHeight(180)
        self.results.setAlternatingRowColors(True)
        self.count_label = QLabel()
        self.count_label.setProperty("role", "muted")

        self._province_label = QLabel()
        self._province_label.setBuddy(self.province_combo)
        self._search_label = QLabel()
        self._search_label.setBuddy(self.search_edit)
        form = QFormLayout()
        form.addRow(self._province_label, self.province_combo)
        form.addRow(self._search_label, self.search_edit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.count_label)

        self.province_combo.currentIndexChanged.connect(self._on_province_combo_changed)
        self.search_edit.textChanged.connect(self._refresh)
        self.search_edit.installEventFilter(self)
        self.results.currentItemChanged.connect(self._on_results_current_changed)
        self.retranslate()

    def retranslate(self) -> None:
        self._province_label.setText(self.tr("&Province or city:"))
        self._search_label.setText(self.tr("&Search commune or ward:"))
        self.search_edit.setPlaceholderText(
            self.tr("Type part of the name, e.g. tan phu (accents are optional)")
        )
        if self.province_combo.count():
            self.province_combo.setItemText(
                0, self.tr("(all provinces)") if self._communes_mode else self.tr("(choose a province)")
            )
        self._update_count()

    # ------------------------------------------------------------ data

    def set_catalog(self, catalog: UnitCatalog) -> None:
        self._catalog = catalog
        self.province_combo.blockSignals(True)
        self.province_combo.clear()
        self.province_combo.addItem("", None)
        for p in catalog.provinces():
            self.province_combo.addItem(p.name, p.code)
        self.province_combo.blockSignals(False)
        self.retranslate()
        self._refresh()

    def set_communes_mode(self, communes: bool) -> None:
        self._communes_mode = communes
        for w in (self.search_edit, self.results, self._search_label, self.count_label):
            w.setVisible(communes)
        self.retranslate()
        self.selection_changed.emit()

    @property
    def catalog(self) -> UnitCatalog | None:
        return self._catalog

    def province(self) -> Province | None:
        code = self.province_combo.currentData()
        if code is None or self._catalog is None:
            commune = self.commune()
            return self._catalog.province(commune.province_code) if commune and self._catalog else None
        return self._catalog.province(code)

    def commune(self) -> Commune | None:
        item = self.results.currentItem()
        if item is None or not item.isSelected():
            return None
        return item.data(Qt.ItemDataRole.UserRole)

    def is_complete(self) -> bool:
        return (self.commune() if self._communes_mode else self.province()) is not None

    def select_commune(self, code: str) -> None:
        """Show and select the commune with ``code`` (used for defaults and tests)."""
        if self._catalog is None:
            return
        c = self._catalog.commune(code)
        self.province_combo.setCurrentIndex(max(0, self.province_combo.findData(c.province_code)))
        self.search_edit.setText(c.short_name)
        for i in range(self.results.count()):
            item = self.results.item(i)
            if item.data(Qt.ItemDataRole.UserRole).code == c.code:
                self.results.setCurrentItem(item)
                break

    def result_names(self) -> list[str]:
        return [self.results.item(i).data(Qt.ItemDataRole.UserRole).name for i in range(self.results.count())]

    def result_communes(self) -> list[Commune]:
        return [self.results.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.results.count())]

    # ------------------------------------------------------------ behaviour

    @Slot(int)
    def _on_province_combo_changed(self, _index: int) -> None:
        self._refresh()
        self.selection_changed.emit()

    @Slot()
    def _refresh(self) -> None:
        self.results.clear()
        if self._catalog is None or not self._communes_mode:
            self._update_count()
            return
        code = self.province_combo.currentData()
        text = self.search_edit.text()
        if not text.strip() and code is None:
            self._update_count()
            self.selection_changed.emit()
            return
        found = self._catalog.search(text, code, limit=SEARCH_LIMIT)
        code_text = self.tr("code %1")
        for c in found:
            label = c.name if code else f"{c.name} — {c.province_name}"
            item = QListWidgetItem(f"{label}   ({code_text.replace('%1', c.code)})")
            item.setData(Qt.ItemDataRole.UserRole, c)
            self.results.addItem(item)
        if len(found) == 1:
            self.results.setCurrentRow(0)
        self._update_count()
        self.selection_changed.emit()

    def _update_count(self) -> None:
        n = self.results.count()
        if self._catalog is None:
            self.count_label.setText(self.tr("Loading the list of communes…"))
        elif n == 0 and not self.search_edit.text().strip() and self.province_combo.currentData() is None:
            self.count_label.setText(self.tr("Choose your province, or type the name of your commune."))
        elif n == 0:
            self.count_label.setText(
                self.tr("Nothing found. Check the spelling, or choose another province.")
            )
        elif n >= SEARCH_LIMIT:
            self.count_label.setText(self.tr("Many communes match: type more of the name."))
        else:
            self.count_label.setText(
                self.tr("%1 found. Click your commune (or use the arrow keys).").replace("%1", str(n))
            )

    @Slot(QListWidgetItem, QListWidgetItem)
    def _on_results_current_changed(
        self, current: QListWidgetItem | None, _previous: QListWidgetItem | None
    ) -> None:
        if current is not None:
            current.setSelected(True)
        self.selection_changed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Down arrow or Enter in the search box moves into the results, for the keyboard user.
        if (
            watched is self.search_edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
        ):
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.results.count():
                if self.results.currentRow() < 0:
                    self.results.setCurrentRow(0)
                self.results.setFocus()
                return key == Qt.Key.Key_Down or self.results.count() > 1
        return super().eventFilter(watched, event)
