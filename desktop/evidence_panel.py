"""The evidence of one criterion: its documents, attaching and removing files, the explanation.

Shown beside the criteria tree of the "Chỉ số CCHC" page and in the report editor for a
scoring report. The panel never touches the database: it asks its owner (through signals)
to run the jobs of desktop/par_jobs.py and is given the fresh ``ScoreLine`` back.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.appearance import set_font_scale
from desktop.prompter import Prompter
from desktop.wheel_guard import guard_wheel
from forms.numbers import format_date, format_number
from reports.errors import CchcError
from reports.par_index.evidence import Metadata, OwnReport
from reports.par_index.sheet import ScoreLine

FILE_FILTER = "PDF, JPEG, PNG, DOCX, XLSX, ODT (*.pdf *.jpg *.jpeg *.png *.docx *.xlsx *.odt)"


class EvidencePanel(QWidget):
    attach_requested = Signal(str, object, object)  # field, Path, Metadata
    remove_requested = Signal(str, str)  # field, sha256
    explanation_saved = Signal(str, str)  # field, text
    own_report_requested = Signal(str, int, str)  # field, the signed report's id, page

    def __init__(self, prompter: Prompter, *, lang: str = "vi", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._prompter = prompter
        self._lang = lang
        self._line: ScoreLine | None = None
        self._editable = False
        self._own_choices: list[OwnReport] = []
        self.title = QLabel()
        self.title.setWordWrap(True)
        set_font_scale(self.title, 1.1, bold=True)
        self.method = QLabel()
        self.method.setWordWrap(True)
        self.method.setProperty("role", "help")
        self.required = QLabel()
        self.required.setWordWrap(True)
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setProperty("role", "warning")
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("Document"), self.tr("Number"), self.tr("Date"), self.tr("Page")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName(self.tr("Evidence documents of the criterion"))
        self.table.setMinimumHeight(110)
        self.number = QLineEdit()
        self.number.setPlaceholderText(self.tr("e.g. 12/KH-UBND"))
        self.date = QLineEdit()
        self.date.setPlaceholderText(self.tr("dd/mm/yyyy"))
        self.doc_title = QLineEdit()
        self.page = QLineEdit()
        self.page.setPlaceholderText(self.tr("page 3, part II"))
        form = QFormLayout()
        form.addRow(self.tr("Number and symbol"), self.number)
        form.addRow(self.tr("Date issued"), self.date)
        form.addRow(self.tr("Title"), self.doc_title)
        form.addRow(self.tr("Page or part that proves it"), self.page)
        self.attach_button = QPushButton(self.tr("Attach a file…"))
        self.remove_button = QPushButton(self.tr("Remove the selected document"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.attach_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        # Or one of the commune's own signed reports of the year (their number, date, signature).
        self.own_reports = guard_wheel(QComboBox())
        self.own_reports.setAccessibleName(self.tr("Our signed reports of the year"))
        self.own_reports.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.own_reports.setMinimumContentsLength(16)
        self.own_report_button = QPushButton(self.tr("Attach this report"))
        own = QHBoxLayout()  # under its label: on one line the panel was too wide for 1366 pixels
        own.addWidget(self.own_reports, 1)
        own.addWidget(self.own_report_button)
        self.explanation = QPlainTextEdit()
        self.explanation.setTabChangesFocus(True)
        self.explanation.setMaximumHeight(90)
        self.explanation.setAccessibleName(self.tr("Explanation"))
        self.save_explanation_button = QPushButton(self.tr("Save the explanation"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for w in (self.title, self.method, self.required, self.warnings, self.table):
            layout.addWidget(w)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(QLabel(self.tr("Or our signed report:")))
        layout.addLayout(own)
        layout.addWidget(QLabel(self.tr("Explanation (giải trình) where there is no document:")))
        layout.addWidget(self.explanation)
        layout.addWidget(self.save_explanation_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.attach_button.clicked.connect(self._on_attach_button_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.save_explanation_button.clicked.connect(self._on_save_explanation_button_clicked)
        self.own_report_button.clicked.connect(self._on_own_report_button_clicked)
        self.show_line(None, editable=False)

    def set_own_reports(self, choices: list[OwnReport]) -> None:
        """The commune's signed reports of the scoring year, to pick one as evidence."""
        self._own_choices = list(choices)
        self._fill_own_reports()
        self._enable(self._editable and self._line is not None and self._line.self_scored)

    def _fill_own_reports(self) -> None:
        """Those of the form the criterion names (``own_reports``), else every one."""
        wanted = self._line.field.evidence.own_reports if self._line and self._line.field.evidence else ""
        self.own_reports.clear()
        for c in self._own_choices:
            if not wanted or c.form_id == wanted:
                self.own_reports.addItem(c.label(), c.report_id)
        if not self.own_reports.count():
            self.own_reports.addItem(self.tr("(no signed report of this year yet)"), None)

    def show_line(self, line: ScoreLine | None, *, editable: bool) -> None:
        self._line, self._editable = line, editable
        self.table.setRowCount(0)
        self._fill_own_reports()
        if line is None:
            self.title.setText(self.tr("Choose a criterion to see its evidence."))
            for w in (self.method, self.required, self.warnings):
                w.setText("")
            self.explanation.setPlainText("")
            self._enable(False)
            return
        f = line.field
        points = "—" if line.points is None else format_number(line.points)
        self.title.setText(f"{f.label} — {points}/{format_number(line.max_points)}")
        if line.computed is not None:
            self.method.setText(self.tr("Computed from the filed reports: %1").replace("%1", line.computed.explain(self._lang)))
        else:
            self.method.setText(f.method.guide)
        needed = f.evidence.documents if f.evidence else ""
        if f.evidence is not None and f.evidence.mandatory:
            needed = self.tr("%1 (required)").replace("%1", needed)
        self.required.setText(self.tr("Evidence: %1").replace("%1", needed) if needed else "")
        problems = list(line.warnings) + [self.tr("A file is missing or damaged: %1").replace("%1", sha[:12])
                                          for sha in line.file_problems]
        self.warnings.setText("\n".join(problems))
        self.warnings.setVisible(bool(problems))
        for item in line.evidence:
            r = self.table.rowCount()
            self.table.insertRow(r)
            name = QTableWidgetItem(item.title or item.name)
            name.setData(Qt.ItemDataRole.UserRole, item.sha256)
            signed = self.tr("Signed by %1").replace("%1", item.signer) if item.signer else ""
            name.setToolTip(f"{item.name}\n{signed}" if signed else item.name)
            self.table.setItem(r, 0, name)
            self.table.setItem(r, 1, QTableWidgetItem(item.number))
            self.table.setItem(r, 2, QTableWidgetItem(format_date(item.date) if item.date else ""))
            self.table.setItem(r, 3, QTableWidgetItem(item.page))
        self.explanation.setPlainText(line.explanation)
        self._enable(editable and line.self_scored)

    def _enable(self, on: bool) -> None:
        for w in (self.attach_button, self.remove_button, self.save_explanation_button, self.explanation,
                  self.number, self.date, self.doc_title, self.page, self.own_reports):
            w.setEnabled(on)
        self.own_report_button.setEnabled(on and self.own_reports.currentData() is not None)

    def metadata(self) -> Metadata:
        """What the official typed about the next document (raises on a bad date)."""
        return Metadata.parse(self.number.text(), self.date.text(), self.doc_title.text(), self.page.text())

    def clear_metadata(self) -> None:
        for w in (self.number, self.date, self.doc_title, self.page):
            w.clear()

    @Slot()
    def _on_attach_button_clicked(self) -> None:
        if self._line is None:
            return
        try:
            meta = self.metadata()
        except CchcError as exc:  # the date is not a date, a text too long
            self._prompter.error(exc)
            return
        path = self._prompter.open_file(self.tr("Attach evidence"), FILE_FILTER)
        if path is None:
            return
        self.attach_requested.emit(self._line.field.id, Path(path), meta)

    @Slot()
    def _on_own_report_button_clicked(self) -> None:
        source = self.own_reports.currentData()
        if self._line is not None and source is not None:
            self.own_report_requested.emit(self._line.field.id, int(source), self.page.text().strip())

    @Slot()
    def _on_remove_button_clicked(self) -> None:
        if self._line is None:
            return
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        if item is None:
            return
        self.remove_requested.emit(self._line.field.id, str(item.data(Qt.ItemDataRole.UserRole)))

    @Slot()
    def _on_save_explanation_button_clicked(self) -> None:
        if self._line is not None:
            self.explanation_saved.emit(self._line.field.id, self.explanation.toPlainText())
