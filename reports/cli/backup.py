"""cchc backup create|list|restore|check: the same backup services the desktop calls.

``list``, ``restore`` and ``check`` work on a damaged database too: they use the data
folder's paths and never need the database to open.
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

from reports.cli.context import Context, add
from reports.errors import UsageError

if TYPE_CHECKING:
    from reports.backups import inspection
    from reports.backups import restore as restore_mod
    from reports.paths import DataPaths

REASONS = {
    "manual": ("sao lưu thủ công", "manual"),
    "daily": ("hằng ngày", "daily"),
    "close": ("khi đóng chương trình", "on close"),
    "before-import": ("trước khi nhận gói", "before an import"),
    "before-migration": ("trước khi nâng cấp dữ liệu", "before a data upgrade"),
    "before-restore": ("trước khi khôi phục", "before a restore"),
}
# Keyed by inspection.BackupState's values (a StrEnum member looks up as its value), so that
# `cchc --help` does not import the backup machinery.
STATES = {
    "ok": ("tốt", "ok"),
    "damaged": ("HỎNG", "DAMAGED"),
    "newer": ("của phiên bản mới hơn", "from a newer version"),
    "not_ours": ("không phải dữ liệu CCHC", "not CCHC data"),
}
YES = {"có", "co", "c", "yes", "y"}


def register(sub: Any) -> None:
    grp = sub.add_parser("backup", help="Sao lưu và khôi phục / backups and restore").add_subparsers(
        dest="sub", metavar="SUB")
    grp.required = True
    add(grp, "create", cmd_create, "Sao lưu ngay / back up now")
    add(grp, "list", cmd_list, "Danh sách bản sao lưu / list backups").add_argument("--json", action="store_true")
    p = add(grp, "restore", cmd_restore, "Khôi phục từ bản sao lưu / restore a backup")
    p.add_argument("file", metavar="FILE", help="tệp sao lưu, hoặc tên tệp trong thư mục backups (cchc backup list)")
    p.add_argument("--yes", action="store_true", help="không hỏi lại / do not ask for confirmation")
    add(grp, "check", cmd_check, "Kiểm tra tệp dữ liệu có bị hỏng không / check the database for damage")


def _paths(ctx: Context) -> DataPaths:
    from reports.paths import DataPaths
    return DataPaths(ctx.data_dir)


def _reason(ctx: Context, reason: str) -> str:
    vi, en = REASONS.get(reason, (reason, reason))
    return ctx.t(vi, en)


def _size(n: int) -> str:
    return f"{n / 1024:,.0f} KB".replace(",", ".")


def cmd_create(ctx: Context) -> int:
    from reports.backups import backup, policy
    result = backup.create_backup(ctx.ws, policy.Reason.MANUAL)
    s = result.summary
    ctx.say(f"Đã sao lưu {s.reports} báo cáo vào {result.path} ({_size(result.size)}).",
            f"Backed up {s.reports} reports to {result.path} ({_size(result.size)}).")
    if result.mirror is not None:
        ctx.say(f"Đã chép thêm vào {result.mirror}.", f"Also copied to {result.mirror}.")
    if result.mirror_error is not None:
        print(result.mirror_error.message(ctx.lang), file=ctx.err)
    return 0


def _row_json(row: inspection.BackupRow) -> dict[str, Any]:
    s = row.summary
    return {
        "file": row.name,
        "path": str(row.path),
        "taken_at": row.taken_at.isoformat() if row.taken_at else None,
        "reason": row.reason,
        "size": row.size,
        "state": row.state.value,
        "ok": row.ok,
        "problem": row.problem,
        "reports": s.reports if s else None,
        "newest_change": s.newest_change if s else None,
        "newest_period": s.newest_period if s else None,
        "schema_version": s.schema.version if s else None,
        "unit_code": s.unit_code if s else None,
    }


def cmd_list(ctx: Context) -> int:
    from reports.backups import inspection
    rows = inspection.list_backups(_paths(ctx))
    if ctx.args.json:
        print(json.dumps([_row_json(r) for r in rows], ensure_ascii=False, indent=2), file=ctx.out)
        return 0
    if not rows:
        ctx.say(f"Chưa có bản sao lưu nào trong {_paths(ctx).backups}.", f"No backups yet in {_paths(ctx).backups}.")
        return 0
    for r in rows:
        when = r.taken_at.strftime("%d/%m/%Y %H:%M") if r.taken_at else "?"
        vi, en = STATES[r.state]
        reports = ctx.t(f"{r.reports} báo cáo", f"{r.reports} reports") if r.reports is not None else "—"
        newest = _date(r.summary.newest_change if r.summary else None)
        print(f"{r.name}  {when}  {_reason(ctx, r.reason):<26} {_size(r.size):>9}  {reports:<13} "
              f"{ctx.t('sửa gần nhất', 'last change')} {newest}  {ctx.t(vi, en)}", file=ctx.out)
    return 0


def _date(text: str | None) -> str:
    if not text:
        return "—"
    from reports.clock import local_date, parse_iso

    return local_date(parse_iso(text)).strftime("%d/%m/%Y")


def _describe(ctx: Context, preview: restore_mod.RestorePreview) -> None:
    inc, cur = preview.incoming, preview.current
    when = preview.backup.taken_at.strftime("%H:%M %d/%m/%Y") if preview.backup.taken_at else "?"
    ctx.say(f"Bản sao lưu {preview.backup.name} (lúc {when}): {inc.reports} báo cáo, sửa gần nhất {_date(inc.newest_change)}.",
            f"Backup {preview.backup.name} (made {when}): {inc.reports} reports, last change {_date(inc.newest_change)}.")
    if cur is not None:
        ctx.say(f"Dữ liệu hiện tại: {cur.reports} báo cáo, sửa gần nhất {_date(cur.newest_change)}.",
                f"Current data: {cur.reports} reports, last change {_date(cur.newest_change)}.")
    if preview.current_damaged:
        ctx.say("Dữ liệu hiện tại bị hỏng; tệp hỏng sẽ được giữ lại trong thư mục backups.",
                "The current data is damaged; the damaged file will be kept in the backups folder.")
    if preview.reports_lost:
        ctx.say(f"Sau khi khôi phục sẽ mất {preview.reports_lost} báo cáo chỉ có trong dữ liệu hiện tại "
                "(vẫn còn trong bản sao lưu “trước khi khôi phục” được tạo ngay bây giờ).",
                f"After restoring, {preview.reports_lost} reports that exist only in the current data will be gone "
                "(they stay in the “before restore” backup made now).")
    if preview.reports_back:
        ctx.say(f"{preview.reports_back} báo cáo trong bản sao lưu sẽ có lại.",
                f"{preview.reports_back} reports from the backup will come back.")
    if preview.other_unit and cur is not None:
        ctx.say(f"CHÚ Ý: bản sao lưu là của đơn vị {inc.unit_name} ({inc.unit_code}), không phải {cur.unit_name} "
                f"({cur.unit_code}).",
                f"WARNING: the backup belongs to {inc.unit_name} ({inc.unit_code}), not {cur.unit_name} "
                f"({cur.unit_code}).")
    if preview.will_migrate:
        ctx.say("Bản sao lưu của phiên bản cũ hơn: dữ liệu sẽ được nâng cấp sau khi khôi phục.",
                "The backup is from an older version: the data will be upgraded after restoring.")


def cmd_restore(ctx: Context) -> int:
    from reports.backups import restore as restore_mod
    paths = _paths(ctx)
    preview = restore_mod.describe_restore(paths, ctx.args.file)
    _describe(ctx, preview)
    if not ctx.args.yes:
        if not sys.stdin.isatty():
            raise UsageError(
                detail="Khôi phục sẽ thay dữ liệu hiện tại: chạy lệnh trong cửa sổ dòng lệnh để xác nhận, hoặc thêm --yes.",
                detail_en="Restoring replaces the current data: run in a terminal to confirm, or add --yes.",
            )
        answer = input(ctx.t("Khôi phục? Gõ “có” để đồng ý: ", "Restore? Type “yes” to go ahead: "))
        if answer.strip().lower() not in YES:
            ctx.say("Đã hủy; dữ liệu không thay đổi.", "Cancelled; nothing changed.")
            return 2
    ctx.close()  # the restore needs every connection to the database closed
    result = restore_mod.restore(paths, preview.backup.path)
    if result.before is not None:
        ctx.say(f"Đã lưu dữ liệu trước khi khôi phục vào {result.before.path}.",
                f"The data before restoring was saved as {result.before.path}.")
    if result.set_aside is not None:
        ctx.say(f"Tệp dữ liệu hỏng được giữ lại tại {result.set_aside}.", f"The damaged data file was kept as {result.set_aside}.")
    ctx.say(f"Đã khôi phục từ {preview.backup.name}: {preview.incoming.reports} báo cáo.",
            f"Restored from {preview.backup.name}: {preview.incoming.reports} reports.")
    return 0


def cmd_check(ctx: Context) -> int:
    from reports.backups import startup
    check = startup.check_at_start(_paths(ctx))
    if check.state is startup.DatabaseState.NEW:
        ctx.say(f"Chưa có tệp dữ liệu trong {ctx.data_dir}.", f"There is no data file in {ctx.data_dir} yet.")
        return 0
    if check.ok:
        ctx.say("Tệp dữ liệu nguyên vẹn.", "The data file is sound.")
        if check.evidence:
            print(check.evidence_message(ctx.lang), file=ctx.err)
            return 1
        return 0
    print(check.error().message(ctx.lang), file=ctx.err)
    return 1
