"""Workbooks made by other people, opened so that a damaged or hostile file is a refusal the
caller words, never a crash in the middle of reading it or a machine out of memory.

The program reads three kinds of .xlsx it did not write: the one-stop shop's statistics (Part
III), a province's criteria set and the survey points. openpyxl parses their XML through
defusedxml (a declared dependency), which refuses entity tricks — "billion laughs", external
entities. What remains is the zip: a few hundred kilobytes can unpack to gigabytes, so the
sizes the archive declares are added up first (zipfile never gives more than a member
declares). And the whole workbook is parsed at once, not row by row as openpyxl's read-only
mode does, so that broken XML anywhere is found here and not later, by code that only expects
cells."""

from __future__ import annotations

import io
import zipfile
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from openpyxl import Workbook

# The largest statistics or survey sheet is a few megabytes unpacked (3,321 communes × a few
# columns); a hundred times that is still not a workbook of ours.
MAX_UNPACKED = 200 * 1024 * 1024


class UnreadableWorkbookError(Exception):
    """The file cannot be opened as a workbook; the caller raises its own worded error from it."""

    def __init__(self, *, too_large: bool = False) -> None:
        super().__init__("workbook too large when unpacked" if too_large else "not a readable workbook")
        self.too_large = too_large


def open_workbook(data: bytes) -> Workbook:
    """The whole workbook in ``data``, values as Excel last computed them (``data_only``)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise UnreadableWorkbookError() from exc
    if unpacked > MAX_UNPACKED:
        raise UnreadableWorkbookError(too_large=True)
    import openpyxl

    try:
        return openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    # openpyxl on a damaged or foreign file raises whatever its parts raise: KeyError for a
    # missing part, ElementTree's ParseError (a SyntaxError) for broken XML, defusedxml's
    # refusals (ValueError), zlib.error or BadZipFile for a damaged member, TypeError and
    # AttributeError for odd values. None of them is a bug of ours: the file is not readable.
    except Exception as exc:
        raise UnreadableWorkbookError() from exc
