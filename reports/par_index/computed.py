"""Scores computed from the commune's filed reports of the scoring period.

A sub-criterion with ``method = "reports"`` (docs/forms.md) reads the figures of the reports
the commune filed for the months (or quarters) of the scoring period: the latest revision of
each period that was finalised or went further (not a draft, not returned). Its points
follow the thresholds; the official cannot type them. A draft scoring report is refreshed
whenever one of those reports is finalised, and when it is opened; a finalised one keeps
the points it was finalised with.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from forms.definition import Field, FieldType
from forms.expressions import MISSING
from forms.numbers import format_number
from forms.periods import Period, PeriodKind, periods_of_year
from reports.clock import local_date, parse_iso
from reports.storage.lifecycle import Status
from reports.storage.report import Report
from reports.storage.store import ReportStore

NOT_FILED = frozenset({Status.DRAFT, Status.RETURNED})


@dataclass(frozen=True)
class SourceReport:
    """One report a computed score read: which, and the figures it gave."""

    report_id: int
    uid: str
    period: str
    doc_number: int | None
    status: str
    on_time: bool | None  # sent (or received) by its deadline; None: not sent yet
    figures: dict[str, Any]

    def as_json(self) -> dict[str, Any]:
        return {"report_id": self.report_id, "period": self.period, "doc_number": self.doc_number,
                "status": self.status, "on_time": self.on_time, "figures": self.figures}


@dataclass(frozen=True)
class ComputedScore:
    field: str
    value: float | None  # the rate or count the thresholds apply to
    points: float | None  # None: cannot be computed (no reports, zero denominator)
    unit: str
    expression: str
    form: str
    period_kind: str
    expected_reports: int
    sources: tuple[SourceReport, ...]

    def value_text(self) -> str:
        if self.value is None:
            return "—"
        return f"{format_number(round(self.value, 2))}{' ' + self.unit if self.unit and self.unit != '%' else self.unit}"

    def explain(self, lang: str = "vi") -> str:
        """"12 báo cáo tháng (2026-01 … 2026-12): 97,5% → 1 điểm"."""
        periods = [s.period for s in self.sources]
        span = f" ({periods[0]} … {periods[-1]})" if len(periods) > 1 else (f" ({periods[0]})" if periods else "")
        if lang == "en":
            head = f"{len(self.sources)} of {self.expected_reports} {self.form} reports{span}"
            tail = "not computable" if self.points is None else f"{self.value_text()} → {format_number(self.points)} points"
        else:
            head = f"{len(self.sources)}/{self.expected_reports} báo cáo {self.form}{span}"
            tail = "chưa tính được" if self.points is None else f"{self.value_text()} → {format_number(self.points)} điểm"
        return f"{head}: {self.expression} = {tail}"

    def as_json(self) -> dict[str, Any]:
        return {"form": self.form, "period_kind": self.period_kind, "expression": self.expression,
                "value": self.value, "unit": self.unit, "expected_reports": self.expected_reports,
                "reports": [s.as_json() for s in self.sources]}


def months_of(period: Period) -> range:
    """The calendar months a period covers (its data windows end in them)."""
    match period.kind:
        case PeriodKind.MONTH:
            return range(period.index, period.index + 1)
        case PeriodKind.QUARTER:
            return range(period.index * 3 - 2, period.index * 3 + 1)
        case _:
            return range(1, period.last_month + 1)


def periods_within(kind: PeriodKind, scoring: Period) -> list[Period]:
    months = months_of(scoring)
    return [p for p in periods_of_year(kind, scoring.year) if set(months_of(p)) <= set(months)]


def filed_reports(store: ReportStore, unit_code: str, form_id: str, kind: PeriodKind, scoring: Period) -> list[Report]:
    """The latest revision of each period of the scoring period, if it was filed."""
    wanted = {p.code for p in periods_within(kind, scoring)}
    out = []
    for r in store.list(year=scoring.year, unit_code=unit_code, latest_only=True):
        if r.form_id == form_id and r.period.code in wanted and r.status not in NOT_FILED:
            out.append(r)
    return sorted(out, key=lambda r: r.period.code)


def _on_time(store: ReportStore, r: Report) -> bool | None:
    # The reviewer's receipt is the arrival we know of; the sending time otherwise. At the
    # reviewer (a received report, recomputed to check the commune's figure) the arrival.
    moment = r.submitted_at if r.origin == "imported" else (r.receipt_at or r.sent_at)
    if moment is None:
        return None
    return not store.policy.is_late(r.period, local_date(parse_iso(moment)), local_date(parse_iso(moment)))


def _column(reports: Iterable[Report], name: str) -> list[Any]:
    out = []
    for r in reports:
        v = r.values.get(name)
        out.append(v if isinstance(v, (int, float)) and not isinstance(v, bool) else MISSING)
    return out


def compute_field(store: ReportStore, f: Field, unit_code: str, scoring: Period) -> ComputedScore:
    formula = f.method.formula
    assert formula is not None
    kind = PeriodKind(formula.period_kind)
    reports = filed_reports(store, unit_code, formula.form, kind, scoring)
    expected = len(periods_within(kind, scoring))
    env: dict[str, Any] = {}
    names = sorted(formula.expression.names)
    for name in names:
        if name == "reports":
            env[name] = len(reports)
        elif name == "expected_reports":
            env[name] = expected
        elif name == "reports_on_time":
            env[name] = sum(1 for r in reports if _on_time(store, r))
        else:
            env[name] = _column(reports, name)
    figures_used = [n for n in names if n not in ("reports", "expected_reports", "reports_on_time")]
    sources = tuple(
        SourceReport(r.id, r.uid, r.period.code, r.doc_number, r.status.value, _on_time(store, r),
                     {n: r.values.get(n) for n in figures_used})
        for r in reports
    )
    if not reports:
        value: Any = MISSING
    else:
        try:
            value = formula.expression.evaluate(env)
        except (TypeError, ArithmeticError):
            value = MISSING
    points = formula.points(value)
    number = float(value) if points is not None else None
    return ComputedScore(
        field=f.id, value=number, points=points, unit=formula.unit, expression=formula.expression.source,
        form=formula.form, period_kind=formula.period_kind, expected_reports=expected, sources=sources,
    )


def compute_scores(store: ReportStore, report: Report) -> dict[str, ComputedScore]:
    d = store.definition(report)
    return {
        f.id: compute_field(store, f, report.unit_code, report.period)
        for f in d.iter_fields()
        if f.type is FieldType.SCORE and f.from_reports
    }


def refresh(store: ReportStore, report: Report) -> Report:
    """Write the computed points into a draft scoring report (no change: nothing written)."""
    if not report.editable:
        return report
    scores = compute_scores(store, report)
    if not scores:
        return report
    return store.set_computed_scores(report.id, {k: s.points for k, s in scores.items()})


def refresh_after_finalise(store: ReportStore, finalised: Report) -> None:
    """A report was finalised: refresh the draft scoring reports that read its form."""
    for r in store.list(year=finalised.period.year, unit_code=finalised.unit_code, latest_only=True):
        if not r.editable or r.form_id == finalised.form_id:
            continue
        d = store.definition(r)
        if d.kind != "scoring":
            continue
        reads = any(
            f.method.formula is not None and f.method.formula.form == finalised.form_id
            for f in d.scored_fields()
        )
        if reads and finalised.period.code in {p.code for p in periods_within(finalised.period.kind, r.period)}:
            refresh(store, r)
