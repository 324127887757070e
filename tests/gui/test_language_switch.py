"""Settings → language changes the whole open window at once, and nothing typed is lost."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from desktop.app import Application, parse_args
from desktop.field_inputs import LineInput
from desktop.i18n import Translations
from desktop.mainwindow import MainWindow, Page
from tests.gui.conftest import read_workspace


@pytest.fixture
def started(qtbot: QtBot, commune_dir: Path, draft_id: int, vietnamese: Translations) -> Iterator[Application]:
    vietnamese.install("en")  # the fixture's translators out of the way: the program installs its own
    app = Application(parse_args(["--data-dir", str(commune_dir), "--no-err-windows"]), install_hooks=False)
    try:
        assert app.build()
        yield app
    finally:
        app.shutdown()
        vietnamese.install("vi")


def box(window: MainWindow, field_id: str) -> QLineEdit:
    fi = window.editor.section_stack.inputs[field_id]
    assert isinstance(fi, LineInput)
    return fi.edit


def label(window: MainWindow, field_id: str) -> str:
    for page in window.editor.section_stack.pages.values():
        if field_id in page.rows:
            return page.rows[field_id].label.text()
    raise KeyError(field_id)


def switch_language(qtbot: QtBot, app: Application, lang: str) -> MainWindow:
    old = app.window
    assert isinstance(old, MainWindow)
    old.show_page(Page.SETTINGS)
    page = old.settings_page
    assert page is not None
    qtbot.waitUntil(lambda: page.name_edit.text() != "")
    page.language_combo.setCurrentIndex(page.language_combo.findData(lang))
    page.save_button.click()
    qtbot.waitUntil(lambda: app.window is not old and app.window is not None, timeout=10_000)
    new = app.window
    assert isinstance(new, MainWindow)
    qtbot.waitUntil(lambda: new.editor.report is not None, timeout=10_000)
    return new


def test_the_open_report_changes_language_and_keeps_what_was_typed(
    qtbot: QtBot, started: Application, draft_id: int, commune_dir: Path
) -> None:
    window = started.window
    assert isinstance(window, MainWindow) and started.lang == "vi"
    window.open_report(draft_id)
    qtbot.waitUntil(lambda: window.editor.report is not None)
    editor = window.editor
    editor.section_list.setCurrentRow(2)  # part III
    editor.set_field_text("meetings_held", "7")  # a good value: saved
    editor.set_field_text("tthc_received_total", "12a")  # a typo: never saved, must not be lost
    assert label(window, "tthc_received_total") == "Tổng số hồ sơ tiếp nhận *"
    assert window.nav.item(0).text() == "Báo cáo"

    window = switch_language(qtbot, started, "en")
    assert started.lang == "en"
    qtbot.waitUntil(lambda: box(window, "tthc_received_total").text() == "12a", timeout=10_000)
    # the chrome, the pages, the open form and its messages are English at once
    assert [window.nav.item(i).text() for i in range(window.nav.count())][:3] == ["Reports", "Overview", "Settings"]
    assert window.pages.currentIndex() == Page.SETTINGS  # where the change was made
    assert window.settings_page is not None and window.settings_page.save_button.text() == "&Save settings"
    assert label(window, "tthc_received_total") == "Total files received *"
    assert window.editor.section_list.item(2).text().startswith("III. Administrative procedure reform")
    assert window.editor.section_list.currentRow() == 2  # the part that was open
    assert "not a number" in window.editor.field_message("tthc_received_total")
    assert box(window, "meetings_held").text() == "7"
    ws = read_workspace(commune_dir)
    try:
        assert ws.store.get(draft_id).values == {"meetings_held": 7}
    finally:
        ws.close()

    window = switch_language(qtbot, started, "vi")  # and back
    qtbot.waitUntil(lambda: box(window, "tthc_received_total").text() == "12a", timeout=10_000)
    assert label(window, "tthc_received_total") == "Tổng số hồ sơ tiếp nhận *"
    assert window.nav.item(0).text() == "Báo cáo"
    assert "không phải là số" in window.editor.field_message("tthc_received_total")


def test_the_reviewers_window_changes_language_on_the_same_page(
    qtbot: QtBot, data_dir: Path, vietnamese: Translations
) -> None:
    from desktop.reviewer.window import Page as ReviewerPage
    from desktop.reviewer.window import ReviewerWindow
    from reports.cli.main import main as cchc

    reviewer = [
        "--data-dir", str(data_dir), "init", "--role", "reviewer", "--unit-code", "75",
        "--unit-name", "Sở Nội vụ tỉnh Đồng Nai", "--province", "Tỉnh Đồng Nai",
    ]  # fmt: skip
    assert cchc(reviewer) == 0
    vietnamese.install("en")
    app = Application(parse_args(["--data-dir", str(data_dir), "--no-err-windows"]), install_hooks=False)
    try:
        assert app.build()
        old = app.window
        assert isinstance(old, ReviewerWindow)
        first = old.nav.item(0).text()
        old.nav.setCurrentRow(int(ReviewerPage.SETTINGS))
        page = old.settings_page
        qtbot.waitUntil(lambda: page.name_edit.text() != "")
        page.language_combo.setCurrentIndex(page.language_combo.findData("en"))
        page.save_button.click()
        qtbot.waitUntil(lambda: app.window is not old and app.window is not None, timeout=10_000)
        window = app.window
        assert isinstance(window, ReviewerWindow)
        assert (first, window.nav.item(0).text()) == ("Hộp thư đến", "Inbox")
        assert window.nav.currentRow() == int(ReviewerPage.SETTINGS)
    finally:
        app.shutdown()
        vietnamese.install("vi")


def test_the_undo_history_survives_the_change_of_language(
    qtbot: QtBot, started: Application, draft_id: int, commune_dir: Path
) -> None:
    window = started.window
    assert isinstance(window, MainWindow)
    window.open_report(draft_id)
    qtbot.waitUntil(lambda: window.editor.report is not None)
    editor = window.editor
    editor.set_field_text("meetings_held", "7")
    editor.set_field_text("tasks_planned", "5")
    editor.set_field_text("tasks_completed", "4")
    editor.undo_stack.undo()  # the last step undone before the switch: it stays redoable
    assert box(window, "tasks_completed").text() == ""

    window = switch_language(qtbot, started, "en")
    stack = window.editor.undo_stack
    qtbot.waitUntil(lambda: stack.count() == 3, timeout=10_000)
    assert (stack.index(), stack.canUndo(), stack.canRedo()) == (2, True, True)
    assert [box(window, f).text() for f in ("meetings_held", "tasks_planned", "tasks_completed")] == ["7", "5", ""]
    assert stack.undoText() == "edit “Reform tasks planned for the period”"  # named in the new language
    stack.redo()
    assert box(window, "tasks_completed").text() == "4"
    for _ in range(3):
        stack.undo()
    assert [box(window, f).text() for f in ("meetings_held", "tasks_planned", "tasks_completed")] == ["", "", ""]
    assert not stack.canUndo()
    window.editor.flush()
    qtbot.waitUntil(lambda: read_values(commune_dir, draft_id) == {}, timeout=10_000)


def read_values(commune_dir: Path, report_id: int) -> dict[str, object]:
    ws = read_workspace(commune_dir)
    try:
        return dict(ws.store.get(report_id).values)
    finally:
        ws.close()
