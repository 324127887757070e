"""The working-day calendar files an installation holds: the shipped one and those installed.

A reviewer installs a calendar file it was given (origin "province") and publishes it: it then
travels to every commune with the next feedback package, where it is installed with origin
"reviewer" (only from the bound reviewer: see reports.exchange.issued). The calendar in use
merges the shipped file with every installed one, year by year (forms.calendar.merge).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from forms.calendar import CalendarData, CalendarError, WorkingCalendar, merge, parse_calendar
from reports.errors import CchcError
from reports.resources import resource_path
from reports.storage.database import Database

SHIPPED_CALENDAR = "calendar/lich-lam-viec.toml"


class CalendarInvalidError(CchcError):
    code = "calendar.invalid"
    vi = "Tệp lịch làm việc {file} có lỗi ở dòng {line}: {where}: {reason}. Hãy sửa tệp rồi làm lại."
    en = "The calendar file {file} has an error at line {line}: {where}: {reason}. Fix the file and try again."
    exit_code = 1

    @classmethod
    def from_error(cls, exc: CalendarError) -> CalendarInvalidError:
        return cls(file=exc.source, line=exc.line or "?", where=exc.where, reason=exc.reason)


class NoCalendarError(CchcError):
    code = "calendar.none_installed"
    vi = "Chưa cài tệp lịch làm việc nào để gửi cho xã. Cài bằng lệnh: cchc calendar install TỆP.toml"
    en = "No calendar file is installed to publish. Install one with: cchc calendar install FILE.toml"
    exit_code = 1


@dataclass(frozen=True)
class StoredCalendar:
    data: CalendarData
    origin: str  # "shipped", "province" (installed by this reviewer) or "reviewer" (received)
    installed_at: str
    published_at: str | None


@lru_cache(maxsize=1)
def shipped_calendar() -> CalendarData:
    path = resource_path(SHIPPED_CALENDAR)
    return parse_calendar(path.read_text(encoding="utf-8"), source=str(path))


@lru_cache(maxsize=32)
def _parsed(text: str) -> CalendarData:
    return parse_calendar(text, source="calendar")


def stored_calendars(db: Database) -> list[StoredCalendar]:
    rows = db.execute(
        "SELECT source, origin, installed_at, published_at FROM calendars ORDER BY issued_on, installed_at"
    ).fetchall()
    return [StoredCalendar(_parsed(r[0]), r[1], r[2], r[3]) for r in rows]


def install_calendar(db: Database, data: CalendarData, *, origin: str, now: str) -> bool:
    """Hold a calendar file (inside the caller's transaction); True when it is new."""
    if db.execute("SELECT 1 FROM calendars WHERE sha256 = ?", (data.sha256,)).fetchone():
        return False
    db.execute(
        "INSERT INTO calendars (sha256, source, issued_on, origin, installed_at) VALUES (?,?,?,?,?)",
        (data.sha256, data.source_text, data.issued_on.isoformat(), origin, now),
    )
    return True


def publish_calendar(db: Database, now: str) -> CalendarData:
    """Mark the newest installed province calendar for the communes' next feedback."""
    row = db.execute(
        "SELECT sha256, source FROM calendars WHERE origin = 'province' ORDER BY issued_on DESC, installed_at DESC"
    ).fetchone()
    if row is None:
        raise NoCalendarError()
    db.execute("UPDATE calendars SET published_at = COALESCE(published_at, ?) WHERE sha256 = ?", (now, row[0]))
    return _parsed(row[1])


def published_calendars(db: Database) -> list[CalendarData]:
    rows = db.execute("SELECT source FROM calendars WHERE published_at IS NOT NULL ORDER BY issued_on").fetchall()
    return [_parsed(r[0]) for r in rows]


def calendars_stamp(db: Database) -> str:
    """Changes whenever a calendar file is installed (for the workspace's cache)."""
    row = db.execute("SELECT COUNT(*), MAX(installed_at), MAX(rowid) FROM calendars").fetchone()
    return f"{row[0]}:{row[1]}:{row[2]}"


def calendar_in_use(db: Database) -> WorkingCalendar:
    """The shipped file merged with every installed one (the newest issue wins per year)."""
    stored = stored_calendars(db)
    files = [shipped_calendar(), *(s.data for s in stored)]
    origin = stored[-1].origin if stored else "shipped"
    return WorkingCalendar(merge(files), origin=origin)
