"""Files embedded in a PDF: the report's data travels inside its signed document.

``attach_file`` adds an embedded file (in the catalog's /Names /EmbeddedFiles tree, and as an
associated file in /AF with relationship /Data) as an incremental update. Attach *before*
signing: the signature then covers the file, and changing it later breaks the signature.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterator
from typing import Any

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.embed import EmbeddedFileObject, EmbeddedFileParams, FileSpec
from pyhanko.pdf_utils.generic import pdf_name, pdf_string
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader

from reports.filenames import ascii_file_name
from reports.signing.errors import PdfUnreadableError

__all__ = ["attach_file", "attachment_of", "list_attachments", "read_attachment"]

_MAX_TREE_DEPTH = 32  # a hostile name tree may be deep or cyclic


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def attach_file(
    pdf: bytes, name: str, data: bytes, *, description: str = "", mime: str = "application/json"
) -> bytes:
    """``pdf`` with ``data`` embedded as the file ``name`` (an existing one of that name is replaced)."""
    name = _nfc(name).strip()
    if not name:
        raise ValueError("an attachment needs a name")
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        root = writer.root
        existing = dict(_entries(root))
    except Exception as exc:  # any parse failure of a damaged file
        raise PdfUnreadableError(detail=str(exc) or type(exc).__name__) from exc

    stream = EmbeddedFileObject.from_file_data(
        writer, data, compress=True, params=EmbeddedFileParams(), mime_type=mime
    )
    spec = FileSpec(
        file_spec_string=ascii_file_name(name),
        file_name=name,
        embedded_data=stream,
        description=_nfc(description) or None,
        af_relationship=pdf_name("/Data"),
    )
    spec_ref = writer.add_object(spec.as_pdf_object())
    replaced = existing.pop(name, None)
    existing[name] = spec_ref

    # A fresh, flat, sorted name tree (name trees must be sorted by key); a nested tree from
    # another producer is flattened on the way.
    names = generic.ArrayObject()
    for key in sorted(existing, key=_sort_key):
        names.append(pdf_string(key))
        names.append(existing[key])
    tree = generic.DictionaryObject({pdf_name("/Names"): names})
    try:
        names_dict = root["/Names"]
    except KeyError:
        names_dict = generic.DictionaryObject()
        root["/Names"] = writer.add_object(names_dict)
    names_dict["/EmbeddedFiles"] = writer.add_object(tree)
    if isinstance(root.raw_get("/Names"), generic.IndirectObject):
        writer.update_container(names_dict)

    af = generic.ArrayObject()
    for ref in _get(root, "/AF", generic.ArrayObject()):
        if replaced is None or not _same_ref(ref, replaced):
            af.append(ref)
    af.append(spec_ref)
    root["/AF"] = writer.add_object(af)
    writer.update_root()
    writer.ensure_output_version(version=(2, 0))  # /AF is a PDF 2.0 (and PDF/A-3) feature

    out = io.BytesIO()
    try:
        writer.write(out)
    except PdfError as exc:  # e.g. an encrypted file we cannot rewrite
        raise PdfUnreadableError(detail=str(exc) or type(exc).__name__) from exc
    return out.getvalue()


def read_attachment(pdf: bytes, name: str) -> bytes | None:
    """The data of the embedded file ``name``, or None when the PDF has no such file."""
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    except Exception as exc:  # a damaged or hostile file: one kind of error for the caller
        raise PdfUnreadableError(detail=str(exc) or type(exc).__name__) from exc
    return attachment_of(reader, name)


def attachment_of(reader: PdfFileReader, name: str) -> bytes | None:
    """``read_attachment`` on a PDF already opened (the signature check opens it too)."""
    wanted = _nfc(name).strip()
    try:
        for key, ref in _entries(reader.root):
            spec = ref.get_object()
            labels = {key, *(_text(_get(spec, k, "")) for k in ("/UF", "/F"))}
            if wanted in labels:
                ef = _get(spec, "/EF")
                stream = _get(ef, "/UF") or _get(ef, "/F")
                if isinstance(stream, generic.StreamObject):
                    return bytes(stream.data)
    except Exception as exc:  # a damaged or hostile file: one kind of error for the caller
        raise PdfUnreadableError(detail=str(exc) or type(exc).__name__) from exc
    return None


def list_attachments(pdf: bytes) -> list[str]:
    """Names of the embedded files, in name-tree order."""
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        return [key for key, _ref in _entries(reader.root)]
    except Exception as exc:
        raise PdfUnreadableError(detail=str(exc) or type(exc).__name__) from exc


def _get(container: generic.DictionaryObject, key: str, default: object = None) -> Any:
    """``container[key]`` dereferenced, or ``default``."""
    value = container.get(key, default) if isinstance(container, dict) else default
    return value.get_object() if isinstance(value, generic.PdfObject) else value


def _sort_key(name: str) -> bytes:
    """Name trees are sorted by the bytes of their keys, as written (PDFDocEncoding or UTF-16)."""
    try:
        return name.encode("latin-1")
    except UnicodeEncodeError:
        return b"\xfe\xff" + name.encode("utf-16-be")


def _text(value: object) -> str:
    if isinstance(value, bytes):
        return _nfc(value.decode("latin-1"))
    return _nfc(str(value))


def _same_ref(a: object, b: object) -> bool:
    if isinstance(a, generic.IndirectObject) and isinstance(b, generic.IndirectObject):
        return a.reference == b.reference
    return a is b


def _entries(root: generic.DictionaryObject) -> Iterator[tuple[str, generic.PdfObject]]:
    """(name, file spec reference) pairs of /Names /EmbeddedFiles, flat or nested."""
    tree = _get(_get(root, "/Names", generic.DictionaryObject()), "/EmbeddedFiles")
    if tree is not None:
        yield from _walk(tree, 0, set())


def _walk(
    node: generic.DictionaryObject, depth: int, seen: set[int]
) -> Iterator[tuple[str, generic.PdfObject]]:
    if depth > _MAX_TREE_DEPTH or id(node) in seen:
        return
    seen.add(id(node))
    names = _get(node, "/Names")
    if names is not None:
        items = list(names)
        for i in range(0, len(items) - 1, 2):
            key = items[i].get_object()
            yield _text(key), items[i + 1]
    for kid in _get(node, "/Kids", ()):
        yield from _walk(kid.get_object(), depth + 1, seen)
