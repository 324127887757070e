"""Sao lưu: the backups kept (newest first), "Sao lưu ngay", the second folder, and restore.

Backups are made and kept by the core (``reports.backups.backup``: the policy, the ladder); this page
only lists them and asks. Restoring goes through ``RestoreDialog`` (what will change), then
runs on the database worker: ``reports.backups.restore.restore`` closes the worker's Workspace, so
the page queues a fresh one right behind it and says ``data_restored`` once it is open —
the composition root then rebuilds the window on the restored data. ``restore_starting``
comes first, so pending edits are sent and the background sender lets go of the database.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import settings_jobs
from desktop.appearance import set_font_scale
from desktop.file_field import FileField
from desktop.prompter import Prompter
from desktop.restore_dialog import RestoreDialog
from desktop.tasks import TaskRunner
from reports.backups.backup import BackupResult, create_backup
from reports.backups.inspection import BackupRow, list_backups
from reports.backups.policy import Reason
from reports.backups.restore import RestorePreview, RestoreResult, describe_restore, restore
from reports.clock import VIETNAM
from reports.paths import DataPaths
from reports.workspace import Workspace

log = logging.getLogger(__name__)


# ---------------------------------------------------------------- jobs (database worker)


@dataclass(frozen=True)
class BackupView:
    rows: list[BackupRow]
    folder: str  # the second backup folder (a USB stick), "" when none
    paths: DataPaths


def backup_view(ws: Workspace) -> BackupView:
    return BackupView(list_backups(ws), str(ws.settings.get("backup_folder")), ws.paths)


def back_up_now(ws: Workspace) -> tuple[BackupResult, BackupView]:
    return create_backup(ws, Reason.MANUAL), backup_view(ws)


def save_backup_folder(ws: Workspace, folder: str) -> BackupView:
    settings_jobs.save_settings(ws, {}, {"backup_folder": folder})
    return backup_view(ws)


def preview_restore(ws: Workspace, file: Path) -> RestorePreview:
    return describe_restore(ws, file)


def restore_backup(ws: Workspace, file: Path) -> RestoreResult:
    """Closes ``ws`` whatever happens: a new Workspace must be queued right behind."""
    return restore(ws, file)


# ---------------------------------------------------------------- the page


class BackupPage(QWidget):
    restore_starting = Signal()  # flush edits, stop the background sender: the file is about to change
    data_restored = Signal(object)  # RestoreResult, once the new Workspace is open
    restore_failed = Signal()  # the old data is still in place (reopened)
    status_message = Signal(str)

    def __init__(
        self, runner: TaskRunner, prompter: Prompter, *, lang: str = "vi", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._prompter = prompter
        self._lang = lang
        self._view: BackupView | None = None
        self._restore_result: RestoreResult | None = None
        self._restore_error: Any = None
        self.restore_dialog: RestoreDialog | None = None

        heading = QLabel(self.tr("Backups"))
        set_font_scale(heading, 1.5, bold=True)
        intro = QLabel(
            self.tr(
                "A copy of the data is made when the program closes, once a day while it is open, "
                "and before every risky step. The newest ones and one per day, week and month are kept."
            )
        )
        intro.setWordWrap(True)
        intro.setProperty("role", "help")
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Made at"), self.tr("Why"), self.tr("Reports"), self.tr("Condition")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAccessibleName(self.tr("Backups"))
        self.empty_label = QLabel(self.tr("There is no backup yet."))
        self.empty_label.setProperty("role", "muted")

        self.backup_button = QPushButton(self.tr("&Back up now"))
        self.backup_button.setProperty("primary", True)
        self.restore_button = QPushButton(self.tr("&Restore…"))
        self.restore_file_button = QPushButton(self.tr("Restore from a &file…"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.restore_file_button)
        buttons.addStretch(1)

        self.folder_field = FileField(prompter, "folder")
        self.save_folder_button = QPushButton(self.tr("&Save"))
        folder_row = QWidget()
        row = QHBoxLayout(folder_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.folder_field, 1)
        row.addWidget(self.save_folder_button)
        folder_label = QLabel(self.tr("Second backup &folder:"))
        folder_label.setBuddy(self.folder_field.edit)
        folder_note = QLabel(self.tr("For example a USB stick: a copy of each backup is also kept there."))
        folder_note.setWordWrap(True)
        folder_note.setProperty("role", "help")
        form = QFormLayout()
        form.addRow(folder_label, folder_row)
        form.addRow(folder_note)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addLayout(form)
        self._connect_signals()
        self._update_buttons()

    def _connect_signals(self) -> None:
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button.clicked.connect(self._on_restore_button_clicked)
        self.restore_file_button.clicked.connect(self._on_restore_file_button_clicked)
        self.save_folder_button.clicked.connect(self.save_folder)
        self.table.itemSelectionChanged.connect(self._update_buttons)

    # ------------------------------------------------------------ the list

    def refresh(self) -> None:
        self._runner.run(backup_view, on_success=self.show_view, context=self)

    @Slot(object)
    def show_view(self, view: BackupView) -> None:
        self._view = view
        self.table.setRowCount(len(view.rows))
        for r, b in enumerate(view.rows):
            when = b.taken_at.astimezone(VIETNAM).strftime("%H:%M %d/%m/%Y") if b.taken_at else b.name
            texts = (when, self.reason_text(b.reason), "" if b.reports is None else str(b.reports))
            for c, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, str(b.path))
                item.setToolTip(str(b.path))
                self.table.setItem(r, c, item)
            condition = QTableWidgetItem(
                self.tr("good") if b.ok else self.tr("damaged: %1").replace("%1", b.problem)
            )
            self.table.setItem(r, 3, condition)
        self.empty_label.setVisible(not view.rows)
        self.folder_field.setText(view.folder)
        self._update_buttons()

    def reason_text(self, reason: str) -> str:
        texts = {
            Reason.MANUAL: self.tr("asked for"),
            Reason.DAILY: self.tr("daily"),
            Reason.CLOSE: self.tr("on closing"),
            Reason.BEFORE_IMPORT: self.tr("before an import"),
            Reason.BEFORE_MIGRATION: self.tr("before an update"),
            Reason.BEFORE_RESTORE: self.tr("before a restore"),
        }
        return texts.get(reason, reason)  # type: ignore[call-overload]

    def selected_backup(self) -> Path | None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        return Path(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def select_backup(self, path: Path) -> bool:
        for r in range(self.table.rowCount()):
            item = self.table.item(r, 0)
            if item is not None and Path(item.data(Qt.ItemDataRole.UserRole)) == Path(path):
                self.table.selectRow(r)
                return True
        return False

    @Slot()
    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.selected_backup() is not None)

    # ------------------------------------------------------------ backing up

    @Slot()
    def back_up_now(self) -> None:
        self.backup_button.setEnabled(False)
        self._runner.run(back_up_now, on_success=self._on_backed_up, on_failure=self._on_failed, context=self)

    @Slot(object)
    def _on_backed_up(self, result: tuple[BackupResult, BackupView]) -> None:
        done, view = result
        self.backup_button.setEnabled(True)
        self.show_view(view)
        self.status_message.emit(self.tr("Backed up: %1").replace("%1", done.file.name))
        if done.mirror_error is not None:
            self._prompter.warning(self.tr("Backups"), self._prompter.message_of(done.mirror_error))

    @Slot()
    def save_folder(self) -> None:
        self._runner.run(
            save_backup_folder,
            self.folder_field.text(),
            on_success=self._on_folder_saved,
            on_failure=self._on_failed,
            context=self,
        )

    @Slot(object)
    def _on_folder_saved(self, view: BackupView) -> None:
        self.show_view(view)
        self.status_message.emit(self.tr("The second backup folder is saved."))

    @Slot(object)
    def _on_failed(self, exc: Any) -> None:
        self.backup_button.setEnabled(True)
        self._prompter.error(exc)

    # ------------------------------------------------------------ restoring

    @Slot()
    def _on_restore_button_clicked(self) -> None:
        path = self.selected_backup()
        if path is not None:
            self.ask_restore(path)

    @Slot()
    def _on_restore_file_button_clicked(self) -> None:
        folder = self._view.folder if self._view else ""
        path = self._prompter.open_file(
            self.tr("Choose a backup to restore"), self.tr("Backups (*.sqlite3)"), folder
        )
        if path is not None:
            self.ask_restore(path)

    def ask_restore(self, path: Path) -> None:
        """Check the backup and say what will change (the dialog opens when that is known)."""
        self._runner.run(
            preview_restore,
            Path(path),
            on_success=self._show_restore_dialog,
            on_failure=self._on_failed,
            context=self,
        )

    @Slot(object)
    def _show_restore_dialog(self, preview: RestorePreview) -> None:
        if self.restore_dialog is not None:
            self.restore_dialog.deleteLater()
        self.restore_dialog = RestoreDialog(preview, parent=self)
        self.restore_dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.restore_dialog.accepted.connect(self._on_restore_dialog_accepted)
        self.restore_dialog.open()

    @Slot()
    def _on_restore_dialog_accepted(self) -> None:
        dialog = self.restore_dialog
        if dialog is None or self._view is None:
            return
        self.start_restore(dialog.preview.backup.path, self._view.paths)

    def start_restore(self, file: Path, paths: DataPaths) -> None:
        self.restore_starting.emit()
        self._restore_result = None
        self._restore_error = None
        self.setEnabled(False)
        self.status_message.emit(self.tr("Restoring…"))
        root = paths.root
        self._runner.run(
            restore_backup,
            Path(file),
            on_success=self._on_restored,
            on_failure=self._on_restore_error,
            context=self,
        )

        def reopen() -> Workspace:
            return Workspace.open(root)

        # restore() closed the worker's Workspace (even when it failed): open the data again.
        self._runner.set_workspace_opener(
            reopen, on_success=self._on_reopened, on_failure=self._on_reopen_failed
        )

    @Slot(object)
    def _on_restored(self, result: RestoreResult) -> None:
        self._restore_result = result

    @Slot(object)
    def _on_restore_error(self, exc: Any) -> None:
        self._restore_error = exc

    @Slot(object)
    def _on_reopened(self, _none: Any) -> None:
        if self._restore_result is not None:
            log.info("restored %s", self._restore_result.preview.backup.name)
            self.data_restored.emit(self._restore_result)
            return
        self.setEnabled(True)
        self.restore_failed.emit()
        if self._restore_error is not None:
            self._prompter.error(self._restore_error, self.tr("The backup was not restored"))
        self.refresh()

    @Slot(object)
    def _on_reopen_failed(self, exc: Any) -> None:
        self.setEnabled(True)
        self.restore_failed.emit()
        self._prompter.error(exc, self.tr("The data cannot be opened"))
