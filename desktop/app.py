"""The composition root: everything the desktop program is made of is built here, in order.

1. arguments, the data folder, logging to ``<data>/logs/cchc.log``, the crash handler;
2. the Qt application, the task runner, the database opener (its worker opens the Workspace
   while the UI modules load; a damaged database is not opened: the newest good backup is
   offered instead, desktop/database_opener.py), the prompter, the background work (the
   outbox's sender in its own thread and Workspace, the backup timer: desktop/background.py);
3. the translators (Vietnamese unless the settings or ``--lang`` say English), the style;
4. the first-run wizard when the folder has no unit yet, else the main window (the commune's
   or the reviewer's) with its pages and the background work; or the demo (desktop/demo_switch.py);
5. on exit: pending work finished, the sender stopped, a backup on close, the Workspace
   closed on its own thread, logs flushed.

Heavy libraries (reportlab, pyHanko) are imported by the functions that need them, never
here, so the window shows quickly on an old PC; so are this program's own window modules
(they are named under TYPE_CHECKING for the types only).
"""

from __future__ import annotations

import argparse
import gc
import logging
import sys
import time
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QCoreApplication, QTimer, Slot
from PySide6.QtWidgets import QApplication

import desktop.qtfixes  # noqa: F401 - first: PySide6 6.12.0 on Python 3.11 loses references to None/True
from desktop.appearance import new_application
from desktop.arguments import headless_requested, parse_args
from desktop.crashhandler import CrashHandler
from desktop.first_window import show_from_hint, start_with
from desktop.logsetup import install_logging, install_qt_message_handler, usable_logs_dir
from desktop.start_hint import read_hint, write_hint
from reports import __version__
from reports.demo import real_dir_of
from reports.errors import CchcError
from reports.paths import default_data_dir

if TYPE_CHECKING:
    from desktop.added_pages import AddedPages
    from desktop.background import BackgroundWork
    from desktop.backup_page import BackupPage
    from desktop.database_opener import DatabaseOpener
    from desktop.garbage import MainThreadGarbageCollector
    from desktop.i18n import Translations
    from desktop.jobs import StartupState
    from desktop.language_switch import OpenWork
    from desktop.mainwindow import MainWindow
    from desktop.outbox_page import OutboxPage
    from desktop.outbox_sender import OutboxSenderThread
    from desktop.par_page import ParIndexPage
    from desktop.prompter import Prompter
    from desktop.reviewer.window import ReviewerWindow
    from desktop.tasks import TaskRunner
    from desktop.wizard import SetupWizard
    from reports.backups.restore import RestoreResult

log = logging.getLogger(__name__)

APP_NAME = "Báo cáo CCHC"
SERVICES_DELAY_MS = 1500  # the background work starts this long after the main window shows


class Application:
    """Owns every long-lived part of the running program."""

    def __init__(
        self,
        args: argparse.Namespace,
        *,
        install_hooks: bool = True,
        started: float | None = None,
        prompter: Prompter | None = None,
        watch_network: bool = True,
    ) -> None:
        self.started = started if started is not None else time.perf_counter()
        self.args = args
        self.install_hooks = install_hooks
        self.data_dir = Path(args.data_dir).expanduser() if args.data_dir else default_data_dir()
        # The installation "Bắt đầu dùng thật" returns to; data_dir is the demo's while it is open.
        self.real_data_dir = real_dir_of(self.data_dir)
        self.headless = headless_requested(args)
        self.logs_dir = usable_logs_dir(self.data_dir / "logs")
        self.log_file = install_logging(self.logs_dir) if install_hooks else self.logs_dir / "cchc.log"
        log.info("Báo cáo CCHC %s starting; data folder %s", __version__, self.data_dir)
        self.crash_handler = CrashHandler(self.logs_dir, headless=self.headless)
        self.earlier_crash = self.crash_handler.take_earlier_crash()
        if install_hooks:
            self.crash_handler.install()

        # Built by build(), in this order. The services every later part needs are read
        # through the properties below, which say so when build() has not made them yet.
        self._qapp: QApplication | None = None
        self.garbage_collector: MainThreadGarbageCollector | None = None
        self._runner: TaskRunner | None = None
        self._opener: DatabaseOpener | None = None
        self._prompter: Prompter | None = prompter  # given: tests script the answers
        self._background: BackgroundWork | None = None
        self.watch_network = watch_network
        self._translations: Translations | None = None
        self.lang = "vi"
        # Then one of these two, and the pages that live as long as the window.
        self.wizard: SetupWizard | None = None
        self.window: MainWindow | ReviewerWindow | None = None
        self._pages: AddedPages | None = None  # the outbox, backups and PAR pages, built when opened
        self._closed = False

    @property
    def qapp(self) -> QApplication:
        assert self._qapp is not None, "Application.build() makes the Qt application"
        return self._qapp

    @property
    def runner(self) -> TaskRunner:
        assert self._runner is not None, "Application.build() makes the task runner"
        return self._runner

    @property
    def prompter(self) -> Prompter:
        assert self._prompter is not None, "Application.build() makes the prompter"
        return self._prompter

    @property
    def translations(self) -> Translations:
        assert self._translations is not None, "Application.build() installs the translations"
        return self._translations

    @property
    def background(self) -> BackgroundWork:
        assert self._background is not None, "Application.build() makes the background work"
        return self._background

    @property
    def sender(self) -> OutboxSenderThread | None:
        """The outbox's background sender, while it runs."""
        return None if self._background is None else self._background.outbox_sender

    # ------------------------------------------------------------ building

    def build(self) -> bool:
        """Build everything up to the first window; False when the program must stop."""
        from desktop.background import BackgroundWork
        from desktop.database_opener import DatabaseOpener
        from desktop.tasks import TaskRunner

        # A test or the self-test may have made the one QApplication already.
        existing = QApplication.instance() or new_application(sys.argv[0] if sys.argv else "bao-cao-cchc")
        self._qapp = cast(QApplication, existing)
        self.qapp.setApplicationName(APP_NAME)
        self.qapp.setApplicationVersion(__version__)
        self.qapp.setOrganizationName("BaoCaoCCHC")
        if self.install_hooks:
            install_qt_message_handler()
        if gc.isenabled():
            # Not a hook but how the program stays alive: Python's automatic collection would
            # run on the database worker and destroy widgets there (desktop/garbage.py). Only
            # skipped when a caller (a test session) already collects on this thread.
            from desktop.garbage import MainThreadGarbageCollector

            self.garbage_collector = MainThreadGarbageCollector(self.qapp)
            self.garbage_collector.start()

        self._runner = TaskRunner()
        self.runner.unexpected_error.connect(self.crash_handler.handle_exception)
        if self.garbage_collector is not None:
            self.runner.busy_changed.connect(self.garbage_collector.set_busy)
        # The worker opens (and migrates) the database while this thread loads the UI modules; after
        # the window is shown when the last start left a hint of it (desktop/first_window.py).
        opener = self._opener = DatabaseOpener(self.data_dir, self.runner)
        hint = read_hint(self.data_dir)  # the window of the last start: shown before the database opens
        opener.start(held=hint is not None)
        from desktop.i18n import Translations
        from desktop.prompter import HeadlessPrompter, QtPrompter

        if self._prompter is None:
            self._prompter = HeadlessPrompter(strict=False) if self.headless else QtPrompter()
        self.runner.expected_error.connect(self.prompter.error)
        self.crash_handler.before_exit(self._save_before_exit)
        self._background = BackgroundWork(
            self.data_dir,
            self.runner,
            on_bug=self.crash_handler.handle_exception,
            backups_wanted=lambda: self.window is not None and not self._closed,
            watch_network=self.watch_network,
        )
        self.background.failed.connect(self._on_background_failed)

        # Load the window modules while the worker opens the database (reading files from an old
        # PC's disk overlaps; the Python work itself takes turns).
        import desktop.mainwindow  # noqa: F401

        self._translations = Translations()
        if hint is not None:
            show_from_hint(self, hint)
            return True
        return start_with(self, opener.state())

    @property
    def opener(self) -> DatabaseOpener:
        assert self._opener is not None, "Application.build() makes the database opener"
        return self._opener

    @property
    def closed(self) -> bool:
        return self._closed

    @Slot(str)
    def set_language(self, lang: str) -> None:
        self.lang = self.translations.install(lang)
        self.prompter.lang = self.lang

    def show_wizard(self) -> None:
        from desktop import demo_switch
        from desktop.wizard import SetupWizard

        self.wizard = SetupWizard(self.runner, self.prompter, lang=self.lang)
        self.wizard.language_changed.connect(self.set_language)
        self.wizard.setup_done.connect(self._on_wizard_setup_done)
        self.wizard.demo_requested.connect(partial(demo_switch.open_demo, self))
        self.wizard.rejected.connect(self._on_wizard_rejected)
        self.wizard.show()
        self._log_shown("setup wizard")

    @Slot(object)
    def _on_wizard_setup_done(self, state: StartupState) -> None:
        self.set_language(self.args.lang or state.language)
        self.show_main_window(state)
        if self.wizard is not None:
            self.wizard.deleteLater()
            self.wizard = None

    @Slot()
    def _on_wizard_rejected(self) -> None:
        log.info("setup cancelled")
        QTimer.singleShot(0, self.qapp.quit)

    def show_main_window(self, state: StartupState, *, remember: bool = True) -> MainWindow | ReviewerWindow:
        from desktop.mainwindow import MainWindow

        assert state.unit is not None
        if remember:  # the next start shows this window before the database opens (desktop/start_hint.py)
            write_hint(state)
        window: MainWindow | ReviewerWindow
        if state.unit.role.value == "reviewer":  # the reviewing office has its own window
            from desktop.reviewer.window import ReviewerWindow

            window = ReviewerWindow(self.runner, self.prompter, state.unit, lang=self.lang)
        else:
            window = MainWindow(self.runner, self.prompter, state.unit, lang=self.lang)
        self.window = window
        window.text_size_changed.connect(self._on_text_size_changed)
        window.language_changed.connect(self._on_language_changed)
        if isinstance(window, MainWindow):
            window.set_text_size(state.text_size)
        self._add_pages(window)
        from desktop import demo_switch

        demo = demo_switch.connect_window(self, window)  # the banner and its buttons in the demo
        set_parent = getattr(self.prompter, "set_parent", None)  # the windowed prompter's dialogs
        if set_parent is not None:
            set_parent(window)
        # A window shown from the last start's hint holds the database's opening while it is
        # built, in Python (desktop/first_window.py); showing it is mostly Qt's C++ (the style,
        # fonts, layout), during which the worker's Python runs: the database opens from here.
        if self._opener is not None:
            self._opener.release()
        window.show()
        self._log_shown("main window")
        window.start()
        # The outbox's sender (its own thread, Workspace and network code) and the backup timer
        # start once the first screen is up: nothing the official sees first waits for them,
        # and on a start they would compete with the window for the one interpreter lock.
        QTimer.singleShot(SERVICES_DELAY_MS, partial(self._start_services, window, send=not demo))
        return window

    def _start_services(self, window: MainWindow | ReviewerWindow, *, send: bool) -> None:
        if self._closed or self.window is not window:
            return  # closed or replaced meanwhile: the new window starts its own
        if send:  # the demo never sends anything by itself, whatever its settings say
            self.background.start_sender()
        self.background.start_backup_timer()

    def _add_pages(self, window: MainWindow | ReviewerWindow) -> None:
        """The outbox, the backups and the PAR index after the window's own pages, each built
        when first opened (desktop/added_pages.py)."""
        from desktop.added_pages import AddedPages

        pages = self._pages = AddedPages(window, self.runner, self.prompter, self.background, lang=self.lang)
        pages.status_message.connect(self._on_page_status_message)
        pages.restore_starting.connect(self._on_restore_starting)
        pages.data_restored.connect(self._on_data_restored)
        pages.restore_failed.connect(self.background.start_sender)

    @property
    def outbox_page(self) -> OutboxPage | None:
        return None if self._pages is None else self._pages.outbox_page

    @property
    def backup_page(self) -> BackupPage | None:
        return None if self._pages is None else self._pages.backup_page

    @property
    def par_page(self) -> ParIndexPage | None:
        return None if self._pages is None else self._pages.par_page

    @property
    def backup_row(self) -> int:
        """The navigation row of the backups page."""
        return -1 if self._pages is None else self._pages.backup_row

    # ------------------------------------------------------------ real or demo (desktop/demo_switch.py)

    def show_installation(self, folder: Path, state: StartupState) -> tuple[object, object]:
        """The installation in ``folder`` is open on the worker: its wizard or window replaces
        what was shown, which is returned (window, wizard) for desktop/demo_switch.py to dispose
        of once the new one is up: the program never has no window."""
        log.info("switched to the installation in %s", folder)
        self.data_dir = folder
        self.background.set_data_dir(folder)
        old = self.window, self.wizard
        self.window = self.wizard = None
        self.set_language(self.args.lang or (state.language if state.unit is not None else self.lang))
        if state.unit is None:
            self.show_wizard()
        else:
            self.show_main_window(state)
        return old

    @property
    def par_row(self) -> int:
        """The navigation row of the "Chỉ số CCHC" page (-1 for a reviewer)."""
        return -1 if self._pages is None else self._pages.par_row

    @Slot(str)
    def _on_page_status_message(self, text: str) -> None:
        if self.window is not None:
            self.window.statusBar().showMessage(text, 10_000)

    @Slot(object)
    def _on_background_failed(self, exc: CchcError) -> None:
        self._on_page_status_message(self.prompter.message_of(exc))

    # ------------------------------------------------------------ restoring a backup from the page

    @Slot()
    def _on_restore_starting(self) -> None:
        """The database file is about to be replaced: pending edits go first, and the
        sender's connection must be closed (restoring needs the file to itself)."""
        from desktop.mainwindow import MainWindow

        if isinstance(self.window, MainWindow):  # the reviewer's window edits nothing
            self.window.flush_editor()
        self.background.stop_sender()

    @Slot(object)
    def _on_data_restored(self, result: RestoreResult) -> None:
        """Rebuild the window on the restored data (it may even hold another unit)."""
        from desktop.database_opener import startup_state_if_open

        self.runner.run(startup_state_if_open, on_success=self._on_restored_state)

    @Slot(object)
    def _on_restored_state(self, state: StartupState | None) -> None:
        old = self.window
        self.window = None
        if old is not None:
            old.close()
            old.deleteLater()
        if state is None or state.unit is None:
            self.show_wizard()
            return
        window = self.show_main_window(state)
        window.nav.setCurrentRow(self.backup_row)
        window.statusBar().showMessage(
            QCoreApplication.translate("Application", "The backup is restored."), 10_000
        )

    # ------------------------------------------------------------ changing the language

    @Slot(str)
    def _on_language_changed(self, lang: str) -> None:
        """Settings → language: the whole window in the new language at once, rebuilt with
        what the official was doing (desktop/language_switch.py says why a rebuild)."""
        from desktop.database_opener import startup_state_if_open
        from desktop.language_switch import open_work

        old = self.window
        if old is None or lang == self.lang:
            return
        work = open_work(old)  # pending edits go to the worker before the state is read
        self.args.lang = None  # the setting now decides, not the command line it started with
        self.set_language(lang)
        self.runner.run(startup_state_if_open, on_success=partial(self._on_language_state, old, work))

    def _on_language_state(self, old: MainWindow | ReviewerWindow, work: OpenWork, state: StartupState | None) -> None:
        from desktop.language_switch import resume

        if state is None or state.unit is None or self.window is not old:
            return  # closed or replaced (a backup restored) meanwhile
        window = self.show_main_window(state)
        resume(window, work, self.runner)
        old.close()
        old.deleteLater()

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
        if self._background is not None:
            self._background.stop_backup_timer()
        if self.window is not None:
            self.window.save_before_exit()
            self.window.close()
        if self._background is not None:
            self._background.stop_sender()
        if self._runner is not None:
            if self.window is not None and self._background is not None:
                self._background.back_up_on_close()
            self._runner.shutdown()
        if self.garbage_collector is not None:
            self.garbage_collector.stop()
        if self._translations is not None:
            self._translations.uninstall()
        if self.install_hooks:
            self.crash_handler.uninstall()
        for h in list(logging.getLogger().handlers):
            h.flush()


def main(argv: Sequence[str] | None = None) -> int:
    started = time.perf_counter()
    args = parse_args(argv)
    return Application(args, started=started).run()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
