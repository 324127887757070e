"""A folder: a network drive, a synced folder (OneDrive, Google Drive), or a USB stick.

Sending writes ``.<name>.partial`` and renames it, so the receiver never sees half a file;
a package already in the folder (or in its ``da-nhan``/``bi-tu-choi`` sub-folders) is not
written again. Receiving imports each ``.cchc`` in the watched folder (for a commune also
``phan-hoi/<its code>/``) and then moves it to ``da-nhan/`` or ``bi-tu-choi/``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import time
from pathlib import Path

from reports.exchange.packages.limits import Limits
from reports.exchange.receiving import Outcome
from reports.outbox.config import FEEDBACK_DIR, PROCESSED_DIR, REFUSED_DIR, TransportKind
from reports.outbox.errors import FolderMissingError, InterruptedTransferError, RemoteRefusedError
from reports.outbox.fetch import FetchedPackage, addressed_elsewhere, import_incoming
from reports.outbox.transport import PROBE_TIMEOUT, OutgoingPackage
from reports.storage.unit import Role
from reports.workspace import Workspace


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class FolderTransport:
    kind = TransportKind.FOLDER

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder).expanduser()

    def describe(self) -> str:
        return f"thư mục {self.folder}"

    def check_reachable(self, timeout: float = PROBE_TIMEOUT) -> None:
        # A USB stick or a network drive that is not there: its parent (the drive) is missing too.
        if not self.folder.is_dir() and not self.folder.parent.is_dir():
            raise FolderMissingError(folder=str(self.folder))

    def deliver(self, package: OutgoingPackage) -> str:
        target_dir = self.folder
        if package.kind == "feedback":
            target_dir = self.folder / FEEDBACK_DIR / package.recipient_code
        final = target_dir / package.file_name
        try:
            target_dir.mkdir(parents=True, exist_ok=True)
            for candidate in (final, target_dir / PROCESSED_DIR / package.file_name, target_dir / REFUSED_DIR / package.file_name):
                if candidate.is_file():
                    if _sha(candidate.read_bytes()) == _sha(package.data):
                        return str(candidate)
                    raise RemoteRefusedError(
                        detail=f"Trong {self.describe()} đã có tệp {package.file_name} nhưng khác nội dung. Hãy kiểm tra thư mục.",
                        detail_en=f"{self.describe()} already has a file {package.file_name} with other content. Check the folder.",
                    )
            temp = target_dir / f".{package.file_name}.partial"
            with open(temp, "wb") as fh:
                fh.write(package.data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(temp, final)
        except PermissionError as exc:
            raise RemoteRefusedError(detail=f"Không có quyền ghi vào {self.describe()}. Hãy chọn thư mục khác.",
                                     detail_en=f"No permission to write to {self.describe()}. Choose another folder.") from exc
        except OSError as exc:
            raise InterruptedTransferError(where=self.describe()) from exc
        return str(final)


class FolderFetcher:
    """The watched folder. A file younger than ``settle_seconds`` may still be being copied
    in, so it waits for the next fetch."""

    origin = "folder"

    def __init__(self, folder: str | Path, *, settle_seconds: float = 2.0, max_files: int = 500) -> None:
        self.folder = Path(folder).expanduser()
        self.settle_seconds = settle_seconds
        self.max_files = max_files

    def _candidates(self, ws: Workspace) -> list[Path]:
        unit = ws.require_unit()
        folders = [self.folder]
        if unit.role is Role.COMMUNE:
            folders.append(self.folder / FEEDBACK_DIR / unit.code)
        files: list[Path] = []
        for folder in folders:
            if folder.is_dir():
                files.extend(sorted(p for p in folder.iterdir()
                                    if p.is_file() and p.suffix.lower() == ".cchc" and not p.name.startswith(".")))
        return files[: self.max_files]

    def fetch(self, ws: Workspace, now: dt.datetime, found: list[FetchedPackage]) -> None:
        if not self.folder.is_dir():
            raise FolderMissingError(folder=str(self.folder))
        limit = Limits().max_package_bytes
        for path in self._candidates(ws):
            try:
                stat = path.stat()
                if time.time() - stat.st_mtime < self.settle_seconds:
                    continue
                with open(path, "rb") as fh:
                    data = fh.read(limit + 1)  # a larger file is refused by the reader with the size reason
            except OSError:
                continue  # gone or locked meanwhile; next time
            if addressed_elsewhere(ws, data):
                continue  # a shared folder holds others' packages too (our own submissions, say): not ours to touch
            source = f"folder:{path}"
            result = import_incoming(ws, data, path.name, source)
            found.append(FetchedPackage(self.origin, source, result))
            target = path.parent / (REFUSED_DIR if result.outcome is Outcome.REFUSED else PROCESSED_DIR)
            try:
                target.mkdir(exist_ok=True)
                os.replace(path, target / path.name)
            except OSError:
                pass  # a read-only folder (a CD, a shared drive): the next fetch says "already had"
