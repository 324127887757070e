"""Where things sit on the page (Decree 30/2020, Appendix I), read back with pdfminer."""

from __future__ import annotations

import dataclasses
import io
from dataclasses import dataclass

import pytest
from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LAParams, LTChar, LTTextContainer, LTTextLine
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage

from forms.definition import FormDefinition, builtin_definitions, parse_definition
from forms.engine import evaluate
from reports.documents import Issuer, RenderedDocument, render_report
from reports.documents.render import WATERMARK
from reports.documents.sample import SAMPLE_VALUES, sample_document
from reports.documents.styles import (
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    TEXT_WIDTH,
)

MIDDLE = PAGE_WIDTH / 2
TEXT_CENTRE = MARGIN_LEFT + TEXT_WIDTH / 2
FRAME_TOP = PAGE_HEIGHT - MARGIN_TOP


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


def _cchc() -> FormDefinition:
    return next(d for d in builtin_definitions() if d.id == "cchc-xa")


@pytest.fixture(scope="module")
def monthly() -> tuple[RenderedDocument, list[list[Line]]]:
    doc = sample_document(_cchc(), issuer=Issuer("ỦY BAN NHÂN DÂN", "XÃ ĐỨC HƯƠNG", "Đức Hương", "BC-UBND"))
    rendered = render_report(doc)
    return rendered, _pages(rendered.pdf)


# ---------------------------------------------------------------- the header


def test_issuing_body_top_left_and_national_title_top_right(
    monthly: tuple[RenderedDocument, list[list[Line]]],
) -> None:
    page = monthly[1][0]
    parent, body = _find(page, "ỦY BAN NHÂN DÂN"), _find(page, "XÃ ĐỨC HƯƠNG")
    title, motto = (
        _find(page, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        _find(page, "Độc lập - Tự do - Hạnh phúc"),
    )
    for line in (parent, body):
        assert line.x1 < MIDDLE and line.top > FRAME_TOP - 40
    for line in (title, motto):
        assert line.x0 > MIDDLE - 30 and line.top > FRAME_TOP - 40
    assert motto.x0 > MIDDLE
    # the body's two lines are centred on each other, and so are title and motto
    assert abs(parent.centre - body.centre) < 1.5
    assert abs(title.centre - motto.centre) < 1.5
    # first lines level with each other, the top line right at the top margin
    assert abs(parent.baseline - title.baseline) < 2
    assert FRAME_TOP - 20 < title.top <= FRAME_TOP + 0.5


def test_number_and_place_date_share_a_baseline(monthly: tuple[RenderedDocument, list[list[Line]]]) -> None:
    page = monthly[1][0]
    number, date = _find(page, "Số: 05/BC-UBND"), _find(page, "Đức Hương, ngày 17 tháng 11 năm 2026")
    assert abs(number.baseline - date.baseline) <= 2
    assert number.x1 < MIDDLE < date.x1
    assert number.top < _find(page, "XÃ ĐỨC HƯƠNG").bottom
    assert abs(number.centre - _find(page, "XÃ ĐỨC HƯƠNG").centre) < 1.5


def test_type_and_summary_centred_below_the_header(
    monthly: tuple[RenderedDocument, list[list[Line]]],
) -> None:
    page = monthly[1][0]
    kind = _find(page, "BÁO CÁO")
    summary = _find(page, "Kết quả thực hiện công tác cải cách hành chính")
    to = _find(page, "Kính gửi:")
    assert abs(kind.centre - TEXT_CENTRE) < 2
    assert abs(summary.centre - TEXT_CENTRE) < 2
    assert abs(to.centre - TEXT_CENTRE) < 2
    assert _find(page, "Số:").bottom > kind.top > summary.top > to.top


def test_a_long_commune_name_stays_in_its_column() -> None:
    name = "PHƯỜNG ĐỨC HƯƠNG NGHĨA THÀNH ĐÔNG HẢI"
    rendered = render_report(sample_document(_cchc(), issuer=Issuer("ỦY BAN NHÂN DÂN", name, "Đức Hương")))
    page = _pages(rendered.pdf)[0]
    lines = [
        line for line in page if line.top > FRAME_TOP - 80 and ("ĐỨC" in line.text or "HẢI" in line.text)
    ]
    assert " ".join(line.text for line in lines) == name  # wrapped over two lines, nothing lost
    assert len(lines) == 2
    assert all(line.x1 <= MARGIN_LEFT + 0.4 * TEXT_WIDTH + 0.5 for line in lines)
    motto = _find(page, "Độc lập - Tự do - Hạnh phúc")
    assert motto.x0 > MARGIN_LEFT + 0.4 * TEXT_WIDTH


# ---------------------------------------------------------------- pages


def test_page_numbers_from_page_two_centred_in_the_top_margin(
    monthly: tuple[RenderedDocument, list[list[Line]]],
) -> None:
    rendered, pages = monthly
    assert len(pages) == rendered.pages >= 2
    assert not [line for line in pages[0] if line.top > FRAME_TOP + 0.5], "page 1 has no number"
    for index, page in enumerate(pages[1:], start=2):
        above = [line for line in page if line.bottom > FRAME_TOP]
        assert [line.text for line in above] == [str(index)]
        assert abs(above[0].centre - TEXT_CENTRE) < 2
        assert above[0].top < PAGE_HEIGHT - 5


def test_everything_stays_inside_the_margins(monthly: tuple[RenderedDocument, list[list[Line]]]) -> None:
    for page in monthly[1]:
        for line in page:
            assert line.x0 >= MARGIN_LEFT - 0.5, line
            assert line.x1 <= PAGE_WIDTH - MARGIN_RIGHT + 0.5, line
            assert line.bottom >= MARGIN_BOTTOM - 0.5, line


def test_narrative_is_justified_with_a_first_line_indent(
    monthly: tuple[RenderedDocument, list[list[Line]]],
) -> None:
    page = monthly[1][0]
    first = _find(page, "Căn cứ Nghị quyết số 76/NQ-CP")
    second = _find(page, "Chương trình tổng thể")
    assert first.x0 == pytest.approx(MARGIN_LEFT + 36, abs=0.5)  # 1,27 cm
    assert second.x0 == pytest.approx(MARGIN_LEFT, abs=0.5)
    assert first.x1 == pytest.approx(PAGE_WIDTH - MARGIN_RIGHT, abs=0.5)  # justified to the right margin


def test_draft_watermark_on_every_page_only_when_draft() -> None:
    draft = render_report(sample_document(_cchc(), draft=True))
    final = render_report(sample_document(_cchc(), draft=False))
    assert _rotated_text(draft.pdf) == [WATERMARK] * draft.pages
    assert _rotated_text(final.pdf) == [""] * final.pages


# ---------------------------------------------------------------- the signature block


def test_signature_block_bottom_right_after_the_content(
    monthly: tuple[RenderedDocument, list[list[Line]]],
) -> None:
    rendered, pages = monthly
    page_index, (x1, y1, x2, y2) = rendered.signature_box
    assert page_index == rendered.pages - 1
    page = pages[page_index]
    authority, position = _find(page, "TM. ỦY BAN NHÂN DÂN"), _find(page, "CHỦ TỊCH")
    name, recipients = _find(page, "Nguyễn Văn Hưởng"), _find(page, "Nơi nhận:")
    for line in (authority, position, name):
        assert line.x0 > MIDDLE - 20
        assert abs(line.centre - authority.centre) < 1.5
    assert recipients.x0 == pytest.approx(MARGIN_LEFT, abs=0.5)
    assert abs(recipients.top - authority.top) < 4
    # the content ends above the block, and there is some on the block's page
    content = [line for line in page if line.bottom > authority.top and line.top <= FRAME_TOP]
    assert content, "the signature block is not alone on its page"
    # the box: the empty room between the position and the name, about 30 mm high
    assert position.bottom >= y2 - 1 and y1 >= name.top - 1
    assert y2 - y1 == pytest.approx(85.04, abs=0.1)
    assert x1 > MIDDLE - 20 and x2 <= PAGE_WIDTH - MARGIN_RIGHT
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
    assert [line for line in page if line.bottom > authority.top and line.top <= FRAME_TOP]


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
