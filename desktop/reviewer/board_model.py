"""The status board's model: communes (rows) × months (columns), one BoardState per cell.

The matrix comes whole from one worker job (``jobs.board_matrix``); the model only looks
values up, so painting 3,321 × 12 cells costs what the visible ones cost. Column 0 is the
commune; columns 1… are the months, oldest first.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from reports.admin_units import fold
from reports.exchange.board import STATE_INDEX, STATES, BoardMatrix, BoardState

ModelIndex = QModelIndex | QPersistentModelIndex

# Light enough for black text; told apart by hue and by the cell's mark (for colour-blind users).
STATE_COLOURS = {
    BoardState.NOT_DUE: "#eef0f2",
    BoardState.MISSING: "#f4b6b0",
    BoardState.ON_TIME: "#b9e4c1",
    BoardState.LATE: "#f8d98b",
    BoardState.RETURNED: "#c9c2ef",
    BoardState.ACCEPTED: "#7fcf97",
    BoardState.NOT_USING: "#c4c8cc",  # grey: nothing was owed yet, unlike the red of "missing"
}
STATE_MARKS = {
    BoardState.NOT_DUE: "",
    BoardState.MISSING: "✗",
    BoardState.ON_TIME: "✓",
    BoardState.LATE: "!",
    BoardState.RETURNED: "↩",
    BoardState.ACCEPTED: "★",
    BoardState.NOT_USING: "–",
}
STATE_ROLE = Qt.ItemDataRole.UserRole + 1
REPORT_ID_ROLE = Qt.ItemDataRole.UserRole + 2


def state_label(state: BoardState) -> str:
    return {
        BoardState.NOT_DUE: QCoreApplication.translate("BoardState", "Not yet due"),
        BoardState.MISSING: QCoreApplication.translate("BoardState", "Missing"),
        BoardState.ON_TIME: QCoreApplication.translate("BoardState", "Received on time"),
        BoardState.LATE: QCoreApplication.translate("BoardState", "Received late"),
        BoardState.RETURNED: QCoreApplication.translate("BoardState", "Returned"),
        BoardState.ACCEPTED: QCoreApplication.translate("BoardState", "Accepted"),
        BoardState.NOT_USING: QCoreApplication.translate("BoardState", "Not using the program yet"),
    }[state]


class BoardTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._m: BoardMatrix | None = None
        self._brushes = [QColor(STATE_COLOURS[s]) for s in STATES]
        self._marks = [STATE_MARKS[s] for s in STATES]
        self._labels: list[str] = []

    @property
    def matrix(self) -> BoardMatrix | None:
        return self._m

    def set_matrix(self, matrix: BoardMatrix) -> None:
        self.beginResetModel()
        self._m = matrix
        self._labels = [state_label(s) for s in STATES]
        self.endResetModel()

    # ------------------------------------------------------------ Qt's model interface

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() or self._m is None else len(self._m.codes)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() or self._m is None else 1 + len(self._m.periods)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        m = self._m
        if m is None or not index.isValid():
            return None
        row, col = index.row(), index.column()
        if col == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                return m.names[row]
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"{m.codes[row]} — {m.names[row]}"
            return None
        state = m.states[row][col - 1]
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._brushes[state]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._marks[state]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.ToolTipRole or role == Qt.ItemDataRole.AccessibleTextRole:
            period = m.periods[col - 1]
            return f"{m.names[row]} — {period.label()}: {self._labels[state]}"
        if role == STATE_ROLE:
            return STATES[state].value
        if role == REPORT_ID_ROLE:
            return m.report_ids.get((row, col - 1))
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        m = self._m
        if m is None or orientation != Qt.Orientation.Horizontal:
            return None
        if section == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                return QCoreApplication.translate("BoardTableModel", "Commune / ward")
            return None
        if not 0 < section <= len(m.periods):
            return None
        period = m.periods[section - 1]
        totals = m.totals[section - 1]
        received = sum(
            totals[STATE_INDEX[s]]
            for s in (BoardState.ON_TIME, BoardState.LATE, BoardState.RETURNED, BoardState.ACCEPTED)
        )
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{period.index:02d}/{period.year}\n{received}/{len(m.codes)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [period.label()] + [f"{self._labels[i]}: {n}" for i, n in enumerate(totals)]
            return "\n".join(lines)
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # ------------------------------------------------------------ for the view

    def report_id(self, row: int, column: int) -> int | None:
        if self._m is None or column < 1:
            return None
        return self._m.report_ids.get((row, column - 1))

    def totals(self, column: int) -> dict[BoardState, int]:
        assert self._m is not None
        return {s: self._m.totals[column - 1][i] for i, s in enumerate(STATES)}


class BoardFilterModel(QSortFilterProxyModel):
    """Rows whose code or name contains the search (diacritics ignored), and that have the
    chosen state in at least one month."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._needle = ""
        self._state: int | None = None

    def set_search(self, text: str) -> None:
        needle = fold(text.strip())
        if needle != self._needle:
            self.beginFilterChange()
            self._needle = needle
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_state(self, state: BoardState | None) -> None:
        value = None if state is None else STATE_INDEX[state]
        if value != self._state:
            self.beginFilterChange()
            self._state = value
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:
        source = self.sourceModel()
        m = source.matrix if isinstance(source, BoardTableModel) else None
        if m is None:
            return True
        if self._needle and self._needle not in m.folded[source_row]:
            return False
        return self._state is None or self._state in m.states[source_row]
