"""Hộp thư đến: packages dropped or picked, imported on the worker, one result per file."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.appearance import set_font_scale
from desktop.prompter import Prompter
from desktop.reviewer import jobs
from desktop.tasks import TaskRunner
from desktop.wheel_guard import guard_wheel
from reports.exchange.sync import ImportResult, Outcome

ModelIndex = QModelIndex | QPersistentModelIndex


_OUTCOME_COLOURS = {"imported": "#1e7b34", "already_had": "#555b61", "refused": "#b3261e"}


class ImportResultModel(QStandardItemModel):
    """One row per file: name, outcome, commune, reason or quarantine, where it came from.

    The texts are kept in Qt's own items, so painting the table calls no Python: while an
    import runs, the worker thread holds the GIL most of the time, and a Python ``data()`` per
    cell and role made each repaint of the table wait for it hundreds of times."""

    COLUMNS = 5

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(0, self.COLUMNS, parent)
        self.results: list[ImportResult] = []
        self.paths: list[Path | None] = []
        self.sources: list[str] = []

    def clear(self) -> None:
        self.removeRows(0, self.rowCount())
        self.results, self.paths, self.sources = [], [], []

    def append(self, result: ImportResult, path: Path | None, source: str) -> None:
        self.extend([(result, path, source)])

    def extend(self, rows: list[tuple[ImportResult, Path | None, str]]) -> None:
        for result, path, source in rows:
            self.results.append(result)
            self.paths.append(path)
            self.sources.append(source)
            texts = (result.name, self.outcome_text(result.outcome), result.sender or "",
                     self.details(len(self.results) - 1), source)
            items = []
            for text in texts:
                item = QStandardItem(text)
                item.setToolTip(text)
                item.setEditable(False)
                items.append(item)
            items[1].setForeground(QBrush(QColor(_OUTCOME_COLOURS.get(result.outcome.value, "#000000"))))
            self.appendRow(items)

    def outcome_text(self, outcome: Outcome) -> str:
        return {
            Outcome.IMPORTED: self.tr("Imported"),
            Outcome.ALREADY_HAD: self.tr("Already had"),
            Outcome.REFUSED: self.tr("Refused"),
            Outcome.WAITING: self.tr("Part kept, waiting for the others"),
        }[outcome]

    def details(self, row: int) -> str:
        r = self.results[row]
        if r.outcome is not Outcome.REFUSED:
            # A received revision that left a gap or came late says so (reason holds the note).
            return "; ".join([*r.changes, r.reason] if r.reason else r.changes)
        text = r.reason
        if r.quarantined is not None:
            text += "  —  " + self.tr("Kept in quarantine: %1").replace("%1", str(r.quarantined))
        return text

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < self.COLUMNS:
            return None
        return (
            self.tr("File"),
            self.tr("Result"),
            self.tr("Commune"),
            self.tr("Reason / quarantine"),
            self.tr("Came from"),
        )[section]

    def counts(self) -> dict[Outcome, int]:
        return {o: sum(r.outcome is o for r in self.results) for o in Outcome}


class _Progress(QObject):
    """Carries the worker's progress calls to the UI thread (a queued signal)."""

    progressed = Signal(int, int, object)


# The worker reports every package; the window shows them at most this often. A progress bar
# repaints at once on every new value, and a table lays itself out again on every inserted row:
# done per package, that was most of the UI thread's time during a 1,000-package import.
SHOW_PROGRESS_MS = 100


class InboxPage(QWidget):
    imported = Signal(object)  # list[ImportResult], when an import finished (or was cancelled)
    trust_requested = Signal(object)  # Path of a refused package whose sender may be trusted

    def __init__(self, runner: TaskRunner, prompter: Prompter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._prompter = prompter
        self._cancel: threading.Event | None = None
        self._queued: list[Path] = []
        self._files: dict[str, Path] = {}
        self._progress = _Progress(self)
        self._arrived: list[tuple[ImportResult, Path | None, str]] = []  # reported, not shown yet
        self._arrived_count = (0, 0)
        self._show_timer = QTimer(self)
        self._show_timer.setSingleShot(True)
        self._show_timer.setInterval(SHOW_PROGRESS_MS)
        self._show_timer.timeout.connect(self._show_arrived)
        heading = QLabel(self.tr("Inbox"))
        set_font_scale(heading, 1.4, bold=True)
        self.hint = QLabel(
            self.tr(
                "Drop the packages (.cchc files) or whole folders onto this window — from a USB stick, an "
                "e-mail attachment or a shared folder — or pick them."
            )
        )
        self.hint.setWordWrap(True)
        self.pick_files_button = QPushButton(self.tr("Pick &files…"))
        self.pick_folder_button = QPushButton(self.tr("Pick a f&older…"))
        self.trust_button = QPushButton(self.tr("&Trust this sender…"))
        self.trust_button.setEnabled(False)
        # A USB stick handed over in person: the day it arrived is registered like an incoming
        # document (lateness is judged by it, never by the commune's clock).
        self.arrived_check = QCheckBox(self.tr("Handed over in person on:"))
        self.arrived_date = guard_wheel(QDateEdit(QDate.currentDate()))
        self.arrived_date.setDisplayFormat("dd/MM/yyyy")
        self.arrived_date.setCalendarPopup(True)
        self.arrived_date.setMaximumDate(QDate.currentDate())
        self.arrived_date.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.pick_files_button)
        buttons.addWidget(self.pick_folder_button)
        buttons.addSpacing(16)
        buttons.addWidget(self.arrived_check)
        buttons.addWidget(self.arrived_date)
        buttons.addStretch(1)
        buttons.addWidget(self.trust_button)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.progress.setAccessibleName(self.tr("Import progress"))
        self.cancel_button = QPushButton(self.tr("&Stop importing"))
        self.cancel_button.setVisible(False)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.model = ImportResultModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Import results"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(26)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        hh.setStretchLastSection(False)
        hh.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for col, width in ((0, 260), (1, 110), (2, 80), (4, 200)):
            self.table.setColumnWidth(col, width)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.hint)
        layout.addLayout(buttons)
        layout.addLayout(progress_row)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)

        self.pick_files_button.clicked.connect(self._on_pick_files_clicked)
        self.pick_folder_button.clicked.connect(self._on_pick_folder_clicked)
        self.cancel_button.clicked.connect(self.cancel)
        self.arrived_check.toggled.connect(self.arrived_date.setEnabled)
        self.trust_button.clicked.connect(self._on_trust_clicked)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self._progress.progressed.connect(self._on_progressed)

    @property
    def busy(self) -> bool:
        return self._cancel is not None

    # ------------------------------------------------------------ importing

    def import_paths(self, paths: list[Path]) -> None:
        """Import files and folders (what a drop does); queued while an import runs."""
        if not paths:
            return
        if self.busy:
            self._queued.extend(paths)
            return
        from reports.exchange.sync import collect_packages

        files = collect_packages(paths)
        self._files.update({p.name: p for p in files})
        cancel = threading.Event()
        self._cancel = cancel
        self.model.clear()
        self._arrived, self._arrived_count = [], (0, len(files))
        self.progress.setRange(0, max(1, len(files)))
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.cancel_button.setVisible(True)
        self.cancel_button.setEnabled(True)
        self.summary.setText(self.tr("Importing %1 file(s)…").replace("%1", str(len(files))))
        emit = self._progress.progressed.emit

        def progress(i: int, n: int, result: ImportResult) -> None:
            emit(i, n, result)

        arrived = self.arrived_date.date().toPython() if self.arrived_check.isChecked() else None
        self._runner.run(
            jobs.import_packages,
            files,
            progress,
            cancel,
            arrived,
            on_success=self._on_import_done,
            on_failure=self._on_import_failed,
            context=self,
        )

    @Slot()
    def cancel(self) -> None:
        if self._cancel is not None:
            self._cancel.set()
            self.cancel_button.setEnabled(False)
            self.summary.setText(self.tr("Stopping after the current file…"))

    @Slot(int, int, object)
    def _on_progressed(self, i: int, n: int, result: ImportResult) -> None:
        path = self._files.get(result.name)
        self._arrived.append((result, path, str(path.parent) if path is not None else ""))
        self._arrived_count = (i, n)
        if not self._show_timer.isActive():
            self._show_timer.start()

    @Slot()
    def _show_arrived(self) -> None:
        """The results reported since the last time, in one go."""
        self._show_timer.stop()
        rows, self._arrived = self._arrived, []
        self.model.extend(rows)
        i, n = self._arrived_count
        if n:
            self.progress.setMaximum(max(1, n))
            self.progress.setValue(i)

    def _finish(self) -> None:
        self._cancel = None
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        if self._queued:
            queued, self._queued = self._queued, []
            self.import_paths(queued)

    def _on_import_done(self, results: list[ImportResult]) -> None:
        self._show_arrived()
        stopped = self._cancel is not None and self._cancel.is_set()
        counts = self.model.counts()
        text = (
            self.tr("%1 imported, %2 already had, %3 refused.")
            .replace("%1", str(counts[Outcome.IMPORTED]))
            .replace("%2", str(counts[Outcome.ALREADY_HAD]))
            .replace("%3", str(counts[Outcome.REFUSED]))
        )
        if stopped:
            text = self.tr("Stopped.") + " " + text
        if counts[Outcome.REFUSED]:
            text += " " + self.tr("Refused files are kept in the quarantine folder with the reason.")
        self.summary.setText(text)
        self._finish()
        self.imported.emit(results)

    def _on_import_failed(self, exc: Any) -> None:
        self._show_arrived()
        self.summary.setText(self._prompter.message_of(exc))
        self._finish()
        self._prompter.error(exc, self.tr("The packages could not be imported"))

    # ------------------------------------------------------------ buttons

    @Slot()
    def _on_pick_files_clicked(self) -> None:
        paths = self._prompter.open_files(
            self.tr("Pick packages"), self.tr("Packages (*.cchc);;All files (*)")
        )
        self.import_paths(paths)

    @Slot()
    def _on_pick_folder_clicked(self) -> None:
        folder = self._prompter.choose_folder(self.tr("Pick a folder with packages"))
        if folder is not None:
            self.import_paths([folder])

    def _selected_refused_path(self) -> Path | None:
        row = self.table.currentIndex().row()
        if (
            row < 0
            or row >= len(self.model.results)
            or self.model.results[row].outcome is not Outcome.REFUSED
        ):
            return None
        r = self.model.results[row]
        path = self.model.paths[row]
        return path if path is not None and path.exists() else r.quarantined

    @Slot(QModelIndex, QModelIndex)
    def _on_current_row_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self.trust_button.setEnabled(self._selected_refused_path() is not None)

    @Slot()
    def _on_trust_clicked(self) -> None:
        path = self._selected_refused_path()
        if path is not None:
            self.trust_requested.emit(path)
