"""What the main window looked like at the last start: its unit, language and text size.

With it the window shows itself at once, before the core is loaded and the database opened
(desktop/app.py); the real state follows from the worker and, when it differs (the unit was
changed from the command line, a backup restored, the file deleted), the window is built
again from it. A missing or unreadable hint only means the usual start: waiting for the state.
It lives in the logs folder, beside the log: the program's own memory, never the user's data.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from reports.files import write_atomic
from reports.paths import DataPaths
from reports.storage.unit import Unit

if TYPE_CHECKING:
    from desktop.jobs import StartupState

log = logging.getLogger(__name__)

HINT_FILE = "window-hint.json"
VERSION = 1


def hint_path(paths: DataPaths) -> Path:
    return paths.logs / HINT_FILE


def hint_of(state: StartupState) -> dict[str, object] | None:
    """What to remember of ``state`` (None for a folder without a unit: the wizard's)."""
    if state.unit is None:
        return None
    return {"version": VERSION, "unit": asdict(state.unit), "language": state.language, "text_size": state.text_size}


def read_hint(data_dir: Path) -> StartupState | None:
    """The state remembered at the last start, or None when there is none that can be used."""
    from desktop.jobs import StartupState

    paths = DataPaths(data_dir)
    try:
        data = json.loads(hint_path(paths).read_text(encoding="utf-8"))
        if data.get("version") != VERSION:
            return None
        unit = Unit(**data["unit"])  # checks the fields as the storage does
        settings = {"language": str(data["language"]), "text_size": str(data["text_size"])}
    except FileNotFoundError:
        return None
    except (OSError, ValueError, TypeError, KeyError, AttributeError) as exc:  # damaged or from another version
        log.info("start-up hint not used: %s", exc)
        return None
    return StartupState(unit, settings, paths)


def write_hint(state: StartupState) -> None:
    """Remember ``state`` for the next start of its installation; a failure to write only
    costs that start its head start."""
    hint = hint_of(state)
    path = hint_path(state.paths)
    try:
        if hint is None:
            path.unlink(missing_ok=True)
            return
        text = json.dumps(hint, ensure_ascii=False, sort_keys=True)
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            return
        write_atomic(path, text.encode("utf-8"))
    except OSError as exc:
        log.info("start-up hint not written: %s", exc)


def same_window(hint: StartupState, state: StartupState | None) -> bool:
    """Whether the window built from ``hint`` is the one ``state`` asks for."""
    return (
        state is not None
        and state.unit == hint.unit
        and state.language == hint.language
        and state.text_size == hint.text_size
    )
