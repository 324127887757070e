"""What the PAR-index pages ask of the database worker: the same services ``cchc appraise``
and ``cchc ranking`` call (``reports.appraisal``), shaped for the screens."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from reports.appraisal import scores
from reports.appraisal.outputs import ranking_pdf, write_ranking_xlsx
from reports.appraisal.ranking import Ranking, compute_ranking
from reports.appraisal.sheet import AppraisalSheet, reviewer_sheet
from reports.appraisal.survey import SurveyImport, import_survey
from reports.exchange.feedback import export_feedback
from reports.files import write_atomic
from reports.workspace import Workspace


@dataclass(frozen=True)
class Choice:
    form_id: str
    period: str
    title: str  # the criteria set's title


def choices(ws: Workspace) -> list[Choice]:
    """Every (criteria set, period) for which scoring reports were received, newest first."""
    return [Choice(f, p, title) for f, p, title in scores.received_choices(ws)]


def ranking(ws: Workspace, form_id: str, period: str) -> Ranking:
    return compute_ranking(ws, form_id, period)


def sheet(ws: Workspace, report_id: int) -> AppraisalSheet:
    return reviewer_sheet(ws, report_id)


def appraise(ws: Workspace, report_id: int, field_id: str, points: float, reason: str) -> AppraisalSheet:
    scores.appraise(ws, report_id, {field_id: points}, reason)
    return reviewer_sheet(ws, report_id)


def agree(ws: Workspace, report_id: int, area: str | None, fields: tuple[str, ...]) -> AppraisalSheet:
    scores.agree(ws, report_id, area=area, fields=fields)
    return reviewer_sheet(ws, report_id)


def survey(ws: Workspace, path: Path, form_id: str, period: str) -> SurveyImport:
    return import_survey(ws, path, period, form_id)


def send(ws: Workspace, form_id: str, period: str, deadline: dt.date | None, folder: Path) -> int:
    current = scores.round_of(ws, form_id, period)
    if current is None or not current.locked:
        scores.mark_sent(ws, form_id, period, deadline)
    codes = sorted({r.unit_code for r in compute_ranking(ws, form_id, period).rows})
    return sum(len(export_feedback(ws, folder, unit_code=code)) for code in codes)


def finalise(ws: Workspace, form_id: str, period: str) -> Ranking:
    return scores.finalise(ws, period, form_id)


def export(ws: Workspace, form_id: str, period: str, target: Path) -> Path:
    """The ranking as a workbook, or (a .pdf name) the Decree 30 report, unsigned: the
    Director signs it with the program's signing like any document."""
    r = compute_ranking(ws, form_id, period)
    if target.suffix.lower() == ".pdf":
        pdf, _box = ranking_pdf(ws, r)
        write_atomic(target, pdf)
        return target
    return write_ranking_xlsx(r, target)


def evidence_files(ws: Workspace, report_id: int, field_id: str) -> list[Path]:
    """The evidence files of one sub-criterion, where they lie in the data folder."""
    files = ws.evidence_files
    return [files.path(item.sha256) for item in files.items(report_id, field_id) if files.has_file(item.sha256)]
