"""The reports list: the table model (checked by qtmodeltester), its filter, and
"Tạo báo cáo kỳ này"."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from desktop import jobs
from desktop.jobs import ReportRow
from desktop.prompter import HeadlessPrompter
from desktop.report_list import ReportListPage
from desktop.report_model import ROW_ROLE, Column, ReportFilterProxyModel, ReportTableModel
from forms.periods import Period, PeriodKind
from reports.clock import local_date
from reports.storage.lifecycle import Status
from tests.gui.conftest import open_runner, read_workspace


def _row(id_: int, period: str, status: Status, *, late: bool = False, revision: int = 1) -> ReportRow:
    return ReportRow(
        id=id_,
        period=Period.parse(period),
        form_id="cchc-xa",
        form_title="Báo cáo định kỳ công tác cải cách hành chính cấp xã",
        revision=revision,
        status=status,
        deadline=dt.date(2026, 11, 18),
        late=late,
        updated_at=dt.datetime(2026, 11, 16, 3, 32, tzinfo=dt.UTC),
        is_latest=True,
        form_title_en="Commune periodic administrative reform report",
    )


ROWS = [
    _row(1, "2026-11", Status.DRAFT, late=True),
    _row(2, "2026-10", Status.SENT),
    _row(3, "2025-12", Status.ACCEPTED),
    _row(4, "2025", Status.RETURNED, revision=2),
]


def test_model_passes_qtmodeltester(qtmodeltester: ModelTester) -> None:
    model = ReportTableModel()
    qtmodeltester.check(model)
    model.set_rows(ROWS)
    qtmodeltester.check(model)
    proxy = ReportFilterProxyModel()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)


def test_model_shows_vietnamese_labels_dates_and_vietnam_time(qapp: object) -> None:
    model = ReportTableModel()
    model.set_rows(ROWS)

    def text(row: int, col: Column) -> str:
        return model.index(row, col).data()

    assert model.headerData(Column.PERIOD, Qt.Orientation.Horizontal) == "Kỳ báo cáo"
    assert text(0, Column.PERIOD) == "Tháng 11 năm 2026"
    assert text(3, Column.PERIOD) == "Năm 2025"
    assert text(0, Column.STATUS) == "Đang soạn"
    assert text(3, Column.STATUS) == "Bị trả lại"
    assert text(0, Column.DEADLINE) == "18/11/2026 (quá hạn)"
    assert text(1, Column.DEADLINE) == "18/11/2026"
    assert text(0, Column.SAVED) == "16/11/2026 10:32"  # 03:32 UTC is 10:32 in Vietnam
    assert text(3, Column.REVISION) == "2"
    status_bg = model.index(0, Column.STATUS).data(Qt.ItemDataRole.BackgroundRole)
    assert isinstance(status_bg, QColor)  # a colour, which the view paints as a brush of it
    assert status_bg != model.index(2, Column.STATUS).data(Qt.ItemDataRole.BackgroundRole)
    assert model.index(0, Column.DEADLINE).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.index(1, Column.DEADLINE).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.index(2, 0).data(ROW_ROLE).id == 3


def test_english_labels(qapp: object) -> None:
    model = ReportTableModel(lang="en")
    model.set_rows(ROWS)
    assert model.index(0, Column.STATUS).data() == "Draft"
    assert model.index(0, Column.PERIOD).data() == "November 2026"
    assert model.index(0, Column.FORM).data() == "Commune periodic administrative reform report"


def test_filter_by_year_and_status(qapp: object) -> None:
    model = ReportTableModel()
    model.set_rows(ROWS)
    proxy = ReportFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.set_year(2025)
    assert sorted(proxy.row_at(r).id for r in range(proxy.rowCount())) == [3, 4]
    proxy.set_status(Status.RETURNED)
    assert [proxy.row_at(r).id for r in range(proxy.rowCount())] == [4]
    proxy.set_year(None)
    proxy.set_status(Status.SENT)
    assert [proxy.row_at(r).id for r in range(proxy.rowCount())] == [2]
    assert model.years() == [2026, 2025]


def test_sorting_by_period_puts_the_newest_first(qapp: object) -> None:
    model = ReportTableModel()
    model.set_rows(list(reversed(ROWS)))
    proxy = ReportFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.sort(Column.PERIOD, Qt.SortOrder.DescendingOrder)
    assert [proxy.row_at(r).period.code for r in range(proxy.rowCount())] == [
        "2026-11",
        "2026-10",
        "2025",
        "2025-12",
    ]


@pytest.fixture
def page(qtbot: QtBot, sample_dir: Path, prompter: HeadlessPrompter) -> ReportListPage:
    runner = open_runner(sample_dir)
    p = ReportListPage(runner, prompter)
    qtbot.addWidget(p)
    p.show()
    with qtbot.waitSignal(p.rows_loaded):
        p.refresh()
    yield p
    runner.wait_idle()
    runner.shutdown()


def test_page_lists_the_reports_and_filters_them(
    qtbot: QtBot, page: ReportListPage, qtmodeltester: ModelTester
) -> None:
    assert page.model.rowCount() == 7  # six months and last year's self-assessment
    qtmodeltester.check(page.proxy)
    last_year = str(dt.date.today().year - 1)
    page.year_combo.setCurrentIndex(page.year_combo.findText(last_year))
    assert all(page.proxy.row_at(r).period.year == int(last_year) for r in range(page.proxy.rowCount()))
    page.status_combo.setCurrentIndex(page.status_combo.findText("Đã gửi"))
    assert page.proxy.rowCount() == 0
    assert page.empty_label.isVisibleTo(page)
    assert page.empty_label.text() == "Không có báo cáo nào phù hợp với bộ lọc."


def test_enter_or_double_click_opens_the_report(qtbot: QtBot, page: ReportListPage) -> None:
    page.table.setFocus()
    page.table.selectRow(1)
    wanted = page.current_row()
    assert wanted is not None
    with qtbot.waitSignal(page.open_requested) as opened:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened.args == [wanted.id]
    with qtbot.waitSignal(page.open_requested) as opened:
        page.open_button.click()
    assert opened.args == [wanted.id]


def test_create_this_periods_report_copies_the_previous_figures(
    qtbot: QtBot, page: ReportListPage, prompter: HeadlessPrompter, sample_dir: Path
) -> None:
    ws = read_workspace(sample_dir)
    try:
        expected = ws.policy().current_period(PeriodKind.MONTH, local_date(ws.clock()))
    finally:
        ws.close()
    qtbot.waitUntil(lambda: expected.label("vi") in page.plan_label.text())  # loaded after the rows
    prompter.queue(True)  # "Chép số liệu kỳ trước"
    with qtbot.waitSignal(page.open_requested, timeout=10_000) as opened:
        qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    question = prompter.last("ask_yes_no")
    assert question.title == "Tạo báo cáo"
    assert expected.label("vi") in question.text
    ws = read_workspace(sample_dir)
    try:
        report = ws.store.get(opened.args[0])
        assert report.period == expected and report.status is Status.DRAFT
        assert report.values.get("tthc_published")  # copied from the previous report
    finally:
        ws.close()
    # Once the report exists the button says "open" (it kept reading "create") and opens it,
    # without a message box in the way.
    with qtbot.waitSignal(page.rows_loaded):
        page.refresh()
    qtbot.waitUntil(lambda: page.create_button.text() == "&Mở báo cáo kỳ này")
    calls = len(prompter.calls)
    with qtbot.waitSignal(page.open_requested, timeout=10_000) as again:
        page.create_button.click()
    assert again.args == opened.args
    assert len(prompter.calls) == calls


def test_report_rows_job_marks_only_the_newest_revision_late(sample_dir: Path) -> None:
    ws = read_workspace(sample_dir)
    try:
        first = ws.store.list(year=None)[0]
        ws.store.amend(first.id)
        rows = jobs.report_rows(ws)
        old = next(r for r in rows if r.id == first.id)
        assert not old.is_latest and not old.late
    finally:
        ws.close()


def test_an_exported_report_is_marked_sent_when_the_official_says_so(
    qtbot: QtBot, sample_dir: Path, prompter: HeadlessPrompter, tmp_path: Path
) -> None:
    from reports.cli.main import main as cchc

    assert cchc(["--data-dir", str(sample_dir), "export", "-o", str(tmp_path / "usb")]) == 0
    runner = open_runner(sample_dir)
    page = ReportListPage(runner, prompter)
    qtbot.addWidget(page)
    page.show()
    try:
        with qtbot.waitSignal(page.rows_loaded):
            page.refresh()
        row = next(r for r in range(page.proxy.rowCount()) if page.proxy.row_at(r).status is Status.EXPORTED)
        page.table.selectRow(row)
        exported = page.current_row()
        assert exported is not None and page.handed_over_button.isVisibleTo(page)
        assert page.model.data(page.model.index_of(exported.id).siblingAtColumn(3)) == "Đã xuất gói, chờ gửi"
        prompter.queue(True)
        with qtbot.waitSignal(page.rows_loaded):
            page.handed_over_button.click()
        assert prompter.last("ask_yes_no").title == "Ghi nhận báo cáo đã gửi?"
        assert page.current_row() is not None and page.current_row().status is Status.SENT  # type: ignore[union-attr]
        assert not page.handed_over_button.isVisibleTo(page)
    finally:
        runner.wait_idle()
        runner.shutdown()
