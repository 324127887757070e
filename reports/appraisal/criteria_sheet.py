"""Criteria sets as spreadsheets: the layout both the template (``criteria_template``) and the
reader (``criteria_import``) follow, and the errors a filled template can have.

Provinces write their PAR-index criteria as tables (one row per area, criterion and
sub-criterion). ``write_template`` writes such a workbook — filled from an existing criteria
set, so a province starts from last year's — and ``read_template`` turns a filled one into a
form definition (TOML text, parsed and checked like any definition file). Every mistake is
named by sheet, row and column, with what to fix, before anything is installed.

The layout (sheet names and headers are Vietnamese; the reader matches headers, not positions):
- "Tiêu chí": Cấp (Lĩnh vực / Tiêu chí / Tiêu chí thành phần / Nội dung), Mã, Mã trường, Tên,
  Điểm tối đa, Cách chấm, Các mức, Biểu báo cáo, Kỳ báo cáo, Công thức, Ngưỡng, Dưới ngưỡng,
  Đơn vị, Tài liệu kiểm chứng, Bắt buộc có TLKC, Hạn văn bản, Báo cáo của xã làm TLKC,
  Hướng dẫn chấm, Giải thích, Tên tiếng Anh.
- "Xếp loại": Mã, Xếp loại, Từ (điểm).
- "Thông tin": one row per setting (title, summary, legal bases, total, ties …).
"""

from __future__ import annotations

from dataclasses import dataclass

from forms.scoring import MethodKind, ScoredBy, TieBreak
from reports.errors import CchcError

CRITERIA_SHEET, BANDS_SHEET, INFO_SHEET = "Tiêu chí", "Xếp loại", "Thông tin"

AREA, CRITERION, SUB, TEXT = "Lĩnh vực", "Tiêu chí", "Tiêu chí thành phần", "Nội dung"
LEVELS = (AREA, CRITERION, SUB, TEXT)

# key, header, width, what the column holds (the header's comment in the template)
COLUMNS: tuple[tuple[str, str, int, str], ...] = (
    ("level", "Cấp", 20, "Lĩnh vực / Tiêu chí / Tiêu chí thành phần / Nội dung (ô văn bản của phiếu)"),
    ("code", "Mã", 9, "Số thứ tự như trong văn bản: 1; 1.1; 1.1.1"),
    ("field_id", "Mã trường", 22, "Tên ngắn không dấu (chữ thường, số, _) — để trống thì chương trình đặt theo Mã"),
    ("title", "Tên", 50, "Tên lĩnh vực, tiêu chí, tiêu chí thành phần"),
    ("max_points", "Điểm tối đa", 10, "Bắt buộc với tiêu chí thành phần; với lĩnh vực, tiêu chí: nếu ghi thì phải bằng tổng các dòng con"),
    ("method", "Cách chấm", 20, "Số điểm / Theo mức / Tính từ báo cáo / Tỉnh chấm - khảo sát / Tỉnh chấm - thẩm định"),
    ("levels", "Các mức", 40, "Với 'Theo mức': Ban hành đúng hạn = 2; Ban hành chậm = 1; Không ban hành = 0"),
    ("form", "Biểu báo cáo", 12, "Với 'Tính từ báo cáo': mã biểu báo cáo, ví dụ cchc-xa"),
    ("period_kind", "Kỳ báo cáo", 11, "tháng / quý / 6 tháng / 9 tháng / năm"),
    ("expression", "Công thức", 40, "Ví dụ: percent(sum(tthc_resolved_early) + sum(tthc_resolved_on_time), sum(tthc_resolved_total))"),
    ("thresholds", "Ngưỡng", 24, "Từ cao xuống thấp: 98 = 2; 95 = 1 (từ 98 trở lên được 2 điểm …)"),
    ("otherwise", "Dưới ngưỡng", 10, "Điểm khi dưới mọi ngưỡng (mặc định 0)"),
    ("value_unit", "Đơn vị", 8, "Đơn vị của kết quả công thức: %, cuộc …"),
    ("documents", "Tài liệu kiểm chứng", 36, "Tài liệu nào được dùng làm kiểm chứng"),
    ("mandatory", "Bắt buộc có TLKC", 10, "Có: có điểm thì phải có tệp kiểm chứng; Không: có thể giải trình thay"),
    ("deadline", "Hạn văn bản", 16, "Văn bản phải ban hành trước: 31/12 năm trước; 30/06; 15/01 năm sau"),
    ("own_reports", "Báo cáo của xã làm TLKC", 14, "Mã biểu: xã chọn báo cáo đã ký của mình làm kiểm chứng"),
    ("guide", "Hướng dẫn chấm", 40, "Cách chấm theo lời văn của tỉnh, hiện cho xã"),
    ("help", "Giải thích", 30, "Ghi chú thêm cho người nhập"),
    ("label_en", "Tên tiếng Anh", 30, "Không bắt buộc"),
)
HEADERS = {key: header for key, header, _, _ in COLUMNS}
REQUIRED_COLUMNS = ("level", "code", "title", "max_points", "method")

METHOD_NAMES = {
    "Số điểm": (MethodKind.NUMBER, None),
    "Theo mức": (MethodKind.LEVELS, None),
    "Tính từ báo cáo": (MethodKind.REPORTS, None),
    "Tỉnh chấm - khảo sát": (MethodKind.NOT_SELF_SCORED, ScoredBy.SURVEY),
    "Tỉnh chấm - thẩm định": (MethodKind.NOT_SELF_SCORED, ScoredBy.APPRAISAL),
}
PERIOD_NAMES = {"tháng": "month", "quý": "quarter", "6 tháng": "half", "9 tháng": "nine_months", "năm": "year"}
YES, NO = "Có", "Không"
OFFSET_WORDS = {-1: " năm trước", 0: "", 1: " năm sau"}

# Settings of the "Thông tin" sheet: key, label, what goes there.
INFO_ROWS: tuple[tuple[str, str, str], ...] = (
    ("title", "Tên bộ tiêu chí", "Tên in trên phiếu chấm điểm"),
    ("document_type", "Loại văn bản", "BÁO CÁO"),
    ("symbol_code", "Ký hiệu loại văn bản", "BC"),
    ("summary", "Trích yếu", "Có thể dùng {period} cho kỳ chấm điểm"),
    ("note", "Ghi chú", "Hiện cùng biểu mẫu"),
    ("total", "Tổng điểm", "Tổng điểm tối đa các tiêu chí thành phần (thường 100)"),
    ("tie_break", "Khi bằng điểm", "Theo lĩnh vực (so sánh điểm từng lĩnh vực theo thứ tự dưới) / Đồng hạng"),
    ("area_order", "Thứ tự lĩnh vực khi bằng điểm", "Các mã lĩnh vực cách nhau dấu phẩy: 3, 1, 7 …; để trống: theo thứ tự trong phiếu"),
    ("rescale", "Quy đổi về tổng điểm khi không khảo sát", "Có / Không"),
    ("legal_basis", "Căn cứ", "Mỗi căn cứ một dòng (có thể nhiều dòng 'Căn cứ')"),
)
TIE_NAMES = {"Theo lĩnh vực": TieBreak.AREAS, "Đồng hạng": TieBreak.SHARED}


class CriteriaSheetError(CchcError):
    """A filled template that cannot become a criteria set; nothing was installed."""

    code = "criteria_xlsx.invalid"
    exit_code = 1
    vi = "Tệp {file}, trang “{sheet}”, dòng {row}, cột “{column}”: {reason}"
    en = "File {file}, sheet “{sheet}”, row {row}, column “{column}”: {reason_en}"


class NotAWorkbookError(CchcError):
    code = "criteria_xlsx.not_xlsx"
    exit_code = 1
    vi = "Tệp {file} không phải bảng tính Excel (.xlsx) đọc được. Hãy mở bằng Excel hoặc LibreOffice và lưu lại dưới dạng .xlsx."
    en = "{file} is not a readable Excel workbook (.xlsx). Open it in Excel or LibreOffice and save it as .xlsx."


@dataclass
class SheetPlace:
    file: str
    sheet: str

    def fail(self, row: int, column: str, vi: str, en: str) -> CriteriaSheetError:
        return CriteriaSheetError(file=self.file, sheet=self.sheet, row=row, column=column, reason=vi, reason_en=en)


def number_text(value: float) -> str:
    """1.5 → "1,5"; 2.0 → "2" (Vietnamese decimal mark, as provinces type it)."""
    text = f"{value:g}"
    return text.replace(".", ",")
