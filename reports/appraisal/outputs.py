"""The ranking as a workbook and as the Department's signed Decree 30 report."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from forms.periods import Period
from reports.appraisal.ranking import Ranking
from reports.clock import local_date
from reports.documents.model import Letterhead
from reports.documents.ranking import RankedUnit, RankingDocument, render_ranking
from reports.exchange.consolidation import department_issuer, department_signer
from reports.files import write_atomic
from reports.storage.report import parse_period
from reports.workspace import Workspace


def year_label(period_code: str) -> str:
    period: Period = parse_period(period_code)
    return period.label()


def ranking_document(ws: Workspace, ranking: Ranking, *, created_at: dt.datetime | None = None) -> RankingDocument:
    unit = ws.require_unit()
    issued_on = local_date(created_at or ws.clock())
    issuer = department_issuer(unit)
    label = year_label(ranking.period)
    copies = tuple(x.strip() for x in str(ws.settings.get("copies_to")).splitlines() if x.strip())
    letterhead = Letterhead(
        issuer=issuer, signer=department_signer(unit), document_type="Báo cáo",
        summary=f"Kết quả xác định Chỉ số cải cách hành chính cấp xã {label}",
        symbol=issuer.symbol, year=issued_on.year, issued_on=issued_on,
        recipient=f"Ủy ban nhân dân {unit.province_name}",
        copies_to=copies if copies and not any("xã" in c for c in copies) else ("Như trên", "Các xã, phường"),
    )
    sections = [s for s in ranking.definition.sections if s.max_points > 0]
    counts: dict[str, int] = {}
    for r in ranking.rows:
        if r.band is not None:
            counts[r.band.label] = counts.get(r.band.label, 0) + 1
    bands = ranking.definition.scoring.bands if ranking.definition.scoring else ()
    return RankingDocument(
        letterhead=letterhead, year_label=label, office=unit.name,
        criteria_title=f"bộ tiêu chí “{ranking.definition.title}” (phiên bản {ranking.definition.version})",
        total=ranking.definition.scoring.total if ranking.definition.scoring else ranking.definition.max_points,
        area_titles=tuple(f"{s.id}: {s.title}" for s in sections),
        area_codes=tuple(s.id for s in sections),
        units=tuple(RankedUnit(r.rank, r.unit_code, r.unit_name, r.score, r.band.label if r.band else "",
                               tuple(r.areas.get(s.id) for s in sections)) for r in ranking.rows),
        class_counts=tuple((b.label, counts.get(b.label, 0)) for b in bands),
        rescaled=ranking.rescaled, author=unit.name, created_at=created_at,
    )


def ranking_pdf(ws: Workspace, ranking: Ranking) -> tuple[bytes, tuple[int, tuple[float, float, float, float]]]:
    rendered = render_ranking(ranking_document(ws, ranking))
    return rendered.pdf, rendered.signature_box


def write_ranking_xlsx(ranking: Ranking, target: Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Xếp hạng"
    sections = [s for s in ranking.definition.sections if s.max_points > 0]
    header = ["Hạng", "Mã đơn vị", "Tên đơn vị", *[f"{s.id}. {s.title}" for s in sections], "Chỉ số", "Xếp loại",
              "Đã thẩm định đủ"]
    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for r in ranking.rows:
        ws.append([r.rank, r.unit_code, r.unit_name, *[r.areas.get(s.id) for s in sections], r.score,
                   r.band.label if r.band else "", "Có" if r.complete else "Chưa"])
    ws.freeze_panes = "D2"
    ws.column_dimensions["C"].width = 32
    detail = wb.create_sheet("Điểm từng tiêu chí")
    fields = list(ranking.definition.scored_fields())
    detail.append(["Mã đơn vị", "Tên đơn vị", *[f.id for f in fields]])
    detail.append(["", "Điểm tối đa", *[f.max_points for f in fields]])
    for r in ranking.rows:
        detail.append([r.unit_code, r.unit_name, *[r.points.get(f.id) for f in fields]])
    buffer = io.BytesIO()
    wb.save(buffer)
    write_atomic(Path(target), buffer.getvalue(), suffix=".partial")
    return Path(target)
