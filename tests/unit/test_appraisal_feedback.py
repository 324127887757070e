"""A commune takes the province's appraisal from feedback as if the sender were careless:
every number within the criteria set's maxima, every criterion one it holds; a bad member is
refused whole and nothing is stored."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from reports.clock import iso, system_clock
from reports.exchange.appraisal_results import AppraisalMemberError, apply_received
from reports.storage import appraisal as table
from reports.storage.unit import Role, Unit
from reports.workspace import Workspace

UNIT = Unit(role=Role.COMMUNE, code="26734", name="Xã Tân Phú", province_name="Tỉnh Đồng Nai", signer_name="Nguyễn Văn An")
FORM = "tu-cham-diem-xa"


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    w = Workspace.open(tmp_path / "xa")
    w.initialise(UNIT)
    try:
        yield w
    finally:
        w.close()


def member(criteria: list[dict[str, object]], result: dict[str, object] | None = None) -> bytes:
    return json.dumps([{"form_id": FORM, "period": "2026", "revision": 1, "deadline": "2027-02-20",
                        "sent_at": "2027-02-10T02:00:00Z", "finalised_at": None, "criteria": criteria,
                        "result": result}]).encode()


def test_the_appraisal_is_stored_with_its_deadline(ws: Workspace) -> None:
    with ws.db.atomic():
        changes = apply_received(ws, member([{"field": "s1_plan_on_time", "points": 1, "self_points": 2,
                                              "reason": "Ban hành chậm", "source": "appraisal"}]), iso(system_clock()))
    assert "20/02/2027" in changes[0]
    stored = table.points_for(ws.db, FORM, "2026")[UNIT.code]["s1_plan_on_time"]
    assert (stored.points, stored.self_points, stored.reason) == (1, 2, "Ban hành chậm")
    round_ = table.get_round(ws.db, FORM, "2026")
    assert round_ is not None and round_.deadline == "2027-02-20" and not round_.locked


@pytest.mark.parametrize("bad", [
    {"field": "s1_plan_on_time", "points": 99},  # above the maximum
    {"field": "s1_plan_on_time", "points": -1},
    {"field": "s1_plan_on_time", "points": "2"},  # not a number
    {"field": "khong_co", "points": 1},  # not in the criteria set
    {"field": "s1_plan_on_time", "points": float("nan")},
])
def test_a_bad_criterion_refuses_the_whole_member(ws: Workspace, bad: dict[str, object]) -> None:
    good = {"field": "s1_tasks_done", "points": 1}
    with pytest.raises(AppraisalMemberError), ws.db.atomic():
        apply_received(ws, member([good, bad]), iso(system_clock()))
    assert table.points_for(ws.db, FORM, "2026") == {}
    assert table.get_round(ws.db, FORM, "2026") is None


@pytest.mark.parametrize("raw", [b"\xff\xfe", b"{}", b"[1]", b'[{"form_id": "khong-co", "period": "2026"}]'])
def test_an_unreadable_member_is_refused(ws: Workspace, raw: bytes) -> None:
    with pytest.raises(AppraisalMemberError):
        apply_received(ws, raw, iso(system_clock()))
