"""A file embedded in a PDF while reportlab writes it: the report's data inside its document.

The same objects ``reports.signing.attachments.attach_file`` adds to a finished PDF — an
/EmbeddedFile stream (MIME subtype, size, MD5 checksum), a /Filespec with /F, /UF, /Desc and
/AFRelationship /Data, the catalog's /Names /EmbeddedFiles tree and /AF, and /Version 2.0
(/AF is a PDF 2.0 and PDF/A-3 feature) — but written in the one pass that writes the
document. Rendering a report therefore needs no PDF parser and no second write: ``cchc pdf``
never loads pyHanko, which is what made it slow to start.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass

from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFCatalog,
    PDFDictionary,
    PDFDocument,
    PDFName,
    PDFStream,
    PDFString,
    PDFZCompress,
)

from reports.filenames import ascii_file_name

__all__ = ["EmbeddedFile", "embed"]


@dataclass(frozen=True)
class EmbeddedFile:
    name: str  # shown to the reader; stored NFC
    data: bytes
    description: str = ""
    mime: str = "application/json"


def _name(text: str) -> bytes:
    """A PDF name with every character outside the regular set written as #XX (reportlab's
    ``PDFName`` leaves "/" alone, which would split "application/json" into two names)."""
    out = []
    for byte in text.encode("utf-8"):
        regular = 0x21 <= byte <= 0x7E and chr(byte) not in "%()<>[]{}/#"
        out.append(chr(byte) if regular else f"#{byte:02X}")
    return ("/" + "".join(out)).encode("ascii")


def _sort_key(name: str) -> bytes:
    """Name trees are sorted by the bytes of their keys, as written (PDFDocEncoding or UTF-16)."""
    try:
        return name.encode("latin-1")
    except UnicodeEncodeError:
        return b"\xfe\xff" + name.encode("utf-16-be")


def embed(document: PDFDocument, files: list[EmbeddedFile]) -> None:
    """Register ``files`` in the document reportlab is about to write (call before it is saved)."""
    if not files:
        return
    specs: dict[str, object] = {}
    for file in files:
        name = unicodedata.normalize("NFC", file.name).strip()
        if not name:
            raise ValueError("an attachment needs a name")
        params = PDFDictionary({"Size": len(file.data), "CheckSum": b"<" + hashlib.md5(file.data).hexdigest().encode() + b">"})
        stream = PDFStream(
            PDFDictionary({"Type": PDFName("EmbeddedFile"), "Subtype": _name(file.mime), "Params": params}),
            content=file.data,
            filters=[PDFZCompress],
        )
        stream_ref = document.Reference(stream)
        spec = PDFDictionary({
            "Type": PDFName("Filespec"),
            "F": PDFString(ascii_file_name(name)),
            "UF": PDFString(name),
            "EF": PDFDictionary({"F": stream_ref, "UF": stream_ref}),
            "AFRelationship": PDFName("Data"),
        })
        description = unicodedata.normalize("NFC", file.description)
        if description:
            spec["Desc"] = PDFString(description)
        specs[name] = document.Reference(spec)
    names = PDFArray([])
    for key in sorted(specs, key=_sort_key):
        names.sequence += [PDFString(key), specs[key]]
    catalog = document.Catalog
    catalog.Names = PDFDictionary({"EmbeddedFiles": PDFDictionary({"Names": names})})
    catalog.AF = PDFArray(list(specs.values()))
    catalog.Version = PDFName("2.0")
    # The catalog writes only the keys it knows; these two more are instance attributes.
    catalog.__NoDefault__ = [*PDFCatalog.__NoDefault__, "AF", "Version"]
