"""The start-up check: a quick integrity check of the live database and, when it fails,
the newest good backup to offer instead of opening a damaged file."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from reports.paths import DataPaths
from reports.storage import integrity
from reports.storage.database import CorruptDatabaseError
from reports.storage.evidence_files import FileState, quick_file_check

if TYPE_CHECKING:
    from reports.backups.inspection import BackupRow


class DamagedDatabaseError(CorruptDatabaseError):
    """The start-up check failed and a good backup exists: the message offers it."""

    code = "db.damaged"
    vi = "Tệp dữ liệu {path} bị hỏng ({problem}). Bản sao lưu tốt gần nhất: {backup} (lúc {when}, {reports} báo cáo). Hãy khôi phục bản này: cchc backup restore {backup} (hoặc Cài đặt → Sao lưu → Khôi phục)."
    en = "The data file {path} is damaged ({problem}). The newest good backup is {backup} (made {when}, {reports} reports). Restore it: cchc backup restore {backup} (or Settings → Backups → Restore)."


class DamagedNoBackupError(CorruptDatabaseError):
    code = "db.damaged_no_backup"
    vi = "Tệp dữ liệu {path} bị hỏng ({problem}) và không có bản sao lưu tốt nào trong {folder}. Nếu có bản sao lưu trên USB, hãy khôi phục: cchc backup restore ĐƯỜNG_DẪN_TỆP. Đừng xóa tệp hỏng; hãy liên hệ bộ phận hỗ trợ."
    en = "The data file {path} is damaged ({problem}) and there is no good backup in {folder}. If a USB stick holds one, restore it: cchc backup restore PATH. Do not delete the damaged file; contact support."



class DatabaseState(StrEnum):
    OK = "ok"
    NEW = "new"  # no database yet: a first start
    DAMAGED = "damaged"


@dataclass(frozen=True)
class StartupCheck:
    """What the quick check at start found, and which backup to offer when it failed."""

    database: Path
    backups: Path
    state: DatabaseState
    problems: tuple[str, ...] = ()
    offer: BackupRow | None = None
    evidence: tuple[FileState, ...] = ()  # evidence files missing or of the wrong size

    def evidence_message(self, lang: str = "vi") -> str:
        """A warning (the database itself opens): which evidence files are gone, and what to do."""
        if not self.evidence:
            return ""
        names = ", ".join(f"{f.sha256[:12]}… ({'mất' if f.state == 'missing' else 'hỏng'})" for f in self.evidence)
        if lang == "en":
            names = ", ".join(f"{f.sha256[:12]}… ({f.state})" for f in self.evidence)
            return (f"{len(self.evidence)} evidence file(s) are missing or damaged in {self.evidence[0].path.parent.parent}: "
                    f"{names}. Restore a backup (its evidence folder) or attach the files again; "
                    "`cchc score show REPORT` names the criteria.")
        return (f"{len(self.evidence)} tệp tài liệu kiểm chứng bị mất hoặc hỏng trong {self.evidence[0].path.parent.parent}: "
                f"{names}. Hãy khôi phục từ bản sao lưu (thư mục evidence) hoặc đính kèm lại; "
                "lệnh `cchc score show SỐ_BÁO_CÁO` cho biết tiêu chí nào.")

    @property
    def ok(self) -> bool:
        return self.state is not DatabaseState.DAMAGED

    def error(self) -> CorruptDatabaseError:
        """The message to show (the GUI offers ``offer`` with a Restore button)."""
        problem = self.problems[0] if self.problems else "?"
        if self.offer is None:
            return DamagedNoBackupError(path=str(self.database), problem=problem, folder=str(self.backups))
        when = self.offer.taken_at.strftime("%H:%M %d/%m/%Y") if self.offer.taken_at else "?"
        return DamagedDatabaseError(
            path=str(self.database), problem=problem, backup=self.offer.name, when=when, reports=self.offer.reports
        )


def check_at_start(paths: DataPaths, *, folders: Sequence[Path] = ()) -> StartupCheck:
    """The quick integrity check of the live database; when it fails, the newest good
    backup to offer. For the desktop's start and ``cchc backup check``."""
    if not paths.database.exists():
        return StartupCheck(paths.database, paths.backups, DatabaseState.NEW)
    result = integrity.quick_check(paths.database)
    if result.ok:
        with integrity.open_file(paths.database) as conn:
            evidence = tuple(quick_file_check(conn, paths.evidence))
        return StartupCheck(paths.database, paths.backups, DatabaseState.OK, evidence=evidence)
    # Looking through the backups is for a damaged file only: every start pays for its import.
    from reports.backups.inspection import newest_good_backup

    return StartupCheck(
        paths.database, paths.backups, DatabaseState.DAMAGED, result.problems, newest_good_backup(paths, folders=folders)
    )


def ensure_sound(paths: DataPaths) -> StartupCheck:
    """The hook for ``Workspace.open``: raise the damaged-database error (offering the
    newest good backup) instead of opening a damaged file."""
    check = check_at_start(paths)
    if not check.ok:
        raise check.error()
    return check
