"""Opening the data at start: the quick integrity check first, then the Workspace.

A damaged database is not opened (``check_at_start``); the newest good backup is offered
instead (``RestoreDialog``, or the prompter without windows) and, once it is restored, the
Workspace is opened again. The composition root (desktop/app.py) builds one opener right
after the task runner, so the worker opens (and migrates) the database while the UI thread
loads the window's modules.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from reports.errors import CchcError

if TYPE_CHECKING:
    from desktop.jobs import StartupState
    from desktop.prompter import Prompter
    from desktop.tasks import TaskRunner
    from reports.backups.startup import StartupCheck
    from reports.workspace import Workspace

log = logging.getLogger(__name__)

HOLD_LIMIT_S = 10.0  # a window that takes longer to show does not keep the database closed


class DatabaseOpener:
    """Opens the Workspace on the database worker, unless the file is damaged."""

    def __init__(self, data_dir: Path, runner: TaskRunner, *, prepare: Callable[[], object] | None = None) -> None:
        self._data_dir = data_dir
        self._runner = runner
        # Run on the worker after the previous Workspace is closed, before this one opens: making,
        # resetting or deleting the demo installation, while nothing else holds its files.
        self._prepare = prepare
        # Cleared while a window shown from the last start's hint is being built (desktop/
        # first_window.py): the worker's imports and queries would take turns with it for the
        # interpreter, and the window would show later. Released just before the window is
        # shown (Application.show_main_window): showing is mostly Qt's C++, the worker runs then.
        self._go = threading.Event()
        self._go.set()
        self.check: StartupCheck | None = None  # set on the worker by open_workspace()
        self.error: CchcError | None = None  # why the Workspace could not be opened

    def start(self, *, held: bool = False) -> None:
        """Queue the opening as the worker's first job; later jobs receive the Workspace.
        ``held``: the worker waits for ``release()`` (for at most HOLD_LIMIT_S) before opening."""
        if held:
            self._go.clear()
        self._runner.set_workspace_opener(self.open_workspace, on_failure=self._on_open_failed)

    def release(self) -> None:
        self._go.set()

    def open_workspace(self) -> Workspace | None:
        """On the worker: None when the quick check finds the database damaged."""
        self._go.wait(HOLD_LIMIT_S)  # before the imports too: the UI thread may want the same modules
        from reports.backups.startup import check_at_start
        from reports.paths import DataPaths
        from reports.workspace import Workspace

        if self._prepare is not None:
            self._prepare()
        self.check = check_at_start(DataPaths(self._data_dir))
        if not self.check.ok:
            log.warning("the database is damaged: %s", "; ".join(self.check.problems))
            return None
        return Workspace.open(self._data_dir, checked=True)

    def _on_open_failed(self, exc: CchcError) -> None:
        self.error = exc

    @property
    def damaged(self) -> bool:
        return self.check is not None and not self.check.ok

    def state(self) -> StartupState | None:
        """What the window needs to start (None when no Workspace is open); waits for the worker."""
        state: StartupState | None = self._runner.call(startup_state_if_open)
        return state

    def restore(self, prompter: Prompter, *, headless: bool) -> bool:
        """The database is damaged: offer the newest good backup; True once it is restored
        and the Workspace is opening again."""
        from desktop.restore_dialog import confirm_restore
        from reports.backups.restore import describe_restore, restore
        from reports.paths import DataPaths

        check = self.check
        assert check is not None and not check.ok
        title = QCoreApplication.translate("Application", "The data cannot be opened")
        offer = check.offer
        if offer is None:
            prompter.error(check.error(), title)
            return False
        paths = DataPaths(self._data_dir)
        try:
            preview = self._runner.call(lambda _ws: describe_restore(paths, offer.path))
        except CchcError as exc:
            prompter.error(exc, title)
            return False
        intro = QCoreApplication.translate(
            "Application",
            "The data file is damaged (%1), so the program cannot open it. It can be replaced by "
            "the newest good backup; the damaged file is kept aside.",
        ).replace("%1", check.problems[0] if check.problems else "?")
        if not confirm_restore(preview, prompter, headless=headless, intro=intro):
            prompter.error(check.error(), title)
            return False
        try:
            self._runner.call(lambda _ws: restore(paths, preview.backup.path))
        except CchcError as exc:
            prompter.error(exc, QCoreApplication.translate("Application", "The backup was not restored"))
            return False
        log.info("restored %s after the start-up check failed", preview.backup.name)
        self.error = None
        self.start()
        return True


def startup_state_if_open(ws: Workspace | None) -> StartupState | None:
    """On the worker: the window's start-up state, None when no Workspace is open."""
    from desktop.jobs import startup_state

    return None if ws is None else startup_state(ws)
