"""The PAR-index year, commune side: computed scores from a year of filed monthly reports,
evidence (add, remove, dedupe, disguised and oversized files refused with nothing stored,
signed PDFs, own reports, deadlines, files gone missing), the explanation rule, the gaps."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from reports import sample
from reports.clock import VIETNAM
from reports.documents import issuing
from reports.errors import CchcError
from reports.par_index.evidence import (
    EvidenceNotFoundError,
    EvidenceService,
    EvidenceTooLargeError,
    Metadata,
    OwnReportNotSignedError,
)
from reports.par_index.filetypes import EvidenceNameMismatchError, EvidenceTypeError, check_file
from reports.par_index.sample_evidence import sample_pdf
from reports.par_index.service import evidence_service, score_sheet
from reports.par_index.sheet import ExplanationMissingError
from reports.signing import P12Method, open_signer
from reports.storage.lifecycle import NotEditableError, Status
from reports.storage.store import FieldValueError
from reports.storage.unit import Role, Unit
from reports.workspace import Workspace

UNIT = Unit(role=Role.COMMUNE, code="26734", name="Xã Tân Phú", province_name="Tỉnh Đồng Nai", signer_name="Nguyễn Văn An")
TODAY = dt.date(2026, 1, 10)
NOW = dt.datetime(2026, 1, 10, 9, 0, tzinfo=VIETNAM)
PASSWORD = "mat-khau-thu"


def pdf(title: str = "Kế hoạch CCHC năm 2025", day: dt.date = dt.date(2024, 12, 20)) -> bytes:
    return sample_pdf(title, "12/KH-UBND", day, UNIT.name, "Nội dung thử.")


def large_pdf(extra: int) -> bytes:
    """A sound PDF of more than ``extra`` bytes (an attached file of random bytes)."""
    import os

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf())))
    writer.add_attachment("phu-luc.bin", os.urandom(extra))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def png() -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"\x00\xff\x00\x00"
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def docx() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return buf.getvalue()


@pytest.fixture(scope="module")
def year_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A commune with the 12 monthly reports of 2025 filed, and its 2025 scoring report."""
    root = tmp_path_factory.mktemp("year") / "data"
    ws = Workspace.open(root, clock=lambda: NOW, actor="cán bộ thử")
    ws.initialise(UNIT)
    issuing.create_signer_key(ws, "Nguyễn Văn An", PASSWORD)
    sample.fill_sample(ws, 12, today=TODAY)
    ws.close()
    return root


@pytest.fixture
def ws(year_folder: Path, tmp_path: Path) -> Iterator[Workspace]:
    shutil.copytree(year_folder, tmp_path / "data")
    w = Workspace.open(tmp_path / "data", clock=lambda: NOW, actor="cán bộ thử")
    yield w
    w.close()


def scoring(ws: Workspace) -> int:
    """The sample's finalised scoring report (revision 1)."""
    return min(r.id for r in ws.store.list() if r.form_id == "tu-cham-diem-xa")


def draft_scoring(ws: Workspace) -> int:
    return ws.store.amend(scoring(ws)).id


def month(ws: Workspace, code: str) -> int:
    return next(r.id for r in ws.store.list(latest_only=True) if r.period.code == code and r.form_id == "cchc-xa")


# ---------------------------------------------------------------- computed scores


def test_the_sample_year_is_finalised_on_version_2_with_evidence(ws: Workspace) -> None:
    report = ws.store.get(scoring(ws))
    assert report.form_version == 2 and report.status is Status.FINAL
    sheet = score_sheet(ws, report.id)
    assert not sheet.missing_explanations() and not sheet.damaged()
    assert sum(len(line.evidence) for line in sheet.lines) >= 15
    assert any(line.explanation for line in sheet.lines)
    computed = [line for line in sheet.lines if line.computed]
    assert len(computed) == 8 and all(len(line.computed.sources) == 12 for line in computed if line.computed)


def test_computed_scores_read_the_year_and_follow_a_changed_month(ws: Workspace) -> None:
    rid = draft_scoring(ws)
    line = next(x for x in score_sheet(ws, rid).lines if x.field.id == "s3_tthc_on_time")
    assert line.computed is not None and [s.period for s in line.computed.sources] == [f"2025-{m:02d}" for m in range(1, 13)]
    reports = [ws.store.get(s.report_id) for s in line.computed.sources]
    early = sum(r.values["tthc_resolved_early"] for r in reports)
    on_time = sum(r.values["tthc_resolved_on_time"] for r in reports)
    resolved = sum(r.values["tthc_resolved_total"] for r in reports)
    assert line.computed.value == pytest.approx((early + on_time) * 100 / resolved)
    assert line.points == line.computed.points
    with pytest.raises(FieldValueError):  # computed: never typed
        ws.store.set_values(rid, {"s3_tthc_on_time": 1})

    # March turns out to have 300 late files: amend it, finalise, and the draft follows.
    march = ws.store.amend(month(ws, "2025-03"))
    v = march.values
    ws.store.set_values(march.id, {
        "tthc_resolved_late": v["tthc_resolved_late"] + 300,
        "tthc_resolved_total": v["tthc_resolved_total"] + 300,
        "tthc_received_direct": v["tthc_received_direct"] + 300,
        "tthc_received_total": v["tthc_received_total"] + 300,
    })
    for w in ws.store.evaluate(ws.store.get(march.id)).warnings:
        ws.store.acknowledge(march.id, w.rule_id, "Đã kiểm tra.")
    before = ws.store.get(rid).values["s3_tthc_on_time"]
    ws.store.finalize(march.id)  # refreshes the draft scoring report
    after = ws.store.get(rid).values["s3_tthc_on_time"]
    assert after < before
    line = next(x for x in score_sheet(ws, rid).lines if x.field.id == "s3_tthc_on_time")
    assert line.computed is not None and march.id in {s.report_id for s in line.computed.sources}


def test_a_draft_month_does_not_count_and_no_reports_gives_no_points(ws: Workspace) -> None:
    rid = draft_scoring(ws)
    ws.store.amend(month(ws, "2025-06"))  # June is now a draft revision: not filed
    line = next(x for x in score_sheet(ws, rid).lines if x.field.id == "s1_meetings")
    assert line.computed is not None and len(line.computed.sources) == 11
    assert "11/12" in line.computed.explain()
    empty = ws.store.create("2024", "tu-cham-diem-xa")
    line = next(x for x in score_sheet(ws, empty.id).lines if x.field.id == "s1_meetings")
    assert line.computed is not None and line.points is None and "chưa tính được" in line.computed.explain()


# ---------------------------------------------------------------- evidence


def test_add_dedupe_and_remove(ws: Workspace, tmp_path: Path) -> None:
    rid = draft_scoring(ws)
    service = evidence_service(ws)
    before = sum(1 for _ in ws.paths.evidence.rglob("*") if _.is_file())
    f = tmp_path / "ke-hoach.pdf"
    f.write_bytes(pdf("Kế hoạch thử nghiệm riêng"))
    meta = Metadata.parse("12/KH-UBND", "20/12/2024", "Kế hoạch CCHC năm 2025", "trang 2")
    a = service.add_file(rid, "s1_plan_on_time", f, meta)
    b = service.add_file(rid, "s1_communication", f, meta)
    again = service.add_file(rid, "s1_plan_on_time", f, meta)
    assert a.sha256 == b.sha256 == again.sha256
    assert (a.number, a.date, a.page) == ("12/KH-UBND", dt.date(2024, 12, 20), "trang 2")
    assert sum(1 for _ in ws.paths.evidence.rglob("*") if _.is_file()) == before + 1  # stored once
    assert [i.sha256 for i in service.list(rid)].count(a.sha256) == 2
    service.remove(rid, "s1_communication", a.sha256)
    assert [i.field for i in service.list(rid) if i.sha256 == a.sha256] == ["s1_plan_on_time"]
    with pytest.raises(EvidenceNotFoundError):
        service.remove(rid, "s1_communication", a.sha256)
    with pytest.raises(NotEditableError):  # a finalised report's evidence does not change
        service.add_file(scoring(ws), "s1_plan_on_time", f, meta)


@pytest.mark.parametrize(
    ("name", "data", "error"),
    [
        ("anh.pdf", png(), EvidenceNameMismatchError),
        ("bao-cao.pdf", b"%PDF-1.7\n garbage that is no PDF at all", EvidenceTypeError),
        ("chuong-trinh.pdf", b"MZ\x90\x00" + b"\0" * 100, EvidenceTypeError),
        ("anh.png", png()[:-12], EvidenceTypeError),
        ("van-ban.docx", b"PK\x03\x04" + b"\0" * 50, EvidenceTypeError),
        ("rong.pdf", b"", EvidenceTypeError),
        ("van-ban.xlsx", docx(), EvidenceNameMismatchError),
    ],
)
def test_disguised_and_broken_files_are_refused_with_nothing_stored(
    ws: Workspace, tmp_path: Path, name: str, data: bytes, error: type[CchcError]
) -> None:
    rid = draft_scoring(ws)
    before = (sorted(p.name for p in ws.paths.evidence.rglob("*")), len(evidence_service(ws).list(rid)))
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(error) as err:
        evidence_service(ws).add_file(rid, "s1_plan_on_time", path)
    assert err.value.message("vi") and err.value.message("en")
    assert (sorted(p.name for p in ws.paths.evidence.rglob("*")), len(evidence_service(ws).list(rid))) == before


def test_a_zip_bomb_is_refused() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"\0" * (50 * 1024 * 1024))
    with pytest.raises(EvidenceTypeError) as err:
        check_file("bom.docx", buf.getvalue())
    assert "bom nén" in err.value.message("vi")


def test_accepted_kinds_by_content() -> None:
    assert check_file("a.pdf", pdf()).label == "PDF"
    assert check_file("a.PNG", png()).label == "PNG"
    assert check_file("tai-lieu", docx()).label == "DOCX"  # no ending: the content decides


def test_the_size_limit_is_a_setting(ws: Workspace, tmp_path: Path) -> None:
    rid = draft_scoring(ws)
    big = tmp_path / "lon.pdf"
    big.write_bytes(large_pdf(1024 * 1024 + 1))
    ws.settings.set("evidence_max_mb", 1)
    with pytest.raises(EvidenceTooLargeError) as err:
        evidence_service(ws).add_file(rid, "s1_plan_on_time", big)
    assert "1 MB" in err.value.message("vi")
    ws.settings.set("evidence_max_mb", 20)
    assert evidence_service(ws).add_file(rid, "s1_plan_on_time", big).size == big.stat().st_size


def test_own_signed_report_as_evidence_and_a_signed_pdf_shows_its_signer(ws: Workspace) -> None:
    rid = draft_scoring(ws)
    service = evidence_service(ws)
    june = month(ws, "2025-06")
    with pytest.raises(OwnReportNotSignedError):
        service.add_own_report(rid, "s1_reports_on_time", june)
    with open_signer(P12Method(ws.paths.signer_key, PASSWORD)) as signer:
        issuing.sign_report(ws, june, signer)
    item = service.add_own_report(rid, "s1_reports_on_time", june, page="mục III")
    source = ws.store.get(june)
    assert item.source_report_uid == source.uid and item.date == source.issued_on
    assert item.number == f"{source.doc_number:02d}/BC-UBND" and item.page == "mục III"
    assert item.signer == "Nguyễn Văn An" and item.signed_at is not None


def test_a_document_dated_after_the_criterion_deadline_is_a_warning(ws: Workspace, tmp_path: Path) -> None:
    rid = draft_scoring(ws)
    late = tmp_path / "ke-hoach-muon.pdf"
    late.write_bytes(pdf("Kế hoạch ban hành muộn", dt.date(2025, 1, 15)))
    evidence_service(ws).add_file(rid, "s1_plan_on_time", late, Metadata.parse("03/KH-UBND", "15/01/2025"))
    line = next(x for x in score_sheet(ws, rid).lines if x.field.id == "s1_plan_on_time")
    assert any("15/01/2025 sau thời hạn 31/12/2024" in w for w in line.warnings)


def test_a_missing_or_damaged_file_is_reported(ws: Workspace) -> None:
    rid = scoring(ws)
    items = evidence_service(ws).list(rid)
    gone, damaged = items[0].sha256, next(i.sha256 for i in items if i.sha256 != items[0].sha256)
    ws.evidence_files.path(gone).unlink()
    ws.evidence_files.path(damaged).write_bytes(b"hong")
    sheet = score_sheet(ws, rid)
    assert {sha for _, sha in sheet.damaged()} == {gone, damaged}
    assert {s.state for s in ws.evidence_files.check_files()} == {"missing", "damaged"}
    line = next(x for x in sheet.lines if gone in x.file_problems)
    assert line.evidence_state == "damaged" and any(g.field.id == line.field.id for g in sheet.gaps())


# ---------------------------------------------------------------- the explanation rule and the gaps


def test_finalising_needs_evidence_or_an_explanation_naming_each_criterion(ws: Workspace) -> None:
    rid = draft_scoring(ws)
    service: EvidenceService = evidence_service(ws)
    for item in service.list(rid):
        if item.field in ("s1_communication", "s2_legal_docs_quality"):
            service.remove(rid, item.field, item.sha256)
    ws.store.set_values(rid, {"s1_communication": 1, "s2_legal_docs_quality": 3})
    with pytest.raises(ExplanationMissingError) as err:
        ws.store.finalize(rid)
    text = err.value.message("vi")
    assert "s1_communication" in text and "s2_legal_docs_quality" in text
    service.explain(rid, "s1_communication", "Hình ảnh tuyên truyền lưu trên trang thông tin điện tử của xã.")
    service.explain(rid, "s2_legal_docs_quality", "Văn bản lưu bản giấy.")
    with pytest.raises(ExplanationMissingError) as err:  # mandatory evidence: an explanation is not enough
        ws.store.finalize(rid)
    assert "s2_legal_docs_quality" in err.value.message("vi") and "s1_communication" not in err.value.message("vi")
    ws.store.set_values(rid, {"s2_legal_docs_quality": 0})  # no points, nothing to prove
    assert ws.store.finalize(rid).status is Status.FINAL


def test_gaps_are_sorted_by_points_at_stake(ws: Workspace) -> None:
    rid = draft_scoring(ws)
    ws.store.set_values(rid, {"s4_org_structure": 0, "s1_communication": 1.5})
    gaps = score_sheet(ws, rid).gaps()
    stakes = [g.at_stake for g in gaps]
    assert stakes == sorted(stakes, reverse=True) and all(s > 0 for s in stakes)
    assert next(g for g in gaps if g.field.id == "s4_org_structure").at_stake == 4
    assert next(g for g in gaps if g.field.id == "s1_communication").at_stake == 0.5
    assert not any(g.field.id == "s8_satisfaction" for g in gaps)  # scored by the province


def test_the_scoring_pdf_carries_the_evidence_annex(ws: Workspace, tmp_path: Path) -> None:
    import subprocess

    rid = scoring(ws)
    item = next(i for i in evidence_service(ws).list(rid) if i.number)
    out = tmp_path / "phieu.pdf"
    out.write_bytes(issuing.render_pdf(ws, rid).pdf)
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    annex = text[text.index("DANH MỤC TÀI LIỆU KIỂM CHỨNG"):]
    assert f"Số {item.number}" in annex and "Tiêu chí" in annex and item.page in annex
    assert "Giải trình đối với tiêu chí" in annex  # the sample explains a few criteria instead
    monthly = tmp_path / "thang.pdf"
    monthly.write_bytes(issuing.render_pdf(ws, month(ws, "2025-05")).pdf)
    text = subprocess.run(["pdftotext", str(monthly), "-"], capture_output=True, text=True, check=True).stdout
    assert "DANH MỤC TÀI LIỆU KIỂM CHỨNG" not in text


def test_evidence_files_are_backed_up_and_come_back_with_a_restore(ws: Workspace, tmp_path: Path) -> None:
    from reports.backups import backup, restore

    made = backup.make_backup(ws.paths, "manual", NOW)
    items = evidence_service(ws).list(scoring(ws))
    for item in items:
        assert (ws.paths.backups / "evidence" / item.sha256[:2] / item.sha256).is_file()
    lost = ws.evidence_files.path(items[0].sha256)
    lost.unlink()
    assert ws.evidence_files.check_files()
    root = ws.paths.root
    restore.restore(ws, made.file.path, NOW)  # closes the workspace
    again = Workspace.open(root, clock=lambda: NOW)
    try:
        assert lost.is_file() and again.evidence_files.check_files() == []
    finally:
        again.close()
