"""The document's one font family, Liberation Serif, registered once per process.

Liberation Serif has the metrics of Times New Roman (the font Decree 30/2020 names) and every
Vietnamese letter. Parsing a TrueType file costs tens of milliseconds, so the four faces are
read the first time a document is rendered and kept for the life of the process; reportlab's
font registry is global, so registering twice would only waste that time again.
"""

from __future__ import annotations

import threading

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from reports.resources import font_path

FAMILY = "LiberationSerif"
REGULAR = "LiberationSerif"
BOLD = "LiberationSerif-Bold"
ITALIC = "LiberationSerif-Italic"
BOLD_ITALIC = "LiberationSerif-BoldItalic"

_FILES = {
    REGULAR: "LiberationSerif-Regular.ttf",
    BOLD: "LiberationSerif-Bold.ttf",
    ITALIC: "LiberationSerif-Italic.ttf",
    BOLD_ITALIC: "LiberationSerif-BoldItalic.ttf",
}
_lock = threading.Lock()
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
            pdfmetrics.registerFont(TTFont(name, str(font_path(file))))
        pdfmetrics.registerFontFamily(FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC)
        # registerFontFamily maps the family name; the faces' own names need the mapping too,
        # or <b> inside a paragraph whose fontName is "LiberationSerif-Bold" falls back to
        # Times (a standard, unembedded font).
        for name in _FILES:
            for bold in (0, 1):
                for italic in (0, 1):
                    target = {(0, 0): REGULAR, (1, 0): BOLD, (0, 1): ITALIC, (1, 1): BOLD_ITALIC}
                    addMapping(name, bold, italic, target[(bold, italic)])
        _registered = True
