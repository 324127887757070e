"""The reviewer's screens and models: the board (3,321 × 12 too), the inbox's results, the
consolidation table, the comparison bars, the trust page."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.prompter import HeadlessPrompter
from desktop.reviewer.board_model import STATE_ROLE, BoardFilterModel, BoardTableModel
from desktop.reviewer.board_view import BoardPage
from desktop.reviewer.compare_page import RankedBars
from desktop.reviewer.consolidate_page import ConsolidationModel
from desktop.reviewer.inbox import ImportResultModel
from desktop.reviewer.trust_page import TrustPage
from desktop.tasks import TaskRunner
from forms.periods import Period
from reports.admin_units import fold
from reports.cli.main import main as cchc
from reports.exchange.board import STATES, BoardMatrix, BoardState
from reports.exchange.consolidation import ConsolidatedSection
from reports.exchange.sync import ImportResult, Outcome
from reports.storage.unit import Role, Unit
from tests.gui.conftest import open_runner

REVIEWER = Unit(
    role=Role.REVIEWER,
    code="75",
    name="Sở Nội vụ tỉnh Đồng Nai",
    province_name="Tỉnh Đồng Nai",
    province_code="75",
)


def synthetic_matrix(rows: int, months: int = 12) -> BoardMatrix:
    periods = [Period.month(2026, 1)]
    while len(periods) < months:
        periods.append(periods[-1].next())
    codes = [f"{i:05d}" for i in range(rows)]
    names = [("Xã Xuân Định" if i == 1 else f"Phường Số {i}") for i in range(rows)]
    states = [bytes((i + c) % len(STATES) for c in range(months)) for i in range(rows)]
    totals = [[0] * len(STATES) for _ in periods]
    for row in states:
        for c, s in enumerate(row):
            totals[c][s] += 1
    ids = {(i, c): 1000 * i + c for i in range(rows) for c in range(months) if states[i][c] >= 2}
    return BoardMatrix(
        REVIEWER,
        periods,
        codes,
        names,
        [fold(f"{c} {n}") for c, n in zip(codes, names, strict=True)],
        states,
        ids,
        totals,
    )


def test_board_model_passes_the_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = BoardTableModel()
    qtmodeltester.check(model)
    model.set_matrix(synthetic_matrix(40))
    qtmodeltester.check(model)
    proxy = BoardFilterModel()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    assert model.data(model.index(0, 1), STATE_ROLE) == BoardState.NOT_DUE.value
    assert model.headerData(1, Qt.Orientation.Horizontal).startswith("01/2026")


def test_board_search_ignores_diacritics_and_filters_by_state(qtbot: QtBot) -> None:
    runner = TaskRunner()
    try:
        page = BoardPage(runner)
        qtbot.addWidget(page)
        page.set_matrix(synthetic_matrix(30, 3))
        page.search.setText("xuan dinh")
        assert page.proxy.rowCount() == 1
        assert page.model.data(page.proxy.mapToSource(page.proxy.index(0, 0))) == "Xã Xuân Định"
        page.search.setText("")
        page.state_filter.setCurrentIndex(1 + STATES.index(BoardState.RETURNED))
        assert 0 < page.proxy.rowCount() < 30
        assert "trong 30" in page.count_label.text()
        source = page.proxy.mapToSource(page.proxy.index(0, 1))
        wanted = page.model.report_id(source.row(), source.column())
        with qtbot.waitSignal(
            page.report_requested, timeout=1000, check_params_cb=lambda rid: rid == wanted
        ) as s:
            page.table.doubleClicked.emit(page.proxy.index(0, 1))
        assert s.signal_triggered or wanted is None
    finally:
        runner.shutdown()


def test_the_board_opens_at_the_current_month(qtbot: QtBot) -> None:
    # The reviewer's page on a 1366-pixel screen, once the sidebar is drawn: about 1,000 pixels
    # for 12 months after the commune names. December is the month being prepared.
    runner = TaskRunner()
    try:
        page = BoardPage(runner)
        qtbot.addWidget(page)
        page.resize(1000, 700)
        page.show()
        qtbot.waitExposed(page)
        matrix = dataclasses.replace(synthetic_matrix(40), current=11)
        page.set_matrix(matrix)
        table, column = page.table, 12
        left = table.columnViewportPosition(column)
        assert left >= 0 and left + table.columnWidth(column) <= table.viewport().width()
        # Hidden while the matrix arrives (another page shown): scrolled when it is shown.
        page.hide()
        page.table.horizontalScrollBar().setValue(0)
        page.set_matrix(dataclasses.replace(matrix, current=10))
        page.show()
        qtbot.waitExposed(page)
        left = table.columnViewportPosition(11)
        assert left >= 0 and left + table.columnWidth(11) <= table.viewport().width()
    finally:
        runner.shutdown()


def test_a_whole_province_board_fills_and_paints(qtbot: QtBot) -> None:
    # How fast is the bench's business (bench_reviewer: first paint against 300 ms).
    runner = TaskRunner()
    try:
        page = BoardPage(runner)
        qtbot.addWidget(page)
        page.resize(1200, 800)
        page.show()
        qtbot.waitExposed(page)
        matrix = synthetic_matrix(3321)
        page.set_matrix(matrix)
        page.table.viewport().repaint()
        QApplication.processEvents()
        assert page.model.rowCount() == 3321 and page.model.columnCount() == 13
    finally:
        runner.shutdown()


def test_import_result_model(qtmodeltester, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    model = ImportResultModel()
    qtmodeltester.check(model)
    model.append(ImportResult("a.cchc", Outcome.IMPORTED, sender="26116"), tmp_path / "a.cchc", str(tmp_path))
    refused = ImportResult(
        "b.cchc", Outcome.REFUSED, "gói bị hỏng.", "damaged.", quarantined=tmp_path / "q" / "b.cchc"
    )
    model.append(refused, tmp_path / "b.cchc", str(tmp_path))
    qtmodeltester.check(model)
    assert model.data(model.index(1, 1)) == "Bị từ chối"
    assert "gói bị hỏng." in model.data(model.index(1, 3)) and "cách ly" in model.data(model.index(1, 3))
    assert model.counts()[Outcome.IMPORTED] == 1


def test_consolidation_model_has_the_total_row(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = ConsolidationModel()
    qtmodeltester.check(model)
    sections = [
        ConsolidatedSection(
            "I",
            "Chỉ đạo",
            [("meetings", "Số cuộc họp", "cuộc")],
            [("26116", "Xã Tân Phú", [3]), ("26461", "Xã Xuân Định", [2])],
            [5],
        ),
        ConsolidatedSection(
            "II",
            "TTHC",
            [("rate", "Tỷ lệ", "%")],
            [("26116", "Xã Tân Phú", [90.0]), ("26461", "Xã Xuân Định", [80.0])],
            [85.5],
        ),
    ]
    model.set_sections(sections)
    qtmodeltester.check(model)
    assert model.rowCount() == 3 and model.columnCount() == 4
    assert (
        model.data(model.index(2, 1)) == "Tổng cộng toàn tỉnh"
        and model.total(2) == 5
        and model.total(3) == 85.5
    )


def test_ranked_bars_paint(qtbot: QtBot) -> None:
    bars = RankedBars()
    qtbot.addWidget(bars)
    bars.resize(600, 200)
    bars.set_bars([("Xã Tân Phú", 12.0), ("Xã Xuân Định", 7.5)])
    assert not bars.grab().isNull()
    assert "Xã Tân Phú: 12" in bars.accessibleDescription()


@pytest.fixture
def trusting_reviewer(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    so, xa = tmp_path / "so", tmp_path / "xa"
    assert (
        cchc(
            [
                "--data-dir",
                str(so),
                "init",
                "--role",
                "reviewer",
                "--unit-code",
                "75",
                "--unit-name",
                "Sở Nội vụ tỉnh Đồng Nai",
                "--province",
                "Tỉnh Đồng Nai",
            ]
        )
        == 0
    )
    assert (
        cchc(
            [
                "--data-dir",
                str(xa),
                "init",
                "--unit-code",
                "26116",
                "--unit-name",
                "Xã Tân Phú",
                "--province",
                "Tỉnh Đồng Nai",
            ]
        )
        == 0
    )
    pem = tmp_path / "cai-dat.pem"
    assert cchc(["--data-dir", str(xa), "keys", "export-cert", "--installation", "-o", str(pem)]) == 0
    assert cchc(["--data-dir", str(so), "units", "trust", "--unit", "26116", "--cert", str(pem)]) == 0
    capsys.readouterr()
    return so


def test_trust_page_lists_and_revokes(qtbot: QtBot, trusting_reviewer: Path, tmp_path: Path) -> None:
    runner = open_runner(trusting_reviewer)
    prompter = HeadlessPrompter(strict=True)
    try:
        page = TrustPage(runner, prompter)
        qtbot.addWidget(page)
        page.refresh()
        assert runner.wait_idle(10_000)
        assert page.table.rowCount() == 1 and page.table.item(0, 1).text() == "Xã Tân Phú"
        assert "gắn ngày" in page.table.item(0, 4).text()
        page.table.selectRow(0)
        prompter.queue(True)
        page.revoke_button.click()
        assert runner.wait_idle(10_000)
        assert prompter.last("ask_yes_no").title == "Thu hồi chứng thư?"
        assert "đã thu hồi" in page.table.item(0, 4).text()
        prompter.queue(str(tmp_path / "cai-dat.pem"))
        page.root_button.click()
        assert runner.wait_idle(10_000)
        assert "Chứng thư gốc" in page.roots.text()
    finally:
        runner.wait_idle(5000)
        runner.shutdown()


def test_a_reviewer_installation_opens_the_reviewer_window(qtbot: QtBot, trusting_reviewer: Path) -> None:
    from desktop.app import Application, parse_args
    from desktop.reviewer.window import Page, ReviewerWindow

    for _start in ("first", "second: shown from the last start's hint, before the database opens"):
        app = Application(
            parse_args(["--data-dir", str(trusting_reviewer), "--no-err-windows"]), install_hooks=False
        )
        try:
            assert app.build()
            window = app.window
            assert isinstance(window, ReviewerWindow)
            assert [window.nav.item(i).text() for i in range(5)] == [
                "Hộp thư đến",
                "Bảng theo dõi",
                "Tổng hợp",
                "So sánh",
                "Tin cậy",
            ]
            assert app.runner.wait_idle(20_000)
            assert app.window is window  # nothing changed since the last start
            assert window.pages.currentIndex() == Page.BOARD and window.board.model.rowCount() > 50
            window.nav.setCurrentRow(window.nav.count() - 1)  # a page the composition root added
            assert window.pages.currentWidget() is not window.report_view
        finally:
            app.shutdown()


def test_forms_page_installs_and_publishes(qtbot: QtBot, trusting_reviewer: Path, tmp_path: Path) -> None:
    from desktop.reviewer.forms_page import FormsPage
    from forms.definition import BUILTIN_DIR

    source = (BUILTIN_DIR / "cchc-xa-v1.toml").read_text(encoding="utf-8")
    form_file = tmp_path / "cchc-xa-v2.toml"
    form_file.write_text(source.replace("\nversion = 1\n", "\nversion = 2\n", 1), encoding="utf-8")
    bad = tmp_path / "sai.toml"
    bad.write_text(source.replace("\nversion = 1\n", "\nversion = 3\n", 1).replace('type = "integer"', 'type = "so"', 1),
                   encoding="utf-8")
    runner = open_runner(trusting_reviewer)
    prompter = HeadlessPrompter(strict=True)
    try:
        page = FormsPage(runner, prompter)
        qtbot.addWidget(page)
        page.refresh()
        assert runner.wait_idle(10_000)
        assert page.table.item(0, 3).text() == "có sẵn trong chương trình"
        prompter.queue(str(bad))
        page.install_button.click()
        assert runner.wait_idle(10_000)
        assert "dòng" in prompter.last("error").text and "sai.toml" in prompter.last("error").text
        prompter.queue(str(form_file))
        page.install_button.click()
        assert runner.wait_idle(10_000)
        row = next(r for r in range(page.table.rowCount()) if page.table.item(r, 1).text() == "2")
        assert page.table.item(row, 3).text() == "do cơ quan này ban hành"
        page.table.selectRow(row)
        assert page.publish_button.isEnabled()
        prompter.queue(True)
        page.publish_button.click()
        assert runner.wait_idle(10_000)
        assert page.table.item(row, 4).text()  # published on that day
        assert "2025, 2026" in page.calendar_label.text()
    finally:
        runner.wait_idle(5000)
        runner.shutdown()


def test_the_inbox_registers_the_day_a_stick_was_handed_over(
    qtbot: QtBot, trusting_reviewer: Path, tmp_path: Path
) -> None:
    import datetime as dt

    from PySide6.QtCore import QDate

    from desktop.reviewer.inbox import InboxPage
    from reports.clock import local_date, parse_iso
    from reports.workspace import Workspace

    xa = tmp_path / "xa"
    assert cchc(["--data-dir", str(xa), "sample", "--months", "1"]) == 0
    assert cchc(["--data-dir", str(xa), "export", "-o", str(tmp_path / "usb")]) == 0
    runner = open_runner(trusting_reviewer)
    prompter = HeadlessPrompter(strict=True)
    try:
        page = InboxPage(runner, prompter)
        qtbot.addWidget(page)
        assert not page.arrived_date.isEnabled()
        page.arrived_check.setChecked(True)
        assert page.arrived_date.isEnabled()
        day = dt.date.today() - dt.timedelta(days=2)
        page.arrived_date.setDate(QDate(day.year, day.month, day.day))
        page.import_paths([tmp_path / "usb"])
        qtbot.waitUntil(lambda: not page.busy, timeout=60_000)
        assert runner.wait_idle(10_000)
        assert [r.outcome for r in page.model.results] == [Outcome.IMPORTED]
    finally:
        runner.wait_idle(5000)
        runner.shutdown()
    ws = Workspace.open(trusting_reviewer)
    try:
        received = [r for r in ws.store.list() if r.origin == "imported"]
        assert received and all(r.arrival_source == "entered" for r in received)
        assert {local_date(parse_iso(r.submitted_at or "")) for r in received} == {day}
    finally:
        ws.close()
