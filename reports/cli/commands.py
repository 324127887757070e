"""The command table: every top-level command of ``cchc``, its one-line help, and the module
of ``reports/cli/`` that registers it (in the order ``cchc --help`` lists them).

It lets ``main`` import only the module of the command being run: the others are listed by
name and help alone. tests/unit/test_cli_commands.py checks that the table says what each
module registers, so the two cannot drift apart. The appraise short form is read here too, before parsing.
"""

from __future__ import annotations

GROUPS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("installation", (
        ("init", "Thiết lập đơn vị cho thư mục dữ liệu / set up the unit"),
        ("unit", "Thông tin đơn vị / the unit's details"),
        ("config", "Cài đặt / settings"),
        ("sample", "Tạo dữ liệu mẫu / fill with sample reports"),
        ("self-test", "Tự kiểm tra chương trình / check the program end to end"),
        ("audit", "Nhật ký thay đổi của báo cáo / audit log"),
    )),
    ("report", (
        ("report", "Báo cáo / reports"),
    )),
    ("scoring", (
        ("evidence", "Tài liệu kiểm chứng / evidence"),
        ("score", "Chỉ số CCHC: điểm tự chấm / PAR-index scores"),
    )),
    ("documents", (
        ("pdf", "Xuất báo cáo ra PDF / write the report's PDF"),
        ("keys", "Chứng thư số / keys and certificates"),
        ("sign", "Ký số báo cáo / sign a report"),
        ("verify", "Kiểm tra chữ ký số của tệp PDF / check a signed PDF"),
        ("trust", "Chứng thư gốc tin cậy / trusted root certificates"),
    )),
    ("sync", (
        ("export", "Xuất gói gửi cơ quan nhận / write a sync package"),
        ("import", "Nhận gói (tệp hoặc thư mục) / import packages"),
        ("handed-over", "Xác nhận đã giao USB / đã gửi thư: báo cáo thành “Đã gửi” / confirm the package left"),
        ("units", "Đơn vị và chứng thư cài đặt / units and their certificates"),
        ("review", "Chấp nhận hoặc trả lại báo cáo / decide on reports"),
        ("feedback", "Gói phản hồi / feedback packages"),
    )),
    ("review", (
        ("board", "Bảng theo dõi: xã × kỳ báo cáo / status board: communes × periods"),
        ("status", "Tình hình nhận báo cáo theo kỳ / who sent what for a period"),
        ("diff", "Những gì đã sửa giữa hai lần của báo cáo / what changed between revisions"),
        ("compare", "So sánh các xã theo chỉ tiêu / compare communes on indicators"),
        ("consolidate", "Tổng hợp: báo cáo PDF (tệp .pdf) hoặc Excel / consolidate to a PDF report or XLSX"),
    )),
    ("backup", (
        ("backup", "Sao lưu và khôi phục / backups and restore"),
    )),
    ("outbox", (
        ("outbox", "Hộp thư đi: gửi tự động, nhận gói / the outbox"),
    )),
    ("calendar", (
        ("calendar", "Lịch làm việc / working-day calendar"),
    )),
    ("forms", (
        ("forms", "Biểu mẫu / form definitions"),
    )),
    ("appraisal", (
        ("appraise", "Thẩm định Chỉ số CCHC của xã / appraise the communes' PAR index"),
        ("ranking", "Xếp hạng, xếp loại Chỉ số CCHC của các xã / rank and classify the communes"),
    )),
    ("demo", (
        ("demo", "Bản dùng thử với dữ liệu mẫu (thư mục riêng) / the trial installation with sample data"),
    )),
)


# cchc appraise SUB
APPRAISE_SUBCOMMANDS = ("set", "show", "import-survey", "survey-template", "send", "accept-late", "finalise", "reopen")


def normalise_argv(argv: list[str]) -> list[str]:
    """``cchc appraise 12 a=1`` is ``cchc appraise set 12 a=1``: the issue's short form."""
    for i, word in enumerate(argv):
        if word == "appraise":
            rest = argv[i + 1:]
            if rest and rest[0] not in APPRAISE_SUBCOMMANDS and not rest[0].startswith("-"):
                return [*argv[: i + 1], "set", *rest]
            return argv
        if not word.startswith("-") and i > 0 and not argv[i - 1].startswith("--"):
            return argv  # another command
    return argv


def group_of(command: str) -> str | None:
    """The module (under reports.cli) that registers ``command``, or None for no such command."""
    for module, commands in GROUPS:
        if any(name == command for name, _ in commands):
            return module
    return None
