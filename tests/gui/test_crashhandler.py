"""The crash handler: a bug in a slot is logged and reported and ends the program; a hard crash
is reported at the next start."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desktop.crash_dialog import CrashDialog
from desktop.crashhandler import CrashHandler

ROOT = Path(__file__).resolve().parents[2]


class Emitter(QObject):
    fired = Signal()


@pytest.fixture
def recorded(tmp_path: Path) -> Iterator[tuple[CrashHandler, list[tuple[str, Path]], list[int]]]:
    shown: list[tuple[str, Path]] = []
    exits: list[int] = []
    handler = CrashHandler(
        tmp_path, show_dialog=lambda details, log: shown.append((details, log)), exit_app=exits.append
    )
    handler.install(enable_faulthandler=False)
    try:
        yield handler, shown, exits
    finally:
        handler.uninstall()


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_is_logged_shown_and_ends_the_program(
    qtbot: QtBot,
    recorded: tuple[CrashHandler, list[tuple[str, Path]], list[int]],
    caplog: pytest.LogCaptureFixture,
) -> None:
    handler, shown, exits = recorded
    saved: list[bool] = []
    handler.before_exit(lambda: saved.append(True))
    emitter = Emitter()

    def broken_slot() -> None:
        raise KeyError("no such field")

    emitter.fired.connect(broken_slot)
    with caplog.at_level(logging.CRITICAL, logger="desktop.crashhandler"):
        QTimer.singleShot(0, emitter.fired.emit)
        qtbot.waitUntil(lambda: bool(exits))
    assert exits == [1]
    assert handler.fatal
    assert saved == [True]  # the work was saved before the apology
    assert len(shown) == 1
    details, log_file = shown[0]
    assert "KeyError: 'no such field'" in details and "broken_slot" in details
    assert log_file == handler.log_file
    assert any("no such field" in r.getMessage() for r in caplog.records)


@pytest.mark.qt_no_exception_capture
def test_a_second_error_while_handling_the_first_is_only_logged(
    qtbot: QtBot, recorded: tuple[CrashHandler, list[tuple[str, Path]], list[int]]
) -> None:
    handler, shown, _exits = recorded

    def again() -> None:
        raise RuntimeError("second")

    handler.before_exit(again)  # saving fails too: logged, not shown twice
    handler.handle_exception(ValueError("first"))
    assert len(shown) == 1 and "first" in shown[0][0]


def test_headless_crash_prints_instead_of_showing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    exits: list[int] = []
    handler = CrashHandler(
        tmp_path, headless=True, show_dialog=lambda *a: pytest.fail("dialog shown"), exit_app=exits.append
    )
    handler.handle_exception(ValueError("boom"))
    assert "ValueError: boom" in capsys.readouterr().err
    assert exits == [1]


def test_a_hard_crash_is_reported_at_the_next_start(tmp_path: Path) -> None:
    script = textwrap.dedent(
        f"""
        import faulthandler, sys
        sys.path.insert(0, {str(ROOT)!r})
        from pathlib import Path
        from desktop.crashhandler import CrashHandler
        CrashHandler(Path({str(tmp_path)!r}), headless=True).install()
        faulthandler._sigsegv()
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60, check=False)
    assert done.returncode != 0, done.stderr
    handler = CrashHandler(tmp_path)
    earlier = handler.take_earlier_crash()
    assert earlier is not None and earlier.name.startswith("crash-")
    assert "Segmentation fault" in earlier.read_text()
    assert handler.take_earlier_crash() is None  # reported once


def test_a_clean_exit_leaves_no_crash_log(tmp_path: Path) -> None:
    handler = CrashHandler(tmp_path)
    handler.install()
    handler.uninstall()
    assert not handler.crash_log.exists()
    assert CrashHandler(tmp_path).take_earlier_crash() is None


def test_the_apology_copies_its_details(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = CrashDialog("Traceback: chi tiết lỗi", tmp_path / "cchc.log")
    qtbot.addWidget(dialog)
    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "Rất tiếc" in texts and str(tmp_path / "cchc.log") in texts
    assert dialog.copy_button.text() == "Sao &chép chi tiết"
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == "Traceback: chi tiết lỗi"
    assert not dialog.details_view.isVisible()
    dialog.show()
    dialog.show_button.click()
    assert dialog.details_view.isVisible()


def test_the_real_program_ends_with_code_1_after_a_bug_in_a_slot(commune_dir: Path) -> None:
    """The composition root wires the crash handler: a bug in a slot is logged, reported (headless:
    on stderr) and the program exits with 1 instead of hanging."""
    script = textwrap.dedent(
        f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        import desktop.qtfixes
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication
        from desktop.app import main

        qapp = QApplication([])

        def broken_slot():
            raise LookupError("field tthc_total is gone")

        QTimer.singleShot(500, broken_slot)
        QTimer.singleShot(20000, lambda: sys.exit("the program hung"))
        sys.exit(main(["--data-dir", {str(commune_dir)!r}, "--no-err-windows"]))
        """
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, env=env, check=False
    )
    assert done.returncode == 1, done.stderr
    assert "LookupError: field tthc_total is gone" in done.stderr
    log = (commune_dir / "logs" / "cchc.log").read_text(encoding="utf-8")
    assert "unexpected error" in log and "broken_slot" in log
    assert "exit code 1" in log
