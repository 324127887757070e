"""Jobs of the "Chỉ số CCHC" page and the evidence panel (they run on the database worker).

Each returns plain data for the UI thread: the scoring reports to choose from, a report's
``ScoreSheet``, the briefing PDF. Writes (attach, remove, explain) return the fresh sheet so
the page redraws from what was stored.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reports.clock import local_date
from reports.files import write_atomic
from reports.par_index.evidence import Metadata, OwnReport
from reports.par_index.service import evidence_service, score_sheet
from reports.par_index.sheet import ScoreSheet
from reports.workspace import Workspace

if TYPE_CHECKING:
    from reports.appraisal.sheet import AppraisalSheet
    from reports.exchange.sync import ExportResult

# The briefing (PDF drawing) and the province's appraisal load with the jobs that use them:
# the editor imports this module, and the window's first paint must not wait for reportlab.


@dataclass(frozen=True)
class ScoringChoice:
    report_id: int
    text: str  # "năm 2025 — lần 1 — Đã hoàn thành"
    editable: bool


def scoring_reports(ws: Workspace, lang: str = "vi") -> list[ScoringChoice]:
    out = []
    for r in ws.store.list(latest_only=True):
        if ws.store.definition(r).kind != "scoring":
            continue
        if lang == "en":
            text = f"{r.period.label('en')} — revision {r.revision} — {r.status.label_en}"
        else:
            text = f"{r.period.label()} — lần {r.revision} — {r.status.label_vi}"
        out.append(ScoringChoice(r.id, text, r.editable))
    return out


def load_sheet(ws: Workspace, report_id: int) -> ScoreSheet:
    return score_sheet(ws, report_id)


def load_appraisal(ws: Workspace, report_id: int) -> AppraisalSheet | None:
    """What the province sent back about this scoring report (None before it appraised)."""
    from reports.appraisal.sheet import commune_sheet

    sheet = commune_sheet(ws, report_id)
    return sheet if sheet.round is not None or sheet.appraised_count else None


def attach_file(ws: Workspace, report_id: int, field: str, path: Path, meta: Metadata) -> ScoreSheet:
    evidence_service(ws).add_file(report_id, field, path, meta)
    return score_sheet(ws, report_id)


def own_report_choices(ws: Workspace, report_id: int) -> list[OwnReport]:
    return evidence_service(ws).own_report_choices(report_id)


def attach_own_report(ws: Workspace, report_id: int, field: str, source_id: int, page: str) -> ScoreSheet:
    evidence_service(ws).add_own_report(report_id, field, source_id, page)
    return score_sheet(ws, report_id)


def export_in_full(ws: Workspace, report_id: int, folder: Path) -> ExportResult:
    """The scoring report again with every evidence file, also those the reviewer acknowledged
    (for a reviewer who lost one: "Gửi lại đầy đủ tài liệu kiểm chứng")."""
    from reports.environment import expected_errors
    from reports.exchange.sync import export_package  # not at start-up: the window opens without it

    with expected_errors(str(folder)):
        return export_package(ws, folder, report_ids=[report_id], evidence_in_full=True)


def remove_evidence(ws: Workspace, report_id: int, field: str, sha256: str) -> ScoreSheet:
    evidence_service(ws).remove(report_id, field, sha256)
    return score_sheet(ws, report_id)


def save_explanation(ws: Workspace, report_id: int, field: str, text: str) -> ScoreSheet:
    evidence_service(ws).explain(report_id, field, text)
    return score_sheet(ws, report_id)


def write_briefing(ws: Workspace, report_id: int, target: Path, today: dt.date | None = None) -> Path:
    from reports.par_index.briefing import briefing_pdf

    sheet = score_sheet(ws, report_id)
    pdf = briefing_pdf(sheet, ws.require_unit(), today or local_date(ws.clock()), demo=ws.is_demo)
    write_atomic(target, pdf)
    return target
