"""The PAR-index services of an opened installation (what the CLI and the desktop call)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reports.par_index.evidence import EvidenceService
from reports.par_index.sheet import ScoreSheet, build_sheet
from reports.workspace import Workspace

if TYPE_CHECKING:
    from cryptography import x509


def evidence_service(ws: Workspace) -> EvidenceService:
    def roots() -> list[x509.Certificate]:
        # Signing code (cryptography, the national roots) loads only when a signed PDF is
        # checked: the window's start builds this service for every scoring report.
        from reports.documents.issuing import trust_roots

        return trust_roots(ws)

    return EvidenceService(ws.store, ws.evidence_files,
                           max_bytes=int(ws.settings.get("evidence_max_mb")) * 1024 * 1024, trust_roots=roots)


def score_sheet(ws: Workspace, report_id: int) -> ScoreSheet:
    return build_sheet(ws.store, ws.evidence_files, ws.store.get(report_id))
