"""cchc forms template-xlsx, import-xlsx: a province's criteria set as a spreadsheet."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reports.cli.context import Context, add


def _n(value: float) -> str:
    from forms.numbers import format_number
    return format_number(round(value, 2))


def register_forms(forms: Any) -> None:
    """``cchc forms template-xlsx`` and ``import-xlsx``, in the forms group."""
    p = add(forms, "template-xlsx", cmd_template_xlsx, "Tệp Excel mẫu của bộ tiêu chí / criteria-set template")
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--from", dest="source", metavar="ID@VERSION", help="điền sẵn từ bộ tiêu chí này (mặc định: mới nhất)")
    p.add_argument("--empty", action="store_true", help="mẫu trống / an empty template")
    p = add(forms, "import-xlsx", cmd_import_xlsx, "Nhập bộ tiêu chí từ Excel / import a criteria set from a workbook")
    p.add_argument("file")
    p.add_argument("--id", required=True, dest="form_id")
    p.add_argument("--version", required=True, type=int)


def cmd_template_xlsx(ctx: Context) -> int:
    from reports.appraisal.criteria_template import write_template

    definition = None
    if not ctx.args.empty:
        if ctx.args.source:
            form_id, _, version = ctx.args.source.partition("@")
            definition = ctx.ws.forms.get(form_id, int(version) if version.isdigit() else None)
        else:
            scoring = [d for d in ctx.ws.forms.list() if d.kind == "scoring"]
            definition = max(scoring, key=lambda d: d.version) if scoring else None
    write_template(Path(ctx.args.output), definition)
    ctx.say(f"Đã ghi {ctx.args.output}" + (f" (điền sẵn từ {definition.key})" if definition else ""),
            f"Wrote {ctx.args.output}" + (f" (filled from {definition.key})" if definition else ""))
    return 0


def cmd_import_xlsx(ctx: Context) -> int:
    from reports.appraisal.criteria_import import read_template
    from reports.exchange.published import install_province_form

    d = read_template(Path(ctx.args.file), ctx.args.form_id, ctx.args.version)
    installed = install_province_form(ctx.ws, d)
    ctx.say(f"Đã {'cài' if installed else 'có sẵn'} bộ tiêu chí {d.key}: {len(list(d.scored_fields()))} tiêu chí thành phần, "
            f"{_n(d.max_points)} điểm.",
            f"{'Installed' if installed else 'Already had'} criteria set {d.key}: {len(list(d.scored_fields()))} sub-criteria, "
            f"{_n(d.max_points)} points.")
    ctx.say(f"Gửi cho các xã bằng lệnh: cchc forms publish {d.key}", f"Send it to the communes with: cchc forms publish {d.key}")
    return 0
