"""The scoring report's computed criteria are computed again at the reviewer from its own copies
of the commune's monthly reports, and a difference is shown with both figures.

A trusted commune files twelve monthly reports of 2026 and its 2026 scoring report (the sample's
criteria set: eight sub-criteria computed from the monthly reports), exports, and the reviewer
imports — all on a clock set to 10/01/2027. Then, as a hostile commune would, it raises a computed
criterion to its maximum and re-signs the package with its own installation key (the program's
own writer). Not refused — the reviewer may simply lack a month — but flagged in `cchc appraise
show` and the appraisal sheet the window reads, with both numbers and the months lacking.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from reports import sample
from reports.appraisal.sheet import AppraisalSheet, reviewer_sheet
from reports.cli.main import main as cchc
from reports.exchange import sync
from reports.exchange.packages import read_package
from reports.exchange.sync import Outcome
from reports.storage.report import content_hash
from reports.workspace import Workspace
from tests.unit.sync_world import REVIEWER, TAN_PHU, commune_unit, deliver, repack

NOW = dt.datetime(2027, 1, 10, 3, 0, tzinfo=dt.UTC)  # 10:00 on 10/01/2027 in Vietnam
SCORING = "tu-cham-diem-xa"


def at_now() -> dt.datetime:
    return NOW


@dataclass(frozen=True)
class Year:
    reviewer: Path  # closed template, bound to the commune
    commune: Path
    package: Path  # twelve monthly reports and the 2026 scoring report
    scoring_uid: str
    monthly: dict[str, str]  # period → uid


def opened(folder: Path) -> Workspace:
    return Workspace.open(folder, clock=at_now, actor="kiểm thử")


@pytest.fixture(scope="module")
def year(tmp_path_factory: pytest.TempPathFactory) -> Year:
    return build_year(tmp_path_factory.mktemp("year"))


def build_year(root: Path) -> Year:
    so, xa = opened(root / "so"), opened(root / "xa")
    so.initialise(REVIEWER)
    xa.initialise(commune_unit(*TAN_PHU))
    sync.bind_certificate(xa, REVIEWER.code, so.installation_key.cert_pem())
    sync.bind_certificate(so, TAN_PHU[0], xa.installation_key.cert_pem())
    sample.fill_sample(xa, months=12)
    monthly = {r.period.code: r for r in xa.store.list() if r.form_id == "cchc-xa"}
    assert sorted(monthly) == [f"2026-{m:02d}" for m in range(1, 13)]
    [scoring] = [r for r in xa.store.list() if r.form_id == SCORING]
    package = sync.export_package(xa, root / "out").path
    so.close()
    xa.close()
    return Year(root / "so", root / "xa", package, scoring.uid, {p: r.uid for p, r in monthly.items()})


@pytest.fixture
def reviewer(year: Year, tmp_path: Path) -> Iterator[Workspace]:
    import shutil

    shutil.copytree(year.reviewer, tmp_path / "so")
    ws = opened(tmp_path / "so")
    yield ws
    ws.close()


@pytest.fixture
def commune(year: Year, tmp_path: Path) -> Iterator[Workspace]:
    import shutil

    shutil.copytree(year.commune, tmp_path / "xa")
    ws = opened(tmp_path / "xa")
    yield ws
    ws.close()


def receive(reviewer: Workspace, data: bytes, folder: Path) -> AppraisalSheet:
    result = sync.import_file(reviewer, deliver(reviewer, data, folder, "26116_2026.cchc"))
    assert result.outcome is Outcome.IMPORTED, result
    [scoring] = [r for r in reviewer.store.list() if r.form_id == SCORING]
    return reviewer_sheet(reviewer, scoring.id)


def forged(year: Year, commune: Workspace, *, drop: tuple[str, ...] = (), raise_to_max: str | None = None) -> bytes:
    """The commune's real export, monthly reports left out (``drop``: their periods, as if those
    packages were lost) or a computed criterion raised to its maximum, re-signed with the
    commune's own key."""
    package = read_package(year.package)
    members = dict(package.members)
    for period in drop:
        doc = json.loads(members.pop(f"reports/{year.monthly[period]}.json"))
        if doc.get("signed_pdf"):
            members.pop(doc["signed_pdf"])
    if raise_to_max is not None:
        path = f"reports/{year.scoring_uid}.json"
        doc = json.loads(members[path])
        d = doc["report"]
        field = next(f for f in commune.forms.get(SCORING, d["form_version"]).iter_fields() if f.id == raise_to_max)
        top = field.max_points or 0.0
        d["values"][raise_to_max] = int(top) if top == int(top) else top  # as the program stores points
        d["content_sha256"] = content_hash(d["form_id"], d["form_version"], d["period"], d["revision"], d["values"])
        members[path] = json.dumps(doc, ensure_ascii=False, sort_keys=True).encode()
    return repack(commune, package, members)


def flagged(sheet: AppraisalSheet) -> dict[str, Any]:
    return {line.field.id: line.recheck for line in sheet.lines if line.recheck is not None and line.recheck.text()}


def test_an_honest_commune_with_every_month_held_raises_no_flag(year: Year, reviewer: Workspace, tmp_path: Path) -> None:
    sheet = receive(reviewer, year.package.read_bytes(), tmp_path / "usb")
    rechecked = [line.recheck for line in sheet.lines if line.recheck is not None]
    assert len(rechecked) == 8  # the sample set's computed sub-criteria
    assert all(r.here.expected_reports == 12 for r in rechecked if r.here.period_kind == "month")
    assert flagged(sheet) == {} and sheet.recomputed_differ == 0


def test_a_computed_criterion_raised_by_the_commune_is_flagged_with_both_figures(
    year: Year, commune: Workspace, reviewer: Workspace, tmp_path: Path
) -> None:
    honest = receive(opened_copy(year, tmp_path / "honest"), year.package.read_bytes(), tmp_path / "usb0")
    below = next(line for line in honest.lines if line.recheck is not None and line.self_points is not None
                 and line.self_points < line.max_points)
    sheet = receive(reviewer, forged(year, commune, raise_to_max=below.field.id), tmp_path / "usb")
    check = flagged(sheet)[below.field.id]
    assert check.differs and check.commune_points == below.max_points
    assert check.reviewer_points == below.self_points and check.lacking == ()
    assert sheet.recomputed_differ == 1
    text = check.text("vi")
    assert "Sở đã có đủ báo cáo: hãy thẩm định theo số Sở tính" in text
    reviewer.close()
    out = io.StringIO()
    assert cchc(["--data-dir", str(reviewer.paths.root), "appraise", "show", str(sheet.report_id)], out=out) == 0
    shown = out.getvalue()
    assert "⚠ 1 tiêu chí tính từ báo cáo" in shown and f"xã tính {_vn(below.max_points)} điểm" in shown, shown
    out = io.StringIO()
    assert cchc(["--data-dir", str(reviewer.paths.root), "appraise", "show", str(sheet.report_id), "--json"],
                out=out) == 0
    [row] = [c for c in json.loads(out.getvalue())["criteria"] if c["field"] == below.field.id]
    assert row["recomputed"]["differs"] and row["recomputed"]["reviewer_points"] == below.self_points


def test_a_month_the_reviewer_lacks_is_named_not_refused(
    year: Year, commune: Workspace, reviewer: Workspace, tmp_path: Path
) -> None:
    """March's package never came: every criterion over the monthly reports names it (the sample's
    thresholds give the same points from eleven months, and the flag says so)."""
    sheet = receive(reviewer, forged(year, commune, drop=("2026-03",)), tmp_path / "usb")
    checks = flagged(sheet)
    assert len(checks) == 8 and all(c.lacking == ("2026-03",) for c in checks.values())
    assert sheet.recomputed_differ == 0
    text = checks["s1_meetings"].text("vi")
    assert "hai bên cùng tính 1 điểm" in text and "Sở chưa có báo cáo đã nộp của kỳ 2026-03" in text


def test_half_a_year_lacking_changes_the_figure_and_asks_for_the_months_not_a_verdict(
    year: Year, commune: Workspace, reviewer: Workspace, tmp_path: Path
) -> None:
    half = tuple(f"2026-{m:02d}" for m in range(1, 7))
    sheet = receive(reviewer, forged(year, commune, drop=half), tmp_path / "usb")
    meetings = flagged(sheet)["s1_meetings"]
    assert meetings.differs and meetings.lacking == half
    assert meetings.reviewer_points is not None and meetings.commune_points is not None
    assert meetings.reviewer_points < meetings.commune_points
    text = meetings.text("vi")
    assert "6/12 báo cáo" in text and "Sở chưa có báo cáo đã nộp của kỳ 2026-01, 2026-02" in text
    assert "hãy đề nghị xã gửi trước khi thẩm định" in text and "theo số Sở tính" not in text


def opened_copy(year: Year, folder: Path) -> Workspace:
    import shutil

    shutil.copytree(year.reviewer, folder)
    return opened(folder)


def _vn(points: float | None) -> str:
    from forms.numbers import format_number

    return format_number(points or 0)
