"""cchc report …: create, fill, check, finalise, amend and list reports."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reports.cli.context import Context, add
from reports.errors import UsageError

if TYPE_CHECKING:
    from forms.engine import Evaluation
    from reports.storage.store import Report


def register(sub: Any) -> None:
    from reports.storage.lifecycle import Status
    rep = sub.add_parser("report", help="Báo cáo / reports").add_subparsers(dest="sub", metavar="SUB")
    rep.required = True
    p = add(rep, "new", cmd_new, "Tạo báo cáo mới / create a report (prints its id)")
    p.add_argument("--period", required=True, help="2026-11, 2026-Q4, 2026-H1, 2026-9M hoặc 2026")
    p.add_argument("--form", default=None, help="mã biểu mẫu (mặc định: cài đặt default_form)")
    p.add_argument("--copy-previous", action="store_true", help="chép số liệu của kỳ trước")
    p = add(rep, "set", cmd_set, "Nhập giá trị / set values (FIELD=VALUE…)")
    p.add_argument("report_id", type=int)
    p.add_argument("pairs", nargs="+", metavar="FIELD=VALUE")
    p = add(rep, "import-values", cmd_import_values, "Nhập giá trị từ tệp JSON / import values from JSON")
    p.add_argument("report_id", type=int)
    p.add_argument("file")
    p = add(rep, "import-part3", cmd_import_part3,
            "Nhập số liệu hồ sơ phần III từ tệp XLSX/CSV của bộ phận một cửa / Part III from the one-stop shop's file")
    p.add_argument("report_id", type=int)
    p.add_argument("file")
    p.add_argument("--map", action="append", default=[], metavar="FIELD=COLUMN",
                   help="cột cho một chỉ tiêu: chữ cái (H), số thứ tự (8) hoặc tiêu đề; FIELD= để bỏ qua")
    p.add_argument("--sheet", help="tên trang tính (mặc định: trang có bảng số liệu)")
    p.add_argument("--dry-run", action="store_true", help="chỉ xem trước, không ghi vào báo cáo")
    p = add(rep, "show", cmd_show, "Xem báo cáo / show a report")
    p.add_argument("report_id", type=int)
    p.add_argument("--json", action="store_true")
    p = add(rep, "validate", cmd_validate, "Kiểm tra báo cáo / run every rule")
    p.add_argument("report_id", type=int)
    p.add_argument("--json", action="store_true")
    p = add(rep, "acknowledge", cmd_acknowledge, "Xác nhận một cảnh báo / acknowledge a warning")
    p.add_argument("report_id", type=int)
    p.add_argument("rule_id")
    p.add_argument("--note", required=True, help="lý do số liệu vẫn đúng")
    add(rep, "finalize", cmd_finalize, "Hoàn thành báo cáo / finalise (runs every rule)").add_argument("report_id", type=int)
    add(rep, "reopen", cmd_reopen, "Mở lại báo cáo đã hoàn thành, chưa ký / reopen a final report").add_argument(
        "report_id", type=int)
    add(rep, "amend", cmd_amend, "Tạo bản sửa đổi / make an amended revision (prints its id)").add_argument(
        "report_id", type=int)
    p = add(rep, "list", cmd_list, "Danh sách báo cáo / list reports")
    p.add_argument("--json", action="store_true")
    p.add_argument("--year", type=int)
    p.add_argument("--status", choices=[s.value for s in Status])
    p.add_argument("--period")
    p.add_argument("--unit", help="mã đơn vị (phía Sở Nội vụ)")
    add(rep, "history", cmd_history, "Các lần sửa đổi của báo cáo / revisions of a report").add_argument(
        "report_id", type=int)


def cmd_new(ctx: Context) -> int:
    form = ctx.args.form or ctx.ws.settings.get("default_form")
    report = ctx.ws.store.create(ctx.args.period, form, copy_previous=ctx.args.copy_previous)
    print(report.id, file=ctx.out)
    return 0


def cmd_set(ctx: Context) -> int:
    from reports.cli.installation import parse_pairs
    report = ctx.ws.store.set_values(ctx.args.report_id, parse_pairs(ctx.args.pairs))
    ctx.say(f"Đã lưu báo cáo số {report.id}.", f"Saved report {report.id}.")
    return 0


def cmd_import_values(ctx: Context) -> int:
    path = Path(ctx.args.file)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UsageError(detail=f"Không đọc được tệp {path}: {exc.strerror}", detail_en=f"Cannot read {path}: {exc.strerror}") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(detail=f"Tệp {path} không phải JSON hợp lệ: {exc}", detail_en=f"{path} is not valid JSON: {exc}") from exc
    if isinstance(data, dict) and isinstance(data.get("values"), dict):
        data = data["values"]  # the output of `cchc report show --json` imports as it is
    if not isinstance(data, dict):
        raise UsageError(detail="Tệp JSON phải là một đối tượng {\"mã_chỉ_tiêu\": giá_trị}.",
                         detail_en="The JSON file must be an object {\"field_id\": value}.")
    report = ctx.ws.store.replace_values(ctx.args.report_id, data)
    ctx.say(f"Đã nhập {len(report.values)} giá trị vào báo cáo số {report.id}.",
            f"Imported {len(report.values)} values into report {report.id}.")
    return 0


def cmd_import_part3(ctx: Context) -> int:
    from forms.numbers import format_number
    from reports.intake import part3

    store = ctx.ws.store
    report = store.set_values(ctx.args.report_id, {})  # refuses a report that can no longer be edited, first
    definition = store.definition(report)
    table = part3.open_part3(Path(ctx.args.file), definition, sheet=ctx.args.sheet)
    mapping = part3.remembered(ctx.ws.settings.get(part3.SETTING_KEY), table)
    mapping = part3.apply_overrides(table, mapping, ctx.args.map)
    figures = part3.figures(table, mapping)  # every cell is read before anything is written
    ctx.say(f"Trang tính “{table.sheet}”: " + (f"lấy dòng tổng cộng (dòng {figures.total_row})."
            if figures.total_row else f"cộng {figures.rows_added} dòng."),
            f"Sheet “{table.sheet}”: " + (f"took the total row (row {figures.total_row})."
            if figures.total_row else f"added up {figures.rows_added} rows."))
    for field_id in part3.MAPPABLE:
        if field_id not in figures.values:
            continue
        f = definition.field(field_id)
        col = mapping.get(field_id)
        source = table.column(col).title if col is not None else ctx.t("tính từ các cột thành phần", "sum of its parts")
        value = figures.values[field_id]
        shown = ctx.t(f"{len(value)} lĩnh vực", f"{len(value)} domains") if isinstance(value, list) else format_number(value)
        name = f"{f.group} — {f.label}" if f.group else f.label
        print(f"  {field_id} ({name}): {shown}  ← {source}", file=ctx.out)
    if ctx.args.dry_run:
        ctx.say("Chưa ghi gì vào báo cáo (--dry-run).", "Nothing written to the report (--dry-run).")
        return 0
    store.set_values(report.id, figures.values)
    ctx.ws.settings.set(part3.SETTING_KEY, part3.remember_text(table, mapping))
    n = sum(1 for v in figures.values.values() if not isinstance(v, list))
    domains = len(figures.values.get(part3.DOMAIN_TABLE) or [])
    ctx.say(f"Đã nhập {n} số liệu" + (f" và {domains} lĩnh vực" if domains else "")
            + f" vào báo cáo số {report.id}; lần sau các cột này được chọn sẵn.",
            f"Imported {n} figures" + (f" and {domains} domains" if domains else "")
            + f" into report {report.id}; these columns are chosen next time.")
    return 0


def report_json(ctx: Context, report: Report, ev: Evaluation) -> dict[str, Any]:
    store = ctx.ws.store
    return {
        **report.summary(),
        "unit_name": report.unit_name,
        "period_label": report.period.label(ctx.lang),
        "deadline": store.deadline(report).isoformat(),
        "late": store.is_late(report),
        "issued_on": report.issued_on.isoformat() if report.issued_on else None,
        "decision_comment": report.decision_comment,
        "values": ev.values,
        "acknowledgements": report.acks,
        "issues": [
            {"rule": i.rule_id, "importance": i.importance.value, "message": i.text(ctx.lang), "fields": list(i.fields),
             "acknowledged": i.rule_id in report.acks}
            for i in ev.issues
        ],
    }


def cmd_show(ctx: Context) -> int:
    from forms.display import display_value
    from forms.numbers import format_date
    store = ctx.ws.store
    report = store.get(ctx.args.report_id)
    ev = store.evaluate(report)
    if ctx.args.json:
        print(json.dumps(report_json(ctx, report, ev), ensure_ascii=False, indent=2), file=ctx.out)
        return 0
    from forms.translation import localized
    d = localized(store.definition(report), ctx.lang)  # names in the chosen language; values as stored
    status = report.status.label_en if ctx.lang == "en" else report.status.label_vi
    print(f"{d.title} — {report.period.label(ctx.lang)} — {report.unit_name}", file=ctx.out)
    print(ctx.t(f"Số {report.id}, lần {report.revision}, trạng thái: {status}, hạn gửi {format_date(store.deadline(report))}",
                f"Report {report.id}, revision {report.revision}, status: {status}, due {format_date(store.deadline(report))}"),
          file=ctx.out)
    note = store.policy.calendar_note(report.period, ctx.lang)
    if note:
        print(note, file=ctx.out)
    if report.decision_comment:
        print(ctx.t("Ý kiến của cơ quan nhận: ", "Reviewer's comment: ") + report.decision_comment, file=ctx.out)
    for s in d.sections:
        print(f"\n{s.id}. {s.title}", file=ctx.out)
        for f in s.fields:
            value = ev.values.get(f.id)
            unit = f" {f.unit}" if f.unit and value is not None and f.unit != "%" else ""
            print(f"  {f.label}: {display_value(f, value, lang=ctx.lang)}{unit}", file=ctx.out)
    _print_issues(ctx, report, ev)
    return 0


def _print_issues(ctx: Context, report: Report, ev: Evaluation) -> None:
    from forms.problems import build_problems
    problems = build_problems(ctx.ws.store.definition(report), ev, report.acks, lang=ctx.lang)
    if not problems:
        ctx.say("\nKhông có lỗi hay cảnh báo.", "\nNo errors or warnings.")
        return
    for p in problems:
        kind = ctx.t("CẢNH BÁO", "WARNING") if p.level in ("warning", "acknowledged") else ctx.t("LỖI", "ERROR")
        ack = ctx.t(" (đã xác nhận)", " (acknowledged)") if p.level == "acknowledged" else ""
        print(f"{kind} [{p.rule_id}]{ack}: {p.text}", file=ctx.out)


def cmd_validate(ctx: Context) -> int:
    from forms.problems import blocking, build_problems
    store = ctx.ws.store
    report = store.get(ctx.args.report_id)
    ev = store.evaluate(report)
    if ctx.args.json:
        print(json.dumps(report_json(ctx, report, ev)["issues"], ensure_ascii=False, indent=2), file=ctx.out)
    else:
        _print_issues(ctx, report, ev)
    errors, open_warnings = blocking(build_problems(store.definition(report), ev, report.acks))
    return 1 if errors or open_warnings else 0


def cmd_acknowledge(ctx: Context) -> int:
    ctx.ws.store.acknowledge(ctx.args.report_id, ctx.args.rule_id, ctx.args.note)
    ctx.say("Đã xác nhận cảnh báo.", "Warning acknowledged.")
    return 0


def cmd_finalize(ctx: Context) -> int:
    from forms.numbers import format_date
    report = ctx.ws.store.finalize(ctx.args.report_id)
    unit = ctx.ws.require_unit()
    number = f"{report.doc_number:02d}/{unit.doc_symbol}"
    ctx.say(f"Đã hoàn thành báo cáo số {report.id}: Số {number}, ngày {format_date(report.issued_on)}.",
            f"Report {report.id} is final: No. {number}, dated {format_date(report.issued_on)}.")
    return 0


def cmd_reopen(ctx: Context) -> int:
    report = ctx.ws.store.reopen(ctx.args.report_id)
    ctx.say(f"Báo cáo số {report.id} đã mở lại để sửa.", f"Report {report.id} is a draft again.")
    return 0


def cmd_amend(ctx: Context) -> int:
    report = ctx.ws.store.amend(ctx.args.report_id)
    print(report.id, file=ctx.out)
    return 0


def cmd_list(ctx: Context) -> int:
    from reports.storage.lifecycle import Status
    store = ctx.ws.store
    status = Status(ctx.args.status) if ctx.args.status else None
    reports = store.list(year=ctx.args.year, status=status, period=ctx.args.period, unit_code=ctx.args.unit)
    if ctx.args.json:
        data = [{**r.summary(), "deadline": store.deadline(r).isoformat(), "late": store.is_late(r)} for r in reports]
        print(json.dumps(data, ensure_ascii=False, indent=2), file=ctx.out)
        return 0
    if not reports:
        ctx.say("Chưa có báo cáo nào.", "No reports yet.")
        return 0
    for r in reports:
        status_text = r.status.label_en if ctx.lang == "en" else r.status.label_vi
        late = ctx.t(" (trễ hạn)", " (late)") if store.is_late(r) and r.status in (Status.DRAFT, Status.FINAL, Status.SIGNED, Status.SENT) else ""
        print(f"{r.id:>5}  {r.period.code:<8} {r.form_id:<16} {ctx.t('lần', 'rev')} {r.revision}  {status_text}{late}"
              f"  {r.unit_name}", file=ctx.out)
    return 0


def cmd_history(ctx: Context) -> int:
    store = ctx.ws.store
    report = store.get(ctx.args.report_id)
    for r in store.history(report):
        status_text = r.status.label_en if ctx.lang == "en" else r.status.label_vi
        print(f"{r.id:>5}  {ctx.t('lần', 'rev')} {r.revision}  {status_text}  {r.updated_at}  {r.decision_comment}",
              file=ctx.out)
    return 0
