"""The editor through a report's life: finalising refuses and lists what is missing, or
finalises after a confirmed warning; a finalised report opens read-only and can be reopened;
a sent one offers an amended revision; a returned one shows the reviewer's comment."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.editor import ReportEditor
from desktop.field_inputs import NarrativeInput
from desktop.prompter import HeadlessPrompter
from reports.storage.lifecycle import Status
from tests.gui.conftest import read_workspace
from tests.gui.editor_support import line_edit, open_in


def test_finalising_refuses_and_lists_what_is_missing(
    qtbot: QtBot, editor: ReportEditor, draft_id: int, prompter: HeadlessPrompter
) -> None:
    open_in(qtbot, editor, draft_id)
    editor.header.finalize_button.click()
    error = prompter.last("error")
    assert error.title == "Chưa hoàn thành được"
    assert "Chưa nhập «Tổng số hồ sơ tiếp nhận»" in error.text
    assert editor.field_message("plan_issued").startswith("⚠ Chưa nhập «Đã ban hành kế hoạch CCHC năm»")
    assert editor.report is not None and editor.report.status is Status.DRAFT
    assert editor.section_state("I") == "empty"  # not wrong, only not finished
    editor.set_field_text("tasks_planned", "-1")
    assert editor.section_state("I") == "error"


@pytest.fixture
def finished(sample_dir: Path) -> tuple[int, int]:
    """A finalised sample report (id) and a draft made from the newest one."""
    ws = read_workspace(sample_dir)
    try:
        reports = [r for r in ws.store.list() if r.form_id == "cchc-xa"]
        return reports[-1].id, reports[0].id
    finally:
        ws.close()


def test_a_finalised_report_opens_read_only_and_can_be_reopened(
    qtbot: QtBot,
    editor: ReportEditor,
    finished: tuple[int, int],
    prompter: HeadlessPrompter,
    sample_dir: Path,
) -> None:
    report_id = finished[1]
    open_in(qtbot, editor, report_id)
    assert editor.read_only
    assert line_edit(editor, "meetings_held").isReadOnly()
    narrative = editor.field_input("direction_results")
    assert isinstance(narrative, NarrativeInput) and narrative.text_edit.isReadOnly()
    assert narrative.suggest_button is not None and narrative.suggest_button.isHidden()
    assert not editor.header.finalize_button.isVisibleTo(editor)
    assert editor.header.reopen_button.isVisibleTo(editor)
    assert "không sửa được nữa" in editor.header.banner_label.text()
    editor.set_field_text("meetings_held", "99")
    assert not editor.autosaver.has_unsaved  # nothing is saved from a read-only report

    prompter.queue(True)
    editor.header.reopen_button.click()
    qtbot.waitUntil(lambda: editor.report is not None and editor.report.status is Status.DRAFT)
    assert not line_edit(editor, "meetings_held").isReadOnly()


def test_a_sent_report_offers_an_amended_revision(
    qtbot: QtBot,
    editor: ReportEditor,
    finished: tuple[int, int],
    prompter: HeadlessPrompter,
    sample_dir: Path,
) -> None:
    report_id = finished[1]
    ws = read_workspace(sample_dir)
    try:
        with ws.db.atomic():
            ws.store.mark_sent([report_id], "package-1")
    finally:
        ws.close()
    open_in(qtbot, editor, report_id)
    assert editor.header.amend_button.isVisibleTo(editor) and not editor.header.reopen_button.isVisibleTo(
        editor
    )
    # Offered, but not as the big blue button: it was pressed by mistake in signed reports.
    assert not editor.header.amend_button.property("primary")
    assert editor.header.step_bar.current == 5  # every step done
    assert "Đã gửi" in editor.header.banner_label.text()
    prompter.queue(True)
    editor.header.amend_button.click()
    qtbot.waitUntil(lambda: editor.report is not None and editor.report.revision == 2)
    assert editor.report.status is Status.DRAFT and not editor.read_only
    assert "(bản sửa đổi lần 2)" in editor.header.title_label.text()


def test_a_returned_report_shows_the_reviewers_comment(
    qtbot: QtBot, editor: ReportEditor, finished: tuple[int, int], sample_dir: Path
) -> None:
    report_id = finished[1]
    ws = read_workspace(sample_dir)
    try:
        with ws.db.atomic():
            ws.store.mark_sent([report_id], "package-1")
        # The reviewer's decision arrives with a feedback package; the core stores it so:
        ws.db.execute(
            "UPDATE reports SET status = 'returned', decision_comment = ? WHERE id = ?",
            ("Số hồ sơ trực tuyến chưa khớp với Cổng dịch vụ công.", report_id),
        )
    finally:
        ws.close()
    open_in(qtbot, editor, report_id)
    assert editor.header.banner.isVisibleTo(editor)
    assert "Số hồ sơ trực tuyến chưa khớp với Cổng dịch vụ công." in editor.header.banner_label.text()
    assert editor.header.banner_label.text().startswith("Cơ quan nhận báo cáo đã trả lại báo cáo này")
    assert editor.header.amend_button.isVisibleTo(editor) and editor.header.amend_button.property("primary")


def test_finalise_after_confirming_a_warning(
    qtbot: QtBot,
    editor: ReportEditor,
    finished: tuple[int, int],
    prompter: HeadlessPrompter,
    sample_dir: Path,
) -> None:
    ws = read_workspace(sample_dir)
    try:
        draft = ws.store.amend(finished[1]).id
    finally:
        ws.close()
    open_in(qtbot, editor, draft)
    total = editor.report.values["tthc_received_total"]  # type: ignore[union-attr]
    # Fewer resolved + pending than received: allowed, but a warning to confirm.
    pending = editor.report.values["tthc_pending_total"]  # type: ignore[union-attr]
    editor.set_field_text("tthc_received_total", str(total + 1))
    editor.set_field_text("tthc_received_direct", str(editor.report.values["tthc_received_direct"] + 1))  # type: ignore[union-attr]
    assert pending is not None
    warning = next(p for p in editor.check_panel.problems() if p.level == "warning")
    assert warning.rule_id == "processed_eq_received"
    editor.header.finalize_button.click()
    assert prompter.last("warning").title == "Có cảnh báo cần xem lại"

    editor.check_panel.select(warning)
    prompter.queue("Có 1 hồ sơ người dân rút lại.")
    editor.check_panel.ack_button.click()
    qtbot.waitUntil(lambda: "processed_eq_received" in (editor.report.acks if editor.report else {}))
    assert any(p.level == "acknowledged" for p in editor.check_panel.problems())

    prompter.queue(True, False)  # "Hoàn thành báo cáo này?"; then "Ký số ngay?" — later
    with qtbot.waitSignal(editor.status_message):
        editor.header.finalize_button.click()
    qtbot.waitUntil(lambda: editor.report is not None and editor.report.status is Status.FINAL)
    assert editor.read_only
    # Finalising offers the next step; the check panel no longer says to finalise.
    assert prompter.last("ask_yes_no").title == "Báo cáo đã hoàn thành"
    assert editor.check_panel.summary.text() == "Không có lỗi nào."
    assert editor.header.step_bar.current == 3  # Ký số
