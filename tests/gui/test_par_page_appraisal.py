"""At the commune, the "Chỉ số CCHC" page shows what the province's appraisal said once it came
back in feedback: the appraised points beside each criterion (the reason in its tooltip), the
appraised total and the explanation deadline."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.par_page import ParIndexPage
from desktop.prompter import HeadlessPrompter
from desktop.tasks import TaskRunner
from reports.clock import iso, system_clock
from reports.exchange.appraisal_results import apply_received
from tests.gui.conftest import open_runner, read_workspace


@pytest.fixture
def appraised_dir(sample_dir: Path) -> Path:
    """The sample commune after the province's feedback appraised one criterion lower."""
    ws = read_workspace(sample_dir)
    try:
        report = min((r for r in ws.store.list() if r.form_id == "tu-cham-diem-xa"), key=lambda r: r.id)
        raw = json.dumps([{
            "form_id": report.form_id, "period": report.period.code, "revision": 1, "deadline": "2099-02-20",
            "sent_at": iso(system_clock()), "finalised_at": None, "result": None,
            "criteria": [{"field": "s1_plan_on_time", "points": 1, "self_points": 2, "source": "appraisal",
                          "reason": "Kế hoạch ban hành sau ngày 31/12."}],
        }]).encode()
        with ws.db.atomic():
            apply_received(ws, raw, iso(system_clock()))
    finally:
        ws.close()
    return sample_dir


@pytest.fixture
def runner(qapp: object, appraised_dir: Path) -> Iterator[TaskRunner]:
    r = open_runner(appraised_dir)
    yield r
    r.wait_idle(5000)
    r.shutdown()


def test_the_appraisal_shows_beside_the_criteria(qtbot: QtBot, runner: TaskRunner, prompter: HeadlessPrompter) -> None:
    page = ParIndexPage(runner, prompter)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    with qtbot.waitSignal(page.sheet_shown, timeout=20_000):
        page.refresh()
    assert page.appraisal.isVisible()
    assert "20/02/2099" in page.appraisal.text()
    page.select_field("s1_plan_on_time")
    item = page.tree.currentItem()
    assert item is not None and item.text(1).endswith("→ 1")
    assert "31/12" in item.toolTip(1)
