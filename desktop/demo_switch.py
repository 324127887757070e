"""Moving between the real installation and the demo one ("Dùng thử với dữ liệu mẫu").

The wizard's first page and the settings open the demo: it is made (or reopened) beside the real
data folder on the database worker (reports/demo.py), and the program opens it instead, under its
banner (desktop/demo_banner.py). "Bắt đầu dùng thật" asks to confirm, asks whether to keep the
demo folder, and opens the real installation: its first-run wizard when it has no unit yet.
Nothing from the demo is carried over. "Làm lại dữ liệu mẫu" makes the demo anew.

The composition root (desktop/app.py) owns the windows and does the switching
(``switch_installation``); these functions decide what to switch to.
"""

from __future__ import annotations

import logging
from functools import partial
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication

from reports.demo import demo_dir, remove_demo, start_demo
from reports.demo import reset_demo as reset_demo_folder
from reports.paths import DataPaths

log = logging.getLogger(__name__)


class DemoHost(Protocol):
    """What of the running program (desktop.app.Application) the switch needs."""

    data_dir: Path
    real_data_dir: Path
    lang: str
    window: Any
    wizard: Any

    @property
    def prompter(self) -> Any: ...

    @property
    def runner(self) -> Any: ...

    @property
    def background(self) -> Any: ...

    def show_installation(self, folder: Path, state: Any) -> tuple[Any, Any]: ...


def _open(host: DemoHost, folder: Path, prepare: Any) -> Any:
    """Open ``folder`` on the database worker (the Workspace open there is closed first);
    ``prepare`` runs there in between. The start-up state, or None (``host.prompter`` told why)."""
    from desktop.database_opener import DatabaseOpener

    opener = DatabaseOpener(folder, host.runner, prepare=prepare)
    opener.start()
    state = opener.state()
    if state is None:
        title = QCoreApplication.translate("Application", "The data cannot be opened")
        host.prompter.error(opener.error or title, title)
    return state


def switch_installation(host: DemoHost, folder: Path, prepare: Any = None) -> bool:
    """Close what is open and open the installation in ``folder`` (the demo or the real one).
    False, with what was open open again, when it fails (a folder of that name that is not a
    demo, a full disk)."""
    if host.window is not None:
        host.window.save_before_exit()  # pending edits go to the installation they belong to
    host.background.stop_sender()
    state = _open(host, folder, prepare)
    if state is None:
        _open(host, host.data_dir, None)
        if host.window is not None and not DataPaths(host.data_dir).is_demo:
            host.background.start_sender()
        return False
    old_window, old_wizard = host.show_installation(folder, state)
    if old_wizard is not None:
        for signal in (old_wizard.rejected, old_wizard.setup_done, old_wizard.demo_requested):
            signal.disconnect()  # cancelling the old wizard must not quit the program
        old_wizard.hide()
        old_wizard.deleteLater()
    if old_window is not None:
        old_window.close()
        old_window.deleteLater()
    return True


def connect_window(host: DemoHost, window: Any) -> bool:
    """The window's way into the demo (from the settings) and, in the demo, its banner and title
    mark; True when ``window`` shows the demo."""
    from desktop.demo_banner import DemoBanner, mark_window
    from desktop.mainwindow import MainWindow

    if isinstance(window, MainWindow):
        window.demo_requested.connect(partial(open_demo, host, ""))
    if not DataPaths(host.data_dir).is_demo:
        return False
    banner = DemoBanner(window)
    mark_window(window, banner)
    banner.start_real_requested.connect(partial(start_for_real, host))
    banner.reset_requested.connect(partial(reset_demo, host))
    return True


def _switch(host: DemoHost, folder: Path, prepare: Any, status: str) -> bool:
    """The switch, with a wait cursor and a word of what is happening (making the sample takes
    a few seconds on an old PC; the worker does it while the window stays responsive)."""
    if host.window is not None:
        host.window.statusBar().showMessage(status)
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return switch_installation(host, folder, prepare)
    finally:
        QApplication.restoreOverrideCursor()


def open_demo(host: DemoHost, lang: str = "") -> bool:
    """Open the demo beside the real installation, making it first when there is none."""
    real = host.real_data_dir
    log.info("opening the demo installation beside %s", real)
    ok = _switch(host, demo_dir(real), partial(start_demo, real, language=lang or host.lang),
                 QCoreApplication.translate("DemoSwitch", "Preparing the sample data, please wait…"))
    if not ok and host.wizard is not None:
        host.wizard.set_busy(False)
    return ok


def start_for_real(host: DemoHost) -> bool:
    """Leave the demo for the real installation (its first-run wizard when it has none yet)."""
    prompter = host.prompter
    if not prompter.ask_yes_no(
        QCoreApplication.translate("DemoSwitch", "Start using it for real"),
        QCoreApplication.translate("DemoSwitch", "The program leaves the trial and opens your own installation, to be set up for your office. "
           "Nothing from the trial (the sample commune, its reports, certificates or settings) is carried over."),
        default=True, yes_text=QCoreApplication.translate("DemoSwitch", "Start for real"), no_text=QCoreApplication.translate("DemoSwitch", "Keep trying"),
    ):
        return False
    delete = prompter.ask_yes_no(
        QCoreApplication.translate("DemoSwitch", "The trial installation"),
        QCoreApplication.translate("DemoSwitch", "Delete the trial installation with its sample data now? If you keep it, \"Try it with sample data\" "
           "(in the setup and in Settings) opens it again as you left it."),
        default=False, yes_text=QCoreApplication.translate("DemoSwitch", "Delete it"), no_text=QCoreApplication.translate("DemoSwitch", "Keep it"),
    )
    real = host.real_data_dir
    log.info("leaving the demo for %s (demo %s)", real, "deleted" if delete else "kept")
    return _switch(host, real, partial(remove_demo, real) if delete else None, QCoreApplication.translate("DemoSwitch", "Opening your own installation…"))


def reset_demo(host: DemoHost) -> bool:
    """Everything tried in the demo is gone; the sample is made again."""
    if not host.prompter.ask_yes_no(
        QCoreApplication.translate("DemoSwitch", "Reset the sample data"),
        QCoreApplication.translate("DemoSwitch", "Make the sample data anew? Everything you tried in the trial (new reports, signatures, settings) is deleted."),
        default=False, yes_text=QCoreApplication.translate("DemoSwitch", "Reset"), no_text=QCoreApplication.translate("DemoSwitch", "Cancel"),
    ):
        return False
    real = host.real_data_dir
    return _switch(host, demo_dir(real), partial(reset_demo_folder, real, language=host.lang),
                   QCoreApplication.translate("DemoSwitch", "Preparing the sample data, please wait…"))
