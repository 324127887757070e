"""The preview: the report's PDF shown inside the program, printed on A4, saved as a copy.

The PDF is made on the database worker (``render_pdf`` for a report not yet signed, the
stored signed file through ``pdf_for`` once it is signed); the page only shows the bytes it
gets back. QtPdf draws the pages (pdfium: a page of the report in a few milliseconds).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRect, QSize, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.appearance import set_font_scale
from desktop.prompter import Prompter, QtPrompter
from desktop.tasks import TaskRunner
from reports.errors import CchcError
from reports.storage.lifecycle import Status

log = logging.getLogger(__name__)

ZOOM_STEPS = (0.5, 0.67, 0.8, 1.0, 1.25, 1.5, 2.0, 3.0)
PRINT_DPI = 300  # enough for text on A4; a printer's 600/1200 dpi only makes the job slower


# ---------------------------------------------------------------- on the database worker


@dataclass(frozen=True)
class PreviewDocument:
    report_id: int
    pdf: bytes
    signed: bool
    file_name: str  # suggested name for "Lưu PDF…"
    title: str


def preview_document(ws: Any, report_id: int, lang: str = "vi") -> PreviewDocument:
    """The PDF to show: the signed file once signed, else a fresh rendering (a draft carries
    the "BẢN NHÁP" mark). Runs on the database worker."""
    from reports.documents.issuing import pdf_for, render_pdf, signed_file_name

    report = ws.store.get(report_id)
    signed = ws.store.signed_pdf(report_id) is not None
    pdf = pdf_for(ws, report_id) if signed else render_pdf(ws, report_id).pdf
    unit = ws.require_unit()
    name = signed_file_name(report, unit.doc_symbol)
    if not signed:
        name = name.removesuffix(".pdf") + ("_ban-nhap.pdf" if report.status is Status.DRAFT else ".pdf")
    period = report.period.label(lang)
    title = f"{period[:1].upper()}{period[1:]} — {ws.store.definition(report).title}"
    return PreviewDocument(report_id, pdf, signed, name, title)


def write_file(path: Path, data: bytes) -> Path:
    """Save a copy (on the CPU pool: a slow USB stick must not freeze the window). A full
    disk, a read-only folder or a pulled-out stick is an expected error; a copy that a PDF
    viewer holds open is waited for, then named in a plain message — never half written."""
    from reports.environment import expected_errors
    from reports.files import write_atomic

    with expected_errors(path):
        write_atomic(path, data, suffix=".partial", make_folder=False)
    return path


# ---------------------------------------------------------------- printing


def choose_printer(prompter: Prompter, parent: QWidget | None, title: str) -> QPrinter | None:
    """The system print dialog, set to A4; None when cancelled.

    Without windows (tests, ``--no-err-windows``) there is no dialog: the prompter names a PDF
    file and the pages are "printed" into it, the same drawing the printer would get.
    """
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)  # the PDF has its own margins
    if isinstance(prompter, QtPrompter):
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle(title)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return printer
    target = prompter.save_file(title, "PDF (*.pdf)")
    if target is None:
        return None
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    return printer


def print_document(document: QPdfDocument, printer: QPrinter) -> int:
    """Draw every page of ``document`` on ``printer``, scaled to fit A4; the pages printed."""
    dpi = min(printer.resolution(), PRINT_DPI)
    first, last = 0, document.pageCount() - 1
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first, last = printer.fromPage() - 1, min(printer.toPage() - 1, last)
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    printed = 0
    try:
        target: QRect = printer.pageLayout().fullRectPixels(printer.resolution())
        for page in range(first, last + 1):
            if printed:
                printer.newPage()
            points = document.pagePointSize(page)
            size = QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
            image = document.render(page, size, QPdfDocumentRenderOptions())
            scaled = size.scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            x = target.x() + (target.width() - scaled.width()) // 2
            y = target.y() + (target.height() - scaled.height()) // 2
            painter.drawImage(QRect(x, y, scaled.width(), scaled.height()), image)
            printed += 1
    finally:
        painter.end()
    return printed


# ---------------------------------------------------------------- the page


class PreviewPage(QWidget):
    """The pages of one report, with zoom, paging, "In", "Lưu PDF…" and "Ký số"."""

    back_requested = Signal()
    sign_requested = Signal(int)  # a report id
    loaded = Signal(object)  # the PreviewDocument shown
    status_message = Signal(str)

    def __init__(
        self, runner: TaskRunner, prompter: Prompter, *, lang: str = "vi", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._prompter = prompter
        self._lang = lang
        self._current: PreviewDocument | None = None
        self._loading_id: int | None = None
        self._can_sign = False
        self._buffer: QBuffer | None = None

        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.view.setAccessibleName(self.tr("Pages of the report"))

        self.back_button = QPushButton(self.tr("← &Back to the report"))
        self.title_label = QLabel()
        self.title_label.setWordWrap(True)
        set_font_scale(self.title_label, 1.2, bold=True)
        self.kind_label = QLabel()
        self.kind_label.setProperty("role", "muted")
        self.previous_button = QPushButton("◀")
        self.previous_button.setToolTip(self.tr("Previous page (Page Up)"))
        self.previous_button.setAccessibleName(self.tr("Previous page"))
        self.next_button = QPushButton("▶")
        self.next_button.setToolTip(self.tr("Next page (Page Down)"))
        self.next_button.setAccessibleName(self.tr("Next page"))
        self.page_label = QLabel()
        self.zoom_out_button = QPushButton("−")
        self.zoom_out_button.setToolTip(self.tr("Zoom out (Ctrl+−)"))
        self.zoom_out_button.setAccessibleName(self.tr("Zoom out"))
        self.zoom_in_button = QPushButton("+")
        self.zoom_in_button.setToolTip(self.tr("Zoom in (Ctrl++)"))
        self.zoom_in_button.setAccessibleName(self.tr("Zoom in"))
        self.fit_button = QPushButton(self.tr("Fit width"))
        self.print_button = QPushButton(self.tr("&Print…"))
        self.print_button.setToolTip(self.tr("Print on A4 (Ctrl+P)"))
        self.save_button = QPushButton(self.tr("&Save PDF…"))
        self.sign_button = QPushButton(self.tr("Si&gn digitally…"))
        self.sign_button.setProperty("primary", True)
        self.busy_label = QLabel(self.tr("Preparing the document…"))
        self.busy_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.busy_label.setVisible(False)

        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addSpacing(8)
        top.addWidget(self.title_label, 1)
        top.addWidget(self.kind_label)
        tools = QHBoxLayout()
        for w in (self.previous_button, self.page_label, self.next_button):
            tools.addWidget(w)
        tools.addSpacing(16)
        for w in (self.zoom_out_button, self.zoom_in_button, self.fit_button):
            tools.addWidget(w)
        tools.addStretch(1)
        for w in (self.save_button, self.print_button, self.sign_button):
            tools.addWidget(w)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 6)
        layout.addLayout(top)
        layout.addLayout(tools)
        layout.addWidget(self.busy_label)
        layout.addWidget(self.view, 1)

        self.print_action = QAction(self.tr("Print"), self)
        self.print_action.setShortcut(QKeySequence.StandardKey.Print)
        self.zoom_in_action = QAction(self.tr("Zoom in"), self)
        self.zoom_in_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.ZoomIn), QKeySequence("Ctrl+=")])
        self.zoom_out_action = QAction(self.tr("Zoom out"), self)
        self.zoom_out_action.setShortcuts(QKeySequence.StandardKey.ZoomOut)
        self.next_action = QAction(self.tr("Next page"), self)
        self.next_action.setShortcut(QKeySequence(Qt.Key.Key_PageDown))
        self.previous_action = QAction(self.tr("Previous page"), self)
        self.previous_action.setShortcut(QKeySequence(Qt.Key.Key_PageUp))
        self.back_action = QAction(self.tr("Back"), self)
        self.back_action.setShortcuts([QKeySequence("Alt+Left"), QKeySequence(Qt.Key.Key_Escape)])
        for a in (
            self.print_action,
            self.zoom_in_action,
            self.zoom_out_action,
            self.next_action,
            self.previous_action,
            self.back_action,
        ):
            a.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(a)
        self._connect_signals()
        self._update_controls()

    def _connect_signals(self) -> None:
        self.back_button.clicked.connect(self.back_requested)
        self.back_action.triggered.connect(self.back_requested)
        self.previous_button.clicked.connect(self.previous_page)
        self.previous_action.triggered.connect(self.previous_page)
        self.next_button.clicked.connect(self.next_page)
        self.next_action.triggered.connect(self.next_page)
        self.zoom_in_button.clicked.connect(self.zoom_in)
        self.zoom_in_action.triggered.connect(self.zoom_in)
        self.zoom_out_button.clicked.connect(self.zoom_out)
        self.zoom_out_action.triggered.connect(self.zoom_out)
        self.fit_button.clicked.connect(self.fit_width)
        self.print_button.clicked.connect(self.print_report)
        self.print_action.triggered.connect(self.print_report)
        self.save_button.clicked.connect(self.save_copy)
        self.sign_button.clicked.connect(self._on_sign_button_clicked)
        self.view.pageNavigator().currentPageChanged.connect(self._update_controls)

    # ------------------------------------------------------------ loading

    @property
    def current(self) -> PreviewDocument | None:
        return self._current

    def show_report(self, report_id: int, *, can_sign: bool = False) -> None:
        """Make the report's PDF on the worker and show it."""
        self._loading_id = report_id
        self._can_sign = can_sign
        self.busy_label.setVisible(True)
        self._update_controls()
        self._runner.run(
            preview_document,
            report_id,
            self._lang,
            on_success=self._on_document_made,
            on_failure=self._on_document_failed,
            context=self,
        )

    @Slot(object)
    def _on_document_made(self, doc: PreviewDocument) -> None:
        if doc.report_id != self._loading_id:
            return  # another report was asked for meanwhile
        self._loading_id = None
        self.busy_label.setVisible(False)
        self.document.close()
        # QPdfDocument reads from the device while it shows the pages: keep the buffer alive.
        buffer = QBuffer(self)
        buffer.setData(QByteArray(doc.pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(buffer)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer
        self._current = doc
        if doc.signed:
            self._can_sign = False
        self.title_label.setText(doc.title)
        self.kind_label.setText(self.tr("Signed document") if doc.signed else self.tr("Preview (not signed)"))
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.pageNavigator().jump(0, QPointF(), 0)
        self._update_controls()
        self.loaded.emit(doc)

    @Slot(object)
    def _on_document_failed(self, exc: CchcError) -> None:
        self._loading_id = None
        self.busy_label.setVisible(False)
        self._update_controls()
        self._prompter.error(exc, self.tr("The document cannot be shown"))

    # ------------------------------------------------------------ pages and zoom

    @property
    def page_count(self) -> int:
        return self.document.pageCount() if self._current is not None else 0

    @property
    def current_page(self) -> int:
        return self.view.pageNavigator().currentPage()

    @Slot()
    def next_page(self) -> None:
        self.go_to_page(self.current_page + 1)

    @Slot()
    def previous_page(self) -> None:
        self.go_to_page(self.current_page - 1)

    def go_to_page(self, page: int) -> None:
        if not self.page_count:
            return
        page = max(0, min(page, self.page_count - 1))
        self.view.pageNavigator().jump(page, QPointF(), 0)
        self._update_controls()

    def zoom_factor(self) -> float:
        if self.view.zoomMode() is QPdfView.ZoomMode.Custom:
            return float(self.view.zoomFactor())
        # Fit to width: the factor the view works out from its width and the page's.
        points = self.document.pagePointSize(0)
        if points.width() <= 0:
            return 1.0
        dpi = self.view.logicalDpiX() / 72
        return max(
            0.1,
            (self.view.viewport().width() - 2 * self.view.documentMargins().left()) / (points.width() * dpi),
        )

    @Slot()
    def zoom_in(self) -> None:
        now = self.zoom_factor()
        self._set_zoom(next((z for z in ZOOM_STEPS if z > now + 0.01), ZOOM_STEPS[-1]))

    @Slot()
    def zoom_out(self) -> None:
        now = self.zoom_factor()
        self._set_zoom(next((z for z in reversed(ZOOM_STEPS) if z < now - 0.01), ZOOM_STEPS[0]))

    @Slot()
    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._update_controls()

    def _set_zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(factor)
        self._update_controls()

    @Slot()
    def _update_controls(self) -> None:
        count = self.page_count
        ready = count > 0 and self._loading_id is None
        page = self.current_page if ready else 0
        self.page_label.setText(
            self.tr("Page %1 of %2").replace("%1", str(page + 1)).replace("%2", str(count)) if ready else ""
        )
        self.previous_button.setEnabled(ready and page > 0)
        self.next_button.setEnabled(ready and page < count - 1)
        for w in (
            self.zoom_in_button,
            self.zoom_out_button,
            self.fit_button,
            self.print_button,
            self.save_button,
        ):
            w.setEnabled(ready)
        self.print_action.setEnabled(ready)
        self.sign_button.setVisible(self._can_sign)
        self.sign_button.setEnabled(ready)

    # ------------------------------------------------------------ print, save, sign

    @Slot()
    def print_report(self) -> None:
        if self._current is None or not self.page_count:
            return
        printer = choose_printer(self._prompter, self.window(), self.tr("Print the report"))
        if printer is None:
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            printed = print_document(self.document, printer)
        finally:
            QApplication.restoreOverrideCursor()
        if printed:
            self.status_message.emit(self.tr("Sent %1 pages to the printer.").replace("%1", str(printed)))
        else:
            self._prompter.warning(
                self.tr("Print the report"),
                self.tr(
                    "The printer could not be used. Check that it is switched on and connected, then try again."
                ),
            )

    @Slot()
    def save_copy(self) -> None:
        doc = self._current
        if doc is None:
            return
        target = self._prompter.save_file(
            self.tr("Save a copy of the PDF"), self.tr("PDF files (*.pdf)"), doc.file_name
        )
        if target is None:
            return
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        self._runner.run_cpu(
            write_file,
            target,
            doc.pdf,
            on_success=self._on_copy_saved,
            on_failure=self._on_copy_failed,
            context=self,
        )

    @Slot(object)
    def _on_copy_saved(self, path: Path) -> None:
        self.status_message.emit(self.tr("Saved a copy: %1").replace("%1", str(path)))

    @Slot(object)
    def _on_copy_failed(self, exc: CchcError) -> None:
        self._prompter.error(exc, self.tr("The copy was not saved"))

    @Slot()
    def _on_sign_button_clicked(self) -> None:
        if self._current is not None:
            self.sign_requested.emit(self._current.report_id)
