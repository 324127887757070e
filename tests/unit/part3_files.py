"""Statistics files as one-stop-shop software writes them, made for the tests."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import openpyxl

# Form 06/VPCP/KSTT's columns under two heading rows (merged cells), a column-number row,
# one row per domain and a total row.
FORM06_HEAD = [
    ["STT", "Lĩnh vực", "Số hồ sơ nhận giải quyết", None, None, None,
     "Kết quả giải quyết", None, None, None, "Số hồ sơ đang giải quyết", None, None, "Tỷ lệ đúng hạn (%)"],
    [None, None, "Tổng số", "Trực tuyến", "Trực tiếp, dịch vụ bưu chính", "Từ kỳ trước chuyển qua",
     "Tổng số", "Trả trước hạn", "Trả đúng thời hạn", "Trả quá hạn", "Tổng số", "Chưa đến hạn", "Quá hạn", None],
]
FORM06_ROWS = [
    [1, "Hộ tịch", 120, 80, 30, 10, 110, 60, 45, 5, 10, 8, 2, "95,5"],
    [2, "Chứng thực", "1.050", 1000, 40, 10, 1040, 900, 140, 0, 10, 10, 0, "100"],
    [3, "Đất đai", 15, 5, 10, 0, 9, 1, 6, 2, 6, 3, 3, "70"],
]
# What the three rows add up to.
FORM06_SUMS = {
    "tthc_received_total": 1185, "tthc_received_online": 1085, "tthc_received_direct": 80, "tthc_carried_over": 20,
    "tthc_resolved_total": 1159, "tthc_resolved_early": 961, "tthc_resolved_on_time": 191, "tthc_resolved_late": 7,
    "tthc_pending_total": 26, "tthc_pending_within": 21, "tthc_pending_overdue": 5,
}

FORM06_DOMAINS = [
    {"domain": "Hộ tịch", "received": 120, "resolved_on_time": 105, "resolved_late": 5},
    {"domain": "Chứng thực", "received": 1050, "resolved_on_time": 1040, "resolved_late": 0},
    {"domain": "Đất đai", "received": 15, "resolved_on_time": 7, "resolved_late": 2},
]


def form06_xlsx(path: Path, *, total_row: bool = False, title: bool = True) -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Mẫu 06"
    if title:
        ws.append(["BÁO CÁO TÌNH HÌNH TIẾP NHẬN VÀ GIẢI QUYẾT HỒ SƠ THỦ TỤC HÀNH CHÍNH"])
        ws.append(["Kỳ báo cáo: từ 15/10/2026 đến 14/11/2026"])
        ws.append([])
    first = 4 if title else 1
    for row in FORM06_HEAD:
        ws.append(row)
    ws.append([f"({i})" for i in range(1, 15)])
    for row in FORM06_ROWS:
        ws.append(row)
    if total_row:
        ws.append([None, "Tổng cộng", *[FORM06_SUMS[k] for k in (
            "tthc_received_total", "tthc_received_online", "tthc_received_direct", "tthc_carried_over",
            "tthc_resolved_total", "tthc_resolved_early", "tthc_resolved_on_time", "tthc_resolved_late",
            "tthc_pending_total", "tthc_pending_within", "tthc_pending_overdue")], None])
    ws.append([])
    ws.append([None, "Người lập biểu", None, None, None, None, None, None, "Ngày 14 tháng 11 năm 2026"])
    for a, b in ((1, 1), (2, 2)):  # STT and Lĩnh vực span both heading rows
        ws.merge_cells(start_row=first, start_column=a, end_row=first + 1, end_column=b)
    ws.merge_cells(start_row=first, start_column=3, end_row=first, end_column=6)
    ws.merge_cells(start_row=first, start_column=7, end_row=first, end_column=10)
    ws.merge_cells(start_row=first, start_column=11, end_row=first, end_column=13)
    book.save(path)
    return path


# A flat heading as a simpler program writes it: the two "Quá hạn" told apart by position.
FLAT_HEAD = ["Lĩnh vực", "Tiếp nhận", "Trực tuyến", "Trực tiếp", "Kỳ trước chuyển sang", "Đã giải quyết",
             "Trước hạn", "Đúng hạn", "Quá hạn", "Đang giải quyết", "Trong hạn", "Quá hạn"]
FLAT_ROWS = [
    ["Hộ tịch", "1.234", "1.000", "200", "34", "1.200", "700", "480", "20", "34", "30", "4"],
    ["Chứng thực", "66", "60", "6", "0", "60", "30", "30", "0", "6", "6", "0"],
]
FLAT_SUMS = {
    "tthc_received_total": 1300, "tthc_received_online": 1060, "tthc_received_direct": 206, "tthc_carried_over": 34,
    "tthc_resolved_total": 1260, "tthc_resolved_early": 730, "tthc_resolved_on_time": 510, "tthc_resolved_late": 20,
    "tthc_pending_total": 40, "tthc_pending_within": 36, "tthc_pending_overdue": 4,
}

FLAT_DOMAINS = [
    {"domain": "Hộ tịch", "received": 1234, "resolved_on_time": 1180, "resolved_late": 20},
    {"domain": "Chứng thực", "received": 66, "resolved_on_time": 60, "resolved_late": 0},
]


def cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows writes it: a letter with its vowel mark precomposed
    where the code page has one, the tone mark as a combining character after it."""
    out = b""
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            base, *marks = unicodedata.normalize("NFD", ch)
            for mark in marks:  # "ậ" is "â" and a combining dot below
                try:
                    rest = "".join(m for m in marks if m != mark)
                    out += unicodedata.normalize("NFC", base + mark).encode("cp1258") + rest.encode("cp1258")
                    break
                except UnicodeEncodeError:
                    continue
            else:
                out += (base + "".join(marks)).encode("cp1258")
    return out


def flat_csv(path: Path, *, encoding: str = "utf-8", sep: str = ";") -> Path:
    lines = [sep.join(FLAT_HEAD)] + [sep.join(f'"{c}"' if sep in c else c for c in r) for r in FLAT_ROWS]
    text = "\r\n".join(lines) + "\r\n"
    path.write_bytes(cp1258(text) if encoding == "cp1258" else text.encode(encoding))
    return path
