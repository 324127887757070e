"""Cài đặt: the unit and its signer, reporting deadlines, text size and language, signing,
and "Về chương trình" (about). Backups (and their second folder) have their own page,
``desktop.backup_page``; how packages are sent is on the outbox page."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop import settings_jobs
from desktop.appearance import set_font_scale
from desktop.file_field import FileField
from desktop.prompter import Prompter
from desktop.settings_jobs import SettingsState
from desktop.tasks import TaskRunner
from desktop.wheel_guard import guard_wheel
from reports import __version__

log = logging.getLogger(__name__)


class SettingsPage(QWidget):
    saved = Signal(object)  # SettingsState
    text_size_changed = Signal(str)
    language_changed = Signal(str)
    demo_requested = Signal()

    def __init__(
        self, runner: TaskRunner, prompter: Prompter, *, lang: str = "vi", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._prompter = prompter
        self._lang = lang
        self._state: SettingsState | None = None

        heading = QLabel(self.tr("Settings"))
        set_font_scale(heading, 1.5, bold=True)

        # the unit and its people
        self.unit_code_label = QLabel()
        self.name_edit = QLineEdit()
        self.reviewer_edit = QLineEdit()
        self.place_edit = QLineEdit()
        self.preparer_name_edit = QLineEdit()
        self.preparer_title_edit = QLineEdit()
        self.signer_name_edit = QLineEdit()
        self.signer_title_edit = QLineEdit()
        self.authority_combo = guard_wheel(QComboBox())
        self.authority_combo.addItem(self.tr("TM. (the chairman signs on behalf of the committee)"), "TM")
        self.authority_combo.addItem(self.tr("KT. (a vice-chairman signs for the chairman)"), "KT")
        self.symbol_edit = QLineEdit()
        self.copies_edit = QPlainTextEdit()
        self.copies_edit.setTabChangesFocus(True)
        self.copies_edit.setFixedHeight(self.copies_edit.fontMetrics().lineSpacing() * 5)
        self.archive_edit = QLineEdit()
        unit_box = self._group(
            self.tr("Office and signer"),
            [
                (self.tr("Unit code:"), self.unit_code_label),
                (self.tr("&Name of the office:"), self.name_edit),
                (self.tr("Reviewing &office:"), self.reviewer_edit),
                (self.tr("&Place name on documents:"), self.place_edit),
                (self.tr("Pr&eparer's full name:"), self.preparer_name_edit),
                (self.tr("Preparer's &job title:"), self.preparer_title_edit),
                (self.tr("Si&gner's full name:"), self.signer_name_edit),
                (self.tr("Signer's &position:"), self.signer_title_edit),
                (self.tr("The signer signs:"), self.authority_combo),
                (self.tr("Document s&ymbol:"), self.symbol_edit),
                (self.tr("&Copies to (one per line):"), self.copies_edit),
                (self.tr("Filed &at (“Lưu:”):"), self.archive_edit),
            ],
        )

        # periods and deadlines
        self.period_kind_combo = guard_wheel(QComboBox())
        for value, text in (
            ("month", self.tr("Monthly")),
            ("quarter", self.tr("Quarterly")),
            ("half", self.tr("Six months")),
            ("nine_months", self.tr("Nine months")),
            ("year", self.tr("Yearly")),
        ):
            self.period_kind_combo.addItem(text, value)
        self.cutoff_spin = guard_wheel(QSpinBox())
        self.cutoff_spin.setRange(1, 28)
        self.working_days_spin = guard_wheel(QSpinBox())
        self.working_days_spin.setRange(0, 30)
        self.deadline_day_spin = guard_wheel(QSpinBox())
        self.deadline_day_spin.setRange(0, 28)
        self.deadline_day_spin.setSpecialValueText(self.tr("not used"))
        self.calendar_label = QLabel()
        self.calendar_label.setWordWrap(True)
        self.calendar_label.setObjectName("calendarLabel")
        periods_box = self._group(
            self.tr("Reporting periods and deadlines"),
            [
                (self.tr("Usual &period:"), self.period_kind_combo),
                (self.tr("Data &cut-off day of the month:"), self.cutoff_spin),
                (self.tr("Deadline: &working days after the cut-off:"), self.working_days_spin),
                (self.tr("Deadline: &fixed day of the month:"), self.deadline_day_spin),
                (self.tr("Working-day calendar:"), self.calendar_label),
            ],
            note=self.tr(
                "Set these as your province requires (by default data is cut off on the 14th and the "
                "report is due two working days later)."
            ),
        )

        # display
        self.language_combo = guard_wheel(QComboBox())
        self.language_combo.addItem("Tiếng Việt", "vi")
        self.language_combo.addItem("English", "en")
        self.text_size_combo = guard_wheel(QComboBox())
        self.text_size_combo.addItem(self.tr("Normal"), "normal")
        self.text_size_combo.addItem(self.tr("Large"), "large")
        self.text_size_combo.addItem(self.tr("Very large"), "very_large")
        display_box = self._group(
            self.tr("Display"),
            [
                (self.tr("&Language:"), self.language_combo),
                (self.tr("Te&xt size:"), self.text_size_combo),
            ],
        )

        # signing
        self.signing_combo = guard_wheel(QComboBox())
        self.signing_combo.addItem(self.tr("Certificate created for this computer"), "self")
        self.signing_combo.addItem(self.tr("Signing USB token"), "pkcs11")
        self.signing_combo.addItem(self.tr("Certificate file (.p12 / .pfx)"), "p12")
        self.p12_field = FileField(prompter, "p12")
        self.module_field = FileField(prompter, "library")
        self.token_label_edit = QLineEdit()
        self.signature_field = FileField(prompter, "image")
        self.seal_field = FileField(prompter, "image")
        signing_box = self._group(
            self.tr("Digital signature"),
            [
                (self.tr("How the report is &signed:"), self.signing_combo),
                (self.tr("Certificate file:"), self.p12_field),
                (self.tr("Token driver (optional):"), self.module_field),
                (self.tr("Token name (optional):"), self.token_label_edit),
                (self.tr("Signature image (PNG):"), self.signature_field),
                (self.tr("Seal image (PNG):"), self.seal_field),
            ],
        )

        # about
        self.version_label = QLabel(__version__)
        self.data_dir_label = QLabel()
        self.logs_dir_label = QLabel()
        for label in (self.data_dir_label, self.logs_dir_label):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setWordWrap(True)
        self.open_data_button = QPushButton(self.tr("Open"))
        self.open_logs_button = QPushButton(self.tr("Open"))
        # The demo installation, beside the real one (reports/demo.py): the real data stays as it is.
        self.demo_button = QPushButton(self.tr("&Try it with sample data"))
        self.demo_button.clicked.connect(self.demo_requested)
        about_box = self._group(
            self.tr("About the program"),
            [
                (self.tr("Version:"), self.version_label),
                (self.tr("Data folder:"), self._with_button(self.data_dir_label, self.open_data_button)),
                (self.tr("Log folder:"), self._with_button(self.logs_dir_label, self.open_logs_button)),
                (self.tr("Practice:"), self._with_button(QLabel(), self.demo_button)),
            ],
        )

        self.save_button = QPushButton(self.tr("&Save settings"))
        self.save_button.setProperty("primary", True)
        self.revert_button = QPushButton(self.tr("&Undo changes"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.revert_button)
        buttons.addStretch(1)

        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(20, 16, 20, 16)
        column.setSpacing(12)
        column.addWidget(heading)
        for box in (unit_box, periods_box, display_box, signing_box, about_box):
            column.addWidget(box)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 1)
        bar = QWidget()
        bar.setLayout(buttons)
        buttons.setContentsMargins(20, 8, 20, 12)
        layout.addWidget(bar)
        self._connect_signals()
        self._on_signing_changed()

    def _group(self, title: str, rows: list[tuple[str, QWidget]], note: str = "") -> QWidget:
        box = QWidget()
        outer = QVBoxLayout(box)
        outer.setContentsMargins(0, 8, 0, 0)
        heading = QLabel(title)
        set_font_scale(heading, 1.15, bold=True)
        outer.addWidget(heading)
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        outer.addWidget(frame)
        form = QFormLayout(frame)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        if note:
            label = QLabel(note)
            label.setWordWrap(True)
            label.setProperty("role", "help")
            form.addRow(label)
        for text, widget in rows:
            if isinstance(widget, (QSpinBox, QComboBox)):
                widget.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            label = QLabel(text)
            label.setBuddy(widget.edit if isinstance(widget, FileField) else widget)
            form.addRow(label, widget)
        return box

    def _calendar_text(self, state: SettingsState) -> str:
        origins = {
            "shipped": self.tr("shipped with the program"),
            "province": self.tr("installed by the province"),
            "reviewer": self.tr("received from the reviewing office"),
        }
        years = ", ".join(str(y) for y in state.calendar_years) or "—"
        text = (
            self.tr("Statutory holidays, plus the official Tết break and make-up days for %1 (%2).")
            .replace("%1", years)
            .replace("%2", origins.get(state.calendar_origin, state.calendar_origin))
        )
        if state.this_year and state.this_year not in state.calendar_years:
            text += " " + self.tr(
                "No official arrangements for %1 yet: only the statutory holidays are counted."
            ).replace("%1", str(state.this_year))
        return text

    @staticmethod
    def _with_button(label: QLabel, button: QPushButton) -> QWidget:
        w = QWidget()
        row = QHBoxLayout(w)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(label, 1)
        row.addWidget(button)
        return w

    def _connect_signals(self) -> None:
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self._on_revert_clicked)
        self.signing_combo.currentIndexChanged.connect(self._on_signing_changed)
        self.open_data_button.clicked.connect(self._on_open_data_clicked)
        self.open_logs_button.clicked.connect(self._on_open_logs_clicked)

    # ------------------------------------------------------------ loading

    def refresh(self) -> None:
        self._runner.run(settings_jobs.settings_state, on_success=self.show_state, context=self)

    @Slot(object)
    def show_state(self, state: SettingsState) -> None:
        self._state = state
        u, s = state.unit, state.settings
        self.demo_button.setVisible(not state.paths.is_demo)  # in the demo, its banner leads out
        self.unit_code_label.setText(f"{u.code} ({u.province_name})")
        for edit, value in (
            (self.name_edit, u.name),
            (self.reviewer_edit, u.reviewer_name),
            (self.place_edit, u.place),
            (self.preparer_name_edit, u.preparer_name),
            (self.preparer_title_edit, u.preparer_title),
            (self.signer_name_edit, u.signer_name),
            (self.signer_title_edit, u.signer_title),
            (self.symbol_edit, u.doc_symbol),
            (self.token_label_edit, s["pkcs11_token_label"]),
            (self.archive_edit, s["archive_units"]),
        ):
            edit.setText(value)
        self.copies_edit.setPlainText(s["copies_to"])
        self._label_authority(u.role.value == "reviewer")
        self._select(self.authority_combo, u.signer_authority)
        self._select(self.period_kind_combo, s["period_kind"])
        self.cutoff_spin.setValue(s["cutoff_day"])
        self.working_days_spin.setValue(s["deadline_working_days"])
        self.deadline_day_spin.setValue(s["deadline_day"])
        self.calendar_label.setText(self._calendar_text(state))
        self._select(self.language_combo, s["language"])
        self._select(self.text_size_combo, s["text_size"])
        self._select(self.signing_combo, s["signing_method"])
        self.p12_field.setText(s["p12_path"])
        self.module_field.setText(s["pkcs11_module"])
        self.signature_field.setText(s["signature_image"])
        self.seal_field.setText(s["seal_image"])
        self.data_dir_label.setText(str(state.paths.root))
        self.logs_dir_label.setText(str(state.paths.logs))
        self.reviewer_edit.setEnabled(u.role.value == "commune")

    def _label_authority(self, reviewer: bool) -> None:
        """The Department's head signs in his own name or a deputy "KT. GIÁM ĐỐC"; a commune's
        chairman signs "TM. ỦY BAN NHÂN DÂN" or a vice-chairman "KT. CHỦ TỊCH"."""
        if reviewer:
            texts = (self.tr("The director signs (no line above the position)"),
                     self.tr("KT. (a deputy director signs for the director)"))
        else:
            texts = (self.tr("TM. (the chairman signs on behalf of the committee)"),
                     self.tr("KT. (a vice-chairman signs for the chairman)"))
        for index, text in enumerate(texts):
            self.authority_combo.setItemText(index, text)

    @staticmethod
    def _select(combo: QComboBox, value: Any) -> None:
        index = combo.findData(value)
        if index >= 0:
            combo.setCurrentIndex(index)

    # ------------------------------------------------------------ saving

    def unit_changes(self) -> dict[str, Any]:
        return {
            "name": self.name_edit.text().strip(),
            "reviewer_name": self.reviewer_edit.text().strip(),
            "place": self.place_edit.text().strip(),
            "preparer_name": self.preparer_name_edit.text().strip(),
            "preparer_title": self.preparer_title_edit.text().strip(),
            "signer_name": self.signer_name_edit.text().strip(),
            "signer_title": self.signer_title_edit.text().strip(),
            "signer_authority": self.authority_combo.currentData(),
            "doc_symbol": self.symbol_edit.text().strip(),
        }

    def setting_values(self) -> dict[str, Any]:
        return {
            "period_kind": self.period_kind_combo.currentData(),
            "cutoff_day": self.cutoff_spin.value(),
            "deadline_working_days": self.working_days_spin.value(),
            "deadline_day": self.deadline_day_spin.value(),
            "language": self.language_combo.currentData(),
            "text_size": self.text_size_combo.currentData(),
            "signing_method": self.signing_combo.currentData(),
            "p12_path": self.p12_field.text(),
            "pkcs11_module": self.module_field.text(),
            "pkcs11_token_label": self.token_label_edit.text().strip(),
            "signature_image": self.signature_field.text(),
            "seal_image": self.seal_field.text(),
            "copies_to": self.copies_edit.toPlainText().strip(),
            "archive_units": self.archive_edit.text().strip(),
        }

    @Slot()
    def save(self) -> None:
        if self._state is None:
            return
        if not self.name_edit.text().strip():
            self._prompter.warning(self.tr("Settings"), self.tr("The name of the office cannot be empty."))
            return
        before = self._state.settings
        changed_unit = {k: v for k, v in self.unit_changes().items() if getattr(self._state.unit, k) != v}
        changed = {k: v for k, v in self.setting_values().items() if before.get(k) != v}
        self._runner.run(
            settings_jobs.save_settings,
            changed_unit,
            changed,
            on_success=self._on_saved,
            on_failure=self._prompter.error,
            context=self,
        )

    @Slot(object)
    def _on_saved(self, state: SettingsState) -> None:
        before = self._state.settings if self._state else {}
        self.show_state(state)
        self.saved.emit(state)
        if before.get("text_size") != state.settings["text_size"]:
            self.text_size_changed.emit(state.settings["text_size"])
        if before.get("language") != state.settings["language"]:
            self.language_changed.emit(state.settings["language"])  # the window follows at once

    @Slot()
    def _on_revert_clicked(self) -> None:
        if self._state is not None:
            self.show_state(self._state)

    @Slot()
    def _on_signing_changed(self) -> None:
        method = self.signing_combo.currentData()
        self.p12_field.setEnabled(method == "p12")
        self.module_field.setEnabled(method == "pkcs11")
        self.token_label_edit.setEnabled(method == "pkcs11")

    @Slot()
    def _on_open_data_clicked(self) -> None:
        if self._state is not None:
            self._prompter.show_folder(self._state.paths.root)

    @Slot()
    def _on_open_logs_clicked(self) -> None:
        if self._state is not None:
            self._prompter.show_folder(self._state.paths.logs)
