"""The wizard's page for how the chairman signs: a certificate made for this computer, the
signing USB token, or a certificate file; and the signature and seal images."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from desktop.appearance import set_font_scale
from desktop.file_field import FileField
from desktop.prompter import Prompter
from desktop.wizard_pages import explain_label


class SigningPage(QWizardPage):
    def __init__(self, prompter: Prompter) -> None:
        super().__init__()
        self.self_radio = QRadioButton()
        self.token_radio = QRadioButton()
        self.p12_radio = QRadioButton()
        self.self_radio.setChecked(True)
        group = QButtonGroup(self)
        for b in (self.self_radio, self.token_radio, self.p12_radio):
            group.addButton(b)
        self._self_help = explain_label()
        self._token_help = explain_label()
        self._p12_help = explain_label()
        self.p12_file = FileField(prompter, "p12")
        self.module_file = FileField(prompter, "library")
        self.token_label_edit = QLineEdit()
        self.signature_file = FileField(prompter, "image")
        self.seal_file = FileField(prompter, "image")
        self._labels = {k: QLabel() for k in ("p12", "module", "token", "signature", "seal", "images")}
        self._labels["p12"].setBuddy(self.p12_file.edit)
        self._labels["module"].setBuddy(self.module_file.edit)
        self._labels["token"].setBuddy(self.token_label_edit)
        self._labels["signature"].setBuddy(self.signature_file.edit)
        self._labels["seal"].setBuddy(self.seal_file.edit)

        layout = QVBoxLayout(self)
        layout.addWidget(self.self_radio)
        layout.addWidget(self._self_help)
        layout.addWidget(self.token_radio)
        layout.addWidget(self._token_help)
        token_form = QFormLayout()
        token_form.setContentsMargins(28, 0, 0, 0)
        token_form.addRow(self._labels["module"], self.module_file)
        token_form.addRow(self._labels["token"], self.token_label_edit)
        self._token_box = QWidget()
        self._token_box.setLayout(token_form)
        layout.addWidget(self._token_box)
        layout.addWidget(self.p12_radio)
        layout.addWidget(self._p12_help)
        p12_form = QFormLayout()
        p12_form.setContentsMargins(28, 0, 0, 0)
        p12_form.addRow(self._labels["p12"], self.p12_file)
        self._p12_box = QWidget()
        self._p12_box.setLayout(p12_form)
        layout.addWidget(self._p12_box)
        layout.addSpacing(8)
        layout.addWidget(self._labels["images"])
        images = QFormLayout()
        images.addRow(self._labels["signature"], self.signature_file)
        images.addRow(self._labels["seal"], self.seal_file)
        layout.addLayout(images)
        layout.addStretch(1)
        set_font_scale(self._labels["images"], 1.0, bold=True)
        for b in (self.self_radio, self.token_radio, self.p12_radio):
            b.toggled.connect(self._on_method_toggled)
        self._on_method_toggled()

    def retranslate(self) -> None:
        self.setTitle(self.tr("How the chairman signs"))
        self.setSubTitle(self.tr("You can skip this now and change it later in Settings."))
        self.self_radio.setText(self.tr("Create a &certificate for this computer"))
        self._self_help.setText(
            self.tr(
                "For offices without a signing USB token yet: the program makes the commune's own "
                "certificate. The reviewing office sees that it is self-issued."
            )
        )
        self.token_radio.setText(self.tr("Signing &USB token"))
        self._token_help.setText(
            self.tr("The digital-signature USB token issued to the chairman (needs its PIN).")
        )
        self.p12_radio.setText(self.tr("Certificate &file (.p12 / .pfx)"))
        self._p12_help.setText(
            self.tr("A certificate file with its password, from the certificate provider.")
        )
        self._labels["p12"].setText(self.tr("Certificate file:"))
        self._labels["module"].setText(self.tr("Token driver (optional):"))
        self._labels["token"].setText(self.tr("Token name (optional):"))
        self._labels["images"].setText(self.tr("Images on the printed report (optional)"))
        self._labels["signature"].setText(self.tr("Signature image (PNG):"))
        self._labels["seal"].setText(self.tr("Seal image (PNG):"))
        for f in (self.p12_file, self.module_file, self.signature_file, self.seal_file):
            f.retranslate()

    @Slot()
    def _on_method_toggled(self) -> None:
        self._token_box.setEnabled(self.token_radio.isChecked())
        self._p12_box.setEnabled(self.p12_radio.isChecked())

    @property
    def method(self) -> str:
        if self.token_radio.isChecked():
            return "pkcs11"
        return "p12" if self.p12_radio.isChecked() else "self"

    def settings(self) -> dict[str, Any]:
        out: dict[str, Any] = {"signing_method": self.method}
        if self.method == "p12":
            out["p12_path"] = self.p12_file.text()
        if self.method == "pkcs11":
            out["pkcs11_module"] = self.module_file.text()
            out["pkcs11_token_label"] = self.token_label_edit.text().strip()
        if self.signature_file.text():
            out["signature_image"] = self.signature_file.text()
        if self.seal_file.text():
            out["seal_image"] = self.seal_file.text()
        return out
