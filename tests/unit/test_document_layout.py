"""Where things sit on the page (Decree 30/2020, Appendix I), read back with pdfminer.

The decree's numbers are written here as the decree gives them — A4, margins top and bottom
20–25 mm, left 30–35 mm, right 15–20 mm — and measured on the PDF, never taken from the
renderer's own constants: a wrong constant there must fail here. A commune's report and the
Department's consolidated report go through the same checks.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from dataclasses import dataclass

import pytest
from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LAParams, LTChar, LTTextContainer, LTTextLine
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage

from forms.definition import FormDefinition, builtin_definitions, parse_definition
from forms.engine import evaluate
from reports.documents import Issuer, RenderedDocument, SignerBlock, render_report
from reports.documents.consolidated import render_consolidated
from reports.documents.consolidated_model import (
    ConsolidatedDocument,
    IndicatorGroup,
    IndicatorTotal,
    UnitNote,
)
from reports.documents.model import Letterhead
from reports.documents.ranking import RankedUnit, RankingDocument, render_ranking
from reports.documents.render import WATERMARK
from reports.documents.sample import SAMPLE_VALUES, sample_document

MM = 72 / 25.4  # PDF points per millimetre
PAGE_WIDTH, PAGE_HEIGHT = 210 * MM, 297 * MM  # A4 portrait
# Decree 30/2020/NĐ-CP, Appendix I, in millimetres: (least, most)
TOP, BOTTOM, LEFT, RIGHT = (20, 25), (20, 25), (30, 35), (15, 20)
MIDDLE = PAGE_WIDTH / 2
TOP_MARGIN_LINE = PAGE_HEIGHT - TOP[0] * MM  # nothing but a page number above this
EDGE = 0.5  # pt: pdfminer's boxes against the frame


@dataclass(frozen=True)
class Line:
    text: str
    x0: float
    x1: float
    bottom: float
    top: float
    baseline: float

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


def _layout(pdf: bytes, laparams: LAParams | None) -> list:
    manager = PDFResourceManager()
    device = PDFPageAggregator(manager, laparams=laparams)
    interpreter = PDFPageInterpreter(manager, device)
    out = []
    for page in PDFPage.get_pages(io.BytesIO(pdf)):
        interpreter.process_page(page)
        out.append(device.get_result())
    return out


def _pages(pdf: bytes) -> list[list[Line]]:
    """Per page: its text lines (the watermark's rotated text left out) with their boxes."""
    out = []
    for result in _layout(pdf, LAParams()):
        lines = []
        for box in result:
            if not isinstance(box, LTTextContainer):
                continue
            for line in box:
                if not isinstance(line, LTTextLine):
                    continue
                chars = [c for c in line if isinstance(c, LTChar)]
                if not chars or abs(chars[0].matrix[1]) > 0.1:
                    continue
                text = " ".join(line.get_text().split())
                lines.append(Line(text, line.x0, line.x1, line.y0, line.y1, chars[0].matrix[5]))
        out.append(lines)
    return out


def _rotated_text(pdf: bytes) -> list[str]:
    """Per page: its rotated characters in drawing order (without layout analysis, which
    would sort them by position): how the diagonal watermark is found."""
    return [
        "".join(o.get_text() for o in result if isinstance(o, LTChar) and abs(o.matrix[1]) > 0.1)
        for result in _layout(pdf, None)
    ]


def _find(lines: list[Line], text: str) -> Line:
    found = [line for line in lines if line.text.startswith(text)]
    assert found, f"{text!r} not on the page: {[line.text for line in lines]}"
    return found[0]


def _body(page: list[Line]) -> list[Line]:
    """The page without its number (the one thing the top margin may hold)."""
    return [line for line in page if line.bottom <= TOP_MARGIN_LINE]


def _cchc() -> FormDefinition:
    return next(d for d in builtin_definitions() if d.id == "cchc-xa")


@dataclass(frozen=True)
class Expected:
    """What a document must show where: its own texts, found by the same checks."""

    body_parent: str
    body_name: str
    number: str
    date: str
    doc_type: str
    summary: str  # its start
    authority: str
    position: str
    name: str
    archive: str


@dataclass(frozen=True)
class Laid:
    rendered: RenderedDocument
    pages: list[list[Line]]
    expected: Expected


REPORT = Expected(
    "ỦY BAN NHÂN DÂN", "XÃ ĐỨC HƯƠNG", "Số: 05/BC-UBND", "Đức Hương, ngày 17 tháng 11 năm 2026", "BÁO CÁO",
    "Kết quả thực hiện công tác cải cách hành chính", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn Hưởng",
    "- Lưu: VT, VHXH.",
)
CONSOLIDATED = Expected(
    "UBND THÀNH PHỐ HÀ NỘI", "SỞ NỘI VỤ", "Số: 12/BC-SNV", "Hà Nội, ngày 05 tháng 5 năm 2026", "BÁO CÁO",
    "Tổng hợp kết quả công tác cải cách hành chính", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Thị Bình",
    "- Lưu: VT, CCHC.",
)
RANKING = Expected(
    "UBND THÀNH PHỐ HÀ NỘI", "SỞ NỘI VỤ", "Số: 12/BC-SNV", "Hà Nội, ngày 05 tháng 5 năm 2026", "BÁO CÁO",
    "Kết quả xác định Chỉ số cải cách hành chính cấp xã", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Thị Bình",
    "- Lưu: VT, CCHC.",
)


def consolidated_document(listed: int = 60) -> ConsolidatedDocument:
    """A Department's report of 126 communes, long enough to run over several pages."""
    lh = Letterhead(
        issuer=Issuer("UBND Thành phố Hà Nội", "Sở Nội vụ", "Hà Nội", "BC-SNV"),
        signer=SignerBlock("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Thị Bình"),
        document_type="Báo cáo",
        summary="Tổng hợp kết quả công tác cải cách hành chính của các xã, phường tháng 4 năm 2026",
        symbol="BC-SNV",
        year=2026,
        number=12,
        issued_on=dt.date(2026, 5, 5),
        recipient="Ủy ban nhân dân Thành phố Hà Nội",
        copies_to=("Như trên;", "Bộ Nội vụ (để báo cáo);", "Giám đốc, các Phó Giám đốc Sở;"),
        archive_units=("VT", "CCHC"),
    )
    groups = (
        IndicatorGroup("I. Công tác chỉ đạo, điều hành", (IndicatorTotal("Số cuộc họp, hội nghị", "cuộc", 311),)),
        IndicatorGroup(
            "III. Cải cách thủ tục hành chính",
            (
                IndicatorTotal("Tổng số hồ sơ tiếp nhận", "hồ sơ", 155484),
                IndicatorTotal("Tỷ lệ hồ sơ tiếp nhận trực tuyến", "%", 79.98),
                IndicatorTotal("Số thủ tục chưa có ai báo cáo", "", None),
            ),
        ),
    )
    notes = tuple(UnitNote(f"{i:05d}", f"Phường Số {i}", "Chưa gửi") for i in range(1, listed + 1))
    return ConsolidatedDocument(
        letterhead=lh, office="Sở Nội vụ", area="toàn thành phố", period_label="tháng 4 năm 2026",
        units_total=126, units_received=126 - listed, units_late=0, units_returned=0, units_missing=listed,
        groups=groups, listed=notes, author="Sở Nội vụ Thành phố Hà Nội",
        created_at=dt.datetime(2026, 5, 5, 8, 0, tzinfo=dt.UTC),
    )


@pytest.fixture(scope="module")
def monthly() -> Laid:
    doc = sample_document(_cchc(), issuer=Issuer("ỦY BAN NHÂN DÂN", "XÃ ĐỨC HƯƠNG", "Đức Hương", "BC-UBND"))
    rendered = render_report(doc)
    return Laid(rendered, _pages(rendered.pdf), REPORT)


@pytest.fixture(scope="module")
def consolidated() -> Laid:
    rendered = render_consolidated(consolidated_document())
    return Laid(rendered, _pages(rendered.pdf), CONSOLIDATED)


def ranking_document(units: int = 126) -> RankingDocument:
    """The Department's PAR-index ranking of 126 communes over several pages."""
    lh = dataclasses.replace(consolidated_document().letterhead,
                             summary="Kết quả xác định Chỉ số cải cách hành chính cấp xã năm 2026")
    areas = tuple(str(i) for i in range(1, 9))
    ranked = tuple(RankedUnit(i, f"{i:05d}", f"Phường Số {i}", 95 - i * 0.3, "Tốt" if i < 40 else "Khá",
                              tuple(10.0 - i * 0.01 for _ in areas)) for i in range(1, units + 1))
    return RankingDocument(
        letterhead=lh, year_label="năm 2026", office="Sở Nội vụ", criteria_title="bộ tiêu chí mẫu", total=100,
        area_titles=tuple(f"{a}: Lĩnh vực {a}" for a in areas), area_codes=areas, units=ranked,
        class_counts=(("Tốt", 39), ("Khá", units - 39)), rescaled=False, author="Sở Nội vụ Thành phố Hà Nội",
        created_at=dt.datetime(2026, 5, 5, 8, 0, tzinfo=dt.UTC),
    )


@pytest.fixture(scope="module")
def ranking() -> Laid:
    rendered = render_ranking(ranking_document())
    return Laid(rendered, _pages(rendered.pdf), RANKING)


@pytest.fixture(params=["monthly", "consolidated", "ranking"])
def laid(request: pytest.FixtureRequest) -> Laid:
    """Each document the program issues, for the checks every one must pass."""
    return request.getfixturevalue(request.param)


# ---------------------------------------------------------------- the page and its margins


def test_the_page_is_a4_portrait(laid: Laid) -> None:
    for page in PDFPage.get_pages(io.BytesIO(laid.rendered.pdf)):
        x0, y0, x1, y1 = page.mediabox
        assert (x1 - x0, y1 - y0) == (pytest.approx(PAGE_WIDTH, abs=0.5), pytest.approx(PAGE_HEIGHT, abs=0.5))


def test_margins_are_the_decrees(laid: Laid) -> None:
    lines = [line for page in laid.pages for line in _body(page)]
    left = min(line.x0 for line in lines) / MM
    right = (PAGE_WIDTH - max(line.x1 for line in lines)) / MM
    bottom = min(line.bottom for line in lines) / MM
    top = (PAGE_HEIGHT - max(line.top for line in laid.pages[0])) / MM
    # Justified text and the full-width tables reach the left and right margins.
    assert LEFT[0] - EDGE / MM <= left <= LEFT[1], left
    assert RIGHT[0] - EDGE / MM <= right <= RIGHT[1], right
    # Page one starts at the top margin (a glyph's box starts a little below the line's top).
    assert TOP[0] - EDGE / MM <= top <= TOP[1], top
    # Only the least bottom margin can be read back: a page ends early wherever a table
    # row or the signature block does not fit, so the lowest line says nothing of the most.
    assert bottom >= BOTTOM[0] - EDGE / MM, bottom


def _frame(laid: Laid) -> tuple[float, float]:
    """The left and right edges of the text, as measured."""
    lines = [line for page in laid.pages for line in _body(page)]
    return min(line.x0 for line in lines), max(line.x1 for line in lines)


def _text_centre(laid: Laid) -> float:
    left, right = _frame(laid)
    return (left + right) / 2


# ---------------------------------------------------------------- the header


def test_issuing_body_top_left_and_national_title_top_right(laid: Laid) -> None:
    page, e = laid.pages[0], laid.expected
    parent, body = _find(page, e.body_parent), _find(page, e.body_name)
    title, motto = (
        _find(page, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        _find(page, "Độc lập - Tự do - Hạnh phúc"),
    )
    for line in (parent, body):
        assert line.x1 < MIDDLE and line.top > TOP_MARGIN_LINE - 40
    for line in (title, motto):
        assert line.x0 > MIDDLE - 30 and line.top > TOP_MARGIN_LINE - 40
    assert motto.x0 > MIDDLE
    # the body's two lines are centred on each other, and so are title and motto
    assert abs(parent.centre - body.centre) < 1.5
    assert abs(title.centre - motto.centre) < 1.5
    # first lines level with each other, the top line right at the top margin
    assert abs(parent.baseline - title.baseline) < 2
    assert TOP_MARGIN_LINE - 20 < title.top <= TOP_MARGIN_LINE + EDGE


def test_number_and_place_date_share_a_baseline(laid: Laid) -> None:
    page, e = laid.pages[0], laid.expected
    number, date = _find(page, e.number), _find(page, e.date)
    assert abs(number.baseline - date.baseline) <= 2
    assert number.x1 < MIDDLE < date.x1
    assert number.top < _find(page, e.body_name).bottom
    assert abs(number.centre - _find(page, e.body_name).centre) < 1.5


def test_type_and_summary_centred_below_the_header(laid: Laid) -> None:
    page, e = laid.pages[0], laid.expected
    kind = _find(page, e.doc_type)
    summary = _find(page, e.summary)
    to = _find(page, "Kính gửi:")
    centre = _text_centre(laid)
    assert abs(kind.centre - centre) < 2
    assert abs(summary.centre - centre) < 2
    assert abs(to.centre - centre) < 2
    assert _find(page, "Số:").bottom > kind.top > summary.top > to.top


def test_a_long_commune_name_stays_in_its_column(monthly: Laid) -> None:
    name = "PHƯỜNG ĐỨC HƯƠNG NGHĨA THÀNH ĐÔNG HẢI"
    rendered = render_report(sample_document(_cchc(), issuer=Issuer("ỦY BAN NHÂN DÂN", name, "Đức Hương")))
    page = _pages(rendered.pdf)[0]
    lines = [
        line for line in page if line.top > TOP_MARGIN_LINE - 80 and ("ĐỨC" in line.text or "HẢI" in line.text)
    ]
    assert " ".join(line.text for line in lines) == name  # wrapped over two lines, nothing lost
    assert len(lines) == 2
    left, right = _frame(monthly)
    column = left + 0.4 * (right - left)  # the issuing body's column: two fifths of the text width
    assert all(line.x1 <= column + EDGE for line in lines)
    motto = _find(page, "Độc lập - Tự do - Hạnh phúc")
    assert motto.x0 > column


# ---------------------------------------------------------------- pages


def test_page_numbers_from_page_two_centred_in_the_top_margin(laid: Laid) -> None:
    rendered, pages = laid.rendered, laid.pages
    assert len(pages) == rendered.pages >= 2
    assert not [line for line in pages[0] if line.top > TOP_MARGIN_LINE + EDGE], "page 1 has no number"
    for index, page in enumerate(pages[1:], start=2):
        above = [line for line in page if line.bottom > TOP_MARGIN_LINE]
        assert [line.text for line in above] == [str(index)]
        assert abs(above[0].centre - _text_centre(laid)) < 2
        assert above[0].top < PAGE_HEIGHT - 5


def test_narrative_is_justified_with_a_first_line_indent(monthly: Laid) -> None:
    page = monthly.pages[0]
    left, right = _frame(monthly)
    first = _find(page, "Căn cứ Nghị quyết số 76/NQ-CP")
    second = _find(page, "Chương trình tổng thể")
    assert first.x0 == pytest.approx(left + 1.27 * 10 * MM, abs=0.5)  # 1,27 cm (the decree: 1–1,27 cm)
    assert second.x0 == pytest.approx(left, abs=0.5)
    assert first.x1 == pytest.approx(right, abs=0.5)  # justified to the right margin


def test_draft_watermark_on_every_page_only_when_draft() -> None:
    draft = render_report(sample_document(_cchc(), draft=True))
    final = render_report(sample_document(_cchc(), draft=False))
    assert _rotated_text(draft.pdf) == [WATERMARK] * draft.pages
    assert _rotated_text(final.pdf) == [""] * final.pages


# ---------------------------------------------------------------- the signature block


def test_signature_block_bottom_right_after_the_content(laid: Laid) -> None:
    rendered, pages, e = laid.rendered, laid.pages, laid.expected
    page_index, (x1, y1, x2, y2) = rendered.signature_box
    assert page_index == rendered.pages - 1
    page = pages[page_index]
    authority, position = _find(page, e.authority), _find(page, e.position)
    name, recipients = _find(page, e.name), _find(page, "Nơi nhận:")
    for line in (authority, position, name):
        assert line.x0 > MIDDLE - 20
        assert abs(line.centre - authority.centre) < 1.5
    left, right = _frame(laid)
    assert recipients.x0 == pytest.approx(left, abs=0.5)
    assert abs(recipients.top - authority.top) < 4
    assert _find(page, e.archive)
    # the content ends above the block, and there is some on the block's page
    content = [line for line in page if line.bottom > authority.top and line.top <= TOP_MARGIN_LINE]
    assert content, "the signature block is not alone on its page"
    # the box: the empty room between the position and the name, about 30 mm high
    assert position.bottom >= y2 - 1 and y1 >= name.top - 1
    assert y2 - y1 == pytest.approx(30 * MM, abs=0.1)
    assert x1 > MIDDLE - 20 and x2 <= right + EDGE
    assert abs((x1 + x2) / 2 - authority.centre) < 2
    # nothing printed inside it (a descender may touch its edge)
    assert not [
        line for line in page if line.bottom < y2 - 1 and line.top > y1 + 1 and line.x1 > x1 and line.x0 < x2
    ]


@pytest.mark.parametrize("extra_lines", range(0, 26, 5))
def test_signature_block_never_splits_and_never_stands_alone(extra_lines: int) -> None:
    """However long the content, the block stays whole, with content above it on its page."""
    filler = "Tiếp tục rà soát, cập nhật quy trình nội bộ giải quyết thủ tục hành chính của xã."
    values = dict(SAMPLE_VALUES, proposals="\n".join([SAMPLE_VALUES["proposals"], *[filler] * extra_lines]))
    rendered = render_report(sample_document(_cchc(), values=evaluate(_cchc(), values).values))
    page = _pages(rendered.pdf)[rendered.signature_box[0]]
    texts = [line.text for line in page]
    assert "Nơi nhận:" in texts and "CHỦ TỊCH" in texts and "Nguyễn Văn Hưởng" in texts
    assert "- Lưu: VT, VHXH." in texts
    authority = _find(page, "TM. ỦY BAN NHÂN DÂN")
    assert [line for line in page if line.bottom > authority.top and line.top <= TOP_MARGIN_LINE]


# ---------------------------------------------------------------- tables over pages

LONG_TABLE = """
id = "bang-dai"
version = 1
title = "Danh mục thủ tục"
summary = "Danh mục thủ tục hành chính {period}"
period_kinds = ["month"]

[[sections]]
id = "I"
title = "Danh mục"
[[sections.fields]]
id = "items"
type = "table"
label = "Các thủ tục đã giải quyết"
[[sections.fields.columns]]
id = "name"
type = "text"
label = "Tên thủ tục"
[[sections.fields.columns]]
id = "count"
type = "integer"
label = "Số hồ sơ"
total = true
"""


def test_a_table_longer_than_a_page_repeats_its_header() -> None:
    definition = parse_definition(LONG_TABLE)
    rows = [{"name": f"Thủ tục số {i}: đăng ký, cấp đổi giấy tờ", "count": i} for i in range(1, 81)]
    doc = dataclasses.replace(
        sample_document(definition), values=evaluate(definition, {"items": rows}).values
    )
    rendered = render_report(doc)
    pages = _pages(rendered.pdf)
    with_rows = [p for p in pages if any("Thủ tục số" in line.text for line in p)]
    assert len(with_rows) >= 2
    for page in with_rows:
        header = [line for line in page if "Tên thủ tục" in line.text]
        assert len(header) == 1, "the header row, once on every page the table is on"
        first_row = max((line for line in page if "Thủ tục số" in line.text), key=lambda line: line.top)
        assert header[0].bottom > first_row.top
    # the total row closes the table, on its last page
    total = [line for line in with_rows[-1] if "Tổng cộng" in line.text]
    assert total and any(line.text.endswith("3.240") for line in with_rows[-1])  # 1 + ... + 80
