"""The input for one field of a form, by field type.

An input shows a stored value (``show_value``), tells what the user typed (``edited`` with
the raw text, choice or rows), and can be set back to a raw value without a signal (undo and
redo). It does not check or store anything: the editor does, with the form engine.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.table_paste import BlockPaste, paste_into_rows
from desktop.wheel_guard import guard_wheel
from forms.definition import Column, Field, FieldType
from forms.display import display_value
from forms.numbers import DASH, format_number

NUMBER_TYPES = (FieldType.INTEGER, FieldType.DECIMAL, FieldType.SCORE)


class _UndoKeysToEditor(QObject):
    """Sends Ctrl+Z / Ctrl+Y in a text box to the editor's undo stack instead of the box's own
    undo, so one history covers every field (and a value restored by undo is saved)."""

    def __init__(self, parent: QObject, undo: Callable[[], None], redo: Callable[[], None]) -> None:
        super().__init__(parent)
        self._undo = undo
        self._redo = redo

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) or not isinstance(
            event, QKeyEvent
        ):
            return False
        if event.matches(QKeySequence.StandardKey.Undo):
            action = self._undo
        elif event.matches(QKeySequence.StandardKey.Redo) or (
            event.key() == Qt.Key.Key_Y and event.modifiers() == Qt.KeyboardModifier.ControlModifier
        ):
            action = self._redo
        else:
            return False
        event.accept()  # ours: no other shortcut, and the box's own undo never sees it
        if event.type() == QEvent.Type.KeyPress:
            action()
        return True


class FieldInput(QObject):
    """One field's editor. The four value methods below are abstract: every subclass
    defines them (QObject's metaclass does not combine with ABCMeta, hence no ABC here)."""

    edited = Signal(str, object)  # field id, raw value as typed

    def __init__(self, field: Field, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.widget: QWidget = QWidget()

    @property
    def focus_widget(self) -> QWidget:
        return self.widget

    @property
    def wide(self) -> bool:
        """Takes the row's whole width (text boxes, tables) rather than sitting beside the label."""
        return False

    def tab_widgets(self) -> list[QWidget]:
        """The widgets Tab visits, in order."""
        return [self.focus_widget]

    def raw(self) -> Any:
        raise NotImplementedError

    def set_raw(self, raw: Any) -> None:
        raise NotImplementedError

    def show_value(self, value: Any) -> None:
        raise NotImplementedError

    def set_read_only(self, read_only: bool) -> None:
        raise NotImplementedError

    def set_state(self, state: str) -> None:
        """ "error", "warning" or "" — drawn as the box's border."""
        from desktop.appearance import repolish

        w = self.focus_widget
        if (w.property("state") or "") != state:
            w.setProperty("state", state)
            repolish(w)


class LineInput(FieldInput):
    """Numbers, dates and one-line text; numbers are shown the Vietnamese way (1.234,5)."""

    def __init__(
        self, field: Field, parent: QObject | None = None, *, undo_filter: QObject | None = None
    ) -> None:
        super().__init__(field, parent)
        self.edit = QLineEdit()
        self.widget = self.edit
        self.edit.setAccessibleName(field.label)
        if field.type in NUMBER_TYPES:
            self.edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.edit.setMaximumWidth(self.edit.fontMetrics().horizontalAdvance("0" * 16) + 24)
        elif field.type is FieldType.DATE:
            self.edit.setMaximumWidth(self.edit.fontMetrics().horizontalAdvance("00/00/00000") + 24)
        if undo_filter is not None:
            self.edit.installEventFilter(undo_filter)
        self.edit.textEdited.connect(self._on_edit_text_edited)
        self.edit.editingFinished.connect(self._on_edit_editing_finished)

    def raw(self) -> str:
        return self.edit.text()

    def set_raw(self, raw: Any) -> None:
        self.edit.setText("" if raw is None else str(raw))

    def show_value(self, value: Any) -> None:
        self.edit.setText(display_text(self.field, value))
        self.edit.setCursorPosition(0)  # a long text shows its beginning, not only its end

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)

    @Slot(str)
    def _on_edit_text_edited(self, text: str) -> None:
        self.edited.emit(self.field.id, text)

    @Slot()
    def _on_edit_editing_finished(self) -> None:
        # "1234,5" becomes "1.234,5" when the official leaves the box, if it is a number.
        if self.field.type in NUMBER_TYPES and not self.edit.isReadOnly():
            from forms.engine import ValueProblem, coerce

            try:
                value = coerce(self.field, self.edit.text())
            except ValueProblem:
                return
            shown = display_text(self.field, value)
            if shown != self.edit.text():
                self.edit.setText(shown)


class ComputedInput(FieldInput):
    """A value the form computes (rates, totals): shown, never typed."""

    def __init__(self, field: Field, parent: QObject | None = None) -> None:
        super().__init__(field, parent)
        self.edit = QLineEdit()
        self.edit.setReadOnly(True)
        self.edit.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.edit.setMaximumWidth(self.edit.fontMetrics().horizontalAdvance("0" * 16) + 24)
        self.edit.setAccessibleName(field.label)
        self.widget = self.edit

    def raw(self) -> str:
        return self.edit.text()

    def set_raw(self, raw: Any) -> None:  # pragma: no cover - computed fields are never edited
        pass

    def show_value(self, value: Any) -> None:
        self.edit.setText(display_value(self.field, value))

    def set_read_only(self, read_only: bool) -> None:
        pass


class ChoiceInput(FieldInput):
    def __init__(self, field: Field, parent: QObject | None = None) -> None:
        super().__init__(field, parent)
        self.combo = guard_wheel(QComboBox())
        self.combo.addItem(self.tr("— choose —"), None)
        for option in field.options:
            self.combo.addItem(option.label, option.value)
        self.combo.setAccessibleName(field.label)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.widget = self.combo
        self.combo.currentIndexChanged.connect(self._on_combo_index_changed)

    def raw(self) -> str | None:
        return self.combo.currentData()

    def set_raw(self, raw: Any) -> None:
        self.combo.blockSignals(True)
        index = self.combo.findData(raw) if raw is not None else 0
        self.combo.setCurrentIndex(max(index, 0))
        self.combo.blockSignals(False)

    def show_value(self, value: Any) -> None:
        self.set_raw(value)

    def set_read_only(self, read_only: bool) -> None:
        self.combo.setEnabled(not read_only)

    @Slot(int)
    def _on_combo_index_changed(self, _index: int) -> None:
        self.edited.emit(self.field.id, self.combo.currentData())


class NarrativeInput(FieldInput):
    """Paragraphs; with "Gợi ý nội dung" (suggest text) when the form has sentences for it."""

    suggest_requested = Signal(str)

    def __init__(
        self,
        field: Field,
        parent: QObject | None = None,
        *,
        undo_filter: QObject | None = None,
        suggest: bool | None = None,
    ) -> None:
        super().__init__(field, parent)
        self.text_edit = QPlainTextEdit()
        if undo_filter is not None:
            self.text_edit.installEventFilter(undo_filter)
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setUndoRedoEnabled(False)  # the editor's undo stack covers it
        self.text_edit.setMinimumHeight(self.text_edit.fontMetrics().lineSpacing() * 5 + 16)
        self.text_edit.setAccessibleName(field.label)
        self.suggest_button: QPushButton | None = None
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text_edit)
        # ``suggest`` comes from forms.suggest.suggestions_for (the form may lack its own).
        if bool(field.suggest) if suggest is None else suggest:
            self.suggest_button = QPushButton(self.tr("&Suggest text"))
            self.suggest_button.setToolTip(
                self.tr("Drafts the customary sentences from the figures already entered, for you to edit.")
            )
            row = QHBoxLayout()
            row.addWidget(self.suggest_button)
            row.addStretch(1)
            layout.addLayout(row)
            self.suggest_button.clicked.connect(self._on_suggest_button_clicked)
        self.widget = box
        self.text_edit.textChanged.connect(self._on_text_changed)

    @property
    def focus_widget(self) -> QWidget:
        return self.text_edit

    def tab_widgets(self) -> list[QWidget]:
        return [self.text_edit, *([self.suggest_button] if self.suggest_button is not None else [])]

    @property
    def wide(self) -> bool:
        return True

    def raw(self) -> str:
        return self.text_edit.toPlainText()

    def set_raw(self, raw: Any) -> None:
        self.text_edit.blockSignals(True)
        self.text_edit.setPlainText("" if raw is None else str(raw))
        self.text_edit.blockSignals(False)

    def show_value(self, value: Any) -> None:
        self.set_raw(value)

    def set_read_only(self, read_only: bool) -> None:
        self.text_edit.setReadOnly(read_only)
        if self.suggest_button is not None:
            self.suggest_button.setVisible(not read_only)

    @Slot()
    def _on_text_changed(self) -> None:
        self.edited.emit(self.field.id, self.text_edit.toPlainText())

    @Slot()
    def _on_suggest_button_clicked(self) -> None:
        self.suggest_requested.emit(self.field.id)


class TableInput(FieldInput):
    """Rows of typed columns (e.g. case files by domain), with add / remove row and totals."""

    def __init__(self, field: Field, parent: QObject | None = None) -> None:
        super().__init__(field, parent)
        self.table = QTableWidget(0, len(field.columns))
        self.table.setHorizontalHeaderLabels(
            [c.label + (f" ({c.unit})" if c.unit else "") for c in field.columns]
        )
        # The figures' columns as wide as their headings ("Giải quyết quá hạn" was clipped);
        # the first (the domain's name) takes the rest.
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(True)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setMinimumHeight(self.table.fontMetrics().lineSpacing() * 8)
        self.table.setAccessibleName(field.label)
        self.add_button = QPushButton(self.tr("&Add row"))
        self.remove_button = QPushButton(self.tr("&Remove row"))
        self.totals_label = QLabel()
        self.totals_label.setProperty("role", "muted")
        self.totals_label.setWordWrap(True)
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(self.totals_label)
        self.widget = box
        self._read_only = False
        self.table.itemChanged.connect(self._on_table_item_changed)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self._paste = BlockPaste(self.table, self.paste_block)

    def paste_block(self, row: int, column: int, block: list[list[str]]) -> None:
        """Ctrl+V of cells copied from a spreadsheet: one edit (one undo step)."""
        if self._read_only:
            return
        ids = [c.id for c in self.field.columns]
        self.set_raw(paste_into_rows(self.raw(), ids, row, column, block, self.field.max_rows))
        self.edited.emit(self.field.id, self.raw())

    @property
    def focus_widget(self) -> QWidget:
        return self.table

    def tab_widgets(self) -> list[QWidget]:
        return [self.table, self.add_button, self.remove_button]

    @property
    def wide(self) -> bool:
        return True

    def raw(self) -> list[dict[str, str]]:
        rows = []
        for r in range(self.table.rowCount()):
            row = {}
            for c, col in enumerate(self.field.columns):
                item = self.table.item(r, c)
                row[col.id] = item.text() if item is not None else ""
            rows.append(row)
        return rows

    def set_raw(self, raw: Any) -> None:
        self.table.blockSignals(True)
        rows = raw if isinstance(raw, list) else []
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, col in enumerate(self.field.columns):
                item = QTableWidgetItem("" if row.get(col.id) is None else str(row.get(col.id)))
                if col.type in NUMBER_TYPES:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        self.table.blockSignals(False)
        self._update_buttons()

    def show_value(self, value: Any) -> None:
        rows = value if isinstance(value, list) else []
        self.set_raw([{c.id: column_text(c, row.get(c.id)) for c in self.field.columns} for row in rows])
        self.show_totals(rows)

    def show_totals(self, rows: list[dict[str, Any]] | None) -> None:
        parts = []
        for col in self.field.columns:
            if col.total:
                total = sum(r.get(col.id) or 0 for r in rows or [] if isinstance(r.get(col.id), (int, float)))
                parts.append(f"{col.label}: {format_number(total)}")
        self.totals_label.setText(self.tr("Total: %1").replace("%1", " · ".join(parts)) if parts else "")

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.NoEditTriggers
            if read_only
            else QAbstractItemView.EditTrigger.AllEditTriggers
        )
        self.add_button.setVisible(not read_only)
        self.remove_button.setVisible(not read_only)

    def _update_buttons(self) -> None:
        self.add_button.setEnabled(self.table.rowCount() < self.field.max_rows)
        self.remove_button.setEnabled(self.table.rowCount() > 0)

    @Slot(QTableWidgetItem)
    def _on_table_item_changed(self, _item: QTableWidgetItem) -> None:
        self.edited.emit(self.field.id, self.raw())

    @Slot()
    def _on_add_button_clicked(self) -> None:
        rows = self.raw()
        rows.append({c.id: "" for c in self.field.columns})
        self.set_raw(rows)
        self.table.setCurrentCell(len(rows) - 1, 0)
        self.table.setFocus()
        self.edited.emit(self.field.id, self.raw())

    @Slot()
    def _on_remove_button_clicked(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            row = self.table.rowCount() - 1
        if row < 0:
            return
        rows = self.raw()
        del rows[row]
        self.set_raw(rows)
        self.edited.emit(self.field.id, self.raw())


def display_text(field: Field | Column, value: Any) -> str:
    """The stored value as it is shown in an input box ("" rather than a dash when empty)."""
    if value is None or value == "":
        return ""
    text = display_value(field, value)
    return "" if text == DASH else text


def column_text(col: Column, value: Any) -> str:
    return display_text(col, value)


def make_input(
    field: Field, parent: QObject | None, undo_filter: QObject | None, *, suggest: bool = False
) -> FieldInput:
    # A criterion computed from the filed reports, or scored by the province, is shown, not typed.
    if field.computed or field.from_reports or (field.type is FieldType.SCORE and not field.self_scored):
        return ComputedInput(field, parent)
    match field.type:
        case FieldType.CHOICE:
            return ChoiceInput(field, parent)
        case FieldType.NARRATIVE:
            return NarrativeInput(field, parent, undo_filter=undo_filter, suggest=suggest)
        case FieldType.TABLE:
            return TableInput(field, parent)
        case FieldType.PERCENTAGE:
            return ComputedInput(field, parent)
    return LineInput(field, parent, undo_filter=undo_filter)


def undo_keys_filter(parent: QObject, undo: Callable[[], None], redo: Callable[[], None]) -> QObject:
    return _UndoKeysToEditor(parent, undo, redo)
