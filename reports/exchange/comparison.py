"""Communes compared on one indicator: how each stood in a period (largest first), and how
the province's total moved over the periods up to it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from forms.definition import FieldType
from forms.periods import Period
from reports.errors import UsageError
from reports.exchange.board import FORM_ID
from reports.exchange.consolidation import ConsolidatedSection, NothingToConsolidateError, consolidate
from reports.storage.report import parse_period
from reports.workspace import Workspace

TREND_PERIODS = 12
NUMERIC = (FieldType.INTEGER, FieldType.DECIMAL, FieldType.PERCENTAGE, FieldType.SCORE)


class UnknownIndicatorError(UsageError):
    code = "compare.unknown_field"


@dataclass(frozen=True)
class Indicator:
    field_id: str
    label: str
    unit: str


@dataclass(frozen=True)
class Bar:
    unit_code: str
    unit_name: str
    value: float


@dataclass(frozen=True)
class Comparison:
    period: str
    indicator: Indicator
    bars: list[Bar]  # every commune that reported a number, largest first (ties by code)
    trend: list[tuple[Period, float | None]]  # the province total, oldest first; None: no report

    @property
    def field_id(self) -> str:
        return self.indicator.field_id


def indicators(ws: Workspace, form_id: str = FORM_ID) -> list[Indicator]:
    """The numeric fields of the newest version of the form."""
    versions = [d for d in ws.forms.list() if d.id == form_id]
    if not versions:
        return []
    d = max(versions, key=lambda x: x.version)
    return [Indicator(f.id, f.label, f.unit) for f in d.iter_fields() if f.type in NUMERIC]


def _sections(ws: Workspace, period: Period, form_id: str) -> list[ConsolidatedSection]:
    try:
        return consolidate(ws, period.code, form_id)
    except NothingToConsolidateError:
        return []


def _column(sections: list[ConsolidatedSection], field_id: str) -> tuple[list[Bar], float | None]:
    for sec in sections:
        ids = [fid for fid, _, _ in sec.fields]
        if field_id in ids:
            i = ids.index(field_id)
            bars = [Bar(code, name, float(v[i])) for code, name, v in sec.rows
                    if isinstance(v[i], (int, float)) and not isinstance(v[i], bool)]
            total = sec.totals[i]
            return bars, float(total) if isinstance(total, (int, float)) else None
    return [], None


def compare(
    ws: Workspace,
    period_code: str,
    field_ids: Sequence[str],
    *,
    trend_periods: int = TREND_PERIODS,
    form_id: str = FORM_ID,
) -> list[Comparison]:
    """One comparison per field, in the order asked; each period is consolidated once."""
    known = {i.field_id: i for i in indicators(ws, form_id)}
    unknown = [f for f in field_ids if f not in known]
    if unknown:
        names = ", ".join(sorted(known))
        raise UnknownIndicatorError(
            detail=f"“{unknown[0]}” không phải chỉ tiêu số của biểu {form_id}. Các chỉ tiêu: {names}",
            detail_en=f"“{unknown[0]}” is not a numeric field of form {form_id}. Fields: {names}",
        )
    period = parse_period(period_code)
    periods = [period]
    while len(periods) < trend_periods:
        periods.append(periods[-1].previous())
    periods.reverse()
    consolidated = {p.code: _sections(ws, p, form_id) for p in periods}
    out = []
    for field_id in field_ids:
        bars, _ = _column(consolidated[period.code], field_id)
        trend = [(p, _column(consolidated[p.code], field_id)[1]) for p in periods]
        out.append(Comparison(period.code, known[field_id], sorted(bars, key=lambda b: (-b.value, b.unit_code)),
                              trend))
    return out


def comparison(ws: Workspace, period_code: str, field_id: str, form_id: str = FORM_ID) -> Comparison:
    return compare(ws, period_code, [field_id], form_id=form_id)[0]
