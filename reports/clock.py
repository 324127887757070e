"""Time, injected: services take a ``Clock`` so tests and backups can fix "now"."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

Clock = Callable[[], dt.datetime]
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def system_clock() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def iso(moment: dt.datetime) -> str:
    """UTC ISO-8601 with a Z, as stored in the database and in packages."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_iso(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def local_date(moment: dt.datetime) -> dt.date:
    """The calendar day in Vietnam (deadlines and document dates are Vietnamese days)."""
    return moment.astimezone(VIETNAM).date()
