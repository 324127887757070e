"""The document's font family: Times New Roman where the system has it and allows embedding
it, else the bundled CCHC Serif; registered once per process under one set of names.

Decree 30/2020 names Times New Roman. Windows ships it (``%WINDIR%\\Fonts\\times*.ttf``, with
Vietnamese), and its OS/2 ``fsType`` says whether a PDF may embed it: we embed subsets, so a
font marked "restricted licence" (0x0002), "no subsetting" (0x0100) or "bitmap only" (0x0200)
is not used. CCHC Serif (Liberation Serif 2 without hinting, Vietnamese subset:
tools/make_fonts.py) has the same metrics, so both give the same line breaks and page breaks
(tests/unit/test_document_fonts.py renders one report with each and compares). Set
``CCHC_DOCUMENT_FONT=bundled`` to always use CCHC Serif (the test suite does, so its PDFs do
not depend on the machine's fonts), ``=system`` to require the system's font.

Parsing a TrueType file costs tens of milliseconds, so the four faces are read the first time a
document is rendered and kept for the life of the process; reportlab's font registry is global,
so registering twice would only waste that time again.
"""

from __future__ import annotations

import logging
import os
import struct
import sys
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from reports.resources import font_path

log = logging.getLogger(__name__)

FAMILY = "CCHCSerif"
REGULAR = "CCHCSerif"
BOLD = "CCHCSerif-Bold"
ITALIC = "CCHCSerif-Italic"
BOLD_ITALIC = "CCHCSerif-BoldItalic"
FACES = (REGULAR, BOLD, ITALIC, BOLD_ITALIC)

_BUNDLED = {
    REGULAR: "CCHCSerif-Regular.ttf",
    BOLD: "CCHCSerif-Bold.ttf",
    ITALIC: "CCHCSerif-Italic.ttf",
    BOLD_ITALIC: "CCHCSerif-BoldItalic.ttf",
}
# Where systems keep Times New Roman: Windows' own files, Debian's ttf-mscorefonts-installer,
# macOS.
_WINDOWS_TIMES = {REGULAR: "times.ttf", BOLD: "timesbd.ttf", ITALIC: "timesi.ttf", BOLD_ITALIC: "timesbi.ttf"}
_POSIX_TIMES = (
    (
        "/usr/share/fonts/truetype/msttcorefonts",
        {
            REGULAR: "Times_New_Roman.ttf",
            BOLD: "Times_New_Roman_Bold.ttf",
            ITALIC: "Times_New_Roman_Italic.ttf",
            BOLD_ITALIC: "Times_New_Roman_Bold_Italic.ttf",
        },
    ),
    (
        "/System/Library/Fonts/Supplemental",
        {
            REGULAR: "Times New Roman.ttf",
            BOLD: "Times New Roman Bold.ttf",
            ITALIC: "Times New Roman Italic.ttf",
            BOLD_ITALIC: "Times New Roman Bold Italic.ttf",
        },
    ),
)
# The letters a Vietnamese document needs beyond ASCII (a font lacking one is not used).
VIETNAMESE = "ăâđêôơưĂÂĐÊÔƠƯàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"

_NOT_EMBEDDABLE = 0x0002 | 0x0100 | 0x0200  # restricted licence, no subsetting, bitmap only
_lock = threading.Lock()


@dataclass(frozen=True)
class DocumentFont:
    """Four faces (``FACES`` → file) and where they come from ("system" or "bundled")."""

    source: str
    files: Mapping[str, Path]


def bundled_font() -> DocumentFont:
    return DocumentFont("bundled", {face: font_path(name) for face, name in _BUNDLED.items()})


def system_times_candidates(
    platform: str | None = None, environ: Mapping[str, str] | None = None
) -> list[DocumentFont]:
    """Times New Roman's four faces where this system keeps them (not checked for existence)."""
    platform = platform or sys.platform
    env = os.environ if environ is None else environ
    if platform == "win32":
        fonts = Path(env.get("WINDIR") or env.get("SystemRoot") or "C:\\Windows") / "Fonts"
        found = [DocumentFont("system", {face: fonts / name for face, name in _WINDOWS_TIMES.items()})]
        local = env.get("LOCALAPPDATA")  # fonts installed for one user (Windows 10 1809+)
        if local:
            user = Path(local) / "Microsoft" / "Windows" / "Fonts"
            found.append(DocumentFont("system", {face: user / name for face, name in _WINDOWS_TIMES.items()}))
        return found
    return [
        DocumentFont("system", {face: Path(folder) / name for face, name in names.items()})
        for folder, names in _POSIX_TIMES
    ]


def font_fs_type(path: Path) -> int | None:
    """The OS/2 table's ``fsType`` (embedding permissions) of a TrueType file, or None."""
    try:
        with open(path, "rb") as fh:
            header = fh.read(12)
            if len(header) < 12:
                return None
            (num_tables,) = struct.unpack(">H", header[4:6])
            directory = fh.read(16 * num_tables)
            for i in range(num_tables):
                tag, _checksum, offset, _length = struct.unpack(">4sIII", directory[16 * i : 16 * i + 16])
                if tag == b"OS/2":
                    fh.seek(offset + 8)  # version, xAvgCharWidth, usWeightClass, usWidthClass
                    raw = fh.read(2)
                    return struct.unpack(">H", raw)[0] if len(raw) == 2 else None
    except (OSError, struct.error):
        return None
    return None


def embedding_allowed(path: Path) -> bool:
    fs_type = font_fs_type(path)
    return fs_type is not None and not fs_type & _NOT_EMBEDDABLE


def usable(font: DocumentFont) -> bool:
    """Every face present, embeddable as a subset, and covering Vietnamese."""
    if not all(
        Path(font.files[face]).is_file() and embedding_allowed(Path(font.files[face])) for face in FACES
    ):
        return False
    try:
        regular = TTFont("CCHCProbe", str(font.files[REGULAR]))
    except Exception as exc:  # reportlab raises its own TTFError and struct errors for odd files
        log.info("font %s not usable: %r", font.files[REGULAR], exc)
        return False
    return all(ord(ch) in regular.face.charWidths for ch in VIETNAMESE)


def choose_document_font(
    candidates: list[DocumentFont] | None = None, preference: str | None = None
) -> DocumentFont:
    """The system's Times New Roman if usable (see ``usable``), else the bundled CCHC Serif.

    ``preference`` (default: ``$CCHC_DOCUMENT_FONT``) "bundled" skips the system's font.
    """
    preference = (
        preference if preference is not None else os.environ.get("CCHC_DOCUMENT_FONT", "auto")
    ).lower()
    if preference != "bundled":
        for candidate in system_times_candidates() if candidates is None else candidates:
            if usable(candidate):
                return candidate
        if preference == "system":
            log.warning("CCHC_DOCUMENT_FONT=system but no usable Times New Roman was found")
    return bundled_font()


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


_registered: DocumentFont | None = None


def register_fonts(font: DocumentFont | None = None) -> DocumentFont:
    """Register the four faces and the family (for <b>/<i> in paragraphs) once; the font in use.

    ``font`` chooses explicitly (the test that compares metric sets does, in a fresh process);
    without it, ``choose_document_font`` decides. reportlab keeps the first font registered
    under a name for the life of the process, so asking for another one later is an error.
    """
    global _registered
    with _lock:
        if _registered is not None:
            if font is not None and font != _registered:
                raise RuntimeError("the document font is chosen once per process")
            return _registered
        chosen = font or choose_document_font()
        for face in FACES:
            pdfmetrics.registerFont(MeasuredTTFont(face, str(chosen.files[face])))
        pdfmetrics.registerFontFamily(FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC)
        if chosen.source == "system":
            log.info("document font: the system's Times New Roman (%s)", chosen.files[REGULAR])
        _registered = chosen
        return chosen
