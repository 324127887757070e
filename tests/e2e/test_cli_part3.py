"""`cchc report import-part3`: the one-stop shop's statistics into Part III, end to end."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.e2e.conftest import Installation, init_commune
from tests.e2e.test_cli import VALID
from tests.unit.part3_files import (
    FLAT_HEAD,
    FLAT_ROWS,
    FLAT_SUMS,
    FORM06_DOMAINS,
    FORM06_SUMS,
    flat_csv,
    form06_xlsx,
)


def test_import_part3_fills_checks_and_remembers(installations: Callable[[str], Installation], tmp_path: Path) -> None:
    xa = installations("xa")
    init_commune(xa, "26734", "Xã Tân Phú")
    rid = xa.ok("report", "new", "--period", "2026-11").last_line
    preview = xa.ok("report", "import-part3", rid, form06_xlsx(tmp_path / "mau06.xlsx"), "--dry-run")
    assert "cộng 3 dòng" in preview.out
    assert "tthc_pending_overdue (Hồ sơ đang giải quyết — Trong đó: quá hạn): 5  ← M: Số hồ sơ đang giải quyết / Quá hạn" in preview.out
    assert "1.185" in preview.out  # Vietnamese numbers
    assert all(v is None for k, v in xa.ok("report", "show", rid, "--json").json()["values"].items() if k in FORM06_SUMS)

    done = xa.ok("report", "import-part3", rid, tmp_path / "mau06.xlsx")
    assert "Đã nhập 11 số liệu và 3 lĩnh vực" in done.out
    shown = xa.ok("report", "show", rid, "--json").json()
    assert {k: shown["values"][k] for k in FORM06_SUMS} == FORM06_SUMS
    assert shown["values"]["tthc_by_domain"] == FORM06_DOMAINS
    assert shown["values"]["tthc_on_time_rate"] is not None  # the form computed from what came in
    with xa.workspace() as ws:
        assert ws.settings.get("one_stop_columns").splitlines()[0] == "tthc_received_online=Số hồ sơ nhận giải quyết / Trực tuyến"

    # A wrong cell: refused by its address, the report untouched.
    rows = [list(r) for r in FLAT_ROWS]
    rows[0][2] = "nhiều"
    bad = tmp_path / "sai.csv"
    bad.write_text("\n".join(";".join(r) for r in [FLAT_HEAD, *rows]), encoding="utf-8")
    before = xa.dump()
    refused = xa("report", "import-part3", rid, bad)
    assert refused.code == 1
    assert "Ô C2 (cột “Trực tuyến”) có “nhiều”" in refused.err
    assert xa.dump() == before

    # Another software's flat CSV, one column corrected on the command line, in English.
    moved = xa.ok("report", "import-part3", rid, flat_csv(tmp_path / "phan-mem-khac.csv", encoding="utf-16", sep="\t"),
                  "--map", "tthc_carried_over=E", lang="en")
    assert "added up 2 rows" in moved.out
    values = xa.ok("report", "show", rid, "--json").json()["values"]
    assert {k: values[k] for k in FLAT_SUMS} == FLAT_SUMS
    wrong = xa("report", "import-part3", rid, tmp_path / "phan-mem-khac.csv", "--map", "tthc_carried_over=Z")
    assert wrong.code == 2 and "Hãy ghi chữ cái của cột" in wrong.err


def test_import_part3_refuses_a_finalised_report_and_a_missing_file(
    installations: Callable[[str], Installation], tmp_path: Path
) -> None:
    xa = installations("xa")
    init_commune(xa, "26734", "Xã Tân Phú")
    rid = xa.ok("report", "new", "--period", "2026-11").last_line
    missing = xa("report", "import-part3", rid, tmp_path / "khong-co.xlsx")
    assert missing.code == 2 and "Không đọc được tệp khong-co.xlsx" in missing.err
    values = tmp_path / "values.json"
    values.write_text(json.dumps(VALID, ensure_ascii=False), encoding="utf-8")
    xa.ok("report", "import-values", rid, values)
    xa.ok("report", "finalize", rid)
    before = xa.dump()
    refused = xa("report", "import-part3", rid, flat_csv(tmp_path / "a.csv"))
    assert refused.code == 1 and "không sửa được" in refused.err and not refused.out, refused
    assert xa.dump() == before
