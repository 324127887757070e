"""Tin cậy: the communes' bound certificates; confirm a new one from a package (its
fingerprint read out by phone), revoke one, add a root CA for PDF signatures."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.appearance import set_font_scale
from desktop.prompter import Prompter
from desktop.reviewer import jobs
from desktop.tasks import TaskRunner
from reports.exchange.trust_overview import BoundCertificate, PackageSender, TrustState


class TrustPage(QWidget):
    trust_changed = Signal()

    def __init__(self, runner: TaskRunner, prompter: Prompter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._prompter = prompter
        self.state: TrustState | None = None
        heading = QLabel(self.tr("Trusted communes"))
        set_font_scale(heading, 1.4, bold=True)
        explain = QLabel(
            self.tr(
                "A commune's packages are accepted only from the installation whose certificate is bound to it. "
                "Confirm a new commune's certificate after checking its fingerprint with the commune by phone."
            )
        )
        explain.setWordWrap(True)
        self.confirm_button = QPushButton(self.tr("&Confirm from a package…"))
        self.revoke_button = QPushButton(self.tr("&Revoke…"))
        self.root_button = QPushButton(self.tr("Add a &root certificate…"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.confirm_button)
        buttons.addWidget(self.revoke_button)
        buttons.addStretch(1)
        buttons.addWidget(self.root_button)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Code"),
                self.tr("Commune / ward"),
                self.tr("Certificate"),
                self.tr("Fingerprint"),
                self.tr("State"),
            ]
        )
        self.table.setAccessibleName(self.tr("Bound certificates"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.roots = QLabel()
        self.roots.setWordWrap(True)
        self.roots.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(explain)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.roots)
        self.confirm_button.clicked.connect(self._on_confirm_clicked)
        self.revoke_button.clicked.connect(self._on_revoke_clicked)
        self.root_button.clicked.connect(self._on_root_clicked)

    def refresh(self) -> None:
        self._runner.run(jobs.trust_state, on_success=self.show_state, context=self)

    def show_state(self, state: TrustState) -> None:
        self.state = state
        self.table.setRowCount(len(state.certificates))
        for row, c in enumerate(state.certificates):
            purpose = self.tr("installation") if c.purpose == "installation" else self.tr("signer")
            status = (
                self.tr("revoked %1").replace("%1", c.revoked_at[:10])
                if c.revoked_at
                else self.tr("bound %1").replace("%1", c.bound_at[:10])
            )
            for col, text in enumerate((c.unit_code, c.unit_name, purpose, c.fingerprint, status)):
                self.table.setItem(row, col, QTableWidgetItem(text))
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(1)
        if state.roots:
            self.roots.setText(
                self.tr("Root certificates for PDF signatures: %1").replace(
                    "%1", "; ".join(f"{label} ({fp[:19]}…)" for label, fp in state.roots)
                )
            )
        else:
            self.roots.setText(
                self.tr("No root certificate added: self-issued signatures show as not trusted.")
            )

    def selected(self) -> BoundCertificate | None:
        row = self.table.currentRow()
        if self.state is None or not 0 <= row < len(self.state.certificates):
            return None
        return self.state.certificates[row]

    # ------------------------------------------------------------ confirming

    def confirm_package(self, path: Path) -> None:
        """Show who sent the package and its fingerprint; bind it when the user confirms."""
        self._runner.run(
            jobs.package_sender,
            Path(path),
            on_success=self._on_sender_read,
            on_failure=self._prompter.error,
            context=self,
        )

    def _on_sender_read(self, sender: PackageSender) -> None:
        title = self.tr("Trust this commune's installation?")
        if sender.already_bound:
            self._prompter.info(
                title,
                self.tr("%1 (%2) is already trusted.")
                .replace("%1", sender.unit_name)
                .replace("%2", sender.unit_code),
            )
            return
        text = (
            self.tr(
                "The package comes from %1 (%2). Read this fingerprint to the commune by phone and trust it "
                "only if it is the same as on their screen:\n\n%3"
            )
            .replace("%1", sender.unit_name)
            .replace("%2", sender.unit_code)
            .replace("%3", sender.fingerprint)
        )
        if self._prompter.ask_yes_no(title, text, yes_text=self.tr("Trust"), no_text=self.tr("Do not trust")):
            self._runner.run(
                jobs.trust_package_sender,
                sender.path,
                on_success=self._on_changed,
                on_failure=self._prompter.error,
                context=self,
            )

    def _on_changed(self, _result: Any) -> None:
        self.refresh()
        self.trust_changed.emit()

    @Slot()
    def _on_confirm_clicked(self) -> None:
        path = self._prompter.open_file(self.tr("A package from the commune"), self.tr("Packages (*.cchc)"))
        if path is not None:
            self.confirm_package(path)

    @Slot()
    def _on_revoke_clicked(self) -> None:
        c = self.selected()
        if c is None or c.revoked_at:
            return
        text = (
            self.tr("Packages from %1 (%2) signed with this certificate will be refused:\n%3")
            .replace("%1", c.unit_name)
            .replace("%2", c.unit_code)
            .replace("%3", c.fingerprint)
        )
        if self._prompter.ask_yes_no(
            self.tr("Revoke the certificate?"), text, yes_text=self.tr("Revoke"), no_text=self.tr("Keep")
        ):
            self._runner.run(
                jobs.revoke,
                c.unit_code,
                c.fingerprint,
                on_success=self._on_changed,
                on_failure=self._prompter.error,
                context=self,
            )

    @Slot()
    def _on_root_clicked(self) -> None:
        path = self._prompter.open_file(
            self.tr("A root CA certificate"), self.tr("Certificates (*.pem *.crt *.cer *.der);;All files (*)")
        )
        if path is not None:
            self._runner.run(
                jobs.add_trust_root,
                Path(path),
                on_success=self._on_changed,
                on_failure=self._prompter.error,
                context=self,
            )
