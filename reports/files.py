"""Writing files so that a power cut never leaves half of one under its real name.

Windows differs from POSIX in three ways that matter here, each handled explicitly:

- **A file another process holds open cannot be replaced.** Antivirus scanners and PDF viewers
  open files without FILE_SHARE_DELETE, and ``os.replace`` over them fails with a sharing
  violation (WinError 32) or "access denied" (WinError 5) for as long as they hold it — often
  a fraction of a second. ``replace_file`` retries with back-off, then raises ``FileInUseError``
  naming the file; the temporary copy is removed and the old file stays whole.
- **A folder cannot be fsynced** (it cannot even be opened): NTFS journals the rename itself.
  ``fsync_dir`` is a stated no-op there.
- **A rename cannot cross drives** (USB stick ≠ system drive; EXDEV on POSIX too).
  ``move_file`` copies next to the target, verifies the copy byte for byte, then renames it
  into place and removes the source.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path

from reports.errors import CchcError

log = logging.getLogger(__name__)

IS_WINDOWS = sys.platform == "win32"

# WinError 5 (access denied: a file open for reading, or marked for deletion), 32 (sharing
# violation) and 33 (lock violation) are what an open handle in another process gives.
_WINDOWS_IN_USE = frozenset({5, 32, 33})
# Back-off between attempts, in seconds: about 3 s in all, enough for a scanner's look.
REPLACE_DELAYS = (0.05, 0.1, 0.2, 0.4, 0.8, 1.5)


class FileInUseError(CchcError):
    code = "file.in_use"
    vi = (
        "Không thay được tệp {path} vì một chương trình khác đang mở nó (trình đọc PDF, Excel, "
        "phần mềm diệt virus…). Hãy đóng tệp đó rồi thử lại; tệp cũ vẫn còn nguyên."
    )
    en = (
        "Cannot replace {path}: another program has it open (a PDF viewer, Excel, an antivirus…). "
        "Close it and try again; the old file is unchanged."
    )


class CopyMismatchError(CchcError):
    code = "file.copy_mismatch"
    vi = (
        "Bản chép sang {path} không giống bản gốc (ổ USB hỏng hoặc bị rút giữa chừng?). Hãy thử "
        "lại, hoặc dùng USB khác; bản gốc vẫn còn nguyên."
    )
    en = (
        "The copy written to {path} differs from the original (a faulty USB stick, or pulled out "
        "midway?). Try again, or use another stick; the original is unchanged."
    )


def is_in_use(exc: OSError) -> bool:
    """Whether ``exc`` means another process holds the file (worth waiting for)."""
    winerror = getattr(exc, "winerror", None)
    if winerror is not None:
        return int(winerror) in _WINDOWS_IN_USE
    return exc.errno in (errno.EBUSY, errno.ETXTBSY)


def replace_file(
    src: Path,
    dst: Path,
    *,
    delays: tuple[float, ...] = REPLACE_DELAYS,
    replace: Callable[[Path, Path], None] = os.replace,
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    """``os.replace(src, dst)``, waiting with back-off while another process holds ``dst``.

    On giving up, ``src`` is removed and ``FileInUseError`` raised: ``dst`` keeps its old,
    whole content. ``replace`` and ``sleep`` are parameters so tests on Linux can play the
    part of Windows' sharing rules.
    """
    for attempt in range(len(delays) + 1):
        try:
            replace(src, dst)
            return
        except OSError as exc:
            if not is_in_use(exc):
                raise
            if attempt == len(delays):
                log.warning("gave up replacing %s after %d tries: %r", dst, attempt + 1, exc)
                remove_quietly(src)
                raise FileInUseError(path=str(dst)) from exc
            sleep(delays[attempt])


def write_atomic(
    path: Path,
    data: bytes,
    *,
    private: bool = False,
    suffix: str = ".tmp",
    make_folder: bool = True,
    replace: Callable[[Path, Path], None] = os.replace,
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    """Write to a temporary name next to ``path``, fsync, then rename over it. ``private``:
    readable by this user only (keys, credentials; POSIX permissions, no effect on Windows).
    ``make_folder=False`` for a folder the user chose: a pulled-out stick is not re-created."""
    path = Path(path)
    if make_folder:
        path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + suffix)
    fd = os.open(
        tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600 if private else 0o644
    )
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        replace_file(tmp, path, replace=replace, sleep=sleep)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def move_file(src: Path, dst: Path, *, replace: Callable[[Path, Path], None] = os.replace) -> None:
    """Move ``src`` to ``dst``, atomically at ``dst`` even across drives.

    Same drive: one rename. Another drive (``os.replace`` would fail with EXDEV, or
    WinError 17 "cannot move the file to a different disk drive"): copy to a temporary name
    beside ``dst``, fsync, read it back and compare, rename it into place, then remove ``src``.
    """
    src, dst = Path(src), Path(dst)
    if same_drive(src, dst.parent):
        replace_file(src, dst, replace=replace)
        fsync_dir(dst.parent)
        return
    tmp = dst.with_name(dst.name + ".partial")
    try:
        with open(src, "rb") as fin, open(tmp, "wb") as fout:
            shutil.copyfileobj(fin, fout, 1 << 20)
            fout.flush()
            os.fsync(fout.fileno())
        if _sha256(tmp) != _sha256(src):
            raise CopyMismatchError(path=str(dst))
        replace_file(tmp, dst, replace=replace)
    except BaseException:
        remove_quietly(tmp)
        raise
    fsync_dir(dst.parent)
    os.remove(src)


def same_drive(a: Path, b: Path) -> bool:
    """Whether a rename from ``a`` into folder ``b`` stays on one device (or drive letter)."""
    try:
        return os.stat(a).st_dev == os.stat(b).st_dev
    except OSError:
        return False


def _sha256(path: Path) -> str:
    import hashlib  # loads OpenSSL (~4 ms): imported where a hash is made, not by the window's start

    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def fsync_file(path: Path) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def fsync_dir(folder: Path) -> None:
    """Make a rename durable. POSIX only: Windows cannot open a folder as a file, and NTFS
    journals the rename itself, so there it is deliberately nothing."""
    if IS_WINDOWS:
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def remove_quietly(*paths: Path) -> None:
    """Remove what exists of ``paths``; a file that cannot go is left for next time."""
    for p in paths:
        with contextlib.suppress(OSError):
            os.remove(p)
