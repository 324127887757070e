"""cchc outbox: add, list, send, retry, fetch, password, contact (docs/outbox.md)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reports.cli.context import Context, add, secret_from

if TYPE_CHECKING:
    from reports.outbox import Outbox, OutboxEntry


def register(sub: Any) -> None:
    """Adds the outbox commands to the parser."""
    from reports.outbox.config import CredentialKey
    box = sub.add_parser("outbox", help="Hộp thư đi: gửi tự động, nhận gói / the outbox").add_subparsers(
        dest="sub", metavar="SUB")
    box.required = True
    p = add(box, "add", cmd_add, "Đưa gói vào hộp thư đi (không có TỆP: xuất gói mới) / queue a package")
    p.add_argument("file", nargs="?", metavar="FILE", help="gói .cchc đã xuất; bỏ trống để xuất và đưa vào ngay")
    p.add_argument("--all", action="store_true", help="khi xuất: gửi lại tất cả báo cáo đã hoàn thành")
    p.add_argument("-o", "--output", default=None, help="thư mục lưu gói xuất (mặc định: cài đặt export_folder)")
    add(box, "list", cmd_list, "Các gói trong hộp thư đi / list the outbox").add_argument("--json", action="store_true")
    add(box, "send", cmd_send, "Gửi các gói đến lượt / send what is due").add_argument("--json", action="store_true")
    p = add(box, "retry", cmd_retry, "Gửi lại ngay một gói / retry a package now")
    p.add_argument("package_id", metavar="ID", help="mã gói (8 ký tự đầu là đủ)")
    add(box, "fetch", cmd_fetch, "Nhận gói từ hộp thư, máy chủ chung, thư mục theo dõi / fetch packages").add_argument(
        "--json", action="store_true")
    p = add(box, "password", cmd_password, "Lưu mật khẩu máy chủ (smtp, webdav, imap) / store a server password")
    p.add_argument("key", choices=[k.value for k in CredentialKey])
    p.add_argument("--password-env", metavar="VAR", help="đọc mật khẩu từ biến môi trường này")
    p.add_argument("--delete", action="store_true", help="xóa mật khẩu đã lưu")
    p = add(box, "contact", cmd_contact, "Địa chỉ thư của một xã để gửi phản hồi / a commune's e-mail address")
    p.add_argument("unit_code", metavar="UNIT")
    p.add_argument("email", metavar="EMAIL", nargs="?", help="bỏ trống để xem")


def _local(moment: dt.datetime | None) -> str:
    from reports.clock import VIETNAM
    return moment.astimezone(VIETNAM).strftime("%d/%m/%Y %H:%M") if moment else ""


def _line(ctx: Context, e: OutboxEntry) -> str:
    parts = [e.short_id, e.file_name, e.state_label(ctx.lang)]
    if e.attempts:
        parts.append(ctx.t(f"{e.attempts} lần gửi", f"{e.attempts} attempts"))
    if e.next_try_at and e.state.value == "waiting":
        parts.append(ctx.t(f"thử lại lúc {_local(e.next_try_at)}", f"next try {_local(e.next_try_at)}"))
    line = "  ".join(parts)
    if e.last_error and e.state.value in ("waiting", "needs_attention", "failed"):
        line += "\n    " + e.error(ctx.lang)
    return line


def cmd_add(ctx: Context) -> int:
    from reports.outbox import Outbox
    box = Outbox(ctx.ws)
    if ctx.args.file:
        entries = [box.add_file(Path(ctx.args.file))]
    else:
        entries = box.export_and_add(Path(ctx.args.output) if ctx.args.output else None, everything=ctx.args.all)
    for e in entries:
        ctx.say(f"Đã đưa vào hộp thư đi: {e.file_name} ({e.size:,} byte).".replace(",", "."),
                f"Queued: {e.file_name} ({e.size:,} bytes).")
    if not entries:
        ctx.say("Không có gói nào cần gửi.", "Nothing to send.")
    ctx.say("Gói sẽ tự gửi khi có mạng (hoặc chạy: cchc outbox send).",
            "It will leave by itself when the network allows (or run: cchc outbox send).")
    return 0


def cmd_list(ctx: Context) -> int:
    from reports.outbox import Outbox
    entries = Outbox(ctx.ws).entries()
    if ctx.args.json:
        print(json.dumps([e.as_dict(ctx.lang) for e in entries], ensure_ascii=False, indent=2), file=ctx.out)
        return 0
    if not entries:
        ctx.say("Hộp thư đi trống.", "The outbox is empty.")
    for e in entries:
        print(_line(ctx, e), file=ctx.out)
    return 0


def _send(ctx: Context, box: Outbox) -> int:
    from reports.outbox import AttemptOutcome
    run = box.sender().run_once()
    if getattr(ctx.args, "json", False):
        data = {"attempts": [{"package_id": a.package_id, "file": a.file_name, "outcome": a.outcome.value,
                              "message": a.message(ctx.lang), "next_try": a.next_try.isoformat() if a.next_try else None}
                             for a in run.attempts],
                "next_wake": run.next_wake.isoformat() if run.next_wake else None}
        print(json.dumps(data, ensure_ascii=False, indent=2), file=ctx.out)
    else:
        labels = {
            AttemptOutcome.SENT: ("đã gửi", "sent"), AttemptOutcome.RETRY: ("chưa gửi được, sẽ thử lại", "not sent, will retry"),
            AttemptOutcome.OFFLINE: ("chờ mạng", "waiting for the network"),
            AttemptOutcome.NEEDS_ATTENTION: ("cần xử lý", "needs attention"),
            AttemptOutcome.FAILED: ("không gửi được", "cannot be sent"),
            AttemptOutcome.SKIPPED: ("đang được gửi ở nơi khác", "being sent elsewhere"),
        }
        for a in run.attempts:
            vi, en = labels[a.outcome]
            print(f"{a.file_name}: {ctx.t(vi, en)}", file=ctx.out)
            if a.message(ctx.lang):
                print(f"    {a.message(ctx.lang)}", file=ctx.out)
        if not run.attempts:
            ctx.say("Không có gói nào đến lượt gửi.", "Nothing is due.")
        if run.next_wake:
            ctx.say(f"Lần gửi tiếp theo: {_local(run.next_wake)}.", f"Next try: {_local(run.next_wake)}.")
    return 2 if run.needs_attention else 0


def cmd_send(ctx: Context) -> int:
    from reports.outbox import Outbox
    return _send(ctx, Outbox(ctx.ws))


def cmd_retry(ctx: Context) -> int:
    from reports.outbox import Outbox
    box = Outbox(ctx.ws)
    entry = box.retry_now(ctx.args.package_id)
    ctx.say(f"Gửi lại ngay gói {entry.file_name}.", f"Retrying {entry.file_name} now.")
    return _send(ctx, box)


def cmd_fetch(ctx: Context) -> int:
    from reports.outbox import Outbox
    run = Outbox(ctx.ws).fetch()
    if ctx.args.json:
        data = {"fetched": [{"origin": f.origin, "source": f.source, "file": f.result.name, "outcome": f.result.outcome.value,
                             "reason": f.result.reason if ctx.lang == "vi" else f.result.reason_en, "sender": f.result.sender}
                            for f in run.fetched],
                "errors": [{"origin": o, "code": e.code, "message": e.message(ctx.lang)} for o, e in run.errors],
                "sources": run.sources}
        print(json.dumps(data, ensure_ascii=False, indent=2), file=ctx.out)
    else:
        if not run.sources:
            ctx.say("Chưa cài đặt nguồn nhận gói nào (imap_host, webdav_url, watch_folder).",
                    "No source to fetch from is set up (imap_host, webdav_url, watch_folder).")
        for f in run.fetched:
            print(f.line(ctx.lang), file=ctx.out)
            for change in f.result.changes:
                print(f"  - {change}", file=ctx.out)
        for _, exc in run.errors:
            print(exc.message(ctx.lang), file=ctx.err)
        if run.sources and not run.fetched and not run.errors:
            ctx.say("Không có gói mới.", "No new package.")
    if run.errors:
        return 2
    return 1 if run.refused else 0


def cmd_password(ctx: Context) -> int:
    from reports.outbox import CredentialKey, Outbox
    box = Outbox(ctx.ws)
    key = CredentialKey(ctx.args.key)
    if ctx.args.delete:
        box.delete_password(key)
        ctx.say(f"Đã xóa mật khẩu {key.value}.", f"Deleted the {key.value} password.")
        return 0
    secret = secret_from(ctx, ctx.args.password_env, f"Mật khẩu {key.value}", f"{key.value} password")
    where = box.set_password(key, secret)
    ctx.say(f"Đã lưu mật khẩu {key.value} ({'kho mật khẩu của hệ điều hành' if where == 'OS keyring' else where}).",
            f"Saved the {key.value} password ({where}).")
    return 0


def cmd_contact(ctx: Context) -> int:
    from reports.outbox import Outbox
    box = Outbox(ctx.ws)
    if ctx.args.email:
        box.set_contact(ctx.args.unit_code, ctx.args.email)
    known = {code: (email, origin) for code, email, origin in box.contacts()}
    email, origin = known.get(ctx.args.unit_code, ("", ""))
    if not email:
        ctx.say(f"Chưa có địa chỉ thư của đơn vị {ctx.args.unit_code}.", f"No address for unit {ctx.args.unit_code}.")
        return 1
    how = ctx.t("tự ghi nhận từ thư của đơn vị", "learned from the unit's mail") if origin == "learned" else ctx.t("nhập tay", "entered")
    print(f"{ctx.args.unit_code}: {email} ({how})", file=ctx.out)
    return 0
