"""The PAR-index appraisal in feedback packages: what the province sends each commune (every
sub-criterion's self-score, appraised points and reason, the explanation deadline, and once
locked the commune's score, rank and class), and what a commune does with it.

A commune takes appraisal results only inside a feedback package its bound reviewer signed
(the import has checked that before calling here) and only for its own unit; every number is
checked against the criteria set it holds, as if the sender were careless.
"""

from __future__ import annotations

import json
import math
from typing import Any

from reports.documents.issuing import canonical_json
from reports.errors import CchcError
from reports.storage import appraisal as table
from reports.storage import audit
from reports.storage.appraisal import AppraisedPoints, Round, StoredResult
from reports.workspace import Workspace

MEMBER = "feedback/appraisal.json"


class AppraisalMemberError(CchcError):
    """The appraisal part of a feedback package is not what it should be; nothing applied."""

    code = "package.appraisal_invalid"
    vi = "Phần kết quả thẩm định trong gói phản hồi không hợp lệ: {detail}"
    en = "The appraisal part of the feedback package is not valid: {detail_en}"


def members_for(ws: Workspace, unit_code: str) -> dict[str, bytes]:
    """The appraisal member of a feedback package for ``unit_code`` (none if nothing was sent)."""
    entries = []
    for r in table.rounds(ws.db):
        if r.sent_at is None and r.finalised_at is None:
            continue
        points = table.points_for(ws.db, r.form_id, r.period, [unit_code]).get(unit_code, {})
        result = table.results_for(ws.db, r.form_id, r.period).get(unit_code) if r.locked else None
        if not points and result is None:
            continue
        entries.append({
            "form_id": r.form_id, "period": r.period, "revision": r.revision, "deadline": r.deadline,
            "sent_at": r.sent_at, "finalised_at": r.finalised_at,
            "criteria": [{"field": p.field_id, "points": p.points, "self_points": p.self_points, "reason": p.reason,
                          "source": p.source} for p in sorted(points.values(), key=lambda p: p.field_id)],
            "result": None if result is None else {
                "score": result.score, "rank": result.rank, "of": result.of_units, "class": result.class_code,
                "class_label": result.class_label, "areas": result.areas},
        })
    return {MEMBER: canonical_json(entries)} if entries else {}


def _fail(vi: str, en: str) -> AppraisalMemberError:
    return AppraisalMemberError(detail=vi, detail_en=en)


def _number(value: Any, low: float, high: float, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or not low <= value <= high + 1e-9:
        raise _fail(f"{what} không hợp lệ ({value!r}).", f"{what} is not valid ({value!r}).")
    return float(value)


def apply_received(ws: Workspace, raw: bytes, now: str) -> list[str]:
    """Store the appraisal results sent to this commune; inside the import's transaction.
    Returns what changed, in Vietnamese, for the import's summary."""
    try:
        entries = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:  # Recursion: [[[…]]] nested deep
        raise _fail("không đọc được.", "unreadable.") from exc
    if not isinstance(entries, list):
        raise _fail("không đúng định dạng.", "malformed.")
    me = ws.require_unit().code
    changes = []
    for e in entries:
        if not isinstance(e, dict) or not isinstance(e.get("form_id"), str) or not isinstance(e.get("period"), str):
            raise _fail("không đúng định dạng.", "malformed.")
        form_id, period = e["form_id"], e["period"]
        versions = [d for d in ws.forms.list() if d.id == form_id and d.kind == "scoring"]
        if not versions:
            raise _fail(f"bộ tiêu chí {form_id} chưa có trên máy này.", f"criteria set {form_id} is not installed here.")
        maxima = {f.id: f.max_points or 0.0 for d in versions for f in d.scored_fields()}
        rows = []
        for c in e.get("criteria") or []:
            if not isinstance(c, dict) or c.get("field") not in maxima:
                raise _fail(f"tiêu chí {c.get('field') if isinstance(c, dict) else c!r} không có trong bộ tiêu chí.",
                            "a criterion is not in the criteria set.")
            top = maxima[c["field"]]
            own = c.get("self_points")
            rows.append(AppraisedPoints(
                me, c["field"], _number(c.get("points"), 0, top, "Điểm thẩm định"),
                None if own is None else _number(own, 0, top, "Điểm tự chấm"),
                str(c.get("reason") or "")[:5000], str(c["source"]) if c.get("source") in ("appraisal", "agreed", "survey") else "appraisal",
                "Sở Nội vụ", now))
        round_ = Round(form_id, period, _text_or_none(e.get("deadline")), _text_or_none(e.get("sent_at")) or now,
                       _text_or_none(e.get("finalised_at")), int(e.get("revision") or 1))
        table.replace_unit_points(ws.db, me, form_id, period, rows)
        table.save_round(ws.db, round_)
        result = e.get("result")
        if isinstance(result, dict):
            total = sum(maxima.values()) or 100.0
            stored = StoredResult(
                me, _number(result.get("score"), 0, total * 1.5, "Điểm chỉ số"),
                int(result["rank"]) if isinstance(result.get("rank"), int) else None,
                int(result["of"]) if isinstance(result.get("of"), int) else None,
                str(result.get("class") or "")[:64], str(result.get("class_label") or "")[:200],
                {str(k): float(v) for k, v in (result.get("areas") or {}).items() if isinstance(v, (int, float))},
                round_.finalised_at or now)
            table.save_results(ws.db, form_id, period, [stored])
            changes.append(f"Kết quả Chỉ số CCHC {period}: {stored.score:g} điểm".replace(".", ",")
                           + (f", xếp hạng {stored.rank}/{stored.of_units}" if stored.rank else "")
                           + (f", {stored.class_label}" if stored.class_label else ""))
        else:
            changes.append(f"Kết quả thẩm định Chỉ số CCHC {period}: {len(rows)} tiêu chí"
                           + (f"; hạn giải trình {_vn_date(round_.deadline)}" if round_.deadline else ""))
        audit.append(ws.db, at=now, actor=ws.actor, report_id=None, action="appraisal_received",
                     detail={"form": form_id, "period": period, "criteria": len(rows), "final": round_.locked})
    return changes


def _text_or_none(v: Any) -> str | None:
    return v if isinstance(v, str) and v else None


def _vn_date(iso_date: str) -> str:
    y, m, d = iso_date[:10].split("-")
    return f"{d}/{m}/{y}"


