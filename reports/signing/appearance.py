"""The visible appearance of a signature, drawn by us as a one-page PDF the size of the box.

We draw it ourselves with reportlab instead of using pyHanko's text stamp: pyHanko computes
glyph advances wrongly for TrueType fonts with 2048 units per em (Liberation Serif, DejaVu),
so its Vietnamese text spreads out and overflows the box. reportlab measures and subsets the
embedded font correctly; pyHanko then only imports our page as the widget's appearance stream.

Two layouts, after Decree 30/2020 (Appendix I):

* with a signature image: the signer's signature (blue, transparent PNG) centred in the box,
  and the unit's seal (red, transparent PNG, its real size when the box allows) covering about
  the left third of it;
* without one: a framed text stamp "Ký bởi / Chức vụ / Cơ quan / Thời gian" with the signing
  time in Vietnam time, ISO 8601 with its +07:00 offset.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import threading
import uuid
from dataclasses import dataclass

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.content import AppearanceContent
from pyhanko.pdf_utils.layout import BoxConstraints
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.writer import BasePdfFileWriter
from pyhanko.stamp import TextStampStyle
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from reports.resources import font_path
from reports.signing.errors import SignatureImageError
from reports.signing.shared_stamp import RED as STAMP_RED
from reports.signing.shared_stamp import shared_font_stamp
from reports.signing.stamp_text import BOLD, SignatureAppearance, stamp_lines
from reports.signing.validity import VIETNAM_TIME

_FONT = "CchcStampSerif"
_FONT_BOLD = "CchcStampSerif-Bold"
_font_lock = threading.Lock()
# reportlab's TTFont keeps per-document subsetting state in the shared font object.
_render_lock = threading.RLock()
_fonts_ready = False

_SEAL_SIZE = 35 / 25.4 * 72  # a commune seal is 35 mm across: its real size in points
_TIMESTAMP_FORMAT = "%Y-%m-%dT%H:%M:%S%z"


def vietnam_time(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(VIETNAM_TIME)


def _ensure_fonts() -> None:
    global _fonts_ready
    with _font_lock:
        if not _fonts_ready:
            # asciiReadable off: only the letters drawn go into the subset (see documents.fonts).
            pdfmetrics.registerFont(TTFont(_FONT, str(font_path("CCHCSerif-Regular.ttf")), asciiReadable=0))
            pdfmetrics.registerFont(TTFont(_FONT_BOLD, str(font_path("CCHCSerif-Bold.ttf")), asciiReadable=0))
            _fonts_ready = True


@dataclass(frozen=True)
class TextStampLayout:
    """Where everything of the framed text stamp goes, in points from the box's bottom left."""

    width: float
    height: float
    border: float
    radius: float
    size: float  # the font size of every line
    lines: tuple[tuple[str, str, float, float], ...]  # (weight, text, x, baseline y)


def layout_text_stamp(appearance: SignatureAppearance, width: float, height: float, when: dt.datetime) -> TextStampLayout:
    """The text stamp laid out in a ``width`` x ``height`` box, the time shown in Vietnam time."""
    _ensure_fonts()
    lines = stamp_lines(appearance, vietnam_time(when))
    measured = [(_FONT_BOLD if weight == BOLD else _FONT, text) for weight, text in lines]
    border = 1.0
    pad = max(3.0, min(width, height) * 0.06)
    size = _fit_size(measured, width - 2 * pad, height - 2 * pad)
    leading = size * 1.22
    block_h = leading * (len(lines) - 1) + size
    # Baseline of the first line, with the block centred vertically (ascent about 0.8 em).
    y = (height + block_h) / 2 - size * 0.8
    placed = []
    for weight, text in lines:
        placed.append((weight, text, pad, y))
        y -= leading
    return TextStampLayout(width, height, border, min(4.0, pad), size, tuple(placed))


def render_appearance_pdf(
    appearance: SignatureAppearance, width: float, height: float, signed_at: dt.datetime
) -> bytes:
    """A one-page PDF of exactly ``width`` x ``height`` points showing the appearance."""
    with _render_lock:
        if appearance.signature_image is not None:
            # The image layout shows no time, so it can be cached for the signer's session.
            return _render_images(appearance, round(width, 2), round(height, 2))
        return _render_text(layout_text_stamp(appearance, width, height, signed_at))


def _new_canvas(buffer: io.BytesIO, width: float, height: float) -> canvas.Canvas:
    _ensure_fonts()
    # initialFontName keeps reportlab's default Helvetica (not embedded) out of the page.
    c = canvas.Canvas(buffer, pagesize=(width, height), pageCompression=1, invariant=1, initialFontName=_FONT)
    c.setTitle("Chữ ký số")
    return c


def _image(data: bytes, what: str, what_en: str) -> ImageReader:
    try:
        reader = ImageReader(io.BytesIO(data))
        reader.getSize()
    except Exception as exc:  # PIL raises many kinds of errors on a broken file
        raise SignatureImageError(what=what, what_en=what_en) from exc
    return reader


@functools.lru_cache(maxsize=16)
def _render_images(appearance: SignatureAppearance, width: float, height: float) -> bytes:
    assert appearance.signature_image is not None
    buffer = io.BytesIO()
    c = _new_canvas(buffer, width, height)
    signature = _image(appearance.signature_image, "chữ ký", "signature")
    sw, sh = signature.getSize()
    margin = min(width, height) * 0.04
    scale = min((width - 2 * margin) / sw, (height - 2 * margin) / sh)
    sig_w, sig_h = sw * scale, sh * scale
    sig_x, sig_y = (width - sig_w) / 2, (height - sig_h) / 2
    c.drawImage(signature, sig_x, sig_y, sig_w, sig_h, mask="auto")
    if appearance.seal_image is not None:
        seal = _image(appearance.seal_image, "con dấu", "seal")
        ew, eh = seal.getSize()
        seal_h = min(height, _SEAL_SIZE)
        seal_w = ew * seal_h / eh
        # The seal covers about the left third of the signature (Decree 30, Appendix I).
        seal_x = max(0.0, sig_x + sig_w / 3 - seal_w)
        seal_y = (height - seal_h) / 2
        c.drawImage(seal, seal_x, seal_y, seal_w, seal_h, mask="auto")
    c.showPage()
    c.save()
    return buffer.getvalue()


def _fit_size(lines: list[tuple[str, str]], width: float, height: float) -> float:
    """The largest font size (at most 11 pt) at which every line fits the box."""
    size = 11.0
    while size > 4:
        widest = max(pdfmetrics.stringWidth(text, font, size) for font, text in lines)
        if widest <= width and len(lines) * size * 1.22 <= height:
            return size
        size -= 0.25
    return size


def _render_text(layout: TextStampLayout) -> bytes:
    buffer = io.BytesIO()
    c = _new_canvas(buffer, layout.width, layout.height)
    c.setStrokeColorRGB(*STAMP_RED)
    c.setFillColorRGB(*STAMP_RED)
    c.setLineWidth(layout.border)
    half = layout.border / 2
    c.roundRect(
        half, half, layout.width - layout.border, layout.height - layout.border, radius=layout.radius, stroke=1, fill=0
    )
    for weight, text, x, y in layout.lines:
        c.setFont(_FONT_BOLD if weight == BOLD else _FONT, layout.size)
        c.drawString(x, y, text)
    c.showPage()
    c.save()
    return buffer.getvalue()


class _ImportedPageAppearance(AppearanceContent):
    """Our one-page PDF, imported as the form XObject of the widget's normal appearance."""

    def __init__(self, writer: BasePdfFileWriter, pdf: bytes, box: BoxConstraints) -> None:
        super().__init__(writer=writer, box=box)
        self._pdf = pdf

    def register(self) -> generic.IndirectObject:
        if self._content_xobj_ref is None:
            reader = PdfFileReader(io.BytesIO(self._pdf))
            self._content_xobj_ref = self._ensure_writer.import_page_as_xobject(reader, page_ix=0)
        return self._content_xobj_ref

    def render(self) -> bytes:
        # Only used if something paints this content into another stream.
        name = "/Appearance" + uuid.uuid4().hex
        self.resources.xobject[name] = self.register()
        return name.encode("ascii") + b" Do"


class _FormAppearance(_ImportedPageAppearance):
    """A form XObject we built ourselves (the text stamp in the document's own fonts)."""

    def __init__(self, writer: BasePdfFileWriter, form: generic.StreamObject, box: BoxConstraints) -> None:
        super().__init__(writer, b"", box)
        self._form = form

    def register(self) -> generic.IndirectObject:
        if self._content_xobj_ref is None:
            self._content_xobj_ref = self._ensure_writer.add_object(self._form)
        return self._content_xobj_ref


@dataclass(frozen=True)
class DecreeStampStyle(TextStampStyle):
    """A pyHanko stamp style that shows our drawing.

    It subclasses TextStampStyle only because pyHanko passes the signing time (the same one
    it writes into the signature) to text styles alone, as ``text_params['ts']``.
    """

    appearance: SignatureAppearance | None = None
    page: int = -1  # the page the stamp goes on: its fonts are reused when they can be
    timestamp_format: str = _TIMESTAMP_FORMAT
    border_width: int = 0

    def create_stamp(  # type: ignore[override]
        self, writer: BasePdfFileWriter, box: BoxConstraints, text_params: dict
    ) -> _ImportedPageAppearance:
        assert self.appearance is not None
        signed_at = dt.datetime.strptime(text_params["ts"], _TIMESTAMP_FORMAT)
        if self.appearance.signature_image is None:
            with _render_lock:
                layout = layout_text_stamp(self.appearance, box.width, box.height, signed_at)
            form = shared_font_stamp(
                writer, self.page, layout.width, layout.height, layout.border, layout.radius, layout.size, layout.lines
            )
            if form is not None:
                return _FormAppearance(writer, form, box)
        pdf = render_appearance_pdf(self.appearance, box.width, box.height, signed_at)
        return _ImportedPageAppearance(writer, pdf, box)
