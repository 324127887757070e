"""cchc board, status, diff, compare, consolidate: the reviewer's views of what arrived."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reports.cli.context import Context, add

if TYPE_CHECKING:
    from reports.exchange import board

if TYPE_CHECKING:
    from forms.periods import Period

# One character per cell, so a province's board fits a terminal's width per month.
# Keyed by board.BoardState's values (a StrEnum member looks up as its value), so that
# `cchc --help` does not import the board and the store behind it.
MARKS = {
    "not_due": ".",
    "missing": "x",
    "on_time": "v",
    "late": "!",
    "returned": "r",
    "accepted": "*",
    "not_using": "-",
}
DEFAULT_FORM = "cchc-xa"  # board.FORM_ID (tests/unit/test_import_weight.py checks they agree)


def register(sub: Any) -> None:
    p = add(sub, "board", cmd_board, "Bảng theo dõi: xã × kỳ báo cáo / status board: communes × periods")
    p.add_argument("--year", type=int, help="năm (mặc định: năm nay)")
    p.add_argument("--form", default=DEFAULT_FORM)
    p.add_argument("--json", action="store_true")

    p = add(sub, "status", cmd_status, "Tình hình nhận báo cáo theo kỳ / who sent what for a period")
    p.add_argument("--period", required=True)
    p.add_argument("--form", default=DEFAULT_FORM)
    p.add_argument("--json", action="store_true")

    p = add(sub, "diff", cmd_diff, "Những gì đã sửa giữa hai lần của báo cáo / what changed between revisions")
    p.add_argument("report_id", type=int)
    p.add_argument("--against", type=int, metavar="REVISION", help="so với lần này (mặc định: lần trước)")
    p.add_argument("--json", action="store_true")

    p = add(sub, "compare", cmd_compare, "So sánh các xã theo chỉ tiêu / compare communes on indicators")
    p.add_argument("--period", required=True)
    p.add_argument("--fields", required=True, help="mã chỉ tiêu, cách nhau bởi dấu phẩy")
    p.add_argument("--form", default=DEFAULT_FORM)
    p.add_argument("--json", action="store_true")

    p = add(sub, "consolidate", cmd_consolidate,
            "Tổng hợp: báo cáo PDF (tệp .pdf) hoặc Excel / consolidate to a PDF report or XLSX")
    p.add_argument("--period", required=True)
    p.add_argument("--form", default=DEFAULT_FORM)
    p.add_argument("-o", "--output", required=True, help="tệp .pdf: báo cáo theo Nghị định 30; khác: .xlsx")


def _label(ctx: Context, state: board.BoardState) -> str:
    return state.label_en if ctx.lang == "en" else state.label_vi


def _number(value: Any) -> str:
    from forms.numbers import format_number
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, (int, float)):
        return format_number(value)
    return "—" if value in (None, "") else str(value)


def _column(p: Period) -> str:
    return f"{p.index:02d}" if p.index else p.code


def cmd_board(ctx: Context) -> int:
    from reports.clock import local_date
    from reports.exchange import board
    ws = ctx.ws
    year = ctx.args.year or local_date(ws.clock()).year
    m = board.board_matrix(ws, board.year_periods(ws, year, ctx.args.form), ctx.args.form)
    if ctx.args.json:
        data = {
            "year": year,
            "form": m.form_id,
            "periods": [p.code for p in m.periods],
            "units": [
                {
                    "unit_code": code,
                    "unit_name": name,
                    "cells": [
                        {"period": p.code, "state": m.state(r, c).value, "report_id": m.report_ids.get((r, c))}
                        for c, p in enumerate(m.periods)
                    ],
                }
                for r, (code, name) in enumerate(zip(m.codes, m.names, strict=True))
            ],
            "totals": {
                p.code: {s.value: m.totals[c][i] for i, s in enumerate(board.STATES)} for c, p in enumerate(m.periods)
            },
        }
        print(json.dumps(data, ensure_ascii=False, indent=2), file=ctx.out)
        return 0
    width = max((len(n) for n in m.names), default=10)
    print(f"{'':5}  {'':<{width}}  " + " ".join(f"{_column(p):>2}" for p in m.periods), file=ctx.out)
    for r, (code, name) in enumerate(zip(m.codes, m.names, strict=True)):
        cells = " ".join(f"{MARKS[m.state(r, c)]:>2}" for c in range(len(m.periods)))
        print(f"{code:5}  {name:<{width}}  {cells}", file=ctx.out)
    print("  ".join(f"{MARKS[s]} {_label(ctx, s)}" for s in board.STATES), file=ctx.out)
    for i, s in enumerate(board.STATES):
        counts = " ".join(f"{m.totals[c][i]:>2}" for c in range(len(m.periods)))
        print(f"{_label(ctx, s):<{width + 7}}  {counts}", file=ctx.out)
    return 0


def cmd_status(ctx: Context) -> int:
    from forms.numbers import format_date
    from reports.exchange import board
    from reports.storage.report import parse_period
    period = parse_period(ctx.args.period)
    rows = board.status_for_period(ctx.ws, period.code, ctx.args.form)
    if ctx.args.json:
        data = [{"unit_code": r.unit_code, "unit_name": r.unit_name, "state": r.state.value, "report_id": r.report_id,
                 "revision": r.revision, "received_on": r.received_on.isoformat() if r.received_on else None,
                 "claimed_on": r.claimed_on.isoformat() if r.claimed_on else None, "clock_suspect": r.clock_suspect,
                 "missing_revisions": list(r.missing_revisions)}
                for r in rows]
        print(json.dumps(data, ensure_ascii=False, indent=2), file=ctx.out)
        return 0
    counts: dict[str, int] = {}
    for r in rows:
        label = _label(ctx, r.state)
        counts[label] = counts.get(label, 0) + 1
        received = format_date(r.received_on)
        if r.missing_revisions:  # kept whatever its number; the gap is said
            from reports.exchange.revision_gaps import spans
            received += ctx.t(f" (lần {r.revision}; Sở chưa nhận lần {spans(r.missing_revisions)})",
                              f" (revision {r.revision}; revision {spans(r.missing_revisions)} never arrived)")
        if r.clock_suspect:  # the commune's claim, shown, never judged by
            received += ctx.t(f" (gói ghi ngày {format_date(r.claimed_on)}: đồng hồ máy xã có thể sai)",
                              f" (the package says {format_date(r.claimed_on)}: the commune's clock may be wrong)")
        print(f"{r.unit_code}  {r.unit_name:<32} {label:<14} {received}", file=ctx.out)
    print("; ".join(f"{k}: {v}" for k, v in counts.items()), file=ctx.out)
    return 0


def cmd_diff(ctx: Context) -> int:
    from reports.exchange import revision_diff
    d = revision_diff.diff(ctx.ws, ctx.args.report_id, ctx.args.against)
    if ctx.args.json:
        data = {
            "report_id": d.report.id,
            "revision": d.report.revision,
            "against_report_id": d.against.id,
            "against_revision": d.against.revision,
            "changes": [{"field": c.field_id, "label": c.label, "before": c.before, "after": c.after}
                        for c in d.changes],
        }
        print(json.dumps(data, ensure_ascii=False, indent=2), file=ctx.out)
        return 0
    r = d.report
    ctx.say(f"Báo cáo số {r.id} của {r.unit_name}, kỳ {r.period.label()}: lần {r.revision} so với lần "
            f"{d.against.revision}, {len(d.changes)} chỉ tiêu thay đổi.",
            f"Report {r.id} of {r.unit_name}, {r.period.label('en')}: revision {r.revision} against "
            f"{d.against.revision}, {len(d.changes)} fields changed.")
    between = [n for n in range(d.against.revision + 1, r.revision) if n not in d.held]
    if between:  # a revision that never reached us: the diff spans it, and says so
        from reports.exchange.revision_gaps import spans
        ctx.say(f"  (Sở chưa nhận lần {spans(between)}: thay đổi dưới đây gộp cả các lần đó.)",
                f"  (revision {spans(between)} never reached this office: the changes below include theirs.)")
    for c in d.changes:
        print(f"  {c.label} ({c.field_id}): {_number(c.before)} → {_number(c.after)}", file=ctx.out)
    return 0


def cmd_compare(ctx: Context) -> int:
    from forms.numbers import format_number
    from reports.exchange import comparison
    from reports.storage.report import parse_period
    fields = [f.strip() for f in ctx.args.fields.split(",") if f.strip()]
    results = comparison.compare(ctx.ws, ctx.args.period, fields, form_id=ctx.args.form)
    if ctx.args.json:
        data = [
            {
                "field": c.field_id,
                "label": c.indicator.label,
                "unit": c.indicator.unit,
                "period": c.period,
                "bars": [{"unit_code": b.unit_code, "unit_name": b.unit_name, "value": b.value} for b in c.bars],
                "trend": [{"period": p.code, "total": total} for p, total in c.trend],
            }
            for c in results
        ]
        print(json.dumps(data, ensure_ascii=False, indent=2), file=ctx.out)
        return 0
    for c in results:
        unit = f" ({c.indicator.unit})" if c.indicator.unit else ""
        print(f"{c.indicator.label}{unit} — {parse_period(c.period).label(ctx.lang)}", file=ctx.out)
        if not c.bars:
            ctx.say("  Chưa có xã nào báo cáo chỉ tiêu này.", "  No commune reported this field.")
        for i, b in enumerate(c.bars, start=1):
            print(f"  {i:>3}. {b.unit_code}  {b.unit_name:<32} {format_number(b.value):>12}", file=ctx.out)
        trend = "; ".join(f"{_column(p)}/{p.year}: {_number(total)}" for p, total in c.trend)
        ctx.say(f"  Toàn tỉnh theo kỳ: {trend}", f"  Province total by period: {trend}")
    return 0


def cmd_consolidate(ctx: Context) -> int:
    from reports.exchange import consolidation
    from reports.storage.report import parse_period
    period = parse_period(ctx.args.period)
    out = Path(ctx.args.output)
    if out.suffix.lower() == ".pdf":
        consolidation.write_consolidated_pdf(ctx.ws, period.code, out, ctx.args.form)
        ctx.say(f"Đã lập báo cáo tổng hợp {period.label()} vào {out}",
                f"Wrote the consolidated report for {period.label('en')} to {out}")
        return 0
    sections = consolidation.consolidate(ctx.ws, period.code, ctx.args.form)
    consolidation.write_xlsx(sections, period.label(), out)
    communes = len(sections[0].rows) if sections else 0
    ctx.say(f"Đã tổng hợp {communes} đơn vị vào {out}", f"Consolidated {communes} units into {out}")
    return 0


