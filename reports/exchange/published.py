"""What only the reviewer issues — form definitions (report forms, criteria sets) and the
working-day calendar — and how it travels down to communes.

Authority flows down: the reviewer installs a file (origin "province") and publishes it; every
feedback package then carries what is published; a commune installs it only when the package
comes from its bound reviewer's installation (origin "reviewer"). A commune's package never
changes what the reviewer or other communes use.

Each kind of issued item is an ``IssuedKind``: the member-name prefix it lives under inside a
feedback package, how to list the published ones, and how to install one received. Adding a
kind (e.g. evidence lists) means adding one entry to ``ISSUED_KINDS``. Calendars travel under
``feedback/calendar/``, a folder a 1.0 reader accepts and ignores (a commune that has not
updated still reads the rest of the package).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from forms.calendar import CalendarData, CalendarError, parse_calendar
from forms.definition import DefinitionError, FormDefinition, parse_definition
from reports.clock import iso
from reports.errors import CchcError
from reports.storage import audit
from reports.storage.calendars import install_calendar, publish_calendar, published_calendars
from reports.storage.form_registry import FormVersionConflictError, HeldDefinition, UnknownFormError
from reports.storage.unit import Role
from reports.workspace import Workspace

# Where a definition came from, as `cchc forms list` and the Forms page say it.
ORIGIN_LABELS = {
    "builtin": ("có sẵn trong chương trình", "built in"),
    "province": ("tỉnh ban hành (Sở đã cài)", "published by the reviewer"),
    "reviewer": ("nhận từ cơ quan nhận báo cáo", "received from the reviewer"),
    "commune": ("nhận từ gói của xã (trước phiên bản 1.1), không dùng cho báo cáo mới",
                "received in a commune's package (before 1.1), not accepted for new reports"),
}
# Origins a reviewer accepts new reports on (a form it issued or one shipped with the program).
ISSUED_ORIGINS = frozenset({"builtin", "province"})


class NotPublishableError(CchcError):
    code = "issue.not_publishable"
    vi = "Biểu mẫu {form} không do tỉnh ban hành nên không gửi cho xã được. Cài tệp định nghĩa trước: cchc forms install TỆP.toml"
    en = "Form {form} was not issued by the province, so it cannot be published. Install its file first: cchc forms install FILE.toml"
    exit_code = 1


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


# ---------------------------------------------------------------- forms (reviewer)


def install_province_form(ws: Workspace, d: FormDefinition) -> bool:
    """Hold a definition file as the province's own. The same text as a definition received
    from a commune before 1.1 makes that one the province's (the reviewer vouches for it now);
    another text under an existing (id, version) is refused: a version never changes."""
    require_reviewer(ws)
    now = iso(ws.clock())
    with ws.db.atomic():
        held = ws.forms.held(d.id, d.version)
        if held is not None and held.sha256 != d.sha256:
            raise FormVersionConflictError(form=d.id, version=d.version)
        if held is not None and held.origin != "commune":
            return False
        if held is None:
            ws.forms.install(d, now, origin="province")
        else:
            ws.forms.set_origin(d.id, d.version, "province")
        audit.append(ws.db, at=now, actor=ws.actor, report_id=None, action="form_install",
                     detail={"form": d.key, "sha256": d.sha256})
    return True


def publish_province_form(ws: Workspace, form_id: str, version: int) -> HeldDefinition:
    require_reviewer(ws)
    now = iso(ws.clock())
    with ws.db.atomic():
        held = ws.forms.held(form_id, version)
        if held is None:
            raise UnknownFormError(form=f"{form_id}@{version}")
        if held.origin not in ISSUED_ORIGINS:
            raise NotPublishableError(form=f"{form_id}@{version}")
        ws.forms.mark_published(form_id, version, now)
        audit.append(ws.db, at=now, actor=ws.actor, report_id=None, action="form_publish",
                     detail={"form": f"{form_id}@{version}", "sha256": held.sha256})
    result = ws.forms.held(form_id, version)
    assert result is not None
    return result


# ---------------------------------------------------------------- the calendar (reviewer)


def install_province_calendar(ws: Workspace, data: CalendarData) -> bool:
    require_reviewer(ws)
    now = iso(ws.clock())
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
    with ws.db.atomic():
        data = publish_calendar(ws.db, now)
        audit.append(ws.db, at=now, actor=ws.actor, report_id=None, action="calendar_publish",
                     detail={"sha256": data.sha256, "years": list(data.covered)})
    return data


# ---------------------------------------------------------------- travelling in feedback


CALENDAR_PREFIX = "feedback/calendar/"


@dataclass(frozen=True)
class IssuedKind:
    prefix: str  # members "<prefix><name>" inside a feedback package
    published: Callable[[Workspace], dict[str, bytes]]  # member name → bytes, for the next feedback
    install: Callable[[Workspace, str, bytes, str], str | None]  # (ws, member, raw, now) → what changed


def _published_calendar_members(ws: Workspace) -> dict[str, bytes]:
    return {f"{CALENDAR_PREFIX}{d.sha256[:16]}.toml": d.source_text.encode("utf-8") for d in published_calendars(ws.db)}


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


def _published_form_members(ws: Workspace) -> dict[str, bytes]:
    return {f"forms/{fid}-v{version}.toml": source.encode("utf-8") for fid, version, source in ws.forms.published_sources()}


def _install_received_form(ws: Workspace, member: str, raw: bytes, now: str) -> str | None:
    if ws.forms.holds(hashlib.sha256(raw).hexdigest()):
        return None  # already held; parsing a definition costs ~20 ms a package
    try:
        d = parse_definition(raw.decode("utf-8"), source=member)
    except UnicodeDecodeError as exc:
        raise IssuedItemInvalidError(file=member, line="?", reason="not UTF-8 text") from exc
    except DefinitionError as exc:
        raise IssuedItemInvalidError(file=member, line=exc.line or "?", reason=f"{exc.where}: {exc.reason}") from exc
    if ws.forms.install(d, now, origin="reviewer"):
        return f"Biểu mẫu mới: {d.title} ({d.key})"
    return None


ISSUED_KINDS: list[IssuedKind] = [
    IssuedKind("forms/", _published_form_members, _install_received_form),
    IssuedKind(CALENDAR_PREFIX, _published_calendar_members, _install_received_calendar),
]


def issued_members(ws: Workspace) -> dict[str, bytes]:
    """Everything published, as feedback package members."""
    members: dict[str, bytes] = {}
    for kind in ISSUED_KINDS:
        members.update(kind.published(ws))
    return members


def _kind_of(path: str) -> IssuedKind | None:
    return next((k for k in ISSUED_KINDS if path.startswith(k.prefix)), None)


def install_issued(ws: Workspace, members: dict[str, bytes], now: str) -> list[str]:
    """Install what a feedback package from the bound reviewer carries (inside the caller's
    transaction); what changed, in Vietnamese. Raises ``IssuedItemInvalidError`` or
    ``FormVersionConflictError`` for an item that cannot be installed."""
    changes: list[str] = []
    for path in sorted(members):
        kind = _kind_of(path)
        if kind is None:
            continue
        change = kind.install(ws, path, members[path], now)
        if change:
            changes.append(change)
            audit.append(ws.db, at=now, actor=ws.actor, report_id=None, action="issued_install",
                         detail={"member": path, "sha256": hashlib.sha256(members[path]).hexdigest()})
    return changes
