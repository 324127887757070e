"""cchc appraise, ranking, forms template-xlsx / import-xlsx: the province's PAR-index year."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reports.cli.context import Context, add, secret_from
from reports.errors import UsageError

if TYPE_CHECKING:
    from reports.appraisal.sheet import AppraisalSheet

def register(sub: Any) -> None:
    ap = sub.add_parser("appraise", help="Thẩm định Chỉ số CCHC của xã / appraise the communes' PAR index",
                        description="cchc appraise BÁO_CÁO TIÊU_CHÍ=ĐIỂM … --reason …, hoặc một trong các lệnh dưới đây")
    a = ap.add_subparsers(dest="sub", metavar="SUB")
    a.required = True
    p = add(a, "set", cmd_set, "Điểm thẩm định từng tiêu chí (cchc appraise BÁO_CÁO TC=ĐIỂM …) / appraised points")
    p.add_argument("report_id", type=int)
    p.add_argument("pairs", nargs="*", metavar="FIELD=POINTS")
    p.add_argument("--reason", default="", help="lý do khi khác điểm tự chấm / why, when it differs from the self-score")
    p.add_argument("--agree", action="store_true", help="đồng ý với điểm tự chấm / agree with the self-score")
    p.add_argument("--area", help="với --agree: chỉ một lĩnh vực / with --agree: one area only")
    p = add(a, "show", cmd_show, "Xem thẩm định từng tiêu chí của một phiếu / the appraisal of one scoring report")
    p.add_argument("report_id", type=int)
    p.add_argument("--json", action="store_true")
    p = add(a, "import-survey", cmd_import_survey, "Nhập điểm tỉnh chấm (khảo sát) từ Excel / import survey points")
    p.add_argument("file")
    p.add_argument("--period", required=True)
    p.add_argument("--form")
    p = add(a, "survey-template", cmd_survey_template, "Tệp Excel mẫu để nhập điểm tỉnh chấm / survey template")
    p.add_argument("--period", required=True)
    p.add_argument("--form")
    p.add_argument("-o", "--output", required=True)
    p = add(a, "send", cmd_send, "Gửi kết quả thẩm định cho các xã / send the appraisal to communes")
    p.add_argument("--period", required=True)
    p.add_argument("--form")
    p.add_argument("--deadline", help="hạn giải trình dd/mm/yyyy / explanation deadline")
    p.add_argument("-o", "--output", required=True, help="thư mục ghi gói phản hồi / folder for the feedback packages")
    p = add(a, "accept-late", cmd_accept_late, "Chấp nhận giải trình gửi muộn / let a late explanation count")
    p.add_argument("report_id", type=int)
    p = add(a, "finalise", cmd_finalise, "Chốt kết quả, xếp hạng / lock the scores and rank")
    p.add_argument("--period", required=True)
    p.add_argument("--form")
    p = add(a, "reopen", cmd_reopen, "Mở lại kết quả đã chốt / reopen locked scores")
    p.add_argument("--period", required=True)
    p.add_argument("--form")
    p.add_argument("--reason", required=True)

    p = add(sub, "ranking", cmd_ranking, "Xếp hạng, xếp loại Chỉ số CCHC của các xã / rank and classify the communes")
    p.add_argument("--period", required=True)
    p.add_argument("--form")
    p.add_argument("--json", action="store_true")
    p.add_argument("-o", "--output", help="tệp .xlsx hoặc .pdf (báo cáo theo Nghị định 30, có ký số)")
    p.add_argument("--no-sign", action="store_true", help="với .pdf: không ký số / with .pdf: leave unsigned")
    p.add_argument("--p12", help="ký bằng tệp .p12 / sign with this .p12 file")
    p.add_argument("--password-env", help="mật khẩu/PIN từ biến môi trường này / password or PIN from this variable")
    p.add_argument("--pin-env", help="mã PIN USB ký số từ biến môi trường này / token PIN from this variable")


def _date(text: str | None) -> dt.date | None:
    if not text:
        return None
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    raise UsageError(detail=f"Ngày “{text}” không đúng dạng dd/mm/yyyy.", detail_en=f"Date “{text}” is not dd/mm/yyyy.")


def _n(value: float | None) -> str:
    from forms.numbers import format_number
    return "—" if value is None else format_number(round(value, 2))


def cmd_set(ctx: Context) -> int:
    from reports.appraisal import scores
    from reports.cli.installation import parse_pairs
    a = ctx.args
    if a.agree:
        if a.pairs:
            raise UsageError(detail="Dùng --agree hoặc TIÊU_CHÍ=ĐIỂM, không dùng cả hai.", detail_en="Use --agree or FIELD=POINTS, not both.")
        done = scores.agree(ctx.ws, a.report_id, area=a.area)
        ctx.say(f"Đã đồng ý với điểm tự chấm của {len(done)} tiêu chí.", f"Agreed with the self-score of {len(done)} criteria.")
        return 0
    if not a.pairs:
        raise UsageError(detail="Hãy ghi TIÊU_CHÍ=ĐIỂM (ví dụ s1_plan_on_time=1,5) hoặc --agree.",
                         detail_en="Give FIELD=POINTS (e.g. s1_plan_on_time=1.5) or --agree.")
    subject = scores.appraise(ctx.ws, a.report_id, parse_pairs(a.pairs), a.reason)
    ctx.say(f"Đã ghi điểm thẩm định {len(a.pairs)} tiêu chí của {subject.basis.row.unit_name}.",
            f"Recorded the appraised points of {len(a.pairs)} criteria for {subject.basis.row.unit_name}.")
    return 0


def _sheet(ctx: Context) -> AppraisalSheet:
    from reports.appraisal.sheet import commune_sheet, reviewer_sheet
    from reports.storage.unit import Role
    if ctx.ws.require_unit().role is Role.REVIEWER:
        return reviewer_sheet(ctx.ws, ctx.args.report_id)
    return commune_sheet(ctx.ws, ctx.args.report_id)


def cmd_show(ctx: Context) -> int:
    sheet = _sheet(ctx)
    if ctx.args.json:
        print(json.dumps(sheet.as_json(), ensure_ascii=False, indent=1), file=ctx.out)
        return 0
    r = sheet.round
    ctx.say(f"{sheet.unit_name} ({sheet.unit_code}) — {sheet.form_id}, kỳ {sheet.period}, lần {sheet.revision}")
    if r is not None and r.deadline:
        y, m, d = r.deadline.split("-")
        ctx.say(f"Hạn giải trình: {d}/{m}/{y}" + (" — đã chốt kết quả" if r.locked else ""))
    if sheet.answer_revision:
        state = "muộn, chưa áp dụng" if sheet.answer_late and not sheet.answer_applied else "đã áp dụng"
        ctx.say(f"Giải trình của xã: lần {sheet.answer_revision}, nhận ngày {sheet.answer_arrived} ({state})")
    for line in sheet.lines:
        a = line.appraised
        mark = "" if a is None else f" → {_n(a.points)}" + (f" ({a.reason})" if a.reason else "")
        ctx.say(f"  {line.field.id}: {_n(line.self_points)}/{_n(line.max_points)}{mark}"
                + (f" — giải trình: {line.explanation}" if line.explanation else "")
                + (f" — trả lời: {line.answer}" if line.answer else ""))
        if line.recheck is not None and line.recheck.text():  # recomputed here: shown, the appraiser decides
            ctx.say(f"    ⚠ {line.recheck.text('vi')}", f"    ⚠ {line.recheck.text('en')}")
    ctx.say(f"Điểm: {_n(sheet.result.score)}" + ("" if sheet.result.complete else f" (còn {len(sheet.result.missing)} tiêu chí chưa thẩm định)"))
    if sheet.recomputed_differ:
        ctx.say(f"⚠ {sheet.recomputed_differ} tiêu chí tính từ báo cáo có điểm xã gửi khác điểm Sở tính lại (xem các dòng ⚠).",
                f"⚠ {sheet.recomputed_differ} computed criteria differ from this office's recomputation (see the ⚠ lines).")
    if sheet.stored is not None:
        ctx.say(f"Xếp hạng {sheet.stored.rank}/{sheet.stored.of_units}, xếp loại {sheet.stored.class_label}")
    return 0


def cmd_import_survey(ctx: Context) -> int:
    from reports.appraisal.survey import import_survey

    result = import_survey(ctx.ws, Path(ctx.args.file), ctx.args.period, ctx.args.form)
    ctx.say(f"Đã nhập {result.values} điểm của {result.communes} xã ({result.form_id}, kỳ {result.period}).",
            f"Imported {result.values} points for {result.communes} communes ({result.form_id}, {result.period}).")
    return 0


def cmd_survey_template(ctx: Context) -> int:
    from reports.appraisal.survey import write_survey_template

    path = write_survey_template(ctx.ws, ctx.args.period, Path(ctx.args.output), ctx.args.form)
    ctx.say(f"Đã ghi {path}", f"Wrote {path}")
    return 0


def cmd_send(ctx: Context) -> int:
    from reports.appraisal import scores
    from reports.appraisal.ranking import bases_for
    from reports.exchange.feedback import export_feedback

    ws, a = ctx.ws, ctx.args
    form_id = scores.scoring_form_for(ws, a.period, a.form)
    current = scores.round_of(ws, form_id, a.period)
    if current is None or not current.locked:
        scores.mark_sent(ws, form_id, a.period, _date(a.deadline))
    bases, _ = bases_for(ws, form_id, a.period)
    written = 0
    for code in sorted(bases):
        written += len(export_feedback(ws, Path(a.output), unit_code=code))
    ctx.say(f"Đã ghi {written} gói phản hồi vào {a.output}.", f"Wrote {written} feedback packages to {a.output}.")
    return 0


def cmd_accept_late(ctx: Context) -> int:
    from reports.appraisal import scores
    scores.accept_late(ctx.ws, ctx.args.report_id)
    ctx.say("Đã chấp nhận giải trình gửi muộn.", "The late explanation now counts.")
    return 0


def cmd_finalise(ctx: Context) -> int:
    from reports.appraisal import scores
    ranking = scores.finalise(ctx.ws, ctx.args.period, ctx.args.form)
    ctx.say(f"Đã chốt kết quả của {len(ranking.rows)} xã. Xem: cchc ranking --period {ctx.args.period}",
            f"Locked the results of {len(ranking.rows)} communes. See: cchc ranking --period {ctx.args.period}")
    return 0


def cmd_reopen(ctx: Context) -> int:
    from reports.appraisal import scores
    r = scores.reopen(ctx.ws, ctx.args.period, ctx.args.reason, ctx.args.form)
    ctx.say(f"Đã mở lại kết quả (lần {r.revision}).", f"Reopened (revision {r.revision}).")
    return 0


def cmd_ranking(ctx: Context) -> int:
    from reports.appraisal import scores
    from reports.appraisal.ranking import compute_ranking
    ws, a = ctx.ws, ctx.args
    scores.require_reviewer(ws)
    ranking = compute_ranking(ws, scores.scoring_form_for(ws, a.period, a.form), a.period)
    if a.output:
        target = Path(a.output)
        if target.suffix.lower() == ".pdf":
            _ranking_pdf(ctx, ranking, target)
        else:
            from reports.appraisal.outputs import write_ranking_xlsx

            write_ranking_xlsx(ranking, target)
        ctx.say(f"Đã ghi {target}", f"Wrote {target}")
    if a.json:
        print(json.dumps(ranking.as_json(), ensure_ascii=False, indent=1), file=ctx.out)
    elif not a.output:
        for r in ranking.rows:
            band = r.band.label if r.band else ""
            ctx.say(f"{r.rank:>4}  {r.unit_code}  {r.unit_name:<32} {_n(r.score):>7}  {band}"
                    + ("" if r.complete else "  (chưa thẩm định xong)"))
        if ranking.rescaled:
            ctx.say("Không có điểm điều tra xã hội học: điểm đã quy đổi về tổng điểm của bộ tiêu chí.",
                    "No survey points: scores are rescaled to the criteria set's total.")
    return 0


def _ranking_pdf(ctx: Context, ranking: Any, target: Path) -> None:
    from reports.appraisal.outputs import ranking_pdf
    from reports.files import write_atomic

    pdf, (page, rect) = ranking_pdf(ctx.ws, ranking)
    if not ctx.args.no_sign:
        from reports.documents import issuing
        from reports.signing import SignatureAppearance, SignatureBox, open_signer

        ws, a = ctx.ws, ctx.args
        if issuing.needs_pin(ws) or a.pin_env:
            secret = secret_from(ctx, a.pin_env, "Mã PIN của USB ký số", "Token PIN")
        else:
            secret = secret_from(ctx, a.password_env, "Mật khẩu chứng thư", "Certificate password")
        unit = ws.require_unit()
        method = issuing.signing_method(ws, secret=secret, p12=Path(a.p12) if a.p12 else None)
        with open_signer(method) as signer:
            pdf = signer.sign(pdf, box=SignatureBox(page, rect), appearance=SignatureAppearance(
                signer_name=unit.signer_name or "", position_lines=tuple(x for x in (unit.authority_line, unit.position_line) if x),
                unit_name=unit.name), location=unit.place or unit.short_name)
    write_atomic(target, pdf)
