"""cchc init, unit, config, sample, audit."""

from __future__ import annotations

import json
from typing import Any

from reports.cli.context import Context, add
from reports.errors import UsageError


def register(sub: Any) -> None:
    from reports.storage.unit import Role
    p = add(sub, "init", cmd_init, "Thiết lập đơn vị cho thư mục dữ liệu / set up the unit")
    p.add_argument("--unit-code", required=True, help="mã đơn vị (5 chữ số xã/phường, 2 chữ số tỉnh)")
    p.add_argument("--unit-name", required=True, help='tên đơn vị, ví dụ "Xã Tân Phú"')
    p.add_argument("--province", required=True, help='tên tỉnh, ví dụ "Tỉnh Đồng Nai"')
    p.add_argument("--province-code", default="", help="mã tỉnh (2 chữ số)")
    p.add_argument("--role", choices=[r.value for r in Role], default="commune")
    p.add_argument("--reviewer-name", default="", help='cơ quan nhận báo cáo, mặc định "Sở Nội vụ <tỉnh>"')
    p.add_argument("--reviewer-code", default="", help="mã cơ quan nhận báo cáo (mặc định: mã tỉnh)")
    p.add_argument("--place", default="",
                   help='địa danh ghi trên văn bản, mặc định tên xã ("Tân Phú") hoặc tên tỉnh ("Hà Nội")')
    p.add_argument("--preparer-name", default="")
    p.add_argument("--preparer-title", default="")
    p.add_argument("--signer-name", default="")
    p.add_argument("--signer-title", default=None,
                   help="chức vụ người ký, mặc định CHỦ TỊCH (xã) hoặc GIÁM ĐỐC / PHÓ GIÁM ĐỐC (Sở)")
    p.add_argument("--authority", choices=("TM", "KT"), default="TM",
                   help="TM. (thay mặt) hoặc KT. (ký thay: KT. CHỦ TỊCH, KT. GIÁM ĐỐC)")
    p.add_argument("--symbol", default=None, help="ký hiệu văn bản, mặc định BC-UBND (xã) hoặc BC-SNV (Sở)")
    p.add_argument("--copies-to", action="append", metavar="NƠI_NHẬN",
                   help="một nơi nhận bản sao (lặp lại cho mỗi nơi); mặc định theo vai trò")
    p.add_argument("--archive", default=None, metavar="VT, …", help='dòng "Lưu:", ví dụ "VT, CCHC"')

    unit = sub.add_parser("unit", help="Thông tin đơn vị / the unit's details").add_subparsers(dest="sub", metavar="SUB")
    unit.required = True
    add(unit, "show", cmd_unit_show, "Xem thông tin đơn vị / show the unit").add_argument("--json", action="store_true")
    p = add(unit, "set", cmd_unit_set, "Sửa thông tin đơn vị / change details (KEY=VALUE…)")
    p.add_argument("pairs", nargs="+", metavar="KEY=VALUE")

    cfg = sub.add_parser("config", help="Cài đặt / settings").add_subparsers(dest="sub", metavar="SUB")
    cfg.required = True
    add(cfg, "list", cmd_config_list, "Liệt kê cài đặt / list settings").add_argument("--json", action="store_true")
    add(cfg, "get", cmd_config_get, "Xem một cài đặt / show one setting").add_argument("key")
    p = add(cfg, "set", cmd_config_set, "Đổi một cài đặt / change one setting")
    p.add_argument("key")
    p.add_argument("value")

    p = add(sub, "sample", cmd_sample, "Tạo dữ liệu mẫu / fill with sample reports")
    p.add_argument("--months", type=int, default=6, help="số tháng (mặc định 6)")
    p.add_argument("--history", action="store_true", help="các tháng trước coi như đã gửi và được chấp nhận")

    add(sub, "self-test", cmd_self_test, "Tự kiểm tra chương trình / check the program end to end")

    p = add(sub, "audit", cmd_audit, "Nhật ký thay đổi của báo cáo / audit log")
    p.add_argument("report_id", type=int, nargs="?")
    p.add_argument("--verify", action="store_true", help="kiểm tra chuỗi băm của toàn bộ nhật ký")
    p.add_argument("--json", action="store_true")


def cmd_init(ctx: Context) -> int:
    from reports.admin_units import reviewer_office_for
    from reports.storage.unit import (
        COMMUNE_SYMBOL,
        REVIEWER_SYMBOL,
        REVIEWER_TITLE,
        Role,
        Unit,
        province_place,
    )
    a = ctx.args
    province_code = a.province_code or (a.unit_code[:2] if a.role == "reviewer" else _province_of(a.unit_code))
    reviewer = a.reviewer_name or reviewer_office_for(a.province)
    name = a.unit_name
    role = Role(a.role)
    if role is Role.REVIEWER:  # the Department's head signs its documents, dated at the province's name
        place = a.place or province_place(a.province)
        title = a.signer_title or ("PHÓ GIÁM ĐỐC" if a.authority == "KT" else REVIEWER_TITLE)
        symbol = a.symbol or REVIEWER_SYMBOL
    else:
        place = a.place or Unit(role=role, code=a.unit_code, name=name, province_name=a.province).short_name
        title, symbol = a.signer_title or "CHỦ TỊCH", a.symbol or COMMUNE_SYMBOL
    unit = Unit(
        role=role, code=a.unit_code, name=name, province_name=a.province, province_code=province_code,
        reviewer_code=a.reviewer_code or province_code, reviewer_name=reviewer if a.role == "commune" else "",
        place=place, preparer_name=a.preparer_name, preparer_title=a.preparer_title, signer_name=a.signer_name,
        signer_title=title, signer_authority=a.authority, doc_symbol=symbol,
    )
    ctx.ws.initialise(unit)
    with ctx.ws.db.atomic():  # after: a folder already set up is refused before anything changes
        if a.copies_to:
            ctx.ws.settings.set("copies_to", "\n".join(x.strip() for x in a.copies_to if x.strip()))
        if a.archive is not None:
            ctx.ws.settings.set("archive_units", a.archive)
    if not province_code:
        ctx.say(f"Lưu ý: mã {unit.code} không có trong danh mục đơn vị hành chính 2025; hãy đặt mã tỉnh và mã cơ quan nhận: "
                "cchc unit set province_code=MÃ reviewer_code=MÃ",
                f"Note: code {unit.code} is not in the 2025 list of units; set the province and reviewer codes: "
                "cchc unit set province_code=CODE reviewer_code=CODE")
    ctx.say(f"Đã thiết lập {unit.name} ({unit.code}) tại {ctx.ws.paths.root}.",
            f"Set up {unit.name} ({unit.code}) in {ctx.ws.paths.root}.")
    ctx.say(f"Vân tay khóa cài đặt: {ctx.ws.installation_key.fingerprint}",
            f"Installation key fingerprint: {ctx.ws.installation_key.fingerprint}")
    return 0


def _province_of(commune_code: str) -> str:
    """The province of a commune, from the official list ("" when the code is not in it)."""
    from reports.admin_units import UnitCatalog

    try:
        return UnitCatalog.load().commune(commune_code).province_code
    except (KeyError, ValueError):
        return ""


def cmd_unit_show(ctx: Context) -> int:
    unit = ctx.ws.require_unit()
    row = unit.to_row()
    if ctx.args.json:
        print(json.dumps(row, ensure_ascii=False, indent=2), file=ctx.out)
    else:
        for k, v in row.items():
            print(f"{k}: {v}", file=ctx.out)
    return 0


UNIT_KEYS = ("name", "province_name", "province_code", "reviewer_code", "reviewer_name", "place", "preparer_name",
             "preparer_title", "signer_name", "signer_title", "signer_authority", "doc_symbol")


def parse_pairs(pairs: list[str]) -> dict[str, str]:
    out = {}
    for p in pairs:
        if "=" not in p:
            raise UsageError(detail=f"“{p}” phải có dạng TÊN=GIÁ_TRỊ.", detail_en=f"“{p}” must be NAME=VALUE.")
        k, v = p.split("=", 1)
        out[k.strip()] = v
    return out


def cmd_unit_set(ctx: Context) -> int:
    changes = parse_pairs(ctx.args.pairs)
    bad = [k for k in changes if k not in UNIT_KEYS]
    if bad:
        raise UsageError(detail=f"Không có mục “{bad[0]}”. Các mục: {', '.join(UNIT_KEYS)}",
                         detail_en=f"No item “{bad[0]}”. Items: {', '.join(UNIT_KEYS)}")
    unit = ctx.ws.update_unit(**changes)
    ctx.say(f"Đã lưu thông tin {unit.name}.", f"Saved the details of {unit.name}.")
    return 0


def cmd_config_list(ctx: Context) -> int:
    from reports.storage.settings import SETTINGS
    values = ctx.ws.settings.all()
    if ctx.args.json:
        print(json.dumps(values, ensure_ascii=False, indent=2), file=ctx.out)
        return 0
    for s in SETTINGS:
        desc = s.description_en if ctx.lang == "en" else s.description_vi
        print(f"{s.key} = {json.dumps(values[s.key], ensure_ascii=False)}    # {desc}", file=ctx.out)
    return 0


def cmd_config_get(ctx: Context) -> int:
    print(json.dumps(ctx.ws.settings.get(ctx.args.key), ensure_ascii=False), file=ctx.out)
    return 0


def cmd_config_set(ctx: Context) -> int:
    value = ctx.ws.settings.set(ctx.args.key, ctx.args.value)
    ctx.say(f"Đã đặt {ctx.args.key} = {value}", f"Set {ctx.args.key} = {value}")
    return 0


def cmd_sample(ctx: Context) -> int:
    from reports.sample import fill_sample

    if not 1 <= ctx.args.months <= 36:
        raise UsageError(detail="--months phải từ 1 đến 36.", detail_en="--months must be 1..36.")
    result = fill_sample(ctx.ws, ctx.args.months, history=ctx.args.history)
    ctx.say(f"Đã tạo {len(result.created)} báo cáo mẫu.", f"Created {len(result.created)} sample reports.")
    if result.skipped:
        ctx.say(f"Bỏ qua các kỳ đã có: {', '.join(result.skipped)}", f"Skipped existing periods: {', '.join(result.skipped)}")
    return 0


def cmd_audit(ctx: Context) -> int:
    from reports.storage import audit
    db = ctx.ws.db
    if ctx.args.verify:
        check = audit.verify(db)
        if check.ok:
            ctx.say(f"Nhật ký nguyên vẹn ({check.entries} mục).", f"The audit log is intact ({check.entries} entries).")
            return 0
        ctx.say(f"Nhật ký đã bị sửa từ mục số {check.first_bad_seq}.", f"The audit log was altered at entry {check.first_bad_seq}.")
        return 1
    if ctx.args.report_id is not None:
        ctx.ws.store.get(ctx.args.report_id)  # a clear message for an unknown id
    entries = audit.entries(db, ctx.args.report_id)
    if ctx.args.json:
        data = [{"seq": e.seq, "at": e.at, "actor": e.actor, "report_id": e.report_id, "action": e.action,
                 "detail": e.detail, "hash": e.hash} for e in entries]
        print(json.dumps(data, ensure_ascii=False, indent=2), file=ctx.out)
        return 0
    for e in entries:
        detail = e.detail.get("changes")
        text = ", ".join(f"{k}: {v[0]!r} → {v[1]!r}" for k, v in detail.items()) if detail else json.dumps(
            e.detail, ensure_ascii=False)
        print(f"{e.seq:>5} {e.at} {e.actor} #{e.report_id} {e.action} {text}", file=ctx.out)
    return 0


def cmd_self_test(ctx: Context) -> int:
    from reports.selftest import run_core_self_test

    return 0 if run_core_self_test(ctx.out).ok else 1
