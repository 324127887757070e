"""The reviewer's signature panel says when a signed PDF's pages draw other figures than the
data it carries (drawn again from that data and compared page by page)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.prompter import HeadlessPrompter
from desktop.reviewer.report_view import ReportViewPage
from tests.gui.conftest import open_runner
from tests.unit.sync_world import build_world, open_copy
from tests.unit.test_drawn_figures import receive_with_pdf, signed_drawing


def test_the_signature_panel_says_the_pages_draw_other_figures(qtbot: QtBot, tmp_path: Path) -> None:
    world = build_world(tmp_path / "world")
    reviewer = open_copy(world.reviewer, tmp_path / "so")
    tan_phu = open_copy(world.tan_phu, tmp_path / "tan-phu")
    try:
        report = tan_phu.store.by_uid(world.signed_uid)
        assert report is not None
        forged = signed_drawing(tan_phu, world.signed_uid,
                                shown={"meetings_held": (report.values.get("meetings_held") or 0) + 40})
        report_id = receive_with_pdf(world, tan_phu, reviewer, forged, tmp_path)
    finally:
        reviewer.close()
        tan_phu.close()

    runner = open_runner(tmp_path / "so")
    try:
        view = ReportViewPage(runner, HeadlessPrompter(strict=True))
        qtbot.addWidget(view)
        view.open_report(report_id)
        qtbot.waitUntil(lambda: view.details is not None, timeout=60_000)
        assert view.signature.figures.text() == "có"  # the embedded data is what was received…
        drawn = view.signature.drawn.text()
        assert drawn.startswith("KHÔNG — trang "), drawn  # …but the pages draw something else
        assert "đề nghị xã ký và gửi lại" in drawn
    finally:
        runner.wait_idle(5000)
        runner.shutdown()
