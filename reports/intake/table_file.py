"""A spreadsheet file read as rows of cells: XLSX through openpyxl, CSV and Excel's
"Unicode text" by their encoding and separator.

One-stop-shop programs export their statistics in whatever Excel or their web page gives:
an .xlsx workbook with merged heading cells, a CSV in UTF-8 (with or without the byte-order
mark Excel writes), Excel's "Unicode text" (UTF-16, tab-separated), or an older CSV in the
Windows Vietnamese code page 1258, separated by ";" when the PC's list separator is ";"
(Vietnamese Windows uses "," as its decimal mark). Everything comes out NFC."""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reports.errors import CchcError
from reports.workbooks import UnreadableWorkbookError, open_workbook

Cell = str | int | float | None
MAX_BYTES = 30 * 1024 * 1024  # far beyond a month's statistics; a bigger file is not one
MAX_ROWS = 20_000


class IntakeFileError(CchcError):
    """The file cannot be read as a table (missing, another format, damaged, wrong encoding)."""

    code = "intake.file"
    vi = "Không đọc được tệp {name}: {reason_vi}"
    en = "Cannot read the file {name}: {reason_en}"


@dataclass(frozen=True)
class Sheet:
    name: str
    rows: list[list[Cell]]


def read_table(path: Path) -> list[Sheet]:
    """Every sheet of ``path`` (a CSV or text file is one sheet)."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise IntakeFileError(
            name=path.name, reason_vi=f"{exc.strerror}. Hãy chọn lại tệp.", reason_en=f"{exc.strerror}. Choose the file again."
        ) from exc
    if size > MAX_BYTES:
        raise IntakeFileError(
            name=path.name,
            reason_vi="tệp quá lớn để là một bảng thống kê hồ sơ. Hãy xuất lại chỉ bảng thống kê của kỳ báo cáo.",
            reason_en="the file is too large to be a table of dossier figures. Export only the period's statistics.",
        )
    data = path.read_bytes()
    suffix = path.suffix.lower()
    if data[:4] == b"PK\x03\x04" or suffix in (".xlsx", ".xlsm"):
        return read_xlsx(path, data)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" or suffix == ".xls":
        raise IntakeFileError(
            name=path.name,
            reason_vi="đây là tệp Excel cũ (.xls). Hãy mở tệp bằng Excel, chọn Lưu thành (Save As) dạng .xlsx hoặc CSV rồi nhập lại.",
            reason_en="this is an old Excel file (.xls). Open it in Excel, save it as .xlsx or CSV, and import again.",
        )
    return [Sheet(path.stem, parse_text(decode_text(data, path.name), path.name))]


def read_xlsx(path: Path, data: bytes) -> list[Sheet]:
    try:
        # The whole workbook, not read-only: the merged ranges of the headings are only known to
        # a full one. Values as Excel last computed them.
        book = open_workbook(data)
    except UnreadableWorkbookError as exc:
        if exc.too_large:
            raise IntakeFileError(
                name=path.name,
                reason_vi="bảng tính khi giải nén quá lớn để là một bảng thống kê hồ sơ. Hãy xuất lại chỉ bảng thống kê của kỳ báo cáo.",
                reason_en="the workbook unpacks to far more than a table of dossier figures. Export only the period's statistics.",
            ) from exc
        raise IntakeFileError(
            name=path.name,
            reason_vi="tệp không phải bảng tính Excel (.xlsx) hợp lệ hoặc đã bị hỏng. Hãy xuất lại tệp từ phần mềm một cửa.",
            reason_en="the file is not a valid Excel workbook (.xlsx) or is damaged. Export it again from the one-stop-shop software.",
        ) from exc
    sheets = []
    for ws in book.worksheets:
        rows: list[list[Cell]] = [
            [clean(v) for v in row] for row in ws.iter_rows(max_row=min(ws.max_row, MAX_ROWS), values_only=True)
        ]
        # A merged heading ("Số hồ sơ đã giải quyết" over four columns) holds its text in its
        # first cell only: give it to every cell of the range, so each column knows its group.
        for rng in ws.merged_cells.ranges:
            top, left = rng.min_row - 1, rng.min_col - 1
            if top >= len(rows):
                continue
            value = rows[top][left] if left < len(rows[top]) else None
            for r in range(top, min(rng.max_row, len(rows))):
                for c in range(left, rng.max_col):
                    if c < len(rows[r]) and (r, c) != (top, left):
                        rows[r][c] = value
        sheets.append(Sheet(ws.title, rows))
    book.close()
    return sheets


def clean(value: Any) -> Cell:
    if value is None or isinstance(value, bool):
        return None if value is None else int(value)
    if isinstance(value, int | float):
        return value
    text = unicodedata.normalize("NFC", str(value)).strip()
    return text or None


def decode_text(data: bytes, name: str) -> str:
    """UTF-8 (with or without BOM), UTF-16 with a BOM (Excel's "Unicode text"), else cp1258."""
    if data.startswith(b"\xef\xbb\xbf"):
        encodings = ["utf-8-sig"]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ["utf-16"]
    else:
        encodings = ["utf-8", "cp1258"]
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            break  # UTF-16 without its mark, or a binary file: not a table we can read
        return unicodedata.normalize("NFC", text)
    raise IntakeFileError(
        name=name,
        reason_vi="không nhận ra bảng mã của tệp văn bản. Hãy mở tệp bằng Excel và lưu lại dạng .xlsx hoặc “CSV UTF-8”.",
        reason_en="the text file's encoding is not recognised. Open it in Excel and save it as .xlsx or “CSV UTF-8”.",
    )


def separator(text: str) -> str:
    """Tab, ";" or "," — whichever splits the first lines most consistently."""
    lines = [line for line in text.splitlines()[:40] if line.strip()]
    best, best_score = ",", -1
    for sep in ("\t", ";", ","):
        counts = [len(next(csv.reader([line], delimiter=sep))) for line in lines]
        # Lines split into several cells, weighted by how many agree on the most common width.
        wide = [n for n in counts if n > 1]
        score = max((wide.count(n) * n for n in set(wide)), default=0)
        if score > best_score:
            best, best_score = sep, score
    return best


def parse_text(text: str, name: str) -> list[list[Cell]]:
    # newline="": the reader sees every line end as written, a lone "\r" (old Mac) included.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator(text))
    rows: list[list[Cell]] = []
    try:
        for i, row in enumerate(reader):
            if i >= MAX_ROWS:
                break
            rows.append([clean(v) for v in row])
    except csv.Error as exc:
        raise IntakeFileError(
            name=name,
            reason_vi=f"dòng {reader.line_num} không đọc được ({exc}). Hãy mở tệp bằng Excel và lưu lại dạng .xlsx.",
            reason_en=f"line {reader.line_num} cannot be read ({exc}). Open the file in Excel and save it as .xlsx.",
        ) from exc
    return rows
