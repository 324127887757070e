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
    # isoformat, not strftime: "%Y" is not zero-padded below year 1000 on glibc, and a
    # commune's package may claim any year its clock was set to.
    return moment.astimezone(dt.UTC).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def parse_iso(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def local_date(moment: dt.datetime) -> dt.date:
    """The calendar day in Vietnam (deadlines and document dates are Vietnamese days)."""
    try:
        return moment.astimezone(VIETNAM).date()
    except OverflowError:  # 31/12/9999 late in the day, UTC: a commune's clock claims anything
        return moment.astimezone(dt.UTC).date()
