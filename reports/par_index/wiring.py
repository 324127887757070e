"""How the PAR index hooks into the report store (called by the Workspace, the composition).

Finalising a scoring report applies the explanation rule; finalising any other report
refreshes the draft scoring reports that compute points from it; a new revision of a
scoring report starts with the evidence and explanations of the one it amends.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from reports.clock import iso

if TYPE_CHECKING:
    from reports.storage.evidence import EvidenceStore
    from reports.storage.report import Report
    from reports.storage.store import ReportStore


def attach(store: ReportStore, files: Callable[[], EvidenceStore]) -> None:
    """``files`` gives the evidence store when a hook needs it (it is not built, nor its
    module imported, by a start that only lists reports)."""
    # The PAR-index modules are imported by the hooks, when a report is finalised: every
    # command opens the store, few finalise anything.
    def before_finalise(report: Report) -> None:
        if store.definition(report).kind == "scoring":
            from reports.par_index.computed import refresh
            from reports.par_index.sheet import check_explanations

            report = refresh(store, report)  # the points finalised are today's
            check_explanations(store, files(), report)

    def after_finalise(report: Report) -> None:
        from reports.par_index.computed import refresh_after_finalise

        refresh_after_finalise(store, report)

    def after_amend(old: Report, new: Report) -> None:
        files().copy(old.id, new.id, iso(store.clock()))

    store.finalise_checks.append(before_finalise)
    store.on_finalised.append(after_finalise)
    store.on_amended.append(after_amend)
