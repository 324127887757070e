"""`cchc evidence …` and `cchc score …` end to end, as an official's shell would run them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from reports.par_index.sample_evidence import sample_pdf
from tests.e2e.conftest import Installation, init_commune


def test_evidence_and_scores_from_the_command_line(installations: Callable[[str], Installation], tmp_path: Path) -> None:
    xa = installations("xa")
    init_commune(xa, "26734", "Xã Tân Phú")
    xa.ok("sample", "--months", "3")
    rid = int(xa.ok("report", "new", "--period", "2027", "--form", "tu-cham-diem-xa").last_line)
    xa.ok("report", "set", rid, "s1_plan_on_time=Ban hành chậm", "s1_communication=2")

    plan = tmp_path / "ke-hoach.pdf"
    plan.write_bytes(sample_pdf("Kế hoạch CCHC năm 2027", "15/KH-UBND", dt.date(2027, 1, 5),
                                "Xã Tân Phú", "Nội dung."))
    r = xa.ok("evidence", "add", rid, "s1_plan_on_time", plan, "--number", "15/KH-UBND", "--date", "05/01/2027",
              "--title", "Kế hoạch CCHC năm 2027", "--page", "trang 2")
    assert "s1_plan_on_time" in r.out
    items = xa.ok("evidence", "list", rid, "--json").json()
    assert len(items) == 1 and {"field", "sha256", "name", "size"} <= set(items[0])
    assert items[0]["number"] == "15/KH-UBND" and items[0]["date"] == "2027-01-05"

    disguised = tmp_path / "anh.pdf"
    disguised.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 40 + b"IEND\xaeB`\x82")
    r = xa("evidence", "add", rid, "s1_communication", disguised)
    assert r.code == 1 and "PNG" in r.err
    assert len(xa.ok("evidence", "list", rid, "--json").json()) == 1

    sheet = xa.ok("score", "show", rid, "--json").json()
    lines = {c["field"]: c for c in sheet["criteria"]}
    for key in ("field", "max", "points", "computed", "sources", "evidence", "explanation"):
        assert key in lines["s1_plan_on_time"]
    assert lines["s1_plan_on_time"]["points"] == 1 and lines["s1_plan_on_time"]["evidence"] == 1
    assert lines["s3_tthc_on_time"]["computed"] is True and lines["s3_tthc_on_time"]["sources"]["reports"] == []
    assert lines["s1_communication"]["evidence_state"] == "missing"

    r = xa("report", "finalize", rid)
    assert r.code == 1 and "s1_communication" in r.err
    xa.ok("score", "explain", rid, "s1_communication", "Hình ảnh lưu trên trang thông tin điện tử của xã.")
    gaps = xa.ok("score", "gaps", rid).out
    assert "s1_plan_on_time" in gaps  # 1 of 2 points

    xa.ok("evidence", "remove", rid, "s1_plan_on_time", items[0]["sha256"])
    r = xa("report", "finalize", rid)
    assert r.code == 1 and "s1_plan_on_time" in r.err  # mandatory evidence is gone
    xa.ok("evidence", "add", rid, "s1_plan_on_time", plan)
    xa.ok("report", "finalize", rid)
    assert xa.ok("report", "show", rid, "--json").json()["status"] == "final"

    # A file deleted on disk: `score show` and the start-up check say so.
    sha = xa.ok("evidence", "list", rid, "--json").json()[0]["sha256"]
    (xa.root / "evidence" / sha[:2] / sha).unlink()
    r = xa("score", "show", rid)
    assert r.code == 1 and "bị mất hoặc hỏng" in r.out
    r = xa("backup", "check")
    assert r.code == 1 and sha[:12] in r.err
