"""Sending and receiving by file: "Xuất gói gửi" (export package) and "Nhận phản hồi".

The package is written to a folder the official picks (a USB stick when one is plugged in is
offered first; the last folder is remembered in the setting ``export_folder``). Receiving
takes a ``.cchc`` from a file dialog or dropped on the window. Both run on the database
worker; the window shows a busy bar meanwhile. A feedback package from a reviewing office
whose certificate is not trusted yet is refused by the core; the official is asked to
compare the fingerprint by phone, and only then is the certificate trusted and the package
imported again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from desktop.prompter import Prompter
from desktop.tasks import TaskRunner
from reports.errors import CchcError

log = logging.getLogger(__name__)

PACKAGE_SUFFIX = ".cchc"
NOT_TRUSTED = "certificate_not_bound"


# ---------------------------------------------------------------- removable drives


@dataclass(frozen=True)
class Volume:
    root: Path
    name: str


def removable_volumes() -> list[Volume]:
    """USB sticks plugged in, named by their drive label ("KINGSTON"; the dialog adds the root)."""
    from reports.drives import removable_drives

    return [Volume(d.root, d.label or d.display_name()) for d in removable_drives() if d.writable]


# ---------------------------------------------------------------- on the database worker


def export_folder_setting(ws: Any) -> str:
    """The folder chosen last time, else Documents\\Báo cáo CCHC if it exists, else Documents."""
    from reports.paths import default_export_dir

    remembered = str(ws.settings.get("export_folder") or "")
    if remembered:
        return remembered
    folder = default_export_dir()
    return str(folder if folder.is_dir() else folder.parent)


def export_to(ws: Any, folder: str) -> Any:
    """Remember the folder, write the package there; an ExportResult."""
    from reports.environment import expected_errors
    from reports.exchange.sync import export_package

    ws.settings.set("export_folder", folder)
    with expected_errors(folder):
        return export_package(ws, Path(folder))


@dataclass(frozen=True)
class Queued:
    """A package put in the outbox by "Gửi": where its copy is and how it will leave."""

    path: Path
    transport: str  # reports.outbox.config.TransportKind value


def outbox_transport(ws: Any) -> str:
    """How the outbox sends ("email", "webdav", "folder"), or "" when it is not set up."""
    from reports.outbox.config import OutboxConfig, TransportKind

    kind = OutboxConfig.from_settings(ws.settings).transport
    return "" if kind is TransportKind.NONE else kind.value


def export_to_outbox(ws: Any) -> Queued:
    from reports.environment import expected_errors
    from reports.outbox.enqueue import export_and_enqueue

    folder = Path(ws.settings.get("export_folder") or ws.paths.exports)
    with expected_errors(str(folder)):
        entries = export_and_enqueue(ws, folder)
    return Queued(folder / entries[0].file_name, outbox_transport(ws))


@dataclass(frozen=True)
class Received:
    result: Any  # reports.exchange.sync.ImportResult
    path: Path
    fingerprint: str = ""  # of a sender not trusted yet
    sender_name: str = ""
    trusted_now: bool = False


def receive(ws: Any, path: Path, *, trusted_now: bool = False) -> Received:
    """Import one package (after a backup when one is due)."""
    from reports.exchange.sync import Outcome, import_files

    results = import_files(ws, [path])
    result = results[0]
    fingerprint = sender = ""
    if result.outcome is Outcome.REFUSED and result.code == NOT_TRUSTED:
        from reports.exchange.packages.reader import read_package
        from reports.signing.keys import format_fingerprint

        opened = read_package(Path(path))
        fingerprint = format_fingerprint(opened.certificate)
        sender = opened.manifest.sender.unit_name
    return Received(result, Path(path), fingerprint, sender, trusted_now)


def trust_and_receive(ws: Any, path: Path) -> Received:
    from reports.exchange.sync import trust_package_sender

    trust_package_sender(ws, Path(path))
    return receive(ws, path, trusted_now=True)


# ---------------------------------------------------------------- the window's side


def is_package(path: Path) -> bool:
    return path.suffix.lower() == PACKAGE_SUFFIX and path.is_file()


class SendReceive(QObject):
    """The two actions of the main window; it owns no widget, it asks through the prompter."""

    busy_changed = Signal(bool, str)  # busy, what is being done
    exported = Signal(object)  # reports.exchange.sync.ExportResult
    queued = Signal(object)  # Queued: the background sender should wake up
    received = Signal(object)  # Received
    reports_changed = Signal()

    def __init__(
        self,
        runner: TaskRunner,
        prompter: Prompter,
        *,
        lang: str = "vi",
        volumes: Callable[[], list[Volume]] = removable_volumes,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._prompter = prompter
        self._lang = lang
        self._volumes = volumes
        self._busy = False
        self._last_receive_folder = ""

    @property
    def busy(self) -> bool:
        return self._busy

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self._busy = busy
        self.busy_changed.emit(busy, text)

    # ------------------------------------------------------------ send (the step bar's last step)

    @Slot()
    def send(self) -> None:
        """Send what is ready: through the outbox when it is set up, else to a USB stick or
        a folder (then the official carries or mails the file)."""
        if self._busy:
            return
        self._runner.run(outbox_transport, on_success=self._on_transport_loaded, context=self)

    @Slot(str)
    def _on_transport_loaded(self, transport: str) -> None:
        if not transport:
            self.export()
            return
        self._set_busy(True, self.tr("Putting the package in the outbox…"))
        self._runner.run(
            export_to_outbox, on_success=self._on_queued, on_failure=self._on_export_failed, context=self
        )

    @Slot(object)
    def _on_queued(self, queued: Queued) -> None:
        self._set_busy(False)
        self.queued.emit(queued)
        self.reports_changed.emit()
        how = {
            "email": self.tr("by e-mail"),
            "webdav": self.tr("to the reviewing office's server"),
            "folder": self.tr("to the shared folder"),
        }.get(queued.transport, "")
        text = (
            self.tr(
                "The report is in the outbox and will be sent %1 as soon as there is a connection; the "
                "Outbox page shows when it has left.\n\nA copy of the package is here:\n%2"
            )
            .replace("%1", how)
            .replace("%2", str(queued.path))
        )
        if self._prompter.inform(self.tr("Sending"), text, action_text=self.tr("Open folder")):
            self._prompter.show_folder(queued.path.parent)

    # ------------------------------------------------------------ export

    @Slot()
    def export(self) -> None:
        if self._busy:
            return
        self._runner.run(export_folder_setting, on_success=self._on_export_folder_loaded, context=self)

    @Slot(object)
    def _on_export_folder_loaded(self, remembered: str) -> None:
        title = self.tr("Export package")
        folder: Path | None = None
        for volume in self._volumes():
            if self._prompter.ask_yes_no(
                title,
                self.tr("A USB drive is plugged in: “%1” (%2). Write the package to it?")
                .replace("%1", volume.name)
                .replace("%2", str(volume.root)),
                default=True,
                yes_text=self.tr("Write to this drive"),
                no_text=self.tr("Choose another folder"),
            ):
                folder = volume.root
                break
        if folder is None:
            start = remembered if remembered and Path(remembered).is_dir() else str(Path.home())
            folder = self._prompter.choose_folder(self.tr("Choose the folder for the package"), start)
        if folder is None:
            return
        self._set_busy(True, self.tr("Writing the package…"))
        self._runner.run(
            export_to,
            str(folder),
            on_success=self._on_exported,
            on_failure=self._on_export_failed,
            context=self,
        )

    @Slot(object)
    def _on_exported(self, result: Any) -> None:
        self._set_busy(False)
        self.exported.emit(result)
        self.reports_changed.emit()
        count = len(result.report_ids)
        path = Path(result.path)
        text = (
            self.tr(
                "The package is written (%1 reports, %2 KB).\n\nFolder: %3\nFile: %4\n\nIt has not been "
                "sent yet: take this file to the reviewing office, or attach it to an e-mail to them."
            )
            .replace("%1", str(count))
            .replace("%2", f"{max(1, round(result.size / 1024)):,}".replace(",", "."))
            .replace("%3", str(path.parent))
            .replace("%4", path.name)
        )
        # News, not a question: an information icon and "Open folder" beside "Close".
        if self._prompter.inform(self.tr("Package exported"), text, action_text=self.tr("Open folder")):
            self._prompter.show_folder(Path(result.path).parent)

    @Slot(object)
    def _on_export_failed(self, exc: CchcError) -> None:
        self._set_busy(False)
        self._prompter.error(exc, self.tr("The package was not written"))

    # ------------------------------------------------------------ receive

    @Slot()
    def receive(self, path: Path | None = None) -> None:
        if self._busy:
            return
        if path is None:
            path = self._prompter.open_file(
                self.tr("Receive feedback"),
                self.tr("Packages (*.cchc)"),
                self._last_receive_folder or str(Path.home()),
            )
            if path is None:
                return
        self._last_receive_folder = str(Path(path).parent)
        self._set_busy(True, self.tr("Reading the package…"))
        self._runner.run(
            receive,
            Path(path),
            on_success=self._on_received,
            on_failure=self._on_receive_failed,
            context=self,
        )

    @Slot(object)
    def _on_received(self, received: Received) -> None:
        from reports.exchange.sync import Outcome

        self._set_busy(False)
        result = received.result
        title = self.tr("Receive feedback")
        if result.outcome is Outcome.IMPORTED:
            lines = [f"• {c}" for c in result.changes] or [self.tr("• Nothing to change.")]
            self._prompter.info(
                title,
                self.tr("Received the package %1. What changed:").replace("%1", result.name)
                + "\n\n"
                + "\n".join(lines),
            )
            self.reports_changed.emit()
        elif result.outcome is Outcome.ALREADY_HAD:
            self._prompter.info(
                title,
                self.tr("The package %1 was already received before; nothing changed.").replace(
                    "%1", result.name
                ),
            )
        elif result.code == NOT_TRUSTED and received.fingerprint and not received.trusted_now:
            self._ask_to_trust(received)
        else:
            self._prompter.warning(
                self.tr("The package was refused"),
                (result.reason_en if self._lang == "en" else result.reason)
                + (
                    "\n\n" + self.tr("A copy is kept in: %1").replace("%1", str(result.quarantined))
                    if result.quarantined
                    else ""
                ),
            )
        self.received.emit(received)

    def _ask_to_trust(self, received: Received) -> None:
        question = (
            self.tr(
                "This package comes from %1, whose certificate this computer does not know yet.\n\n"
                "Its fingerprint:\n%2\n\nPhone the reviewing office and ask them to read out the "
                "fingerprint of their certificate. Only if every character matches, trust it.\n\n"
                "Have you phoned the reviewing office and compared the fingerprint?"
            )
            .replace("%1", received.sender_name)
            .replace("%2", received.fingerprint)
        )
        if not self._prompter.ask_yes_no(
            self.tr("Confirm the reviewing office's certificate"),
            question,
            default=False,
            yes_text=self.tr("Yes, it matches: trust and receive"),
            no_text=self.tr("Not yet"),
        ):
            self._prompter.info(
                self.tr("Receive feedback"),
                self.tr(
                    "The package was not received. Receive it again after comparing the fingerprint by phone."
                ),
            )
            return
        self._set_busy(True, self.tr("Reading the package…"))
        self._runner.run(
            trust_and_receive,
            received.path,
            on_success=self._on_received,
            on_failure=self._on_receive_failed,
            context=self,
        )

    @Slot(object)
    def _on_receive_failed(self, exc: CchcError) -> None:
        self._set_busy(False)
        self._prompter.error(exc, self.tr("The package was not received"))


def dropped_packages(paths: list[Path]) -> list[Path]:
    """The .cchc files among what was dropped on the window."""
    return [p for p in paths if is_package(p)]
