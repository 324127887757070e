"""What only the reviewer issues — form definitions (report forms, criteria sets) and the
working-day calendar — and how it travels down to communes.

Authority flows down: the reviewer installs a file (origin "province") and publishes it; every
feedback package then carries what is published; a commune installs it only when the package
comes from its bound reviewer's installation (origin "reviewer"). A commune's package never
changes what the reviewer or other communes use.

Each kind of issued item is an ``IssuedKind``: the folder its members live in inside a
feedback package, how to list the published ones, and how to install one received. Adding a
kind (e.g. evidence lists) means adding one entry to ``ISSUED_KINDS``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from forms.calendar import CalendarData, CalendarError, parse_calendar
from reports.clock import iso
from reports.errors import CchcError
from reports.storage.calendars import install_calendar, publish_calendar, published_calendars
from reports.storage.unit import Role
from reports.workspace import Workspace


class ReviewerOnlyIssueError(CchcError):
    code = "issue.reviewer_only"
    vi = "Chỉ cơ quan nhận báo cáo (Sở Nội vụ) mới cài và gửi biểu mẫu, lịch làm việc cho các xã."
    en = "Only the reviewing office installs and publishes forms and calendars for communes."


class IssuedItemInvalidError(CchcError):
    """A received item that does not read: the package is refused (file, line and reason)."""

    code = "issue.invalid"
    vi = "{file}, dòng {line}: {reason}"
    en = "{file}, line {line}: {reason}"
    exit_code = 1


def require_reviewer(ws: Workspace) -> None:
    if ws.require_unit().role is not Role.REVIEWER:
        raise ReviewerOnlyIssueError()


# ---------------------------------------------------------------- the calendar (reviewer)


def install_province_calendar(ws: Workspace, data: CalendarData) -> bool:
    require_reviewer(ws)
    now = iso(ws.clock())
    from reports.storage import audit

    with ws.db.atomic():
        new = install_calendar(ws.db, data, origin="province", now=now)
        if new:
            audit.append(ws.db, at=now, actor=ws.actor, report_id=None, action="calendar_install",
                         detail={"sha256": data.sha256, "years": list(data.covered),
                                 "issued_on": data.issued_on.isoformat()})
    return new


def publish_province_calendar(ws: Workspace) -> CalendarData:
    require_reviewer(ws)
    now = iso(ws.clock())
    from reports.storage import audit

    with ws.db.atomic():
        data = publish_calendar(ws.db, now)
        audit.append(ws.db, at=now, actor=ws.actor, report_id=None, action="calendar_publish",
                     detail={"sha256": data.sha256, "years": list(data.covered)})
    return data


# ---------------------------------------------------------------- travelling in feedback


@dataclass(frozen=True)
class IssuedKind:
    folder: str  # members "<folder>/<name>" inside a feedback package
    published: Callable[[Workspace], dict[str, bytes]]  # member name → bytes, for the next feedback
    install: Callable[[Workspace, str, bytes, str], str | None]  # (ws, member, raw, now) → what changed


def _published_calendar_members(ws: Workspace) -> dict[str, bytes]:
    return {f"calendar/{d.sha256[:16]}.toml": d.source_text.encode("utf-8") for d in published_calendars(ws.db)}


def _install_received_calendar(ws: Workspace, member: str, raw: bytes, now: str) -> str | None:
    try:
        data = parse_calendar(raw.decode("utf-8"), source=member)
    except UnicodeDecodeError as exc:
        raise IssuedItemInvalidError(file=member, line="?", reason="not UTF-8 text") from exc
    except CalendarError as exc:
        raise IssuedItemInvalidError(file=member, line=exc.line or "?", reason=f"{exc.where}: {exc.reason}") from exc
    if install_calendar(ws.db, data, origin="reviewer", now=now):
        years = ", ".join(str(y) for y in data.covered)
        return f"Lịch làm việc mới (năm {years})"
    return None


ISSUED_KINDS: list[IssuedKind] = [
    IssuedKind("calendar", _published_calendar_members, _install_received_calendar),
]
