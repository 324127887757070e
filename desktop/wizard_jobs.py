"""The first-run wizard's job: the unit and settings it decided, stored.

Run on the database worker like every job in desktop/jobs.py (whose docstring says the rules);
apart from it so the window's start does not create these records' classes (a frozen
dataclass takes about a millisecond to make) before the wizard is shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from desktop.jobs import StartupState, startup_state

if TYPE_CHECKING:
    from reports.storage.unit import Unit
    from reports.workspace import Workspace


@dataclass(frozen=True)
class SetupChoice:
    """What the first-run wizard decided."""

    unit: Unit
    settings: dict[str, Any] = field(default_factory=dict)


def apply_setup(ws: Workspace, choice: SetupChoice) -> StartupState:
    """The real setup (sample data never goes here: it has the demo installation, reports/demo.py)."""
    with ws.db.atomic():
        for key, value in choice.settings.items():
            ws.settings.set(key, value)
    ws.initialise(choice.unit)
    return startup_state(ws)
