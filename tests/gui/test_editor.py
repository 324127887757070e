"""The report editor: messages beside the fields, autosave into the SQLite file, undo and redo,
suggested text, tables, the keyboard. Finalising and the report's later states:
test_editor_lifecycle.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from desktop.editor import ReportEditor
from desktop.field_inputs import NarrativeInput, TableInput
from desktop.prompter import HeadlessPrompter
from desktop.tasks import TaskRunner
from forms.suggest import suggest_text
from tests.gui.conftest import read_workspace
from tests.gui.editor_support import SAVE_TIMEOUT, line_edit, open_in, stored, wait_saved
from tests.gui.helpers import type_text


def test_a_wrong_value_is_explained_beside_the_field_and_not_saved_until_fixed(
    qtbot: QtBot, editor: ReportEditor, draft_id: int, commune_dir: Path
) -> None:
    open_in(qtbot, editor, draft_id)
    editor.reveal_field("tthc_received_total")
    box = line_edit(editor, "tthc_received_total")
    qtbot.keyClicks(box, "12a")
    message = editor.field_message("tthc_received_total")
    assert "“12a” không phải là số" in message
    assert box.property("state") == "error"
    assert editor.section_state("III") == "error"
    assert editor.header.saved_label.text().startswith("Chưa lưu, cần sửa: «Tổng số hồ sơ tiếp nhận»")
    assert "tthc_received_total" not in editor.autosaver.pending
    qtbot.keyClicks(line_edit(editor, "meetings_held"), "3")  # the rest is saved meanwhile
    wait_saved(qtbot, editor)
    assert stored(commune_dir, draft_id) == {"meetings_held": 3}

    qtbot.keyClick(box, Qt.Key.Key_Backspace)  # "12" is a number
    assert editor.field_message("tthc_received_total") == ""
    assert box.property("state") == ""
    wait_saved(qtbot, editor)
    assert editor.header.saved_label.text().startswith("Đã lưu lúc ")
    assert stored(commune_dir, draft_id) == {"meetings_held": 3, "tthc_received_total": 12}


def test_autosave_writes_to_the_file_within_a_second_without_blocking_typing(
    qtbot: QtBot, editor: ReportEditor, draft_id: int, commune_dir: Path
) -> None:
    open_in(qtbot, editor, draft_id)
    box = line_edit(editor, "tthc_published")
    qtbot.keyClicks(box, "1234")
    assert editor.header.saved_label.text() == "Đang lưu…"
    assert editor.autosaver.pending == {"tthc_published": 1234}  # typing returned at once
    qtbot.waitUntil(lambda: stored(commune_dir, draft_id).get("tthc_published") == 1234, timeout=1500)
    box.editingFinished.emit()
    assert box.text() == "1.234"  # shown the Vietnamese way once the box is left


def test_rule_messages_appear_beside_the_fields_they_concern(
    qtbot: QtBot, editor: ReportEditor, draft_id: int
) -> None:
    open_in(qtbot, editor, draft_id)
    for field, value in (
        ("tthc_received_total", "100"),
        ("tthc_received_direct", "50"),
        ("tthc_carried_over", "0"),
        ("tthc_received_online", "120"),
    ):
        editor.set_field_text(field, value)
    message = editor.field_message("tthc_received_online")  # the field just typed
    assert "Số hồ sơ trực tuyến không thể lớn hơn tổng số hồ sơ tiếp nhận." in message
    assert "Tổng số hồ sơ tiếp nhận phải bằng" in message
    assert line_edit(editor, "tthc_received_total").property("state") == "error"  # also concerned
    problems = editor.check_panel.problems()
    assert {p.rule_id for p in problems if p.level == "error"} == {"received_sum", "online_le_total"}
    editor.set_field_text("tthc_received_online", "50")
    assert editor.field_message("tthc_received_online") == ""
    assert editor.section_state("III") != "error"


def test_the_check_panel_takes_you_to_the_field(qtbot: QtBot, editor: ReportEditor, draft_id: int) -> None:
    open_in(qtbot, editor, draft_id)
    editor.set_field_text("tthc_received_total", "10")
    editor.set_field_text("tthc_received_online", "20")
    editor.section_list.setCurrentRow(0)
    problem = next(p for p in editor.check_panel.problems() if p.rule_id == "online_le_total")
    editor.check_panel.select(problem)
    editor.check_panel.go_button.click()
    assert editor.section_list.currentRow() == 2
    assert editor.focusWidget() is line_edit(editor, problem.field_id)


def test_check_always_shows_the_problems_and_the_step_bar_follows(
    qtbot: QtBot, editor: ReportEditor, draft_id: int
) -> None:
    """ "Kiểm tra (F7)" was a toggle: pressed with the panel open it hid the results."""
    open_in(qtbot, editor, draft_id)
    assert editor.header.step_bar.current == 0  # Nhập số liệu
    for _ in range(2):
        editor.header.check_button.click()
        assert editor.check_panel.isVisibleTo(editor)
        assert editor.check_panel.problems()
    assert editor.header.step_bar.current == 1  # Kiểm tra: problems listed, to fix
    assert editor.header.step_bar.buttons[1].isEnabled() and not editor.header.step_bar.buttons[3].isEnabled()


def test_computed_fields_update_as_you_type(qtbot: QtBot, editor: ReportEditor, draft_id: int) -> None:
    open_in(qtbot, editor, draft_id)
    rate = editor.field_input("tasks_completion_rate")
    assert rate.raw() == "—"
    editor.set_field_text("tasks_planned", "8")
    editor.set_field_text("tasks_completed", "7")
    assert rate.raw() == "87,5%"


def test_undo_and_redo_cover_every_field_and_are_saved(
    qtbot: QtBot, editor: ReportEditor, draft_id: int, commune_dir: Path
) -> None:
    open_in(qtbot, editor, draft_id)
    meetings = line_edit(editor, "meetings_held")
    tasks = line_edit(editor, "tasks_planned")
    qtbot.keyClicks(meetings, "12")  # one step, however many keys
    qtbot.keyClicks(tasks, "5")
    wait_saved(qtbot, editor)
    assert stored(commune_dir, draft_id) == {"meetings_held": 12, "tasks_planned": 5}

    qtbot.keyClick(tasks, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert tasks.text() == ""
    qtbot.keyClick(tasks, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert meetings.text() == ""
    wait_saved(qtbot, editor)
    assert stored(commune_dir, draft_id) == {}

    qtbot.keyClick(meetings, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert meetings.text() == "12"
    editor.header.redo_button.click()
    assert tasks.text() == "5"
    wait_saved(qtbot, editor)
    assert stored(commune_dir, draft_id) == {"meetings_held": 12, "tasks_planned": 5}
    assert not editor.header.redo_button.isEnabled()


def test_vietnamese_text_typed_into_a_narrative_is_saved(
    qtbot: QtBot, editor: ReportEditor, draft_id: int, commune_dir: Path
) -> None:
    open_in(qtbot, editor, draft_id)
    fi = editor.field_input("direction_shortcomings")
    assert isinstance(fi, NarrativeInput)
    type_text(fi.text_edit, "Đường truyền chưa ổn định.")
    wait_saved(qtbot, editor)
    assert stored(commune_dir, draft_id) == {"direction_shortcomings": "Đường truyền chưa ổn định."}


def test_part_viii_offers_a_suggestion_too(qtbot: QtBot, editor: ReportEditor, draft_id: int) -> None:
    open_in(qtbot, editor, draft_id)
    fi = editor.field_input("next_tasks")
    assert isinstance(fi, NarrativeInput) and fi.suggest_button is not None
    for field, value in (("tthc_pending_total", "12"), ("tthc_pending_overdue", "2")):
        editor.set_field_text(field, value)
    fi.suggest_button.click()
    assert "trong đó 2 hồ sơ đã quá hạn" in fi.raw()


def test_suggest_text_drafts_the_paragraph_and_asks_before_replacing(
    qtbot: QtBot, editor: ReportEditor, draft_id: int, prompter: HeadlessPrompter, commune_dir: Path
) -> None:
    open_in(qtbot, editor, draft_id)
    fi = editor.field_input("direction_results")
    assert isinstance(fi, NarrativeInput) and fi.suggest_button is not None
    fi.suggest_button.click()
    assert prompter.last("info").title == "Gợi ý nội dung"  # no figures yet: nothing to draft
    assert fi.raw() == ""

    for field, value in (("meetings_held", "2"), ("tasks_planned", "8"), ("tasks_completed", "7")):
        editor.set_field_text(field, value)
    fi.suggest_button.click()
    assert editor.definition is not None and editor.evaluation is not None
    expected = suggest_text(editor.definition, "direction_results", editor.evaluation.values)
    assert fi.raw() == expected
    assert "tổ chức 2 cuộc họp" in expected and "đạt 87,5%" in expected

    fi.set_raw("Đoạn tôi tự viết.")
    editor.set_field_text("direction_results", "Đoạn tôi tự viết.")
    editor.set_field_text("meetings_held", "3")
    prompter.queue(False)  # "Giữ nội dung của tôi"
    fi.suggest_button.click()
    assert prompter.last("ask_yes_no").text.startswith("Ô này đã có nội dung.")
    assert fi.raw() == "Đoạn tôi tự viết."
    prompter.queue(True)
    fi.suggest_button.click()
    assert "tổ chức 3 cuộc họp" in fi.raw()
    wait_saved(qtbot, editor)
    assert "tổ chức 3 cuộc họp" in str(stored(commune_dir, draft_id)["direction_results"])
    editor.undo_stack.undo()
    assert fi.raw() == "Đoạn tôi tự viết."


def test_a_table_with_rows_added_and_removed(
    qtbot: QtBot, editor: ReportEditor, draft_id: int, commune_dir: Path
) -> None:
    open_in(qtbot, editor, draft_id)
    fi = editor.field_input("tthc_by_domain")
    assert isinstance(fi, TableInput)
    fi.add_button.click()
    fi.table.item(0, 0).setText("Hộ tịch")
    fi.table.item(0, 1).setText("1.200")
    fi.add_button.click()
    fi.table.item(1, 0).setText("Chứng thực")
    fi.table.item(1, 1).setText("30")
    assert "Tiếp nhận: 1.230" in fi.totals_label.text()
    fi.table.setCurrentCell(1, 0)
    fi.remove_button.click()
    wait_saved(qtbot, editor)
    rows = stored(commune_dir, draft_id)["tthc_by_domain"]
    assert rows == [{"domain": "Hộ tịch", "received": 1200, "resolved_on_time": None, "resolved_late": None}]


def test_a_block_copied_from_excel_is_pasted_into_the_table(
    qtbot: QtBot, editor: ReportEditor, draft_id: int, commune_dir: Path
) -> None:
    """Ctrl+V of a spreadsheet's cells fills the table from the current cell, adding rows:
    one action instead of typing each figure."""
    from PySide6.QtWidgets import QApplication

    open_in(qtbot, editor, draft_id)
    fi = editor.field_input("tthc_by_domain")
    assert isinstance(fi, TableInput)
    editor.reveal_field("tthc_by_domain")
    QApplication.clipboard().setText("Hộ tịch\t1.200\t1.150\t2\r\nChứng thực\t30\t30\t0\r\n")
    fi.table.setFocus()
    qtbot.keyClick(fi.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert fi.table.rowCount() == 2
    assert "Tiếp nhận: 1.230" in fi.totals_label.text()
    wait_saved(qtbot, editor)
    rows = stored(commune_dir, draft_id)["tthc_by_domain"]
    assert rows == [
        {"domain": "Hộ tịch", "received": 1200, "resolved_on_time": 1150, "resolved_late": 2},
        {"domain": "Chứng thực", "received": 30, "resolved_on_time": 30, "resolved_late": 0},
    ]
    editor.undo_stack.undo()  # one paste, one undo
    assert fi.table.rowCount() == 0


def test_ctrl_s_says_everything_is_saved(qtbot: QtBot, editor: ReportEditor, draft_id: int) -> None:
    open_in(qtbot, editor, draft_id)
    qtbot.keyClicks(line_edit(editor, "meetings_held"), "2")
    assert editor.save_now() == "Mọi nội dung bạn nhập đều được lưu tự động, không cần bấm Ctrl+S."
    assert not editor.autosaver.pending  # sent at once


def test_the_keyboard_goes_from_the_parts_into_the_fields(
    qtbot: QtBot, editor: ReportEditor, draft_id: int
) -> None:
    open_in(qtbot, editor, draft_id)
    plan = editor.field_input("plan_issued").focus_widget
    assert next_tab_stop(editor.section_list) is plan  # Tab from the parts list: the first field
    editor.section_list.setCurrentRow(2)
    editor.section_list.itemActivated.emit(editor.section_list.currentItem())  # Enter on part III
    assert editor.focusWidget() is line_edit(editor, "tthc_published")
    first_of_iii = line_edit(editor, "tthc_published")
    assert next_tab_stop(first_of_iii) is line_edit(editor, "tthc_received_total")


def next_tab_stop(widget: QWidget) -> QWidget:
    """Where Tab goes from ``widget``: the next visible, enabled widget that takes Tab focus."""
    w = widget.nextInFocusChain()
    while not (w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isVisible() and w.isEnabled()):
        w = w.nextInFocusChain()
    return w


def test_switching_reports_saves_the_edits_to_the_report_they_were_made_in(
    qtbot: QtBot, editor: ReportEditor, draft_id: int, commune_dir: Path, editor_runner: TaskRunner
) -> None:
    ws = read_workspace(commune_dir)
    try:
        other = ws.store.create("2026-10", "cchc-xa").id
    finally:
        ws.close()
    open_in(qtbot, editor, draft_id)
    qtbot.keyClicks(line_edit(editor, "meetings_held"), "4")
    open_in(qtbot, editor, other)  # before the pause in typing has passed
    wait_saved(qtbot, editor)
    editor_runner.wait_idle()
    assert stored(commune_dir, draft_id) == {"meetings_held": 4}
    assert stored(commune_dir, other) == {}


def test_a_full_disk_keeps_the_edits_and_tries_again(
    qtbot: QtBot,
    editor: ReportEditor,
    draft_id: int,
    commune_dir: Path,
    prompter: HeadlessPrompter,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import desktop.autosave
    from desktop import editor_jobs
    from reports.storage.database import DiskFullError

    real_save = editor_jobs.save_values
    calls: list[dict[str, object]] = []

    def flaky_save(ws: object, report_id: int, changes: dict[str, object]) -> object:
        calls.append(dict(changes))
        if len(calls) == 1:
            raise DiskFullError()
        return real_save(ws, report_id, changes)  # type: ignore[arg-type]

    monkeypatch.setattr(editor_jobs, "save_values", flaky_save)
    monkeypatch.setattr(desktop.autosave, "RETRY_MS", 50)
    open_in(qtbot, editor, draft_id)
    qtbot.keyClicks(line_edit(editor, "meetings_held"), "6")
    qtbot.waitUntil(lambda: len(calls) == 2 and not editor.autosaver.has_unsaved, timeout=SAVE_TIMEOUT)
    assert "Ổ đĩa đã đầy" in prompter.last("error").text
    assert stored(commune_dir, draft_id) == {"meetings_held": 6}


def test_a_percentage_says_percent_once(qtbot: QtBot, editor: ReportEditor, draft_id: int) -> None:
    """The completion rate showed "91,7%" and a "%" unit beside it."""
    open_in(qtbot, editor, draft_id)
    editor.set_field_text("tasks_planned", "12")
    editor.set_field_text("tasks_completed", "11")
    row = next(
        page.rows["tasks_completion_rate"]
        for page in editor.section_stack.pages.values()
        if "tasks_completion_rate" in page.rows
    )
    assert row.unit_label.text() == ""
    shown = editor.field_input("tasks_completion_rate").raw()
    assert str(shown).count("%") == 1 and "91,7" in str(shown)


def test_long_texts_and_headings_are_shown_whole(qtbot: QtBot, editor: ReportEditor, draft_id: int) -> None:
    """The plan number showed only its end; the domain table's headings were clipped
    ("Giải quyết quá hạ"); check messages ended in "…"."""
    from PySide6.QtCore import Qt as QtNs

    ws_text = "Kế hoạch số 12/KH-UBND ngày 10/01/2026 của Ủy ban nhân dân xã về cải cách hành chính năm 2026"
    editor.resize(1024, 576)
    open_in(qtbot, editor, draft_id)
    fi = editor.field_input("plan_reference")
    fi.show_value(ws_text)
    assert line_edit(editor, "plan_reference").cursorPosition() == 0
    table = editor.field_input("tthc_by_domain")
    assert isinstance(table, TableInput)
    editor.reveal_field("tthc_by_domain")
    header = table.table.horizontalHeader()
    for column in range(1, table.table.columnCount()):
        text = table.table.horizontalHeaderItem(column).text()
        assert header.sectionSize(column) >= header.fontMetrics().horizontalAdvance(text), text
    assert editor.check_panel.list.textElideMode() == QtNs.TextElideMode.ElideNone


def test_opening_a_report_shows_no_window_of_its_own(qtbot: QtBot, editor: ReportEditor, draft_id: int) -> None:
    """A label made visible before it is in a layout is a window of its own for a moment, and
    takes the activation from the window the user is in: the sign dialog lost its focus when
    the signed report reopened behind it."""
    windows: list[str] = []

    class Watch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if (event.type() is QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow()
                    and watched is not editor):
                windows.append(f"{type(watched).__name__} {getattr(watched, 'text', str)()!r}")
            return False

    watch = Watch()
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(watch)
    try:
        open_in(qtbot, editor, draft_id)
        assert editor.section_stack.pages  # the fields were built while watching
    finally:
        app.removeEventFilter(watch)
    assert windows == []
