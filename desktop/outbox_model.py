"""The outbox page's data: the worker jobs that read and change the outbox, and its table model."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from desktop import settings_jobs
from reports.clock import VIETNAM
from reports.outbox import CredentialKey, OutboxEntry, OutboxState
from reports.storage.received import IncomingPackage, incoming_packages
from reports.workspace import Workspace

if TYPE_CHECKING:
    from reports.outbox import Outbox

ModelIndex = QModelIndex | QPersistentModelIndex

OUTBOX_SETTING_KEYS = (
    "outbox_transport",
    "smtp_host",
    "smtp_port",
    "smtp_security",
    "smtp_user",
    "reviewer_email",
    "webdav_url",
    "webdav_user",
    "outbox_folder",
)


def local_time(moment: dt.datetime | None) -> str:
    return moment.astimezone(VIETNAM).strftime("%H:%M %d/%m/%Y") if moment else ""


# ---------------------------------------------------------------- jobs (database worker)


def _outbox(ws: Workspace) -> Outbox:
    # The outbox service brings the export and import machinery (packages, signing checks):
    # it loads with the first job that needs it, not with the window.
    from reports.outbox import Outbox

    return Outbox(ws)


@dataclass(frozen=True)
class OutboxView:
    entries: list[OutboxEntry]
    settings: dict[str, Any]
    passwords: dict[str, bool]  # CredentialKey value -> one is stored
    incoming: list[IncomingPackage]
    role: str


def outbox_view(ws: Workspace) -> OutboxView:
    box = _outbox(ws)
    unit = ws.unit
    return OutboxView(
        box.entries(),
        {k: ws.settings.get(k) for k in OUTBOX_SETTING_KEYS},
        {k.value: box.has_password(k) for k in (CredentialKey.SMTP, CredentialKey.WEBDAV)},
        incoming_packages(ws.db, 200),
        unit.role.value if unit else "commune",
    )


def send_reports(ws: Workspace) -> tuple[list[OutboxEntry], OutboxView]:
    """The "Gửi" button: export what is ready into a package and queue it."""
    added = _outbox(ws).export_and_add()
    return added, outbox_view(ws)


def retry_now(ws: Workspace, package_id: str) -> OutboxView:
    _outbox(ws).retry_now(package_id)
    return outbox_view(ws)


def save_transport(ws: Workspace, settings: dict[str, Any], passwords: dict[str, str]) -> OutboxView:
    settings_jobs.save_settings(ws, {}, settings)
    box = _outbox(ws)
    for key, secret in passwords.items():
        box.set_password(key, secret)
    return outbox_view(ws)


def fetch_packages(ws: Workspace) -> tuple[Any, OutboxView]:
    return _outbox(ws).fetch(), outbox_view(ws)


# ---------------------------------------------------------------- the table


class Column(IntEnum):
    PACKAGE = 0
    STATE = 1
    ATTEMPTS = 2
    NEXT_TRY = 3
    ERROR = 4


# (text colour, background) per state: green delivered, blue on its way, amber waiting, red a person must act
STATE_COLOURS = {
    OutboxState.WAITING: ("#7a4d00", "#fff1cc"),
    OutboxState.SENDING: ("#0b4f8a", "#dcecfb"),
    OutboxState.SENT: ("#0b4f8a", "#e6f0fb"),
    OutboxState.DELIVERED: ("#1d6b2f", "#dff3e3"),
    OutboxState.NEEDS_ATTENTION: ("#9b1c1c", "#fde2e2"),
    OutboxState.FAILED: ("#9b1c1c", "#fde2e2"),
}


class OutboxTableModel(QAbstractTableModel):
    """The outbox's packages, newest first."""

    def __init__(self, parent: Any = None, *, lang: str = "vi") -> None:
        super().__init__(parent)
        self._lang = lang
        self._entries: list[OutboxEntry] = []

    def set_entries(self, entries: list[OutboxEntry]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def entry(self, row: int) -> OutboxEntry | None:
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def row_of(self, package_id: str) -> int:
        for i, e in enumerate(self._entries):
            if e.package_id == package_id:
                return i
        return -1

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = {
            Column.PACKAGE: self.tr("Package"),
            Column.STATE: self.tr("State"),
            Column.ATTEMPTS: self.tr("Attempts"),
            Column.NEXT_TRY: self.tr("Next try"),
            Column.ERROR: self.tr("Last problem"),
        }
        return titles.get(Column(section)) if 0 <= section < len(Column) else None

    def state_text(self, entry: OutboxEntry) -> str:
        state = entry.state
        if state is OutboxState.WAITING:
            return self.tr("waiting for the network") if entry.failures else self.tr("waiting to be sent")
        if state is OutboxState.SENDING:
            return self.tr("sending")
        if state is OutboxState.SENT:
            return self.tr("sent") if entry.kind == "feedback" else self.tr("sent, waiting for the receipt")
        if state is OutboxState.DELIVERED:
            return self.tr("receipt received")
        if state is OutboxState.NEEDS_ATTENTION:
            return self.tr("needs attention")
        return self.tr("cannot be sent")

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._entries)):
            return None
        e = self._entries[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            if column is Column.PACKAGE:
                return f"{e.file_name} ({e.label})" if e.label else e.file_name
            if column is Column.STATE:
                return self.state_text(e)
            if column is Column.ATTEMPTS:
                return e.attempts
            if column is Column.NEXT_TRY:
                return local_time(e.next_try_at) if e.state is OutboxState.WAITING else ""
            if column is Column.ERROR:
                showing = e.state in (OutboxState.WAITING, OutboxState.NEEDS_ATTENTION, OutboxState.FAILED)
                return e.error(self._lang) if showing else ""
        elif role == Qt.ItemDataRole.ToolTipRole and column in (Column.ERROR, Column.PACKAGE):
            return e.error(self._lang) if column is Column.ERROR else e.package_id
        elif (
            role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole)
            and column is Column.STATE
        ):
            fg, bg = STATE_COLOURS[e.state]
            return QColor(fg if role == Qt.ItemDataRole.ForegroundRole else bg)
        elif role == Qt.ItemDataRole.UserRole:
            return e.package_id
        return None
