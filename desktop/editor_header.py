"""The editor's header: what the report is, its state, what can be done with it, and the
banner that says why it cannot be edited (finalised, signed, returned, superseded).

It shows; it decides nothing. The editor tells it the report and connects its buttons."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.appearance import repolish, set_font_scale, status_colours
from desktop.editor_jobs import EditorState
from desktop.step_bar import StepBar
from forms.numbers import format_date
from reports.clock import VIETNAM, parse_iso
from reports.storage.lifecycle import AMENDABLE, Status
from reports.storage.store import Report


class TitleLabel(QLabel):
    """The report's title on two lines at most: the period and a revision whole, the form's
    name shortened at its end where it does not fit, the whole title in the tooltip. With
    large text on a 1280×720 screen at 125 % it took four lines and squeezed the check
    panel's buttons."""

    def __init__(self) -> None:
        super().__init__()
        self._parts = ("", "", "")
        self.setWordWrap(True)

    def set_title(self, head: str, name: str, tail: str = "") -> None:
        self._parts = (head, name, tail)
        self.setToolTip(head + name + tail)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        head, name, tail = self._parts
        fm = self.fontMetrics()
        budget = 2 * self.width() - 6 * fm.averageCharWidth()  # two lines, less where words wrap
        room = budget - fm.horizontalAdvance(head + tail)
        shown = fm.elidedText(name, Qt.TextElideMode.ElideRight, room) if room > 0 else ""
        text = head + shown + tail if shown else head.rstrip(": ") + tail
        if text != self.text():
            self.setText(text)


class EditorHeader(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.back_button = QPushButton(self.tr("← &Reports"))
        self.back_button.setToolTip(self.tr("Back to the list of reports (Alt+Left)"))
        self.title_label = TitleLabel()
        set_font_scale(self.title_label, 1.25, bold=True)
        self.status_label = QLabel()
        self.deadline_label = QLabel()
        self.deadline_label.setProperty("role", "muted")
        self.saved_label = QLabel()
        self.saved_label.setObjectName("SavedLabel")
        # Both may wrap onto two lines: on a narrow screen (English, 125 %) they made the
        # header wider than the window.
        self.deadline_label.setWordWrap(True)
        self.saved_label.setWordWrap(True)
        self.undo_button = QPushButton(self.tr("Undo"))
        self.redo_button = QPushButton(self.tr("Redo"))
        # Not a toggle: pressed with the panel open it used to hide the results without a word.
        self.check_button = QPushButton(self.tr("Chec&k (F7)"))
        self.check_button.setToolTip(self.tr("Check every rule and list what is left to do."))
        self.finalize_button = QPushButton(self.tr("&Finalise"))
        self.finalize_button.setProperty("primary", True)
        self.finalize_button.setToolTip(
            self.tr("Checks every rule and marks the report as finished, ready to sign.")
        )
        self.reopen_button = QPushButton(self.tr("Re&open for editing"))
        self.amend_button = QPushButton(self.tr("&Make an amended revision"))
        self.preview_button = QPushButton(self.tr("Pre&view"))
        self.preview_button.setToolTip(self.tr("The report as it will be printed (PDF)."))
        self.sign_button = QPushButton(self.tr("Si&gn digitally…"))
        self.sign_button.setProperty("primary", True)
        self.sign_button.setToolTip(
            self.tr("Sign the finalised report with the chairman's digital signature.")
        )
        self.send_button = QPushButton(self.tr("Sen&d…"))
        self.send_button.setProperty("primary", True)
        self.send_button.setToolTip(
            self.tr("Send the signed report: through the outbox, or as a file on a USB stick or in a folder.")
        )
        self.step_bar = StepBar()

        # Two rows: what the report is, then its state and what can be done with it. Button
        # texts are long in Vietnamese; the title gets a row of its own so it is never squeezed.
        title_row = QHBoxLayout()
        title_row.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignVCenter)
        title_row.addSpacing(8)
        title_row.addWidget(self.title_label, 1)
        # Undo and redo up here: in the row below they made the header wider than a
        # 1280×720 screen at 125 % in English.
        title_row.addWidget(self.undo_button, 0, Qt.AlignmentFlag.AlignVCenter)
        title_row.addWidget(self.redo_button, 0, Qt.AlignmentFlag.AlignVCenter)
        title_row.addWidget(self.preview_button, 0, Qt.AlignmentFlag.AlignVCenter)
        # The state beside the steps, the buttons on a row of their own: together they made
        # the header wider than a 1280×720 screen at 125 % in English.
        step_row = QHBoxLayout()
        step_row.addWidget(self.step_bar, 1)
        self.action_row = QHBoxLayout()
        self.action_row.addWidget(self.status_label)
        self.action_row.addSpacing(8)
        self.action_row.addWidget(self.deadline_label, 1)
        self.action_row.addSpacing(8)
        self.action_row.addWidget(self.saved_label, 1)
        for b in (
            self.check_button,
            self.reopen_button,
            self.amend_button,
            self.finalize_button,
            self.sign_button,
            self.send_button,
        ):
            self.action_row.addWidget(b)

        self.banner = QFrame()
        self.banner_label = QLabel()
        self.banner_label.setWordWrap(True)
        self.banner_label.setTextFormat(Qt.TextFormat.PlainText)
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.setContentsMargins(12, 8, 12, 8)
        banner_layout.addWidget(self.banner_label, 1)
        self.banner.setVisible(False)

        self.rows = QVBoxLayout(self)
        self.rows.setContentsMargins(0, 0, 0, 0)
        self.rows.setSpacing(6)
        self.rows.addLayout(title_row)
        self.rows.addLayout(step_row)
        self.rows.addLayout(self.action_row)
        self.rows.addWidget(self.banner)

    # ------------------------------------------------------------ showing

    def show_report(self, state: EditorState, report: Report, lang: str) -> None:
        """Title, state, deadline, the buttons that apply, and the banner."""
        period = report.period.label(lang)
        name = (state.definition.title_en or state.definition.title) if lang == "en" else state.definition.title
        head, _, _ = self.tr("%1: %2").replace("%1", period[:1].upper() + period[1:]).partition("%2")
        tail = " " + self.tr("(revision %1)").replace("%1", str(report.revision)) if report.revision > 1 else ""
        self.title_label.set_title(head, name, tail)
        bg, fg = status_colours(report.status)
        self.status_label.setText(report.status.label_en if lang == "en" else report.status.label_vi)
        self.status_label.setStyleSheet(
            f"background: {bg.name()}; color: {fg.name()}; border-radius: 4px; font-weight: bold; padding: 2px 8px;"
        )
        deadline = self.tr("Deadline: %1").replace("%1", format_date(state.deadline))
        if state.late and report.status in (Status.DRAFT, Status.FINAL, Status.SIGNED, Status.EXPORTED):
            deadline += " " + self.tr("(overdue)")
        self.deadline_label.setText(deadline)

        latest = state.is_latest
        self.finalize_button.setVisible(report.status is Status.DRAFT)
        self.check_button.setVisible(report.status is Status.DRAFT)  # nothing to check once final
        self.reopen_button.setVisible(report.status is Status.FINAL and latest)
        self.sign_button.setVisible(report.status is Status.FINAL and latest)
        self.send_button.setVisible(report.status is Status.SIGNED and latest)
        self.amend_button.setVisible(
            report.status in AMENDABLE and report.status is not Status.FINAL and latest
        )
        # The big blue button is the next step; "make an amendment" is that only for a
        # returned report (in a signed one it was pressed by mistake).
        returned = report.status is Status.RETURNED
        if bool(self.amend_button.property("primary")) != returned:
            self.amend_button.setProperty("primary", returned)
            repolish(self.amend_button)
        editable = report.editable
        self.undo_button.setVisible(editable)
        self.redo_button.setVisible(editable)
        self._show_banner(report, latest, lang)

    def _show_banner(self, report: Report, latest: bool, lang: str) -> None:
        text, kind = "", ""
        if report.status is Status.RETURNED:
            text = self.tr(
                "The reviewing office returned this report. Their comment:\n%1\n\nPress “Make an amended "
                "revision” to correct it and send it again."
            ).replace("%1", report.decision_comment or "—")
            kind = "returned"
        elif report.status is Status.DRAFT and report.decision_comment:
            text = self.tr(
                "The reviewing office returned the previous revision with this comment:\n%1"
            ).replace("%1", report.decision_comment)
            kind = "returned"
        elif report.status is Status.FINAL:
            text = self.tr(
                "This report is finalised and can no longer be edited. To change it before it is "
                "signed, press “Reopen for editing”."
            )
            kind = "readonly"
        elif report.status is not Status.DRAFT:  # signed, exported, sent, received, accepted
            text = self.tr(
                "This report is “%1” and can no longer be edited. To change it, make an amended "
                "revision; this one is kept as it is."
            ).replace("%1", report.status.label_en if lang == "en" else report.status.label_vi)
            kind = "readonly"
        if not latest:
            text = self.tr("A newer revision of this report exists; this one is kept for the record.")
            kind = "readonly"
        self.banner.setVisible(bool(text))
        self.banner_label.setText(text)
        if self.banner.property("banner") != kind:
            self.banner.setProperty("banner", kind)
            repolish(self.banner)

    def show_saved(self, report: Report | None, *, bad_labels: list[str], saving: bool) -> None:
        """ "Saved at 10:42", "Saving…" or the fields that are not saved until corrected."""
        if report is None or not report.editable:
            text = ""
        elif bad_labels:
            names = ", ".join(f"«{label}»" for label in bad_labels)
            text = self.tr("Not saved until corrected: %1").replace("%1", names)
        elif saving:
            text = self.tr("Saving…")
        else:
            saved = parse_iso(report.updated_at).astimezone(VIETNAM)
            today = dt.datetime.now(VIETNAM).date()
            if saved.date() == today:
                text = self.tr("Saved at %1").replace("%1", saved.strftime("%H:%M"))
            else:
                text = (
                    self.tr("Saved at %1 on %2")
                    .replace("%1", saved.strftime("%H:%M"))
                    .replace("%2", format_date(saved.date()))
                )
        self.saved_label.setText(text)
        role = "error" if bad_labels and report is not None and report.editable else ""
        if self.saved_label.property("role") != role:
            self.saved_label.setProperty("role", role)
            repolish(self.saved_label)

    def save_now_text(self, *, read_only: bool, bad_labels: list[str]) -> str:
        """What Ctrl+S says: everything is saved as it is typed."""
        if read_only:
            return self.tr("Nothing to save: this report can no longer be edited.")
        if bad_labels:
            return self.tr("Everything is saved except the fields that are not correct yet: %1").replace(
                "%1", ", ".join(f"«{label}»" for label in bad_labels)
            )
        return self.tr("Everything you type is saved automatically; there is no need to press Ctrl+S.")

    def set_undo_state(self, can_undo: bool, can_redo: bool) -> None:
        self.undo_button.setEnabled(can_undo)
        self.redo_button.setEnabled(can_redo)
