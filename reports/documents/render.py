"""A report as a PDF in the administrative-document format of Decree 30/2020/NĐ-CP.

The page, top to bottom (Appendix I): the issuing body (left) and the national title and
motto (right), each with its rule; the number and symbol (left) on the line of the place and
date (right, italic); the document type and summary, centred and bold; "Kính gửi:"; the
content; then "Nơi nhận:" (left) beside the signer's authority, position, the empty room for
the signature and the name (right). Page numbers sit centred in the top margin from page 2.

``render_report`` also says where the room for the signature ended up, so that the signing
code can put the visible signature (signature image and seal) exactly there.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Sequence

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, KeepTogether, Paragraph, Spacer

from reports.documents.annex import evidence_annex
from reports.documents.content import ContentBuilder, nfc
from reports.documents.embedded import EmbeddedFile, embed
from reports.documents.fonts import BOLD, REGULAR
from reports.documents.letterhead import (
    canvas_maker,
    closing,
    date_line,
    document_template,
    full_symbol,
    header,
    number_line,
    page_number,
    styles,
    title_block,
)
from reports.documents.letterhead import document_title as letterhead_title
from reports.documents.model import Letterhead, RenderedDocument, ReportDocument
from reports.documents.styles import MARGIN_BOTTOM, MARGIN_LEFT, PAGE_HEIGHT, PAGE_WIDTH, TEXT_WIDTH
from reports.signing.stamp_text import BOLD as STAMP_BOLD
from reports.signing.stamp_text import REGULAR as STAMP_REGULAR
from reports.signing.stamp_text import stamp_characters

WATERMARK = "BẢN NHÁP"
# Across every page of a document printed from a demo installation (sample data), and in its
# title, subject and keywords: such a paper must never pass for a real report.
DEMO_MARK = "MẪU"
DEMO_NOTE = "dữ liệu dùng thử, không phải số liệu thật"


# ASCII85 makes every stream a quarter larger and, without reportlab's C accelerator, costs
# a tenth of the rendering time; binary streams are fine in every PDF reader since 1993.
rl_config.useA85 = 0


def summary_text(doc: ReportDocument) -> str:
    return nfc(doc.definition.summary.replace("{period}", doc.period.label())).strip()


def letterhead(doc: ReportDocument) -> Letterhead:
    """The report's page furniture as plain values."""
    year = (doc.created_at or dt.datetime.now()).year if doc.issued_on is None else doc.issued_on.year
    return Letterhead(
        issuer=doc.issuer,
        signer=doc.signer,
        document_type=doc.definition.document_type,
        summary=summary_text(doc),
        symbol=full_symbol(doc.issuer.symbol, doc.definition.symbol_code),
        year=year,
        number=doc.number,
        issued_on=doc.issued_on,
        recipient=doc.recipient,
        revision=doc.revision,
        copies_to=doc.copies_to,
        archive_units=doc.archive_units,
    )


def document_title(doc: ReportDocument) -> str:
    """ "Báo cáo kết quả ... tháng 11 năm 2026", the PDF's title."""
    return letterhead_title(letterhead(doc))


def _watermark(canv: Canvas, text: str = WATERMARK, *, offset: float = 0, size: int = 110,
               color: colors.Color = colors.Color(0.6, 0.6, 0.6)) -> None:
    """``text`` along the page's diagonal; ``offset`` moves it across the diagonal (points)."""
    canv.saveState()
    canv.setFillColor(color)
    canv.setFillAlpha(0.3)
    canv.setFont(BOLD, size)
    canv.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
    canv.rotate(math.degrees(math.atan2(PAGE_HEIGHT, PAGE_WIDTH)))
    canv.drawCentredString(0, -size * 0.35 + offset, text)
    canv.restoreState()


DEMO_RED = colors.Color(0.75, 0.1, 0.1)


def _demo_mark(canv: Canvas, *, beside_draft: bool) -> None:
    """"MẪU" across the page (above "BẢN NHÁP" on a draft, so that neither hides the other), and
    a line in the empty bottom margin that says why, which text tools read as it is written."""
    _watermark(canv, DEMO_MARK, offset=170 if beside_draft else 0, size=150, color=DEMO_RED)
    canv.saveState()
    canv.setFillColor(DEMO_RED)
    canv.setFont(BOLD, 11)
    canv.drawCentredString(MARGIN_LEFT + TEXT_WIDTH / 2, MARGIN_BOTTOM / 2, f"{DEMO_MARK} – {DEMO_NOTE.upper()}")
    canv.restoreState()


# ---------------------------------------------------------------- the document


def _stamp_characters(doc: ReportDocument) -> dict[str, str]:
    position = tuple(x for x in (doc.signer.authority, doc.signer.position) if x)
    return stamp_characters(doc.signer.name, position, doc.unit_name or doc.issuer.body_name)


def _reserve(canv: Canvas, chars: dict[str, str]) -> None:
    """Put the signature stamp's letters into the document's subsets without drawing them, so
    the stamp can use the document's fonts instead of embedding its own copy of them."""
    for weight, font in ((STAMP_BOLD, BOLD), (STAMP_REGULAR, REGULAR)):
        pdfmetrics.getFont(font).splitString(chars[weight], canv._doc)


def render_report(doc: ReportDocument, attachments: Sequence[EmbeddedFile] = ()) -> RenderedDocument:
    """The report as a PDF; ``attachments`` are embedded in it (the report's data)."""
    s = styles()
    lh = letterhead(doc)
    boxes: list[tuple[int, tuple[float, float, float, float]]] = []

    stamp = None if doc.draft else _stamp_characters(doc)

    def decorate(canv: Canvas, template: BaseDocTemplate) -> None:
        page = canv.getPageNumber()
        if page == 1:
            embed(canv._doc, list(attachments))
        if page == 1 and stamp is not None:
            _reserve(canv, stamp)
        if page > 1:
            page_number(canv, page)
        if doc.draft:
            _watermark(canv)
        if doc.demo:
            _demo_mark(canv, beside_draft=doc.draft)

    keywords = [
        k for k in (doc.author_unit_code, doc.definition.key, doc.period.code, f"rev{doc.revision}") if k
    ]
    title, subject = letterhead_title(lh), lh.summary
    if doc.demo:
        keywords.append(DEMO_MARK)
        title = f"{DEMO_MARK} – {title}"
        subject = f"{DEMO_MARK} ({DEMO_NOTE}): {subject}"
    buffer = io.BytesIO()
    # The watermark goes on last, over the content, so a table's background cannot hide it.
    template = document_template(
        buffer,
        title=title,
        author=nfc(doc.unit_name or doc.issuer.body_name),
        subject=subject,
        created_at=doc.created_at,
        on_page_end=decorate,
        keywords=keywords,
    )
    story: list[Flowable] = [header(lh, s), *title_block(lh, s)]
    content = ContentBuilder(doc.definition, doc.values, s, TEXT_WIDTH).build()
    block = closing(lh, s, lambda page, rect: boxes.append((page, rect)))
    # The signature block never splits, and never stands alone on the last page: the last
    # paragraph of the content goes over with it when it does not fit.
    last = [content.pop()] if content and isinstance(content[-1], Paragraph) else []
    story += [*content, KeepTogether([*last, Spacer(1, 10), block])]
    story += evidence_annex(doc.evidence, doc.explanations, s, TEXT_WIDTH)
    template.build(story, canvasmaker=canvas_maker(doc.created_at))
    if not boxes:  # pragma: no cover - the room is always drawn
        raise AssertionError("the signature room was not drawn")
    return RenderedDocument(pdf=buffer.getvalue(), signature_box=boxes[-1], pages=template.page)


__all__ = [
    "DEMO_MARK",
    "WATERMARK",
    "date_line",
    "document_title",
    "full_symbol",
    "letterhead",
    "number_line",
    "render_report",
    "summary_text",
]
