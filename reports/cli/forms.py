"""cchc forms: the form definitions, where each came from, and (reviewer) installing and
publishing the province's own."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from reports.cli.context import Context, add
from reports.errors import UsageError


def register(sub: Any) -> None:
    from reports.cli.criteria import register_forms as register_criteria_sheets
    forms = sub.add_parser("forms", help="Biểu mẫu / form definitions").add_subparsers(dest="sub", metavar="SUB")
    forms.required = True
    add(forms, "list", cmd_forms_list, "Liệt kê biểu mẫu và nguồn / list forms and their origin").add_argument(
        "--json", action="store_true")
    p = add(forms, "show", cmd_forms_show, "Xem một biểu mẫu / show a form")
    p.add_argument("form_id")
    p.add_argument("--version", type=int)
    p = add(forms, "check", cmd_forms_check, "Kiểm tra tệp định nghĩa biểu mẫu / check a definition file")
    p.add_argument("file")
    p = add(forms, "install", cmd_forms_install, "Cài biểu mẫu của tỉnh (Sở) / install a province form (reviewer)")
    p.add_argument("file")
    p = add(forms, "publish", cmd_forms_publish, "Gửi biểu mẫu cho các xã cùng phản hồi (Sở) / publish to communes")
    p.add_argument("form", metavar="ID@VERSION")
    register_criteria_sheets(forms)  # template-xlsx, import-xlsx: criteria sets as spreadsheets


def _read(ctx: Context, file: str) -> Any:
    """A definition file, or a refusal naming the file, the line and the reason."""
    from reports.exchange.issued_files import read_form_file

    return read_form_file(Path(file))


def cmd_forms_list(ctx: Context) -> int:
    from reports.exchange.published import ORIGIN_LABELS

    ws = ctx.ws
    held = {(h.form_id, h.version): h for h in ws.forms.all_held()}
    forms = ws.forms.list()
    if ctx.args.json:
        data = [{"id": d.id, "version": d.version, "title": d.title, "kind": d.kind,
                 "period_kinds": [k.value for k in d.period_kinds], "sha256": d.sha256,
                 "origin": held[(d.id, d.version)].origin, "published_at": held[(d.id, d.version)].published_at}
                for d in forms]
        print(json.dumps(data, ensure_ascii=False, indent=2), file=ctx.out)
        return 0
    for d in forms:
        h = held[(d.id, d.version)]
        vi, en = ORIGIN_LABELS.get(h.origin, (h.origin, h.origin))
        origin = ctx.t(vi, en)
        if h.published_at:
            origin += ctx.t(", đã gửi cho các xã", ", published to communes")
        print(f"{d.id}\tv{d.version}\t{d.title}\t[{origin}]", file=ctx.out)
    return 0


def cmd_forms_show(ctx: Context) -> int:
    from forms.translation import localized
    d = localized(ctx.ws.forms.get(ctx.args.form_id, ctx.args.version), ctx.lang)
    print(f"{d.title} ({d.id}, v{d.version})", file=ctx.out)
    if d.note:
        print(d.note, file=ctx.out)
    for s in d.sections:
        print(f"\n{s.id}. {s.title}", file=ctx.out)
        for f in s.fields:
            extra = f" = {f.formula.source}" if f.formula else ""
            pts = ctx.t(f" (tối đa {f.max_points:g} điểm)", f" (at most {f.max_points:g} points)") if f.max_points else ""
            req = " *" if f.required else ""
            print(f"  {f.id:<28} {f.type.value:<11} {f.label}{req}{pts}{extra}", file=ctx.out)
    if d.rules:
        print("\n" + ctx.t("Quy tắc kiểm tra:", "Rules:"), file=ctx.out)
        for r in d.rules:
            right = f" {r.right.source}" if r.right else ""
            print(f"  [{r.importance.value}] {r.id}: {r.left.source} {r.operator.value}{right}", file=ctx.out)
    return 0


def cmd_forms_check(ctx: Context) -> int:
    d = _read(ctx, ctx.args.file)
    ctx.say(f"Hợp lệ: {d.id} phiên bản {d.version}, {len(list(d.iter_fields()))} chỉ tiêu, {len(d.rules)} quy tắc.",
            f"Valid: {d.id} version {d.version}, {len(list(d.iter_fields()))} fields, {len(d.rules)} rules.")
    return 0


def cmd_forms_install(ctx: Context) -> int:
    from reports.exchange.published import install_province_form

    d = _read(ctx, ctx.args.file)
    if install_province_form(ctx.ws, d):
        ctx.say(f"Đã cài biểu mẫu {d.title} ({d.key}) của tỉnh. Gửi cho các xã bằng lệnh: cchc forms publish {d.key}",
                f"Installed the province form {d.title} ({d.key}). Send it to the communes with: cchc forms publish {d.key}")
    else:
        ctx.say(f"Biểu mẫu {d.key} đã có với đúng nội dung này.", f"Form {d.key} is already held with this content.")
    return 0


def cmd_forms_publish(ctx: Context) -> int:
    from reports.exchange.published import publish_province_form

    form_id, sep, version = ctx.args.form.partition("@")
    if not sep or not version.isdigit():
        raise UsageError(detail=f"Viết biểu mẫu dạng MÃ@PHIÊN_BẢN, ví dụ cchc-xa@2 (nhận được: {ctx.args.form}).",
                         detail_en=f"Write the form as ID@VERSION, e.g. cchc-xa@2 (got: {ctx.args.form}).")
    publish_province_form(ctx.ws, form_id, int(version))
    ctx.say(f"Biểu mẫu {form_id}@{version} sẽ được gửi cho mọi xã cùng gói phản hồi tiếp theo.",
            f"Form {form_id}@{version} goes to every commune with the next feedback package.")
    return 0
