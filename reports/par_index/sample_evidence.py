"""Sample evidence for the sample scoring report: small generated documents and explanations.

``cchc sample`` (and "try with sample data") finalises last year's scoring report; the
explanation rule needs every scored criterion proved. Here each criterion gets a one-page
PDF standing for the document its evidence asks for (a plan, a decision, a report), clearly
marked as sample data, with a number and a date; a few get a written explanation instead, as
real communes do. Documents are shared between criteria where a real one would be, which
also shows that a file is stored once.
"""

from __future__ import annotations

import datetime as dt
import io
import random

from forms.definition import FormDefinition
from reports.par_index.evidence import EvidenceService, Metadata
from reports.storage.report import Report

SAMPLE_MARK = "DỮ LIỆU MẪU — tài liệu do chương trình tạo để minh họa, không phải văn bản thật"

EXPLANATIONS = (
    "Hồ sơ đang lưu bản giấy tại Văn phòng HĐND và UBND xã; xã sẽ số hóa và bổ sung khi Hội đồng thẩm định yêu cầu.",
    "Văn bản do cơ quan cấp trên ban hành, xã thực hiện theo; kết quả thể hiện trong báo cáo CCHC năm của xã.",
)


def sample_pdf(title: str, number: str, day: dt.date, unit_name: str, body: str) -> bytes:
    """A one-page document in the shipped serif font (so Vietnamese prints right)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from reports.documents.fonts import BOLD, REGULAR, register_fonts

    register_fonts()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.setTitle(title)
    width, height = A4
    c.setFont(BOLD, 12)
    c.drawString(60, height - 70, unit_name.upper())
    c.setFont(REGULAR, 12)
    c.drawString(60, height - 90, f"Số: {number}")
    c.drawRightString(width - 50, height - 90, f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}")
    c.setFont(BOLD, 14)
    c.drawCentredString(width / 2, height - 140, title.upper()[:70])
    c.setFont(REGULAR, 12)
    y = height - 180
    for line in _wrap(body, 85):
        c.drawString(60, y, line)
        y -= 18
    c.setFont(REGULAR, 9)
    c.drawString(60, 40, SAMPLE_MARK)
    c.showPage()
    c.save()
    return buf.getvalue()


def _wrap(text: str, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line] if line else lines


def attach_sample_evidence(service: EvidenceService, report: Report, d: FormDefinition, unit_name: str) -> None:
    """Evidence for every self-scored criterion with points; explanations for a few."""
    rng = random.Random(f"{report.unit_code}/{report.period.code}/evidence")
    year = report.period.year
    made: dict[str, tuple[str, bytes, Metadata]] = {}
    scored = [f for f in d.scored_fields() if f.self_scored and not f.from_reports]
    explained = {f.id for f in rng.sample([f for f in scored if not (f.evidence and f.evidence.mandatory)], 2)}
    for seq, f in enumerate(scored, start=1):
        points = report.values.get(f.id)
        if not isinstance(points, (int, float)) or points <= 0:
            continue
        if f.id in explained:
            service.explain(report.id, f.id, EXPLANATIONS[len(explained - {f.id}) % len(EXPLANATIONS) - 1])
            explained.discard(f.id)
            continue
        what = (f.evidence.documents if f.evidence else "") or f.label
        if what not in made:
            day = dt.date(year - 1, 12, 20) if f.evidence and f.evidence.deadline else dt.date(year, 1 + seq % 11, 10)
            symbol = "KH" if what.lower().startswith("kế hoạch") else ("QĐ" if "quyết định" in what.lower() else "BC")
            number = f"{seq:02d}/{symbol}-UBND"
            title = what.split(";")[0].split(",")[0]
            body = (f"{title} của {unit_name} năm {year}. Văn bản này minh chứng cho tiêu chí “{f.label}” "
                    f"của bộ tiêu chí mẫu. {SAMPLE_MARK}.")
            made[what] = (f"{f.id}.pdf", sample_pdf(title, number, day, unit_name, body), Metadata(number, day, title, "trang 1"))
        name, data, meta = made[what]
        service.add_bytes(report.id, f.id, name, data, meta)
