"""What changed between two revisions of a report: field by field, the value before and after.

A returned report comes back as a new revision; the reviewer reads what the commune changed
rather than the whole report again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from forms.definition import FormDefinition
from reports.errors import UsageError
from reports.storage.report import Report
from reports.workspace import Workspace


class RevisionNotFoundError(UsageError):
    code = "diff.no_revision"


@dataclass(frozen=True)
class FieldChange:
    field_id: str
    label: str
    before: Any  # None: the field was empty (or not in that form version)
    after: Any


@dataclass(frozen=True)
class Revision:
    report: Report
    changes: list[FieldChange]  # against the revision before (empty for the first)


@dataclass(frozen=True)
class RevisionDiff:
    report: Report
    against: Report
    changes: list[FieldChange]
    held: tuple[int, ...] = ()  # every revision of the report held here


def field_changes(
    after_definition: FormDefinition,
    before: Mapping[str, Any],
    after: Mapping[str, Any],
    before_definition: FormDefinition | None = None,
) -> list[FieldChange]:
    """The fields whose stored value differs, in the newer form's order; fields only the
    older form version had come last. 3 and 3.0 are the same number, not a change."""
    fields = list(after_definition.iter_fields())
    if before_definition is not None:
        seen = {f.id for f in fields}
        fields += [f for f in before_definition.iter_fields() if f.id not in seen]
    out = []
    for f in fields:
        old, new = before.get(f.id), after.get(f.id)
        if not _same(old, new):
            out.append(FieldChange(f.id, f.label, old, new))
    return out


def _same(a: Any, b: Any) -> bool:
    # True == 1 in Python; a yes/no answer turned into a count is still a change.
    return bool(a == b) and isinstance(a, bool) == isinstance(b, bool)


def revision_history(ws: Workspace, report: Report) -> list[Revision]:
    """Every revision of the report, oldest first, each with what it changed."""
    store = ws.store
    revisions = store.history(report)
    history = []
    for i, r in enumerate(revisions):
        changes = (
            field_changes(store.definition(r), revisions[i - 1].values, r.values, store.definition(revisions[i - 1]))
            if i
            else []
        )
        history.append(Revision(r, changes))
    return history


def diff(ws: Workspace, report_id: int, against: int | None = None) -> RevisionDiff:
    """The report against revision ``against`` of the same report (default: the one before)."""
    store = ws.store
    report = store.get(report_id)
    history = store.history(report)
    if against is None:
        # The revision before it held here: a commune's revision 3 whose 2 never arrived is
        # compared with 1 (and the diff says so), not declared a first revision.
        below = [r.revision for r in history if r.revision < report.revision]
        wanted = max(below, default=report.revision - 1)
    else:
        wanted = against
    previous = next((r for r in history if r.revision == wanted), None)
    if previous is None:
        if against is None:
            raise RevisionNotFoundError(
                detail=f"Báo cáo số {report.id} là bản đầu tiên (lần {report.revision}): chưa có bản nào để so sánh.",
                detail_en=f"Report {report.id} is the first revision ({report.revision}): nothing to compare with.",
            )
        raise RevisionNotFoundError(
            detail=f"Báo cáo số {report.id} không có bản lần {wanted}.",
            detail_en=f"Report {report.id} has no revision {wanted}.",
        )
    changes = field_changes(store.definition(report), previous.values, report.values, store.definition(previous))
    return RevisionDiff(report, previous, changes, tuple(r.revision for r in history))
