"""Criteria sets as spreadsheets: the template round trip, and every mistake named by sheet,
row and column (cchc forms template-xlsx / import-xlsx)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from forms.definition import builtin_definitions
from forms.expressions import Expression
from forms.model import FormDefinition
from reports.appraisal.criteria_import import read_template
from reports.appraisal.criteria_sheet import (
    CRITERIA_SHEET,
    HEADERS,
    INFO_SHEET,
    CriteriaSheetError,
    NotAWorkbookError,
)
from reports.appraisal.criteria_template import write_template


def plain(x: Any) -> Any:
    """A definition as plain data (an expression by its text), for comparing two of them."""
    if isinstance(x, Expression):
        return x.source
    if dataclasses.is_dataclass(x) and not isinstance(x, type):
        # The English texts are not in the spreadsheet: they live in the shipped set's translation
        # file, which names the exact text it translates (forms/translation.py).
        return {f.name: plain(getattr(x, f.name)) for f in dataclasses.fields(x)
                if f.name != "source_text" and not f.name.endswith("_en")}
    if isinstance(x, (list, tuple)):
        return [plain(i) for i in x]
    return x


@pytest.fixture
def sample_set() -> FormDefinition:
    return max((d for d in builtin_definitions() if d.kind == "scoring"), key=lambda d: d.version)


def test_template_round_trip_gives_the_same_definition(tmp_path: Path, sample_set: FormDefinition) -> None:
    path = tmp_path / "tieu-chi.xlsx"
    write_template(path, sample_set)
    again = read_template(path, sample_set.id, sample_set.version)
    assert plain(again) == plain(sample_set)
    # and the text it would publish parses to the same again
    assert again.source_text.startswith('id = "tu-cham-diem-xa"')


def test_a_province_can_give_a_new_id_and_version(tmp_path: Path, sample_set: FormDefinition) -> None:
    path = tmp_path / "tieu-chi.xlsx"
    write_template(path, sample_set)
    d = read_template(path, "chi-so-cchc-dong-nai", 1)
    assert (d.id, d.version) == ("chi-so-cchc-dong-nai", 1)
    assert d.max_points == pytest.approx(100)


def _edit(path: Path, sheet: str, header: str, row_match: str, value: Any) -> int:
    """Set the cell under ``header`` in the first row whose title contains ``row_match``; returns the row."""
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    headers = [c.value for c in ws[1]]
    col = headers.index(header) + 1
    title_col = headers.index(HEADERS["title"]) + 1 if sheet == CRITERIA_SHEET else 1
    for r in range(2, ws.max_row + 1):
        if row_match in str(ws.cell(row=r, column=title_col).value or ""):
            ws.cell(row=r, column=col, value=value)
            wb.save(path)
            return r
    raise AssertionError(f"no row with {row_match!r}")


@pytest.fixture
def filled(tmp_path: Path, sample_set: FormDefinition) -> Path:
    path = tmp_path / "tieu-chi.xlsx"
    write_template(path, sample_set)
    return path


def _error(path: Path) -> CriteriaSheetError:
    with pytest.raises(CriteriaSheetError) as info:
        read_template(path, "tu-cham-diem-xa", 9)
    return info.value


def test_a_missing_column_is_named(filled: Path) -> None:
    wb = openpyxl.load_workbook(filled)
    ws = wb[CRITERIA_SHEET]
    ws.delete_cols([c.value for c in ws[1]].index(HEADERS["max_points"]) + 1)
    wb.save(filled)
    e = _error(filled)
    assert (e.params["sheet"], e.params["row"], e.params["column"]) == (CRITERIA_SHEET, 1, "Điểm tối đa")
    assert "tệp mẫu" in e.message("vi")


def test_a_maximum_that_does_not_add_up_names_the_criterion_row(filled: Path) -> None:
    row = _edit(filled, CRITERIA_SHEET, HEADERS["max_points"], "Kế hoạch CCHC năm", 9)  # the criterion row
    e = _error(filled)
    assert (e.params["row"], e.params["column"]) == (row, "Điểm tối đa")
    assert "cộng lại" in e.message("vi")


def test_a_sub_criterion_maximum_that_breaks_the_total_names_the_total(filled: Path) -> None:
    wb = openpyxl.load_workbook(filled)
    ws = wb[CRITERIA_SHEET]
    headers = [c.value for c in ws[1]]
    for r in range(2, ws.max_row + 1):  # drop the stated points of areas and criteria
        if ws.cell(row=r, column=1).value in ("Lĩnh vực", "Tiêu chí"):
            ws.cell(row=r, column=headers.index(HEADERS["max_points"]) + 1).value = None
    wb.save(filled)
    _edit(filled, CRITERIA_SHEET, HEADERS["max_points"], "Tuyên truyền CCHC", 5)
    _edit(filled, CRITERIA_SHEET, HEADERS["method"], "Tuyên truyền CCHC", "Số điểm")
    e = _error(filled)
    assert e.params["sheet"] == INFO_SHEET, e.message("vi")
    assert "103" in e.message("vi") and "100" in e.message("vi")


def test_a_formula_that_does_not_parse_is_named(filled: Path) -> None:
    row = _edit(filled, CRITERIA_SHEET, HEADERS["expression"], "Tỷ lệ hồ sơ TTHC giải quyết", "percent(sum(a), ")
    e = _error(filled)
    assert (e.params["row"], e.params["column"]) == (row, "Công thức")


def test_a_level_above_the_maximum_is_named(filled: Path) -> None:
    row = _edit(filled, CRITERIA_SHEET, HEADERS["levels"], "Ban hành kế hoạch CCHC năm", "Đúng hạn = 5; Chậm = 1; Không = 0")
    e = _error(filled)
    assert (e.params["row"], e.params["column"]) == (row, "Các mức")
    assert "vượt điểm tối đa" in e.message("vi")


def test_an_unknown_method_and_a_bad_deadline_are_named(filled: Path) -> None:
    row = _edit(filled, CRITERIA_SHEET, HEADERS["method"], "Tuyên truyền CCHC", "Tùy ý")
    e = _error(filled)
    assert (e.params["row"], e.params["column"]) == (row, "Cách chấm")
    _edit(filled, CRITERIA_SHEET, HEADERS["method"], "Tuyên truyền CCHC", "Số điểm")
    row = _edit(filled, CRITERIA_SHEET, HEADERS["deadline"], "Ban hành kế hoạch CCHC năm", "cuối năm")
    e = _error(filled)
    assert (e.params["row"], e.params["column"]) == (row, "Hạn văn bản")


def test_bands_must_go_down(filled: Path) -> None:
    wb = openpyxl.load_workbook(filled)
    wb["Xếp loại"].cell(row=3, column=3, value=95)
    wb.save(filled)
    e = _error(filled)
    assert (e.params["sheet"], e.params["row"], e.params["column"]) == ("Xếp loại", 3, "Từ (điểm)")


def test_a_file_that_is_not_a_workbook(tmp_path: Path) -> None:
    bad = tmp_path / "tieu-chi.xlsx"
    bad.write_bytes(b"%PDF-1.7 not a workbook")
    with pytest.raises(NotAWorkbookError):
        read_template(bad, "x-y", 1)


def test_an_empty_template_has_every_column(tmp_path: Path) -> None:
    path = tmp_path / "trong.xlsx"
    write_template(path)
    ws = openpyxl.load_workbook(path)[CRITERIA_SHEET]
    assert [c.value for c in ws[1]] == list(HEADERS.values())
    with pytest.raises(CriteriaSheetError) as info:
        read_template(path, "x-y", 1)
    assert "chưa có lĩnh vực" in info.value.message("vi")
