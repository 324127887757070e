"""cchc evidence … and cchc score …: the PAR index on the commune side.

Evidence files attached to a scoring report's sub-criteria, explanations, the sheet with its
computed scores and sources, and the list of criteria not yet met.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reports.cli.context import Context, add
from reports.errors import UsageError

if TYPE_CHECKING:  # `cchc --help` loads no storage, numbers or PDF code: they are imported where used
    from reports.par_index.sheet import ScoreLine, ScoreSheet

STATE_VI = {"ok": "đủ", "reports": "từ báo cáo đã gửi", "explained": "đã giải trình", "missing": "THIẾU", "damaged": "TỆP MẤT/HỎNG", "none": "—"}


def register(sub: Any) -> None:
    ev = sub.add_parser("evidence", help="Tài liệu kiểm chứng / evidence").add_subparsers(dest="sub", metavar="SUB")
    ev.required = True
    p = add(ev, "add", cmd_evidence_add,
            "Đính kèm tài liệu kiểm chứng cho một tiêu chí / attach evidence to a criterion")
    p.add_argument("report_id", type=int)
    p.add_argument("field", help="mã tiêu chí (xem cchc score show)")
    p.add_argument("file", nargs="?", help="tệp PDF, JPEG, PNG, DOCX, XLSX hoặc ODT")
    p.add_argument("--own-report", type=int, metavar="ID",
                   help="dùng báo cáo đã ký của chính xã làm tài liệu (thay cho FILE)")
    p.add_argument("--number", default="", help="số, ký hiệu văn bản (12/KH-UBND)")
    p.add_argument("--date", default="", help="ngày ban hành (dd/mm/yyyy)")
    p.add_argument("--title", default="", help="trích yếu, tên tài liệu")
    p.add_argument("--page", default="", help="trang, mục chứng minh (trang 3, mục II)")
    p = add(ev, "list", cmd_evidence_list, "Danh sách tài liệu kiểm chứng / list evidence")
    p.add_argument("report_id", type=int)
    p.add_argument("--json", action="store_true")
    p = add(ev, "remove", cmd_evidence_remove, "Bỏ một tài liệu khỏi tiêu chí / detach evidence")
    p.add_argument("report_id", type=int)
    p.add_argument("field")
    p.add_argument("sha256")

    sc = sub.add_parser("score", help="Chỉ số CCHC: điểm tự chấm / PAR-index scores").add_subparsers(
        dest="sub", metavar="SUB")
    sc.required = True
    p = add(sc, "show", cmd_score_show, "Điểm từng tiêu chí, nguồn số liệu, tài liệu / the sheet criterion by criterion")
    p.add_argument("report_id", type=int)
    p.add_argument("--json", action="store_true")
    p = add(sc, "gaps", cmd_score_gaps, "Tiêu chí chưa đạt, xếp theo số điểm còn thiếu / criteria not yet met")
    p.add_argument("report_id", type=int)
    p.add_argument("--json", action="store_true")
    p = add(sc, "explain", cmd_score_explain, "Ghi giải trình cho một tiêu chí / write an explanation")
    p.add_argument("report_id", type=int)
    p.add_argument("field")
    p.add_argument("text", help="nội dung giải trình (để trống: xóa)")


def _service(ctx: Context) -> Any:
    from reports.par_index.service import evidence_service

    return evidence_service(ctx.ws)


def _sheet(ctx: Context, report_id: int) -> ScoreSheet:
    from reports.par_index.service import score_sheet

    return score_sheet(ctx.ws, report_id)


def cmd_evidence_add(ctx: Context) -> int:
    from reports.par_index.evidence import Metadata

    a = ctx.args
    if (a.file is None) == (a.own_report is None):
        raise UsageError(detail="Hãy chỉ ra một tệp, hoặc --own-report SỐ_BÁO_CÁO (không cả hai).",
                         detail_en="Give a file, or --own-report REPORT_ID (not both).")
    service = _service(ctx)
    if a.own_report is not None:
        item = service.add_own_report(a.report_id, a.field, a.own_report, page=a.page)
    else:
        meta = Metadata.parse(a.number, a.date, a.title, a.page)
        item = service.add_file(a.report_id, a.field, Path(a.file), meta)
    ctx.say(f"Đã đính kèm “{item.name}” cho tiêu chí {item.field} ({item.sha256[:12]}…).",
            f"Attached “{item.name}” to criterion {item.field} ({item.sha256[:12]}…).")
    if item.signer:
        ctx.say(f"Tệp có chữ ký số của {item.signer}" + (f", ký lúc {item.signed_at}" if item.signed_at else "") + ".",
                f"The file is signed by {item.signer}" + (f" at {item.signed_at}" if item.signed_at else "") + ".")
    return 0


def cmd_evidence_list(ctx: Context) -> int:
    from forms.numbers import format_number
    from reports.par_index.evidence import describe

    items = _service(ctx).list(ctx.args.report_id)
    if ctx.args.json:
        print(json.dumps([i.as_json() for i in items], ensure_ascii=False, indent=2), file=ctx.out)
        return 0
    if not items:
        ctx.say("Chưa có tài liệu kiểm chứng nào.", "No evidence yet.")
    for i in items:
        signed = f"  [ký số: {i.signer}]" if i.signer else ""
        print(f"{i.field:<26} {i.sha256[:12]}  {format_number(round(i.size / 1024, 1))} KB  {describe(i)}{signed}",
              file=ctx.out)
    return 0


def cmd_evidence_remove(ctx: Context) -> int:
    _service(ctx).remove(ctx.args.report_id, ctx.args.field, ctx.args.sha256)
    ctx.say("Đã bỏ tài liệu khỏi tiêu chí.", "Evidence detached.")
    return 0


def cmd_score_explain(ctx: Context) -> int:
    _service(ctx).explain(ctx.args.report_id, ctx.args.field, ctx.args.text)
    ctx.say("Đã lưu giải trình.", "Explanation saved.")
    return 0


def _damaged_note(ctx: Context, sheet: ScoreSheet) -> int:
    damaged = sheet.damaged()
    for line, sha in damaged:
        path = ctx.ws.evidence_files.path(sha)
        ctx.say(f"CẢNH BÁO: tệp tài liệu của tiêu chí {line.field.id} bị mất hoặc hỏng ({path}). "
                "Hãy khôi phục từ bản sao lưu (cchc backup restore) hoặc đính kèm lại tệp.",
                f"WARNING: an evidence file of criterion {line.field.id} is missing or damaged ({path}). "
                "Restore it from a backup (cchc backup restore) or attach the file again.")
    return 1 if damaged else 0


def _points(line: ScoreLine) -> str:
    from forms.numbers import format_number

    return "—" if line.points is None else format_number(line.points)


def cmd_score_show(ctx: Context) -> int:
    from forms.numbers import format_number

    sheet = _sheet(ctx, ctx.args.report_id)
    if ctx.args.json:
        data = {
            "report_id": sheet.report.id,
            "form": sheet.definition.key,
            "period": sheet.report.period.code,
            "total": sheet.total,
            "max": sheet.max_points,
            "areas": [{"area": a, "title": t, "points": p, "max": m} for a, t, p, m in sheet.area_totals],
            "criteria": [line.as_json() for line in sheet.lines],
        }
        print(json.dumps(data, ensure_ascii=False, indent=2), file=ctx.out)
        return _damaged_note(ctx, sheet) if sheet.damaged() else 0
    d = sheet.definition
    print(f"{d.title} — {sheet.report.period.label()} (v{d.version})", file=ctx.out)
    for area, title, points, maximum in sheet.area_totals:
        print(f"\n{area}. {title}: {format_number(points)}/{format_number(maximum)}", file=ctx.out)
        for line in (x for x in sheet.lines if x.area == area):
            how = ctx.t(" [tự tính]", " [computed]") if line.computed else (
                "" if line.self_scored else ctx.t(" [tỉnh chấm]", " [province]"))
            print(f"  {line.field.id:<26} {_points(line):>5}/{format_number(line.max_points):<3} "
                  f"{ctx.t('tài liệu', 'evidence')}: {len(line.evidence)} ({STATE_VI[line.evidence_state]}){how}  "
                  f"{line.field.label}", file=ctx.out)
            if line.computed:
                print(f"      {line.computed.explain(ctx.lang)}", file=ctx.out)
            if line.explanation:
                print(f"      {ctx.t('Giải trình', 'Explanation')}: {line.explanation}", file=ctx.out)
            for w in line.warnings:
                print(f"      {ctx.t('Cảnh báo', 'Warning')}: {w}", file=ctx.out)
    print(f"\n{ctx.t('Tổng cộng', 'Total')}: {format_number(sheet.total)}/{format_number(sheet.max_points)}", file=ctx.out)
    return _damaged_note(ctx, sheet)


def cmd_score_gaps(ctx: Context) -> int:
    from forms.numbers import format_number

    sheet = _sheet(ctx, ctx.args.report_id)
    gaps = sheet.gaps()
    if ctx.args.json:
        print(json.dumps([g.as_json() for g in gaps], ensure_ascii=False, indent=2), file=ctx.out)
        return 0
    if not gaps:
        ctx.say("Mọi tiêu chí tự chấm đều đã đạt tối đa và có tài liệu kiểm chứng.",
                "Every self-scored criterion is at its maximum and proved.")
    for g in gaps:
        why = []
        if (g.points or 0) < g.max_points:
            why.append(ctx.t(f"đạt {_points(g)}/{format_number(g.max_points)} điểm",
                             f"{_points(g)}/{format_number(g.max_points)} points"))
        if g.evidence_state in ("missing", "damaged"):
            why.append(ctx.t("thiếu tài liệu kiểm chứng", "evidence missing"))
        print(f"{format_number(g.at_stake):>5} {ctx.t('điểm', 'pts')}  {g.field.id:<26} {g.field.label} "
              f"({'; '.join(why)})", file=ctx.out)
    return 0
