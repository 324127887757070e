"""Pasting a block of figures copied from Excel (or LibreOffice) into a form's table.

Spreadsheets put a copied block on the clipboard as text: cells separated by tabs, rows by
line breaks. Ctrl+V in a table writes the block from the current cell on, to the right and
down, adding rows as needed: a province's one-stop-shop export is copied in one go instead
of being typed cell by cell. The figures are kept as text; the form engine reads them as it
reads typing (1.234 or 1234, 12,5)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QTableWidget


def parse_block(text: str) -> list[list[str]]:
    """Rows of cells from a spreadsheet's clipboard text (one trailing line break ignored)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [[cell.strip() for cell in line.split("\t")] for line in lines]


def paste_into_rows(
    rows: list[dict[str, str]],
    column_ids: list[str],
    row: int,
    column: int,
    block: list[list[str]],
    max_rows: int,
) -> list[dict[str, str]]:
    """``rows`` with ``block`` written from (row, column); cells beyond the last column are
    dropped, rows beyond ``max_rows`` too."""
    out = [dict(r) for r in rows]
    for i, cells in enumerate(block):
        r = row + i
        if r >= max_rows:
            break
        while len(out) <= r:
            out.append(dict.fromkeys(column_ids, ""))
        for j, cell in enumerate(cells):
            c = column + j
            if c < len(column_ids):
                out[r][column_ids[c]] = cell
    return out


class BlockPaste(QObject):
    """Catches Ctrl+V on a table (not while a cell is being edited: that pastes into it)."""

    def __init__(self, table: QTableWidget, on_block: Callable[[int, int, list[list[str]]], None]) -> None:
        super().__init__(table)
        self._table = table
        self._on_block = on_block
        table.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self._table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.Paste)
        ):
            block = parse_block(QApplication.clipboard().text())
            if block and any(any(cells) for cells in block):
                row = max(self._table.currentRow(), 0)
                column = max(self._table.currentColumn(), 0)
                self._on_block(row, column, block)
                return True
        return False
