"""The composition root: everything the desktop program is made of is built here, in order.

1. arguments, the data folder, logging to ``<data>/logs/cchc.log``, the crash handler;
2. the Qt application, the task runner (its database worker opens the Workspace while the
   UI modules load), the prompter;
3. the translators (Vietnamese unless the settings or ``--lang`` say English), the style;
4. the first-run wizard when the folder has no unit yet, else the main window;
5. on exit: pending work finished, the Workspace closed on its own thread, logs flushed.

Heavy libraries (reportlab, pyHanko) are imported by the functions that need them, never
here, so the window shows quickly on an old PC.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer, Slot
from PySide6.QtWidgets import QApplication

import desktop.qtfixes  # noqa: F401 - first: PySide6 6.12.0 on Python 3.11 loses references to None/True
from desktop.crashhandler import CrashHandler
from desktop.logsetup import install_logging, install_qt_message_handler, usable_logs_dir
from reports import __version__
from reports.errors import CchcError
from reports.paths import default_data_dir

log = logging.getLogger(__name__)

APP_NAME = "Báo cáo CCHC"


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="bao-cao-cchc", description="Báo cáo CCHC — the desktop program.")
    parser.add_argument("--version", action="version", version=f"Báo cáo CCHC {__version__}")
    parser.add_argument("--data-dir", help="data folder (default: $CCHC_DATA_DIR or the user's data folder)")
    parser.add_argument(
        "--lang", choices=("vi", "en"), help="interface language for this run (default: the setting)"
    )
    parser.add_argument(
        "--no-err-windows",
        action="store_true",
        help="never show a message box or question (they are logged; also CCHC_NO_ERR_WINDOWS=1)",
    )
    args, _qt_args = parser.parse_known_args(argv)
    return args


def headless_requested(args: argparse.Namespace) -> bool:
    return bool(args.no_err_windows) or os.environ.get("CCHC_NO_ERR_WINDOWS", "") not in ("", "0")


class Application:
    """Owns every long-lived part of the running program."""

    def __init__(
        self, args: argparse.Namespace, *, install_hooks: bool = True, started: float | None = None
    ) -> None:
        self.started = started if started is not None else time.perf_counter()
        self.args = args
        self.install_hooks = install_hooks
        self.data_dir = Path(args.data_dir).expanduser() if args.data_dir else default_data_dir()
        self.headless = headless_requested(args)
        self.logs_dir = usable_logs_dir(self.data_dir / "logs")
        self.log_file = install_logging(self.logs_dir) if install_hooks else self.logs_dir / "cchc.log"
        log.info("Báo cáo CCHC %s starting; data folder %s", __version__, self.data_dir)
        self.crash_handler = CrashHandler(self.logs_dir, headless=self.headless)
        self.earlier_crash = self.crash_handler.take_earlier_crash()
        if install_hooks:
            self.crash_handler.install()

        self.qapp: Any = None
        self.runner: Any = None
        self.prompter: Any = None
        self.translations: Any = None
        self.window: Any = None
        self.wizard: Any = None
        self.garbage_collector: Any = None
        self.lang = "vi"
        self._open_error: CchcError | None = None
        self._closed = False

    # ------------------------------------------------------------ building

    def build(self) -> bool:
        """Build everything up to the first window; False when the program must stop."""
        from desktop.tasks import TaskRunner

        self.qapp = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "bao-cao-cchc"])
        self.qapp.setApplicationName(APP_NAME)
        self.qapp.setApplicationVersion(__version__)
        self.qapp.setOrganizationName("BaoCaoCCHC")
        if self.install_hooks:
            install_qt_message_handler()
            from desktop.garbage import MainThreadGarbageCollector

            self.garbage_collector = MainThreadGarbageCollector(self.qapp)
            self.garbage_collector.start()

        self.runner = TaskRunner()
        self.runner.unexpected_error.connect(self.crash_handler.handle_exception)
        data_dir = self.data_dir

        def open_workspace() -> Any:
            from reports.workspace import Workspace

            return Workspace.open(data_dir)

        # The worker opens (and migrates) the database while this thread loads the UI modules.
        self.runner.set_workspace_opener(open_workspace, on_failure=self._on_open_failed)
        from desktop.appearance import icon, install_style
        from desktop.i18n import Translations
        from desktop.prompter import HeadlessPrompter, QtPrompter

        self.prompter = HeadlessPrompter(strict=False) if self.headless else QtPrompter()
        self.runner.expected_error.connect(self.prompter.error)
        self.crash_handler.before_exit(self._save_before_exit)

        # Load the window modules while the worker opens the database (reading files from an old
        # PC's disk overlaps; the Python work itself takes turns).
        import desktop.mainwindow  # noqa: F401

        state = self.runner.call(_startup_state_if_open)
        self.translations = Translations()
        if state is None:
            if self._open_error is None:
                return False  # a bug while opening: the crash handler has reported it
            self.lang = self.translations.install(self.args.lang or "vi")
            self.prompter.lang = self.lang
            install_style(self.qapp)
            self.prompter.error(
                self._open_error, QCoreApplication.translate("Application", "The data cannot be opened")
            )
            return False
        self.lang = self.translations.install(self.args.lang or state.language)
        self.prompter.lang = self.lang
        install_style(self.qapp, state.text_size)
        self.qapp.setWindowIcon(icon("app"))
        if self.earlier_crash is not None:
            self.prompter.warning(
                QCoreApplication.translate("Application", "The program stopped unexpectedly last time"),
                QCoreApplication.translate(
                    "Application",
                    "The last time, the program stopped unexpectedly. What was saved before is kept. The "
                    "technical details are in:\n%1\nIf this happens again, send that file to the person who "
                    "supports you.",
                ).replace("%1", str(self.earlier_crash)),
            )
        if state.unit is None:
            self._show_wizard()
        else:
            self._show_main_window(state)
        return True

    @Slot(object)
    def _on_open_failed(self, exc: CchcError) -> None:
        self._open_error = exc

    def _show_wizard(self) -> None:
        from desktop.wizard import SetupWizard

        self.wizard = SetupWizard(self.runner, self.prompter, lang=self.lang)
        self.wizard.language_changed.connect(self._on_wizard_language_changed)
        self.wizard.setup_done.connect(self._on_wizard_setup_done)
        self.wizard.rejected.connect(self._on_wizard_rejected)
        self.wizard.show()
        self._log_shown("setup wizard")

    @Slot(str)
    def _on_wizard_language_changed(self, lang: str) -> None:
        self.lang = self.translations.install(lang)
        self.prompter.lang = self.lang

    @Slot(object)
    def _on_wizard_setup_done(self, state: Any) -> None:
        self.lang = self.translations.install(self.args.lang or state.language)
        self.prompter.lang = self.lang
        self._show_main_window(state)
        if self.wizard is not None:
            self.wizard.deleteLater()
            self.wizard = None

    @Slot()
    def _on_wizard_rejected(self) -> None:
        log.info("setup cancelled")
        QTimer.singleShot(0, self.qapp.quit)

    def _show_main_window(self, state: Any) -> None:
        from desktop.mainwindow import MainWindow

        assert state.unit is not None
        self.window = MainWindow(self.runner, self.prompter, state.unit, lang=self.lang)
        self.window.text_size_changed.connect(self._on_text_size_changed)
        if hasattr(self.prompter, "set_parent"):
            self.prompter.set_parent(self.window)
        self.window.show()
        self._log_shown("main window")
        self.window.start()

    def _log_shown(self, what: str) -> None:
        elapsed = (time.perf_counter() - self.started) * 1000
        log.info("%s shown %.0f ms after start", what, elapsed)

    @Slot(str)
    def _on_text_size_changed(self, size: str) -> None:
        from desktop.appearance import apply_text_size

        apply_text_size(self.qapp, size)

    def _save_before_exit(self) -> None:
        if self.window is not None:
            self.window.save_before_exit()

    # ------------------------------------------------------------ running and stopping

    def run(self) -> int:
        code = self._run()
        log.info("exit code %s", code)
        logging.shutdown()
        return code

    def _run(self) -> int:
        try:
            ok = self.build()
        except Exception:
            if not self.crash_handler.fatal:
                self.crash_handler.excepthook(*sys.exc_info())  # type: ignore[arg-type]
            self.shutdown()
            return 1
        if self.crash_handler.fatal:
            self.shutdown()
            return 1
        if not ok:
            self.shutdown()
            return 2
        code = self.qapp.exec()
        self.shutdown()
        if self.crash_handler.fatal and code == 0:
            code = 1
        return int(code)

    def shutdown(self) -> None:
        if self._closed:
            return
        self._closed = True
        if self.window is not None:
            self.window.save_before_exit()
            self.window.close()
        if self.runner is not None:
            self.runner.shutdown()
        if self.garbage_collector is not None:
            self.garbage_collector.stop()
        if self.translations is not None:
            self.translations.uninstall()
        if self.install_hooks:
            self.crash_handler.uninstall()
        for h in list(logging.getLogger().handlers):
            h.flush()


def _startup_state_if_open(ws: Any) -> Any:
    from desktop.jobs import startup_state

    return None if ws is None else startup_state(ws)


def main(argv: Sequence[str] | None = None) -> int:
    started = time.perf_counter()
    args = parse_args(argv)
    return Application(args, started=started).run()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
