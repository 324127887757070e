"""The expected errors of making, mirroring and restoring backups, and how a failure while
writing one becomes one of them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from reports.environment import DISK_FULL_ERRNOS, GONE_ERRNOS, READ_ONLY_ERRNOS
from reports.errors import CchcError
from reports.storage.database import CorruptDatabaseError, DiskFullError, ReadOnlyError, classify


class BackupDiskFullError(DiskFullError):
    code = "backup.disk_full"
    vi = "Không đủ chỗ trống để sao lưu vào {folder}. Hãy xóa bớt tệp không cần thiết (hoặc chọn ổ khác) rồi sao lưu lại; dữ liệu đang dùng không bị ảnh hưởng."
    en = "There is not enough free space to back up into {folder}. Free some space (or choose another drive) and back up again; the data in use is unaffected."


class BackupFolderError(CchcError):
    code = "backup.folder"
    vi = "Không ghi được bản sao lưu vào {folder}: {reason}. Hãy kiểm tra thư mục (quyền ghi, ổ đĩa còn cắm) rồi sao lưu lại; dữ liệu đang dùng không bị ảnh hưởng."
    en = "Cannot write the backup into {folder}: {reason_en}. Check the folder (write permission, drive still connected) and back up again; the data in use is unaffected."


class BackupNotFoundError(CchcError):
    code = "backup.not_found"
    vi = "Không tìm thấy bản sao lưu {name}. Xem danh sách bằng lệnh: cchc backup list"
    en = "There is no backup {name}. List them with: cchc backup list"


class BackupDamagedError(CchcError):
    code = "backup.damaged"
    vi = "Bản sao lưu {name} bị hỏng hoặc không phải tệp dữ liệu Báo cáo CCHC ({problem}), nên không khôi phục từ tệp này. Hãy chọn bản sao lưu khác (cchc backup list); chưa có gì bị thay đổi."
    en = "Backup {name} is damaged or not a Báo cáo CCHC data file ({problem}), so it cannot be restored. Choose another backup (cchc backup list); nothing was changed."
    exit_code = 1


class BackupNewerError(CchcError):
    code = "backup.newer"
    vi = "Bản sao lưu {name} được tạo bởi phiên bản mới hơn của chương trình. Hãy cài phiên bản mới nhất của Báo cáo CCHC rồi khôi phục; chưa có gì bị thay đổi."
    en = "Backup {name} was made by a newer version of the program. Install the newest Báo cáo CCHC, then restore; nothing was changed."
    exit_code = 1


class DatabaseInUseError(CchcError):
    code = "backup.database_in_use"
    vi = "Tệp dữ liệu {path} đang được một chương trình khác mở (cửa sổ Báo cáo CCHC hoặc một lệnh cchc khác). Hãy đóng chương trình đó rồi khôi phục lại; chưa có gì bị thay đổi."
    en = "The data file {path} is open in another program (a Báo cáo CCHC window or another cchc command). Close it and restore again; nothing was changed."


class MirrorUnavailableError(CchcError):
    """A warning on a successful backup: the second folder is not there."""

    code = "backup.mirror_unavailable"
    vi = "Không thấy thư mục sao lưu thứ hai {folder} (USB đã rút?). Bản sao lưu chính vẫn được lưu tại {main}. Hãy cắm USB rồi sao lưu lại để có thêm bản trên USB."
    en = "The second backup folder {folder} is not there (USB stick removed?). The main backup was still saved as {main}. Plug the stick in and back up again to have a copy on it."


class MirrorFailedError(CchcError):
    """A warning on a successful backup: copying to the second folder failed half-way."""

    code = "backup.mirror_failed"
    vi = "Không chép được bản sao lưu sang {folder}: {reason}. Bản sao lưu chính vẫn được lưu tại {main}. Hãy kiểm tra USB rồi sao lưu lại."
    en = "Could not copy the backup to {folder}: {reason_en}. The main backup was still saved as {main}. Check the USB stick and back up again."


def os_reason(exc: OSError) -> tuple[str, str]:
    if exc.errno in DISK_FULL_ERRNOS:
        return "ổ đã đầy", "the drive is full"
    if exc.errno in READ_ONLY_ERRNOS:
        return "thư mục chỉ cho đọc", "the folder is read-only"
    if exc.errno in GONE_ERRNOS:
        return "thư mục hoặc ổ đĩa không còn", "the folder or drive is gone"
    return exc.strerror or str(exc), exc.strerror or str(exc)


def backup_error(exc: BaseException, folder: Path, db_path: Path) -> CchcError | None:
    """The expected error for a failure while writing a backup into ``folder``."""
    if isinstance(exc, sqlite3.Error):
        known = classify(exc, folder)
        if isinstance(known, DiskFullError):
            return BackupDiskFullError(folder=str(folder))
        if isinstance(known, ReadOnlyError):
            return BackupFolderError(folder=str(folder), reason="thư mục chỉ cho đọc", reason_en="the folder is read-only")
        if isinstance(known, CorruptDatabaseError):
            return CorruptDatabaseError(path=str(db_path))
        return known
    if isinstance(exc, OSError):
        if exc.errno in DISK_FULL_ERRNOS:
            return BackupDiskFullError(folder=str(folder))
        if exc.errno in READ_ONLY_ERRNOS | GONE_ERRNOS:
            vi, en = os_reason(exc)
            return BackupFolderError(folder=str(folder), reason=vi, reason_en=en)
    return None
