"""cchc demo start|reset|remove, and the global ``--demo`` that runs any command on the demo.

The demo is a separate installation beside the data folder (reports/demo.py), filled with the
sample commune: its PDFs say "MẪU" and reviewers refuse its packages.
"""

from __future__ import annotations

from typing import Any

from reports.cli.context import Context, add


def register(sub: Any) -> None:
    group = sub.add_parser(
        "demo", help="Bản dùng thử với dữ liệu mẫu (thư mục riêng) / the trial installation with sample data"
    ).add_subparsers(dest="sub", metavar="SUB")
    group.required = True
    for name, handler, text in (
        ("start", cmd_demo_start, "Tạo (nếu chưa có) bản dùng thử với dữ liệu mẫu / make the trial installation"),
        ("reset", cmd_demo_reset, "Làm lại bản dùng thử từ đầu / make the trial installation anew"),
        ("remove", cmd_demo_remove, "Xóa bản dùng thử / delete the trial installation"),
    ):
        # The demo commands name the data folder the demo goes with, never the demo itself.
        add(group, name, handler, text).set_defaults(on_real_folder=True)


def _say_started(ctx: Context, path: Any, reports: int, created: bool) -> None:
    if created:
        ctx.say(f"Đã tạo bản dùng thử với dữ liệu mẫu (Xã Tân Phú, {reports} báo cáo) tại {path}.",
                f"Made the trial installation with sample data (Xã Tân Phú, {reports} reports) in {path}.")
    else:
        ctx.say(f"Bản dùng thử đã có tại {path} ({reports} báo cáo).",
                f"The trial installation is in {path} ({reports} reports).")
    ctx.say("Mọi thứ ở đây không phải số liệu thật: văn bản in ra có chữ “MẪU”, gói gửi đi bị từ chối.",
            "Nothing there is real data: its documents say “MẪU” (sample) and its packages are refused.")
    ctx.say("Dùng nó với --demo, ví dụ: cchc --demo report list",
            "Use it with --demo, e.g.: cchc --demo report list")


def cmd_demo_start(ctx: Context) -> int:
    from reports.demo import start_demo

    made = start_demo(ctx.data_dir, language=ctx.lang)
    _say_started(ctx, made.path, made.reports, made.created)
    return 0


def cmd_demo_reset(ctx: Context) -> int:
    from reports.demo import reset_demo

    made = reset_demo(ctx.data_dir, language=ctx.lang)
    _say_started(ctx, made.path, made.reports, True)
    return 0


def cmd_demo_remove(ctx: Context) -> int:
    from reports.demo import remove_demo

    removed = remove_demo(ctx.data_dir)
    if removed is None:
        ctx.say("Không có bản dùng thử nào để xóa.", "There is no trial installation to delete.")
    else:
        ctx.say(f"Đã xóa bản dùng thử {removed}. Dữ liệu thật không bị động đến.",
                f"Deleted the trial installation {removed}. The real data was not touched.")
    return 0
