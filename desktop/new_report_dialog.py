"""Create a report for another period or form (e.g. the yearly self-assessment).

Opened with ``open()`` (window-modal, never a blocking ``exec()``), so it needs no headless
path: tests and scripts fill it in and accept it like any widget.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.jobs import FormChoice
from desktop.wheel_guard import guard_wheel
from forms.periods import Period, PeriodKind, periods_of_year


class NewReportDialog(QDialog):
    chosen = Signal(str, str)  # period code, form id

    def __init__(
        self,
        forms: list[FormChoice],
        suggested: Period | None,
        *,
        lang: str = "vi",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._lang = lang
        self._forms = forms
        self.setWindowTitle(self.tr("Create another report"))
        self.form_combo = guard_wheel(QComboBox())
        for f in forms:
            self.form_combo.addItem(f.title_en if lang == "en" and f.title_en else f.title, f.id)
        self.kind_combo = guard_wheel(QComboBox())
        self.year_spin = guard_wheel(QSpinBox())
        self.year_spin.setRange(2000, 2100)
        self.year_spin.setValue(suggested.year if suggested else dt.date.today().year)
        self.period_combo = guard_wheel(QComboBox())
        form = QFormLayout()
        for text, widget in (
            (self.tr("&Form:"), self.form_combo),
            (self.tr("&Kind of period:"), self.kind_combo),
            (self.tr("&Year:"), self.year_spin),
            (self.tr("&Period:"), self.period_combo),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(self.tr("Create"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

        self.form_combo.currentIndexChanged.connect(self._on_form_changed)
        self.kind_combo.currentIndexChanged.connect(self._fill_periods)
        self.year_spin.valueChanged.connect(self._fill_periods)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self._suggested = suggested
        self._on_form_changed()

    def _kind_label(self, kind: PeriodKind) -> str:
        return {
            PeriodKind.MONTH: self.tr("Month"),
            PeriodKind.QUARTER: self.tr("Quarter"),
            PeriodKind.HALF: self.tr("Six months"),
            PeriodKind.NINE_MONTHS: self.tr("Nine months"),
            PeriodKind.YEAR: self.tr("Year"),
        }[kind]

    @Slot()
    def _on_form_changed(self) -> None:
        form = next((f for f in self._forms if f.id == self.form_combo.currentData()), None)
        self.kind_combo.blockSignals(True)
        self.kind_combo.clear()
        for kind in form.period_kinds if form else ():
            self.kind_combo.addItem(self._kind_label(kind), kind.value)
        if self._suggested is not None:
            self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(self._suggested.kind.value)))
        self.kind_combo.blockSignals(False)
        self._fill_periods()

    @Slot()
    def _fill_periods(self) -> None:
        self.period_combo.clear()
        value = self.kind_combo.currentData()
        if value is None:
            return
        for p in periods_of_year(PeriodKind(value), self.year_spin.value()):
            label = p.label(self._lang)
            self.period_combo.addItem(label[:1].upper() + label[1:], p.code)
        if self._suggested is not None:
            index = self.period_combo.findData(self._suggested.code)
            if index >= 0:
                self.period_combo.setCurrentIndex(index)
        self.ok_button.setEnabled(self.period_combo.count() > 0)

    def accept(self) -> None:
        code, form_id = self.period_combo.currentData(), self.form_combo.currentData()
        if code and form_id:
            self.chosen.emit(code, form_id)
        super().accept()
