"""The question before a restore: what the backup holds, what the data holds now, what changes.

``restore_summary`` words ``reports.backups.restore.describe_restore``'s preview in plain language;
``RestoreDialog`` shows it with "Khôi phục" / "Hủy". Without windows (``--no-err-windows``)
the same text goes to ``Prompter.ask_yes_no`` (see ``confirm_restore``).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.appearance import set_font_scale
from desktop.prompter import Prompter
from reports.backups.restore import RestorePreview
from reports.clock import VIETNAM


def _date(moment: dt.datetime | None) -> str:
    return moment.astimezone(VIETNAM).strftime("%d/%m/%Y") if moment else "?"


def _date_time(moment: dt.datetime | None) -> str:
    return moment.astimezone(VIETNAM).strftime("%H:%M %d/%m/%Y") if moment else "?"


def restore_summary(preview: RestorePreview) -> str:
    """What restoring would change, in the user's language."""
    incoming = preview.incoming
    lines = [
        QCoreApplication.translate(
            "RestoreDialog", "The backup of %1 holds %2 reports; the newest was changed on %3."
        )
        .replace("%1", _date_time(preview.backup.taken_at))
        .replace("%2", str(incoming.reports))
        .replace("%3", _date(incoming.newest_change_at))
    ]
    current = preview.current
    if current is None:
        lines.append(
            QCoreApplication.translate("RestoreDialog", "The current data cannot be read: it is damaged.")
        )
    else:
        lines.append(
            QCoreApplication.translate(
                "RestoreDialog", "The data now holds %1 reports; the newest was changed on %2."
            )
            .replace("%1", str(current.reports))
            .replace("%2", _date(current.newest_change_at))
        )
    if preview.reports_lost:
        lines.append(
            QCoreApplication.translate(
                "RestoreDialog", "%1 reports will be lost: they are not in the backup."
            ).replace("%1", str(preview.reports_lost))
        )
    if preview.reports_back:
        lines.append(
            QCoreApplication.translate("RestoreDialog", "%1 reports that are gone now come back.").replace(
                "%1", str(preview.reports_back)
            )
        )
    if current is not None and not preview.reports_lost and not preview.reports_back:
        lines.append(
            QCoreApplication.translate(
                "RestoreDialog", "The same reports are in both; what changed since the backup is undone."
            )
        )
    if preview.other_unit:
        lines.append(
            QCoreApplication.translate(
                "RestoreDialog",
                "Careful: this backup belongs to another unit (%1) than the current data (%2).",
            )
            .replace("%1", f"{incoming.unit_name or ''} {incoming.unit_code or ''}".strip())
            .replace("%2", (current.unit_code if current else None) or "?")
        )
    if preview.will_migrate:
        lines.append(
            QCoreApplication.translate(
                "RestoreDialog",
                "The backup was made by an older version of the program; it is brought up to date.",
            )
        )
    if preview.current_damaged:
        lines.append(
            QCoreApplication.translate(
                "RestoreDialog", "The damaged data file is kept aside in the backups folder, not deleted."
            )
        )
    elif current is not None:
        lines.append(
            QCoreApplication.translate(
                "RestoreDialog", "A backup of the current data is made first, so this can be undone."
            )
        )
    return "\n".join(lines)


class RestoreDialog(QDialog):
    """Shows what a restore changes; accepted means "restore"."""

    def __init__(self, preview: RestorePreview, *, intro: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle(self.tr("Restore a backup"))
        heading = QLabel(self.tr("Restore the backup %1?").replace("%1", preview.backup.name))
        heading.setWordWrap(True)
        set_font_scale(heading, 1.15, bold=True)
        layout = QVBoxLayout(self)
        if intro:
            self.intro_label = QLabel(intro)
            self.intro_label.setWordWrap(True)
            self.intro_label.setTextFormat(Qt.TextFormat.PlainText)
            layout.addWidget(self.intro_label)
        layout.addWidget(heading)
        self.summary_label = QLabel(restore_summary(preview))
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary_label)
        buttons = QDialogButtonBox()
        self.restore_button: QPushButton = buttons.addButton(
            self.tr("&Restore"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button: QPushButton = buttons.addButton(
            self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.cancel_button.setDefault(True)  # replacing data is never the default
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)


def confirm_restore(
    preview: RestorePreview,
    prompter: Prompter,
    *,
    headless: bool,
    intro: str = "",
    parent: QWidget | None = None,
) -> bool:
    """Ask, blocking: the dialog, or the prompter when no window may be shown."""
    if headless:
        text = "\n\n".join(t for t in (intro, restore_summary(preview)) if t)
        return prompter.ask_yes_no(
            QCoreApplication.translate("RestoreDialog", "Restore a backup"),
            text,
            yes_text=QCoreApplication.translate("RestoreDialog", "&Restore"),
            no_text=QCoreApplication.translate("RestoreDialog", "Cancel"),
        )
    dialog = RestoreDialog(preview, intro=intro, parent=parent)
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()
