"""Part III from the one-stop shop's statistics: real XLSX and CSV files made here, read back."""

from __future__ import annotations

import unicodedata
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from forms.definition import FormDefinition, builtin_definitions
from forms.numbers import format_number
from reports.errors import CchcError
from reports.intake import part3
from reports.intake.table_file import IntakeFileError, separator
from tests.unit.part3_files import (
    FLAT_DOMAINS,
    FLAT_HEAD,
    FLAT_ROWS,
    FLAT_SUMS,
    FORM06_DOMAINS,
    FORM06_SUMS,
    flat_csv,
    form06_xlsx,
)


@pytest.fixture(scope="module")
def definition() -> FormDefinition:
    return next(d for d in builtin_definitions() if d.id == "cchc-xa")


def read(path: Path, definition: FormDefinition) -> part3.Part3Figures:
    table = part3.open_part3(path, definition)
    return part3.figures(table, table.proposal)


def test_form06_workbook_with_merged_headings(tmp_path: Path, definition: FormDefinition) -> None:
    table = part3.open_part3(form06_xlsx(tmp_path / "mau06.xlsx"), definition)
    assert table.sheet == "Mẫu 06"
    assert table.column(table.proposal["tthc_resolved_late"]).label == "Kết quả giải quyết / Trả quá hạn"
    assert table.column(table.proposal["tthc_pending_overdue"]).label == "Số hồ sơ đang giải quyết / Quá hạn"
    assert set(table.proposal) == set(part3.MAPPABLE)  # not the rate column
    assert table.proposal[part3.DOMAIN_TABLE] == 1  # "Lĩnh vực" names the rows of the table by domain
    figures = part3.figures(table, table.proposal)
    assert figures.values == {**FORM06_SUMS, part3.DOMAIN_TABLE: FORM06_DOMAINS}
    assert (figures.rows_added, figures.total_row, figures.derived) == (3, None, frozenset())


def test_the_files_own_total_row_is_taken_not_added_to_its_rows(tmp_path: Path, definition: FormDefinition) -> None:
    figures = read(form06_xlsx(tmp_path / "tong.xlsx", total_row=True, title=False), definition)
    assert figures.values == {**FORM06_SUMS, part3.DOMAIN_TABLE: FORM06_DOMAINS}  # not a "Tổng cộng" domain
    assert figures.total_row == 7  # after two heading rows, the column numbers and three domains


@pytest.mark.parametrize(
    ("name", "encoding", "sep"),
    [
        ("utf8.csv", "utf-8", ";"),
        ("utf8-bom.csv", "utf-8-sig", ","),
        ("unicode-text.txt", "utf-16", "\t"),  # Excel's "Unicode text"
        ("windows.csv", "cp1258", ";"),
    ],
)
def test_csv_in_every_encoding_and_separator(tmp_path: Path, definition: FormDefinition, name: str, encoding: str,
                                              sep: str) -> None:
    table = part3.open_part3(flat_csv(tmp_path / name, encoding=encoding, sep=sep), definition)
    assert table.column(0).label == "Lĩnh vực"  # NFC, accents intact
    # The two flat "Quá hạn" columns: the first after "Đã giải quyết", the second after "Đang giải quyết".
    assert (table.proposal["tthc_resolved_late"], table.proposal["tthc_pending_overdue"]) == (8, 11)
    assert part3.figures(table, table.proposal).values == {**FLAT_SUMS, part3.DOMAIN_TABLE: FLAT_DOMAINS}


def test_missing_totals_come_from_their_parts(tmp_path: Path, definition: FormDefinition) -> None:
    keep = [i for i, h in enumerate(FLAT_HEAD) if h not in ("Tiếp nhận", "Trong hạn")]
    path = tmp_path / "thieu.csv"
    lines = [";".join(FLAT_HEAD[i] for i in keep)] + [";".join(r[i] for i in keep) for r in FLAT_ROWS]
    path.write_text("\n".join(lines), encoding="utf-8")
    figures = read(path, definition)
    assert figures.values == {**FLAT_SUMS, part3.DOMAIN_TABLE: FLAT_DOMAINS}  # each row's total from its parts too
    assert figures.derived == {"tthc_received_total", "tthc_pending_within"}


def test_a_bad_cell_is_named_by_its_address(tmp_path: Path, definition: FormDefinition) -> None:
    rows = [list(r) for r in FLAT_ROWS]
    rows[1][5] = "12,5"  # row 3 of the file, column F ("Đã giải quyết")
    path = tmp_path / "sai.csv"
    path.write_text("\n".join(";".join(r) for r in [FLAT_HEAD, *rows]), encoding="utf-8")
    table = part3.open_part3(path, definition)
    with pytest.raises(part3.Part3CellError) as err:
        part3.figures(table, table.proposal)
    assert "Ô F3 (cột “Đã giải quyết”) có “12,5”" in err.value.message("vi")
    assert "báo cáo chưa bị thay đổi" in err.value.message("vi")
    assert "Cell F3" in err.value.message("en")
    # Leaving that column out, the rest reads.
    mapping = part3.apply_overrides(table, table.proposal, ["tthc_resolved_total="])
    assert "tthc_resolved_total" in part3.figures(table, mapping).derived


def test_files_that_are_no_statistics_are_refused(tmp_path: Path, definition: FormDefinition) -> None:
    old = tmp_path / "cu.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    with pytest.raises(IntakeFileError, match="xlsx"):
        part3.open_part3(old, definition)
    broken = tmp_path / "hong.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(IntakeFileError) as err:
        part3.open_part3(broken, definition)
    assert "bị hỏng" in err.value.message("vi")
    with pytest.raises(IntakeFileError):
        part3.open_part3(tmp_path / "khong-co.csv", definition)
    damaged = tmp_path / "xml-hong.xlsx"  # a real workbook whose sheet's XML was cut short
    form06_xlsx(damaged)
    with zipfile.ZipFile(damaged) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"][:300]
    with zipfile.ZipFile(damaged, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    with pytest.raises(IntakeFileError, match="damaged"):
        part3.open_part3(damaged, definition)
    letter = tmp_path / "thu.csv"
    letter.write_text("Kính gửi Ủy ban nhân dân xã\nNội dung: đề nghị cấp giấy\n", encoding="utf-8")
    with pytest.raises(part3.Part3LayoutError) as layout:
        part3.open_part3(letter, definition)
    assert "không tìm thấy bảng số liệu hồ sơ" in layout.value.message("vi")


def test_the_mapping_is_corrected_and_remembered_by_heading(tmp_path: Path, definition: FormDefinition) -> None:
    table = part3.open_part3(flat_csv(tmp_path / "thang11.csv"), definition)
    mapping = part3.apply_overrides(table, table.proposal, ["tthc_resolved_early=H", "tthc_resolved_on_time=Trước hạn",
                                                            "tthc_carried_over=-"])
    assert (mapping["tthc_resolved_early"], mapping["tthc_resolved_on_time"], mapping["tthc_carried_over"]) == (7, 6, None)
    saved = part3.remember_text(table, mapping)
    assert "tthc_resolved_early=Đúng hạn" in saved.splitlines()
    # Next month the software puts its columns in another order: the headings still lead.
    order = [0, 2, 1, 3, 4, 5, 7, 6, 8, 9, 10, 11]
    path = tmp_path / "thang12.csv"
    path.write_text("\n".join(";".join(r[i] for i in order) for r in [FLAT_HEAD, *FLAT_ROWS]), encoding="utf-8")
    again = part3.open_part3(path, definition)
    chosen = part3.remembered(saved, again)
    assert again.column(chosen["tthc_resolved_early"]).label == "Đúng hạn"  # as corrected, not as proposed
    assert again.column(chosen["tthc_resolved_on_time"]).label == "Trước hạn"
    assert chosen["tthc_carried_over"] is None
    assert again.column(chosen["tthc_received_online"]).label == "Trực tuyến"


@pytest.mark.parametrize("pair", ["tthc_resolved_late", "khong_co=H", "tthc_resolved_late=Z", "tthc_resolved_late=Quá hạn"])
def test_a_wrong_override_says_what_to_write(tmp_path: Path, definition: FormDefinition, pair: str) -> None:
    table = part3.open_part3(flat_csv(tmp_path / "a.csv"), definition)
    with pytest.raises(part3.Part3MappingError) as err:
        part3.apply_overrides(table, table.proposal, [pair])
    assert "tthc_" in err.value.message("vi") or "chữ cái" in err.value.message("vi")


def test_a_form_without_dossier_figures_is_refused(tmp_path: Path) -> None:
    scoring = next(d for d in builtin_definitions() if d.id != "cchc-xa")
    with pytest.raises(part3.Part3LayoutError, match="no dossier figures"):
        part3.open_part3(flat_csv(tmp_path / "a.csv"), scoring)


def test_separators() -> None:
    assert separator("a;b;c\n1,5;2;3\n") == ";"
    assert separator("a\tb\tc\n1,5\t2\t3\n") == "\t"
    assert separator('a,b,c\n"1,5",2,3\n') == ","


# ------------------------------------------------------------ open-ended input


@given(st.integers(min_value=0, max_value=10**9))
def test_counts_read_as_written(n: int) -> None:
    assert part3.count_of(format_number(n)) == n  # "1.234.567"
    assert part3.count_of(f"{n:,}") == n  # "1,234,567" from an English-language PC
    assert part3.count_of(n) == part3.count_of(float(n)) == part3.count_of(str(n)) == n


@given(st.text(max_size=12))
def test_anything_else_is_no_count_or_a_count(text: str) -> None:
    try:
        n = part3.count_of(text)
    except ValueError:
        return
    assert isinstance(n, int) and n >= 0


_HEADINGS = {
    "Tiếp nhận": "tthc_received_total", "Đã giải quyết": "tthc_resolved_total", "Trước hạn": "tthc_resolved_early",
    "Đúng hạn": "tthc_resolved_on_time", "Đang giải quyết": "tthc_pending_total", "Trực tuyến": "tthc_received_online",
}


@given(st.sampled_from(sorted(_HEADINGS)), st.sampled_from(["NFC", "NFD"]), st.sampled_from([str.upper, str.lower, str.title]),
       st.sampled_from(["", " ", ":", "  (hồ sơ)"]))
def test_headings_match_whatever_the_case_accents_and_normal_form(heading: str, form: str, case: object, tail: str) -> None:
    shown = unicodedata.normalize(form, case(heading) + tail)  # type: ignore[operator]
    book = openpyxl.Workbook()
    assert book.active is not None
    columns = [part3.Column(0, shown, part3.fold(shown))]
    assert part3.propose(columns, set(part3.FIELD_IDS)) == {_HEADINGS[heading]: 0}
    plain = part3.fold(heading)
    assert part3.propose([part3.Column(0, plain, plain)], set(part3.FIELD_IDS)) == {_HEADINGS[heading]: 0}


@given(st.lists(st.lists(st.one_of(st.text(max_size=8), st.integers(-5, 10**6).map(str)), max_size=8), max_size=8),
       st.sampled_from([";", ",", "\t"]))
@example([["\r0"]], ";")  # a lone carriage return inside a cell once stopped the reader with csv.Error
@settings(max_examples=60, deadline=None)
def test_any_csv_is_read_or_refused_with_a_message(rows: list[list[str]], sep: str) -> None:
    import tempfile

    definition = next(d for d in builtin_definitions() if d.id == "cchc-xa")
    lines = [sep.join([*FLAT_HEAD[:3], "Đã giải quyết"])] + [sep.join(r) for r in rows]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bat-ky.csv"
        path.write_text("\n".join(lines), encoding="utf-8")
        try:
            table = part3.open_part3(path, definition)
            figures = part3.figures(table, table.proposal)
        except CchcError as exc:
            assert exc.message("vi") and exc.message("en")
            return
    assert all(isinstance(v, int) and v >= 0 for k, v in figures.values.items() if k in part3.FIELD_IDS)
