"""The appraisal view shows a computed criterion whose figure differs from the one the reviewer
computes again from its own copies of the monthly reports: the count in the state line, the
reviewer's figure beside the self-score, both figures and what to do in the criterion's details."""

from __future__ import annotations

import shutil
from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.prompter import HeadlessPrompter
from desktop.reviewer.appraisal_view import FIELD_ROLE, AppraisalView
from tests.gui.conftest import open_runner
from tests.unit.test_computed_recheck import build_year, forged, opened, receive


def test_the_appraisal_view_flags_a_computed_criterion_the_reviewer_computes_otherwise(
    qtbot: QtBot, tmp_path: Path
) -> None:
    year = build_year(tmp_path / "year")
    shutil.copytree(year.reviewer, tmp_path / "so")
    shutil.copytree(year.commune, tmp_path / "xa")
    reviewer, commune = opened(tmp_path / "so"), opened(tmp_path / "xa")
    try:
        sheet = receive(reviewer, forged(year, commune, raise_to_max="s1_tasks_done"), tmp_path / "usb")
        line = next(x for x in sheet.lines if x.field.id == "s1_tasks_done")
        assert line.recheck is not None and line.recheck.differs
        mine = line.recheck.reviewer_points
    finally:
        reviewer.close()
        commune.close()

    runner = open_runner(tmp_path / "so")
    try:
        view = AppraisalView(runner, HeadlessPrompter(strict=True))
        qtbot.addWidget(view)
        view.open_report(sheet.report_id)
        qtbot.waitUntil(lambda: view.sheet is not None, timeout=30_000)
        assert "1 tiêu chí tính từ báo cáo khác số Sở tính lại" in view.state.text(), view.state.text()
        items = [view.tree.topLevelItem(i) for i in range(view.tree.topLevelItemCount())]
        found = []
        while items:
            item = items.pop()
            assert item is not None
            if item.data(0, FIELD_ROLE) == "s1_tasks_done":
                found.append(item)
            items += [item.child(i) for i in range(item.childCount())]
        [item] = found
        assert f"Sở tính: {mine:g}" in item.text(2), item.text(2)
        view.tree.setCurrentItem(item)
        detail = view.detail.text()
        assert "⚠ Xã tính 3 điểm; Sở tính lại từ 12/12 báo cáo đang giữ" in detail, detail
        assert "Sở đã có đủ báo cáo: hãy thẩm định theo số Sở tính." in detail
    finally:
        runner.wait_idle(5000)
        runner.shutdown()
