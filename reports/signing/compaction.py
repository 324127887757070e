"""A PDF rewritten smaller: its dictionaries packed into a compressed object stream and its
cross-reference table into a compressed cross-reference stream (PDF 1.5).

reportlab writes every font, widths array, page and annotation dictionary as plain text, and
the attachment step appends an incremental update of its own. Rewritten whole, the same
document is a tenth smaller before it is zipped into a package; what a reader shows does not
change. Only an unsigned document is rewritten: rewriting a signed one would break its
signatures, so it is returned as it is.
"""

from __future__ import annotations

import io

from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.writer import copy_into_new_writer
from pyhanko.pdf_utils.xref import OBJSTREAM_FORBIDDEN
from pyhanko.sign.fields import enumerate_sig_fields

__all__ = ["compact_pdf"]


def compact_pdf(pdf: bytes) -> bytes:
    """``pdf`` with object and cross-reference streams; a signed document comes back unchanged."""
    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    if any(True for _ in enumerate_sig_fields(reader, filled_status=True)):
        return pdf
    writer = copy_into_new_writer(reader, writer_kwargs={"stream_xrefs": True})
    packed = writer.prepare_object_stream(compress=True)
    for key, obj in list(writer.objects.items()):
        generation, idnum = key
        # Streams, and bare references, cannot live in an object stream (ISO 32000-1, 7.5.7).
        if generation == 0 and not isinstance(obj, OBJSTREAM_FORBIDDEN):
            del writer.objects[key]
            packed.add_object(idnum, obj)
            writer.objs_in_streams[idnum] = obj
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
