"""The composition root: everything the desktop program is made of is built here, in order.

1. arguments, the data folder, logging to ``<data>/logs/cchc.log``, the crash handler;
2. the Qt application, the task runner (its database worker opens the Workspace while the
   UI modules load), the prompter;
3. the translators (Vietnamese unless the settings or ``--lang`` say English), the style;
   Before the Workspace opens, the quick integrity check (``check_at_start``): a damaged
   database is not opened; the newest good backup is offered instead (``RestoreDialog``,
   or the prompter without windows);
4. the first-run wizard when the folder has no unit yet, else the main window, with the
   outbox and backup pages, the background sender (its own thread and Workspace) and the
   backup timer (``backup_if_due`` daily, on the database worker);
5. on exit: pending work finished, the sender stopped, a backup on close, the Workspace
   closed on its own thread, logs flushed.

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
BACKUP_CHECK_MS = 60 * 60 * 1000  # backup_if_due(DAILY) is asked hourly; the core decides
FIRST_BACKUP_CHECK_MS = 2 * 60 * 1000
CLOSE_BACKUP_WAIT_MS = 60_000


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
        self,
        args: argparse.Namespace,
        *,
        install_hooks: bool = True,
        started: float | None = None,
        prompter: Any = None,
        watch_network: bool = True,
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
        self.prompter: Any = prompter  # given: tests script the answers
        self.watch_network = watch_network
        self.sender: Any = None  # the outbox's background sender (OutboxSenderThread)
        self.outbox_page: Any = None
        self.backup_page: Any = None
        self.backup_timer: Any = None
        self._startup_check: Any = None
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
            from reports.backups.startup import check_at_start
            from reports.paths import DataPaths
            from reports.workspace import Workspace

            # A damaged file is not opened: build() offers the newest good backup instead.
            self._startup_check = check_at_start(DataPaths(data_dir))
            if not self._startup_check.ok:
                log.warning("the database is damaged: %s", "; ".join(self._startup_check.problems))
                return None
            return Workspace.open(data_dir)

        self._open_workspace = open_workspace

        # The worker opens (and migrates) the database while this thread loads the UI modules.
        self.runner.set_workspace_opener(open_workspace, on_failure=self._on_open_failed)
        from desktop.appearance import icon, install_style
        from desktop.i18n import Translations
        from desktop.prompter import HeadlessPrompter, QtPrompter

        if self.prompter is None:
            self.prompter = HeadlessPrompter(strict=False) if self.headless else QtPrompter()
        self.runner.expected_error.connect(self.prompter.error)
        self.crash_handler.before_exit(self._save_before_exit)

        # Load the window modules while the worker opens the database (reading files from an old
        # PC's disk overlaps; the Python work itself takes turns).
        import desktop.mainwindow  # noqa: F401

        state = self.runner.call(_startup_state_if_open)
        self.translations = Translations()
        if state is None and self._startup_check is not None and not self._startup_check.ok:
            self.lang = self.translations.install(self.args.lang or "vi")
            self.prompter.lang = self.lang
            install_style(self.qapp)
            if not self._restore_at_start(self._startup_check):
                return False
            state = self.runner.call(_startup_state_if_open)
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

    def _restore_at_start(self, check: Any) -> bool:
        """The database is damaged: offer the newest good backup; True once it is restored
        and the Workspace is open again."""
        from desktop.backup_page import restore_backup
        from desktop.restore_dialog import confirm_restore
        from reports.backups.restore import describe_restore
        from reports.paths import DataPaths

        title = QCoreApplication.translate("Application", "The data cannot be opened")
        if check.offer is None:
            self.prompter.error(check.error(), title)
            return False
        paths = DataPaths(self.data_dir)
        try:
            preview = self.runner.call(lambda _ws: describe_restore(paths, check.offer.path))
        except CchcError as exc:
            self.prompter.error(exc, title)
            return False
        intro = QCoreApplication.translate(
            "Application",
            "The data file is damaged (%1), so the program cannot open it. It can be replaced by "
            "the newest good backup; the damaged file is kept aside.",
        ).replace("%1", check.problems[0] if check.problems else "?")
        if not confirm_restore(preview, self.prompter, headless=self.headless, intro=intro):
            self.prompter.error(check.error(), title)
            return False
        try:
            self.runner.call(lambda _ws: restore_backup(paths, preview.backup.path))  # type: ignore[arg-type]
        except CchcError as exc:
            self.prompter.error(exc, QCoreApplication.translate("Application", "The backup was not restored"))
            return False
        log.info("restored %s after the start-up check failed", preview.backup.name)
        self._open_error = None
        self.runner.set_workspace_opener(self._open_workspace, on_failure=self._on_open_failed)
        return True

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
        if state.unit.role.value == "reviewer":  # the reviewing office has its own window
            from desktop.reviewer.window import ReviewerWindow

            self.window = ReviewerWindow(self.runner, self.prompter, state.unit, lang=self.lang)
        else:
            self.window = MainWindow(self.runner, self.prompter, state.unit, lang=self.lang)
        self.window.text_size_changed.connect(self._on_text_size_changed)
        self._add_pages(self.window)
        if hasattr(self.prompter, "set_parent"):
            self.prompter.set_parent(self.window)
        self.window.show()
        self._log_shown("main window")
        self.window.start()
        self._start_sender()
        self._start_backup_timer()

    def _add_pages(self, window: Any) -> None:
        """The outbox and the backups, after the window's own pages; their connections."""
        from desktop.backup_page import BackupPage
        from desktop.outbox_page import OutboxPage

        self.outbox_page = OutboxPage(self.runner, self.prompter, lang=self.lang)
        self.backup_page = BackupPage(self.runner, self.prompter, lang=self.lang)
        self._outbox_row = window.add_page(
            self.outbox_page, "state-info", QCoreApplication.translate("Application", "Outbox")
        )
        self._backup_row = window.add_page(
            self.backup_page, "state-ok", QCoreApplication.translate("Application", "Backups")
        )
        window.nav.currentRowChanged.connect(self._on_nav_row_changed)
        self.outbox_page.status_message.connect(self._on_page_status_message)
        self.backup_page.status_message.connect(self._on_page_status_message)
        self.backup_page.restore_starting.connect(self._on_restore_starting)
        self.backup_page.data_restored.connect(self._on_data_restored)
        self.backup_page.restore_failed.connect(self._start_sender)

    @Slot(int)
    def _on_nav_row_changed(self, row: int) -> None:
        if row == self._outbox_row:
            self.outbox_page.refresh()
        elif row == self._backup_row:
            self.backup_page.refresh()

    @Slot(str)
    def _on_page_status_message(self, text: str) -> None:
        if self.window is not None:
            self.window.statusBar().showMessage(text, 10_000)

    # ------------------------------------------------------------ the background sender

    @Slot()
    def _start_sender(self) -> None:
        from desktop.outbox_sender import OutboxSenderThread

        if self.sender is not None and self.sender.isRunning():
            return
        # A new thread object each time: a stopped one keeps its interruption request.
        self.sender = OutboxSenderThread(self.data_dir)
        self.sender.unexpected_error.connect(self.crash_handler.handle_exception)
        self.sender.sender_failed.connect(self._on_sender_failed)
        if self.outbox_page is not None:
            self.sender.run_finished.connect(self.outbox_page.show_send_run)
            self.outbox_page.send_requested.connect(self.sender.wake)
        if self.watch_network:
            self.sender.watch_network()
        self.sender.start()

    def _stop_sender(self) -> None:
        if self.sender is not None:
            self.sender.stop()
            self.sender = None

    @Slot(object)
    def _on_sender_failed(self, exc: CchcError) -> None:
        self._on_page_status_message(self.prompter.message_of(exc))

    # ------------------------------------------------------------ backups

    def _start_backup_timer(self) -> None:
        if self.backup_timer is None:
            self.backup_timer = QTimer()
            self.backup_timer.setInterval(BACKUP_CHECK_MS)
            self.backup_timer.timeout.connect(self._on_backup_timer_timeout)
            QTimer.singleShot(FIRST_BACKUP_CHECK_MS, self._on_backup_timer_timeout)
        self.backup_timer.start()

    @Slot()
    def _on_backup_timer_timeout(self) -> None:
        if self.window is None or self._closed:
            return
        self.runner.run(_daily_backup, on_success=_log_backup, on_failure=self._on_backup_failed)

    @Slot(object)
    def _on_backup_failed(self, exc: CchcError) -> None:
        log.warning("automatic backup failed: %s [%s]", exc.message("en"), exc.code)
        self._on_page_status_message(self.prompter.message_of(exc))

    @Slot()
    def _on_restore_starting(self) -> None:
        """The database file is about to be replaced: pending edits go first, and the
        sender's connection must be closed (restoring needs the file to itself)."""
        if self.window is not None:
            self.window.editor.flush()
        self._stop_sender()

    @Slot(object)
    def _on_data_restored(self, result: Any) -> None:
        """Rebuild the window on the restored data (it may even hold another unit)."""
        self.runner.run(_startup_state_if_open, on_success=self._on_restored_state)

    @Slot(object)
    def _on_restored_state(self, state: Any) -> None:
        old = self.window
        self.window = None
        if old is not None:
            old.close()
            old.deleteLater()
        if state is None or state.unit is None:
            self._show_wizard()
            return
        self._show_main_window(state)
        self.window.show_page(self._backup_row)
        self.window.statusBar().showMessage(
            QCoreApplication.translate("Application", "The backup is restored."), 10_000
        )

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
        if self.backup_timer is not None:
            self.backup_timer.stop()
        if self.window is not None:
            self.window.save_before_exit()
            self.window.close()
        self._stop_sender()
        if self.runner is not None:
            if self.window is not None:
                self._backup_on_close()
            self.runner.shutdown()
        if self.garbage_collector is not None:
            self.garbage_collector.stop()
        if self.translations is not None:
            self.translations.uninstall()
        if self.install_hooks:
            self.crash_handler.uninstall()
        for h in list(logging.getLogger().handlers):
            h.flush()

    def _backup_on_close(self) -> None:
        try:
            outcome = self.runner.call(_close_backup, timeout_ms=CLOSE_BACKUP_WAIT_MS)
        except CchcError as exc:
            log.warning("backup on close failed: %s [%s]", exc.message("en"), exc.code)
        except TimeoutError:
            log.warning("the backup on close did not finish in time")
        else:
            _log_backup(outcome)


def _daily_backup(ws: Any) -> Any:
    from reports.backups.backup import backup_if_due
    from reports.backups.policy import Reason

    return None if ws is None else backup_if_due(ws, Reason.DAILY)


def _close_backup(ws: Any) -> Any:
    from reports.backups.backup import backup_if_due
    from reports.backups.policy import Reason

    return None if ws is None else backup_if_due(ws, Reason.CLOSE)


def _log_backup(outcome: Any) -> None:
    if outcome is None:
        return
    if outcome.result is None:
        log.info("no backup needed (%s)", outcome.plan.skip)
        return
    log.info("backup %s made", outcome.result.file.name)
    if outcome.result.mirror_error is not None:
        log.warning("second backup folder: %s", outcome.result.mirror_error.message("en"))


def _startup_state_if_open(ws: Any) -> Any:
    from desktop.jobs import startup_state

    return None if ws is None else startup_state(ws)


def main(argv: Sequence[str] | None = None) -> int:
    started = time.perf_counter()
    args = parse_args(argv)
    return Application(args, started=started).run()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
