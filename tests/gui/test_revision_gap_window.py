"""The reviewer window shows a revision that left a gap: the inbox's line for the package and
the report view's status and history say which revisions never reached the office."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.prompter import HeadlessPrompter
from desktop.reviewer.inbox import InboxPage
from desktop.reviewer.report_view import ReportViewPage
from reports.exchange import sync
from reports.exchange.sync import Outcome
from reports.workspace import Workspace
from tests.gui.conftest import open_runner
from tests.unit.sync_world import build_world, deliver, open_copy
from tests.unit.test_revision_gaps import NEW_UID, as_revision
from tests.unit.test_signed_hostile_content import forge


def test_the_inbox_and_the_report_view_show_the_revisions_that_never_arrived(qtbot: QtBot, tmp_path: Path) -> None:
    world = build_world(tmp_path / "world")
    reviewer = open_copy(world.reviewer, tmp_path / "so")
    tan_phu = open_copy(world.tan_phu, tmp_path / "tan-phu")
    try:
        assert sync.import_file(reviewer, world.package).outcome is Outcome.IMPORTED
        fifth = deliver(reviewer, forge(world, tan_phu, as_revision(5)), tmp_path / "usb", "26116_lan5.cchc")
    finally:
        reviewer.close()
        tan_phu.close()

    runner = open_runner(tmp_path / "so")
    try:
        inbox = InboxPage(runner, HeadlessPrompter(strict=True))
        qtbot.addWidget(inbox)
        inbox.import_paths([fifth])
        qtbot.waitUntil(lambda: not inbox.busy, timeout=60_000)
        assert runner.wait_idle(10_000)
        [result] = inbox.model.results
        assert result.outcome is Outcome.IMPORTED
        assert "Sở chưa nhận lần 2–4" in inbox.model.details(0)

        ws = Workspace.open(tmp_path / "so")
        try:
            report = ws.store.by_uid(NEW_UID)
            assert report is not None
            report_id = report.id
        finally:
            ws.close()
        view = ReportViewPage(runner, HeadlessPrompter(strict=True))
        qtbot.addWidget(view)
        view.open_report(report_id)
        qtbot.waitUntil(lambda: view.details is not None, timeout=30_000)
        status = view.status_label.text()
        assert "Sở chưa nhận lần 2–4 của báo cáo này" in status, status
        history = view.history.toPlainText()
        assert "Lần 2–4 — Sở chưa nhận" in history, history
        assert view.accept_button.isEnabled()  # the newest revision held is the one to decide on
    finally:
        runner.wait_idle(5000)
        runner.shutdown()
