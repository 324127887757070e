"""The environment's failures during any operation, told apart from bugs.

``reports.storage.database.classify`` knows SQLite's errors; an operation also writes files (a
package, a signed PDF, a backup) and fails on a full disk, a read-only folder or a drive
that was pulled out. ``expected_errors`` turns both kinds into the expected errors with a
plain message, so the CLI and the desktop's database worker need one ``with`` around a
service call instead of an ``except`` per call site. Anything else still propagates as a bug.
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from reports.errors import CchcError
from reports.files import FileInUseError, is_in_use
from reports.storage.database import DiskFullError, ReadOnlyError, classify

DISK_FULL_ERRNOS = frozenset({errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG})
READ_ONLY_ERRNOS = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})
# The drive went away under us: a removed USB stick, a dropped network share.
GONE_ERRNOS = frozenset({errno.ENOENT, errno.EIO, errno.ENODEV, errno.ENXIO, getattr(errno, "ESTALE", errno.EIO)})


class FolderUnavailableError(CchcError):
    code = "file.folder_unavailable"
    vi = "Không ghi được vào {path}: thư mục hoặc ổ đĩa không còn (USB đã rút, ổ mạng mất kết nối?). Hãy cắm lại ổ hoặc chọn thư mục khác rồi thử lại; dữ liệu đã lưu không bị ảnh hưởng."
    en = "Cannot write to {path}: the folder or drive is gone (USB stick removed, network drive disconnected?). Reconnect it or choose another folder and try again; saved data is unaffected."


def classify_os_error(exc: OSError, path: Path | str) -> CchcError | None:
    """The expected error for a failed file operation, or None when it is a bug."""
    if is_in_use(exc):  # Windows: another program holds the file (errno EACCES, but not read-only)
        return FileInUseError(path=str(path))
    if exc.errno in DISK_FULL_ERRNOS:
        return DiskFullError()
    if exc.errno in READ_ONLY_ERRNOS:
        return ReadOnlyError(path=str(path))
    if exc.errno in GONE_ERRNOS:
        return FolderUnavailableError(path=str(path))
    return None


@contextmanager
def expected_errors(path: Path | str) -> Iterator[None]:
    """Raise the expected error for the environment's failures inside the block.

    ``path`` names the data folder (or the file being written) in the message.
    """
    try:
        yield
    except sqlite3.Error as exc:
        known = classify(exc, path)
        if known is None:
            raise
        raise known from exc
    except OSError as exc:
        known = classify_os_error(exc, getattr(exc, "filename", None) or path)
        if known is None:
            raise
        raise known from exc
