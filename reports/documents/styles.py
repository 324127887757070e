"""Page geometry and type styles of a Decree 30/2020 document (Appendix I).

Every style names its font explicitly: a style left to reportlab's defaults silently pulls
in Helvetica, which is not embedded, and the document then shows in another font on a
machine without it (and fails a PDF/A check).
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm, mm

from reports.documents.fonts import BOLD, BOLD_ITALIC, ITALIC, REGULAR

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_TOP = 20 * mm
MARGIN_BOTTOM = 20 * mm
MARGIN_LEFT = 30 * mm
MARGIN_RIGHT = 15 * mm
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT

BODY_SIZE = 14  # content 13-14 pt
BODY_LEADING = 17  # single spacing (1.2 x), the minimum the decree allows
FIRST_LINE_INDENT = 1.27 * cm
PARAGRAPH_SPACE = 6  # at least 6 pt between paragraphs
TABLE_SIZE = 12
TABLE_LEADING = 14
SIGNATURE_ROOM = 30 * mm  # empty room between the position and the name


def _style(
    name: str, font: str = REGULAR, size: float = BODY_SIZE, leading: float | None = None, **kw: object
) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading or round(size * 1.2, 1), **kw)


@dataclass(frozen=True)
class Styles:
    # header
    body_parent: ParagraphStyle
    body_name: ParagraphStyle
    national_title: ParagraphStyle
    motto: ParagraphStyle
    number: ParagraphStyle
    place_date: ParagraphStyle
    # title block
    doc_type: ParagraphStyle
    summary: ParagraphStyle
    revision: ParagraphStyle
    recipient: ParagraphStyle
    # content
    body: ParagraphStyle
    heading: ParagraphStyle
    subheading: ParagraphStyle
    caption: ParagraphStyle
    total_line: ParagraphStyle
    # tables
    cell: ParagraphStyle
    cell_right: ParagraphStyle
    cell_center: ParagraphStyle
    cell_head: ParagraphStyle
    cell_group: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_bold_right: ParagraphStyle
    # closing
    recipients_title: ParagraphStyle
    recipients_item: ParagraphStyle
    signer_caps: ParagraphStyle
    signer_name: ParagraphStyle


def make_styles() -> Styles:
    body = _style(
        "body",
        size=BODY_SIZE,
        leading=BODY_LEADING,
        alignment=TA_JUSTIFY,
        firstLineIndent=FIRST_LINE_INDENT,
        spaceAfter=PARAGRAPH_SPACE,
    )
    cell = _style("cell", size=TABLE_SIZE, leading=TABLE_LEADING, alignment=TA_LEFT)
    return Styles(
        body_parent=_style("body_parent", size=13, alignment=TA_CENTER, leading=15.5),
        body_name=_style("body_name", BOLD, 13, alignment=TA_CENTER, leading=15.5),
        national_title=_style("national_title", BOLD, 12, alignment=TA_CENTER, leading=15.5),
        motto=_style("motto", BOLD, 13, alignment=TA_CENTER, leading=15.5),
        number=_style("number", size=13, alignment=TA_CENTER, leading=15.5),
        place_date=_style("place_date", ITALIC, 13, alignment=TA_CENTER, leading=15.5),
        doc_type=_style("doc_type", BOLD, 14, alignment=TA_CENTER, spaceBefore=18, leading=17),
        summary=_style("summary", BOLD, 14, alignment=TA_CENTER, leading=17),
        revision=_style("revision", ITALIC, 12, alignment=TA_CENTER, leading=14.5, spaceBefore=2),
        recipient=_style(
            "recipient", size=14, alignment=TA_CENTER, leading=17, spaceBefore=12, spaceAfter=12
        ),
        body=body,
        heading=_style(
            "heading",
            BOLD,
            BODY_SIZE,
            BODY_LEADING,
            alignment=TA_JUSTIFY,
            firstLineIndent=FIRST_LINE_INDENT,
            spaceBefore=6,
            spaceAfter=PARAGRAPH_SPACE,
        ),
        subheading=_style(
            "subheading",
            BOLD,
            BODY_SIZE,
            BODY_LEADING,
            alignment=TA_JUSTIFY,
            firstLineIndent=FIRST_LINE_INDENT,
            spaceAfter=PARAGRAPH_SPACE,
        ),
        caption=_style(
            "caption",
            BOLD_ITALIC,
            BODY_SIZE,
            BODY_LEADING,
            alignment=TA_JUSTIFY,
            firstLineIndent=FIRST_LINE_INDENT,
            spaceAfter=PARAGRAPH_SPACE,
        ),
        total_line=_style(
            "total_line",
            BOLD,
            BODY_SIZE,
            BODY_LEADING,
            alignment=TA_JUSTIFY,
            firstLineIndent=FIRST_LINE_INDENT,
            spaceBefore=6,
            spaceAfter=PARAGRAPH_SPACE,
        ),
        cell=cell,
        cell_right=_style("cell_right", size=TABLE_SIZE, leading=TABLE_LEADING, alignment=TA_RIGHT),
        cell_center=_style("cell_center", size=TABLE_SIZE, leading=TABLE_LEADING, alignment=TA_CENTER),
        cell_head=_style("cell_head", BOLD, TABLE_SIZE, TABLE_LEADING, alignment=TA_CENTER),
        cell_group=_style("cell_group", BOLD_ITALIC, TABLE_SIZE, TABLE_LEADING, alignment=TA_LEFT),
        cell_bold=_style("cell_bold", BOLD, TABLE_SIZE, TABLE_LEADING, alignment=TA_LEFT),
        cell_bold_right=_style("cell_bold_right", BOLD, TABLE_SIZE, TABLE_LEADING, alignment=TA_RIGHT),
        recipients_title=_style("recipients_title", BOLD_ITALIC, 12, leading=14),
        recipients_item=_style("recipients_item", REGULAR, 11, leading=13),
        signer_caps=_style("signer_caps", BOLD, 14, leading=17, alignment=TA_CENTER),
        signer_name=_style("signer_name", BOLD, 14, leading=17, alignment=TA_CENTER),
    )
