"""The reviewer's views through `cchc` on a reviewer's own data folder: the status board of the
year, the revision diff, the comparisons, and the consolidated report as a Decree 30 PDF that is
the Department's own (its signer, its place, its recipients, every font embedded).

The Sở Nội vụ of Đồng Nai receives last month's report of two communes with figures chosen here;
Xã Tân Phú then sends a corrected second revision.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from reports.documents.sample import SAMPLE_VALUES
from tests.e2e.conftest import Installation, init_commune
from tests.e2e.test_sync_round import exported_path, previous_month, report_of

POPPLER = all(shutil.which(tool) for tool in ("pdftotext", "pdffonts"))
FIGURES = {
    "26116": {"meetings_held": 3, "tthc_received_online": 987, "tthc_received_direct": 219},
    "26461": {"meetings_held": 7, "tthc_received_online": 600, "tthc_received_direct": 1206,
              "tthc_received_total": 1834},
}
NAMES = {"26116": "Xã Tân Phú", "26461": "Xã Xuân Định"}


def _file_and_send(xa: Installation, period: str, figures: dict[str, int], tmp_path: Path) -> Path:
    report_id = int(xa.ok("report", "new", "--period", period).out.strip())
    values = tmp_path / f"so-lieu-{report_id}.json"
    values.write_text(json.dumps({**SAMPLE_VALUES, **figures}, ensure_ascii=False), encoding="utf-8")
    xa.ok("report", "import-values", report_id, values)
    for warning in ("processed_eq_received",):  # Xuân Định: more received than handled
        xa("report", "acknowledge", report_id, warning, "--note", "Đã kiểm tra lại.")
    xa.ok("report", "finalize", report_id)
    return exported_path(xa.ok("export", "-o", tmp_path / "usb" / str(report_id)))


@pytest.fixture
def reviewer(installations: Callable[[str], Installation], tmp_path: Path) -> tuple[Installation, str]:
    so = installations("so-noi-vu")
    so.ok("init", "--role", "reviewer", "--unit-code", "75", "--unit-name", "Sở Nội vụ tỉnh Đồng Nai",
          "--province", "Tỉnh Đồng Nai", "--signer-name", "Trần Thị Bình", "--authority", "KT",
          "--copies-to", "Như trên;", "--copies-to", "Bộ Nội vụ (để báo cáo);", "--archive", "VT, CCHC")
    period = previous_month()
    communes = {}
    for code, name in NAMES.items():
        xa = installations(f"xa-{code}")
        init_commune(xa, code, name)
        package = _file_and_send(xa, period, FIGURES[code], tmp_path)
        so.ok("units", "trust", package)
        assert so.ok("import", package).out.strip().endswith(": đã nhận")
        communes[code] = xa
    # Tân Phú corrects its report: a second revision with one more meeting.
    xa = communes["26116"]
    first = report_of(xa, form="cchc-xa", revision=1)
    second = int(xa.ok("report", "amend", first["id"]).out.strip().splitlines()[-1])
    xa.ok("report", "set", second, "meetings_held=4")
    xa.ok("report", "finalize", second)
    resent = exported_path(xa.ok("export", "-o", tmp_path / "usb-2"))
    assert so.ok("import", resent).out.strip().endswith(": đã nhận")
    return so, period


def test_the_board_of_the_year(reviewer: tuple[Installation, str]) -> None:
    so, period = reviewer
    year = int(period[:4])
    data = so.ok("board", "--year", year, "--json").json()
    assert data["year"] == year and data["form"] == "cchc-xa"
    assert data["periods"] == [f"{year}-{m:02d}" for m in range(1, 13)]
    units = {u["unit_code"]: u for u in data["units"]}
    assert len(units) > 2  # every commune of Đồng Nai
    column = data["periods"].index(period)
    for code in NAMES:
        cell = units[code]["cells"][column]
        assert cell["state"] in ("on_time", "late") and cell["report_id"] is not None
    tan_phu = report_of(so, unit_code="26116", revision=2)
    assert units["26116"]["cells"][column]["report_id"] == tan_phu["id"]  # the newest revision
    counts = data["totals"][period]
    assert sum(counts.values()) == len(units) and counts["on_time"] + counts["late"] == 2

    text = so.ok("board", "--year", year).out.splitlines()
    row = next(line for line in text if line.startswith("26116"))
    assert "Xã Tân Phú" in row and row.split()[-12 + column] in ("v", "!")
    assert any("Chưa gửi" in line for line in text)
    # Before its first report the commune was not using the program: "-", not "x" (missing).
    assert set(row.split()[-12:][:column]) <= {"-"}
    assert any("- Chưa dùng chương trình" in line for line in text)


def test_the_diff_of_the_corrected_report(reviewer: tuple[Installation, str]) -> None:
    so, _ = reviewer
    second = report_of(so, unit_code="26116", revision=2)
    data = so.ok("diff", second["id"], "--json").json()
    assert (data["revision"], data["against_revision"]) == (2, 1)
    assert [(c["field"], c["before"], c["after"]) for c in data["changes"]] == [("meetings_held", 3, 4)]
    text = so.ok("diff", second["id"], "--against", 1).out
    assert "lần 2 so với lần 1, 1 chỉ tiêu thay đổi" in text and "(meetings_held): 3 → 4" in text
    first = report_of(so, unit_code="26116", revision=1)
    refused = so("diff", first["id"])
    assert refused.code == 2 and "bản đầu tiên" in refused.err


def test_the_comparisons(reviewer: tuple[Installation, str]) -> None:
    so, period = reviewer
    meetings, rate = so.ok("compare", "--period", period, "--fields", "meetings_held,tthc_online_rate",
                           "--json").json()
    assert [(b["unit_code"], b["value"]) for b in meetings["bars"]] == [("26461", 7.0), ("26116", 4.0)]
    assert meetings["trend"][-1] == {"period": period, "total": 11.0}
    assert len(meetings["trend"]) == 12 and meetings["unit"] == "cuộc"
    # 1,587 files online of 3,012: the province's rate, not the mean of 81,84 % and 33,22 %
    assert rate["trend"][-1]["total"] == pytest.approx(100 * 1587 / 3012, abs=0.01)
    text = so.ok("compare", "--period", period, "--fields", "meetings_held").out
    assert "1. 26461  Xã Xuân Định" in text and "2. 26116  Xã Tân Phú" in text
    unknown = so("compare", "--period", period, "--fields", "khong_co")
    assert unknown.code == 2 and "meetings_held" in unknown.err


@pytest.mark.skipif(not POPPLER, reason="needs poppler-utils")
def test_the_consolidated_report_is_the_departments(reviewer: tuple[Installation, str], tmp_path: Path) -> None:
    so, period = reviewer
    pdf = tmp_path / "tong-hop.pdf"
    assert "Đã lập báo cáo tổng hợp" in so.ok("consolidate", "--period", period, "-o", pdf).out
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    text = " ".join(text.split())  # justified lines come back with spaces of any width
    assert "SỞ NỘI VỤ TỈNH ĐỒNG NAI" in text and "/BC-SNV" in text
    assert "Đồng Nai, ngày" in text and "Sở Nội vụ tỉnh Đồng Nai, ngày" not in text
    assert "KT. GIÁM ĐỐC" in text and "PHÓ GIÁM ĐỐC" in text and "Trần Thị Bình" in text
    assert "CHỦ TỊCH" not in text
    assert "- Bộ Nội vụ (để báo cáo);" in text and "- Lưu: VT, CCHC." in text
    assert "- Như trên;" in text
    assert "Đảng ủy" not in text and "HĐND xã" not in text
    assert "đã nhận báo cáo của 2/" in text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:] if line.strip()]
    assert rows and all(row[-5] == "yes" for row in rows), fonts

    xlsx = tmp_path / "tong-hop.xlsx"
    assert "2 đơn vị" in so.ok("consolidate", "--period", period, "-o", xlsx).out
    sheet = openpyxl.load_workbook(xlsx).worksheets[0]
    assert sheet.max_row == 2 + 2 + 1  # title, header, two communes, the total
