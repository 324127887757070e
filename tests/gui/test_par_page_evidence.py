"""The evidence panel's own signed reports (choose one of the commune's signed reports of the
scoring year, of the form the criterion names) and "Send the evidence files in full again"
on the PAR-index page, with real installations, a real signature and a real package."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.par_page import ParIndexPage
from desktop.prompter import HeadlessPrompter
from desktop.tasks import TaskRunner
from reports import sample
from reports.documents import issuing
from reports.exchange import sync
from reports.exchange.packages import read_package
from reports.exchange.sync import Outcome
from reports.workspace import Workspace
from tests.gui.conftest import open_runner, read_workspace
from tests.unit.sync_world import (
    PASSWORD,
    REVIEWER,
    SIGNER,
    TAN_PHU,
    commune_unit,
    new_installation,
    sign,
)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A reviewer and a bound commune with Nov and Dec 2025 filed (November signed) and the
    finalised 2025 scoring report with its evidence."""
    root = tmp_path_factory.mktemp("own-reports")
    so = new_installation(root / "so", REVIEWER)
    xa = new_installation(root / "xa", commune_unit(*TAN_PHU))
    try:
        issuing.create_signer_key(xa, SIGNER, PASSWORD)
        sync.bind_certificate(xa, REVIEWER.code, so.installation_key.cert_pem())
        sync.bind_certificate(so, TAN_PHU[0], xa.installation_key.cert_pem())
        sample.fill_sample(xa, 2, today=dt.date(2026, 1, 10))
        november = next(r for r in xa.store.list() if r.form_id == "cchc-xa" and r.period.code == "2025-11")
        sign(xa, november.id)
    finally:
        so.close()
        xa.close()
    return root


@pytest.fixture
def folders(world: Path, tmp_path: Path) -> tuple[Path, Path]:
    shutil.copytree(world, tmp_path / "w")
    return tmp_path / "w" / "xa", tmp_path / "w" / "so"


@pytest.fixture
def runner(qapp: object, folders: tuple[Path, Path]) -> Iterator[TaskRunner]:
    r = open_runner(folders[0])
    yield r
    r.wait_idle(5000)
    r.shutdown()


def _page(qtbot: QtBot, runner: TaskRunner, prompter: HeadlessPrompter) -> ParIndexPage:
    page = ParIndexPage(runner, prompter)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.sheet_shown, timeout=20_000):
        page.refresh()
    runner.wait_idle(20_000)
    return page


def test_a_signed_report_of_ours_is_picked_as_evidence(qtbot: QtBot, folders: tuple[Path, Path],
                                                       prompter: HeadlessPrompter) -> None:
    ws = read_workspace(folders[0])
    try:
        scoring = next(r for r in ws.store.list() if r.form_id == "tu-cham-diem-xa")
        ws.store.amend(scoring.id)
    finally:
        ws.close()
    runner = open_runner(folders[0])
    try:
        page = _page(qtbot, runner, prompter)
        page.select_field("s1_tasks_done")  # its evidence: the commune's monthly CCHC reports
        combo = page.panel.own_reports
        labels = [combo.itemText(i) for i in range(combo.count())]
        assert len(labels) == 1 and "tháng 11 năm 2025" in labels[0] and "/BC-UBND" in labels[0], labels  # Dec: unsigned
        assert page.panel.own_report_button.isEnabled()
        assert not page.resend_button.isEnabled()  # a draft is not sent: finalised first
        before = page.panel.table.rowCount()
        page.panel.page.setText("mục I")
        with qtbot.waitSignal(page.sheet_shown, timeout=20_000):
            page.panel.own_report_button.click()
        assert page.panel.table.rowCount() == before + 1
        row = page.panel.table.rowCount() - 1
        assert "/BC-UBND" in page.panel.table.item(row, 1).text() and page.panel.table.item(row, 3).text() == "mục I"
        line = next(x for x in page.sheet.lines if x.field.id == "s1_tasks_done")  # type: ignore[union-attr]
        added = next(e for e in line.evidence if e.page == "mục I")
        assert added.signer == SIGNER  # the signed PDF, with its signature read
        # A criterion about something else offers only what fits it: every signed report.
        page.select_field("s3_one_stop")
        assert page.panel.own_reports.count() == 1
    finally:
        runner.wait_idle(5000)
        runner.shutdown()


def test_a_finalised_sheet_offers_no_attaching(qtbot: QtBot, runner: TaskRunner, prompter: HeadlessPrompter) -> None:
    page = _page(qtbot, runner, prompter)
    page.select_field("s1_tasks_done")
    assert page.panel.own_reports.count() == 1 and not page.panel.own_report_button.isEnabled()


def test_sending_the_evidence_in_full_again(qtbot: QtBot, runner: TaskRunner, folders: tuple[Path, Path],
                                            prompter: HeadlessPrompter, tmp_path: Path) -> None:
    xa_dir, so_dir = folders
    usb = tmp_path / "usb"
    usb.mkdir()
    # The reviewer had everything (a receipt came back) and then lost one file.
    xa, so = Workspace.open(xa_dir), Workspace.open(so_dir)
    try:
        first = sync.export_package(xa, tmp_path / "first")
        assert sync.import_file(so, first.path).outcome is Outcome.IMPORTED
        from reports.exchange import feedback

        assert sync.import_file(xa, feedback.export_feedback(so, tmp_path / "back")[0].path).outcome is Outcome.IMPORTED
        scoring = next(r for r in xa.store.list() if r.form_id == "tu-cham-diem-xa")
        hashes = {i.sha256 for i in xa.evidence_files.items(scoring.id)}
        lost = sorted(hashes)[0]
        so.evidence_files.path(lost).unlink()
    finally:
        xa.close()
    page = _page(qtbot, runner, prompter)
    assert page.resend_button.isEnabled()
    prompter.queue(usb, False)  # the folder; then "Close" rather than "Open folder"
    with qtbot.waitSignal(page.status_message, timeout=30_000):
        page.resend_button.click()
    assert prompter.last("inform").title
    packages = sorted(usb.glob("*.cchc"))
    assert len(packages) == 1
    members = read_package(packages[0]).members
    assert {f"evidence/{h}" for h in hashes} <= set(members)
    try:
        result = sync.import_file(so, packages[0])
        assert result.outcome is Outcome.ALREADY_HAD and "1" in result.reason, result
        assert so.evidence_files.check_files() == []
    finally:
        so.close()
