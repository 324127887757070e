"""The furniture every document of an office carries (Decree 30/2020, Appendix I), whatever
its content: the issuing body and the national title with their rules, the number and the
place and date, the document type and summary, "Kính gửi", and at the end "Nơi nhận" beside
the signer's block; the page template with page numbers centred in the top margin from page 2.

A commune's report (``render``) and the Department's consolidated report (``consolidated``)
both draw it from a ``Letterhead`` of plain values.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
from collections.abc import Callable
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    HRFlowable,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)

import reports
from reports.documents.content import nfc, para
from reports.documents.fonts import BOLD, REGULAR, register_fonts
from reports.documents.model import Letterhead
from reports.documents.styles import (
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    SIGNATURE_ROOM,
    TEXT_WIDTH,
    Styles,
    make_styles,
)

PAGE_NUMBER_SIZE = 13
SIGNATURE_WIDTH = 70 * mm
BLANK = "\u00a0" * 8  # room left for a number or a day written by hand; never collapses
RULE = 0.6  # pt, the rules under the issuing body, the motto and the summary
HEADER_LEFT = 0.40 * TEXT_WIDTH
CLOSING_LEFT = 0.45 * TEXT_WIDTH

Sink = Callable[[int, tuple[float, float, float, float]], None]


@functools.cache
def styles() -> Styles:
    register_fonts()
    return make_styles()


# ---------------------------------------------------------------- text of the header


def number_line(number: int | None, symbol: str) -> str:
    """ "Số: 05/BC-UBND"; a draft without a number leaves room to write it in."""
    return f"Số: {number:02d}/{symbol}" if number is not None else f"Số:{BLANK}/{symbol}"


def date_line(place: str, day: dt.date | None, year: int) -> str:
    """ "Tân Phú, ngày 05 tháng 02 năm 2027": days below 10 and months 1 and 2 take a zero."""
    if day is None:
        return f"{place}, ngày{BLANK}tháng{BLANK}năm {year}"
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def full_symbol(symbol: str, symbol_code: str) -> str:
    """The issuer's "BC-UBND" as given; a bare "UBND" takes the form's code in front."""
    symbol = nfc(symbol).strip()
    return symbol if "-" in symbol or not symbol_code else f"{symbol_code}-{symbol}"


def document_title(lh: Letterhead) -> str:
    """ "Báo cáo kết quả ... tháng 11 năm 2026", the PDF's title."""
    kind = nfc(lh.document_type).strip().capitalize()
    summary = nfc(lh.summary).strip()
    return f"{kind} {summary[:1].lower()}{summary[1:]}" if summary else kind


# ---------------------------------------------------------------- flowables


class SignatureRoom(Flowable):
    """Empty room that writes down where it was drawn, in page coordinates."""

    def __init__(self, width: float, height: float, sink: Sink) -> None:
        super().__init__()
        self.width, self.height = width, height
        self._sink = sink

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        x1, y1 = canv.absolutePosition(0, 0)
        x2, y2 = canv.absolutePosition(self.width, self.height)
        self._sink(canv.getPageNumber() - 1, (round(x1, 2), round(y1, 2), round(x2, 2), round(y2, 2)))


def rule(width: float, space_before: float = 1, space_after: float = 0) -> HRFlowable:
    return HRFlowable(
        width=width,
        thickness=RULE,
        color=colors.black,
        lineCap="butt",
        spaceBefore=space_before,
        spaceAfter=space_after,
        hAlign="CENTER",
    )


def plain_table(rows: list[list[Any]], widths: list[float], extra: list[tuple[Any, ...]] | None = None) -> Table:
    style = TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), REGULAR),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("ALIGN", (0, 0), (-1, -1), "CENTER"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            *(extra or []),
        ]
    )
    return Table(rows, colWidths=widths, style=style, hAlign="LEFT")


def header(lh: Letterhead, s: Styles) -> Flowable:
    issuer = lh.issuer
    parent = nfc(issuer.body_parent).strip().upper()
    name = nfc(issuer.body_name).strip().upper()
    # The rule under the issuing body: a third of its longest line, centred (Appendix I says
    # 1/3 to 1/2); never so short that it reads as a dot.
    longest = max(
        stringWidth(parent, REGULAR, s.body_parent.fontSize), stringWidth(name, BOLD, s.body_name.fontSize)
    )
    body_rule = max(min(longest, HEADER_LEFT) / 3, 18 * mm)
    motto = "Độc lập - Tự do - Hạnh phúc"
    motto_rule = stringWidth(motto, BOLD, s.motto.fontSize)
    left = [para(parent, s.body_parent)] if parent else []
    left += [para(name, s.body_name), rule(body_rule, 3)]
    right = [
        para("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", s.national_title),
        para(motto, s.motto),
        rule(motto_rule, 2),
    ]
    rows = [
        [left, right],
        [
            para(number_line(lh.number, lh.symbol), s.number),
            para(date_line(nfc(issuer.place).strip(), lh.issued_on, lh.year), s.place_date),
        ],
    ]
    return plain_table(rows, [HEADER_LEFT, TEXT_WIDTH - HEADER_LEFT], [("BOTTOMPADDING", (0, 0), (-1, 0), 8)])


def title_block(lh: Letterhead, s: Styles) -> list[Flowable]:
    summary = nfc(lh.summary).strip()
    out: list[Flowable] = [para(nfc(lh.document_type).upper(), s.doc_type), para(summary, s.summary)]
    line = min(stringWidth(summary, BOLD, s.summary.fontSize), TEXT_WIDTH)
    out.append(rule(max(line / 3, 25 * mm), 4, 0))
    if lh.revision > 1:
        out.append(para(f"(Bản sửa đổi lần {lh.revision - 1})", s.revision))
    if lh.recipient.strip():
        out.append(para(f"Kính gửi: {nfc(lh.recipient).strip()}", s.recipient))
    else:
        out.append(Spacer(1, 12))
    return out


def recipient_lines(lh: Letterhead) -> list[str]:
    items = []
    for item in lh.copies_to:
        text = nfc(item).strip()
        if text:
            items.append(text if text.startswith("-") else f"- {text}")
    units = ", ".join(nfc(u).strip() for u in lh.archive_units if u.strip()) or "VT"
    items.append(f"- Lưu: {units}.")
    return items


def closing(lh: Letterhead, s: Styles, sink: Sink) -> Flowable:
    """ "Nơi nhận:" and its list (left) beside the signer's block (right). A one-row table
    never splits, so the whole block always stands on one page."""
    left: list[Flowable] = [para("Nơi nhận:", s.recipients_title)]
    left += [para(item, s.recipients_item) for item in recipient_lines(lh)]
    signer = lh.signer
    right_width = TEXT_WIDTH - CLOSING_LEFT
    right: list[Flowable] = [
        para(nfc(signer.authority).strip().upper(), s.signer_caps),
        para(nfc(signer.position).strip().upper(), s.signer_caps),
        SignatureRoom(min(SIGNATURE_WIDTH, right_width), SIGNATURE_ROOM, sink),
        para(nfc(signer.name).strip(), s.signer_name),
    ]
    if not right[0].text:  # a signer without an authority line signs in his own name
        right.pop(0)
    return plain_table([[left, right]], [CLOSING_LEFT, right_width], [("TOPPADDING", (0, 0), (-1, -1), 2)])


def page_number(canv: Canvas, number: int) -> None:
    canv.saveState()
    canv.setFont(REGULAR, PAGE_NUMBER_SIZE)
    canv.setFillColor(colors.black)
    canv.drawCentredString(
        MARGIN_LEFT + TEXT_WIDTH / 2, PAGE_HEIGHT - MARGIN_TOP / 2 - PAGE_NUMBER_SIZE * 0.3, str(number)
    )
    canv.restoreState()


# ---------------------------------------------------------------- the page template


class _FixedTimeStamp:
    """Stands in for reportlab's TimeStamp so CreationDate is the document's own time."""

    def __init__(self, when: dt.datetime) -> None:
        offset = when.utcoffset() or dt.timedelta(0)
        minutes = int(offset.total_seconds() // 60)
        self.t = when.timestamp() if when.tzinfo else when.replace(tzinfo=dt.UTC).timestamp()
        self.YMDhms = (when.year, when.month, when.day, when.hour, when.minute, when.second)
        self.dhh, self.dmm = int(minutes / 60), abs(minutes) % 60
        self.tzname = when.tzname() or "UTC"


def canvas_maker(created_at: dt.datetime | None) -> Callable[..., Canvas]:
    def make(*args: Any, **kw: Any) -> Canvas:
        canv = Canvas(*args, **kw)
        if created_at is not None:
            canv._doc._timeStamp = _FixedTimeStamp(created_at)
        return canv

    return make


def document_template(
    buffer: io.BytesIO,
    *,
    title: str,
    author: str,
    subject: str,
    created_at: dt.datetime | None,
    on_page_end: Callable[[Canvas, BaseDocTemplate], None],
    keywords: list[str] | None = None,
) -> BaseDocTemplate:
    """An A4 page with Decree 30's margins, one frame, ``on_page_end`` drawn over each page."""
    template = BaseDocTemplate(
        buffer,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=title,
        author=author,
        subject=subject,
        creator=f"Báo cáo CCHC {reports.__version__}",
        keywords=keywords or [],
        lang="vi-VN",
        displayDocTitle=True,
        invariant=1 if created_at is not None else 0,
        # Without this the canvas starts every page with Helvetica selected, and pdffonts
        # lists that unembedded font although no text uses it.
        initialFontName=REGULAR,
        initialFontSize=13,
    )
    frame = Frame(
        MARGIN_LEFT,
        MARGIN_BOTTOM,
        TEXT_WIDTH,
        PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    template.addPageTemplates([PageTemplate(id="page", frames=[frame], onPageEnd=on_page_end)])
    return template
