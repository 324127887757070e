"""The settings page's jobs (the outbox and backup pages store their settings through them too).

Run on the database worker like every job in desktop/jobs.py (whose docstring says the rules);
apart from it so the window's start does not create these records' classes (a frozen
dataclass takes about a millisecond to make) before the settings are opened.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reports.clock import local_date
from reports.storage.settings import SETTINGS

if TYPE_CHECKING:
    from reports.paths import DataPaths
    from reports.storage.unit import Unit
    from reports.workspace import Workspace


@dataclass(frozen=True)
class SettingsState:
    unit: Unit
    settings: dict[str, Any]
    paths: DataPaths
    calendar_years: tuple[int, ...] = ()  # years with official arrangements (Tết break, make-up days)
    calendar_origin: str = "shipped"  # shipped / province / reviewer
    this_year: int = 0


def settings_state(ws: Workspace) -> SettingsState:
    calendar = ws.calendar()
    return SettingsState(ws.require_unit(), ws.settings.all(), ws.paths, calendar.covered_years, calendar.origin,
                         local_date(ws.clock()).year)


UNIT_FIELDS = (
    "name",
    "province_name",
    "reviewer_name",
    "place",
    "preparer_name",
    "preparer_title",
    "signer_name",
    "signer_title",
    "signer_authority",
    "doc_symbol",
)
SETTING_KEYS = frozenset(s.key for s in SETTINGS)


def save_settings(ws: Workspace, unit_changes: dict[str, Any], settings: dict[str, Any]) -> SettingsState:
    """Store the unit's details and the settings together, or nothing when one is refused."""
    unknown = (set(unit_changes) - set(UNIT_FIELDS)) | (set(settings) - SETTING_KEYS)
    if unknown:
        raise ValueError(f"unknown keys {sorted(unknown)}")
    with ws.db.atomic():
        for key, value in settings.items():
            ws.settings.set(key, value)
        if unit_changes:
            ws.update_unit(**unit_changes)
    return settings_state(ws)
