"""The reviewer's "Chỉ số CCHC" page: appraise a commune criterion by criterion (refused without
a reason, recorded with one), agree with a whole area, and the ranking with its filters.

Three communes make their sample year (monthly reports and a self-assessment with evidence),
sign and send it through real packages; the reviewer imports them. The page runs against that
data folder through the real task runner."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.prompter import HeadlessPrompter
from desktop.reviewer.par_page import ParIndexPage
from desktop.tasks import TaskRunner
from reports.appraisal.sheet import reviewer_sheet
from reports.cli.main import main as cchc
from tests.gui.conftest import open_runner, read_workspace

COMMUNES = [("25195", "Phường Bình Phước"), ("25210", "Phường Đồng Xoài"), ("25222", "Xã Bù Gia Mập")]
PASSWORD_ENV = "CCHC_GUI_PASSWORD"


def run(*args: str | Path) -> None:
    assert cchc([str(a) for a in args]) == 0, args


@pytest.fixture(scope="module")
def reviewer_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("par")
    mp = pytest.MonkeyPatch()
    mp.setenv(PASSWORD_ENV, "mật-khẩu-2026")
    mp.setenv("CCHC_ACTOR", "Tổ thẩm định 1")
    try:
        so = root / "so"
        run("--data-dir", so, "init", "--role", "reviewer", "--unit-code", "75", "--unit-name",
            "Sở Nội vụ tỉnh Đồng Nai", "--province", "Tỉnh Đồng Nai")
        for code, name in COMMUNES:
            xa = root / code
            run("--data-dir", xa, "init", "--unit-code", code, "--unit-name", name, "--province", "Tỉnh Đồng Nai",
                "--signer-name", f"Chủ tịch {code}")
            run("--data-dir", xa, "sample", "--months", "2")
            run("--data-dir", xa, "keys", "create", "--name", f"Chủ tịch {code}", "--password-env", PASSWORD_ENV)
            ws = read_workspace(xa)
            try:
                finals = [r.id for r in ws.store.list() if r.status.value == "final"]
            finally:
                ws.close()
            for rid in finals:
                run("--data-dir", xa, "sign", rid, "--password-env", PASSWORD_ENV)
            out = root / f"usb-{code}"
            run("--data-dir", xa, "export", "-o", out)
            for package in sorted(out.glob("*.cchc")):
                run("--data-dir", so, "units", "trust", package)
                run("--data-dir", so, "import", package)
    finally:
        mp.undo()
    return so


@pytest.fixture
def page(qtbot: QtBot, qapp: QApplication, reviewer_dir: Path) -> Iterator[tuple[ParIndexPage, HeadlessPrompter]]:
    runner: TaskRunner = open_runner(reviewer_dir)
    prompter = HeadlessPrompter()
    p = ParIndexPage(runner, prompter)
    qtbot.addWidget(p)
    p.resize(1366, 768)
    p.show()
    qtbot.waitUntil(lambda: p.communes.rowCount() == len(COMMUNES), timeout=20_000)
    yield p, prompter
    runner.wait_idle(10_000)
    runner.shutdown()


def first_self_scored(p: ParIndexPage) -> str:
    assert p.view.sheet is not None
    line = next(x for x in p.view.sheet.lines if x.field.self_scored and not x.computed and x.self_points)
    return line.field.id


def select_field(p: ParIndexPage, field_id: str) -> None:
    from PySide6.QtWidgets import QTreeWidgetItemIterator

    it = QTreeWidgetItemIterator(p.view.tree)
    while it.value():
        item = it.value()
        if item.data(0, 0x0100) == field_id:
            p.view.tree.setCurrentItem(item)
            return
        it += 1
    raise AssertionError(field_id)


def test_appraise_a_criterion_with_a_reason_and_agree_with_an_area(qtbot: QtBot, page: tuple[ParIndexPage, HeadlessPrompter],
                                                                  reviewer_dir: Path) -> None:
    p, prompter = page
    p.communes.selectRow(0)
    qtbot.waitUntil(lambda: p.view.sheet is not None, timeout=10_000)
    fid = first_self_scored(p)
    select_field(p, fid)
    line = p.view.current_line()
    assert line is not None and line.self_points
    # a lower score without a reason is refused, nothing stored
    p.view.points.setValue(0)
    p.view.reason.clear()
    p.view.save_button.click()
    qtbot.waitUntil(lambda: "error" in prompter.kinds(), timeout=10_000)
    assert "lý do" in prompter.last("error").text
    ws = read_workspace(reviewer_dir)
    try:
        assert next(x for x in reviewer_sheet(ws, p.view.sheet.report_id).lines if x.field.id == fid).appraised is None
    finally:
        ws.close()
    # with a reason it is recorded, shown, and the ranking follows
    p.view.reason.setText("Tài liệu kiểm chứng không đúng năm đánh giá.")
    p.view.save_button.click()
    qtbot.waitUntil(lambda: p.view.current_line() is not None and p.view.current_line().appraised is not None, timeout=10_000)
    assert p.view.current_line().appraised.points == 0
    assert p.view.current_line().appraised.appraiser
    before = p.view.sheet.appraised_count
    p.view.agree_area_button.click()
    qtbot.waitUntil(lambda: p.view.sheet is not None and p.view.sheet.appraised_count > before, timeout=10_000)
    # the criterion appraised differently is kept when agreeing with its area
    select_field(p, fid)
    assert p.view.current_line().appraised.points == 0


def test_the_ranking_tab_filters_and_charts(qtbot: QtBot, page: tuple[ParIndexPage, HeadlessPrompter]) -> None:
    p, _ = page
    p.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: p.table.rowCount() == len(COMMUNES), timeout=10_000)
    ranks = [int(p.table.item(r, 0).text()) for r in range(p.table.rowCount())]
    assert ranks == sorted(ranks) and ranks[0] == 1
    p.filter.setText("bu gia")  # typed without diacritics, as the board's search allows
    visible = [r for r in range(p.table.rowCount()) if not p.table.isRowHidden(r)]
    assert [p.table.item(r, 1).text() for r in visible] == ["25222"]
    p.filter.clear()
    assert "provisional" in p.note.text() or "tạm tính" in p.note.text()
