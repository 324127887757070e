"""One received report as the reviewer reads it: its evaluated values, its signed PDF and
what the signature check says, whether the figures in the PDF are the figures received, and
every revision with what it changed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from forms.definition import FormDefinition
from forms.engine import evaluate
from reports.documents import issuing
from reports.exchange.drawn_figures import DrawnCheck, check_drawn
from reports.exchange.revision_diff import Revision, revision_history
from reports.exchange.revision_gaps import RevisionGap, gap_of
from reports.storage.report import Report
from reports.storage.unit import Unit
from reports.workspace import Workspace


@dataclass(frozen=True)
class ReceivedReport:
    report: Report
    definition: FormDefinition
    values: dict[str, Any]  # evaluated: computed fields included
    pdf: bytes | None
    verification: issuing.Verification | None
    figures_match: bool | None  # None: no data embedded in the PDF (or no PDF)
    history: list[Revision]
    unit: Unit  # our own unit, the reviewer's
    revision_gap: RevisionGap | None = None  # revisions missing here, or this one came after a newer one
    drawn: DrawnCheck | None = None  # whether the signed PDF's pages draw its embedded figures


def received_report(ws: Workspace, report_id: int) -> ReceivedReport:
    store = ws.store
    report = store.get(report_id)
    definition = store.definition(report)
    values = dict(evaluate(definition, report.values).values)
    pdf = store.signed_pdf(report_id)
    verification = None
    match = None
    if pdf is not None:
        verification = issuing.verify_document(pdf, issuing.trust_roots(ws))
        if verification.data is not None:
            match = (
                verification.data.get("values") == report.values
                and verification.data.get("content_sha256", report.content_sha256) == report.content_sha256
            )
    drawn = None
    if pdf is not None and verification is not None and verification.data is not None and match:
        drawn = check_drawn(ws, pdf, verification.data)
    history = revision_history(ws, report)
    gap = None
    if report.origin == "imported":
        gap = gap_of(report.revision, [(h.report.revision, h.report.submitted_at) for h in history])
    return ReceivedReport(
        report, definition, values, pdf, verification, match, history, ws.require_unit(), gap, drawn
    )
