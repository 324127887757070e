"""The prompter: a headless path for every question, and real dialogs with Vietnamese buttons."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QListView,
    QMessageBox,
    QPushButton,
)
from pytestqt.qtbot import QtBot

from desktop.prompter import HeadlessPrompter, NoAnswerError, QtPrompter
from desktop.prompter_dialogs import TextInputDialog, folder_dialog
from reports.errors import UsageError


def test_headless_records_every_call_and_answers_from_its_queue() -> None:
    p = HeadlessPrompter(["yes please", True, "/tmp/a.p12", ["/tmp/x.zip", "/tmp/y.zip"]])
    p.info("Tiêu đề", "Thông tin")
    assert p.ask_text("Ghi chú", "Vì sao?") == "yes please"
    assert p.ask_yes_no("Hỏi", "Có không?") is True
    assert p.open_file("Chọn tệp") == Path("/tmp/a.p12")
    assert p.open_files("Chọn các tệp") == [Path("/tmp/x.zip"), Path("/tmp/y.zip")]
    p.error(UsageError(detail="Sai rồi", detail_en="Wrong"))
    p.show_folder(Path("/tmp"))
    assert p.kinds() == ["info", "ask_text", "ask_yes_no", "open_file", "open_files", "error", "show_folder"]
    assert p.last("error").text == "Sai rồi"
    assert p.unused_answers == []


def test_headless_errors_use_the_prompters_language() -> None:
    p = HeadlessPrompter(lang="en")
    p.error(UsageError(detail="Sai rồi", detail_en="Wrong"))
    p.error("plain text")
    assert [c.text for c in p.calls] == ["Wrong", "plain text"]


def test_headless_defaults_when_nothing_is_scripted() -> None:
    p = HeadlessPrompter()
    assert p.ask_yes_no("?", "?", default=True) is True
    assert p.ask_yes_no("?", "?") is False
    assert p.ask_text("?", "?") is None
    assert p.save_file("?") is None
    assert p.choose_folder("?") is None
    assert p.open_files("?") == []


def test_a_strict_headless_prompter_refuses_an_unscripted_question() -> None:
    p = HeadlessPrompter(strict=True)
    p.warning("Chú ý", "Chỉ là thông báo")  # messages need no answer
    with pytest.raises(NoAnswerError):
        p.ask_yes_no("Xóa?", "Xóa báo cáo này?")
    assert p.kinds() == ["warning", "ask_yes_no"]


def _shown_dialog() -> QDialog | None:
    return next((w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()), None)


def _click_when_shown(qtbot: QtBot, text: str, seen: list[list[str]]) -> None:
    def click() -> None:
        box = _shown_dialog()
        if box is None:
            QTimer.singleShot(10, click)
            return
        buttons = box.findChildren(QPushButton)
        seen.append([b.text() for b in buttons])
        match = [b for b in buttons if b.text() == text]
        (match[0] if match else buttons[0]).click()

    QTimer.singleShot(0, click)


def test_real_questions_have_vietnamese_buttons(qtbot: QtBot) -> None:
    p = QtPrompter("vi")
    seen: list[list[str]] = []
    _click_when_shown(qtbot, "Có", seen)
    assert p.ask_yes_no("Hỏi", "Tạo báo cáo?") is True
    _click_when_shown(qtbot, "Không", seen)
    assert p.ask_yes_no("Hỏi", "Tạo báo cáo?") is False
    _click_when_shown(qtbot, "Đồng ý", seen)
    p.error(UsageError(detail="Sai rồi", detail_en="Wrong"))
    assert sorted(seen[0]) == ["Có", "Không"]
    assert seen[2] == ["Đồng ý"]


def test_a_real_error_box_shows_the_message_in_the_prompters_language(qtbot: QtBot) -> None:
    texts: list[str] = []

    def read_and_close() -> None:
        box = _shown_dialog()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, read_and_close)
            return
        texts.append(box.text())
        box.accept()

    QTimer.singleShot(0, read_and_close)
    QtPrompter("vi").error(UsageError(detail="Ổ đĩa đầy", detail_en="Disk full"))
    assert texts == ["Ổ đĩa đầy"]


def test_text_input_dialog_has_vietnamese_buttons_and_returns_the_text(qtbot: QtBot) -> None:
    dialog = TextInputDialog("Ghi chú", "Lý do:", text="ban đầu")
    qtbot.addWidget(dialog)
    buttons = sorted(b.text() for b in dialog.findChildren(QPushButton))
    assert buttons == ["Hủy", "Đồng ý"]
    assert dialog.text() == "ban đầu"
    edit = dialog.findChild(QLineEdit)
    assert edit is not None
    edit.setText("số liệu đúng")
    assert dialog.text() == "số liệu đúng"


# The pop-up list asks the offscreen platform to raise it and grab the keyboard: the test
# platform talking, not the program.
@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")
def test_one_click_on_choose_chooses_the_typed_folder(qtbot: QtBot, tmp_path: Path) -> None:
    # Issue 16: after typing a path, the first click on "Choose" only closed the completion
    # list. The click goes through the window, as a user's does, so a pop-up would eat it.
    (tmp_path / "usb").mkdir()
    (tmp_path / "usb2").mkdir()
    dialog = folder_dialog(None, "Chọn thư mục", str(tmp_path))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    line = dialog.findChild(QLineEdit, "fileNameEdit")
    assert line is not None
    line.setFocus()
    files = dialog.findChild(QListView, "listView")
    assert files is not None
    # The dialog lists the folder in the background; completion needs the listing.
    qtbot.waitUntil(lambda: files.model().rowCount(files.rootIndex()) == 2)
    QTest.keyClicks(line, "usb")  # "usb" and "usb2" are offered in a pop-up list
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)  # the completion list
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    choose = box.button(QDialogButtonBox.StandardButton.Open)
    window = dialog.windowHandle()
    assert window is not None
    QTest.mouseClick(
        window,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        choose.mapTo(dialog, choose.rect().center()),
    )
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert [Path(p) for p in dialog.selectedFiles()] == [tmp_path / "usb"]
