"""The sign dialog: the password or PIN for the configured method, then the signature.

Signing runs on the database worker (``open_signer`` + ``sign_report``: pyHanko runs an event
loop of its own and must never run on the UI thread). A refusal is shown in the dialog and
the field is emptied; nothing is ever tried again by itself — a token locks after a few
wrong PINs, so only the official decides to type the PIN again.

With no key yet the dialog offers "Tạo chứng thư cho máy này": name and password (twice),
then ``create_signer_key`` on the worker, then the usual password field.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.appearance import repolish, set_font_scale
from desktop.prompter import Prompter
from desktop.tasks import TaskRunner
from forms.numbers import format_date
from reports.errors import CchcError

log = logging.getLogger(__name__)

MIN_PASSWORD = 6  # what create_signer_key accepts


# ---------------------------------------------------------------- on the database worker


@dataclass(frozen=True)
class SignContext:
    report_id: int
    title: str
    method: str  # "self", "p12" or "pkcs11" (the setting signing_method)
    has_key: bool
    signer_name: str
    certificate_name: str = ""
    expires: dt.date | None = None


def sign_context(ws: Any, report_id: int, lang: str = "vi") -> SignContext:
    from reports.documents.issuing import signer_certificate

    s = ws.settings
    method = s.get("signing_method")
    if method == "pkcs11":
        has_key = bool(s.get("pkcs11_module"))
    elif method == "p12":
        has_key = bool(s.get("p12_path")) and Path(s.get("p12_path")).exists()
    else:
        has_key = ws.paths.signer_key.exists()
    report = ws.store.get(report_id)
    unit = ws.require_unit()
    cert_name, expires = "", None
    if method == "self" and has_key:
        cert = signer_certificate(ws)
        if cert is not None:
            from cryptography import x509

            names = cert.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
            cert_name = str(names[0].value) if names else ""
            expires = cert.not_valid_after_utc.date()
    period = report.period.label(lang)
    title = f"{period[:1].upper()}{period[1:]} — {ws.store.definition(report).title}"
    if report.doc_number is not None:
        title += f" — {report.doc_number:02d}/{unit.doc_symbol}"
    return SignContext(report_id, title, method, has_key, unit.signer_name, cert_name, expires)


def sign_with_secret(ws: Any, report_id: int, secret: str) -> Any:
    """Open the configured signer with the password / PIN and sign; a SignedReport."""
    from reports.documents.issuing import sign_report, signing_method
    from reports.signing import open_signer

    with open_signer(signing_method(ws, secret=secret)) as signer:
        return sign_report(ws, report_id, signer)


def create_key(ws: Any, report_id: int, name: str, password: str, lang: str = "vi") -> SignContext:
    from reports.documents.issuing import create_signer_key

    create_signer_key(ws, name, password)
    return sign_context(ws, report_id, lang)


# ---------------------------------------------------------------- the dialog


class Step(IntEnum):
    SECRET = 0
    CREATE = 1
    DONE = 2


class SignDialog(QDialog):
    signed = Signal(object)  # reports.documents.issuing.SignedReport
    send_requested = Signal(int)  # "Gửi ngay" after signing: the report id

    def __init__(
        self,
        runner: TaskRunner,
        prompter: Prompter,
        report_id: int,
        *,
        lang: str = "vi",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._prompter = prompter
        self._lang = lang
        self._report_id = report_id
        self._context: SignContext | None = None
        self._busy = False
        self.result_path: Path | None = None
        self.last_error: CchcError | None = None
        self.attempts = 0  # signing jobs started: one per press of "Ký", never more
        self.setWindowTitle(self.tr("Sign the report digitally"))
        self.setMinimumWidth(560)

        self.heading = QLabel(self.tr("Sign the report digitally"))
        set_font_scale(self.heading, 1.25, bold=True)
        self.report_label = QLabel(self.tr("Loading…"))
        self.report_label.setWordWrap(True)

        # step 1: the password or the PIN
        self.method_label = QLabel()
        self.method_label.setWordWrap(True)
        self.secret_label = QLabel()
        self.secret_edit = QLineEdit()
        self.secret_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret_label.setBuddy(self.secret_edit)
        secret_page = QWidget()
        secret_layout = QVBoxLayout(secret_page)
        secret_layout.setContentsMargins(0, 0, 0, 0)
        secret_layout.addWidget(self.method_label)
        secret_layout.addSpacing(6)
        secret_layout.addWidget(self.secret_label)
        secret_layout.addWidget(self.secret_edit)
        secret_layout.addStretch(1)

        # step 1b: no key yet
        self.create_intro = QLabel(
            self.tr(
                "This computer has no signing certificate yet. Create one now: it is kept in the "
                "program's data folder, protected by a password that only the signer knows. "
                "(A USB token or a certificate file from a provider can be chosen in Settings.)"
            )
        )
        self.create_intro.setWordWrap(True)
        self.name_edit = QLineEdit()
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_edit = QLineEdit()
        self.repeat_edit.setEchoMode(QLineEdit.EchoMode.Password)
        create_page = QWidget()
        create_layout = QVBoxLayout(create_page)
        create_layout.setContentsMargins(0, 0, 0, 0)
        create_layout.addWidget(self.create_intro)
        form = QFormLayout()
        form.addRow(self.tr("Signer's &full name:"), self.name_edit)
        form.addRow(self.tr("&Password (at least 6 characters):"), self.password_edit)
        form.addRow(self.tr("&Repeat the password:"), self.repeat_edit)
        create_layout.addLayout(form)
        create_layout.addStretch(1)

        # step 2: done
        self.done_label = QLabel()
        self.done_label.setWordWrap(True)
        self.done_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        done_page = QWidget()
        done_layout = QVBoxLayout(done_page)
        done_layout.setContentsMargins(0, 0, 0, 0)
        done_layout.addWidget(self.done_label)
        done_layout.addStretch(1)

        self.steps = QStackedWidget()
        self.steps.addWidget(secret_page)
        self.steps.addWidget(create_page)
        self.steps.addWidget(done_page)

        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setProperty("role", "error")
        self.message_label.setVisible(False)
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: no percentage to show
        self.progress.setTextVisible(False)
        self.progress.setVisible(False)
        self.progress_label = QLabel()
        self.progress_label.setVisible(False)

        self.sign_button = QPushButton(self.tr("&Sign"))
        self.sign_button.setProperty("primary", True)
        self.sign_button.setDefault(True)
        self.create_button = QPushButton(self.tr("&Create the certificate and sign"))
        self.create_button.setProperty("primary", True)
        self.open_folder_button = QPushButton(self.tr("&Open folder"))
        self.send_button = QPushButton(self.tr("Send &now…"))
        self.send_button.setProperty("primary", True)
        self.close_button = QPushButton(self.tr("Close"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for b in (
            self.open_folder_button,
            self.create_button,
            self.sign_button,
            self.send_button,
            self.close_button,
        ):
            buttons.addWidget(b)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.addWidget(self.heading)
        layout.addWidget(self.report_label)
        layout.addSpacing(8)
        layout.addWidget(self.steps, 1)
        layout.addWidget(self.message_label)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.progress)
        layout.addLayout(buttons)

        self._connect_signals()
        self._show_step(Step.SECRET)
        self._set_busy(True, self.tr("Loading…"))
        self._runner.run(
            sign_context,
            report_id,
            lang,
            on_success=self._on_context_loaded,
            on_failure=self._on_failed,
            context=self,
        )

    def _connect_signals(self) -> None:
        self.sign_button.clicked.connect(self.sign)
        self.create_button.clicked.connect(self.create_certificate)
        self.open_folder_button.clicked.connect(self._on_open_folder_clicked)
        self.send_button.clicked.connect(self._on_send_button_clicked)
        self.close_button.clicked.connect(self.reject)
        self.secret_edit.returnPressed.connect(self.sign)
        self.repeat_edit.returnPressed.connect(self.create_certificate)
        self.secret_edit.textEdited.connect(self._clear_message)

    # ------------------------------------------------------------ state

    @property
    def step(self) -> Step:
        return Step(self.steps.currentIndex())

    @property
    def busy(self) -> bool:
        return self._busy

    def message(self) -> str:
        return self.message_label.text() if self.message_label.isVisibleTo(self) else ""

    def _show_step(self, step: Step) -> None:
        self.steps.setCurrentIndex(int(step))
        self.sign_button.setVisible(step is Step.SECRET)
        self.create_button.setVisible(step is Step.CREATE)
        self.open_folder_button.setVisible(step is Step.DONE)
        self.send_button.setVisible(step is Step.DONE)
        self.send_button.setDefault(step is Step.DONE)
        self.create_button.setDefault(step is Step.CREATE)
        self.sign_button.setDefault(step is Step.SECRET)
        self.close_button.setText(self.tr("Close") if step is Step.DONE else self.tr("Cancel"))
        if step is Step.SECRET:
            self.secret_edit.setFocus()
        elif step is Step.CREATE:
            (self.password_edit if self.name_edit.text() else self.name_edit).setFocus()
        else:
            self.send_button.setFocus()

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self._busy = busy
        self.progress.setVisible(busy)
        self.progress_label.setVisible(busy and bool(text))
        self.progress_label.setText(text)
        for w in (
            self.sign_button,
            self.create_button,
            self.close_button,
            self.secret_edit,
            self.name_edit,
            self.password_edit,
            self.repeat_edit,
        ):
            w.setEnabled(not busy)

    def _show_message(self, text: str, *, error: bool = True) -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))
        role = "error" if error else ""
        if self.message_label.property("role") != role:
            self.message_label.setProperty("role", role)
            repolish(self.message_label)

    @Slot()
    def _clear_message(self) -> None:
        if self.step is Step.SECRET:
            self._show_message("")

    @Slot(object)
    def _on_context_loaded(self, context: SignContext) -> None:
        self._context = context
        self._set_busy(False)
        self.report_label.setText(context.title)
        if not context.has_key:
            self.name_edit.setText(context.signer_name)
            self._show_step(Step.CREATE)
            return
        if context.method == "pkcs11":
            self.method_label.setText(
                self.tr(
                    "Plug in the signing USB token, then type its PIN. The token locks after several wrong PINs."
                )
            )
            self.secret_label.setText(self.tr("&PIN of the USB token:"))
        elif context.method == "p12":
            self.method_label.setText(
                self.tr("The report is signed with the certificate file chosen in Settings.")
            )
            self.secret_label.setText(self.tr("&Password of the certificate file:"))
        else:
            text = self.tr("The report is signed with this computer's certificate.")
            if context.certificate_name:
                text += " " + self.tr("Certificate of %1, valid until %2.").replace(
                    "%1", context.certificate_name
                ).replace("%2", format_date(context.expires) if context.expires else "—")
            self.method_label.setText(text)
            self.secret_label.setText(self.tr("&Password of the certificate:"))
        self._show_step(Step.SECRET)

    # ------------------------------------------------------------ signing

    @Slot()
    def sign(self) -> None:
        if self._busy or self._context is None or self.step is not Step.SECRET:
            return
        self._sign_with(self.secret_edit.text())

    def _sign_with(self, secret: str) -> None:
        assert self._context is not None
        if not secret:
            self._show_message(
                self.tr("Type the PIN first.")
                if self._context.method == "pkcs11"
                else self.tr("Type the password first.")
            )
            self.secret_edit.setFocus()
            return
        self.attempts += 1
        self.last_error = None
        self._show_message("")
        self._set_busy(True, self.tr("Signing… (this takes a few seconds)"))
        self._runner.run(
            sign_with_secret,
            self._report_id,
            secret,
            on_success=self._on_signed,
            on_failure=self._on_sign_failed,
            context=self,
        )

    @Slot(object)
    def _on_signed(self, result: Any) -> None:
        self._set_busy(False)
        self.secret_edit.clear()
        self.result_path = Path(result.path)
        self._show_message("")
        self.done_label.setText(
            self.tr(
                "The report is signed.\n\nThe signed file is saved at:\n%1\n\nIt can now be sent to the "
                "reviewing office: press “Send now”."
            ).replace("%1", str(self.result_path))
        )
        self._show_step(Step.DONE)
        self.signed.emit(result)

    @Slot(object)
    def _on_sign_failed(self, exc: CchcError) -> None:
        from reports.documents.issuing import NoSignerKeyError

        self._set_busy(False)
        self.last_error = exc
        # Never sign again by ourselves: the official reads the message and decides.
        self.secret_edit.clear()
        if isinstance(exc, NoSignerKeyError):
            self._show_step(Step.CREATE)
        self._show_message(self._prompter.message_of(exc))
        self.secret_edit.setFocus()

    @Slot(object)
    def _on_failed(self, exc: CchcError) -> None:
        self._set_busy(False)
        self.last_error = exc
        self._show_message(self._prompter.message_of(exc))

    # ------------------------------------------------------------ creating a certificate

    @Slot()
    def create_certificate(self) -> None:
        if self._busy or self.step is not Step.CREATE:
            return
        name = " ".join(self.name_edit.text().split())
        password = self.password_edit.text()
        if not name:
            self._show_message(
                self.tr("Type the signer's full name, as it should appear on the certificate.")
            )
            self.name_edit.setFocus()
            return
        if len(password) < MIN_PASSWORD:
            self._show_message(self.tr("The password must have at least 6 characters."))
            self.password_edit.setFocus()
            return
        if password != self.repeat_edit.text():
            self._show_message(self.tr("The two passwords are not the same. Type them again."))
            self.password_edit.clear()
            self.repeat_edit.clear()
            self.password_edit.setFocus()
            return
        self._show_message("")
        self._set_busy(True, self.tr("Creating the certificate…"))
        self._runner.run(
            create_key,
            self._report_id,
            name,
            password,
            self._lang,
            on_success=self._on_key_created,
            on_failure=self._on_failed,
            context=self,
        )

    @Slot(object)
    def _on_key_created(self, context: SignContext) -> None:
        # The password was just typed twice: sign with it at once rather than ask a third time.
        password = self.password_edit.text()
        self.password_edit.clear()
        self.repeat_edit.clear()
        self._on_context_loaded(context)
        self._sign_with(password)

    # ------------------------------------------------------------ closing

    @Slot()
    def _on_send_button_clicked(self) -> None:
        self.send_requested.emit(self._report_id)
        self.accept()

    @Slot()
    def _on_open_folder_clicked(self) -> None:
        if self.result_path is not None:
            self._prompter.show_folder(self.result_path.parent)

    def reject(self) -> None:
        if self._busy:  # a signature cannot be stopped half-way; it takes seconds
            return
        super().reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self._busy:
            event.ignore()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._busy:
            event.ignore()
            return
        super().closeEvent(event)
