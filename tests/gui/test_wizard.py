"""The first-run wizard: search the official list without diacritics, finish, and find the unit
stored in the data folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from desktop.i18n import Translations
from desktop.prompter import HeadlessPrompter
from desktop.tasks import TaskRunner
from desktop.wizard import PageId, SetupWizard
from reports.storage.unit import Role
from tests.gui.conftest import read_workspace
from tests.gui.helpers import commit_text, type_text


@pytest.fixture
def wizard(qtbot: QtBot, runner: TaskRunner, prompter: HeadlessPrompter) -> SetupWizard:
    w = SetupWizard(runner, prompter)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.catalog is not None)
    return w


def _go_to(wizard: SetupWizard, page: PageId) -> None:
    while wizard.currentId() != page:
        wizard.next()


def test_it_speaks_vietnamese_by_default(wizard: SetupWizard) -> None:
    assert wizard.windowTitle() == "Báo cáo CCHC: thiết lập lần đầu"
    assert wizard.welcome_page.title() == "Chào mừng đến với Báo cáo CCHC"
    assert wizard.buttonText(QWizard.WizardButton.NextButton) == "&Tiếp theo >"
    assert wizard.welcome_page.vi_radio.isChecked()


def test_choosing_english_retranslates_the_wizard_at_once(
    qtbot: QtBot, wizard: SetupWizard, vietnamese: Translations
) -> None:
    wizard.language_changed.connect(vietnamese.install)  # what the composition root connects
    wizard.welcome_page.en_radio.setChecked(True)
    qtbot.waitUntil(lambda: wizard.welcome_page.title() == "Welcome to Báo cáo CCHC")
    assert wizard.buttonText(QWizard.WizardButton.NextButton) == "&Next >"
    assert wizard.lang == "en"
    wizard.welcome_page.vi_radio.setChecked(True)
    qtbot.waitUntil(lambda: wizard.welcome_page.title() == "Chào mừng đến với Báo cáo CCHC")


def test_search_ignores_diacritics(qtbot: QtBot, wizard: SetupWizard) -> None:
    _go_to(wizard, PageId.UNIT)
    picker = wizard.unit_page.picker
    assert not wizard.unit_page.isComplete()
    qtbot.keyClicks(picker.search_edit, "tan phu")  # typed without accents
    plain = picker.result_names()
    assert "Xã Tân Phú" in plain
    assert all("Tân Ph" in n for n in plain)
    picker.search_edit.clear()
    type_text(picker.search_edit, "Tân Phú")  # typed with accents: the same communes
    assert picker.search_edit.text() == "Tân Phú"
    assert picker.result_names() == plain


def test_search_within_a_province_and_with_dd(qtbot: QtBot, wizard: SetupWizard) -> None:
    _go_to(wizard, PageId.UNIT)
    picker = wizard.unit_page.picker
    picker.province_combo.setCurrentIndex(picker.province_combo.findText("Tỉnh Đồng Nai"))
    qtbot.keyClicks(picker.search_edit, "tan phu")
    assert [c.name for c in picker.result_communes()][:1] == ["Xã Tân Phú"]
    assert {c.province_name for c in picker.result_communes()} == {"Tỉnh Đồng Nai"}
    picker.search_edit.clear()
    commit_text(picker.search_edit, "đ")  # "đ" finds names with Đ / đ, as "d" does
    with_dd = set(picker.result_names())
    picker.search_edit.clear()
    qtbot.keyClicks(picker.search_edit, "d")
    assert set(picker.result_names()) == with_dd and with_dd


def test_the_keyboard_reaches_the_results(qtbot: QtBot, wizard: SetupWizard) -> None:
    _go_to(wizard, PageId.UNIT)
    picker = wizard.unit_page.picker
    qtbot.keyClicks(picker.search_edit, "tan phu")
    qtbot.keyClick(picker.search_edit, Qt.Key.Key_Down)
    assert picker.commune() is not None
    assert wizard.unit_page.isComplete()


def test_finishing_creates_the_unit(qtbot: QtBot, wizard: SetupWizard, data_dir: Path) -> None:
    _go_to(wizard, PageId.UNIT)
    picker = wizard.unit_page.picker
    picker.province_combo.setCurrentIndex(picker.province_combo.findText("Tỉnh Đồng Nai"))
    qtbot.keyClicks(picker.search_edit, "tan phu")
    assert picker.commune() is not None  # the only match is chosen
    wizard.next()
    people = wizard.people_page
    assert people.reviewer_edit.text() == "Sở Nội vụ tỉnh Đồng Nai"
    assert people.place_edit.text() == "Tân Phú"
    assert people.symbol_edit.text() == "BC-UBND"
    type_text(people.preparer_name_edit, "Nguyễn Thị Lan")
    type_text(people.signer_name_edit, "Lê Văn Đức")
    people.kt_radio.setChecked(True)
    assert people.signer_title_edit.text() == "Phó Chủ tịch"
    wizard.next()
    wizard.signing_page.token_radio.setChecked(True)
    type_text(wizard.signing_page.token_label_edit, "VNPT-CA")
    wizard.next()
    assert wizard.currentId() == PageId.SUMMARY
    assert "Xã Tân Phú (26116)" in wizard.summary_page.summary.text()
    # The summary says how the chairman will sign (it used to leave the method out).
    assert "Ký số: USB ký số" in wizard.summary_page.summary.text()
    with qtbot.waitSignal(wizard.setup_done, timeout=20_000) as done:
        wizard.button(QWizard.WizardButton.FinishButton).click()
    assert done.args[0].unit.code == "26116"
    ws = read_workspace(data_dir)
    try:
        unit = ws.unit
        assert unit is not None
        assert (unit.role, unit.code, unit.name, unit.province_name) == (
            Role.COMMUNE,
            "26116",
            "Xã Tân Phú",
            "Tỉnh Đồng Nai",
        )
        assert unit.reviewer_name == "Sở Nội vụ tỉnh Đồng Nai" and unit.reviewer_code == "75"
        assert (unit.preparer_name, unit.signer_name, unit.signer_title, unit.signer_authority) == (
            "Nguyễn Thị Lan",
            "Lê Văn Đức",
            "Phó Chủ tịch",
            "KT",
        )
        assert ws.settings.get("signing_method") == "pkcs11"
        assert ws.settings.get("pkcs11_token_label") == "VNPT-CA"
        assert ws.settings.get("language") == "vi"
        assert ws.paths.installation_key.exists()
    finally:
        ws.close()


def test_a_reviewing_office_picks_only_its_province(
    qtbot: QtBot, wizard: SetupWizard, data_dir: Path
) -> None:
    wizard.next()
    wizard.role_page.reviewer_radio.setChecked(True)
    wizard.next()
    picker = wizard.unit_page.picker
    assert picker.results.isHidden()
    assert not wizard.unit_page.isComplete()
    picker.province_combo.setCurrentIndex(picker.province_combo.findText("Tỉnh Đồng Nai"))
    assert wizard.unit_page.isComplete()
    wizard.next()
    assert wizard.people_page.reviewer_edit.isHidden()
    assert wizard.people_page.signer_title_edit.text() == "Giám đốc"
    choice = wizard.setup_choice()
    assert (choice.unit.role, choice.unit.code, choice.unit.name) == (
        Role.REVIEWER,
        "75",
        "Sở Nội vụ tỉnh Đồng Nai",
    )


def test_a_reviewing_office_sets_up_its_own_signer_and_recipients(
    qtbot: QtBot, wizard: SetupWizard, data_dir: Path
) -> None:
    wizard.next()
    wizard.role_page.reviewer_radio.setChecked(True)
    wizard.next()
    picker = wizard.unit_page.picker
    picker.province_combo.setCurrentIndex(picker.province_combo.findText("Thành phố Hà Nội"))
    wizard.next()
    people = wizard.people_page
    assert people.place_edit.text() == "Hà Nội" and people.symbol_edit.text() == "BC-SNV"
    assert people.kt_radio.isHidden() and people.signer_title_edit.isHidden()  # asked on the next page
    type_text(people.signer_name_edit, "Trần Thị Bình")
    wizard.next()
    assert wizard.currentId() == PageId.REVIEWER
    page = wizard.reviewer_page
    assert page.signer_title_edit.text() == "Giám đốc" and "Bộ Nội vụ" in page.copies_edit.toPlainText()
    assert "xã" not in page.copies_edit.toPlainText()
    page.deputy_radio.setChecked(True)
    assert page.signer_title_edit.text() == "Phó Giám đốc"
    page.copies_edit.setPlainText("Như trên;\nBộ Nội vụ (để báo cáo);\nUBND Thành phố (để báo cáo);")
    wizard.next()
    assert wizard.currentId() == PageId.SIGNING
    wizard.next()
    with qtbot.waitSignal(wizard.setup_done, timeout=20_000):
        wizard.button(QWizard.WizardButton.FinishButton).click()
    ws = read_workspace(data_dir)
    try:
        unit = ws.unit
        assert unit is not None and unit.role is Role.REVIEWER
        assert (unit.place, unit.signer_name, unit.signer_title, unit.signer_authority, unit.doc_symbol) == (
            "Hà Nội", "Trần Thị Bình", "Phó Giám đốc", "KT", "BC-SNV",
        )
        assert unit.authority_line == "KT. GIÁM ĐỐC"
        assert ws.settings.get("copies_to").splitlines()[-1] == "UBND Thành phố (để báo cáo);"
        assert ws.settings.get("archive_units") == "VT, CCHC"
    finally:
        ws.close()


def test_try_with_sample_data(qtbot: QtBot, wizard: SetupWizard, runner: TaskRunner) -> None:
    """The wizard only asks for the demo: it is made in a folder of its own (tests/gui/test_demo_window.py)."""
    wizard.welcome_page.sample_radio.setChecked(True)
    assert wizard.welcome_page.isFinalPage()
    with qtbot.waitSignal(wizard.demo_requested, timeout=5_000) as asked:
        wizard.accept()
    assert asked.args == ["vi"]
    assert wizard.welcome_page.status.text() == "Đang chuẩn bị dữ liệu mẫu, xin chờ…"
    assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    assert runner.call(lambda ws: ws.unit) is None  # nothing set up in this folder
    wizard.set_busy(False)


def test_cancel_sets_nothing_up(
    qtbot: QtBot, wizard: SetupWizard, data_dir: Path, runner: TaskRunner
) -> None:
    with qtbot.waitSignal(wizard.rejected):
        wizard.reject()
    assert runner.call(lambda ws: ws.unit) is None
    assert QCoreApplication.translate("SetupWizard", "Cancel") == "Hủy"
