"""The window's "Dùng thử với dữ liệu mẫu": the demo in a folder of its own, under a banner, and
"Bắt đầu dùng thật" back to the real first-run wizard with nothing carried over.

Driven through the real composition root (desktop.app.Application) with a scripted prompter;
the folders are checked on disk.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from pytestqt.qtbot import QtBot

from desktop.app import Application, parse_args
from desktop.demo_banner import DemoBanner
from desktop.mainwindow import MainWindow
from desktop.prompter import HeadlessPrompter
from reports.paths import DataPaths


def units_in(folder: Path) -> list[tuple[str, ...]]:
    with contextlib.closing(sqlite3.connect(folder / "cchc.sqlite3")) as con:
        return con.execute("SELECT code, name FROM unit").fetchall()


@pytest.fixture
def app_on(qtbot: QtBot) -> Iterator[object]:
    made: list[Application] = []

    def start(data_dir: Path, prompter: HeadlessPrompter) -> Application:
        app = Application(parse_args(["--data-dir", str(data_dir), "--no-err-windows"]), install_hooks=False,
                          prompter=prompter, watch_network=False)
        made.append(app)
        assert app.build()
        return app

    yield start
    for app in made:
        wizard = app.wizard
        app.shutdown()
        if wizard is not None:  # what qtbot.addWidget does for a widget of its own
            wizard.rejected.disconnect()  # (the program quits when its wizard is cancelled)
            wizard.close()
            wizard.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def banner_of(app: Application) -> DemoBanner:
    assert app.window is not None
    banner = app.window.findChild(DemoBanner)
    assert banner is not None
    return banner


def enter_demo_from_the_wizard(qtbot: QtBot, app: Application) -> MainWindow:
    wizard = app.wizard
    assert wizard is not None and wizard.welcome_page.sample_radio.text() == "&Dùng thử với dữ liệu mẫu"
    wizard.welcome_page.sample_radio.setChecked(True)
    assert wizard.welcome_page.isFinalPage()
    wizard.accept()
    qtbot.waitUntil(lambda: app.window is not None, timeout=60_000)
    window = app.window
    assert isinstance(window, MainWindow)
    qtbot.waitUntil(lambda: window.report_list.model.rowCount() > 0, timeout=30_000)
    return window


def test_the_demo_opens_in_its_own_folder_under_a_banner(qtbot: QtBot, data_dir: Path, app_on: object) -> None:
    app = app_on(data_dir, HeadlessPrompter(strict=True))  # type: ignore[operator]
    window = enter_demo_from_the_wizard(qtbot, app)
    demo = data_dir.with_name(data_dir.name + "-demo")
    assert app.data_dir == demo and DataPaths(demo).is_demo
    assert app.wizard is None
    assert units_in(data_dir) == []  # the real installation stays empty: no sample commune in it
    assert units_in(demo)[0][1] == "Xã Tân Phú"
    banner = banner_of(app)
    assert banner.isVisible() and banner.y() < window.report_list.mapTo(window, window.report_list.rect().topLeft()).y()
    assert banner.label.text() == "Đang dùng thử với dữ liệu mẫu — mọi thứ ở đây không phải số liệu thật"
    assert banner.start_real_button.text() == "&Bắt đầu dùng thật"
    assert not banner.toggleViewAction().isVisible() and not banner.isMovable()
    assert window.windowTitle() == "Báo cáo CCHC — Xã Tân Phú [DÙNG THỬ — dữ liệu mẫu]"
    assert app.sender is None  # the demo never sends by itself
    # Every page has something to show: reports of several statuses, the PAR index.
    statuses = {window.report_list.model.index(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(window.report_list.model.rowCount())}
    assert window.report_list.model.rowCount() >= 7 and statuses


def test_start_for_real_deletes_the_demo_and_opens_the_real_wizard(
    qtbot: QtBot, data_dir: Path, app_on: object
) -> None:
    prompter = HeadlessPrompter(strict=True)
    app = app_on(data_dir, prompter)  # type: ignore[operator]
    enter_demo_from_the_wizard(qtbot, app)
    demo = app.data_dir
    old_window = app.window
    prompter.queue(True, True)  # start for real; delete the trial
    banner_of(app).start_real_button.click()
    assert app.data_dir == data_dir and app.window is None
    assert app.wizard is not None and app.wizard.isVisible()
    assert app.wizard.welcome_page.own_radio.isChecked()  # a fresh wizard, not the demo's choice
    qtbot.waitUntil(lambda: not demo.exists(), timeout=10_000)
    assert units_in(data_dir) == []
    assert old_window is not None and not old_window.isVisible()
    asked = [c.title for c in prompter.calls if c.kind == "ask_yes_no"]
    assert asked == ["Bắt đầu dùng thật", "Bản dùng thử"]
    assert prompter.unused_answers == []


def test_keeping_the_demo_reopens_it_as_it_was(qtbot: QtBot, data_dir: Path, app_on: object) -> None:
    prompter = HeadlessPrompter(strict=True)
    app = app_on(data_dir, prompter)  # type: ignore[operator]
    enter_demo_from_the_wizard(qtbot, app)
    demo = app.data_dir
    marker = demo / "da-thu.txt"
    marker.write_text("something tried", encoding="utf-8")
    prompter.queue(False)  # "Keep trying": nothing happens
    banner_of(app).start_real_button.click()
    assert app.data_dir == demo and app.window is not None
    prompter.queue(True, False)  # start for real; keep the trial
    banner_of(app).start_real_button.click()
    assert app.wizard is not None and demo.exists() and marker.exists()
    enter_demo_from_the_wizard(qtbot, app)
    assert app.data_dir == demo and marker.exists()


def test_the_demo_can_be_reset(qtbot: QtBot, data_dir: Path, app_on: object) -> None:
    prompter = HeadlessPrompter(strict=True)
    app = app_on(data_dir, prompter)  # type: ignore[operator]
    enter_demo_from_the_wizard(qtbot, app)
    rows = app.window.report_list.model.rowCount()  # type: ignore[union-attr]
    app.runner.call(lambda ws: ws.store.create(ws.policy().current_period(ws.period_kind(), ws.clock().date()).code, "cchc-xa"))
    prompter.queue(True)
    banner_of(app).reset_button.click()
    window = app.window
    assert isinstance(window, MainWindow)
    qtbot.waitUntil(lambda: window.report_list.model.rowCount() == rows, timeout=30_000)
    assert banner_of(app).isVisible()


def test_from_a_real_installation_and_back(qtbot: QtBot, commune_dir: Path, app_on: object) -> None:
    prompter = HeadlessPrompter(strict=True)
    app = app_on(commune_dir, prompter)  # type: ignore[operator]
    real_window = app.window
    assert isinstance(real_window, MainWindow) and real_window.findChild(DemoBanner) is None
    real_units = units_in(commune_dir)
    real_window.nav.setCurrentRow(2)  # Settings
    page = real_window.settings_page
    assert page is not None
    qtbot.waitUntil(lambda: page.demo_button.isVisibleTo(page))
    assert page.demo_button.text() == "&Dùng thử với dữ liệu mẫu"
    page.demo_button.click()
    qtbot.waitUntil(lambda: app.window is not real_window and app.window is not None, timeout=60_000)
    assert DataPaths(app.data_dir).is_demo and banner_of(app).isVisible()
    prompter.queue(True, True)
    banner_of(app).start_real_button.click()
    window = app.window
    assert isinstance(window, MainWindow) and window.findChild(DemoBanner) is None
    assert app.data_dir == commune_dir and units_in(commune_dir) == real_units
    assert "DÙNG THỬ" not in window.windowTitle()
