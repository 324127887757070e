"""What the reviewer's screens ask of the database worker.

Every function here takes the Workspace first and runs on the task runner's single database
worker. They only call the core services — the board, consolidation, comparison, revision
diff and trust views in ``reports.exchange`` — the same ones the ``cchc`` commands call.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from reports.documents import issuing
from reports.exchange import (
    board,
    comparison,
    consolidation,
    feedback,
    issued_files,
    published,
    received_report,
    sync,
    trust_overview,
)
from reports.exchange.board import BoardMatrix
from reports.exchange.comparison import Comparison, Indicator
from reports.exchange.consolidation import ConsolidatedSection
from reports.exchange.issued_files import IssuedState
from reports.exchange.received_report import ReceivedReport
from reports.exchange.trust_overview import PackageSender, TrustState
from reports.storage.received import incoming_packages
from reports.storage.report import Report
from reports.workspace import Workspace

# ---------------------------------------------------------------- the status board


def board_matrix(ws: Workspace) -> BoardMatrix:
    """The last twelve months, the one being prepared now included."""
    return board.board_matrix(ws)


# ---------------------------------------------------------------- the inbox


def import_packages(
    ws: Workspace,
    paths: Sequence[Path],
    progress: Callable[[int, int, sync.ImportResult], None],
    cancel: threading.Event,
    arrived: dt.date | None = None,
) -> list[sync.ImportResult]:
    """``sync.import_files`` as the CLI runs it (a big batch's signed PDFs checked in worker
    processes, off this process's GIL); progress is called on the worker thread. ``arrived``:
    the day a USB stick was handed over in person, registered as the packages' arrival."""
    from reports.exchange.submission_import import entered_arrival

    arrival = entered_arrival(ws, arrived, "nhận tận tay (cửa sổ Hộp thư đến)") if arrived else None
    return sync.import_files(ws, list(paths), progress=progress, cancelled=cancel.is_set, workers=None,
                             arrival=arrival)


def package_sources(ws: Workspace, limit: int = 200) -> dict[str, str]:
    """Where each received package came from, by file name."""
    return {p.file_name: p.source for p in incoming_packages(ws.db, limit)}


# ---------------------------------------------------------------- the report view


def report_details(ws: Workspace, report_id: int) -> ReceivedReport:
    return received_report.received_report(ws, report_id)


def decide(ws: Workspace, report_id: int, accept: bool, comment: str) -> Report:
    return feedback.decide(ws, report_id, accept, comment)


def export_feedback(ws: Workspace, folder: Path, unit_code: str | None) -> list[feedback.FeedbackExport]:
    return feedback.export_feedback(ws, folder, unit_code=unit_code)


# ---------------------------------------------------------------- consolidation and comparison


def received_periods(ws: Workspace) -> list[str]:
    return consolidation.received_periods(ws)


def consolidate(ws: Workspace, period_code: str) -> list[ConsolidatedSection]:
    return consolidation.consolidate(ws, period_code)


def write_xlsx(ws: Workspace, period_code: str, target: Path) -> Path:
    return consolidation.write_consolidated_xlsx(ws, period_code, target)


def write_consolidated_pdf(ws: Workspace, period_code: str, target: Path) -> Path:
    return consolidation.write_consolidated_pdf(ws, period_code, target)


def indicators(ws: Workspace) -> list[Indicator]:
    return comparison.indicators(ws)


def compare(ws: Workspace, period_code: str, field_id: str) -> Comparison:
    return comparison.comparison(ws, period_code, field_id)


# ---------------------------------------------------------------- trust


def trust_state(ws: Workspace) -> TrustState:
    return trust_overview.trust_state(ws)


def package_sender(ws: Workspace, path: Path) -> PackageSender:
    return trust_overview.package_sender(ws, path)


def trust_package_sender(ws: Workspace, path: Path) -> sync.Binding:
    return sync.trust_package_sender(ws, path)


def revoke(ws: Workspace, unit_code: str, fingerprint: str) -> int:
    return sync.revoke(ws, unit_code, fingerprint)


def add_trust_root(ws: Workspace, path: Path) -> str:
    from reports.signing.keys import format_fingerprint

    return format_fingerprint(issuing.add_trust_root(ws, path))


# ---------------------------------------------------------------- forms and calendar from above


def issued_state(ws: Workspace) -> IssuedState:
    return issued_files.issued_state(ws)


def install_form_file(ws: Workspace, path: Path) -> bool:
    return published.install_province_form(ws, issued_files.read_form_file(path))


def publish_form(ws: Workspace, form_id: str, version: int) -> None:
    published.publish_province_form(ws, form_id, version)


def install_calendar_file(ws: Workspace, path: Path) -> bool:
    return published.install_province_calendar(ws, issued_files.read_calendar_file(path))


def publish_calendar(ws: Workspace) -> None:
    published.publish_province_calendar(ws)
