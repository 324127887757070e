"""The document font's faster paths give exactly what reportlab's own code gives.

``MeasuredTTFont`` measures text with a cache, codes strings without a Python loop once their
letters are known, and keeps the subsets' PDF objects for a document rendered again: the codes,
the subsets and the PDF bytes must be the same as with reportlab's ``TTFont`` methods.
"""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from forms.definition import builtin_definitions
from reports.documents import render_report
from reports.documents.fonts import BOLD, REGULAR, MeasuredTTFont, forget_subsets, register_fonts
from reports.documents.sample import sample_document


class _Doc:
    """Stands for a PDF document: the font keeps its subsets per document (weakly)."""


def _font(face: str = REGULAR) -> MeasuredTTFont:
    register_fonts()
    font = pdfmetrics.getFont(face)
    assert isinstance(font, MeasuredTTFont)
    return font


# Letters of the document's own language and beyond: no-break spaces, letters the font lacks
# (CJK, an emoji), and enough distinct letters to open a second subset (codes ≥ 256).
_LETTERS = st.sampled_from(
    list("aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ áàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệóòỏõọốồổỗộớờởỡợúùủũụứừửữự0123456789.,;:-–()/%")
    + ["\u00a0", "中", "😀"]
    + [chr(c) for c in range(0x100, 0x250)]
)


_MANY = "".join(chr(c) for c in range(0x100, 0x250))  # 336 letters: a second subset


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(_LETTERS, max_size=40), max_size=30))
@example([_MANY, "aă đ\u00a0ɏ", _MANY[::-1], "中 a"])
@example(["xin chào", "chào xã", "xã 中"])
def test_codes_are_reportlabs(texts: list[str]) -> None:
    font = _font()
    ours, theirs = _Doc(), _Doc()
    for text in ["", *texts]:
        assert font.splitString(text, ours) == TTFont.splitString(font, text, theirs)
    assert font.state[ours].assignments == font.state[theirs].assignments
    assert font.state[ours].subsets == font.state[theirs].subsets
    assert font.state[ours].nextCode == font.state[theirs].nextCode


@settings(max_examples=60, deadline=None)
@given(st.text(_LETTERS, max_size=60), st.sampled_from([9, 11.5, 13, 14]))
def test_widths_are_reportlabs(text: str, size: float) -> None:
    font = _font(BOLD)
    for _ in range(2):  # measured, then from the cache
        assert font.stringWidth(text, size) == pytest.approx(TTFont.stringWidth(font, text, size), abs=1e-9)


def test_the_pdf_is_the_one_reportlab_writes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Subset objects made afresh, then kept: both times the bytes of reportlab's own."""
    definition = next(d for d in builtin_definitions() if d.id == "cchc-xa")
    final = sample_document(definition)
    for doc in (final, dataclasses.replace(final, draft=True)):
        forget_subsets()
        fresh = render_report(doc).pdf
        kept = render_report(doc).pdf
        with monkeypatch.context() as m:
            m.setattr(MeasuredTTFont, "addObjects", TTFont.addObjects)
            m.setattr(MeasuredTTFont, "splitString", TTFont.splitString)
            reference = render_report(doc).pdf
        assert fresh == reference
        assert kept == reference
