"""The commune's whole period in the real main window, without a mouse or a modal.

wizard → create this period's report → fill with an error → see and fix it → finalise →
preview → sign with a self-issued certificate → export → a feedback package returns the
report (the reviewer's side through the CLI in its own data folder) → amend → re-sign →
export. Asserts on the files: poppler's pdfsig accepts the signatures, and the packages
import into the reviewer's data folder.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWizard
from pytestqt.qtbot import QtBot

import desktop.qtfixes  # noqa: F401 - before any Qt call
from desktop.app import Application, parse_args
from desktop.i18n import Translations
from desktop.i18n_build import build
from desktop.mainwindow import MainWindow
from desktop.prompter import HeadlessPrompter
from desktop.sign_dialog import Step
from desktop.wizard import PageId
from reports.cli.main import main as cchc
from reports.documents.sample import SAMPLE_VALUES
from reports.storage.lifecycle import Status

PDFSIG = shutil.which("pdfsig")
PASSWORD = "mật-khẩu-ký-2026"
COMMENT = "Phần III: số hồ sơ tiếp nhận trực tuyến chưa khớp với Hệ thống thông tin của tỉnh."

pytestmark = [
    pytest.mark.slow,
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
    pytest.mark.skipif(PDFSIG is None, reason="poppler-utils (pdfsig) is not installed: make system-deps"),
]


@pytest.fixture
def translations(qapp: QApplication, tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The program installs its own translators; the test only needs the .qm files built."""
    out = tmp_path_factory.mktemp("qm")
    build(out)
    yield
    Translations(out).install("en")


@pytest.fixture
def app(qtbot: QtBot, translations: None, data_dir: Path) -> Iterator[Application]:
    application = Application(
        parse_args(["--data-dir", str(data_dir), "--no-err-windows"]), install_hooks=False
    )
    yield application
    application.shutdown()


def reviewer(folder: Path, *args: Any) -> str:
    out, err = io.StringIO(), io.StringIO()
    code = cchc(["--data-dir", str(folder), *map(str, args)], out=out, err=err)
    assert code == 0, (args, out.getvalue(), err.getvalue())
    return out.getvalue()


def pdfsig(path: Path) -> str:
    assert PDFSIG is not None
    done = subprocess.run([PDFSIG, str(path)], capture_output=True, text=True, timeout=60)
    return done.stdout + done.stderr


def answered(prompter: HeadlessPrompter, kind: str) -> list[Any]:
    return [c for c in prompter.calls if c.kind == kind]


def sign_in_window(qtbot: QtBot, window: MainWindow, *, create: bool) -> Path:
    editor = window.editor
    assert editor.header.sign_button.isVisibleTo(editor)
    editor.header.sign_button.click()
    dialog = window.sign_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: not dialog.busy, timeout=20_000)
    if create:  # the password typed twice signs at once
        assert dialog.step is Step.CREATE
        dialog.password_edit.setText(PASSWORD)
        dialog.repeat_edit.setText(PASSWORD)
        with qtbot.waitSignal(dialog.signed, timeout=60_000) as signed:
            dialog.create_button.click()
    else:
        assert dialog.step is Step.SECRET
        dialog.secret_edit.setText(PASSWORD)
        with qtbot.waitSignal(dialog.signed, timeout=60_000) as signed:
            dialog.sign_button.click()
    path = Path(signed.args[0].path)
    dialog.close_button.click()
    qtbot.waitUntil(lambda: window.sign_dialog is None)
    qtbot.waitUntil(
        lambda: editor.report is not None and editor.report.status is Status.SIGNED, timeout=20_000
    )
    assert editor.read_only and not editor.header.sign_button.isVisibleTo(editor)
    return path


def export_in_window(qtbot: QtBot, window: MainWindow, prompter: HeadlessPrompter, folder: Path) -> Path:
    folder.mkdir()
    if window.reports_area.currentWidget() is not window.report_list:
        window.editor.header.back_button.click()
    prompter.queue(folder, False)  # the folder; not "Mở thư mục"
    qtbot.waitUntil(lambda: window.report_list.isVisible())
    with qtbot.waitSignal(window.send_receive.exported, timeout=60_000) as exported:
        window.report_list.export_button.click()
    path = Path(exported.args[0].path)
    assert path.parent == folder and path.is_file()
    return path


def test_a_whole_period_in_the_commune_window(
    qtbot: QtBot, app: Application, tmp_path: Path, data_dir: Path
) -> None:
    # ---- first run: the wizard
    assert app.build()
    wizard = app.wizard
    assert wizard is not None and wizard.isVisible()
    qtbot.waitUntil(lambda: wizard.catalog is not None, timeout=20_000)
    while wizard.currentId() != PageId.UNIT:
        wizard.next()
    picker = wizard.unit_page.picker
    picker.province_combo.setCurrentIndex(picker.province_combo.findText("Tỉnh Đồng Nai"))
    picker.search_edit.setText("tan phu")
    assert picker.commune() is not None
    wizard.next()
    wizard.people_page.preparer_name_edit.setText("Nguyễn Thị Lan")
    wizard.people_page.signer_name_edit.setText("Trần Văn Bình")
    wizard.next()
    assert wizard.signing_page.self_radio.isChecked()  # "create a certificate for this computer"
    wizard.next()
    assert wizard.currentId() == PageId.SUMMARY
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: app.window is not None, timeout=30_000)
    window: MainWindow = app.window
    prompter: HeadlessPrompter = app.prompter
    assert window.windowTitle() == "Báo cáo CCHC — Xã Tân Phú"

    # ---- this period's report, filled with an error, which is seen and fixed
    editor = window.editor
    window.report_list.create_button.click()
    qtbot.waitUntil(lambda: editor.report is not None, timeout=20_000)
    report_id = editor.report.id  # type: ignore[union-attr]
    values = {**SAMPLE_VALUES, "meetings_held": 3, "communication_activities": 11}
    # The figures come from the one-stop shop's spreadsheet: stored at once, then reopened.
    app.runner.call(lambda ws: ws.store.set_values(report_id, values))
    window.open_report(report_id)
    qtbot.waitUntil(lambda: editor.report is not None and editor.report.values.get("meetings_held") == 3)
    total = values["tthc_received_total"]
    editor.set_field_text("tthc_received_online", str(total + 5))
    assert "Số hồ sơ trực tuyến không thể lớn hơn tổng số hồ sơ tiếp nhận." in editor.field_message(
        "tthc_received_online"
    )
    assert editor.section_state("III") == "error"
    editor.header.finalize_button.click()
    assert answered(prompter, "error")[-1].title == "Chưa hoàn thành được"
    assert editor.report is not None and editor.report.status is Status.DRAFT
    editor.set_field_text("tthc_received_online", str(values["tthc_received_online"]))
    assert editor.field_message("tthc_received_online") == ""
    assert editor.section_state("III") != "error"

    # ---- finalise ("sign now?": later), preview
    prompter.queue(True, False)  # "Hoàn thành báo cáo?", "Ký số ngay?"
    editor.header.finalize_button.click()
    qtbot.waitUntil(
        lambda: editor.report is not None and editor.report.status is Status.FINAL, timeout=20_000
    )
    with qtbot.waitSignal(window.preview.loaded, timeout=30_000) as shown:
        editor.header.preview_button.click()
    assert window.reports_area.currentWidget() is window.preview
    assert not shown.args[0].signed and window.preview.page_count >= 2
    window.preview.next_page()
    assert window.preview.current_page == 1
    window.preview.back_button.click()
    assert window.reports_area.currentWidget() is editor
    # "Báo cáo" in the sidebar while a report is open goes to the list (it did nothing).
    reports_item = window.nav.visualItemRect(window.nav.item(0)).center()
    qtbot.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton, pos=reports_item)
    assert window.reports_area.currentWidget() is window.report_list
    final_id = editor.report.id
    window.open_report(final_id)
    qtbot.waitUntil(lambda: editor.report is not None and editor.report.id == final_id)

    # ---- sign with a certificate made for this computer
    first_pdf = sign_in_window(qtbot, window, create=True)
    check = pdfsig(first_pdf)
    assert "Signature Validation: Signature is Valid." in check, check

    # ---- export; the reviewing office receives it and returns it with a comment
    package = export_in_window(qtbot, window, prompter, tmp_path / "usb")
    so = tmp_path / "so-noi-vu"
    so.mkdir()
    reviewer(
        so,
        "init",
        "--role",
        "reviewer",
        "--unit-code",
        "75",
        "--unit-name",
        "Sở Nội vụ tỉnh Đồng Nai",
        "--province",
        "Tỉnh Đồng Nai",
    )
    reviewer(so, "units", "trust", package)
    assert reviewer(so, "import", package).strip() == f"{package.name}: đã nhận"
    rows = json.loads(reviewer(so, "report", "list", "--json"))
    assert len(rows) == 1 and rows[0]["status"] == "sent"
    reviewer(so, "review", "return", rows[0]["id"], "--comment", COMMENT)
    reviewer(so, "feedback", "export", "-o", tmp_path / "phan-hoi")
    feedback = next((tmp_path / "phan-hoi").glob("*.cchc"))

    # ---- "Nhận phản hồi": refused until the fingerprint is confirmed by phone, then imported
    prompter.queue(feedback, True)
    with qtbot.waitSignal(window.send_receive.reports_changed, timeout=60_000):
        window.report_list.receive_button.click()
    trust_question = answered(prompter, "ask_yes_no")[-1]
    assert "Đã gọi điện so khớp vân tay với Sở Nội vụ chưa?" in trust_question.text
    news = answered(prompter, "info")[-1]
    assert news.text.startswith(f"Đã nhận gói {feedback.name}.") and COMMENT in news.text

    # ---- amend the new revision, finalise, re-sign, export again
    qtbot.waitUntil(lambda: window.report_list.model.rowCount() == 2, timeout=20_000)
    model = window.report_list.model
    revision_2 = next(r for r in map(model.row_at, range(model.rowCount())) if r.revision == 2)
    assert revision_2.status is Status.DRAFT
    window.open_report(revision_2.id)
    qtbot.waitUntil(lambda: editor.report is not None and editor.report.id == revision_2.id)
    assert COMMENT in editor.header.banner_label.text()
    editor.set_field_text("communication_activities", "12")
    prompter.queue(True, False)
    editor.header.finalize_button.click()
    qtbot.waitUntil(
        lambda: editor.report is not None and editor.report.status is Status.FINAL, timeout=20_000
    )
    assert editor.report.values["communication_activities"] == 12
    second_pdf = sign_in_window(qtbot, window, create=False)
    assert second_pdf != first_pdf
    check = pdfsig(second_pdf)
    assert "Signature Validation: Signature is Valid." in check, check
    resent = export_in_window(qtbot, window, prompter, tmp_path / "usb-2")

    # ---- the reviewer's data folder takes the new revision
    assert reviewer(so, "import", resent).strip() == f"{resent.name}: đã nhận"
    rows = json.loads(reviewer(so, "report", "list", "--json"))
    second = next(r for r in rows if r["revision"] == 2)
    assert second["status"] == "sent"
    shown_values = json.loads(reviewer(so, "report", "show", second["id"], "--json"))["values"]
    assert shown_values["communication_activities"] == 12
    assert "error" not in [c.kind for c in prompter.calls[-6:]]
