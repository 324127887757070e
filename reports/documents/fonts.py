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
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import FF_NONSYMBOLIC, FF_SYMBOLIC, SUBSETN, TTFont, makeToUnicodeCMap

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
        self._subsets: dict[tuple[int, tuple[int, ...]], _SubsetParts] = {}
        self._text_widths: dict[str, int] = {}

    def stringWidth(self, text: str | bytes, size: float, encoding: str = "utf8") -> float:
        if isinstance(text, bytes):
            text = text.decode(encoding or "utf8")
        # Line breaking measures word by word, and a report's words (Vietnamese syllables,
        # figures) repeat: most are measured once per process.
        units = self._text_widths.get(text)
        if units is None:
            units = sum(map(self._widths.__getitem__, text))
            if len(self._text_widths) >= _KEPT_WIDTHS:
                self._text_widths.clear()
            self._text_widths[text] = units
        return 0.001 * size * units

    def splitString(self, text: str | bytes, doc: object, encoding: str = "utf-8") -> list[tuple[int, bytes]]:
        """The text's codes in the document's subsets, as ``TTFont.splitString`` gives them.

        Every string drawn goes through this, and reportlab's version loops over the
        characters in Python (a tenth of the rendering time). Once a document has met a
        string's letters, and they all sit in the first subset (a report uses far fewer than
        256 letters a face), the codes are a dict lookup per character done in C; anything
        else (a new letter, a second subset, a letter the font lacks) takes reportlab's way,
        which assigns the codes.
        """
        if isinstance(text, bytes):
            text = text.decode("utf-8")
        state = self.state.get(doc) if text else None
        if state is not None:
            plain = text.replace("\xa0", " ")  # reportlab draws a no-break space as the space
            codes = _first_subset_codes(plain, state.assignments)
            if codes is None and not state.frozen:
                # Letters met for the first time get their codes in the order they first
                # appear in the text, exactly as reportlab would assign them.
                fresh = "".join(c for c in dict.fromkeys(plain) if ord(c) not in state.assignments)
                super().splitString(fresh, doc, encoding)
                codes = _first_subset_codes(plain, state.assignments)
            if codes is not None:
                return [(0, codes)]
        result: list[tuple[int, bytes]] = super().splitString(text, doc, encoding)
        return result

    def addObjects(self, doc: pdfdoc.PDFDocument) -> None:
        """The subsets' PDF objects, as ``TTFont.addObjects`` makes them (the same bytes).

        A subset's font program, ToUnicode map and widths depend only on its letters, and
        making them (cutting the glyphs out of the TrueType file, compressing) is a fifth of
        rendering a monthly report. They are kept for the subsets last made, so that a
        report rendered again (the preview, then the PDF to sign) does not make them again.
        """
        if not doc.compression:  # pragma: no cover - our documents are always compressed
            super().addObjects(doc)
            return
        state = self.state.get(doc) or self._assignState(doc)
        state.frozen = 1
        for n, subset in enumerate(state.subsets):
            internal = self.getSubsetInternalName(n, doc)[1:]
            parts = self._subset_parts(n, tuple(subset))
            font = pdfdoc.PDFTrueTypeFont()
            font.__Comment__ = f"Font {self.fontName} subset {n}"
            font.Name = internal
            font.BaseFont = parts.base_name
            font.FirstChar = 0
            font.LastChar = len(subset) - 1
            font.Widths = _Formatted(parts.widths)
            font.ToUnicode = doc.Reference(_deflated(parts.to_unicode), "toUnicodeCMap:" + parts.base_name)
            font_file = _deflated(parts.font_file, Length1=parts.font_file_length)
            font.FontDescriptor = doc.Reference(
                pdfdoc.PDFDictionary(
                    {
                        "Type": "/FontDescriptor",
                        "Ascent": self.face.ascent,
                        "CapHeight": self.face.capHeight,
                        "Descent": self.face.descent,
                        "Flags": (self.face.flags & ~FF_NONSYMBOLIC) | FF_SYMBOLIC,
                        "FontBBox": pdfdoc.PDFArray(self.face.bbox),
                        "FontName": pdfdoc.PDFName(parts.base_name),
                        "ItalicAngle": self.face.italicAngle,
                        "StemV": self.face.stemV,
                        "FontFile2": doc.Reference(font_file, f"fontFile:{self.face.filename}({parts.base_name})"),
                        "MissingWidth": self.face.defaultWidth,
                    }
                ),
                "fontDescriptor:" + parts.base_name,
            )
            doc.Reference(font, internal)
            doc.idToObject["BasicFonts"].dict[internal] = font
        del self.state[doc]

    def _subset_parts(self, n: int, subset: tuple[int, ...]) -> _SubsetParts:
        with _lock:
            parts = self._subsets.pop((n, subset), None)
        if parts is None:
            face = self.face
            base_name = b"".join((SUBSETN(n), b"+", face.name, face.subfontNameX)).decode("pdfdoc")
            program = face.makeSubset(list(subset))
            parts = _SubsetParts(
                base_name=base_name,
                widths=pdfdoc.PDFArray(list(map(face.getCharWidth, subset))).format(None),
                to_unicode=zlib.compress(makeToUnicodeCMap(base_name, list(subset)).encode("utf8")),
                font_file=zlib.compress(program),
                font_file_length=len(program),
            )
        with _lock:
            self._subsets[(n, subset)] = parts  # the most recently used last
            while len(self._subsets) > _KEPT_SUBSETS:
                del self._subsets[next(iter(self._subsets))]
        return parts


_KEPT_WIDTHS = 50_000  # texts measured, per face: a few MB at most
_KEPT_SUBSETS = 8  # per face: a few documents' worth (each has one or two subsets a face)


@dataclass(frozen=True)
class _SubsetParts:
    base_name: str  # "AAAAAA+CCHCSerif-Bold"
    widths: bytes  # the /Widths array, formatted
    to_unicode: bytes  # the ToUnicode CMap, deflated
    font_file: bytes  # the TrueType subset, deflated
    font_file_length: int  # its length before compression (/Length1)


class _Formatted(pdfdoc.PDFObject):
    """A PDF value already written out."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def format(self, document: object) -> bytes:
        return self.data


def _deflated(content: bytes, **entries: int) -> pdfdoc.PDFStream:
    """A stream of already deflated ``content``: reportlab leaves a stream whose dictionary
    names its filter as it is."""
    dictionary = pdfdoc.PDFDictionary({"Filter": pdfdoc.PDFArray([pdfdoc.PDFName("FlateDecode")]), **entries})
    return pdfdoc.PDFStream(dictionary, content)


def _first_subset_codes(text: str, assigned: Mapping[int, int]) -> bytes | None:
    """The codes of ``text`` if all its letters have codes, in the first subset; else None."""
    try:
        return bytes(map(assigned.__getitem__, map(ord, text)))
    except (KeyError, ValueError):  # a letter without a code yet (or lacking), or a code ≥ 256
        return None


def forget_subsets() -> None:
    """Drop the subsets' PDF objects kept by the registered faces: the next document makes its
    own again, as the first one in a process does (the bench measures both)."""
    for face in FACES:
        try:
            font = pdfmetrics.getFont(face)
        except KeyError:  # not registered yet: nothing kept
            continue
        if isinstance(font, MeasuredTTFont):
            with _lock:
                font._subsets.clear()


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
