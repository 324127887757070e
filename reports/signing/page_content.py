"""What a PDF's pages draw, as digests a second drawing can be compared with.

Each page's digest covers its content streams (decoded) and every resource they draw with —
fonts with their embedded programs, widths and encodings, images, forms — so a figure changed
in the text *or* a glyph swapped in a font shows. It leaves out what two drawings of the same
document legitimately differ in: the document's creation date and ID (not on a page), object
numbers, and the signature fields a signer adds (a page's ``/Annots`` are reported apart:
anything but a signature field there is drawn over the page and counts as a difference).

The last revision is read: what a viewer shows. The caller checks the signatures separately.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from typing import Any

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.reader import PdfFileReader

from reports.signing.errors import PdfUnreadableError

# Keys that differ between two drawings of the same page, or point back up the tree.
_SKIP = frozenset({"/Parent", "/Annots", "/BaseFont", "/FontName", "/StructParents", "/P"})
MAX_DEPTH = 40


@dataclass(frozen=True)
class PageDrawing:
    digests: tuple[str, ...]  # one per page, in order
    foreign_annotations: tuple[int, ...]  # pages (from 1) with an annotation that is not a signature field


def _feed(h: Any, obj: Any, depth: int, seen: set[int]) -> None:
    if depth > MAX_DEPTH:
        raise PdfUnreadableError(detail="nested too deep")
    if isinstance(obj, generic.IndirectObject):
        key = obj.idnum
        if key in seen:  # a shared resource drawn twice is the same resource
            h.update(b"<seen>")
            return
        seen.add(key)
        obj = obj.get_object()
    if isinstance(obj, generic.StreamObject):
        h.update(b"<stream>")
        h.update(obj.data)
        _feed_dict(h, obj, depth, seen, skip=_SKIP | {"/Length", "/Filter", "/DecodeParms"})
    elif isinstance(obj, generic.DictionaryObject):
        _feed_dict(h, obj, depth, seen)
    elif isinstance(obj, generic.ArrayObject):
        h.update(b"[")
        for item in obj:
            _feed(h, item, depth + 1, seen)
        h.update(b"]")
    else:
        h.update(repr(obj).encode("utf-8", "surrogatepass"))
        h.update(b";")


def _feed_dict(h: Any, obj: Any, depth: int, seen: set[int], skip: frozenset[str] = _SKIP) -> None:
    h.update(b"{")
    for key in sorted(str(k) for k in obj):
        if key in skip:
            continue
        h.update(key.encode("utf-8", "surrogatepass"))
        _feed(h, obj.raw_get(key), depth + 1, seen)
    h.update(b"}")


def _pages(node: Any, out: list[Any], depth: int = 0) -> None:
    if depth > MAX_DEPTH:
        raise PdfUnreadableError(detail="page tree too deep")
    node = node.get_object() if isinstance(node, generic.IndirectObject) else node
    if node.get("/Type") == "/Pages":
        for kid in node["/Kids"]:
            _pages(kid, out, depth + 1)
    else:
        out.append(node)


def _signature_field(annot: Any) -> bool:
    annot = annot.get_object()
    return annot.get("/Subtype") == "/Widget" and annot.get("/FT") == "/Sig"


def page_drawing(pdf: bytes) -> PageDrawing:
    """Digests of what each page draws (``PdfUnreadableError`` for a file that cannot be read)."""
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        pages: list[Any] = []
        _pages(reader.root["/Pages"], pages)
        digests, foreign = [], []
        for number, page in enumerate(pages, start=1):
            h = hashlib.sha256()
            contents = page.get("/Contents")
            _feed(h, page.raw_get("/Contents") if contents is not None else generic.NullObject(), 0, set())
            _feed(h, page.raw_get("/Resources") if "/Resources" in page else generic.NullObject(), 0, set())
            _feed(h, page.get("/MediaBox", generic.NullObject()), 0, set())
            digests.append(h.hexdigest())
            annots = page.get("/Annots")
            if annots is not None and not all(_signature_field(a) for a in annots.get_object()):
                foreign.append(number)
        return PageDrawing(tuple(digests), tuple(foreign))
    except PdfUnreadableError:
        raise
    except Exception as exc:  # a damaged or hostile file: one kind of error for the caller
        raise PdfUnreadableError(detail=str(exc) or type(exc).__name__) from exc
