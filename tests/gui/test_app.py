"""The composition root and the main window: start-up, navigation, Ctrl+S, closing, errors."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.app import Application, headless_requested, parse_args
from desktop.i18n import Translations
from desktop.mainwindow import MainWindow, Page
from desktop.prompter import HeadlessPrompter
from reports.cli.main import main as cchc


@pytest.fixture
def started(qtbot: QtBot, sample_dir: Path) -> Iterator[Application]:
    app = Application(parse_args(["--data-dir", str(sample_dir), "--no-err-windows"]), install_hooks=False)
    assert app.build()
    qtbot.waitUntil(lambda: app.window is not None and app.window.report_list.model.rowCount() > 0)
    yield app
    app.shutdown()


def test_arguments() -> None:
    args = parse_args(["--data-dir", "/tmp/x", "--lang", "en", "--no-err-windows"])
    assert (args.data_dir, args.lang, args.no_err_windows) == ("/tmp/x", "en", True)
    assert parse_args([]).lang is None  # the setting decides; it defaults to Vietnamese
    assert headless_requested(parse_args([])) == (os.environ.get("CCHC_NO_ERR_WINDOWS", "") not in ("", "0"))


def test_start_shows_the_main_window_in_vietnamese_with_the_reports(started: Application) -> None:
    window = started.window
    assert isinstance(window, MainWindow) and window.isVisible()
    assert isinstance(started.prompter, HeadlessPrompter)  # --no-err-windows
    assert started.lang == "vi"
    assert window.windowTitle() == "Báo cáo CCHC — Xã Tân Phú"
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == [
        "Báo cáo",
        "Tổng quan",
        "Cài đặt",
        "Hộp thư đi",  # added by the composition root (outbox_page, backup_page, par_page)
        "Sao lưu",
        "Chỉ số CCHC",
    ]
    assert window.report_list.create_button.text() == "&Tạo báo cáo kỳ này"
    assert window.report_list.model.rowCount() == 7
    assert QApplication.font().pointSizeF() == 12.0
    assert started.log_file.parent == started.data_dir / "logs"


def test_navigation_with_the_keyboard(qtbot: QtBot, started: Application) -> None:
    window = started.window
    # (The offscreen platform has no active window, so the window shortcuts are triggered
    # directly; their keys are checked.)
    shortcuts = {a.shortcut().toString(): a for a in window.page_actions}
    assert set(shortcuts) == {"Alt+1", "Alt+2", "Alt+3"}
    shortcuts["Alt+2"].trigger()
    assert window.pages.currentIndex() == Page.OVERVIEW
    shortcuts["Alt+3"].trigger()
    assert window.pages.currentIndex() == Page.SETTINGS
    qtbot.waitUntil(lambda: window.settings_page.name_edit.text() == "Xã Tân Phú")
    shortcuts["Alt+1"].trigger()
    assert window.pages.currentIndex() == Page.REPORTS
    window.nav.setFocus()
    qtbot.keyClick(window.nav, Qt.Key.Key_Down)  # the navigation list works with arrow keys
    assert window.pages.currentIndex() == Page.OVERVIEW


def test_open_a_report_edit_it_and_go_back(qtbot: QtBot, started: Application) -> None:
    window = started.window
    window.report_list.table.selectRow(0)
    report_id = window.report_list.current_row().id
    window.open_report(report_id)
    qtbot.waitUntil(lambda: window.editor.report is not None and window.editor.report.id == report_id)
    assert window.reports_area.currentWidget() is window.editor
    assert window.save_action.shortcut() == QKeySequence("Ctrl+S")
    window.save_action.trigger()
    assert "không sửa được nữa" in window.statusBar().currentMessage()  # a finalised sample report
    window.editor.header.back_button.click()
    assert window.reports_area.currentWidget() is window.report_list
    qtbot.waitUntil(lambda: window.report_list.current_row() is not None)
    assert window.report_list.current_row().id == report_id


def test_closing_waits_for_work_to_finish(qtbot: QtBot, started: Application) -> None:
    window = started.window
    import threading

    gate = threading.Event()
    started.runner.run(lambda _ws: gate.wait(0.3))
    assert started.runner.pending
    window.close()  # waits (up to a few seconds) instead of dropping the work
    assert started.runner.pending == 0
    assert not window.isVisible()
    gate.set()


def test_an_empty_data_folder_starts_the_wizard(qtbot: QtBot, data_dir: Path) -> None:
    app = Application(parse_args(["--data-dir", str(data_dir), "--no-err-windows"]), install_hooks=False)
    try:
        assert app.build()
        assert app.window is None and app.wizard is not None and app.wizard.isVisible()
        app.wizard.welcome_page.sample_radio.setChecked(True)
        app.wizard.accept()
        qtbot.waitUntil(lambda: app.window is not None, timeout=30_000)
        # The sample went into the demo beside the data folder (tests/gui/test_demo_window.py).
        assert app.window.windowTitle() == "Báo cáo CCHC — Xã Tân Phú [DÙNG THỬ — dữ liệu mẫu]"
        assert app.data_dir == data_dir.with_name(data_dir.name + "-demo")
    finally:
        app.shutdown()


def test_english_from_the_settings(qtbot: QtBot, commune_dir: Path, vietnamese: Translations) -> None:
    vietnamese.install("en")  # the fixture's translators out of the way: the program installs its own
    assert cchc(["--data-dir", str(commune_dir), "config", "set", "language", "en"]) == 0
    app = Application(parse_args(["--data-dir", str(commune_dir), "--no-err-windows"]), install_hooks=False)
    try:
        assert app.build()
        assert app.lang == "en"
        assert app.window.report_list.create_button.text() == "&Create this period's report"
    finally:
        app.shutdown()
        vietnamese.install("vi")


def test_a_damaged_database_is_an_explained_refusal(qtbot: QtBot, data_dir: Path) -> None:
    (data_dir / "cchc.sqlite3").write_bytes(b"this is not a database" * 100)
    app = Application(parse_args(["--data-dir", str(data_dir), "--no-err-windows"]), install_hooks=False)
    try:
        assert app.build() is False
        error = app.prompter.last("error")
        assert error.title == "Không mở được dữ liệu"
        assert "bị hỏng" in error.text and "sao lưu" in error.text
    finally:
        app.shutdown()


def test_an_earlier_hard_crash_is_reported_at_start(qtbot: QtBot, sample_dir: Path) -> None:
    logs = sample_dir / "logs"
    logs.mkdir(exist_ok=True)
    (logs / "crash.log").write_text("Fatal Python error: Segmentation fault\n", encoding="utf-8")
    app = Application(parse_args(["--data-dir", str(sample_dir), "--no-err-windows"]), install_hooks=False)
    try:
        assert app.build()
        warning = app.prompter.last("warning")
        assert warning.title == "Lần trước chương trình bị dừng đột ngột"
        assert str(logs) in warning.text and "crash-" in warning.text
        assert app.window is not None  # and the program carries on
    finally:
        app.shutdown()


def test_the_commune_window_warns_when_the_clock_is_behind(qtbot: QtBot, tmp_path: Path) -> None:
    import datetime as dt

    from reports.workspace import Workspace
    from tests.unit.sync_world import commune_unit

    future = dt.datetime.now(dt.UTC) + dt.timedelta(days=20)  # saved when the clock was right
    ws = Workspace.open(tmp_path / "xa", clock=lambda: future)
    ws.initialise(commune_unit("26116", "Xã Tân Phú"))
    ws.store.create("2026-11", "cchc-xa")
    ws.close()
    app = Application(parse_args(["--data-dir", str(tmp_path / "xa"), "--no-err-windows"]), install_hooks=False)
    try:
        assert app.build()
        assert isinstance(app.prompter, HeadlessPrompter)
        qtbot.waitUntil(lambda: "warning" in app.prompter.kinds(), timeout=10_000)
        warning = app.prompter.last("warning")
        assert warning.title == "Kiểm tra đồng hồ máy tính" and "đồng hồ" in warning.text and "Windows" in warning.text
    finally:
        app.shutdown()
