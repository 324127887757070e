"""The document's one font family, CCHC Serif, registered once per process.

CCHC Serif (Liberation Serif 2 without hinting, Vietnamese subset: tools/make_fonts.py) has the metrics of Times New Roman (the font Decree 30/2020 names) and every
Vietnamese letter. Parsing a TrueType file costs tens of milliseconds, so the four faces are
read the first time a document is rendered and kept for the life of the process; reportlab's
font registry is global, so registering twice would only waste that time again.
"""

from __future__ import annotations

import threading

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from reports.resources import font_path

FAMILY = "CCHCSerif"
REGULAR = "CCHCSerif"
BOLD = "CCHCSerif-Bold"
ITALIC = "CCHCSerif-Italic"
BOLD_ITALIC = "CCHCSerif-BoldItalic"

_FILES = {
    REGULAR: "CCHCSerif-Regular.ttf",
    BOLD: "CCHCSerif-Bold.ttf",
    ITALIC: "CCHCSerif-Italic.ttf",
    BOLD_ITALIC: "CCHCSerif-BoldItalic.ttf",
}
_lock = threading.Lock()


class _Widths(dict[str, int]):
    """Advance widths (1/1000 em) by character; a character the font lacks has the default."""

    def __init__(self, widths: dict[str, int], default: int) -> None:
        super().__init__(widths)
        self.default = default

    def __missing__(self, key: str) -> int:
        return self.default


class MeasuredTTFont(TTFont):
    """A TrueType font that measures text faster.

    Line breaking measures every word of every paragraph, and without reportlab's optional C
    accelerator ``TTFont.stringWidth`` sums a Python generator per word: a fifth of the
    rendering time. Summing a mapped dict lookup gives the same widths at a few times the
    speed.
    """

    def __init__(self, name: str, filename: str) -> None:
        # asciiReadable off: reportlab would otherwise put all of ASCII into every subset,
        # used or not (a quarter of each embedded face); code 32 stays the space either way,
        # which is what justified text (Tw) needs.
        super().__init__(name, filename, asciiReadable=0)
        face = self.face
        self._widths = _Widths({chr(c): w for c, w in face.charWidths.items()}, face.defaultWidth)

    def stringWidth(self, text: str | bytes, size: float, encoding: str = "utf8") -> float:
        if isinstance(text, bytes):
            text = text.decode(encoding or "utf8")
        return 0.001 * size * sum(map(self._widths.__getitem__, text))


_registered = False


def register_fonts() -> None:
    """Register the four faces and the family (for <b>/<i> in paragraphs); idempotent."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        for name, file in _FILES.items():
            pdfmetrics.registerFont(MeasuredTTFont(name, str(font_path(file))))
        pdfmetrics.registerFontFamily(
            FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
        )
        _registered = True
