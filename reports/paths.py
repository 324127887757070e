"""Where an installation keeps its files.

The data folder is, in order: ``--data-dir``, the ``CCHC_DATA_DIR`` environment variable,
or the user's data folder from platformdirs (``%LOCALAPPDATA%\\BaoCaoCCHC`` on Windows —
local, not roaming: a SQLite database must not be copied around by a domain profile —,
``~/.local/share/BaoCaoCCHC`` on Linux). Everything of one installation lives under it, so a
second ``--data-dir`` is a second, independent installation (how tests run a commune and a
reviewer side by side). Backups go to its ``backups`` folder (and to a second folder the user
chooses, such as a USB stick). Packages are offered for export, by default, in the user's
Documents folder (``%USERPROFILE%\\Documents\\Báo cáo CCHC``; ``~/Documents/Báo cáo CCHC``),
where an official looks for a file, rather than deep inside the hidden data folder.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import platformdirs
from platformdirs.api import PlatformDirsABC

from reports.clock import Clock

APP_NAME = "BaoCaoCCHC"
EXPORT_FOLDER_NAME = "Báo cáo CCHC"
# The file that makes a data folder a demo installation ("try with sample data", reports/demo.py):
# a file rather than a setting, so that no `cchc config set` can turn a demo into real data, and
# so that the window knows it before opening the database. Its text tells a person who finds it.
DEMO_MARKER_NAME = "DUNG-THU.txt"


def platform_dirs() -> PlatformDirsABC:
    """This system's conventions (Known Folders on Windows, XDG on Linux)."""
    return platformdirs.PlatformDirs(APP_NAME, appauthor=False, roaming=False)


def default_data_dir(dirs: PlatformDirsABC | None = None) -> Path:
    env = os.environ.get("CCHC_DATA_DIR")
    if env:
        return Path(env).expanduser()
    return Path((dirs or platform_dirs()).user_data_dir)


def default_export_dir(dirs: PlatformDirsABC | None = None) -> Path:
    """Where packages are offered to be written when the user has not chosen a folder yet."""
    documents = (dirs or platform_dirs()).user_documents_dir
    return Path(documents) / EXPORT_FOLDER_NAME


@dataclass(frozen=True)
class DataPaths:
    root: Path

    @property
    def database(self) -> Path:
        return self.root / "cchc.sqlite3"

    @property
    def keys(self) -> Path:
        return self.root / "keys"

    @property
    def installation_key(self) -> Path:
        return self.keys / "installation.p12"

    @property
    def signer_key(self) -> Path:
        return self.keys / "signer.p12"

    @property
    def exports(self) -> Path:
        return self.root / "exports"

    @property
    def quarantine(self) -> Path:
        return self.root / "quarantine"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def documents(self) -> Path:
        return self.root / "documents"

    @property
    def evidence(self) -> Path:
        """Evidence files of scoring reports, one per SHA-256 (backed up with the database)."""
        return self.root / "evidence"

    @property
    def demo_marker(self) -> Path:
        return self.root / DEMO_MARKER_NAME

    @property
    def is_demo(self) -> bool:
        """A demo installation filled with sample data: its PDFs say "MẪU", its packages are
        marked demo in their signed manifest, and a reviewer refuses them."""
        return self.demo_marker.is_file()

    def ensure(self) -> None:
        for d in (
            self.root,
            self.keys,
            self.exports,
            self.quarantine,
            self.backups,
            self.logs,
            self.documents,
            self.evidence,
        ):
            d.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):  # keys are for this user only (no effect on Windows)
            os.chmod(self.keys, 0o700)


class OpenInstallation(Protocol):
    """What services below the workspace need of an open one (``reports.workspace.Workspace``
    is one): a protocol, so that they never import the workspace that builds on them."""

    @property
    def paths(self) -> DataPaths: ...

    @property
    def clock(self) -> Clock: ...

    @property
    def actor(self) -> str: ...

    def close(self) -> None: ...


def paths_of(target: OpenInstallation | DataPaths) -> DataPaths:
    return target if isinstance(target, DataPaths) else target.paths
