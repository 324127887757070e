"""Settings, the overview and "create another report": what they show and what they store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.appearance import STYLE_SHEET, apply_text_size, set_font_scale
from desktop.jobs import form_choices
from desktop.new_report_dialog import NewReportDialog
from desktop.overview import OverviewPage
from desktop.prompter import HeadlessPrompter
from desktop.settings_page import SettingsPage
from desktop.tasks import TaskRunner
from forms.periods import Period
from tests.gui.conftest import open_runner, read_workspace


@pytest.fixture
def sample_runner(qapp: QApplication, sample_dir: Path) -> Iterator[TaskRunner]:
    runner = open_runner(sample_dir)
    yield runner
    runner.wait_idle()
    runner.shutdown()


@pytest.fixture
def page(qtbot: QtBot, sample_runner: TaskRunner, prompter: HeadlessPrompter) -> SettingsPage:
    p = SettingsPage(sample_runner, prompter)
    qtbot.addWidget(p)
    p.show()
    p.refresh()
    qtbot.waitUntil(lambda: p.name_edit.text() == "Xã Tân Phú")
    return p


def test_settings_show_the_unit_the_deadlines_and_where_the_data_is(
    page: SettingsPage, sample_dir: Path
) -> None:
    assert page.unit_code_label.text() == "26116 (Tỉnh Đồng Nai)"
    assert page.signer_name_edit.text() == "Trần Văn Bình"
    assert page.cutoff_spin.value() == 14 and page.working_days_spin.value() == 2
    assert page.deadline_day_spin.text() == "không dùng"
    assert page.language_combo.currentData() == "vi"
    assert page.text_size_combo.currentText() == "Bình thường"
    assert page.data_dir_label.text() == str(sample_dir)
    assert page.logs_dir_label.text() == str(sample_dir / "logs")
    assert page.version_label.text() == __import__("reports").__version__


def test_saving_stores_the_unit_and_the_settings_together(
    qtbot: QtBot, page: SettingsPage, sample_dir: Path, prompter: HeadlessPrompter
) -> None:
    page.signer_name_edit.setText("Lê Thị Hoa")
    page.authority_combo.setCurrentIndex(page.authority_combo.findData("KT"))
    page.cutoff_spin.setValue(20)
    page.signing_combo.setCurrentIndex(page.signing_combo.findData("p12"))
    prompter.queue("/tmp/chu-tich.p12")
    page.p12_field.choose_button.click()
    assert page.p12_field.text() == "/tmp/chu-tich.p12"
    sizes: list[str] = []
    page.text_size_changed.connect(sizes.append)
    page.text_size_combo.setCurrentIndex(page.text_size_combo.findData("large"))
    with qtbot.waitSignal(page.saved):
        page.save_button.click()
    assert sizes == ["large"]
    ws = read_workspace(sample_dir)
    try:
        unit = ws.unit
        assert unit is not None and (unit.signer_name, unit.signer_authority) == ("Lê Thị Hoa", "KT")
        assert ws.settings.get("cutoff_day") == 20
        assert ws.settings.get("signing_method") == "p12"
        assert ws.settings.get("p12_path") == "/tmp/chu-tich.p12"
        assert ws.settings.get("text_size") == "large"
    finally:
        ws.close()


def test_recipients_and_the_archive_line_are_stored(
    qtbot: QtBot, page: SettingsPage, sample_dir: Path
) -> None:
    assert "TT Đảng ủy, HĐND xã;" in page.copies_edit.toPlainText()  # a commune's default
    assert page.authority_combo.itemText(0).startswith("TM.")
    page.copies_edit.setPlainText("Như trên;\nThường trực Đảng ủy xã;")
    page.archive_edit.setText("VT, VP")
    with qtbot.waitSignal(page.saved):
        page.save_button.click()
    ws = read_workspace(sample_dir)
    try:
        assert ws.settings.get("copies_to") == "Như trên;\nThường trực Đảng ủy xã;"
        assert ws.settings.get("archive_units") == "VT, VP"
    finally:
        ws.close()


def test_a_reviewing_office_sees_its_own_signer_choices(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, prompter: HeadlessPrompter
) -> None:
    from reports.cli.main import main as cchc

    folder = tmp_path / "so"
    assert cchc(["--data-dir", str(folder), "init", "--role", "reviewer", "--unit-code", "01",
                 "--unit-name", "Sở Nội vụ Thành phố Hà Nội", "--province", "Thành phố Hà Nội"]) == 0
    runner = open_runner(folder)
    try:
        p = SettingsPage(runner, prompter)
        qtbot.addWidget(p)
        p.refresh()
        qtbot.waitUntil(lambda: p.name_edit.text() == "Sở Nội vụ Thành phố Hà Nội")
        assert (p.place_edit.text(), p.signer_title_edit.text(), p.symbol_edit.text()) == (
            "Hà Nội", "GIÁM ĐỐC", "BC-SNV",
        )
        assert p.authority_combo.itemText(0) == "Giám đốc ký (không có dòng thẩm quyền)"
        assert "KT. (Phó Giám đốc" in p.authority_combo.itemText(1)
        assert "Bộ Nội vụ" in p.copies_edit.toPlainText() and "xã" not in p.copies_edit.toPlainText()
        assert p.archive_edit.text() == "VT, CCHC"
    finally:
        runner.wait_idle()
        runner.shutdown()


def test_an_empty_name_is_refused(page: SettingsPage, prompter: HeadlessPrompter) -> None:
    page.name_edit.setText("  ")
    page.save_button.click()
    assert prompter.last("warning").text == "Tên đơn vị không được để trống."


def test_open_the_data_folder_goes_through_the_prompter(
    page: SettingsPage, prompter: HeadlessPrompter, sample_dir: Path
) -> None:
    page.open_data_button.click()
    assert prompter.last("show_folder").title == str(sample_dir)


def test_text_size_applies_to_the_whole_program_and_its_headings(qtbot: QtBot, page: SettingsPage) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    sheet = app.styleSheet()
    # Under the program's style sheet, as it runs (it passed alone and failed after a test that
    # had installed it: repolishing gave the headings back their old size).
    app.setStyleSheet(STYLE_SHEET)
    heading = page.findChildren(type(page.unit_code_label))[0]
    set_font_scale(heading, 1.5, bold=True)
    try:
        apply_text_size(app, "very_large")
        assert QApplication.font().pointSizeF() == 16.5
        assert heading.font().pointSizeF() == pytest.approx(16.5 * 1.5)
        apply_text_size(app, "normal")
        assert heading.font().pointSizeF() == pytest.approx(18.0)
    finally:
        apply_text_size(app, "normal")
        app.setStyleSheet(sheet)


def test_overview_draws_the_last_periods(qtbot: QtBot, sample_runner: TaskRunner) -> None:
    page = OverviewPage(sample_runner)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    qtbot.waitUntil(lambda: bool(page.current_label.text()))
    assert page.current_label.text().startswith("Kỳ này: tháng ")
    assert "Tiếp nhận" in page.files_chart.accessibleDescription()
    assert page.scores_chart.isVisibleTo(page)
    page.files_chart.grab()  # paints without error


def test_create_another_report_dialog(qtbot: QtBot, sample_runner: TaskRunner) -> None:
    forms = sample_runner.call(form_choices)
    dialog = NewReportDialog(forms, Period.parse("2026-11"))
    qtbot.addWidget(dialog)
    assert dialog.period_combo.currentText() == "Tháng 11 năm 2026"
    dialog.form_combo.setCurrentIndex(dialog.form_combo.findData("tu-cham-diem-xa"))
    # the period kinds the newest criteria set allows (the v2 sample scores a whole year)
    assert [dialog.kind_combo.itemText(i) for i in range(dialog.kind_combo.count())] == ["Năm"]
    dialog.year_spin.setValue(2026)
    with qtbot.waitSignal(dialog.chosen) as chosen:
        dialog.ok_button.click()
    assert chosen.args == ["2026", "tu-cham-diem-xa"]


def test_in_english_the_dialog_names_the_forms_in_english(qtbot: QtBot, sample_runner: TaskRunner) -> None:
    dialog = NewReportDialog(sample_runner.call(form_choices), Period.parse("2026-11"), lang="en")
    qtbot.addWidget(dialog)
    titles = {dialog.form_combo.itemData(i): dialog.form_combo.itemText(i) for i in range(dialog.form_combo.count())}
    assert titles == {
        "cchc-xa": "Commune periodic administrative reform report",
        "tu-cham-diem-xa": "Commune administrative reform (PAR) index: self-assessment sheet (sample)",
    }
