"""The pages of the first-run wizard: language, role, unit, people, signing, summary."""

from __future__ import annotations

import logging
from enum import IntEnum

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWizardPage,
)

from desktop.appearance import set_font_scale
from desktop.setup_model import SetupModel
from desktop.unit_picker import UnitPicker
from desktop.wizard_jobs import SetupChoice
from reports.admin_units import reviewer_office_name
from reports.storage.unit import Role

log = logging.getLogger(__name__)

# Positions as printed on the (always Vietnamese) documents, whatever the interface language.
CHAIRMAN, VICE_CHAIRMAN, DIRECTOR = "Chủ tịch", "Phó Chủ tịch", "Giám đốc"


class PageId(IntEnum):
    WELCOME = 0
    ROLE = 1
    UNIT = 2
    PEOPLE = 3
    SIGNING = 4
    SUMMARY = 5
    REVIEWER = 6  # after PEOPLE, for a reviewing office only (wizard_reviewer_page)


def heading_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    set_font_scale(label, 1.1, bold=True)
    return label


def explain_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setProperty("role", "help")
    label.setContentsMargins(28, 0, 0, 8)
    return label


class WelcomePage(QWizardPage):
    language_chosen = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.vi_radio = QRadioButton("Tiếng Việt")
        self.en_radio = QRadioButton("English")
        self.vi_radio.setChecked(True)
        self._languages = QButtonGroup(self)
        self._languages.addButton(self.vi_radio)
        self._languages.addButton(self.en_radio)
        self.own_radio = QRadioButton()
        self.sample_radio = QRadioButton()
        self.own_radio.setChecked(True)
        self._mode = QButtonGroup(self)
        self._mode.addButton(self.own_radio)
        self._mode.addButton(self.sample_radio)
        self._intro = QLabel()
        self._intro.setWordWrap(True)
        self._language_heading = heading_label()
        self._mode_heading = heading_label()
        self._own_help = explain_label()
        self._sample_help = explain_label()

        langs = QHBoxLayout()
        langs.addWidget(self.vi_radio)
        langs.addWidget(self.en_radio)
        langs.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self._intro)
        layout.addSpacing(8)
        layout.addWidget(self._language_heading)
        layout.addLayout(langs)
        layout.addSpacing(8)
        layout.addWidget(self._mode_heading)
        layout.addWidget(self.own_radio)
        layout.addWidget(self._own_help)
        layout.addWidget(self.sample_radio)
        layout.addWidget(self._sample_help)
        layout.addStretch(1)
        self.status = QLabel()  # "Preparing the sample data…" while the demo is made
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        self.en_radio.toggled.connect(self._on_language_toggled)
        self.sample_radio.toggled.connect(self._on_mode_toggled)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Welcome to Báo cáo CCHC"))
        self.setSubTitle(
            self.tr("A few questions to set the program up for your office. It takes about two minutes.")
        )
        self._intro.setText(
            self.tr(
                "With this program you fill in the periodic administrative-reform (CCHC) report, check it, "
                "sign it and send it to the reviewing office, even without an internet connection."
            )
        )
        self._language_heading.setText(self.tr("Language"))
        self._mode_heading.setText(self.tr("How do you want to start?"))
        self.own_radio.setText(self.tr("&Set up the program for my office"))
        self._own_help.setText(
            self.tr("Choose your commune or ward, and enter the names of the preparer and the signer.")
        )
        self.sample_radio.setText(self.tr("&Try it with sample data"))
        self._sample_help.setText(
            self.tr(
                "Opens a separate trial installation: a sample commune (Xã Tân Phú, Tỉnh Đồng Nai) with six "
                "months of reports, to look around and practise. Nothing in it is real and nothing goes into "
                "your real data; \"Start using it for real\" brings you back here at any time."
            )
        )

    @property
    def language(self) -> str:
        return "en" if self.en_radio.isChecked() else "vi"

    @property
    def sample(self) -> bool:
        return self.sample_radio.isChecked()

    @Slot(bool)
    def _on_language_toggled(self, _checked: bool) -> None:
        self.language_chosen.emit(self.language)

    @Slot(bool)
    def _on_mode_toggled(self, _checked: bool) -> None:
        self.setFinalPage(self.sample)
        self.completeChanged.emit()  # QWizard shows Finish instead of Next only after this nudge

    def nextId(self) -> int:
        return -1 if self.sample else int(PageId.ROLE)


class RolePage(QWizardPage):
    def __init__(self, model: SetupModel) -> None:
        super().__init__()
        self._model = model
        self.commune_radio = QRadioButton()
        self.reviewer_radio = QRadioButton()
        self.commune_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.commune_radio)
        group.addButton(self.reviewer_radio)
        self._commune_help = explain_label()
        self._reviewer_help = explain_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.commune_radio)
        layout.addWidget(self._commune_help)
        layout.addWidget(self.reviewer_radio)
        layout.addWidget(self._reviewer_help)
        layout.addStretch(1)
        self.reviewer_radio.toggled.connect(self._on_reviewer_toggled)

    @Slot(bool)
    def _on_reviewer_toggled(self, _checked: bool) -> None:
        self._model.set_role(self.role)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Who uses this computer?"))
        self.setSubTitle(
            self.tr("The program works a little differently for a commune and for the reviewing office.")
        )
        self.commune_radio.setText(self.tr("A &commune, ward or special zone (People's Committee)"))
        self._commune_help.setText(
            self.tr("Prepares the periodic CCHC report, signs it and sends it to the province.")
        )
        self.reviewer_radio.setText(self.tr("The &reviewing office (provincial Department of Home Affairs)"))
        self._reviewer_help.setText(
            self.tr("Receives the communes' reports, checks them, accepts or returns them.")
        )

    @property
    def role(self) -> Role:
        return Role.REVIEWER if self.reviewer_radio.isChecked() else Role.COMMUNE


class UnitPage(QWizardPage):
    def __init__(self, model: SetupModel) -> None:
        super().__init__()
        self._model = model
        self.picker = UnitPicker()
        layout = QVBoxLayout(self)
        layout.addWidget(self.picker)
        self.picker.selection_changed.connect(self._on_picker_selection_changed)

    @Slot()
    def _on_picker_selection_changed(self) -> None:
        self._model.set_unit(self.picker.province(), self.picker.commune())
        self.completeChanged.emit()

    def retranslate(self) -> None:
        reviewer = self._role() is Role.REVIEWER
        self.setTitle(self.tr("Your office") if reviewer else self.tr("Your commune or ward"))
        self.setSubTitle(
            self.tr("Choose the province whose communes report to your office.")
            if reviewer
            else self.tr("From the official list of administrative units in force since 1 July 2025.")
        )
        self.picker.retranslate()

    def _role(self) -> Role:
        return self._model.role

    def initializePage(self) -> None:
        self.picker.set_communes_mode(self._role() is Role.COMMUNE)
        self.retranslate()
        self.picker.search_edit.setFocus() if self._role() is Role.COMMUNE else self.picker.province_combo.setFocus()

    def isComplete(self) -> bool:
        return self.picker.is_complete()


class PeoplePage(QWizardPage):
    def __init__(self, model: SetupModel) -> None:
        super().__init__()
        self._model = model
        self.reviewer_edit = QLineEdit()
        self.place_edit = QLineEdit()
        self.preparer_name_edit = QLineEdit()
        self.preparer_title_edit = QLineEdit()
        self.signer_name_edit = QLineEdit()
        self.signer_title_edit = QLineEdit()
        self.tm_radio = QRadioButton()
        self.kt_radio = QRadioButton()
        self.tm_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.tm_radio)
        group.addButton(self.kt_radio)
        self.symbol_edit = QLineEdit("BC-UBND")
        self._labels: dict[str, QLabel] = {}
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for key, widget in (
            ("reviewer", self.reviewer_edit),
            ("place", self.place_edit),
            ("preparer_name", self.preparer_name_edit),
            ("preparer_title", self.preparer_title_edit),
            ("signer_name", self.signer_name_edit),
            ("signer_title", self.signer_title_edit),
        ):
            label = QLabel()
            label.setBuddy(widget)
            self._labels[key] = label
            form.addRow(label, widget)
        authority = QVBoxLayout()
        authority.addWidget(self.tm_radio)
        authority.addWidget(self.kt_radio)
        self._labels["authority"] = QLabel()
        form.addRow(self._labels["authority"], authority)
        self._labels["symbol"] = QLabel()
        self._labels["symbol"].setBuddy(self.symbol_edit)
        form.addRow(self._labels["symbol"], self.symbol_edit)
        self._prepared_for: str | None = None
        self.kt_radio.toggled.connect(self._on_authority_toggled)

    def retranslate(self) -> None:
        self.setTitle(self.tr("People and document details"))
        self.setSubTitle(
            self.tr("These appear on the printed report. You can change them later in Settings.")
        )
        texts = {
            "reviewer": self.tr("Reviewing &office:"),
            "place": self.tr("&Place name on documents:"),
            "preparer_name": self.tr("Pr&eparer's full name:"),
            "preparer_title": self.tr("Preparer's &job title:"),
            "signer_name": self.tr("Si&gner's full name:"),
            "signer_title": self.tr("Signer's &position:"),
            "authority": self.tr("The signer signs:"),
            "symbol": self.tr("Document s&ymbol:"),
        }
        for key, text in texts.items():
            self._labels[key].setText(text)
        self.tm_radio.setText(self.tr("TM. (on behalf of the People's Committee: the chairman signs)"))
        self.kt_radio.setText(self.tr("KT. (for the chairman: a vice-chairman signs)"))
        self.place_edit.setPlaceholderText(self.tr("as in “Tân Phú, ngày … tháng … năm …”"))
        self.preparer_name_edit.setPlaceholderText(self.tr("e.g. Nguyễn Thị Lan"))
        self.signer_name_edit.setPlaceholderText(self.tr("e.g. Trần Văn Bình"))

    def initializePage(self) -> None:
        reviewer = self._model.role is Role.REVIEWER
        for widget in (self.reviewer_edit, self._labels["reviewer"], self.signer_title_edit, self.tm_radio,
                       self.kt_radio, self._labels["signer_title"], self._labels["authority"]):
            widget.setVisible(not reviewer)  # a reviewer's signer: on its own page
        province, commune = self._model.province, self._model.commune
        key = self._model.choice_key
        if key != self._prepared_for:  # fill the defaults once per choice; keep what was typed
            self._prepared_for = key
            if province is not None:
                self.reviewer_edit.setText(reviewer_office_name(province))
            if reviewer and province is not None:
                self.place_edit.setText(province.short_name)
                self.signer_title_edit.setText(DIRECTOR)
                self.symbol_edit.setText("BC-SNV")
            elif commune is not None:
                self.place_edit.setText(commune.short_name)
                self.signer_title_edit.setText(CHAIRMAN)
                self.symbol_edit.setText("BC-UBND")

    @Slot(bool)
    def _on_authority_toggled(self, kt: bool) -> None:
        if self._model.role is Role.COMMUNE:
            chairman, vice = CHAIRMAN, VICE_CHAIRMAN
            if self.signer_title_edit.text() in ("", chairman, vice):
                self.signer_title_edit.setText(vice if kt else chairman)

    def validatePage(self) -> bool:
        return bool(self.symbol_edit.text().strip())

    def nextId(self) -> int:
        return int(PageId.REVIEWER if self._model.role is Role.REVIEWER else PageId.SIGNING)

    @property
    def authority(self) -> str:
        return "KT" if self.kt_radio.isChecked() else "TM"


class SummaryPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.status = QLabel()
        self.status.setProperty("role", "muted")
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addStretch(1)
        layout.addWidget(self.status)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Ready"))
        self.setSubTitle(self.tr("Check the details below, then press Finish to start."))

    def nextId(self) -> int:
        return -1  # the last page, though a page with a higher id (REVIEWER) comes before it

    def show_error(self, message: str) -> None:
        self.summary.setText(message)

    def show_choice(self, choice: SetupChoice) -> None:
        """The wizard's decision, as the official will find it in the program."""
        u = choice.unit
        preparer = u.preparer_name or "—"
        if u.preparer_title:
            preparer += f" ({u.preparer_title})"
        signer = " ".join(x for x in (u.authority_line, u.signer_title, u.signer_name) if x)
        rows = [
            (self.tr("Office:"), f"{u.name} ({u.code})"),
            (self.tr("Province:"), u.province_name),
            (self.tr("Reports go to:"), u.reviewer_name if u.role is Role.COMMUNE else ""),
            (self.tr("Preparer:"), preparer),
            (self.tr("Signer:"), signer),
            (self.tr("Document symbol:"), u.doc_symbol),
            (self.tr("Signing:"), self.method_text(str(choice.settings.get("signing_method", "")))),
        ]
        lines = [f"{label} {value}" for label, value in rows if value]
        self.summary.setText("\n".join(lines))

    def method_text(self, method: str) -> str:
        return {
            "self": self.tr("a certificate made for this computer (self-issued)"),
            "pkcs11": self.tr("the signing USB token"),
            "p12": self.tr("a certificate file (.p12 / .pfx)"),
        }.get(method, "")
