"""A first-time user's first real report, counted: from the wizard's first screen to a
package written to a folder, in the real main window — once with the mouse, once with the
keyboard only.

What is counted is every action that is not typing: a click, a key that is not text (Enter,
Tab to reach a control, a shortcut), the answer to a message box, the choice of a folder.
Typing a field's value is one action of its own, not counted here (the figures are the
official's job; their count depends on the form, not on the program). So are the moves
between the fields while filling them in: the figures go straight into the report, as the
one-stop shop's spreadsheet import would put them.

The budget is 20 (the first test with a new user took 40 around the typing).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

import desktop.qtfixes  # noqa: F401 - before any Qt call
from desktop.app import Application, parse_args
from desktop.i18n import Translations
from desktop.i18n_build import build
from desktop.mainwindow import MainWindow
from desktop.prompter import HeadlessPrompter
from desktop.sign_dialog import Step as SignStep
from desktop.wizard import PageId
from reports.documents.sample import SAMPLE_VALUES
from reports.storage.lifecycle import Status
from tests.gui.helpers import type_text

BUDGET = 20
PASSWORD = "mật-khẩu-2026"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]


@pytest.fixture
def app(
    qtbot: QtBot, qapp: QApplication, tmp_path_factory: pytest.TempPathFactory, data_dir: Path
) -> Iterator[Application]:
    out = tmp_path_factory.mktemp("qm")
    build(out)
    application = Application(
        parse_args(["--data-dir", str(data_dir), "--no-err-windows"]), install_hooks=False
    )
    yield application
    application.shutdown()
    Translations(out).install("en")


class Counter:
    """The user's non-typing actions, each with what it was, for the failure message."""

    def __init__(self, qtbot: QtBot, prompter: HeadlessPrompter | None = None) -> None:
        self.qtbot = qtbot
        self.prompter = prompter
        self.log: list[str] = []

    def click(self, widget: QWidget, what: str, pos: QPoint | None = None) -> None:
        assert widget.isVisible() and widget.isEnabled(), what
        self.log.append(f"click {what}")
        if pos is None:
            self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
        else:
            self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)

    def key(
        self,
        widget: QWidget,
        key: Qt.Key,
        what: str,
        modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
    ) -> None:
        self.log.append(f"key {what}")
        self.qtbot.keyClick(widget, key, modifier)

    def answers(self, *answers: object) -> None:
        """Message boxes and file choosers: each one answered is an action."""
        assert self.prompter is not None
        self.prompter.queue(*answers)

    def total(self) -> int:
        modal = len(self.prompter.calls) if self.prompter is not None else 0
        return len(self.log) + modal

    def report(self) -> str:
        modal = [f"{c.kind}: {c.title}" for c in self.prompter.calls] if self.prompter else []
        return "\n".join(self.log + modal)


def mnemonic(button: QPushButton) -> Qt.Key:
    """The Alt+letter of a button, from its (translated) text."""
    text = button.text()
    index = text.index("&")
    return Qt.Key(ord(text[index + 1].upper()))


def fill_the_figures(app: Application, window: MainWindow, qtbot: QtBot) -> int:
    editor = window.editor
    qtbot.waitUntil(lambda: editor.report is not None, timeout=20_000)
    report_id = editor.report.id  # type: ignore[union-attr]
    assert editor.report.status is Status.DRAFT  # type: ignore[union-attr]
    app.runner.call(lambda ws: ws.store.set_values(report_id, dict(SAMPLE_VALUES)))
    window.open_report(report_id)
    qtbot.waitUntil(lambda: editor.report is not None and bool(editor.report.values), timeout=20_000)
    return report_id


def status(app: Application, report_id: int) -> Status:
    return app.runner.call(lambda ws: ws.store.get(report_id).status)  # type: ignore[no-any-return]


def test_the_first_report_with_the_mouse(qtbot: QtBot, app: Application, tmp_path: Path) -> None:
    usb = tmp_path / "USB"
    usb.mkdir()
    assert app.build()
    wizard = app.wizard
    assert wizard is not None
    qtbot.waitUntil(lambda: wizard.catalog is not None, timeout=20_000)
    prompter = app.prompter
    assert isinstance(prompter, HeadlessPrompter)
    act = Counter(qtbot, prompter)
    next_button = wizard.button(wizard.WizardButton.NextButton)

    act.click(next_button, "Tiếp theo (chào mừng)")
    act.click(next_button, "Tiếp theo (xã hay Sở)")
    assert wizard.currentId() == PageId.UNIT
    picker = wizard.unit_page.picker
    type_text(picker.search_edit, "tan phu")
    row = next(i for i, c in enumerate(picker.result_communes()) if c.province_name == "Tỉnh Đồng Nai")
    rect = picker.results.visualItemRect(picker.results.item(row))
    act.click(picker.results.viewport(), "xã Tân Phú, Đồng Nai", rect.center())
    act.click(next_button, "Tiếp theo (đơn vị)")
    type_text(wizard.people_page.preparer_name_edit, "Nguyễn Thị Lan")
    type_text(wizard.people_page.signer_name_edit, "Trần Văn Bình")
    act.click(next_button, "Tiếp theo (người ký)")
    act.click(next_button, "Tiếp theo (cách ký)")
    assert wizard.currentId() == PageId.SUMMARY
    act.click(wizard.button(wizard.WizardButton.FinishButton), "Hoàn tất")
    qtbot.waitUntil(lambda: app.window is not None, timeout=30_000)
    window = app.window
    assert window is not None
    window.show()
    wizard_actions = act.total()

    qtbot.waitUntil(lambda: window.report_list.create_button.isEnabled())
    act.click(window.report_list.create_button, "Tạo báo cáo kỳ này")
    report_id = fill_the_figures(app, window, qtbot)
    header = window.editor.header
    qtbot.waitUntil(lambda: header.finalize_button.isVisible())

    act.click(header.check_button, "Kiểm tra")
    assert not [p for p in window.editor.problems() if p.blocks_finalising]
    act.answers(True, True)  # "Hoàn thành?" yes; "Ký số ngay?" yes
    act.click(header.finalize_button, "Hoàn thành báo cáo")
    qtbot.waitUntil(lambda: window.sign_dialog is not None, timeout=20_000)
    dialog = window.sign_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: not dialog.busy and dialog.step is SignStep.CREATE, timeout=20_000)
    type_text(dialog.password_edit, PASSWORD)
    type_text(dialog.repeat_edit, PASSWORD)
    act.click(dialog.create_button, "Tạo chứng thư và ký")
    qtbot.waitUntil(lambda: dialog.step is SignStep.DONE, timeout=60_000)
    act.answers(usb, False)  # the folder; then "Đóng" on the result
    with qtbot.waitSignal(window.send_receive.exported, timeout=60_000) as exported:
        act.click(dialog.send_button, "Gửi ngay")
    path = Path(exported.args[0].path)
    qtbot.waitUntil(lambda: "inform" in prompter.kinds())

    assert path.parent == usb and path.is_file()
    assert status(app, report_id) is not Status.DRAFT
    news = prompter.last("inform")
    assert str(usb) in news.text and path.name in news.text
    print(f"{act.total()} actions:\n{act.report()}")  # shown with -s: the numbers in the notes
    assert act.total() <= BUDGET, act.report()
    assert wizard_actions <= 8, act.report()


def test_the_first_report_with_the_keyboard_only(qtbot: QtBot, app: Application, tmp_path: Path) -> None:
    usb = tmp_path / "USB"
    usb.mkdir()
    assert app.build()
    wizard = app.wizard
    assert wizard is not None
    qtbot.waitUntil(lambda: wizard.catalog is not None, timeout=20_000)
    prompter = app.prompter
    assert isinstance(prompter, HeadlessPrompter)
    act = Counter(qtbot, prompter)

    def enter(what: str) -> None:
        act.key(QApplication.focusWidget() or wizard, Qt.Key.Key_Return, what)

    wizard.activateWindow()
    enter("Enter (chào mừng)")
    enter("Enter (xã hay Sở)")
    assert wizard.currentId() == PageId.UNIT
    picker = wizard.unit_page.picker
    qtbot.waitUntil(lambda: wizard.focusWidget() is picker.province_combo)  # the page opens on the province
    province = picker.province_combo.findText("Tỉnh Đồng Nai")
    type_text(picker.province_combo, "Tỉnh Đồng Nai")  # the list finds what is typed
    assert picker.province_combo.currentIndex() == province
    act.key(picker.province_combo, Qt.Key.Key_Tab, "Tab to the search")
    type_text(picker.search_edit, "tan phu")
    assert picker.commune() is not None and picker.commune().name == "Xã Tân Phú"  # type: ignore[union-attr]
    enter("Enter (đơn vị)")
    type_text(wizard.people_page.preparer_name_edit, "Nguyễn Thị Lan")
    type_text(wizard.people_page.signer_name_edit, "Trần Văn Bình")
    enter("Enter (người ký)")
    enter("Enter (cách ký)")
    assert wizard.currentId() == PageId.SUMMARY
    enter("Enter (Hoàn tất)")
    qtbot.waitUntil(lambda: app.window is not None, timeout=30_000)
    window = app.window
    assert window is not None
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)

    qtbot.waitUntil(lambda: window.report_list.create_button.isEnabled())
    act.key(window.report_list.table, Qt.Key.Key_N, "Ctrl+N", Qt.KeyboardModifier.ControlModifier)
    report_id = fill_the_figures(app, window, qtbot)
    editor = window.editor
    header = editor.header
    qtbot.waitUntil(lambda: header.finalize_button.isVisible())
    assert QApplication.activeWindow() is window  # the report's fields took no activation
    editor.section_list.setFocus()

    act.key(editor.section_list, Qt.Key.Key_F7, "F7 (kiểm tra)")
    assert window.focusWidget() is editor.check_panel.list
    act.answers(True, True)  # Enter on "Hoàn thành?"; Enter on "Ký số ngay?"
    act.key(
        editor.check_panel.list,
        mnemonic(header.finalize_button),
        "Alt+… Hoàn thành",
        Qt.KeyboardModifier.AltModifier,
    )
    qtbot.waitUntil(lambda: window.sign_dialog is not None, timeout=20_000)
    dialog = window.sign_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: not dialog.busy and dialog.step is SignStep.CREATE, timeout=20_000)
    assert dialog.focusWidget() is dialog.password_edit
    type_text(dialog.password_edit, PASSWORD)
    type_text(dialog.repeat_edit, PASSWORD)
    act.key(dialog.repeat_edit, Qt.Key.Key_Return, "Enter (tạo chứng thư và ký)")
    qtbot.waitUntil(lambda: dialog.step is SignStep.DONE, timeout=60_000)
    assert dialog.focusWidget() is dialog.send_button and dialog.send_button.isDefault()
    act.answers(usb, False)  # the folder; then Escape on the result
    with qtbot.waitSignal(window.send_receive.exported, timeout=60_000) as exported:
        act.key(dialog.send_button, Qt.Key.Key_Return, "Enter (gửi ngay)")
    path = Path(exported.args[0].path)
    qtbot.waitUntil(lambda: "inform" in prompter.kinds())

    assert path.parent == usb and path.is_file()
    assert status(app, report_id) is not Status.DRAFT
    print(f"{act.total()} actions:\n{act.report()}")  # shown with -s: the numbers in the notes
    assert act.total() <= BUDGET, act.report()
