"""cchc export, import, units, review, feedback."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from reports.cli.context import Context, add
from reports.errors import UsageError


def register(sub: Any) -> None:
    p = add(sub, "export", cmd_export, "Xuất gói gửi cơ quan nhận / write a sync package")
    p.add_argument("--all", action="store_true", help="gửi lại tất cả báo cáo đã hoàn thành")
    p.add_argument("--with-evidence-files", action="store_true",
                   help="gửi kèm mọi tệp tài liệu kiểm chứng, cả tệp cơ quan nhận đã có (khi họ bị mất tệp) / "
                        "send every evidence file again")
    p.add_argument("-o", "--output", default=None, help="thư mục lưu gói (mặc định: cài đặt export_folder)")

    p = add(sub, "import", cmd_import, "Nhận gói (tệp hoặc thư mục) / import packages")
    p.add_argument("paths", nargs="+", metavar="FILE_OR_DIR")
    p.add_argument("--json", action="store_true")
    p.add_argument("--arrived", metavar="DD/MM/YYYY",
                   help="(Sở) ngày gói thực sự đến, khi xã giao USB tận tay / the day it was handed over")
    p.add_argument("--arrival-note", default="", help="ghi chú về việc giao nhận (ai giao, số vào sổ…)")

    p = add(sub, "handed-over", cmd_handed_over,
            "Xác nhận đã giao USB / đã gửi thư: báo cáo thành “Đã gửi” / confirm the package left")
    p.add_argument("report_ids", nargs="*", type=int, metavar="ID")

    units = sub.add_parser("units", help="Đơn vị và chứng thư cài đặt / units and their certificates").add_subparsers(
        dest="sub", metavar="SUB")
    units.required = True
    p = add(units, "trust", cmd_units_trust, "Tin cậy chứng thư của một đơn vị / bind an installation certificate")
    p.add_argument("package", nargs="?", help="gói .cchc của đơn vị (dùng chứng thư nó mang)")
    p.add_argument("--unit", help="mã đơn vị (khi dùng --cert)")
    p.add_argument("--cert", help="tệp chứng thư PEM do đơn vị gửi")
    p = add(units, "revoke", cmd_units_revoke, "Thu hồi chứng thư của một đơn vị / revoke a binding")
    p.add_argument("--unit", required=True)
    p.add_argument("--fingerprint")
    add(units, "list", cmd_units_list, "Các đơn vị đã gắn chứng thư / bound units").add_argument("--json", action="store_true")

    rev = sub.add_parser("review", help="Chấp nhận hoặc trả lại báo cáo / decide on reports").add_subparsers(
        dest="sub", metavar="SUB")
    rev.required = True
    add(rev, "accept", cmd_accept, "Chấp nhận báo cáo / accept a report").add_argument("report_id", type=int)
    p = add(rev, "return", cmd_return, "Trả lại báo cáo kèm ý kiến / return a report with a comment")
    p.add_argument("report_id", type=int)
    p.add_argument("--comment", required=True)

    fb = sub.add_parser("feedback", help="Gói phản hồi / feedback packages").add_subparsers(dest="sub", metavar="SUB")
    fb.required = True
    p = add(fb, "export", cmd_feedback_export, "Xuất gói phản hồi cho các xã / write feedback packages")
    p.add_argument("--unit", help="chỉ cho một đơn vị")
    p.add_argument("-o", "--output", required=True)


def cmd_export(ctx: Context) -> int:
    from reports.exchange import sync
    folder = Path(ctx.args.output or ctx.ws.settings.get("export_folder") or ctx.ws.paths.exports)
    result = sync.export_package(ctx.ws, folder, everything=ctx.args.all, evidence_in_full=ctx.args.with_evidence_files)
    ctx.say(f"Đã xuất {len(result.report_ids)} báo cáo ({result.size:,} byte).".replace(",", "."),
            f"Exported {len(result.report_ids)} reports ({result.size:,} bytes).")
    if len(result.paths) > 1:
        ctx.say(f"Gói lớn hơn giới hạn gửi ({ctx.ws.settings.get('attachment_limit_mb')} MB): đã chia thành "
                f"{len(result.paths)} phần; hãy gửi đủ các phần.",
                f"The package is over the sending limit ({ctx.ws.settings.get('attachment_limit_mb')} MB): split into "
                f"{len(result.paths)} parts; send them all.")
    for path in result.paths:
        print(path, file=ctx.out)
    return 0


def cmd_import(ctx: Context) -> int:
    from reports.exchange import sync
    from reports.exchange.parts import STALE_DAYS
    paths = [Path(p) for p in ctx.args.paths]
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise UsageError(detail=f"Không có tệp hoặc thư mục {missing[0]}.", detail_en=f"No such file or folder {missing[0]}.")
    arrival = None
    if ctx.args.arrived:
        from forms.numbers import parse_date
        from reports.exchange.submission_import import entered_arrival

        try:
            day = parse_date(ctx.args.arrived)
        except ValueError as exc:
            raise UsageError(detail=f"Ngày đến “{ctx.args.arrived}” không đọc được: viết dd/mm/yyyy.",
                             detail_en=f"Cannot read the arrival date “{ctx.args.arrived}”: write dd/mm/yyyy.") from exc
        arrival = entered_arrival(ctx.ws, day, ctx.args.arrival_note)
    if ctx.ws.require_unit().role.value == "reviewer":
        for w in sync.clean_waiting_parts(ctx.ws):
            if not ctx.args.json:  # a JSON reader gets the JSON alone (the log has it too)
                    ctx.say(f"Đã bỏ {w.describe()}: quá {STALE_DAYS} ngày không nhận thêm phần nào (xã đã gửi lại thì nhận gói mới).",
                        f"Dropped {w.describe('en')}: no new part for {STALE_DAYS} days (import the commune's newer package).")
    results = sync.import_files(ctx.ws, paths, workers=None, arrival=arrival)  # a big batch: PDFs checked on every core
    if ctx.args.json:
        data = [{"file": r.name, "outcome": r.outcome.value, "reason": r.reason if ctx.lang == "vi" else r.reason_en,
                 "code": r.code, "sender": r.sender, "reports": r.report_uids, "changes": r.changes,
                 "quarantined": str(r.quarantined) if r.quarantined else None} for r in results]
        print(json.dumps(data, ensure_ascii=False, indent=2), file=ctx.out)
    else:
        for r in results:
            print(r.line(ctx.lang), file=ctx.out)
            for change in r.changes:
                print(f"  - {change}", file=ctx.out)
        if not results:
            ctx.say("Không tìm thấy gói .cchc nào.", "No .cchc package found.")
    refused = [r for r in results if r.outcome is sync.Outcome.REFUSED]
    if refused and not ctx.args.json:
        ctx.say(f"{len(refused)} gói bị từ chối đã được chuyển vào {ctx.ws.paths.quarantine} kèm lý do.",
                f"{len(refused)} refused packages were copied to {ctx.ws.paths.quarantine} with the reason.")
    return 1 if refused else 0


def cmd_handed_over(ctx: Context) -> int:
    from reports.exchange import sync

    changed = sync.confirm_handed_over(ctx.ws, ctx.args.report_ids or None)
    if not changed:
        ctx.say("Không có báo cáo nào đang chờ gửi (Đã xuất gói, chờ gửi).", "No exported report is waiting to be sent.")
        return 0
    ids = ", ".join(str(i) for i in changed)
    ctx.say(f"Đã ghi nhận đã gửi: báo cáo số {ids}.", f"Recorded as sent: report(s) {ids}.")
    return 0


def cmd_units_trust(ctx: Context) -> int:
    from reports.exchange import sync
    a = ctx.args
    if a.package:
        binding = sync.trust_package_sender(ctx.ws, Path(a.package))
    elif a.unit and a.cert:
        try:
            pem = Path(a.cert).read_bytes()
        except OSError as exc:
            raise UsageError(detail=f"Không đọc được {a.cert}.", detail_en=f"Cannot read {a.cert}.") from exc
        binding = sync.bind_certificate(ctx.ws, a.unit, pem)
    else:
        raise UsageError(detail="Dùng: cchc units trust GÓI.cchc, hoặc cchc units trust --unit MÃ --cert TỆP.pem",
                         detail_en="Use: cchc units trust FILE.cchc, or cchc units trust --unit CODE --cert FILE.pem")
    ctx.say(f"Đã tin cậy chứng thư của đơn vị {binding.unit_code}.\nVân tay: {binding.display}\n"
            "Hãy chắc chắn vân tay này trùng với vân tay đơn vị đọc qua điện thoại.",
            f"Trusted the certificate of unit {binding.unit_code}.\nFingerprint: {binding.display}\n"
            "Make sure it matches the fingerprint the unit reads to you by phone.")
    return 0


def cmd_units_revoke(ctx: Context) -> int:
    from reports.exchange import sync
    n = sync.revoke(ctx.ws, ctx.args.unit, ctx.args.fingerprint)
    ctx.say(f"Đã thu hồi {n} chứng thư.", f"Revoked {n} certificates.")
    return 0


def cmd_units_list(ctx: Context) -> int:
    from reports.exchange import sync
    rows = sync.bindings_of(ctx.ws)
    if ctx.args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2), file=ctx.out)
        return 0
    for r in rows:
        state = ctx.t("đã thu hồi", "revoked") if r["revoked_at"] else ctx.t("đang dùng", "active")
        print(f"{r['unit_code']}  {r['fingerprint'][:16]}…  {r['purpose']}  {state}  {r['bound_at']}", file=ctx.out)
    return 0


def cmd_accept(ctx: Context) -> int:
    from reports.exchange import feedback
    r = feedback.decide(ctx.ws, ctx.args.report_id, True)
    ctx.say(f"Đã chấp nhận báo cáo số {r.id} của {r.unit_name}.", f"Accepted report {r.id} of {r.unit_name}.")
    return 0


def cmd_return(ctx: Context) -> int:
    from reports.exchange import feedback
    r = feedback.decide(ctx.ws, ctx.args.report_id, False, ctx.args.comment)
    ctx.say(f"Đã trả lại báo cáo số {r.id} của {r.unit_name}.", f"Returned report {r.id} of {r.unit_name}.")
    return 0


def cmd_feedback_export(ctx: Context) -> int:
    from reports.exchange import feedback
    results = feedback.export_feedback(ctx.ws, Path(ctx.args.output), unit_code=ctx.args.unit)
    if not results:
        ctx.say("Không có đơn vị nào có tin mới.", "No unit has news.")
    for r in results:
        ctx.say(f"{r.unit_code}: {r.receipts} biên nhận, {r.decisions} quyết định", f"{r.unit_code}: {r.receipts} receipts, {r.decisions} decisions")
        print(r.path, file=ctx.out)
    return 0
