"""Figures in bulk in the real editor: a column pasted from Excel into a run of fields, and
Part III filled from the one-stop shop's statistics file through its dialog."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from desktop.editor import ReportEditor
from desktop.field_inputs import LineInput
from desktop.prompter import HeadlessPrompter
from desktop.tasks import TaskRunner
from tests.gui.conftest import open_runner, read_workspace
from tests.gui.editor_support import open_in, stored, wait_saved
from tests.unit.part3_files import FORM06_DOMAINS, FORM06_SUMS, form06_xlsx

RECEIVED = ("tthc_received_total", "tthc_received_online", "tthc_received_direct", "tthc_carried_over")


def box(editor: ReportEditor, field_id: str) -> QLineEdit:
    fi = editor.field_input(field_id)
    assert isinstance(fi, LineInput)
    return fi.edit


def paste(qtbot: QtBot, editor: ReportEditor, field_id: str, text: str) -> None:
    QApplication.clipboard().setText(text)
    editor.reveal_field(field_id, focus=True)
    qtbot.keyClick(box(editor, field_id), Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def test_a_column_copied_from_excel_fills_the_fields_of_the_group(
    qtbot: QtBot, editor: ReportEditor, draft_id: int, commune_dir: Path, prompter: HeadlessPrompter
) -> None:
    open_in(qtbot, editor, draft_id)
    paste(qtbot, editor, "tthc_received_total", "1.234\r\n1.000\r\n200\r\n34\r\n")  # Excel's own line breaks
    assert [box(editor, f).text() for f in RECEIVED] == ["1.234", "1.000", "200", "34"]
    assert box(editor, "tthc_resolved_total").text() == ""  # the next group is left alone
    wait_saved(qtbot, editor)
    assert [stored(commune_dir, draft_id)[f] for f in RECEIVED] == [1234, 1000, 200, 34]
    assert not prompter.calls

    editor.undo_stack.undo()  # one paste, one undo
    assert [box(editor, f).text() for f in RECEIVED] == ["", "", "", ""]
    editor.undo_stack.redo()
    assert box(editor, "tthc_carried_over").text() == "34"

    # A row copied from Excel, started in the middle of the group.
    paste(qtbot, editor, "tthc_received_online", "7\t8")
    assert [box(editor, f).text() for f in RECEIVED] == ["1.234", "7", "8", "34"]
    assert "phải bằng số hồ sơ trực tuyến" in editor.field_message("tthc_received_direct")  # the form's check ran


def test_more_figures_than_fields_are_left_out_with_a_message(
    qtbot: QtBot, editor: ReportEditor, draft_id: int, prompter: HeadlessPrompter
) -> None:
    open_in(qtbot, editor, draft_id)
    paste(qtbot, editor, "tthc_pending_total", "10\n8\n2\n99\n98\n")
    pending = ("tthc_pending_total", "tthc_pending_within", "tthc_pending_overdue")
    assert [box(editor, f).text() for f in pending] == ["10", "8", "2"]
    info = prompter.last("info")
    assert info.title == "Dán số liệu"
    assert info.text == "Đã dán 3 số vào các ô của “Hồ sơ đang giải quyết”; 2 số còn lại không có ô để dán nên đã bỏ qua."
    paste(qtbot, editor, "tthc_resolved_total", "1\t2\n3\t4\n")  # rows and columns: which field is which?
    assert "một cột hoặc một dòng" in prompter.last("warning").text
    assert box(editor, "tthc_resolved_total").text() == ""
    paste(qtbot, editor, "tthc_resolved_total", "")
    QApplication.clipboard().setText("15")  # a plain number pastes into the box as usual
    box(editor, "tthc_resolved_late").setFocus()
    qtbot.keyClick(box(editor, "tthc_resolved_late"), Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert box(editor, "tthc_resolved_late").text() == "15"
    assert box(editor, "tthc_pending_total").text() == "10"


def test_part3_from_the_one_stop_shops_workbook(
    qtbot: QtBot, editor: ReportEditor, draft_id: int, commune_dir: Path, prompter: HeadlessPrompter,
    tmp_path: Path,
) -> None:
    open_in(qtbot, editor, draft_id)
    editor.set_field_text("tthc_received_total", "5")
    button = editor.section_stack.part3_button
    assert button is not None and button.text() == "&Nhập từ tệp thống kê…"
    assert editor.section_stack.pages["III"].isAncestorOf(button)
    prompter.queue(form06_xlsx(tmp_path / "thong-ke.xlsx"))
    button.click()
    qtbot.waitUntil(lambda: editor.intake.dialog is not None and editor.intake.dialog.isVisible())
    dialog = editor.intake.dialog
    assert dialog is not None
    assert "Tệp thong-ke.xlsx, trang tính “Mẫu 06”" in dialog.source_label.text()
    row = dialog.field_ids.index("tthc_pending_overdue")
    assert dialog.grid.item(row, dialog.FIELD).text() == "Hồ sơ đang giải quyết — Trong đó: quá hạn"
    assert dialog.combos["tthc_pending_overdue"].currentText() == "M: Số hồ sơ đang giải quyết / Quá hạn"
    assert dialog.grid.item(dialog.field_ids.index("tthc_received_total"), dialog.VALUE).text() == "1.185"
    assert dialog.grid.item(dialog.field_ids.index("tthc_received_total"), dialog.NOW).text() == "5"
    assert dialog.summary_label.text() == "Cộng 3 dòng của tệp."
    by_domain = dialog.field_ids.index("tthc_by_domain")
    assert dialog.grid.item(by_domain, dialog.FIELD).text() == "Kết quả giải quyết theo lĩnh vực"
    assert dialog.grid.item(by_domain, dialog.VALUE).text() == "3 lĩnh vực"

    first, second = (dialog.combos[f] for f in dialog.field_ids[:2])
    first.setFocus()
    qtbot.keyClick(first, Qt.Key.Key_Tab)  # keyboard only: Tab walks the column lists
    assert second.hasFocus()

    dialog.choose("tthc_resolved_late", 1)  # "Lĩnh vực": words, not figures
    assert not dialog.fill_button.isEnabled()
    assert dialog.summary_label.text().startswith("Ô B7 (cột “Lĩnh vực”) có “Hộ tịch”")
    dialog.choose("tthc_resolved_late", None)
    assert dialog.grid.item(dialog.field_ids.index("tthc_resolved_total"), dialog.VALUE).text() == "1.159"
    dialog.choose("tthc_resolved_late", 9)
    dialog.fill_button.click()
    assert not dialog.isVisible()

    assert box(editor, "tthc_received_total").text() == "1.185"
    assert box(editor, "tthc_pending_overdue").text() == "5"
    wait_saved(qtbot, editor)
    values = stored(commune_dir, draft_id)
    assert {k: values[k] for k in FORM06_SUMS} == FORM06_SUMS
    assert values["tthc_by_domain"] == FORM06_DOMAINS
    ws = read_workspace(commune_dir)
    try:
        qtbot.waitUntil(lambda: ws.settings.get("one_stop_columns") != "")
        assert "tthc_resolved_late=Kết quả giải quyết / Trả quá hạn" in ws.settings.get("one_stop_columns").splitlines()
    finally:
        ws.close()

    editor.undo_stack.undo()  # the whole import is one step
    assert box(editor, "tthc_received_total").text() == "5"
    assert box(editor, "tthc_pending_overdue").text() == ""
    assert editor.field_input("tthc_by_domain").raw() == []


def test_a_file_that_is_no_table_is_explained(
    qtbot: QtBot, editor: ReportEditor, draft_id: int, prompter: HeadlessPrompter, tmp_path: Path
) -> None:
    open_in(qtbot, editor, draft_id)
    letter = tmp_path / "cong-van.csv"
    letter.write_text("Kính gửi Ủy ban nhân dân xã\n", encoding="utf-8")
    prompter.queue(letter)
    assert editor.section_stack.part3_button is not None
    editor.section_stack.part3_button.click()
    qtbot.waitUntil(lambda: "error" in prompter.kinds())
    error = prompter.last("error")
    assert error.title == "Không đọc được tệp"
    assert "không tìm thấy bảng số liệu hồ sơ" in error.text
    assert editor.intake.dialog is None


@pytest.fixture
def english_editor(qtbot: QtBot, qapp: object, commune_dir: Path, prompter: HeadlessPrompter) -> Iterator[ReportEditor]:
    runner: TaskRunner = open_runner(commune_dir)
    e = ReportEditor(runner, prompter, lang="en")
    qtbot.addWidget(e)
    e.resize(1280, 800)
    e.show()
    yield e
    e.flush()
    runner.wait_idle()
    runner.shutdown()


def test_in_english_a_thousands_comma_pastes_the_count_it_means(
    qtbot: QtBot, english_editor: ReportEditor, draft_id: int, commune_dir: Path, prompter: HeadlessPrompter
) -> None:
    editor = english_editor
    open_in(qtbot, editor, draft_id)
    paste(qtbot, editor, "tthc_received_total", "1,234")  # one figure copied from an English Excel
    assert box(editor, "tthc_received_total").text() == "1.234"  # in the program's own notation
    paste(qtbot, editor, "tthc_received_online", "1,000\r\n234\r\n")  # a column, the first with a comma
    assert [box(editor, f).text() for f in RECEIVED[:3]] == ["1.234", "1.000", "234"]
    wait_saved(qtbot, editor)
    assert [stored(commune_dir, draft_id)[f] for f in RECEIVED[:3]] == [1234, 1000, 234]
    assert not prompter.calls

    # "1.234" in English is one point two three four: a count cannot be that, so nothing is pasted.
    paste(qtbot, editor, "tthc_carried_over", "1.234")
    assert box(editor, "tthc_carried_over").text() == ""
    warning = prompter.last("warning")
    assert "“1.234”" in warning.text and "(1234)" in warning.text
    paste(qtbot, editor, "tthc_received_total", "5\n2.5\n")  # one bad figure in a column: none pasted
    assert [box(editor, f).text() for f in RECEIVED[:2]] == ["1.234", "1.000"]
    assert "“2.5”" in prompter.last("warning").text
    wait_saved(qtbot, editor)
    assert stored(commune_dir, draft_id).get("tthc_carried_over") is None


def test_in_vietnamese_a_comma_is_the_decimal_mark_and_a_count_refuses_it(
    qtbot: QtBot, editor: ReportEditor, draft_id: int, commune_dir: Path, prompter: HeadlessPrompter
) -> None:
    open_in(qtbot, editor, draft_id)
    paste(qtbot, editor, "tthc_received_total", "1,234")  # Vietnamese: one point two three four
    assert box(editor, "tthc_received_total").text() == ""
    assert "“1,234”" in prompter.last("warning").text
    paste(qtbot, editor, "tthc_received_total", "1,234,567")  # a number only in English notation
    assert box(editor, "tthc_received_total").text() == "1.234.567"
    wait_saved(qtbot, editor)
    assert stored(commune_dir, draft_id)["tthc_received_total"] == 1234567
