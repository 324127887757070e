"""The dialog that fills Part III from the one-stop shop's statistics file.

It shows, for every dossier figure of the form, the column of the file proposed for it (or
chosen last time), the value that will go in and the value there now. Changing a column
recomputes the values at once; a cell that is not a number is named by its address and the
button stays off. "Fill the fields" hands the values to the editor, which puts them in as
one edit (one undo step), and the columns are remembered for next month.

Opened with ``open()`` (window-modal, never a blocking ``exec()``): tests drive it like any
widget."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.appearance import repolish
from desktop.wheel_guard import guard_wheel
from forms.definition import FormDefinition
from forms.numbers import format_number
from forms.translation import localized
from reports.errors import CchcError
from reports.intake import part3


class Part3ImportDialog(QDialog):
    chosen = Signal(object, str)  # {field id: value}, the columns to remember

    FIELD, COLUMN, VALUE, NOW = range(4)

    def __init__(
        self,
        definition: FormDefinition,
        opened_table: part3.Table,
        mapping: Mapping[str, int | None],
        current: Mapping[str, Any],
        *,
        lang: str = "vi",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        definition = localized(definition, lang)  # the figures' names as the editor shows them
        self._lang = lang
        self.table = opened_table
        self.figures: part3.Part3Figures | None = None
        self.field_ids = [f for f in part3.MAPPABLE if f in part3.importable_fields(definition)]
        self.setWindowTitle(self.tr("Import from the one-stop shop's file"))
        self.source_label = QLabel(
            self.tr("File %1, sheet “%2”. Check the column of each figure; change it where it is wrong.")
            .replace("%1", opened_table.source)
            .replace("%2", opened_table.sheet)
        )
        self.source_label.setWordWrap(True)
        self.grid = QTableWidget(len(self.field_ids), 4)
        self.grid.setHorizontalHeaderLabels(
            [self.tr("Figure"), self.tr("Column in the file"), self.tr("Will be entered"), self.tr("Now")]
        )
        self.grid.verticalHeader().setVisible(False)
        self.grid.setTabKeyNavigation(False)  # Tab goes from one column list to the next, then to the buttons
        header = self.grid.horizontalHeader()
        header.setSectionResizeMode(self.FIELD, QHeaderView.ResizeMode.Stretch)
        for c in (self.COLUMN, self.VALUE, self.NOW):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        self.combos: dict[str, QComboBox] = {}
        for row, field_id in enumerate(self.field_ids):
            f = definition.field(field_id)
            label = QTableWidgetItem(f"{f.group} — {f.label}" if f.group else f.label)
            label.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.grid.setItem(row, self.FIELD, label)
            combo = guard_wheel(QComboBox())
            combo.setAccessibleName(label.text())
            combo.addItem(self.tr("(not taken)"), None)
            for col in opened_table.columns:
                combo.addItem(col.title, col.index)
            combo.setCurrentIndex(max(0, combo.findData(mapping.get(field_id))))
            combo.currentIndexChanged.connect(self._on_combo_current_index_changed)
            self.combos[field_id] = combo
            self.grid.setCellWidget(row, self.COLUMN, combo)
            self._set_cell(row, self.NOW, self._shown(current.get(field_id)))
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        self.fill_button = QPushButton(self.tr("&Fill the fields"))
        self.fill_button.setDefault(True)
        cancel = QPushButton(self.tr("Cancel"))
        buttons = QDialogButtonBox()
        buttons.addButton(self.fill_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.source_label)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.summary_label)
        layout.addWidget(buttons)
        self.resize(860, 520)
        self.recompute()

    def _set_cell(self, row: int, column: int, text: str) -> None:
        item = QTableWidgetItem(text)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.grid.setItem(row, column, item)

    def mapping(self) -> dict[str, int | None]:
        return {f: combo.currentData() for f, combo in self.combos.items()}

    def choose(self, field_id: str, column_index: int | None) -> None:
        """Pick a field's column (what the official does with the list)."""
        combo = self.combos[field_id]
        combo.setCurrentIndex(combo.findData(column_index))

    @Slot(int)
    def _on_combo_current_index_changed(self, _index: int) -> None:
        self.recompute()

    def recompute(self) -> None:
        try:
            self.figures = part3.figures(self.table, self.mapping())
        except CchcError as exc:
            self.figures = None
            self._show_summary(exc.message(self._lang), "error")
            for row in range(len(self.field_ids)):
                self._set_cell(row, self.VALUE, "")
            self.fill_button.setEnabled(False)
            return
        for row, field_id in enumerate(self.field_ids):
            text = self._shown(self.figures.values.get(field_id))
            if field_id in self.figures.derived:
                text = self.tr("%1 (sum of its parts)").replace("%1", text)
            self._set_cell(row, self.VALUE, text)
        if self.figures.total_row is not None:
            summary = self.tr("The file's total row (row %1) is taken.").replace("%1", str(self.figures.total_row))
        else:
            summary = self.tr("%1 rows of the file are added up.").replace("%1", str(self.figures.rows_added))
        self._show_summary(summary, "")
        self.fill_button.setEnabled(True)

    def _shown(self, value: Any) -> str:
        if isinstance(value, list):  # the table by domain
            return self.tr("%1 domains").replace("%1", str(len(value))) if value else ""
        return "" if value is None else format_number(value)

    def _show_summary(self, text: str, role: str) -> None:
        self.summary_label.setText(text)
        if (self.summary_label.property("role") or "") != role:
            self.summary_label.setProperty("role", role)
            repolish(self.summary_label)

    @Slot()
    def _on_buttons_accepted(self) -> None:
        if self.figures is None:
            return
        self.chosen.emit(dict(self.figures.values), part3.remember_text(self.table, self.mapping()))
        self.accept()
