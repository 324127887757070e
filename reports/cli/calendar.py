"""cchc calendar: the working-day calendar in use, and the reviewer's calendar files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from reports.cli.context import Context, add


def register(sub: Any) -> None:
    cal = sub.add_parser("calendar", help="Lịch làm việc / working-day calendar").add_subparsers(dest="sub", metavar="SUB")
    cal.required = True
    p = add(cal, "show", cmd_calendar_show, "Xem lịch đang dùng / show the calendar in use")
    p.add_argument("--year", type=int, help="năm (mặc định: năm nay)")
    p.add_argument("--json", action="store_true")
    p = add(cal, "check", cmd_calendar_check, "Kiểm tra tệp lịch / check a calendar file")
    p.add_argument("file")
    p = add(cal, "install", cmd_calendar_install, "Cài tệp lịch của tỉnh (Sở) / install the province's calendar file")
    p.add_argument("file")
    add(cal, "publish", cmd_calendar_publish, "Gửi lịch cho các xã cùng phản hồi (Sở) / publish to communes")


def _read(ctx: Context, file: str) -> Any:
    from reports.exchange.issued_files import read_calendar_file

    return read_calendar_file(Path(file))


def cmd_calendar_show(ctx: Context) -> int:
    from reports.clock import local_date

    ws = ctx.ws
    calendar = ws.calendar()
    year = ctx.args.year or local_date(ws.clock()).year
    days = calendar.special_days(year)
    arranged = calendar.arrangements(year)
    note = calendar.note(year, ctx.lang)
    if ctx.args.json:
        data = {"year": year, "covered_years": list(calendar.covered_years), "origin": calendar.origin,
                "source": arranged.source if arranged else "", "note": note,
                "days": [{"date": d.day.isoformat(), "working": d.working, "reason": d.reason,
                          "arranged": d.arranged} for d in days]}
        print(json.dumps(data, ensure_ascii=False, indent=2), file=ctx.out)
        return 0
    origins = {"shipped": ("kèm chương trình", "shipped with the program"),
               "province": ("tỉnh đã cài", "installed by the province"),
               "reviewer": ("nhận từ cơ quan nhận báo cáo", "received from the reviewing office")}
    vi, en = origins.get(calendar.origin, (calendar.origin, calendar.origin))
    years = ", ".join(str(y) for y in calendar.covered_years)
    ctx.say(f"Lịch làm việc năm {year} (lịch nghỉ chính thức có cho các năm: {years}; nguồn: {vi})",
            f"Working-day calendar for {year} (official arrangements for: {years}; from: {en})")
    if arranged:
        ctx.say(f"Căn cứ: {arranged.source}", f"Source: {arranged.source}")
    if note:
        print(note, file=ctx.out)
    for d in days:
        kind = ctx.t("làm việc", "working") if d.working else ctx.t("nghỉ", "day off")
        print(f"  {d.day:%d/%m/%Y}  {kind:<9} {d.reason}", file=ctx.out)
    return 0


def cmd_calendar_check(ctx: Context) -> int:
    data = _read(ctx, ctx.args.file)
    years = ", ".join(str(y) for y in data.covered)
    ctx.say(f"Hợp lệ: lịch ban hành ngày {data.issued_on:%d/%m/%Y}, cho các năm {years}.",
            f"Valid: calendar issued on {data.issued_on:%d/%m/%Y}, for {years}.")
    return 0


def cmd_calendar_install(ctx: Context) -> int:
    from reports.exchange.published import install_province_calendar

    data = _read(ctx, ctx.args.file)
    new = install_province_calendar(ctx.ws, data)
    years = ", ".join(str(y) for y in data.covered)
    if new:
        ctx.say(f"Đã cài lịch làm việc các năm {years}. Gửi cho các xã bằng lệnh: cchc calendar publish",
                f"Installed the calendar for {years}. Send it to the communes with: cchc calendar publish")
    else:
        ctx.say(f"Lịch này (các năm {years}) đã được cài.", f"This calendar ({years}) was already installed.")
    return 0


def cmd_calendar_publish(ctx: Context) -> int:
    from reports.exchange.published import publish_province_calendar

    data = publish_province_calendar(ctx.ws)
    years = ", ".join(str(y) for y in data.covered)
    ctx.say(f"Lịch các năm {years} sẽ được gửi cho mọi xã cùng gói phản hồi tiếp theo.",
            f"The calendar for {years} goes to every commune with the next feedback package.")
    return 0
