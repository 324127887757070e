"""Hộp thư đi: the table, "Gửi" through the folder transport into a real folder, a real error
in plain words, "Gửi lại ngay", the transport settings and the password that is never shown."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.outbox_page import Column, OutboxPage
from desktop.outbox_sender import OutboxSenderThread
from desktop.prompter import HeadlessPrompter
from desktop.tasks import TaskRunner
from reports.cli.main import main as cchc
from reports.outbox import CredentialKey, Outbox, OutboxState
from tests.gui.conftest import open_runner, read_workspace


def configure_folder(data_dir: Path, folder: Path) -> None:
    assert cchc(["--data-dir", str(data_dir), "config", "set", "outbox_transport", "folder"]) == 0
    assert cchc(["--data-dir", str(data_dir), "config", "set", "outbox_folder", str(folder)]) == 0


@pytest.fixture
def runner(qapp: object, sample_dir: Path) -> Iterator[TaskRunner]:
    r = open_runner(sample_dir)
    yield r
    r.wait_idle(5000)
    r.shutdown()


@pytest.fixture
def page(qtbot: QtBot, runner: TaskRunner, prompter: HeadlessPrompter) -> OutboxPage:
    p = OutboxPage(runner, prompter)
    qtbot.addWidget(p)
    p.refresh()
    qtbot.waitUntil(lambda: p._view is not None)
    return p


@pytest.fixture
def sender(qtbot: QtBot, sample_dir: Path, page: OutboxPage) -> Iterator[OutboxSenderThread]:
    """The background sender as the program runs it, wired to the page as app.py does."""
    thread = OutboxSenderThread(sample_dir)
    thread.run_finished.connect(page.show_send_run)
    page.send_requested.connect(thread.wake)
    thread.start()
    yield thread
    assert thread.stop(10_000)


def state_of(page: OutboxPage, row: int = 0) -> str:
    return str(page.model.index(row, Column.STATE).data())


def test_the_table_model_is_a_proper_qt_model(
    qtbot: QtBot,
    qtmodeltester: object,
    page: OutboxPage,
    sample_dir: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cchc(["--data-dir", str(sample_dir), "outbox", "add"]) == 0
    capsys.readouterr()
    page.refresh()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]
    assert page.model.headerData(Column.STATE, Qt.Orientation.Horizontal) == "Trạng thái"
    assert state_of(page) == "chờ gửi"


def test_send_then_the_sender_copies_the_package_into_the_folder(
    qtbot: QtBot, page: OutboxPage, sender: OutboxSenderThread, sample_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "shared"
    out.mkdir()
    configure_folder(sample_dir, out)
    assert page.empty_label.isVisibleTo(page)
    page.send_button.click()
    qtbot.waitUntil(lambda: state_of(page) == "đã gửi, chờ biên nhận", timeout=15_000)
    entry = page.model.entry(0)
    assert entry is not None
    sent = out / entry.file_name
    ws = read_workspace(sample_dir)
    try:
        assert sent.read_bytes() == Outbox(ws).store.data(entry.package_id)  # byte for byte
    finally:
        ws.close()
    assert page.model.index(0, Column.ATTEMPTS).data() == 1
    assert page.model.index(0, Column.ERROR).data() == ""


def test_a_missing_folder_is_a_plain_message_then_retry_now_sends(
    qtbot: QtBot, page: OutboxPage, sender: OutboxSenderThread, sample_dir: Path, tmp_path: Path
) -> None:
    drive = tmp_path / "usb"  # not plugged in: neither the folder nor its parent exists
    configure_folder(sample_dir, drive / "BaoCao")
    page.send_button.click()
    qtbot.waitUntil(lambda: state_of(page) == "chờ mạng", timeout=15_000)
    error = str(page.model.index(0, Column.ERROR).data())
    assert "Không thấy thư mục" in error and "USB chưa cắm" in error
    assert page.model.index(0, Column.NEXT_TRY).data()  # when it tries again by itself
    background = page.model.data(page.model.index(0, Column.STATE), Qt.ItemDataRole.BackgroundRole)
    assert background.name() == "#fff1cc"  # amber: waiting

    drive.mkdir()  # the stick is back
    page.table.selectRow(0)
    assert page.retry_button.isEnabled()
    page.retry_button.click()
    qtbot.waitUntil(lambda: state_of(page) == "đã gửi, chờ biên nhận", timeout=15_000)
    entry = page.model.entry(0)
    assert entry is not None and entry.state is OutboxState.SENT
    assert (drive / "BaoCao" / entry.file_name).is_file()


def test_nothing_to_send_is_said(qtbot: QtBot, commune_dir: Path) -> None:
    prompter = HeadlessPrompter(strict=True)
    r = open_runner(commune_dir)
    try:
        p = OutboxPage(r, prompter)
        qtbot.addWidget(p)
        p.refresh()
        qtbot.waitUntil(lambda: p._view is not None)
        p.send_button.click()
        qtbot.waitUntil(lambda: bool(prompter.calls))
        call = prompter.last()
        assert call.kind == "error" and "Không có báo cáo nào cần gửi" in call.text
        assert p.send_button.isEnabled()  # nothing stuck: it can be pressed again
    finally:
        r.wait_idle(5000)
        r.shutdown()


def test_transport_settings_are_saved_and_the_password_is_never_shown(
    qtbot: QtBot, page: OutboxPage, sample_dir: Path
) -> None:
    page.transport_combo.setCurrentIndex(page.transport_combo.findData("email"))
    assert page.transport_pages.currentIndex() == 1
    page.smtp_host_edit.setText("mail.dongnai.gov.vn")
    page.smtp_port_spin.setValue(465)
    page.smtp_security_combo.setCurrentIndex(page.smtp_security_combo.findData("ssl"))
    page.smtp_user_edit.setText("xatanphu@dongnai.gov.vn")
    page.reviewer_email_edit.setText("snv@dongnai.gov.vn")
    page.smtp_password_edit.setText("mật-khẩu-bí-mật")  # (setText: keyClicks cannot type Vietnamese)
    page.save_transport_button.click()
    assert page.smtp_password_edit.text() == ""  # gone from the window at once
    qtbot.waitUntil(lambda: page.smtp_password_edit.placeholderText() == "đã lưu (gõ để thay)")
    ws = read_workspace(sample_dir)
    try:
        assert ws.settings.get("outbox_transport") == "email"
        assert ws.settings.get("smtp_host") == "mail.dongnai.gov.vn"
        assert ws.settings.get("smtp_port") == 465
        assert ws.settings.get("smtp_security") == "ssl"
        assert ws.settings.get("reviewer_email") == "snv@dongnai.gov.vn"
        assert Outbox(ws).credentials.get(CredentialKey.SMTP) == "mật-khẩu-bí-mật"
        assert "bí-mật" not in str(ws.settings.all())
    finally:
        ws.close()
    assert page.webdav_password_edit.placeholderText() == "chưa lưu"


def test_the_inbox_says_where_each_package_came_from(
    qtbot: QtBot, page: OutboxPage, sample_dir: Path, tmp_path: Path
) -> None:
    watched = tmp_path / "watched"
    watched.mkdir()
    assert cchc(["--data-dir", str(sample_dir), "config", "set", "watch_folder", str(watched)]) == 0
    page.fetch_button.click()
    qtbot.waitUntil(lambda: page.fetch_button.isEnabled())
    assert page.fetch_result_label.text() == "Không có gói mới."
    assert page.inbox_table.horizontalHeaderItem(3).text() == "Nguồn"
