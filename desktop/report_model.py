"""The list of the unit's reports as a Qt table model, and its year / status filter."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from desktop.appearance import ERROR_COLOUR, status_colours
from desktop.jobs import ReportRow
from forms.numbers import format_date
from reports.clock import VIETNAM
from reports.storage.lifecycle import Status

AnyIndex = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    PERIOD = 0
    FORM = 1
    REVISION = 2
    STATUS = 3
    DEADLINE = 4
    SAVED = 5


ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the ReportRow
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # a key that sorts the column sensibly

# Looked up once: the view asks data(), rowCount() and columnCount() about every cell and role
# (some 800, 1,000 and 1,000 times for the first screen of six months), and finding Qt's enum
# members (or Column's length) on each call cost more than the answers.
COLUMNS = tuple(Column)
COLUMN_COUNT = len(COLUMNS)
DISPLAY = int(Qt.ItemDataRole.DisplayRole)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
FONT = int(Qt.ItemDataRole.FontRole)
ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)
HORIZONTAL = Qt.Orientation.Horizontal
CELL_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
CENTRED = int(Qt.AlignmentFlag.AlignCenter)


def status_label(status: Status, lang: str) -> str:
    return status.label_en if lang == "en" else status.label_vi


def period_label(row: ReportRow, lang: str) -> str:
    text = row.period.label(lang)
    return text[:1].upper() + text[1:]


class ReportTableModel(QAbstractTableModel):
    """One row per stored report (every revision), newest period first."""

    def __init__(self, lang: str = "vi", parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ReportRow] = []
        self._lang = lang
        self._headers = [
            self.tr("Period"),
            self.tr("Form"),
            self.tr("Revision"),
            self.tr("Status"),
            self.tr("Deadline"),
            self.tr("Last saved"),
        ]

    # ------------------------------------------------------------ data in

    def set_rows(self, rows: Sequence[ReportRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> ReportRow:
        return self._rows[row]

    def index_of(self, report_id: int) -> QModelIndex:
        for i, r in enumerate(self._rows):
            if r.id == report_id:
                return self.index(i, 0)
        return QModelIndex()

    def years(self) -> list[int]:
        return sorted({r.period.year for r in self._rows}, reverse=True)

    # ------------------------------------------------------------ Qt model API

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == HORIZONTAL and role == DISPLAY and 0 <= section < COLUMN_COUNT:
            return self._headers[section]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return CELL_FLAGS

    def data(self, index: AnyIndex, role: int = DISPLAY) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        col = COLUMNS[index.column()]
        if role == DISPLAY:
            return self._display(row, col)
        if role == ROW_ROLE:
            return row
        if role == SORT_ROLE:
            return self._sort_key(row, col)
        if role == TOOLTIP:
            return self._tooltip(row, col)
        if col is Column.STATUS and role in (BACKGROUND, FOREGROUND):
            # Colours, not brushes, as the outbox's model: the view paints a brush of either, and
            # the first QBrush made would have PySide create the Python types of QGradient and
            # QImage (their enums, 3 ms on the window's first show) to choose the constructor.
            bg, fg = status_colours(row.status)
            return bg if role == BACKGROUND else fg
        if col is Column.DEADLINE and row.late and role == FOREGROUND:
            return QColor(ERROR_COLOUR)
        if role == FONT and (
            col is Column.STATUS or (col is Column.DEADLINE and row.late)
        ):
            font = QFont()
            font.setBold(True)
            return font
        if role == ALIGNMENT and col is Column.REVISION:
            return CENTRED
        if role == ACCESSIBLE:
            return self._display(row, col)
        return None

    def _display(self, row: ReportRow, col: Column) -> str:
        match col:
            case Column.PERIOD:
                return period_label(row, self._lang)
            case Column.FORM:
                return row.form_title_en if self._lang == "en" and row.form_title_en else row.form_title
            case Column.REVISION:
                return str(row.revision)
            case Column.STATUS:
                return status_label(row.status, self._lang)
            case Column.DEADLINE:
                text = format_date(row.deadline)
                if row.late:
                    text += " " + QCoreApplication.translate("ReportTableModel", "(late)")
                return text
            case Column.SAVED:
                return row.updated_at.astimezone(VIETNAM).strftime("%d/%m/%Y %H:%M")
        raise AssertionError(col)  # pragma: no cover

    def _sort_key(self, row: ReportRow, col: Column) -> Any:
        match col:
            case Column.PERIOD:
                return f"{row.period.year:04d}-{row.period.last_month:02d}-{row.period.kind.value}-{row.revision:03d}"
            case Column.FORM:
                return row.form_title
            case Column.REVISION:
                return row.revision
            case Column.STATUS:
                return list(Status).index(row.status)
            case Column.DEADLINE:
                return row.deadline.isoformat()
            case Column.SAVED:
                return row.updated_at.isoformat()
        raise AssertionError(col)  # pragma: no cover

    def _tooltip(self, row: ReportRow, col: Column) -> str | None:
        if col is Column.DEADLINE and row.late:
            return self.tr("The deadline has passed and the report has not been sent in time.")
        if col is Column.REVISION and row.revision > 1:
            return self.tr("Amended revision %1").replace("%1", str(row.revision))
        if not row.is_latest:
            return self.tr("An older revision: a newer one replaces it.")
        return None


class ReportFilterProxyModel(QSortFilterProxyModel):
    """Filters the reports by year and status; sorts by each column's own key."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._year: int | None = None
        self._status: Status | None = None
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    @property
    def year(self) -> int | None:
        return self._year

    @property
    def status(self) -> Status | None:
        return self._status

    def set_year(self, year: int | None) -> None:
        if year != self._year:
            self.beginFilterChange()
            self._year = year
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_status(self, status: Status | None) -> None:
        if status != self._status:
            self.beginFilterChange()
            self._status = status
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        model = self.sourceModel()
        row: ReportRow | None = model.index(source_row, 0, source_parent).data(ROW_ROLE)
        if row is None:
            return False
        if self._year is not None and row.period.year != self._year:
            return False
        return self._status is None or row.status is self._status

    def row_at(self, proxy_row: int) -> ReportRow:
        return self.index(proxy_row, 0).data(ROW_ROLE)
