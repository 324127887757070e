"""The `cchc` command line end to end, in a temporary data folder: through reports.cli.main:main
and, for a few commands, through the installed `cchc` script in a real process."""

from __future__ import annotations

import io
import itertools
import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from forms.definition import builtin_definitions
from reports.cli.main import main

CCHC = Path(sys.executable).with_name("cchc")

NARRATIVES = {
    "direction_results": "Ủy ban nhân dân xã ban hành kế hoạch và tổ chức thực hiện đúng tiến độ.",
    "institution_results": "Rà soát văn bản theo kế hoạch.",
    "procedure_results": "Giải quyết hồ sơ đúng hạn, công khai đầy đủ thủ tục.",
    "organisation_results": "Kiện toàn bộ máy sau sắp xếp.",
    "civil_service_results": "Thực hiện nghiêm kỷ luật, kỷ cương hành chính.",
    "finance_results": "Công khai dự toán ngân sách theo quy định.",
    "egov_results": "Duy trì dịch vụ công trực tuyến toàn trình.",
    "next_tasks": "Tiếp tục đẩy mạnh cải cách thủ tục hành chính.",
}
VALID: dict[str, Any] = {
    "plan_issued": "Có",
    "tthc_received_total": 100,
    "tthc_received_online": 40,
    "tthc_received_direct": 55,
    "tthc_carried_over": 5,
    "tthc_resolved_total": 90,
    "tthc_resolved_early": 30,
    "tthc_resolved_on_time": 58,
    "tthc_resolved_late": 2,
    "tthc_pending_total": 10,
    "tthc_pending_within": 9,
    "tthc_pending_overdue": 1,
    "tthc_by_domain": [{"domain": "Hộ tịch", "received": 60, "resolved_on_time": 55}],
    **NARRATIVES,
}


class Result:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err

    def __repr__(self) -> str:
        return f"Result({self.code}, out={self.out!r}, err={self.err!r})"

    def json(self) -> Any:
        return json.loads(self.out)


@pytest.fixture(autouse=True)
def _environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CCHC_LANG", raising=False)
    monkeypatch.delenv("CCHC_DATA_DIR", raising=False)
    monkeypatch.setenv("CCHC_ACTOR", "cán bộ một cửa")


@pytest.fixture
def cchc(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> Any:
    def run(*args: str, lang: str | None = None) -> Result:
        out, err = io.StringIO(), io.StringIO()
        argv = ["--data-dir", str(data_dir), *(["--lang", lang] if lang else []), *args]
        try:
            code = main(argv, out=out, err=err)
        except SystemExit as exc:  # argparse's own usage errors
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return Result(code, out.getvalue() + captured.out, err.getvalue() + captured.err)

    return run


@pytest.fixture
def commune(cchc: Any) -> Any:
    r = cchc(
        "init",
        "--unit-code",
        "26734",
        "--unit-name",
        "Xã Tân Phú",
        "--province",
        "Tỉnh Đồng Nai",
        "--signer-name",
        "Nguyễn Văn An",
    )
    assert r.code == 0, r
    return cchc


def new_report(cchc: Any, period: str = "2026-11", *extra: str) -> int:
    r = cchc("report", "new", "--period", period, *extra)
    assert r.code == 0, r
    return int(r.out.strip())


def write_json(tmp_path: Path, data: Any, name: str = "values.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


# --- setting up -------------------------------------------------------------------------------


def test_init(cchc: Any, data_dir: Path) -> None:
    r = cchc("init", "--unit-code", "26734", "--unit-name", "Xã Tân Phú", "--province", "Tỉnh Đồng Nai")
    assert r.code == 0, r
    assert "Đã thiết lập Xã Tân Phú (26734)" in r.out
    assert (data_dir / "cchc.sqlite3").exists()
    assert (data_dir / "keys" / "installation.p12").exists()
    unit = cchc("unit", "show", "--json").json()
    assert (unit["code"], unit["name"], unit["province_name"], unit["role"]) == (
        "26734",
        "Xã Tân Phú",
        "Tỉnh Đồng Nai",
        "commune",
    )
    assert unit["reviewer_name"] == "Sở Nội vụ tỉnh Đồng Nai"
    assert unit["place"] == "Tân Phú"
    again = cchc("init", "--unit-code", "26734", "--unit-name", "Xã Tân Phú", "--province", "Tỉnh Đồng Nai")
    assert again.code == 2 and "đã được thiết lập" in again.err


def test_init_refuses_a_bad_unit_code(cchc: Any) -> None:
    r = cchc("init", "--unit-code", "12ab", "--unit-name", "Xã A", "--province", "Tỉnh B")
    assert r.code == 2
    assert "5 chữ số" in r.err


def test_commands_before_init_say_to_run_init(cchc: Any) -> None:
    for args in (("report", "list"), ("report", "new", "--period", "2026-11"), ("sample", "--months", "1")):
        r = cchc(*args)
        assert r.code == 2, r
        assert "cchc init" in r.err
        assert "Chưa thiết lập đơn vị" in r.err
    r = cchc("report", "list", lang="en")
    assert r.code == 2 and "Run: cchc init" in r.err


def test_forms_list_and_show(commune: Any) -> None:
    r = commune("forms", "list")
    assert r.code == 0
    assert "cchc-xa\tv1\tBáo cáo định kỳ công tác cải cách hành chính cấp xã" in r.out
    assert "tu-cham-diem-xa\tv1" in r.out
    listed = commune("forms", "list", "--json").json()
    assert [(f["id"], f["version"], f["kind"]) for f in listed] == [
        ("cchc-xa", 1, "report"),
        ("tu-cham-diem-xa", 1, "scoring"),
        ("tu-cham-diem-xa", 2, "scoring"),
    ]
    r = commune("forms", "show", "cchc-xa")
    assert r.code == 0
    assert "III. Cải cách thủ tục hành chính" in r.out
    assert "tthc_received_total" in r.out
    assert "[error] received_sum: tthc_received_total == " in r.out
    r = commune("forms", "show", "tu-cham-diem-xa")
    assert "(tối đa 2 điểm)" in r.out
    r = commune("forms", "show", "khong-co")
    assert r.code == 2 and "cchc forms list" in r.err


# --- a report from start to finish ------------------------------------------------------------


def test_report_lifecycle_end_to_end(commune: Any, tmp_path: Path) -> None:
    rid = new_report(commune)
    assert rid == 1

    r = commune("report", "set", str(rid), "tthc_received_total=abc", "meetings_held=2")
    assert r.code == 1, r
    assert "«Tổng số hồ sơ tiếp nhận»" in r.err and "không phải là số" in r.err
    assert commune("report", "show", str(rid), "--json").json()["values"].get("meetings_held") is None

    r = commune(
        "report", "set", str(rid), "meetings_held=2", "plan_issued=Có", "tasks_planned=4", "tasks_completed=3"
    )
    assert r.code == 0, r

    r = commune("report", "validate", str(rid))
    assert r.code == 1
    required = [f.id for f in builtin_definitions()[0].iter_fields() if f.required and f.id != "plan_issued"]
    assert r.out.count("LỖI [required:") == len(required) == 19  # every empty required field, one line each
    assert "«Nhiệm vụ trọng tâm kỳ tới»" in r.out

    r = commune("report", "finalize", str(rid))
    assert r.code == 1
    assert r.err.startswith("Dữ liệu chưa hợp lệ:")
    assert r.err.count("\n- ") == len(required)

    r = commune("report", "import-values", str(rid), write_json(tmp_path, VALID))
    assert r.code == 0, r
    shown = commune("report", "show", str(rid), "--json").json()
    assert shown["values"]["plan_issued"] == "yes"
    assert shown["values"]["tthc_on_time_rate"] == pytest.approx(96.7033)
    assert shown["values"]["tasks_completion_rate"] is None  # the import replaced every value
    assert shown["issues"] == []
    assert (shown["status"], shown["revision"], shown["period"], shown["form"]) == (
        "draft",
        1,
        "2026-11",
        "cchc-xa",
    )
    assert shown["period_label"] == "tháng 11 năm 2026"
    assert shown["deadline"] == "2026-11-17"

    r = commune("report", "validate", str(rid))
    assert (r.code, r.out.strip()) == (0, "Không có lỗi hay cảnh báo.")
    r = commune("report", "show", str(rid))
    assert "Tỷ lệ giải quyết đúng hạn và trước hạn: 96,7%" in r.out
    assert "Tổng số hồ sơ tiếp nhận: 100 hồ sơ" in r.out

    r = commune("report", "finalize", str(rid))
    assert r.code == 0, r
    assert "Số 01/BC-UBND" in r.out
    r = commune("report", "set", str(rid), "meetings_held=5")
    assert r.code == 1 and f"cchc report amend {rid}" in r.err

    listed = commune("report", "list", "--json").json()
    assert [(x["id"], x["period"], x["form"], x["revision"], x["status"]) for x in listed] == [
        (rid, "2026-11", "cchc-xa", 1, "final")
    ]
    assert {"id", "period", "form", "revision", "status", "deadline", "late"} <= set(listed[0])

    r = commune("report", "amend", str(rid))
    assert r.code == 0
    rid2 = int(r.out)
    listed = commune("report", "list", "--json").json()
    assert sorted((x["id"], x["revision"], x["status"]) for x in listed) == [
        (rid, 1, "final"),
        (rid2, 2, "draft"),
    ]

    r = commune("audit", str(rid))
    assert r.code == 0
    lines = r.out.splitlines()
    assert [re.search(r" #\d+ (\S+)", line)[1] for line in lines] == [
        "create",
        "edit",
        "import_values",
        "finalize",
    ]
    assert all(" cán bộ một cửa #1 " in line for line in lines)
    assert "meetings_held: None → 2" in lines[1]  # the refused first `set` left no trace
    assert "tthc_received_total: None → 100" in lines[2]
    assert " amend " in commune("audit", str(rid2)).out
    entries = commune("audit", "--json").json()
    assert [e["action"] for e in entries] == ["create", "edit", "import_values", "finalize", "amend"]
    r = commune("audit", "--verify")
    assert (r.code, r.out.strip()) == (0, "Nhật ký nguyên vẹn (5 mục).")


def test_finalize_refuses_unacknowledged_warning_then_accepts(commune: Any, tmp_path: Path) -> None:
    rid = new_report(commune)
    withdrawn = {**VALID, "tthc_resolved_total": 85, "tthc_resolved_on_time": 53}
    assert commune("report", "import-values", str(rid), write_json(tmp_path, withdrawn)).code == 0
    r = commune("report", "validate", str(rid))
    assert r.code == 1 and "CẢNH BÁO [processed_eq_received]" in r.out
    r = commune("report", "finalize", str(rid))
    assert r.code == 1 and "chưa được xác nhận" in r.err
    r = commune("report", "acknowledge", str(rid), "processed_eq_received", "--note", "5 hồ sơ rút lại")
    assert r.code == 0
    assert commune("report", "validate", str(rid)).code == 0
    assert commune("report", "finalize", str(rid)).code == 0


def test_import_values_refusals(commune: Any, tmp_path: Path) -> None:
    rid = new_report(commune)
    r = commune("report", "import-values", str(rid), write_json(tmp_path, {"khong_co": 1}))
    assert r.code == 1 and "“khong_co”" in r.err
    r = commune("report", "import-values", str(rid), write_json(tmp_path, [1, 2]))
    assert r.code == 2
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    assert commune("report", "import-values", str(rid), str(tmp_path / "broken.json")).code == 2
    assert commune("report", "import-values", str(rid), str(tmp_path / "missing.json")).code == 2
    # The output of `report show --json` imports as it is.
    assert commune("report", "import-values", str(rid), write_json(tmp_path, VALID)).code == 0
    shown = commune("report", "show", str(rid), "--json").out
    other = new_report(commune, "2026-12")
    assert commune("report", "import-values", str(other), write_json(tmp_path, json.loads(shown))).code == 0
    assert commune("report", "validate", str(other)).code == 0


def test_import_of_text_that_cannot_be_stored_is_exit_1(commune: Any, tmp_path: Path) -> None:
    rid = new_report(commune)
    path = tmp_path / "surrogate.json"
    path.write_text('{"proposals": "abc \\ud800 def"}', encoding="utf-8")  # valid JSON
    r = commune("report", "import-values", str(rid), str(path))
    assert r.code == 1, r


def test_copy_previous(commune: Any, tmp_path: Path) -> None:
    rid = new_report(commune, "2026-10")
    assert commune("report", "import-values", str(rid), write_json(tmp_path, VALID)).code == 0
    nov = new_report(commune, "2026-11", "--copy-previous")
    values = commune("report", "show", str(nov), "--json").json()["values"]
    assert values["tthc_carried_over"] == VALID["tthc_pending_total"]


def test_reports_of_unknown_ids_and_bad_periods(commune: Any) -> None:
    for args in (
        ("report", "show", "99"),
        ("report", "validate", "99"),
        ("report", "finalize", "99"),
        ("audit", "99"),
    ):
        r = commune(*args)
        assert r.code == 2, r
        assert "Không có báo cáo số 99" in r.err
    r = commune("report", "new", "--period", "2026-13")
    assert r.code == 2 and "2026-13" in r.err and "2026-Q4" in r.err
    new_report(commune)
    r = commune("report", "new", "--period", "2026-11")
    assert r.code == 1 and "Đã có báo cáo" in r.err


def test_english_messages(commune: Any) -> None:
    rid = new_report(commune)
    r = commune("report", "set", str(rid), "tthc_received_total=abc", lang="en")
    assert r.code == 1
    assert "“Tổng số hồ sơ tiếp nhận”: “abc” is not a number" in r.err
    r = commune("report", "validate", str(rid), lang="en")
    assert r.code == 1 and "ERROR [required:plan_issued]" in r.out and "Fill it in before finalising" in r.out
    r = commune("report", "finalize", str(rid), lang="en")
    assert r.code == 1 and r.err.startswith("The data is not valid:")
    r = commune("report", "show", "99", lang="en")
    assert r.code == 2 and r.err.strip() == "There is no report 99. List them with: cchc report list"
    r = commune("report", "show", str(rid), "--json", lang="en")
    assert r.json()["period_label"] == "November 2026"


def test_usage_errors_exit_2(commune: Any) -> None:
    for args in (
        ("bogus",),
        (),
        ("report",),
        ("report", "show"),
        ("report", "show", "abc"),
        ("report", "set", "1", "no-equals-sign"),
        ("report", "list", "--status", "lost"),
        ("sample", "--months", "0"),
    ):
        r = commune(*args)
        assert r.code == 2, (args, r)


# --- sample data ------------------------------------------------------------------------------


def test_sample_creates_valid_finalised_reports(commune: Any) -> None:
    r = commune("sample", "--months", "3")
    assert r.code == 0, r
    assert "Đã tạo 4 báo cáo mẫu." in r.out  # three months and last year's self-assessment
    listed = commune("report", "list", "--json").json()
    monthly = [x for x in listed if x["form"] == "cchc-xa"]
    scoring = [x for x in listed if x["form"] == "tu-cham-diem-xa"]
    assert len(monthly) == 3 and len(scoring) == 1
    assert all(x["status"] == "final" and x["doc_number"] for x in listed)
    assert len({x["period"] for x in monthly}) == 3
    for x in listed:
        shown = commune("report", "show", str(x["id"]), "--json").json()
        assert not [i for i in shown["issues"] if i["importance"] == "error"], shown["issues"]
        assert all(i["acknowledged"] for i in shown["issues"])
        assert commune("report", "validate", str(x["id"])).code == 0
    # Consistent figures: this month's carried-over files are last month's pending ones.
    by_period = sorted(monthly, key=lambda x: x["period"])
    values = [commune("report", "show", str(x["id"]), "--json").json()["values"] for x in by_period]
    for before, after in itertools.pairwise(values):
        assert after["tthc_carried_over"] == before["tthc_pending_total"]
    assert "hồ sơ" in values[0]["procedure_results"]
    assert commune("audit", "--verify").code == 0
    again = commune("sample", "--months", "3")
    assert again.code == 0 and "Đã tạo 0 báo cáo mẫu." in again.out


def test_sample_with_history_shows_earlier_months_accepted(commune: Any) -> None:
    assert commune("sample", "--months", "3", "--history").code == 0
    monthly = [x for x in commune("report", "list", "--json").json() if x["form"] == "cchc-xa"]
    newest = max(monthly, key=lambda x: x["period"])
    assert newest["status"] == "final"  # ready to sign, as in a real office
    assert all(x["status"] == "accepted" and x["receipt_at"] for x in monthly if x is not newest)
    assert commune("audit", "--verify").code == 0


# --- the installed script in a real process ---------------------------------------------------


def run_script(data_dir: Path, *args: str, lang: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CCHC_")}
    argv = [str(CCHC), "--data-dir", str(data_dir), *(["--lang", lang] if lang else []), *args]
    return subprocess.run(
        argv, capture_output=True, text=True, encoding="utf-8", env=env, timeout=60, check=False
    )


def test_the_installed_script(data_dir: Path) -> None:
    assert CCHC.exists(), CCHC
    p = run_script(data_dir, "report", "list")
    assert p.returncode == 2 and "cchc init" in p.stderr and "Traceback" not in p.stderr
    p = run_script(data_dir, "bogus")
    assert p.returncode == 2 and "invalid choice" in p.stderr
    p = run_script(
        data_dir, "init", "--unit-code", "26734", "--unit-name", "Xã Tân Phú", "--province", "Tỉnh Đồng Nai"
    )
    assert p.returncode == 0, p.stderr
    p = run_script(data_dir, "report", "new", "--period", "2026-11")
    assert (p.returncode, p.stdout.strip()) == (0, "1")
    p = run_script(data_dir, "report", "set", "1", "tthc_received_online=mười")
    assert p.returncode == 1
    assert "«Trong đó: tiếp nhận trực tuyến»: “mười” không phải là số" in p.stderr
    p = run_script(data_dir, "report", "validate", "1", lang="en")
    assert p.returncode == 1 and "ERROR [required:tthc_received_total]" in p.stdout
    p = run_script(data_dir, "report", "list", "--json")
    assert p.returncode == 0
    assert [(x["id"], x["status"]) for x in json.loads(p.stdout)] == [(1, "draft")]


def test_the_installed_script_with_bytes_that_are_not_utf8(data_dir: Path) -> None:
    assert (
        run_script(
            data_dir, "init", "--unit-code", "26734", "--unit-name", "Xã A", "--province", "Tỉnh B"
        ).returncode
        == 0
    )
    assert run_script(data_dir, "report", "new", "--period", "2026-11").returncode == 0
    env = {k: v for k, v in os.environ.items() if not k.startswith("CCHC_")}
    argv = [
        os.fsencode(str(CCHC)),
        b"--data-dir",
        os.fsencode(str(data_dir)),
        b"report",
        b"set",
        b"1",
        b"proposals=\xff",
    ]
    p = subprocess.run(argv, capture_output=True, env=env, timeout=60, check=False)
    assert b"Traceback" not in p.stderr, p.stderr.decode("utf-8", "replace")
    assert p.returncode == 1


def test_audit_verify_reports_tampering(commune: Any, data_dir: Path) -> None:
    rid = new_report(commune)
    for n in (1, 2, 3):
        assert commune("report", "set", str(rid), f"meetings_held={n}").code == 0
    conn = sqlite3.connect(data_dir / "cchc.sqlite3")
    with conn:
        conn.execute("DROP TRIGGER audit_log_no_update")
        conn.execute("UPDATE audit_log SET actor = 'người khác' WHERE seq = 2")
    conn.close()
    r = commune("audit", "--verify")
    assert r.code == 1
    assert r.out.strip() == "Nhật ký đã bị sửa từ mục số 2."
    assert commune("audit", "--verify", lang="en").out.strip() == "The audit log was altered at entry 2."
