"""The program's first window: from the state the database gives, or at once from the hint of
the last start (desktop/start_hint.py) while the database opens, checked when its state comes.

The composition root (desktop/app.py) owns the windows; these functions decide which to show.
"""

from __future__ import annotations

import logging
from functools import partial
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from desktop.appearance import icon, install_style
from desktop.crashhandler import CrashHandler, earlier_crash_notice
from desktop.start_hint import same_window, write_hint

if TYPE_CHECKING:
    import argparse

    from desktop.database_opener import DatabaseOpener
    from desktop.jobs import StartupState
    from desktop.prompter import Prompter
    from desktop.tasks import TaskRunner

log = logging.getLogger(__name__)


class FirstWindowHost(Protocol):
    args: argparse.Namespace
    crash_handler: CrashHandler
    earlier_crash: Any
    headless: bool
    window: Any

    @property
    def qapp(self) -> QApplication: ...
    @property
    def prompter(self) -> Prompter: ...
    @property
    def runner(self) -> TaskRunner: ...
    @property
    def opener(self) -> DatabaseOpener: ...
    @property
    def closed(self) -> bool: ...
    def set_language(self, lang: str) -> None: ...
    def show_wizard(self) -> None: ...
    def show_main_window(self, state: StartupState, *, remember: bool = True) -> Any: ...


def start_with(host: FirstWindowHost, state: StartupState | None) -> bool:
    """The first window for ``state`` (None: the database did not open); False to stop."""
    opener = host.opener
    if state is None and opener.damaged:
        host.set_language(host.args.lang or "vi")
        install_style(host.qapp)
        if not opener.restore(host.prompter, headless=host.headless):
            return False
        state = opener.state()
    if state is None:
        if opener.error is None:
            return False  # a bug while opening: the crash handler has reported it
        host.set_language(host.args.lang or "vi")
        install_style(host.qapp)
        host.prompter.error(opener.error, QCoreApplication.translate("Application", "The data cannot be opened"))
        return False
    host.set_language(host.args.lang or state.language)
    install_style(host.qapp, state.text_size)
    host.qapp.setWindowIcon(icon("app"))
    warn_at_start(host, state)
    if state.unit is None:
        host.show_wizard()
    else:
        host.show_main_window(state)
    return True


def show_from_hint(host: FirstWindowHost, hint: StartupState) -> None:
    """The window of the last start, shown now; the database's state follows from the worker."""
    from desktop.database_opener import startup_state_if_open

    host.set_language(host.args.lang or hint.language)
    install_style(host.qapp, hint.text_size)
    host.qapp.setWindowIcon(icon("app"))
    try:
        window = host.show_main_window(hint, remember=False)
    finally:
        host.opener.release()  # the database opens now, on the worker
    host.runner.run(startup_state_if_open, on_success=partial(_on_real_state, host, hint, window))


def _on_real_state(host: FirstWindowHost, hint: StartupState, window: Any, state: StartupState | None) -> None:
    """Nothing to do when the state asks for the window shown; else the usual start (the window
    built again, a restore offered, the wizard, an error)."""
    if host.closed or host.window is not window:
        return  # closed or replaced meanwhile
    if same_window(hint, state):
        assert state is not None
        write_hint(state)
        warn_at_start(host, state)
        return
    log.info("the data changed since the last start: the first window is built again")
    host.window = None
    window.close()
    window.deleteLater()
    if not start_with(host, state):
        host.qapp.exit(1 if host.crash_handler.fatal else 2)


def warn_at_start(host: FirstWindowHost, state: StartupState) -> None:
    if host.earlier_crash is not None:
        host.prompter.warning(*earlier_crash_notice(host.earlier_crash))
    check = host.opener.check
    if check is not None and check.evidence:  # files gone from the evidence folder
        host.prompter.warning(
            QCoreApplication.translate("Application", "Evidence files are missing"),
            check.evidence_message(host.args.lang or state.language),
        )
