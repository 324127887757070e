"""The wizard's page for a reviewing office: who signs the Department's own documents (the
consolidated report) and who gets copies of them. A commune never sees it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWizardPage,
)

from desktop.setup_model import SetupModel
from desktop.wizard_pages import PageId, explain_label
from reports.storage.settings import REVIEWER_DEFAULTS

# Positions as printed on the (always Vietnamese) documents, whatever the interface language.
DIRECTOR, DEPUTY_DIRECTOR = "Giám đốc", "Phó Giám đốc"


class ReviewerDocumentPage(QWizardPage):
    def __init__(self, model: SetupModel) -> None:
        super().__init__()
        self._model = model
        self.director_radio = QRadioButton()
        self.deputy_radio = QRadioButton()
        self.director_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.director_radio)
        group.addButton(self.deputy_radio)
        self.signer_title_edit = QLineEdit(DIRECTOR)
        self.copies_edit = QPlainTextEdit(REVIEWER_DEFAULTS["copies_to"])
        self.copies_edit.setTabChangesFocus(True)
        self.copies_edit.setFixedHeight(self.copies_edit.fontMetrics().lineSpacing() * 5)
        self.archive_edit = QLineEdit(REVIEWER_DEFAULTS["archive_units"])
        self._help = explain_label()
        self._labels = {k: QLabel() for k in ("signs", "title", "copies", "archive")}
        for key, widget in (("title", self.signer_title_edit), ("copies", self.copies_edit),
                            ("archive", self.archive_edit)):
            self._labels[key].setBuddy(widget)
        signs = QVBoxLayout()
        signs.addWidget(self.director_radio)
        signs.addWidget(self.deputy_radio)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self._labels["signs"], signs)
        form.addRow(self._labels["title"], self.signer_title_edit)
        form.addRow(self._labels["copies"], self.copies_edit)
        form.addRow(self._labels["archive"], self.archive_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self._help)
        layout.addLayout(form)
        layout.addStretch(1)
        self.deputy_radio.toggled.connect(self._on_deputy_toggled)

    def retranslate(self) -> None:
        self.setTitle(self.tr("The Department's own documents"))
        self.setSubTitle(self.tr("How the consolidated report is signed and who receives copies of it."))
        self._help.setText(
            self.tr("The consolidated report is the Department's document: it is signed by the director, or "
                    "by a deputy director “KT. GIÁM ĐỐC”, and copied to the Ministry, not to a commune's bodies. "
                    "You can change this later in Settings.")
        )
        self.director_radio.setText(self.tr("The &director signs"))
        self.deputy_radio.setText(self.tr("A de&puty director signs for the director (KT. GIÁM ĐỐC)"))
        self._labels["signs"].setText(self.tr("Who signs:"))
        self._labels["title"].setText(self.tr("Signer's &position:"))
        self._labels["copies"].setText(self.tr("&Copies to (one per line):"))
        self._labels["archive"].setText(self.tr("Filed &at (“Lưu:”):"))

    @Slot(bool)
    def _on_deputy_toggled(self, deputy: bool) -> None:
        if self.signer_title_edit.text() in ("", DIRECTOR, DEPUTY_DIRECTOR):
            self.signer_title_edit.setText(DEPUTY_DIRECTOR if deputy else DIRECTOR)

    def validatePage(self) -> bool:
        return bool(self.signer_title_edit.text().strip())

    def nextId(self) -> int:
        return int(PageId.SIGNING)

    def signer(self) -> dict[str, Any]:
        """The Unit fields this page decides."""
        return {
            "signer_title": self.signer_title_edit.text().strip(),
            "signer_authority": "KT" if self.deputy_radio.isChecked() else "TM",
        }

    def settings(self) -> dict[str, Any]:
        return {
            "copies_to": self.copies_edit.toPlainText().strip(),
            "archive_units": self.archive_edit.text().strip() or "VT",
        }
