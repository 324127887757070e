"""A whole round between communes and their reviewer, through the `cchc` command line.

Two data folders — Xã Tân Phú and the Sở Nội vụ of Đồng Nai — go through create, fill,
finalise, sign, export, import (refused until the reviewer trusts the commune), return with a
comment, feedback, re-import at the commune, amend, re-sign, re-export, accept. A second test
has three communes send their reports, and checks the reviewer's status board and the
consolidated workbook. Some steps run through the real `cchc` script in its own process.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from forms.definition import FormDefinition
from forms.periods import Period
from reports.clock import VIETNAM
from reports.documents.sample import SAMPLE_VALUES
from tests.e2e.conftest import PASSWORD_ENV, Installation, Run, init_commune, init_reviewer

PDFSIG = shutil.which("pdfsig")
COMMENT = "Phần III: số hồ sơ tiếp nhận trực tuyến chưa khớp với Hệ thống thông tin giải quyết TTHC của tỉnh."


def report_of(inst: Installation, **match: Any) -> dict[str, Any]:
    found = [r for r in inst.ok("report", "list", "--json").json() if all(r[k] == v for k, v in match.items())]
    assert len(found) == 1, (match, found)
    return found[0]


def exported_path(run: Run) -> Path:
    path = Path(run.last_line)
    assert path.suffix == ".cchc" and path.is_file(), run
    return path


def pdfsig(path: Path) -> str:
    assert PDFSIG is not None
    done = subprocess.run([PDFSIG, str(path)], capture_output=True, text=True, timeout=60)
    return done.stdout + done.stderr


def previous_month() -> str:
    """Last month's report period, as a commune makes it in the first days of a month."""
    today = dt.datetime.now(VIETNAM).date()
    first = today.replace(day=1) - dt.timedelta(days=1)
    return f"{first.year}-{first.month:02d}"


def test_a_whole_round_between_a_commune_and_its_reviewer(installations: Callable[[str], Installation], tmp_path: Path) -> None:
    xa, so = installations("xa-tan-phu"), installations("so-noi-vu")
    init_commune(xa, "26116", "Xã Tân Phú")
    init_reviewer(so)

    # ---- the commune: create, fill, finalise, sign, export
    period = previous_month()
    report_id = int(xa.ok("report", "new", "--period", period).out.strip())
    values = tmp_path / "so-lieu.json"
    values.write_text(json.dumps(SAMPLE_VALUES, ensure_ascii=False), encoding="utf-8")
    xa.ok("report", "import-values", report_id, values)
    xa.ok("report", "set", report_id, "meetings_held=3", "communication_activities=11")
    xa.ok("report", "validate", report_id)
    assert "Số 01/BC-UBND" in xa.ok("report", "finalize", report_id).out
    assert xa.process("keys", "create", "--name", "Nguyễn Văn An", "--password-env", PASSWORD_ENV).code == 0
    signed_pdf = tmp_path / "bao-cao-da-ky.pdf"
    run = xa.process("sign", report_id, "--password-env", PASSWORD_ENV, "-o", signed_pdf)
    assert run.code == 0, run
    assert report_of(xa, id=report_id)["status"] == "signed"
    package = exported_path(xa.ok("export", "-o", tmp_path / "usb"))
    assert package.name.startswith(f"26116_{period}_")
    assert report_of(xa, id=report_id)["status"] == "exported"  # written to the stick, not gone yet
    assert "Đã gửi" not in xa.ok("report", "list").out
    assert "số " + str(report_id) in xa.ok("handed-over").out  # the official took the stick over
    assert report_of(xa, id=report_id)["status"] == "sent"
    assert "send" in [e["action"] for e in xa.ok("audit", report_id, "--json").json()]

    # ---- the reviewer: refused until the commune's certificate is trusted
    before = so.dump()
    refused = so("import", package)
    assert refused.code == 1 and "bị từ chối" in refused.out and "cchc units trust" in refused.out, refused
    assert so.dump() == before
    assert (so.quarantine / f"{next(so.quarantine.glob('*.cchc')).name}.ly-do.txt").is_file()
    trusted = so.ok("units", "trust", package).out
    installation_fingerprint = re.search(r"Vân tay: ([0-9A-F ]+)", trusted)
    assert installation_fingerprint is not None
    assert installation_fingerprint.group(1).strip() in xa.ok("keys", "show").out
    assert so.ok("import", package).out.strip() == f"{package.name}: đã nhận"
    imported = so.dump()
    again = so.process("import", package)
    assert (again.code, again.out.strip()) == (0, f"{package.name}: đã có"), again
    assert so.dump() == imported

    # ---- the signed document checks out anywhere
    received = report_of(so, period=period, form="cchc-xa")
    assert received["status"] == "sent" and received["revision"] == 1
    so_pdf = tmp_path / "so-nhan.pdf"
    so.ok("pdf", received["id"], "-o", so_pdf)
    assert so_pdf.read_bytes() == signed_pdf.read_bytes()
    check_signed_pdf(xa, so, signed_pdf, tmp_path)

    # ---- returned with a comment; the commune learns it from the feedback package
    so.ok("review", "return", received["id"], "--comment", COMMENT)
    feedback = exported_path(so.ok("feedback", "export", "-o", tmp_path / "phan-hoi"))
    assert feedback.name.startswith("75_")
    assert xa("import", feedback).code == 1  # the reviewer's certificate is not trusted yet
    xa.ok("units", "trust", feedback)
    news = xa.ok("import", feedback).out
    assert f"{feedback.name}: đã nhận" in news and COMMENT in news
    assert report_of(xa, id=report_id)["status"] == "returned"
    reopened = report_of(xa, period=period, revision=2)
    assert reopened["status"] == "draft"
    shown = xa.ok("report", "show", reopened["id"]).out
    assert COMMENT in shown and "lần 2" in shown

    # ---- amend, finalise, sign again, send again
    xa.ok("report", "set", reopened["id"], "tthc_published=130", "communication_activities=12")
    xa.ok("report", "finalize", reopened["id"])
    xa.ok("sign", reopened["id"], "--password-env", PASSWORD_ENV)
    resent = exported_path(xa.ok("export", "-o", tmp_path / "usb-2"))
    assert report_of(xa, id=reopened["id"])["status"] == "exported"
    with zip_names(resent) as names:  # only the new revision: the first one has its receipt
        assert [n for n in names if n.startswith("reports/")] == [f"reports/{reopened['uid']}.json"]

    # ---- revision 2 arrives; revision 1 stays in the history; accepted
    assert so.ok("import", resent).out.strip() == f"{resent.name}: đã nhận"
    second = report_of(so, period=period, revision=2)
    assert second["uid"] == reopened["uid"] and second["status"] == "sent"
    assert so.ok("report", "show", second["id"], "--json").json()["values"]["tthc_published"] == 130
    history = so.ok("report", "history", second["id"]).out.strip().splitlines()
    assert len(history) == 2 and "lần 1" in history[0] and COMMENT in history[0] and "lần 2" in history[1]
    so.ok("review", "accept", second["id"])
    accepted = exported_path(so.ok("feedback", "export", "-o", tmp_path / "phan-hoi-2"))
    news = xa.ok("import", accepted).out
    assert "đã được chấp nhận" in news
    final = report_of(xa, id=reopened["id"])
    assert final["status"] == "accepted" and final["receipt_at"]
    assert report_of(xa, id=report_id)["receipt_at"]
    nothing = xa("export", "-o", tmp_path / "usb-3")
    assert nothing.code == 1 and "Không có báo cáo nào cần gửi" in nothing.err


@pytest.fixture
def one_package(installations: Callable[[str], Installation], tmp_path: Path) -> tuple[Installation, Path]:
    """A reviewer that trusts Xã Tân Phú, and a folder with its package and a damaged copy."""
    xa, so = installations("xa-tan-phu"), installations("so-noi-vu")
    init_commune(xa, "26116", "Xã Tân Phú")
    init_reviewer(so)
    xa.ok("sample", "--months", "1")
    package = exported_path(xa.ok("export", "-o", tmp_path / "usb"))
    so.ok("units", "trust", package)
    data = package.read_bytes()
    (package.parent / "chep-do-dang.cchc").write_bytes(data[: len(data) // 2])
    return so, package.parent


def test_a_folder_with_a_good_and_a_damaged_package(one_package: tuple[Installation, Path]) -> None:
    so, folder = one_package
    run = so("import", folder)
    assert run.code == 1, run
    lines = dict(line.split(": ", 1) for line in run.out.splitlines() if line.split(": ", 1)[0].endswith(".cchc"))
    good = next(p.name for p in folder.iterdir() if p.name.startswith("26116_"))
    assert lines[good] == "đã nhận"
    assert lines["chep-do-dang.cchc"].startswith("bị từ chối: ")
    assert len(list(so.quarantine.glob("*chep-do-dang.cchc.ly-do.txt"))) == 1
    english = so("import", folder, lang="en")
    assert f"{good}: already had" in english.out and "chep-do-dang.cchc: refused: " in english.out


def test_import_json_is_json_when_a_package_is_refused(one_package: tuple[Installation, Path]) -> None:
    so, folder = one_package
    run = so("import", folder, "--json")
    assert run.code == 1
    results = {r["file"]: r for r in run.json()}
    assert results["chep-do-dang.cchc"]["outcome"] == "refused" and results["chep-do-dang.cchc"]["quarantined"]


class zip_names:
    """The member names of a package (a plain zip), for a look inside."""

    def __init__(self, path: Path) -> None:
        import zipfile

        self._zip = zipfile.ZipFile(path)

    def __enter__(self) -> list[str]:
        return self._zip.namelist()

    def __exit__(self, *exc: object) -> None:
        self._zip.close()


def check_signed_pdf(xa: Installation, so: Installation, pdf: Path, tmp_path: Path) -> None:
    """pdfsig and `cchc verify` accept the signature, and both notice one changed byte."""
    if PDFSIG is not None:
        report = pdfsig(pdf)
        assert "Signature Validation: Signature is Valid." in report, report
        assert "Total document signed" in report, report
    mine = xa.ok("verify", pdf).out  # the commune trusts its own certificate
    assert "Toàn vẹn: CÓ" in mine and "Tin cậy: CÓ" in mine
    theirs = so("verify", pdf)  # the reviewer has not added it to its trust list
    assert theirs.code == 1 and "Toàn vẹn: CÓ" in theirs.out and "Tin cậy: KHÔNG" in theirs.out
    cert = tmp_path / "chu-ky-xa.pem"
    xa.ok("keys", "export-cert", "-o", cert)
    with_trust = so.process("verify", pdf, "--trust", cert, "--data", "--json")
    assert with_trust.code == 0, with_trust
    checked = with_trust.json()
    assert checked["ok"] and checked["signatures"][0]["self_issued"]
    assert checked["data"]["unit_code"] == "26116" and checked["data"]["values"]["meetings_held"] == 3

    tampered = tmp_path / "bi-sua.pdf"
    data = bytearray(pdf.read_bytes())
    data[data.index(b"\n%") + 2] ^= 0x01  # the header's binary comment: signed, still a valid PDF
    tampered.write_bytes(bytes(data))
    if PDFSIG is not None:
        assert "Signature is Valid." not in pdfsig(tampered)
    broken = xa("verify", tampered)
    assert broken.code == 1 and "Toàn vẹn: KHÔNG" in broken.out


# ---------------------------------------------------------------- a province: status and consolidation

COMMUNES = [("26116", "Xã Tân Phú"), ("26461", "Xã Xuân Định"), ("26485", "Xã Nhơn Trạch")]
# Each computed figure of the form, recomputed from the province's totals.
RECOMPUTED: dict[str, Callable[[dict[str, float]], float]] = {
    "tasks_completion_rate": lambda t: 100 * t["tasks_completed"] / t["tasks_planned"],
    "tthc_on_time_rate": lambda t: 100 * (t["tthc_resolved_early"] + t["tthc_resolved_on_time"])
    / (t["tthc_resolved_total"] + t["tthc_pending_overdue"]),
    "tthc_online_rate": lambda t: 100 * t["tthc_received_online"] / (t["tthc_received_online"] + t["tthc_received_direct"]),
    "records_digitised_rate": lambda t: 100 * t["records_digitised"] / t["tthc_resolved_total"],
    "staff_total": lambda t: t["staff_officials"] + t["staff_civil_servants"],
}


@pytest.fixture
def province(installations: Callable[[str], Installation], tmp_path: Path) -> tuple[Installation, dict[str, Installation], str]:
    """A reviewer that has received last month's report of three communes (sample data)."""
    so = installations("so-noi-vu")
    init_reviewer(so)
    communes = {}
    for code, name in COMMUNES:
        xa = installations(f"xa-{code}")
        init_commune(xa, code, name)
        xa.ok("sample", "--months", "1")
        package = exported_path(xa.ok("export", "-o", tmp_path / "usb" / code))
        if code == COMMUNES[-1][0]:  # bound in advance, from the certificate file the commune sent
            pem = tmp_path / f"{code}-cai-dat.pem"
            xa.ok("keys", "export-cert", "--installation", "-o", pem)
            so.ok("units", "trust", "--unit", code, "--cert", pem)
        else:  # bound on first contact, from the package itself
            so.ok("units", "trust", package)
        communes[code] = xa
    assert sorted(u["unit_code"] for u in so.ok("units", "list", "--json").json()) == sorted(communes)
    summary = so.ok("import", tmp_path / "usb").out.strip().splitlines()  # a whole folder at once
    assert len(summary) == 3 and all(line.endswith(": đã nhận") for line in summary), summary
    period = report_of(communes[COMMUNES[0][0]], form="cchc-xa")["period"]
    return so, communes, period


def test_status_board_of_a_period(province: tuple[Installation, dict[str, Installation], str]) -> None:
    so, communes, period = province
    with so.workspace() as ws:
        due = ws.policy().deadline(Period.parse(period))
    today = dt.datetime.now(VIETNAM).date()
    sent = "on_time" if today <= due else "late"

    rows = {r["unit_code"]: r for r in so.ok("status", "--period", period, "--json").json()}
    assert len(rows) > 3  # every commune of the province, not only those that sent something
    for code in communes:
        assert rows[code]["state"] == sent and rows[code]["revision"] == 1 and rows[code]["received_on"] == today.isoformat()
    others = {r["state"] for code, r in rows.items() if code not in communes}
    assert others == {"not_due" if today <= due else "missing"}

    (a, _), (b, _), (c, _) = COMMUNES
    so.ok("review", "accept", rows[a]["report_id"])
    so.ok("review", "return", rows[b]["report_id"], "--comment", COMMENT)
    rows = {r["unit_code"]: r for r in so.ok("status", "--period", period, "--json").json()}
    assert (rows[a]["state"], rows[b]["state"], rows[c]["state"]) == ("accepted", "returned", sent)
    text = so.ok("status", "--period", period).out
    assert "Đã chấp nhận: 1" in text and "Đã trả lại: 1" in text
    assert any(line.startswith(a) and "Đã chấp nhận" in line for line in text.splitlines())


def test_consolidated_workbook(province: tuple[Installation, dict[str, Installation], str], tmp_path: Path) -> None:
    so, communes, period = province
    target = tmp_path / f"tong-hop-{period}.xlsx"
    assert "3 đơn vị" in so.ok("consolidate", "--period", period, "-o", target).out
    sent: dict[str, dict[str, Any]] = {}
    for code, xa in communes.items():
        report = report_of(xa, form="cchc-xa")
        sent[code] = xa.ok("report", "show", report["id"], "--json").json()["values"]
    with so.workspace() as ws:
        definition = ws.forms.get("cchc-xa", 1)
    check_workbook(target, definition, sent)


def check_workbook(path: Path, d: FormDefinition, sent: dict[str, dict[str, Any]]) -> None:
    wb = openpyxl.load_workbook(path)
    sections = [s for s in d.sections if any(f.numeric for f in s.fields)]
    assert wb.sheetnames == [f"Phần {s.id}" for s in sections]
    computed = {f.id for f in d.iter_fields() if f.numeric and f.computed}
    assert computed <= RECOMPUTED.keys(), "a new computed figure: say how the province total is computed"
    totals: dict[str, float] = {}
    checks: list[tuple[str, Any]] = []
    for s in sections:
        rows = list(wb[f"Phần {s.id}"].iter_rows(values_only=True))
        fields = [f for f in s.fields if f.numeric]
        assert rows[0][0].startswith(f"{s.id}. {s.title}")
        assert rows[1][:2] == ("Mã đơn vị", "Tên đơn vị") and len(rows[1]) == 2 + len(fields)
        body, total = rows[2:-1], rows[-1]
        assert [r[0] for r in body] == sorted(sent) and total[1] == "Tổng cộng toàn tỉnh"
        for column, f in enumerate(fields, start=2):
            assert f.label in rows[1][column]
            cells = {r[0]: r[column] for r in body}
            if f.computed:
                checks.append((f.id, total[column]))
                continue
            for code, value in cells.items():
                assert value == sent[code].get(f.id), (s.id, f.id, code)
            assert total[column] == pytest.approx(sum(v for v in cells.values() if v is not None)), (s.id, f.id)
            totals[f.id] = total[column]
    for field_id, value in checks:
        assert value == pytest.approx(RECOMPUTED[field_id](totals), abs=1e-3), field_id
