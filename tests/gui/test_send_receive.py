"""Sending and receiving by file: export to a chosen folder (a USB drive offered first), receive
a feedback package (refused until the reviewer's fingerprint is confirmed by phone), drag and
drop on the main window."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from pytestqt.qtbot import QtBot

from desktop.mainwindow import MainWindow
from desktop.prompter import HeadlessPrompter
from desktop.send_receive import SendReceive, Volume
from desktop.tasks import TaskRunner
from reports.cli.main import main as cchc
from reports.storage.lifecycle import Status
from reports.workspace import Workspace
from tests.gui.conftest import open_runner

COMMENT = "Đề nghị bổ sung số liệu hồ sơ trực tuyến."


@pytest.fixture
def sample_runner(qapp: object, sample_dir: Path) -> Iterator[TaskRunner]:
    r = open_runner(sample_dir)
    yield r
    r.wait_idle(10_000)
    r.shutdown()


def export(qtbot: QtBot, sr: SendReceive, prompter: HeadlessPrompter, folder: Path) -> object:
    folder.mkdir(exist_ok=True)
    prompter.queue(folder, False)  # the folder; no "Mở thư mục"
    with qtbot.waitSignal(sr.exported, timeout=30_000) as done:
        sr.export()
    qtbot.waitUntil(lambda: "inform" in prompter.kinds())
    return done.args[0]


def reviewer_returns(tmp_path: Path, package: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The reviewing office (its own data folder, through the CLI) returns one report."""
    so = tmp_path / "so-noi-vu"
    so.mkdir()

    def run(*args: str) -> None:
        assert cchc(["--data-dir", str(so), *args]) == 0, capsys.readouterr()

    run(
        "init",
        "--role",
        "reviewer",
        "--unit-code",
        "75",
        "--unit-name",
        "Sở Nội vụ tỉnh Đồng Nai",
        "--province",
        "Tỉnh Đồng Nai",
    )
    run("units", "trust", str(package))
    run("import", str(package))
    ws = Workspace.open(so)
    try:
        newest = max(ws.store.list(), key=lambda r: r.period)
        report_id = newest.id
    finally:
        ws.close()
    run("review", "return", str(report_id), "--comment", COMMENT)
    run("feedback", "export", "-o", str(tmp_path / "phan-hoi"))
    capsys.readouterr()
    return next((tmp_path / "phan-hoi").glob("*.cchc"))


def test_export_to_a_chosen_folder_remembers_it(
    qtbot: QtBot, sample_runner: TaskRunner, prompter: HeadlessPrompter, tmp_path: Path
) -> None:
    sr = SendReceive(sample_runner, prompter, volumes=list)
    busy: list[bool] = []
    sr.busy_changed.connect(lambda b, _t: busy.append(b))
    folder = tmp_path / "usb"
    folder.mkdir()
    prompter.queue(folder, True)
    with qtbot.waitSignal(sr.exported, timeout=30_000) as done:
        sr.export()
    result = done.args[0]
    assert result.path.parent == folder and result.path.suffix == ".cchc" and len(result.report_ids) == 7
    assert busy == [True, False]
    # The result is news (an information box with "Open folder"), not a question, and says
    # plainly where the file is and that it has not been sent yet.
    assert prompter.kinds() == ["choose_folder", "inform", "show_folder"]
    news = prompter.last("inform")
    assert news.title == "Đã xuất gói gửi"
    assert "7 báo cáo" in news.text and str(folder) in news.text and result.path.name in news.text
    assert "chưa được gửi" in news.text
    assert prompter.last("show_folder").title == str(folder)
    assert sample_runner.call(lambda ws: ws.settings.get("export_folder")) == str(folder)


def test_a_plugged_in_usb_drive_is_offered_first(
    qtbot: QtBot, sample_runner: TaskRunner, prompter: HeadlessPrompter, tmp_path: Path
) -> None:
    stick = tmp_path / "KINGSTON"
    stick.mkdir()
    sr = SendReceive(sample_runner, prompter, volumes=lambda: [Volume(stick, "KINGSTON")])
    prompter.queue(True, False)  # write to the stick; don't open the folder
    with qtbot.waitSignal(sr.exported, timeout=30_000) as done:
        sr.export()
    assert done.args[0].path.parent == stick
    first = prompter.calls[0]
    assert first.kind == "ask_yes_no" and "KINGSTON" in first.text and "choose_folder" not in prompter.kinds()


def test_receive_feedback_after_comparing_the_fingerprint(
    qtbot: QtBot,
    sample_runner: TaskRunner,
    prompter: HeadlessPrompter,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    sr = SendReceive(sample_runner, prompter, volumes=list)
    package = export(qtbot, sr, prompter, tmp_path / "usb").path  # type: ignore[attr-defined]
    feedback = reviewer_returns(tmp_path, package, capsys)
    prompter.calls.clear()

    # not confirmed by phone yet: nothing is trusted, nothing imported
    prompter.queue(feedback, False)
    with qtbot.waitSignal(sr.received, timeout=30_000):
        sr.receive()
    question = prompter.calls[1]
    assert question.kind == "ask_yes_no" and question.title == "Xác nhận chứng thư của cơ quan nhận báo cáo"
    assert "Đã gọi điện so khớp vân tay với Sở Nội vụ chưa?" in question.text
    fingerprint = question.text.split("Vân tay của chứng thư:\n")[1].split("\n")[0]
    assert len(fingerprint.replace(" ", "").replace(":", "")) >= 40
    assert prompter.last().kind == "info"
    assert sample_runner.call(lambda ws: [r.status for r in ws.store.list()].count(Status.RETURNED)) == 0

    # confirmed: trusted, imported, and the changes are shown
    prompter.calls.clear()
    prompter.queue(True)
    with qtbot.waitSignals([sr.received, sr.reports_changed], timeout=30_000):
        sr.receive(feedback)
    shown = prompter.last("info")
    assert shown.text.startswith(f"Đã nhận gói {feedback.name}. Những thay đổi:")
    assert COMMENT in shown.text
    assert sample_runner.call(lambda ws: [r.status for r in ws.store.list()].count(Status.RETURNED)) == 1

    # the same package again: already had
    with qtbot.waitSignal(sr.received, timeout=30_000):
        sr.receive(feedback)
    assert "đã được nhận trước đây" in prompter.last("info").text


def test_a_package_dropped_on_the_main_window_is_received(
    qtbot: QtBot, sample_runner: TaskRunner, prompter: HeadlessPrompter, tmp_path: Path
) -> None:
    unit = sample_runner.call(lambda ws: ws.require_unit())
    window = MainWindow(sample_runner, prompter, unit)
    qtbot.addWidget(window)
    assert window.acceptDrops()
    junk = tmp_path / "hong.cchc"
    junk.write_bytes(b"not a package")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(junk)), QUrl.fromLocalFile(str(tmp_path / "ghi-chu.txt"))])
    event = QDropEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(window.send_receive.received, timeout=30_000):
        window.dropEvent(event)
    refused = prompter.last("warning")
    assert refused.title == "Gói bị từ chối" and "hong.cchc" in refused.text
