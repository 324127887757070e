"""Backups in the window: the list, "Sao lưu ngay", the restore dialog (what will change,
confirm, the window comes back on the restored data), and the damaged-database start."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.app import Application, parse_args
from desktop.backup_page import BackupPage
from desktop.prompter import HeadlessPrompter
from desktop.tasks import TaskRunner
from reports.backups.naming import scan
from reports.cli.main import main as cchc
from tests.gui.conftest import open_runner, read_workspace


def back_up(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert cchc(["--data-dir", str(data_dir), "backup", "create"]) == 0
    capsys.readouterr()
    return scan(data_dir / "backups")[-1].path


def start(data_dir: Path, prompter: HeadlessPrompter) -> Application:
    return Application(
        parse_args(["--data-dir", str(data_dir), "--no-err-windows"]),
        install_hooks=False,
        prompter=prompter,
        watch_network=False,
    )


def report_count(data_dir: Path) -> int:
    ws = read_workspace(data_dir)
    try:
        return len(ws.store.list())
    finally:
        ws.close()


@pytest.fixture
def runner(qapp: object, sample_dir: Path) -> Iterator[TaskRunner]:
    r = open_runner(sample_dir)
    yield r
    r.wait_idle(5000)
    r.shutdown()


def test_back_up_now_and_the_list(qtbot: QtBot, runner: TaskRunner, prompter: HeadlessPrompter) -> None:
    page = BackupPage(runner, prompter)
    qtbot.addWidget(page)
    page.refresh()
    qtbot.waitUntil(lambda: page._view is not None)
    assert page.table.rowCount() == 0 and page.empty_label.isVisibleTo(page)
    assert not page.restore_button.isEnabled()
    page.backup_button.click()
    qtbot.waitUntil(lambda: page.table.rowCount() == 1)
    assert page.table.item(0, 1).text() == "theo yêu cầu"
    assert page.table.item(0, 2).text() == "7"
    assert page.table.item(0, 3).text() == "tốt"
    page.table.selectRow(0)
    assert page.restore_button.isEnabled()


def test_the_second_folder_is_a_setting(
    qtbot: QtBot, runner: TaskRunner, sample_dir: Path, tmp_path: Path
) -> None:
    stick = tmp_path / "usb"
    stick.mkdir()
    prompter = HeadlessPrompter([str(stick)], strict=True)
    page = BackupPage(runner, prompter)
    qtbot.addWidget(page)
    page.refresh()
    qtbot.waitUntil(lambda: page._view is not None)
    page.folder_field.choose_button.click()  # the folder picker (answered by the prompter)
    assert page.folder_field.text() == str(stick)
    page.save_folder_button.click()
    qtbot.waitUntil(lambda: page._view is not None and page._view.folder == str(stick))
    page.backup_button.click()
    qtbot.waitUntil(lambda: page.table.rowCount() == 1)
    newest = scan(sample_dir / "backups")[-1]
    # the copy on the stick (beside the evidence/ folder of the evidence files)
    assert [p.name for p in (stick / "BaoCaoCCHC-26116").iterdir() if p.is_file()] == [newest.name]


def test_the_restore_dialog_says_what_changes_and_the_window_comes_back_restored(
    qtbot: QtBot, commune_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = back_up(commune_dir, capsys)  # before any report
    assert cchc(["--data-dir", str(commune_dir), "sample", "--months", "6"]) == 0
    capsys.readouterr()
    prompter = HeadlessPrompter(strict=True)
    app = start(commune_dir, prompter)
    try:
        assert app.build()
        window = app.window
        qtbot.waitUntil(lambda: window.report_list.model.rowCount() == 7)
        texts = [window.nav.item(i).text() for i in range(window.nav.count())]
        assert texts[-3:] == ["Hộp thư đi", "Sao lưu", "Chỉ số CCHC"]
        window.nav.setCurrentRow(app.backup_row)
        page = app.backup_page
        qtbot.waitUntil(lambda: page.table.rowCount() >= 1)
        assert page.select_backup(empty)
        page.restore_button.click()
        qtbot.waitUntil(lambda: page.restore_dialog is not None and page.restore_dialog.isVisible())
        summary = page.restore_dialog.summary_label.text()
        assert "có 0 báo cáo" in summary  # the backup
        assert "Hiện tại có 7 báo cáo" in summary
        assert "7 báo cáo sẽ mất" in summary
        page.restore_dialog.restore_button.click()
        qtbot.waitUntil(lambda: app.window is not None and app.window is not window, timeout=20_000)
        qtbot.waitUntil(lambda: not app.runner.pending)
        assert app.window.report_list.model.rowCount() == 0  # the window shows the restored data
        assert app.window.pages.currentWidget() is app.backup_page
        assert app.window.statusBar().currentMessage() == "Đã khôi phục bản sao lưu."
        # the sender starts once the new window is up (desktop/app.py, SERVICES_DELAY_MS)
        qtbot.waitUntil(lambda: app.sender is not None and app.sender.isRunning())
    finally:
        app.shutdown()
    assert prompter.calls == []
    assert report_count(commune_dir) == 0
    reasons = [b.reason for b in scan(commune_dir / "backups")]
    assert "before-restore" in reasons  # the state before restoring was kept


def corrupt(db: Path) -> None:
    """Overwrite bytes in the middle of the file, as a failing disk would."""
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    size = db.stat().st_size
    with open(db, "r+b") as fh:
        fh.seek(size // 2 - (size // 2) % 4096)
        fh.write(b"\xde\xad\xbe\xef" * 2048)


def test_a_damaged_database_at_start_is_replaced_by_the_newest_backup(
    qtbot: QtBot, sample_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    back_up(sample_dir, capsys)
    corrupt(sample_dir / "cchc.sqlite3")
    prompter = HeadlessPrompter([True], strict=True)
    app = start(sample_dir, prompter)
    try:
        assert app.build()
        asked = prompter.last("ask_yes_no")
        assert asked.title == "Khôi phục bản sao lưu"
        assert "bị hỏng" in asked.text and "có 7 báo cáo" in asked.text
        assert "Tệp dữ liệu hỏng được giữ lại" in asked.text
        qtbot.waitUntil(lambda: app.window is not None and app.window.report_list.model.rowCount() == 7)
    finally:
        app.shutdown()
    assert prompter.kinds() == ["ask_yes_no"]
    assert report_count(sample_dir) == 7
    assert any(p.name.startswith("damaged-") for p in (sample_dir / "backups").iterdir())


def test_declining_the_restore_stops_with_the_explanation(
    qtbot: QtBot, sample_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    back_up(sample_dir, capsys)
    corrupt(sample_dir / "cchc.sqlite3")
    prompter = HeadlessPrompter([False], strict=True)
    app = start(sample_dir, prompter)
    try:
        assert app.build() is False
        error = prompter.last("error")
        assert error.title == "Không mở được dữ liệu"
        assert "bị hỏng" in error.text and "cchc backup restore" in error.text
    finally:
        app.shutdown()


def test_the_reviewer_restores_a_backup_from_its_window(
    qtbot: QtBot, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The reviewer's window has no report editor to flush before the file is replaced."""
    from desktop.reviewer.window import ReviewerWindow

    reviewer = [
        "--data-dir", str(data_dir), "init", "--role", "reviewer", "--unit-code", "75",
        "--unit-name", "Sở Nội vụ tỉnh Đồng Nai", "--province", "Tỉnh Đồng Nai",
    ]  # fmt: skip
    assert cchc(reviewer) == 0
    first = back_up(data_dir, capsys)
    prompter = HeadlessPrompter(strict=True)
    app = start(data_dir, prompter)
    try:
        assert app.build()
        window = app.window
        assert isinstance(window, ReviewerWindow)
        window.nav.setCurrentRow(app.backup_row)
        page = app.backup_page
        assert page is not None
        qtbot.waitUntil(lambda: page.table.rowCount() >= 1)
        assert page.select_backup(first)
        page.restore_button.click()
        qtbot.waitUntil(lambda: page.restore_dialog is not None and page.restore_dialog.isVisible())
        page.restore_dialog.restore_button.click()
        qtbot.waitUntil(lambda: app.window is not None and app.window is not window, timeout=20_000)
        qtbot.waitUntil(lambda: not app.runner.pending)
        assert isinstance(app.window, ReviewerWindow)
        assert app.window.statusBar().currentMessage() == "Đã khôi phục bản sao lưu."
        # the sender starts once the new window is up (desktop/app.py, SERVICES_DELAY_MS)
        qtbot.waitUntil(lambda: app.sender is not None and app.sender.isRunning())
    finally:
        app.shutdown()
    assert prompter.calls == []
