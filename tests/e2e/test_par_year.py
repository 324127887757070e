"""A whole PAR-index year through the `cchc` command line and real signed packages.

The Sở Nội vụ turns its criteria set into a workbook and back, and publishes it; five communes
file monthly reports, score themselves with evidence and explanations, sign and send; the
reviewer appraises every sub-criterion (agreeing, and changing one with a reason), imports the
survey points, sends the appraisal with a deadline; one commune answers with an explanation
as a new revision, which the reviewer takes into account; the reviewer locks the scores, ranks
and classifies, writes the workbook and the signed Decree 30 report, and every commune receives
its own result. Every number is checked against what the communes and the reviewer typed.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from reportlab.pdfgen import canvas

from forms.definition import FormDefinition, builtin_definitions
from reports.clock import VIETNAM
from reports.documents.sample import SAMPLE_VALUES
from tests.e2e.conftest import PASSWORD_ENV, Installation, init_commune, init_reviewer
from tests.unit.workbook_attacks import attack

pytestmark = pytest.mark.slow

COMMUNES = [("25195", "Phường Bình Phước"), ("25210", "Phường Đồng Xoài"), ("25217", "Phường Phước Long"),
            ("25220", "Phường Phước Bình"), ("25222", "Xã Bù Gia Mập")]
CRITERIA_ID = "chi-so-cchc-xa-dong-nai"
YEAR = "2026"


def sample_set() -> FormDefinition:
    return max((d for d in builtin_definitions() if d.kind == "scoring"), key=lambda d: d.version)


def evidence_pdf(path: Path, title: str) -> Path:
    c = canvas.Canvas(str(path))
    c.drawString(72, 760, title)
    c.save()
    return path


def one(paths: list[Path]) -> Path:
    assert len(paths) == 1, paths
    return paths[0]


def packages_in(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.cchc"))


def test_a_par_index_year_from_criteria_to_ranking(installations: Callable[[str], Installation], tmp_path: Path) -> None:
    so = installations("so-noi-vu")
    init_reviewer(so)
    so.ok("keys", "create", "--name", "Trần Thị Bình", "--password-env", PASSWORD_ENV)

    # ---- the province's criteria set, from a workbook, published to the communes
    workbook = tmp_path / "tieu-chi.xlsx"
    so.ok("forms", "template-xlsx", "-o", workbook)
    assert "1 tiêu chí" not in so.ok("forms", "import-xlsx", workbook, "--id", CRITERIA_ID, "--version", "1").out
    criteria = sample_set()
    shown = so.ok("forms", "show", CRITERIA_ID).out
    assert "100" in shown
    so.ok("forms", "publish", f"{CRITERIA_ID}@1")

    # ---- five communes: two monthly reports each, then the year's self-assessment with evidence
    xa: dict[str, Installation] = {}
    sent: dict[str, Path] = {}
    self_scores: dict[str, dict[str, float]] = {}
    for i, (code, name) in enumerate(COMMUNES):
        inst = xa[code] = installations(f"xa-{code}")
        init_commune(inst, code, name)
        inst.ok("keys", "create", "--name", f"Chủ tịch {name}", "--password-env", PASSWORD_ENV)
        for month in ("2026-10", "2026-11"):
            rid = int(inst.ok("report", "new", "--period", month).out.strip())
            values = dict(SAMPLE_VALUES)
            values["tthc_resolved_late"] = int(values["tthc_resolved_late"]) + i  # a different on-time rate each
            values["tthc_resolved_on_time"] = int(values["tthc_resolved_on_time"]) - i
            file = tmp_path / f"{code}-{month}.json"
            file.write_text(json.dumps(values, ensure_ascii=False), encoding="utf-8")
            inst.ok("report", "import-values", rid, file)
            inst.ok("report", "finalize", rid)
        self_scores[code] = {}
        sent[code] = tmp_path / f"usb-{code}"
    # the reviewer's first feedback binds each commune and brings the published criteria set
    for code, inst in xa.items():
        # a commune sends its monthly reports first (signed), which binds it at the reviewer
        first = inst.ok("report", "list", "--json").json()
        for r in first:
            inst.ok("sign", r["id"], "--password-env", PASSWORD_ENV)
        package = Path(inst.ok("export", "-o", tmp_path / f"thang-{code}").last_line)
        so.ok("units", "trust", package)
        so.ok("import", package)
        back = Path(so.ok("feedback", "export", "--unit", code, "-o", tmp_path / f"phan-hoi-{code}").last_line)
        inst.ok("units", "trust", back)
        assert f"{CRITERIA_ID}@1" in inst.ok("import", back).out

    for i, (code, _name) in enumerate(COMMUNES):
        inst = xa[code]
        rid = int(inst.ok("report", "new", "--form", CRITERIA_ID, "--period", YEAR).out.strip())
        pairs = []
        for f in criteria.scored_fields():
            if f.method.typeable:
                points = (f.max_points or 0) if f.method.levels or i % 2 == 0 else max((f.max_points or 0) - 1, 0)
                pairs.append(f"{f.id}={points:g}")
        inst.ok("report", "set", rid, *pairs)
        sheet = inst.ok("score", "show", rid, "--json").json()["criteria"]
        proved = [x for x in sheet if x["self_scored"] and (x["points"] or 0) > 0 and not x["computed"]]
        mandatory = {f.id for f in criteria.scored_fields() if f.evidence is not None and f.evidence.mandatory}
        for n, line in enumerate(proved):
            fid = line["field"]
            if fid in mandatory or n % 2 == 0:
                doc = evidence_pdf(tmp_path / f"{code}-{fid}.pdf", f"Tai lieu kiem chung {fid} cua {code}")
                inst.ok("evidence", "add", rid, fid, doc, "--number", f"{i + 1}/KH-UBND", "--date", "20/12/2025",
                        "--title", f"Tài liệu {fid}")
            else:
                inst.ok("score", "explain", rid, fid, "Văn bản lưu tại Văn phòng HĐND và UBND, sẽ bổ sung khi thẩm định.")
        inst.ok("report", "finalize", rid)
        self_scores[code] = {line["field"]: line["points"] for line in inst.ok("score", "show", rid, "--json").json()["criteria"]}
        inst.ok("sign", rid, "--password-env", PASSWORD_ENV)
        package = Path(inst.ok("export", "-o", sent[code]).last_line)
        assert so.ok("import", package).out.strip().endswith("đã nhận")

    # ---- the reviewer appraises
    received = {r["unit_code"]: r for r in so.ok("report", "list", "--json").json() if r["form"] == CRITERIA_ID}
    assert sorted(received) == sorted(c for c, _ in COMMUNES)
    for r in received.values():
        so.ok("appraise", r["id"], "--agree")
    first_code = COMMUNES[0][0]
    target = "s1_plan_on_time"
    refused = so("appraise", received[first_code]["id"], f"{target}=1")
    assert refused.code == 1 and "lý do" in refused.err
    too_high = so("appraise", received[first_code]["id"], f"{target}=99", "--reason", "x")
    assert too_high.code == 1 and "từ 0 đến" in too_high.err
    so.ok("appraise", received[first_code]["id"], f"{target}=1", "--reason", "Kế hoạch ban hành sau ngày 31/12.")

    # survey and appraisal-only criteria, for all communes at once
    survey = tmp_path / "khao-sat.xlsx"
    so.ok("appraise", "survey-template", "--period", YEAR, "-o", survey)
    wb = openpyxl.load_workbook(survey)
    ws = wb.active
    assert ws is not None
    province_fields = [f for f in criteria.scored_fields() if not f.self_scored]
    for row in range(2, ws.max_row + 1):
        for col, f in enumerate(province_fields, start=3):
            ws.cell(row=row, column=col, value=(f.max_points or 0) - (row % 2))
    wb.save(survey)
    assert "5 xã" in so.ok("appraise", "import-survey", survey, "--period", YEAR).out
    survey_refusals(so, survey, tmp_path)

    # ---- the appraisal goes back; the first commune explains in time
    deadline = (dt.datetime.now(VIETNAM).date() + dt.timedelta(days=10)).strftime("%d/%m/%Y")
    out = tmp_path / "tham-dinh"
    so.ok("appraise", "send", "--period", YEAR, "--deadline", deadline, "-o", out)
    first = xa[first_code]
    news = first.ok("import", one([p for p in packages_in(out) if recipient(p) == first_code])).out
    assert "thẩm định" in news
    own = next(r for r in first.ok("report", "list", "--json").json() if r["form"] == CRITERIA_ID)
    at_commune = first.ok("appraise", "show", own["id"], "--json").json()
    line = next(c for c in at_commune["criteria"] if c["field"] == target)
    assert line["appraised"] == 1 and "31/12" in line["reason"]
    amended = int(first.ok("report", "amend", own["id"]).out.strip())
    first.ok("score", "explain", amended, target, "Kế hoạch ký ngày 30/12/2025, vào sổ ngày 02/01/2026 do nghỉ lễ.")
    first.ok("report", "finalize", amended)
    first.ok("sign", amended, "--password-env", PASSWORD_ENV)
    answer = Path(first.ok("export", "-o", tmp_path / "giai-trinh").last_line)
    so.ok("import", answer)
    view = so.ok("appraise", "show", received[first_code]["id"], "--json").json()
    assert view["answer"]["revision"] == 2 and view["answer"]["applied"] and not view["answer"]["late"]
    assert "30/12/2025" in next(c for c in view["criteria"] if c["field"] == target)["explanation"]
    so.ok("appraise", received[first_code]["id"], f"{target}=2", "--reason", "Chấp nhận giải trình.")

    # ---- lock, rank, classify
    so.ok("appraise", "finalise", "--period", YEAR)
    locked = so("appraise", received[first_code]["id"], f"{target}=0", "--reason", "x")
    assert locked.code == 1 and "đã chốt" in locked.err
    ranking = so.ok("ranking", "--period", YEAR, "--json").json()
    assert [r["rank"] for r in ranking] == sorted(r["rank"] for r in ranking)
    bands = criteria.scoring.bands if criteria.scoring else ()
    for r in ranking:
        expected = expected_score(r["unit_code"], self_scores, province_fields, criteria, ws_rows(survey))
        # the first commune's changed criterion went back to 2 after its explanation: its self-score
        assert r["score"] == pytest.approx(expected, abs=0.01), r
        band = next(b for b in bands if r["score"] >= b.at_least)
        assert r["class"] == band.code
    scores_desc = [r["score"] for r in ranking]
    assert scores_desc == sorted(scores_desc, reverse=True)
    xlsx = tmp_path / "xep-hang.xlsx"
    so.ok("ranking", "--period", YEAR, "-o", xlsx)
    sheet_rows = list(openpyxl.load_workbook(xlsx)["Xếp hạng"].iter_rows(min_row=2, values_only=True))
    assert [row[1] for row in sheet_rows] == [r["unit_code"] for r in ranking]
    pdf = tmp_path / "xep-hang.pdf"
    so.ok("ranking", "--period", YEAR, "-o", pdf, "--password-env", PASSWORD_ENV)
    check_pdf(pdf)

    # ---- every commune gets its own result
    final_out = tmp_path / "ket-qua"
    so.ok("appraise", "send", "--period", YEAR, "-o", final_out)
    for code, inst in xa.items():
        package = one([p for p in packages_in(final_out) if recipient(p) == code])
        assert "Kết quả Chỉ số CCHC" in inst.ok("import", package).out
        mine = next(r for r in inst.ok("report", "list", "--json").json() if r["form"] == CRITERIA_ID)
        result = inst.ok("appraise", "show", mine["id"], "--json").json()
        ranked = next(r for r in ranking if r["unit_code"] == code)
        assert (result["rank"], result["of"], result["class"]) == (ranked["rank"], 5, ranked["class_label"])


def survey_refusals(so: Installation, good: Path, tmp_path: Path) -> None:
    """A wrong survey workbook is refused whole, naming the row and column, and the points
    already imported stay as they were."""
    before = so.dump()
    header = [c.value for c in openpyxl.load_workbook(good).worksheets[0][1]]
    first_points = header[2]

    def variant(name: str, change: Callable[[Any], None]) -> Path:
        wb = openpyxl.load_workbook(good)
        sheet = wb.worksheets[0]
        change(sheet)
        path = tmp_path / f"khao-sat-{name}.xlsx"
        wb.save(path)
        return path

    def cell(row: int, column: int, value: Any) -> Callable[[Any], None]:
        def change(sheet: Any) -> None:
            sheet.cell(row=row, column=column).value = value  # cell(value=None) would leave it

        return change

    not_a_workbook = tmp_path / "khao-sat.xlsx.txt"
    not_a_workbook.write_text("Mã đơn vị;Điểm\n25195;1\n", encoding="utf-8")
    first_code = str(openpyxl.load_workbook(good).worksheets[0].cell(row=2, column=1).value)
    cases: list[tuple[Path, list[str]]] = [
        (not_a_workbook, ["khao-sat.xlsx.txt"]),
        (variant("no-unit-column", cell(1, 1, "Xã")), ["dòng 1", "mã đơn vị", "survey-template"]),
        (variant("unknown-column", cell(1, 3, "Tiêu chí lạ [khong_co]")), ["dòng 1", "khong_co", "không phải tiêu chí"]),
        (variant("unknown-unit", cell(3, 1, "99999")), ["dòng 3", "99999"]),
        (variant("twice", cell(4, 1, first_code)), ["dòng 4", "dòng 2"]),
        (variant("too-high", cell(2, 3, 999)), ["dòng 2", str(first_points), "999"]),
        (variant("negative", cell(3, 3, -1)), ["dòng 3", "-1"]),
        (variant("text", cell(5, 3, "tốt")), ["dòng 5", "tốt"]),
        (variant("no-code", cell(6, 1, None)), ["dòng 6", "thiếu mã đơn vị"]),
        # hostile or damaged workbooks (tests/unit/test_hostile_workbooks.py has every reader)
        *[(bad, [bad.name, "không phải bảng tính"]) for bad in
          (attack(good, kind, tmp_path) for kind in ("laughs", "external-entity", "truncated-xml", "damaged-member"))],
    ]
    for path, words in cases:
        refused = so("appraise", "import-survey", path, "--period", YEAR)
        assert refused.code == 1, (path.name, refused.out, refused.err)
        for word in words:
            assert word in refused.err, (path.name, word, refused.err)
        assert so.dump() == before, path.name


def recipient(package: Path) -> str:
    import zipfile

    with zipfile.ZipFile(package) as z:
        manifest: dict[str, Any] = json.loads(z.read("manifest.json"))
    return str(manifest["recipient"]["unit_code"])


def ws_rows(survey: Path) -> dict[str, dict[str, float]]:
    wb = openpyxl.load_workbook(survey)
    sheet = wb.active
    assert sheet is not None
    header = [str(c.value) for c in sheet[1]]
    out: dict[str, dict[str, float]] = {}
    for row in sheet.iter_rows(min_row=2, values_only=True):
        out[str(row[0])] = {h.split("[")[1].split("]")[0]: float(v) for h, v in zip(header[2:], row[2:], strict=True)}
    return out


def expected_score(code: str, self_scores: dict[str, dict[str, float]], province_fields: list[Any],
                   criteria: FormDefinition, survey: dict[str, dict[str, float]]) -> float:
    total = 0.0
    for f in criteria.scored_fields():
        if f.self_scored:
            total += float(self_scores[code].get(f.id) or 0)
        else:
            total += survey[code][f.id]
    return round(total, 2)


def check_pdf(pdf: Path) -> None:
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    pdffonts, pdfsig = shutil.which("pdffonts"), shutil.which("pdfsig")
    assert pdffonts and pdfsig
    fonts = subprocess.run([pdffonts, str(pdf)], capture_output=True, text=True, timeout=60).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts  # every font embedded
    sig = subprocess.run([pdfsig, str(pdf)], capture_output=True, text=True, timeout=60)
    assert "Signature is Valid" in sig.stdout or "Signature is Valid" in sig.stderr, sig
