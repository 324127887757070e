"""Whether a signed PDF draws the figures it carries.

The import checks that the data embedded in a signed PDF is the data of the package; what the
pages *draw* is another matter: a commune's modified program can draw other figures over the
true data and sign the lot. Here the reviewer draws the document again from the embedded data
(and the letterhead the PDF records, ``reports.documents.layout_record``) with its own program,
and compares what each page draws (``reports.signing.page_content``).

Drawing is only reproducible with the same program version and the same font files, so a PDF
made by another version, with another font, or before the record existed is "not compared" —
said plainly, never held against the commune. This runs when the reviewer opens a report or
runs ``cchc verify``, not at import: drawing a report costs a tenth of a second or more, and the
import keeps its rate.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import reports
from forms.engine import evaluate
from reports.documents.layout_record import (
    LAYOUT_ATTACHMENT,
    LAYOUT_FORMAT,
    LayoutUnreadable,
    document_from,
    font_identity,
)
from reports.errors import CchcError
from reports.signing.errors import PdfUnreadableError
from reports.workspace import Workspace


class DrawnState(StrEnum):
    SAME = "same"
    DIFFERENT = "different"
    NOT_COMPARED = "not_compared"


@dataclass(frozen=True)
class DrawnCheck:
    state: DrawnState
    vi: str
    en: str
    pages: tuple[int, ...] = ()  # the pages (from 1) that differ

    def text(self, lang: str = "vi") -> str:
        return self.en if lang == "en" else self.vi


def _not_compared(vi: str, en: str) -> DrawnCheck:
    return DrawnCheck(DrawnState.NOT_COMPARED, f"Chưa so được hình vẽ với số liệu: {vi}", f"Drawing not compared: {en}")


def _pages(numbers: list[int]) -> str:
    return ", ".join(str(n) for n in numbers)


def check_drawn(ws: Workspace, pdf: bytes, data: Mapping[str, Any]) -> DrawnCheck:
    """Draw the report again from ``data`` (the PDF's embedded data, already checked against
    the package) and compare its pages with ``pdf``'s."""
    # pyHanko and reportlab load only when a PDF is compared: the reviewer's window opens without them.
    from reports.signing.attachments import read_attachment
    from reports.signing.page_content import page_drawing

    try:
        raw = read_attachment(pdf, LAYOUT_ATTACHMENT)
    except PdfUnreadableError:
        raw = None
    if raw is None:
        return _not_compared("PDF không kèm phần trình bày (lập bằng phiên bản cũ hoặc chương trình khác).",
                             "the PDF carries no layout record (an older version or another program made it).")
    try:
        layout = json.loads(raw.decode("utf-8"))
        if not isinstance(layout, dict) or layout.get("format") != LAYOUT_FORMAT:
            raise ValueError("format")
    except (UnicodeDecodeError, ValueError, RecursionError):
        return _not_compared("phần trình bày kèm PDF không đọc được.", "the PDF's layout record cannot be read.")
    program = str(layout.get("program"))[:40]
    if program != reports.__version__:
        return _not_compared(f"PDF lập bằng phiên bản {program}, máy này dùng phiên bản {reports.__version__} "
                             "(cách trình bày có thể khác; không phải lỗi của xã).",
                             f"the PDF was made by version {program}, this computer runs {reports.__version__} "
                             "(the drawing may differ; not the commune's fault).")
    if layout.get("font") != font_identity():
        return _not_compared("máy xã và máy này dùng phông chữ khác nhau (không phải lỗi của xã).",
                             "the commune's computer and this one use different fonts (not the commune's fault).")
    try:
        definition = ws.forms.get(str(data["form_id"]), int(data["form_version"]))
        values = evaluate(definition, data["values"]).values
        doc = document_from(layout, definition, values, data)
    except (CchcError, LayoutUnreadable, KeyError, TypeError, ValueError):
        return _not_compared("phần trình bày hoặc biểu mẫu không dựng lại được.",
                             "the layout or the form cannot be rebuilt here.")
    from reports.documents.render import render_report  # reportlab: only when a PDF is compared

    mine = page_drawing(render_report(doc).pdf)
    try:
        theirs = page_drawing(pdf)
    except PdfUnreadableError:
        return _not_compared("không đọc được các trang của PDF.", "the PDF's pages cannot be read.")
    differing = sorted({*theirs.foreign_annotations,
                        *(i + 1 for i, (a, b) in enumerate(zip(mine.digests, theirs.digests, strict=False)) if a != b)})
    if len(mine.digests) != len(theirs.digests):
        return DrawnCheck(
            DrawnState.DIFFERENT,
            f"PDF đã ký có {len(theirs.digests)} trang, vẽ lại từ số liệu gắn kèm được {len(mine.digests)} trang: nội dung "
            "hiển thị có thể khác số liệu. Hãy đối chiếu từng số trên PDF với phần số liệu, hoặc đề nghị xã ký và gửi lại.",
            f"the signed PDF has {len(theirs.digests)} pages, drawn again from its data it has {len(mine.digests)}: what it "
            "shows may differ from its data. Check each figure on the PDF against the data, or ask the commune to sign and resend.",
            tuple(differing),
        )
    if differing:
        return DrawnCheck(
            DrawnState.DIFFERENT,
            f"trang {_pages(differing)} của PDF đã ký vẽ khác với văn bản dựng lại từ chính số liệu gắn kèm: số liệu "
            "hiển thị có thể không phải số liệu đã nhận. Hãy đối chiếu các trang đó với phần số liệu, hoặc đề nghị xã ký "
            "và gửi lại.",
            f"page {_pages(differing)} of the signed PDF differs from the document drawn again from its own data: the "
            "figures shown may not be the figures received. Check those pages against the data, or ask the commune to "
            "sign and resend.",
            tuple(differing),
        )
    return DrawnCheck(DrawnState.SAME, "các trang PDF vẽ đúng số liệu gắn kèm.",
                      "the PDF's pages draw exactly its embedded data.")
