"""The text stamp drawn with the fonts the document already embeds, not a second copy of them.

A signed report embeds subsets of CCHC Serif Regular and Bold for its own text. A stamp
drawn with a font of its own would embed a second subset of each face: a sixth of a
monthly report's package. So the stamp's appearance stream uses the signed page's own font
objects: the code of each character is read back from the font's /ToUnicode map, and the
renderer reserves the stamp's letters in those subsets beforehand
(``reports.documents.render`` with ``stamp_text.stamp_characters``).

``shared_font_stamp`` returns None when the page has no such font or a character is missing
(a document made elsewhere, a signer name changed after rendering): the caller then draws
the stamp with its own font, as before.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.writer import BasePdfFileWriter

from reports.signing.stamp_text import BOLD, REGULAR

# reportlab names a subset "/ABCDEF+CCHCSerif-Bold" (six letters, a plus, the PostScript name).
_FACES = {"CCHCSerif-Regular": REGULAR, "CCHCSerif-Bold": BOLD}
_BASE_FONT = re.compile(r"^/(?:[A-Z]{6}\+)?(?P<face>[A-Za-z0-9-]+)$")
_BFCHAR = re.compile(rb"<([0-9A-Fa-f]{2})>\s*<([0-9A-Fa-f]{4,8})>")
_BFRANGE = re.compile(rb"<([0-9A-Fa-f]{2})>\s*<([0-9A-Fa-f]{2})>\s*<([0-9A-Fa-f]{4,8})>")
_MAX_FONTS = 64  # a page of ours has four faces (a few subsets each); more is not ours
_MAX_CMAP = 64 * 1024
# Colours of Vietnamese signed documents: the stamp and the seal in red, the signature in blue.
RED = (0.78, 0.05, 0.05)


class _Face:
    """One face's subsets on the page: each character's (resource name, one-byte code)."""

    def __init__(self) -> None:
        self.codes: dict[str, tuple[str, int]] = {}
        self.fonts: dict[str, generic.IndirectObject] = {}

    def add(self, resource: str, ref: generic.IndirectObject, cmap: bytes) -> None:
        self.fonts[resource] = ref
        for code, char in _unicode_map(cmap):
            self.codes.setdefault(char, (resource, code))

    def runs(self, text: str) -> list[tuple[str, bytes]] | None:
        """``text`` as (resource, codes) runs, or None if a character is not in the subsets."""
        out: list[tuple[str, bytearray]] = []
        for char in text:
            found = self.codes.get(char)
            if found is None:
                return None
            resource, code = found
            if not out or out[-1][0] != resource:
                out.append((resource, bytearray()))
            out[-1][1].append(code)
        return [(resource, bytes(codes)) for resource, codes in out]


def _unicode_map(cmap: bytes) -> Iterator[tuple[int, str]]:
    """(code, character) pairs of a simple font's ToUnicode CMap (bfchar and bfrange entries)."""
    for section in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, uni in _BFCHAR.findall(section):
            text = bytes.fromhex(uni.decode()).decode("utf-16-be", "replace")
            if len(text) == 1:
                yield int(code, 16), text
    for section in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.S):
        for low, high, uni in _BFRANGE.findall(section):
            first = bytes.fromhex(uni.decode()).decode("utf-16-be", "replace")
            if len(first) != 1:
                continue
            for offset in range(int(high, 16) - int(low, 16) + 1):
                yield int(low, 16) + offset, chr(ord(first) + offset)


def _page_faces(writer: BasePdfFileWriter, page: int) -> dict[str, _Face]:
    _page_ref, resources = writer.find_page_for_modification(page)
    faces: dict[str, _Face] = {}
    # pyHanko's dictionaries resolve references on [] but not on .get()
    fonts = resources["/Font"] if isinstance(resources, generic.DictionaryObject) and "/Font" in resources else None
    if not isinstance(fonts, generic.DictionaryObject):
        return faces
    for resource in list(fonts.keys())[:_MAX_FONTS]:
        ref = fonts.raw_get(resource)
        if not isinstance(ref, generic.IndirectObject):
            continue
        font = ref.get_object()
        if not isinstance(font, generic.DictionaryObject) or "/Subtype" not in font or font["/Subtype"] != "/TrueType":
            continue
        match = _BASE_FONT.match(str(font["/BaseFont"])) if "/BaseFont" in font else None
        weight = _FACES.get(match["face"]) if match else None
        to_unicode = font["/ToUnicode"] if "/ToUnicode" in font else None  # noqa: SIM401 (.get does not resolve)
        if weight is None or not isinstance(to_unicode, generic.StreamObject):
            continue
        cmap = to_unicode.data
        if len(cmap) <= _MAX_CMAP:
            faces.setdefault(weight, _Face()).add(str(resource), ref, cmap)
    return faces


def _number(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".") or "0"


def _round_rect(x: float, y: float, w: float, h: float, r: float) -> str:
    """A closed rounded rectangle path (Bézier quarter circles, as reportlab draws them)."""
    k = r * 0.4477152502  # 1 - 0.5522847498: the control points of a quarter circle
    n = _number
    return " ".join(
        [
            f"{n(x + r)} {n(y)} m",
            f"{n(x + w - r)} {n(y)} l",
            f"{n(x + w - k)} {n(y)} {n(x + w)} {n(y + k)} {n(x + w)} {n(y + r)} c",
            f"{n(x + w)} {n(y + h - r)} l",
            f"{n(x + w)} {n(y + h - k)} {n(x + w - k)} {n(y + h)} {n(x + w - r)} {n(y + h)} c",
            f"{n(x + r)} {n(y + h)} l",
            f"{n(x + k)} {n(y + h)} {n(x)} {n(y + h - k)} {n(x)} {n(y + h - r)} c",
            f"{n(x)} {n(y + r)} l",
            f"{n(x)} {n(y + k)} {n(x + k)} {n(y)} {n(x + r)} {n(y)} c",
            "h",
        ]
    )


def shared_font_stamp(
    writer: BasePdfFileWriter,
    page: int,
    width: float,
    height: float,
    border: float,
    radius: float,
    size: float,
    lines: tuple[tuple[str, str, float, float], ...],
) -> generic.StreamObject | None:
    """The stamp as a form XObject using ``page``'s CCHC Serif subsets, or None if it cannot."""
    faces = _page_faces(writer, page)
    colour = " ".join(_number(c) for c in RED)
    ops = [f"{colour} RG {colour} rg {_number(border)} w"]
    half = border / 2
    ops.append(_round_rect(half, half, width - border, height - border, radius) + " S")
    used: dict[str, generic.IndirectObject] = {}
    ops.append("BT")
    for weight, text, x, y in lines:
        face = faces.get(weight)
        runs = face.runs(text) if face is not None else None
        if face is None or runs is None:
            return None
        ops.append(f"1 0 0 1 {_number(x)} {_number(y)} Tm")
        for resource, codes in runs:
            used[resource] = face.fonts[resource]
            ops.append(f"{resource} {_number(size)} Tf <{codes.hex()}> Tj")
    ops.append("ET")
    stream = generic.StreamObject(
        {
            generic.pdf_name("/Type"): generic.pdf_name("/XObject"),
            generic.pdf_name("/Subtype"): generic.pdf_name("/Form"),
            generic.pdf_name("/BBox"): generic.ArrayObject(
                [generic.FloatObject(0), generic.FloatObject(0), generic.FloatObject(width), generic.FloatObject(height)]
            ),
            generic.pdf_name("/Resources"): generic.DictionaryObject(
                {generic.pdf_name("/Font"): generic.DictionaryObject({generic.pdf_name(k): v for k, v in used.items()})}
            ),
            generic.pdf_name("/Filter"): generic.pdf_name("/FlateDecode"),
        },
        encoded_data=zlib.compress("\n".join(ops).encode("ascii"), 9),
    )
    return stream
