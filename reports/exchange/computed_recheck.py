"""The scoring report's computed criteria, computed again from what the reviewer holds.

A sub-criterion with ``method = "reports"`` is computed by the commune's program from its own
monthly reports; a commune that runs a modified program can send any points its field allows.
The reviewer holds its own copies of those monthly reports (as they arrived, judged by arrival),
so the same formula is run here over them and the two figures are set side by side.

A difference is shown, never refused: the reviewer may simply lack a month (a package still on
its way, a report returned), and the on-time count is judged here by arrival while the commune
knows only when it sent. So the flag names both figures and the periods the reviewer lacks, and
the appraiser decides (``cchc appraise show``, the appraisal view).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from forms.definition import FieldType, FormDefinition
from forms.numbers import format_number
from forms.periods import Period, PeriodKind
from reports.par_index.computed import ComputedScore, compute_field, periods_within
from reports.workspace import Workspace

TOLERANCE = 1e-9


def _n(points: float | None) -> str:
    return "—" if points is None else format_number(points)


@dataclass(frozen=True)
class ComputedRecheck:
    field_id: str
    commune_points: float | None  # what the scoring report carries
    here: ComputedScore  # the same formula over the reports this office holds
    lacking: tuple[str, ...]  # periods of the scoring period with no filed report held here

    @property
    def reviewer_points(self) -> float | None:
        return self.here.points

    @property
    def differs(self) -> bool:
        a, b = self.commune_points, self.here.points
        if a is None or b is None:
            return (a is None) != (b is None)
        return abs(a - b) > TOLERANCE

    def text(self, lang: str = "vi") -> str:
        """What the appraiser should know; "" when both agree and nothing is lacking."""
        if not self.differs and not self.lacking:
            return ""
        lacking = ", ".join(self.lacking)
        if lang == "en":
            head = (f"the commune's figure is {_n(self.commune_points)} points; from the reports held here "
                    f"{self.here.explain('en')}" if self.differs else f"both figures agree ({_n(self.commune_points)} points)")
            tail = (f"; no filed report is held here for {lacking} (not received, or returned): ask the commune to "
                    "send it before appraising" if lacking else "; every report is held here: appraise by this office's figure")
            return head + tail + "."
        head = (f"xã tính {_n(self.commune_points)} điểm; Sở tính lại từ các báo cáo đang giữ: {self.here.explain('vi')}"
                if self.differs else f"hai bên cùng tính {_n(self.commune_points)} điểm")
        tail = (f"; Sở chưa có báo cáo đã nộp của kỳ {lacking} (chưa nhận hoặc đã trả lại): hãy đề nghị xã gửi trước "
                "khi thẩm định" if lacking else "; Sở đã có đủ báo cáo: hãy thẩm định theo số Sở tính")
        return head + tail + "."

    def as_json(self) -> dict[str, Any]:
        return {"commune_points": self.commune_points, "reviewer_points": self.here.points,
                "reviewer_value": self.here.value, "differs": self.differs, "lacking": list(self.lacking),
                "explain": self.here.explain("vi")}


def recheck_computed(ws: Workspace, definition: FormDefinition, unit_code: str, period: str,
                     values: Mapping[str, Any]) -> dict[str, ComputedRecheck]:
    """Every computed criterion of a received scoring report, recomputed from the reports of
    ``unit_code`` this office holds (the latest filed revision of each period)."""
    scoring = Period.parse(period)
    out = {}
    for f in definition.iter_fields():
        if f.type is not FieldType.SCORE or not f.from_reports or f.method.formula is None:
            continue
        here = compute_field(ws.store, f, unit_code, scoring)
        held = {s.period for s in here.sources}
        expected = [p.code for p in periods_within(PeriodKind(f.method.formula.period_kind), scoring)]
        own = values.get(f.id)
        commune = float(own) if isinstance(own, (int, float)) and not isinstance(own, bool) else None
        out[f.id] = ComputedRecheck(f.id, commune, here, tuple(p for p in expected if p not in held))
    return out
