"""The sign dialog: create a certificate, a wrong password (shown, never retried), success,
an expired certificate and a token that is not plugged in."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.prompter import HeadlessPrompter
from desktop.sign_dialog import SignDialog, Step
from desktop.tasks import TaskRunner
from reports.signing.keys import create_key_pair
from reports.storage.lifecycle import Status
from tests.gui.conftest import open_runner

PASSWORD = "mật-khẩu-2026"
SOFTHSM = Path("/usr/lib/softhsm/libsofthsm2.so")


@pytest.fixture
def sample_runner(qapp: object, sample_dir: Path) -> Iterator[TaskRunner]:
    r = open_runner(sample_dir)
    yield r
    r.wait_idle(10_000)
    r.shutdown()


def final_report(runner: TaskRunner) -> int:
    return int(runner.call(lambda ws: ws.store.list(unit_code=ws.store.unit.code)[-1].id))


def status_of(runner: TaskRunner, report_id: int) -> Status:
    return runner.call(lambda ws: ws.store.get(report_id).status)  # type: ignore[no-any-return]


def open_dialog(qtbot: QtBot, runner: TaskRunner, prompter: HeadlessPrompter, report_id: int) -> SignDialog:
    dialog = SignDialog(runner, prompter, report_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.busy)
    return dialog


def has_key(runner: TaskRunner) -> None:
    """The computer's certificate exists already (made by an earlier signature)."""
    from reports.documents.issuing import create_signer_key

    runner.call(lambda ws: create_signer_key(ws, "Trần Văn Bình", PASSWORD))


def test_no_key_yet_the_password_is_typed_twice_and_signs(
    qtbot: QtBot, sample_runner: TaskRunner, prompter: HeadlessPrompter
) -> None:
    report_id = final_report(sample_runner)
    dialog = open_dialog(qtbot, sample_runner, prompter, report_id)
    assert dialog.windowTitle() == "Ký số báo cáo"
    assert dialog.step is Step.CREATE
    assert dialog.create_button.text() == "&Tạo chứng thư và ký"
    assert dialog.name_edit.text() == "Trần Văn Bình"  # the signer of the settings
    dialog.password_edit.setText(PASSWORD)
    dialog.repeat_edit.setText(PASSWORD + "x")
    dialog.create_button.click()
    assert dialog.message() == "Hai lần nhập mật khẩu không giống nhau. Hãy nhập lại."
    dialog.password_edit.setText(PASSWORD)
    dialog.repeat_edit.setText(PASSWORD)
    # The password typed twice signs at once: it used to be asked a third time.
    with qtbot.waitSignal(dialog.signed, timeout=30_000) as signed:
        dialog.create_button.click()
    result = signed.args[0]
    assert dialog.step is Step.DONE and dialog.attempts == 1
    assert result.path.is_file() and result.path.read_bytes().startswith(b"%PDF")
    assert status_of(sample_runner, report_id) is Status.SIGNED
    assert prompter.calls == []  # all in the dialog, no message box
    # Signing offers to send, right there.
    assert dialog.send_button.isVisibleTo(dialog) and dialog.send_button.isDefault()
    assert "Gửi ngay" in dialog.done_label.text()
    with qtbot.waitSignal(dialog.send_requested) as send:
        dialog.send_button.click()
    assert send.args == [report_id] and not dialog.isVisible()


def test_a_wrong_password_is_shown_and_never_retried(
    qtbot: QtBot, sample_runner: TaskRunner, prompter: HeadlessPrompter
) -> None:
    has_key(sample_runner)
    report_id = final_report(sample_runner)
    dialog = open_dialog(qtbot, sample_runner, prompter, report_id)
    assert dialog.step is Step.SECRET
    assert dialog.secret_label.text() == "&Mật khẩu chứng thư:"
    assert "Chứng thư của Trần Văn Bình, có hiệu lực đến ngày" in dialog.method_label.text()

    # a wrong password: the message, an empty field, and no second try by itself
    dialog.secret_edit.setText("sai-mat-khau")
    dialog.sign_button.click()
    assert dialog.busy and not dialog.sign_button.isEnabled() and dialog.progress.isVisibleTo(dialog)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=20_000)
    assert dialog.last_error is not None and dialog.last_error.code == "keys.wrong_password"
    assert "không đúng" in dialog.message() and "nhập lại" in dialog.message()
    assert dialog.secret_edit.text() == "" and dialog.step is Step.SECRET
    qtbot.wait(300)
    assert dialog.attempts == 1 and sample_runner.pending == 0
    assert status_of(sample_runner, report_id) is Status.FINAL
    assert prompter.calls == []

    dialog.secret_edit.setText(PASSWORD)
    with qtbot.waitSignal(dialog.signed, timeout=30_000) as signed:
        dialog.sign_button.click()
    result = signed.args[0]
    assert dialog.step is Step.DONE and dialog.attempts == 2
    assert str(result.path) in dialog.done_label.text()
    dialog.open_folder_button.click()
    assert prompter.last("show_folder").title == str(result.path.parent)
    assert dialog.close_button.text() == "Đóng"


def test_an_empty_password_is_not_sent(
    qtbot: QtBot, sample_runner: TaskRunner, prompter: HeadlessPrompter
) -> None:
    has_key(sample_runner)
    dialog = open_dialog(qtbot, sample_runner, prompter, final_report(sample_runner))
    dialog.sign()
    assert dialog.message() == "Hãy nhập mật khẩu trước." and dialog.attempts == 0


def test_the_dialog_cannot_be_closed_while_signing(
    qtbot: QtBot, sample_runner: TaskRunner, prompter: HeadlessPrompter
) -> None:
    has_key(sample_runner)
    dialog = open_dialog(qtbot, sample_runner, prompter, final_report(sample_runner))
    dialog.secret_edit.setText(PASSWORD)
    dialog.sign()
    dialog.reject()
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.step is Step.DONE, timeout=30_000)


def test_an_expired_certificate_file(
    qtbot: QtBot, sample_runner: TaskRunner, prompter: HeadlessPrompter, tmp_path: Path
) -> None:
    old = create_key_pair(
        "Trần Văn Bình", "Xã Tân Phú", "26116", years=1, now=dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    )
    p12 = tmp_path / "cu.p12"
    p12.write_bytes(old.to_p12(PASSWORD, "Trần Văn Bình"))

    def use_file(ws: object) -> None:
        ws.settings.set("signing_method", "p12")  # type: ignore[attr-defined]
        ws.settings.set("p12_path", str(p12))  # type: ignore[attr-defined]

    sample_runner.call(use_file)
    dialog = open_dialog(qtbot, sample_runner, prompter, final_report(sample_runner))
    assert dialog.step is Step.SECRET
    assert dialog.secret_label.text() == "&Mật khẩu của tệp chứng thư:"
    dialog.secret_edit.setText(PASSWORD)
    dialog.sign()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=20_000)
    assert dialog.last_error is not None and dialog.last_error.code == "signing.certificate_expired"
    assert "đã hết hạn" in dialog.message()


@pytest.mark.skipif(not SOFTHSM.exists(), reason="SoftHSM2 is not installed (make system-deps)")
def test_a_token_that_is_not_plugged_in(
    qtbot: QtBot,
    sample_runner: TaskRunner,
    prompter: HeadlessPrompter,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import pkcs11

    (tmp_path / "tokens").mkdir()
    conf = tmp_path / "softhsm2.conf"
    conf.write_text(
        f"directories.tokendir = {tmp_path / 'tokens'}\nobjectstore.backend = file\nlog.level = ERROR\n"
    )
    monkeypatch.setenv("SOFTHSM2_CONF", str(conf))
    subprocess.run(
        [
            "softhsm2-util",
            "--init-token",
            "--free",
            "--label",
            "KHAC",
            "--pin",
            "123456",
            "--so-pin",
            "87654321",
        ],
        check=True,
        capture_output=True,
        env=dict(os.environ),
    )
    pkcs11.lib(str(SOFTHSM)).reinitialize()

    def use_token(ws: object) -> None:
        ws.settings.set("signing_method", "pkcs11")  # type: ignore[attr-defined]
        ws.settings.set("pkcs11_module", str(SOFTHSM))  # type: ignore[attr-defined]
        ws.settings.set("pkcs11_token_label", "VNPT-CA")  # type: ignore[attr-defined]

    sample_runner.call(use_token)
    dialog = open_dialog(qtbot, sample_runner, prompter, final_report(sample_runner))
    assert dialog.secret_label.text() == "&Mã PIN của USB ký số:"
    dialog.secret_edit.setText("123456")
    dialog.sign()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=20_000)
    assert dialog.last_error is not None and dialog.last_error.code == "signing.token_not_found"
    assert "Hãy cắm USB ký số rồi thử lại" in dialog.message()
    assert dialog.attempts == 1
