"""The annex of a scoring report: "Danh mục tài liệu kiểm chứng" (the list of evidence).

One row per document attached to a criterion — the criterion, the document's number and
symbol, date, title and the page or section that proves it — and the explanations written
where a criterion has none. It follows the signature block on a page of its own.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak

from forms.numbers import DASH, format_date
from reports.documents.content import Grid, keep_with_next, para
from reports.documents.model import EvidenceRow
from reports.documents.styles import Styles

ANNEX_TITLE = "PHỤ LỤC: DANH MỤC TÀI LIỆU KIỂM CHỨNG"


def evidence_annex(rows: Sequence[EvidenceRow], explanations: Sequence[tuple[str, str]], s: Styles,
                   width: float) -> list[Flowable]:
    if not rows and not explanations:
        return []
    out: list[Flowable] = [PageBreak(), para(ANNEX_TITLE, s.heading)]
    if rows:
        # Number, date and title share a cell: an A4 portrait page has no room for five
        # columns of Vietnamese text at the table size.
        grid = Grid(
            [9 * mm, 58 * mm, width - 87 * mm, 20 * mm],
            ["CENTER", "LEFT", "LEFT", "LEFT"],
            [("TT", s.cell_head), ("Tiêu chí", s.cell_head), ("Văn bản: số, ký hiệu; ngày; trích yếu", s.cell_head),
             ("Trang, mục", s.cell_head)],
        )
        for i, r in enumerate(rows, start=1):
            head = "; ".join(x for x in (f"Số {r.number}" if r.number else "",
                                         f"ngày {format_date(r.date)}" if r.date else "") if x)
            grid.add([
                (str(i), s.cell_center), (r.criterion, s.cell), (f"{head}: {r.title}" if head else r.title, s.cell),
                (r.page or DASH, s.cell),
            ])
        out.append(grid.table())
    if explanations:
        out += keep_with_next(para("Giải trình đối với tiêu chí chưa có tài liệu kiểm chứng", s.heading))
        out += [para(f"- {criterion}: {text}", s.body) for criterion, text in explanations]
    return out
