"""The reviewer's side of what it issues, as the Forms page and ``cchc forms``/``cchc calendar``
use it: reading a definition or calendar file (refused with the file, line and reason), and
what the installation holds (each definition's origin, the calendar in use)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from forms.calendar import CalendarData, CalendarError, parse_calendar
from forms.definition import DefinitionError, FormDefinition, load_definition
from reports.errors import UsageError
from reports.storage.calendars import CalendarInvalidError
from reports.storage.form_registry import DefinitionInvalidError
from reports.workspace import Workspace


def read_form_file(path: Path) -> FormDefinition:
    try:
        return load_definition(Path(path))
    except DefinitionError as exc:
        raise DefinitionInvalidError(file=exc.source, line=exc.line or "?", where=exc.where, reason=exc.reason) from exc
    except OSError as exc:
        raise UsageError(detail=f"Không đọc được tệp {path}: {exc.strerror}",
                         detail_en=f"Cannot read {path}: {exc.strerror}") from exc


def read_calendar_file(path: Path) -> CalendarData:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise CalendarInvalidError(file=str(path), line="?", where="file", reason="is not UTF-8 text") from exc
    except OSError as exc:
        raise UsageError(detail=f"Không đọc được tệp {path}: {exc.strerror}",
                         detail_en=f"Cannot read {path}: {exc.strerror}") from exc
    try:
        return parse_calendar(text, source=str(path))
    except CalendarError as exc:
        raise CalendarInvalidError.from_error(exc) from exc


@dataclass(frozen=True)
class HeldForm:
    form_id: str
    version: int
    title: str
    kind: str  # report / scoring
    origin: str  # builtin / province / reviewer / commune
    published_at: str | None


@dataclass(frozen=True)
class IssuedState:
    forms: list[HeldForm]
    calendar_years: tuple[int, ...]
    calendar_origin: str
    calendar_published: bool


def issued_state(ws: Workspace) -> IssuedState:
    from reports.storage.calendars import published_calendars

    titles = {(d.id, d.version): (d.title, d.kind) for d in ws.forms.list()}
    forms = [HeldForm(h.form_id, h.version, *titles[(h.form_id, h.version)], h.origin, h.published_at)
             for h in ws.forms.all_held()]
    calendar = ws.calendar()
    return IssuedState(forms, calendar.covered_years, calendar.origin, bool(published_calendars(ws.db)))
