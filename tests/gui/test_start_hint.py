"""The window of the last start, shown before the database opens (desktop/start_hint.py,
desktop/first_window.py), and built again when the data say otherwise."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.app import Application, parse_args
from desktop.mainwindow import MainWindow
from desktop.prompter import HeadlessPrompter
from desktop.start_hint import hint_path, read_hint
from reports.cli.main import main as cchc
from reports.paths import DataPaths


def start(qtbot: QtBot, data_dir: Path, prompter: HeadlessPrompter | None = None) -> Application:
    app = Application(parse_args(["--data-dir", str(data_dir), "--no-err-windows"]), install_hooks=False,
                      prompter=prompter)
    assert app.build()
    return app


def rows_shown(app: Application) -> bool:
    return isinstance(app.window, MainWindow) and app.window.report_list.model.rowCount() == 7


def test_the_second_start_shows_the_window_before_the_database_opens(qtbot: QtBot, sample_dir: Path) -> None:
    assert read_hint(sample_dir) is None  # never started: the usual start, waiting for the state
    first = start(qtbot, sample_dir)
    qtbot.waitUntil(lambda: rows_shown(first))
    first.shutdown()
    hint = read_hint(sample_dir)
    assert hint is not None and hint.unit is not None and hint.unit.name == "Xã Tân Phú"

    prompter = HeadlessPrompter()
    second = start(qtbot, sample_dir, prompter)
    try:
        window = second.window
        assert isinstance(window, MainWindow) and window.isVisible()
        assert window.windowTitle() == "Báo cáo CCHC — Xã Tân Phú"
        qtbot.waitUntil(lambda: rows_shown(second))
        qtbot.waitUntil(lambda: not second.runner.pending)
        assert second.window is window  # the same window: nothing changed since the last start
    finally:
        second.shutdown()
    assert prompter.calls == []


def test_a_change_since_the_last_start_builds_the_window_again(qtbot: QtBot, sample_dir: Path) -> None:
    first = start(qtbot, sample_dir)
    qtbot.waitUntil(lambda: rows_shown(first))
    first.shutdown()
    assert cchc(["--data-dir", str(sample_dir), "unit", "set", "name=Xã Tân Phú Mới"]) == 0
    assert cchc(["--data-dir", str(sample_dir), "config", "set", "language", "en"]) == 0

    second = start(qtbot, sample_dir)
    try:
        shown_first = second.window
        assert shown_first is not None and "Xã Tân Phú" in shown_first.windowTitle()
        qtbot.waitUntil(lambda: second.window is not None and second.window is not shown_first)
        qtbot.waitUntil(lambda: rows_shown(second))
        assert second.window.windowTitle() == "Báo cáo CCHC — Xã Tân Phú Mới"
        assert second.lang == "en"
    finally:
        second.shutdown()
    hint = read_hint(sample_dir)
    assert hint is not None and hint.unit is not None and hint.unit.name == "Xã Tân Phú Mới" and hint.language == "en"


def test_a_damaged_hint_only_means_the_usual_start(qtbot: QtBot, sample_dir: Path) -> None:
    path = hint_path(DataPaths(sample_dir))
    path.parent.mkdir(parents=True, exist_ok=True)
    for text in ("{not json", '{"version": 1, "unit": {"role": "commune", "code": "x"}}', '{"version": 99}'):
        path.write_text(text, encoding="utf-8")
        assert read_hint(sample_dir) is None
    app = start(qtbot, sample_dir)
    try:
        qtbot.waitUntil(lambda: rows_shown(app))
    finally:
        app.shutdown()
    assert read_hint(sample_dir) is not None  # written anew
