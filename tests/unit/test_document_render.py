"""The report document's content: fonts, text, numbers, metadata, as poppler and qpdf see it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from forms.definition import FormDefinition, builtin_definitions, parse_definition
from forms.engine import evaluate
from forms.periods import Period
from reports import __version__
from reports.documents import Issuer, RenderedDocument, ReportDocument, SignerBlock, render_report
from reports.documents.content import format_value
from reports.documents.render import date_line, document_title, full_symbol, number_line
from reports.documents.sample import SAMPLE_VALUES, sample_document

pytestmark = pytest.mark.skipif(
    not all(shutil.which(t) for t in ("pdffonts", "pdftotext", "qpdf")), reason="needs poppler-utils and qpdf"
)

EVERY_DIACRITIC = "ắằẳẵặấầẩẫậếềểễệốồổỗộớờởỡợứừửữựđĐ"
CREATED = dt.datetime(2027, 2, 5, 9, 15, 30, tzinfo=dt.UTC)


def _cchc() -> FormDefinition:
    return next(d for d in builtin_definitions() if d.id == "cchc-xa")


SCORING_TOML = """
id = "diem-thu"
version = 1
kind = "scoring"
title = "Phiếu chấm điểm thử"
summary = "Kết quả tự chấm điểm cải cách hành chính {period}"
period_kinds = ["year"]

[[sections]]
id = "1"
title = "Công tác chỉ đạo, điều hành"
[[sections.fields]]
id = "a1"
type = "score"
group = "1.1. Kế hoạch"
label = "Ban hành kế hoạch đúng hạn"
max_points = 20
[[sections.fields]]
id = "a2"
type = "score"
group = "1.1. Kế hoạch"
label = "Mức độ hoàn thành kế hoạch"
max_points = 30
[[sections.fields]]
id = "a_note"
type = "narrative"
label = "Tài liệu kiểm chứng"

[[sections]]
id = "2"
title = "Cải cách thủ tục hành chính"
[[sections.fields]]
id = "b1"
type = "score"
group = "2.1. Giải quyết hồ sơ"
label = "Tỷ lệ hồ sơ đúng hạn"
max_points = 50
"""


def _render_to(tmp_path: Path, doc: ReportDocument, name: str = "doc.pdf") -> tuple[RenderedDocument, Path]:
    rendered = render_report(doc)
    path = tmp_path / name
    path.write_bytes(rendered.pdf)
    return rendered, path


def _text(path: Path, *args: str) -> str:
    return subprocess.run(
        ["pdftotext", *args, str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def _squash(text: str) -> str:
    """pdftotext's text with line breaks and runs of spaces made single spaces."""
    return " ".join(text.split())


@pytest.fixture(scope="module")
def monthly(tmp_path_factory: pytest.TempPathFactory) -> tuple[RenderedDocument, Path]:
    values = dict(SAMPLE_VALUES)
    values["direction_results"] = SAMPLE_VALUES["direction_results"] + f"\nĐủ dấu: {EVERY_DIACRITIC}."
    doc = sample_document(
        _cchc(),
        values=evaluate(_cchc(), values).values,
        issuer=Issuer("ỦY BAN NHÂN DÂN", "XÃ ĐỨC HƯƠNG", "Đức Hương", "BC-UBND"),
        issued_on=dt.date(2027, 2, 5),
        created_at=CREATED,
    )
    return _render_to(tmp_path_factory.mktemp("monthly"), doc)


# ---------------------------------------------------------------- fonts and file


def _fonts(path: Path) -> list[list[str]]:
    out = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
    return [line.split() for line in out.splitlines()[2:] if line.strip()]


def test_only_the_cchc_serif_faces_are_used_and_every_face_is_embedded(
    monthly: tuple[RenderedDocument, Path],
) -> None:
    fonts = _fonts(monthly[1])
    names = {row[0].split("+", 1)[-1] for row in fonts}
    assert names == {
        "CCHCSerif-Regular",
        "CCHCSerif-Bold",
        "CCHCSerif-Italic",
        "CCHCSerif-BoldItalic",
    }
    # columns: name type encoding emb sub uni object ID
    assert all(row[-5] == "yes" for row in fonts), fonts


def test_a_draft_and_a_scoring_sheet_embed_only_liberation_serif_too(tmp_path: Path) -> None:
    scoring = parse_definition(SCORING_TOML)
    for doc in (
        sample_document(_cchc(), draft=True, number=None, issued_on=None, revision=2),
        sample_document(scoring, values={"a1": 20, "a2": 25, "b1": 42.5}, period=Period.parse("2026")),
    ):
        _, path = _render_to(tmp_path, doc)
        assert all(
            row[0].split("+", 1)[-1].startswith("CCHCSerif") and row[-5] == "yes" for row in _fonts(path)
        )


def test_qpdf_finds_the_file_clean(monthly: tuple[RenderedDocument, Path]) -> None:
    result = subprocess.run(["qpdf", "--check", str(monthly[1])], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors" in result.stdout


def test_page_count_and_size(monthly: tuple[RenderedDocument, Path]) -> None:
    rendered, _ = monthly
    reader = PdfReader(io.BytesIO(rendered.pdf))
    assert rendered.pages == len(reader.pages) >= 3
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)  # A4


# ---------------------------------------------------------------- text


def test_text_comes_back_exact_and_nfc(monthly: tuple[RenderedDocument, Path]) -> None:
    plain = _text(monthly[1])
    layout = _text(monthly[1], "-layout")
    for text in (plain, layout):
        assert unicodedata.is_normalized("NFC", text)
        for expected in (
            "ỦY BAN NHÂN DÂN",
            "XÃ ĐỨC HƯƠNG",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Số: 05/BC-UBND",
            "Đức Hương, ngày 05 tháng 02 năm 2027",
            "BÁO CÁO",
            "Kính gửi: Sở Nội vụ tỉnh Đồng Nai",
            EVERY_DIACRITIC,
            "Nơi nhận:",
            "TM. ỦY BAN NHÂN DÂN",
            "CHỦ TỊCH",
            "Nguyễn Văn Hưởng",
        ):
            assert expected in text, expected
    squashed = _squash(plain)
    assert "Kết quả thực hiện công tác cải cách hành chính tháng 11 năm 2026" in squashed
    assert "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021" in squashed
    # a narrative paragraph, over several lines, word for word
    assert _squash(SAMPLE_VALUES["procedure_results"].split("\n")[1]) in squashed


def test_decomposed_input_comes_out_composed(tmp_path: Path) -> None:
    nfd = unicodedata.normalize("NFD", f"Người dân phản ánh: {EVERY_DIACRITIC}.")
    assert not unicodedata.is_normalized("NFC", nfd)
    values = dict(SAMPLE_VALUES, proposals=nfd)
    doc = sample_document(
        _cchc(),
        values=evaluate(_cchc(), values).values | {"proposals": nfd},
        issuer=Issuer(
            unicodedata.normalize("NFD", "Ủy ban nhân dân"),
            unicodedata.normalize("NFD", "Xã Đức Hương"),
            unicodedata.normalize("NFD", "Đức Hương"),
        ),
        signer=SignerBlock(
            unicodedata.normalize("NFD", "TM. Ủy ban nhân dân"),
            "Chủ tịch",
            unicodedata.normalize("NFD", "Trần Thị Ngọc Ánh"),
        ),
    )
    _, path = _render_to(tmp_path, doc)
    text = _text(path)
    assert unicodedata.is_normalized("NFC", text)
    for expected in (
        unicodedata.normalize("NFC", nfd),
        "ỦY BAN NHÂN DÂN",
        "XÃ ĐỨC HƯƠNG",
        "Trần Thị Ngọc Ánh",
        "Đức Hương, ngày",
    ):
        assert expected in _squash(text), expected


def test_figures_choices_rates_and_missing_values_are_written_the_vietnamese_way(
    monthly: tuple[RenderedDocument, Path],
) -> None:
    text = _squash(_text(monthly[1], "-layout"))
    assert "Tổng số hồ sơ tiếp nhận hồ sơ 1.234" in text
    assert "Đã ban hành kế hoạch CCHC năm Có" in text
    assert "Tỷ lệ hoàn thành nhiệm vụ % 92,9%" in text  # 13 / 14
    assert "Số tiết kiệm chi thường xuyên triệu đồng 125,5" in text
    assert "Tỷ lệ giải quyết đúng hạn và trước hạn % 99,5%" in text  # (402 + 791) / (1198 + 1)
    # the repeating table: its rows, then the column totals
    assert "1 Hộ tịch 512 498 2" in text
    assert "Tổng cộng 1.234 1.193 5" in text


def test_empty_values_show_a_dash_and_empty_narratives_are_left_out(tmp_path: Path) -> None:
    values = {k: v for k, v in SAMPLE_VALUES.items() if k not in ("meetings_held", "direction_shortcomings")}
    _, path = _render_to(tmp_path, sample_document(_cchc(), values=evaluate(_cchc(), values).values))
    text = _squash(_text(path, "-layout"))
    assert "Số cuộc họp, hội nghị có nội dung CCHC cuộc —" in text
    part_one = text.split("II. Cải cách thể chế")[0]
    assert "Tồn tại, hạn chế" not in part_one
    assert "1. Kết quả đạt được" in part_one and "2. Nguyên nhân" in part_one


def test_recipients_end_with_the_archive_line(monthly: tuple[RenderedDocument, Path]) -> None:
    lines = [line.strip() for line in _text(monthly[1]).splitlines()]
    start = lines.index("Nơi nhận:")
    assert lines[start + 1 : start + 5] == [
        "- Như trên;",
        "- TT Đảng ủy, HĐND xã;",
        "- Chủ tịch, các PCT UBND xã;",
        "- Lưu: VT, VHXH.",
    ]


def test_a_draft_without_number_or_date_leaves_them_blank(tmp_path: Path) -> None:
    doc = sample_document(
        _cchc(),
        number=None,
        issued_on=None,
        draft=True,
        created_at=dt.datetime(2026, 11, 16, 10, 0, tzinfo=dt.UTC),
    )
    _, path = _render_to(tmp_path, doc)
    text = _squash(_text(path, "-layout").replace("\u00a0", " "))
    assert "Số: /BC-UBND" in text
    assert "Tân Phú, ngày tháng năm 2026" in text


def test_revision_line_only_on_a_later_revision(tmp_path: Path) -> None:
    _, first = _render_to(tmp_path, sample_document(_cchc(), revision=1), "r1.pdf")
    _, third = _render_to(tmp_path, sample_document(_cchc(), revision=3), "r3.pdf")
    assert "Bản sửa đổi" not in _text(first)
    assert "(Bản sửa đổi lần 2)" in _text(third)


def test_scoring_sheet_has_area_tables_and_the_overall_total(tmp_path: Path) -> None:
    scoring = parse_definition(SCORING_TOML)
    values = evaluate(scoring, {"a1": 20, "a2": 25, "b1": 42.5, "a_note": "Kế hoạch số 12/KH-UBND."}).values
    _, path = _render_to(tmp_path, sample_document(scoring, values=values, period=Period.parse("2026")))
    text = _squash(_text(path, "-layout"))
    assert "1. Công tác chỉ đạo, điều hành" in text
    assert "Tiêu chí / Tiêu chí thành phần Điểm tối đa Điểm tự chấm" in text
    assert "1.1. Kế hoạch 50 45" in text
    assert "- Mức độ hoàn thành kế hoạch 30 25" in text
    assert "Cộng 50 45" in text and "Cộng 50 42,5" in text
    assert "Tài liệu kiểm chứng Kế hoạch số 12/KH-UBND." in text
    assert "Tổng cộng 100 87,5" in text
    assert "Tổng cộng: 87,5/100 điểm" in text
    assert "Kết quả tự chấm điểm cải cách hành chính năm 2026" in text


@pytest.mark.parametrize("definition", builtin_definitions(), ids=lambda d: d.key)
def test_every_builtin_form_renders_empty_and_filled(tmp_path: Path, definition: FormDefinition) -> None:
    period = Period.parse("2026") if definition.kind == "scoring" else Period.month(2026, 11)
    empty = render_report(sample_document(definition, values=evaluate(definition, {}).values, period=period))
    filled = render_report(sample_document(definition, period=period))
    for rendered in (empty, filled):
        assert rendered.pdf.startswith(b"%PDF-") and rendered.pages >= 1
        assert 0 <= rendered.signature_box[0] < rendered.pages


# ---------------------------------------------------------------- metadata and reproducibility


def test_metadata(monthly: tuple[RenderedDocument, Path]) -> None:
    info = PdfReader(io.BytesIO(monthly[0].pdf)).metadata
    assert info is not None
    assert info.title == "Báo cáo kết quả thực hiện công tác cải cách hành chính tháng 11 năm 2026"
    assert info.author == "UBND xã Tân Phú"
    assert info.subject == "Kết quả thực hiện công tác cải cách hành chính tháng 11 năm 2026"
    assert info.creator == f"Báo cáo CCHC {__version__}"
    assert info.creation_date == CREATED


def test_same_document_and_creation_time_give_the_same_bytes() -> None:
    doc = sample_document(_cchc(), created_at=CREATED)
    assert render_report(doc).pdf == render_report(dataclasses.replace(doc)).pdf
    later = dataclasses.replace(doc, created_at=CREATED + dt.timedelta(seconds=1))
    assert render_report(later).pdf != render_report(doc).pdf


# ---------------------------------------------------------------- the small pieces


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2027, 2, 5), "Tân Phú, ngày 05 tháng 02 năm 2027"),
        (dt.date(2027, 1, 31), "Tân Phú, ngày 31 tháng 01 năm 2027"),
        (dt.date(2026, 3, 9), "Tân Phú, ngày 09 tháng 3 năm 2026"),
        (dt.date(2026, 11, 17), "Tân Phú, ngày 17 tháng 11 năm 2026"),
    ],
)
def test_date_line_pads_days_below_10_and_months_1_and_2(day: dt.date, expected: str) -> None:
    assert date_line("Tân Phú", day, day.year) == expected


def test_number_line_and_symbol() -> None:
    assert number_line(5, "BC-UBND") == "Số: 05/BC-UBND"
    assert number_line(123, "BC-UBND") == "Số: 123/BC-UBND"
    assert number_line(None, "BC-UBND").replace("\u00a0", "") == "Số:/BC-UBND"
    assert full_symbol("UBND", "BC") == "BC-UBND"
    assert full_symbol("BC-UBND", "BC") == "BC-UBND"


def test_document_title() -> None:
    assert document_title(sample_document(_cchc())) == (
        "Báo cáo kết quả thực hiện công tác cải cách hành chính tháng 11 năm 2026"
    )


def test_format_value() -> None:
    from forms.definition import Choice, FieldType

    assert format_value(FieldType.INTEGER, 19630) == "19.630"
    assert format_value(FieldType.PERCENTAGE, 95.3) == "95,3%"
    assert format_value(FieldType.PERCENTAGE, None) == "—"
    assert format_value(FieldType.DATE, "2027-02-05") == "05/02/2027"
    assert format_value(FieldType.CHOICE, "na", (Choice("na", "Không áp dụng"),)) == "Không áp dụng"
    assert format_value(FieldType.INTEGER, "not a number") == "—"


def test_document_checks_its_number_and_revision() -> None:
    with pytest.raises(ValueError):
        sample_document(_cchc(), number=0)
    with pytest.raises(ValueError):
        sample_document(_cchc(), revision=0)


def test_the_legal_basis_cites_the_plan_the_official_entered() -> None:
    """ "Căn cứ Kế hoạch…" named no plan although the official had typed its number."""
    from forms.definition import builtin_definitions
    from reports.documents.content import cited_legal_basis

    d = next(x for x in builtin_definitions() if x.id == "cchc-xa")
    lines = cited_legal_basis(d.legal_basis, {"plan_reference": "Kế hoạch số 12/KH-UBND ngày 10/01/2026."})
    assert any(
        line.startswith("Căn cứ Kế hoạch số 12/KH-UBND ngày 10/01/2026 về cải cách hành chính")
        for line in lines
    )
    assert cited_legal_basis(d.legal_basis, {}) == list(d.legal_basis)
