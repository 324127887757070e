"""Xem báo cáo: a received report, read-only in the commune's section layout, its signed PDF
beside it with the signature panel, the revision history with what changed; accept or return.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.appearance import set_font_scale
from desktop.prompter import Prompter
from desktop.reviewer import jobs
from desktop.section_page import SectionPage
from desktop.tasks import TaskRunner
from forms.numbers import format_date
from reports.clock import local_date, parse_iso
from reports.exchange.drawn_figures import DrawnState
from reports.exchange.received_report import ReceivedReport
from reports.exchange.revision_gaps import spans
from reports.storage.lifecycle import Status


def _format(value: Any) -> str:
    from forms.numbers import format_number

    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        return format_number(value)
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "…"


class SignaturePanel(QGroupBox):
    """Signer, issuer, signing time, intact, trusted (and why not), figures match."""

    def __init__(self, parent: QWidget | None = None, *, lang: str = "vi") -> None:
        super().__init__(parent)
        self._lang = lang
        self.setTitle(self.tr("Signature"))
        self.signer = QLabel()
        self.issuer = QLabel()
        self.time = QLabel()
        self.intact = QLabel()
        self.trusted = QLabel()
        self.figures = QLabel()
        self.drawn = QLabel()
        form = QFormLayout(self)
        for label, widget in (
            (self.tr("Signed by:"), self.signer),
            (self.tr("Certificate issuer:"), self.issuer),
            (self.tr("Signing time:"), self.time),
            (self.tr("Intact:"), self.intact),
            (self.tr("Trusted:"), self.trusted),
            (self.tr("Figures match the signed PDF:"), self.figures),
            (self.tr("Pages draw those figures:"), self.drawn),
        ):
            widget.setWordWrap(True)
            widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label, widget)

    def _yes_no(self, ok: bool | None) -> str:
        if ok is None:
            return self.tr("cannot tell")
        return self.tr("yes") if ok else self.tr("NO")

    def show_details(self, d: ReceivedReport) -> None:
        v = d.verification
        if v is None or not v.signatures:
            self.signer.setText(self.tr("The report came without a signed PDF."))
            for w in (self.issuer, self.time, self.intact, self.trusted):
                w.setText("—")
            self.figures.setText(self._yes_no(d.figures_match))
            self.drawn.setText("—")
            return
        s = v.signatures[-1]
        self.signer.setText(s.signer_name)
        self.issuer.setText(s.issuer + (" " + self.tr("(self-issued)") if s.self_issued else ""))
        self.time.setText(s.signing_time.strftime("%d/%m/%Y %H:%M") if s.signing_time else "—")
        self.intact.setText(self._yes_no(s.intact))
        trusted = self._yes_no(s.trusted)
        if not s.trusted and s.trust_problem:
            trusted += " — " + s.trust_problem
        self.trusted.setText(trusted)
        self.figures.setText(self._yes_no(d.figures_match))
        self.drawn.setText(self._drawn_text(d))

    def _drawn_text(self, d: ReceivedReport) -> str:
        # The pages drawn again from the embedded figures (reports/exchange/drawn_figures.py).
        c = d.drawn
        if c is None:
            return "—"
        if c.state is DrawnState.SAME:
            return self.tr("yes")
        if c.state is DrawnState.DIFFERENT:
            return self.tr("NO — page %1 differs from the document drawn again from its own data: check those pages "
                           "against the figures, or ask the commune to sign and send it again.").replace(
                               "%1", ", ".join(str(p) for p in c.pages))
        return c.text(self._lang)  # "not compared" and why (another version or font): never held against the commune

    def summary(self) -> str:
        return " | ".join(w.text() for w in (self.signer, self.intact, self.trusted, self.figures, self.drawn))


class ReportViewPage(QWidget):
    back_requested = Signal()
    decided = Signal(object)  # the Report after accept / return

    def __init__(
        self, runner: TaskRunner, prompter: Prompter, *, lang: str = "vi", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._prompter = prompter
        self._lang = lang
        self.details: ReceivedReport | None = None
        self._pdf_buffer: QBuffer | None = None
        self._pdf_bytes = QByteArray()

        self.back_button = QPushButton(self.tr("← &Board"))
        self.title = QLabel()
        set_font_scale(self.title, 1.3, bold=True)
        self.title.setWordWrap(True)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.accept_button = QPushButton(self.tr("&Accept"))
        self.return_button = QPushButton(self.tr("&Return with a comment…"))
        self.feedback_button = QPushButton(self.tr("E&xport feedback…"))
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addWidget(self.title, 1)
        top.addWidget(self.accept_button)
        top.addWidget(self.return_button)
        top.addWidget(self.feedback_button)

        # left: the figures by section, and the history
        self.section_list = QListWidget()
        self.section_list.setMaximumWidth(200)
        self.section_stack = QStackedWidget()
        figures = QWidget()
        row = QHBoxLayout(figures)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.section_list)
        row.addWidget(self.section_stack, 1)
        self.history = QTextBrowser()
        self.history.setAccessibleName(self.tr("Revision history"))
        self.tabs = QTabWidget()
        self.tabs.addTab(figures, self.tr("Figures"))
        self.tabs.addTab(self.history, self.tr("Revisions"))

        # right: the signature panel over the signed PDF
        self.signature = SignaturePanel(lang=lang)
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPdfWidgets import QPdfView

        self.pdf_document = QPdfDocument(self)
        self.pdf_view = QPdfView()
        self.pdf_view.setDocument(self.pdf_document)
        self.pdf_view.setPageMode(QPdfView.PageMode.MultiPage)
        self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.signature)
        right_layout.addWidget(self.pdf_view, 1)

        splitter = QSplitter()
        splitter.addWidget(self.tabs)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([620, 440])

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status_label)
        layout.addWidget(splitter, 1)

        self.back_button.clicked.connect(self.back_requested)
        self.accept_button.clicked.connect(self._on_accept_clicked)
        self.return_button.clicked.connect(self._on_return_clicked)
        self.feedback_button.clicked.connect(self._on_feedback_clicked)
        self.section_list.currentRowChanged.connect(self.section_stack.setCurrentIndex)

    # ------------------------------------------------------------ showing

    def open_report(self, report_id: int) -> None:
        self._runner.run(jobs.report_details, report_id, on_success=self.show_details, context=self)

    def show_details(self, d: ReceivedReport) -> None:
        self.details = d
        r = d.report
        self.title.setText(
            self.tr("%1 — %2, revision %3")
            .replace("%1", r.unit_name or r.unit_code)
            .replace("%2", r.period.label(self._lang))
            .replace("%3", str(r.revision))
        )
        self._show_status()
        self._build_sections(d)
        self.signature.show_details(d)
        self.history.setPlainText(self.history_text())
        self._load_pdf(d.pdf)

    def _show_status(self) -> None:
        assert self.details is not None
        r = self.details.report
        text = {
            Status.SENT: self.tr("Received; waiting for your decision."),
            Status.ACCEPTED: self.tr("Accepted."),
            Status.RETURNED: self.tr("Returned to the commune: %1"),
        }.get(r.status, r.status.value)
        text = text.replace("%1", r.decision_comment)
        arrived = _day(r.submitted_at)
        if arrived:
            text += " " + self.tr("Arrived on %1 (%2).").replace("%1", arrived).replace("%2", self._source_text(r.arrival_source))
        if r.clock_suspect:
            # The commune's claim stays visible, flagged: on-time or late is judged by the arrival.
            text += "\n" + self.tr(
                "The commune's package says it was made on %1: the commune's computer clock may be wrong."
            ).replace("%1", _day(r.claimed_at))
        gap = self.details.revision_gap
        if gap is not None and gap.missing:
            # Kept whatever its number: the reviewer sees the gap and may ask the commune.
            text += "\n" + self.tr(
                "Revision %1 of this report never reached this office (the commune may have amended it several "
                "times before sending, or a package was lost); ask the commune if you need them."
            ).replace("%1", spans(gap.missing))
        if gap is not None and gap.arrived_after is not None:
            text += "\n" + self.tr(
                "Revision %1 arrived after revision %2: kept in the history, revision %3 is still the one under review."
            ).replace("%1", str(gap.revision)).replace("%2", str(gap.arrived_after)).replace("%3", str(gap.newest))
        self.status_label.setText(text)
        latest = self.details.history[-1].report.id == r.id if self.details.history else True
        self.accept_button.setEnabled(r.status is Status.SENT and latest)
        self.return_button.setEnabled(r.status is Status.SENT and latest)

    def _source_text(self, source: str) -> str:
        return {
            "imap": self.tr("the mail server's time"),
            "webdav": self.tr("the shared folder server's time"),
            "folder": self.tr("the watched folder"),
            "entered": self.tr("date registered at import"),
        }.get(source, self.tr("import time"))

    def _build_sections(self, d: ReceivedReport) -> None:
        while self.section_stack.count():
            page = self.section_stack.widget(0)
            assert page is not None  # count() > 0
            self.section_stack.removeWidget(page)
            page.deleteLater()
        self.section_list.clear()
        for section in d.definition.sections:
            page = SectionPage(section, self._lang, self, None)  # type: ignore[arg-type]
            for fid, fi in page.inputs.items():
                fi.show_value(d.values.get(fid))
                fi.set_read_only(True)
            self.section_stack.addWidget(page)
            title = section.title_en if self._lang == "en" and section.title_en else section.title
            item = QListWidgetItem(f"{section.id}. {title}")
            self.section_list.addItem(item)
        self.section_list.setCurrentRow(0)

    def history_text(self) -> str:
        assert self.details is not None
        lines: list[str] = []
        previous = 0
        for rev in self.details.history:
            r = rev.report
            if r.origin == "imported" and r.revision > previous + 1:
                lines.append(self.tr("Revision %1 — never received here").replace(
                    "%1", spans(tuple(range(previous + 1, r.revision)))))
            previous = r.revision
            sent = _day(r.submitted_at)
            head = self.tr("Revision %1 — received %2 — %3").replace("%1", str(r.revision)).replace("%2", sent)
            lines.append(head.replace("%3", r.status.value))
            if r.decision_comment:
                lines.append("    " + self.tr("Comment: %1").replace("%1", r.decision_comment))
            for c in rev.changes:
                lines.append(f"    {c.label}: {_format(c.before)} → {_format(c.after)}")
            if rev.changes == [] and r.revision > 1:
                lines.append("    " + self.tr("(no figure changed)"))
        return "\n".join(lines)

    def _load_pdf(self, pdf: bytes | None) -> None:
        self.pdf_document.close()
        if self._pdf_buffer is not None:
            self._pdf_buffer.close()
            self._pdf_buffer.deleteLater()
            self._pdf_buffer = None
        if not pdf:
            return
        # QPdfDocument reads from the device while it lives: the bytes and buffer stay with us.
        self._pdf_bytes = QByteArray(pdf)
        buffer = QBuffer(self)
        buffer.setData(self._pdf_bytes)
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._pdf_buffer = buffer
        self.pdf_document.load(buffer)

    # ------------------------------------------------------------ deciding

    @Slot()
    def _on_accept_clicked(self) -> None:
        if self.details is None:
            return
        self._runner.run(
            jobs.decide,
            self.details.report.id,
            True,
            "",
            on_success=self._on_decided,
            on_failure=self._on_failed,
            context=self,
        )

    @Slot()
    def _on_return_clicked(self) -> None:
        if self.details is None:
            return
        comment = self._prompter.ask_text(
            self.tr("Return the report"),
            self.tr("What must the commune fix? (required; the commune sees this comment)"),
            multiline=True,
        )
        if comment is None:
            return
        if not comment.strip():
            self._prompter.warning(
                self.tr("Return the report"), self.tr("Write a comment so the commune knows what to fix.")
            )
            return
        self._runner.run(
            jobs.decide,
            self.details.report.id,
            False,
            comment,
            on_success=self._on_decided,
            on_failure=self._on_failed,
            context=self,
        )

    def _on_decided(self, report: Any) -> None:
        self.decided.emit(report)
        self.open_report(report.id)

    def _on_failed(self, exc: Any) -> None:
        self._prompter.error(exc)

    @Slot()
    def _on_feedback_clicked(self) -> None:
        if self.details is None:
            return
        folder = self._prompter.choose_folder(self.tr("Where to write the feedback package"))
        if folder is None:
            return
        self._runner.run(
            jobs.export_feedback,
            Path(folder),
            self.details.report.unit_code,
            on_success=self._on_feedback_written,
            on_failure=self._on_failed,
            context=self,
        )

    def _on_feedback_written(self, written: list[Any]) -> None:
        paths = "\n".join(str(w.path) for w in written)
        self._prompter.info(
            self.tr("Feedback written"), self.tr("Give this file to the commune:\n%1").replace("%1", paths)
        )


def _day(iso_text: str | None) -> str:
    """dd/mm/yyyy in Vietnam time, or ""."""
    if not iso_text:
        return ""
    return format_date(local_date(parse_iso(iso_text)))
