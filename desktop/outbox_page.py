"""Hộp thư đi: the packages waiting to leave (or gone), how they are sent, and the inbox.

The list comes from ``Outbox.entries()`` on the database worker; "Gửi" exports and queues
a package there too, and "Gửi lại ngay" makes one due at once. Sending itself is the
background sender's work (``desktop.outbox_sender``): the page only asks it to wake up
(``send_requested``) and refreshes when a run finished (``show_send_run``).

Passwords go to ``Outbox.set_password`` (the OS keyring) and are never read back into the
window: the field is emptied once stored, and only "a password is stored" is shown.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.appearance import set_font_scale
from desktop.file_field import FileField
from desktop.outbox_model import (
    Column,
    IncomingPackage,
    OutboxTableModel,
    OutboxView,
    fetch_packages,
    local_time,
    outbox_view,
    retry_now,
    save_transport,
    send_reports,
)
from desktop.prompter import Prompter
from desktop.tasks import TaskRunner
from desktop.wheel_guard import guard_wheel
from reports.outbox import OutboxEntry, OutboxState

log = logging.getLogger(__name__)



# ---------------------------------------------------------------- the page


class OutboxPage(QWidget):
    send_requested = Signal()  # wake the background sender
    status_message = Signal(str)

    def __init__(
        self, runner: TaskRunner, prompter: Prompter, *, lang: str = "vi", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._prompter = prompter
        self._lang = lang
        self._view: OutboxView | None = None

        heading = QLabel(self.tr("Outbox"))
        set_font_scale(heading, 1.5, bold=True)
        intro = QLabel(
            self.tr(
                "Press “Send” once: the package waits here and leaves by itself as soon as the "
                "connection allows, even after the program was closed. A package counts as "
                "delivered when its receipt comes back."
            )
        )
        intro.setWordWrap(True)
        intro.setProperty("role", "help")

        self.model = OutboxTableModel(self, lang=lang)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.ERROR, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName(self.tr("Packages in the outbox"))
        self.table.setMinimumHeight(160)
        self.empty_label = QLabel(self.tr("The outbox is empty."))
        self.empty_label.setProperty("role", "muted")

        self.send_button = QPushButton(self.tr("&Send"))
        self.send_button.setProperty("primary", True)
        self.send_button.setToolTip(self.tr("Put the finished reports in a package and send it"))
        self.retry_button = QPushButton(self.tr("Send again &now"))
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.send_button)
        buttons.addWidget(self.retry_button)
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)

        # how packages leave
        self.transport_combo = guard_wheel(QComboBox())
        for value, text in (
            ("none", self.tr("Not automatically (USB stick only)")),
            ("email", self.tr("By e-mail")),
            ("webdav", self.tr("To the shared server (WebDAV)")),
            ("folder", self.tr("To a folder (network drive, synced folder)")),
        ):
            self.transport_combo.addItem(text, value)
        self.transport_combo.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.smtp_host_edit = QLineEdit()
        self.smtp_port_spin = guard_wheel(QSpinBox())
        self.smtp_port_spin.setRange(1, 65535)
        self.smtp_security_combo = guard_wheel(QComboBox())
        self.smtp_security_combo.addItem(self.tr("STARTTLS"), "starttls")
        self.smtp_security_combo.addItem(self.tr("SSL/TLS"), "ssl")
        self.smtp_security_combo.addItem(self.tr("None"), "none")
        self.smtp_user_edit = QLineEdit()
        self.smtp_password_edit = self._password_edit()
        self.reviewer_email_edit = QLineEdit()
        self.webdav_url_edit = QLineEdit()
        self.webdav_url_edit.setPlaceholderText(self.tr("https://…"))
        self.webdav_user_edit = QLineEdit()
        self.webdav_password_edit = self._password_edit()
        self.folder_field = FileField(prompter, "folder")
        self.transport_pages = QStackedWidget()
        self.transport_pages.addWidget(QWidget())
        self.transport_pages.addWidget(
            self._form(
                [
                    (self.tr("Outgoing mail &server (SMTP):"), self.smtp_host_edit),
                    (self.tr("&Port:"), self.smtp_port_spin),
                    (self.tr("Se&curity:"), self.smtp_security_combo),
                    (self.tr("&Login:"), self.smtp_user_edit),
                    (self.tr("Pass&word:"), self.smtp_password_edit),
                    (self.tr("Reviewer's e-mail &address:"), self.reviewer_email_edit),
                ]
            )
        )
        self.transport_pages.addWidget(
            self._form(
                [
                    (self.tr("Server &folder address:"), self.webdav_url_edit),
                    (self.tr("&Login:"), self.webdav_user_edit),
                    (self.tr("Pass&word:"), self.webdav_password_edit),
                ]
            )
        )
        self.transport_pages.addWidget(self._form([(self.tr("&Folder:"), self.folder_field)]))
        self.password_note = QLabel()
        self.password_note.setWordWrap(True)
        self.password_note.setProperty("role", "help")
        self.save_transport_button = QPushButton(self.tr("Save &how packages are sent"))
        how_label = QLabel(self.tr("&How packages are sent:"))
        how_label.setBuddy(self.transport_combo)
        how_row = QHBoxLayout()
        how_row.addWidget(how_label)
        how_row.addWidget(self.transport_combo)
        how_row.addStretch(1)
        transport_box = QFrame()
        transport_box.setFrameShape(QFrame.Shape.StyledPanel)
        transport_layout = QVBoxLayout(transport_box)
        transport_layout.addLayout(how_row)
        transport_layout.addWidget(self.transport_pages)
        transport_layout.addWidget(self.password_note)
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_transport_button)
        save_row.addStretch(1)
        transport_layout.addLayout(save_row)
        transport_heading = QLabel(self.tr("Sending automatically"))
        set_font_scale(transport_heading, 1.15, bold=True)

        # the inbox
        inbox_heading = QLabel(self.tr("Received packages"))
        set_font_scale(inbox_heading, 1.15, bold=True)
        self.fetch_button = QPushButton(self.tr("Receive packages from the mailbox / server"))
        self.fetch_result_label = QLabel()
        self.fetch_result_label.setWordWrap(True)
        self.fetch_result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.inbox_table = QTableWidget(0, 4)
        self.inbox_table.setHorizontalHeaderLabels(
            [self.tr("Package"), self.tr("From"), self.tr("Received"), self.tr("Came from")]
        )
        self.inbox_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.inbox_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.inbox_table.verticalHeader().setVisible(False)
        self.inbox_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.inbox_table.horizontalHeader().setStretchLastSection(True)
        self.inbox_table.setAccessibleName(self.tr("Received packages"))
        self.inbox_table.setMinimumHeight(140)
        fetch_row = QHBoxLayout()
        fetch_row.addWidget(self.fetch_button)
        fetch_row.addStretch(1)

        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(20, 16, 20, 16)
        column.setSpacing(10)
        column.addWidget(heading)
        column.addWidget(intro)
        column.addLayout(buttons)
        column.addWidget(self.table, 2)
        column.addWidget(self.empty_label)
        column.addSpacing(8)
        column.addWidget(transport_heading)
        column.addWidget(transport_box)
        column.addSpacing(8)
        column.addWidget(inbox_heading)
        column.addLayout(fetch_row)
        column.addWidget(self.fetch_result_label)
        column.addWidget(self.inbox_table, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self._connect_signals()
        self._update_buttons()

    @staticmethod
    def _password_edit() -> QLineEdit:
        edit = QLineEdit()
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        return edit

    @staticmethod
    def _form(rows: list[tuple[str, QWidget]]) -> QWidget:
        w = QWidget()
        form = QFormLayout(w)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for text, widget in rows:
            label = QLabel(text)
            label.setBuddy(widget.edit if isinstance(widget, FileField) else widget)
            form.addRow(label, widget)
        return w

    def _connect_signals(self) -> None:
        self.send_button.clicked.connect(self.send)
        self.retry_button.clicked.connect(self.retry_selected)
        self.refresh_button.clicked.connect(self.refresh)
        self.save_transport_button.clicked.connect(self.save_transport)
        self.fetch_button.clicked.connect(self.fetch)
        self.transport_combo.currentIndexChanged.connect(self._on_transport_combo_changed)
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)

    # ------------------------------------------------------------ loading

    def refresh(self) -> None:
        self._runner.run(outbox_view, on_success=self.show_view, context=self)

    @Slot(object)
    def show_view(self, view: OutboxView) -> None:
        selected = self.current_entry()
        first = self._view is None
        self._view = view
        self.model.set_entries(view.entries)
        self.empty_label.setVisible(not view.entries)
        if selected is not None and (row := self.model.row_of(selected.package_id)) >= 0:
            self.table.selectRow(row)
        if first:
            self._show_transport(view.settings)
        self._show_passwords(view.passwords)
        self._show_incoming(view.incoming)
        self.send_button.setEnabled(view.role == "commune")

    def _show_transport(self, s: dict[str, Any]) -> None:
        self._select(self.transport_combo, s["outbox_transport"])
        self.smtp_host_edit.setText(s["smtp_host"])
        self.smtp_port_spin.setValue(int(s["smtp_port"]))
        self._select(self.smtp_security_combo, s["smtp_security"])
        self.smtp_user_edit.setText(s["smtp_user"])
        self.reviewer_email_edit.setText(s["reviewer_email"])
        self.webdav_url_edit.setText(s["webdav_url"])
        self.webdav_user_edit.setText(s["webdav_user"])
        self.folder_field.setText(s["outbox_folder"])
        self._on_transport_combo_changed()

    def _show_passwords(self, stored: dict[str, bool]) -> None:
        for edit, key in ((self.smtp_password_edit, "smtp"), (self.webdav_password_edit, "webdav")):
            edit.setPlaceholderText(
                self.tr("stored (type to replace it)") if stored.get(key) else self.tr("not stored yet")
            )
        self.password_note.setText(
            self.tr(
                "Passwords are kept in the computer's password store and are never shown again; "
                "type one only to change it."
            )
        )

    def _show_incoming(self, incoming: list[IncomingPackage]) -> None:
        from reports.outbox import describe_source  # with the fetchers: loaded by the outbox_view job already

        self.inbox_table.setRowCount(len(incoming))
        for row, p in enumerate(incoming):
            when = dt.datetime.fromisoformat(p.received_at) if p.received_at else None
            for column, text in enumerate(
                (p.file_name, p.sender_code, local_time(when), describe_source(p.source, self._lang))
            ):
                self.inbox_table.setItem(row, column, QTableWidgetItem(text))

    @staticmethod
    def _select(combo: QComboBox, value: Any) -> None:
        index = combo.findData(value)
        if index >= 0:
            combo.setCurrentIndex(index)

    def current_entry(self) -> OutboxEntry | None:
        index = self.table.currentIndex()
        return self.model.entry(index.row()) if index.isValid() else None

    @Slot()
    def _update_buttons(self) -> None:
        entry = self.current_entry()
        self.retry_button.setEnabled(entry is not None and entry.state is not OutboxState.DELIVERED)

    @Slot()
    def _on_transport_combo_changed(self) -> None:
        self.transport_pages.setCurrentIndex(max(0, self.transport_combo.currentIndex()))

    # ------------------------------------------------------------ acting

    @Slot()
    def send(self) -> None:
        self.send_button.setEnabled(False)
        self._runner.run(send_reports, on_success=self._on_sent, on_failure=self._on_failed, context=self)

    @Slot(object)
    def _on_sent(self, result: tuple[list[OutboxEntry], OutboxView]) -> None:
        added, view = result
        self.show_view(view)
        if added:
            names = ", ".join(e.file_name for e in added)
            self.status_message.emit(
                self.tr("In the outbox: %1. It leaves by itself when the connection allows.").replace(
                    "%1", names
                )
            )
            self.send_requested.emit()
        else:
            self._prompter.info(self.tr("Outbox"), self.tr("There is no finished report to send."))

    @Slot()
    def retry_selected(self) -> None:
        entry = self.current_entry()
        if entry is None:
            return
        self._runner.run(
            retry_now, entry.package_id, on_success=self._on_retried, on_failure=self._on_failed, context=self
        )

    @Slot(object)
    def _on_retried(self, view: OutboxView) -> None:
        self.show_view(view)
        self.send_requested.emit()

    @Slot()
    def save_transport(self) -> None:
        settings = {
            "outbox_transport": self.transport_combo.currentData(),
            "smtp_host": self.smtp_host_edit.text().strip(),
            "smtp_port": self.smtp_port_spin.value(),
            "smtp_security": self.smtp_security_combo.currentData(),
            "smtp_user": self.smtp_user_edit.text().strip(),
            "reviewer_email": self.reviewer_email_edit.text().strip(),
            "webdav_url": self.webdav_url_edit.text().strip(),
            "webdav_user": self.webdav_user_edit.text().strip(),
            "outbox_folder": self.folder_field.text(),
        }
        passwords = {
            key: edit.text()
            for key, edit in (("smtp", self.smtp_password_edit), ("webdav", self.webdav_password_edit))
            if edit.text()
        }
        # The secret leaves the window now: it is never kept in (or shown back by) a widget.
        self.smtp_password_edit.clear()
        self.webdav_password_edit.clear()
        self._runner.run(
            save_transport,
            settings,
            passwords,
            on_success=self._on_transport_saved,
            on_failure=self._on_failed,
            context=self,
        )

    @Slot(object)
    def _on_transport_saved(self, view: OutboxView) -> None:
        self.show_view(view)
        self.status_message.emit(self.tr("Saved how packages are sent."))
        self.send_requested.emit()  # packages set aside for the old settings may go now

    @Slot()
    def fetch(self) -> None:
        self.fetch_button.setEnabled(False)
        self.fetch_result_label.setText(self.tr("Receiving…"))
        self._runner.run(
            fetch_packages, on_success=self._on_fetched, on_failure=self._on_fetch_failed, context=self
        )

    @Slot(object)
    def _on_fetched(self, result: tuple[Any, OutboxView]) -> None:
        run, view = result
        self.fetch_button.setEnabled(True)
        self.show_view(view)
        lines = [f.line(self._lang) for f in run.fetched]
        lines += [exc.message(self._lang) for _, exc in run.errors]
        if not run.sources:
            lines.append(
                self.tr("No mailbox, shared server or watched folder is set up to receive packages from.")
            )
        elif not run.fetched and not run.errors:
            lines.append(self.tr("No new package."))
        self.fetch_result_label.setText("\n".join(lines))

    @Slot(object)
    def _on_fetch_failed(self, exc: Any) -> None:
        self.fetch_button.setEnabled(True)
        self.fetch_result_label.setText("")
        self._prompter.error(exc)

    @Slot(object)
    def _on_failed(self, exc: Any) -> None:
        if self._view is not None:
            self.send_button.setEnabled(self._view.role == "commune")
        self._prompter.error(exc)

    # ------------------------------------------------------------ from the background sender

    @Slot(object)
    def show_send_run(self, run: Any) -> None:
        """A run of the background sender finished: show the new states."""
        if run.attempts:
            self.refresh()
