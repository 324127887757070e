"""When the reviewer lost an evidence file it had acknowledged: its import says so and what the
commune should do; the commune sends the evidence in full again (`cchc export
--with-evidence-files`), and the reviewer writes back what it lacked. And an evidence file
larger than the sending limit is refused at export, by name, instead of becoming a part no
outbox can send."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

from reports.cli.main import main as cchc
from reports.documents.issuing import canonical_json
from reports.exchange import feedback, sync
from reports.exchange.evidence_members import EvidenceTooLargeToSendError
from reports.exchange.packages import read_package
from reports.exchange.sync import Outcome
from reports.par_index.service import evidence_service
from reports.storage.lifecycle import Status
from reports.workspace import Workspace
from tests.unit.sync_world import assert_refused, db_dump, finalize, repack
from tests.unit.test_evidence_packages import World, commune, reviewer, scoring_of, world
from tests.unit.test_par_index import large_pdf, png

__all__ = ["World", "commune", "reviewer", "world"]  # the fixtures, shared with test_evidence_packages


def _received_and_receipted(commune: Workspace, reviewer: Workspace, tmp_path: Path) -> str:
    """The scoring report imported by the reviewer and its receipt back at the commune; the
    reviewer then loses one of its files. Returns that file's hash."""
    first = sync.export_package(commune, tmp_path / "out")
    assert sync.import_file(reviewer, first.path).outcome is Outcome.IMPORTED
    answer = feedback.export_feedback(reviewer, tmp_path / "back")[0].path
    assert sync.import_file(commune, answer).outcome is Outcome.IMPORTED
    lost = commune.evidence_files.items(scoring_of(commune))[0].sha256
    reviewer.evidence_files.path(lost).unlink()
    return lost


def _cli(data: Path, *args: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cchc(["--data-dir", str(data), *args], out=out, err=err)
    return code, out.getvalue() + err.getvalue()


def test_a_lost_file_is_named_in_the_refusal_and_sending_in_full_repairs_it(
        commune: Workspace, reviewer: Workspace, tmp_path: Path) -> None:
    lost = _received_and_receipted(commune, reviewer, tmp_path)
    name = next(i.name for i in commune.evidence_files.items(scoring_of(commune)) if i.sha256 == lost)
    rev2 = commune.store.amend(scoring_of(commune))
    finalize(commune, rev2.id)
    by_hash = sync.export_package(commune, tmp_path / "out2")
    assert f"evidence/{lost}" not in read_package(by_hash.path).members  # acknowledged: by hash only
    result = assert_refused(reviewer, by_hash.path, code=None,
                            says=(name, "Gửi lại đầy đủ tài liệu kiểm chứng", "--with-evidence-files"),
                            says_en=("send the evidence in full again",))
    assert lost[:12] in result.reason

    code, said = _cli(commune.paths.root, "export", "--with-evidence-files", "-o", str(tmp_path / "out3"))
    assert code == 0, said
    full = [Path(line) for line in said.splitlines() if line.endswith(".cchc")]
    assert len(full) == 1 and f"evidence/{lost}" in read_package(full[0]).members
    assert sync.import_file(reviewer, full[0]).outcome is Outcome.IMPORTED
    assert reviewer.evidence_files.check_files() == []
    assert hashlib.sha256(reviewer.evidence_files.path(lost).read_bytes()).hexdigest() == lost


def test_resending_a_held_report_in_full_writes_back_only_the_lost_file(
        commune: Workspace, reviewer: Workspace, tmp_path: Path) -> None:
    lost = _received_and_receipted(commune, reviewer, tmp_path)
    before = db_dump(reviewer)
    result = sync.export_package(commune, tmp_path / "again", report_ids=[scoring_of(commune)], evidence_in_full=True)
    assert result.report_ids == [scoring_of(commune)]
    got = sync.import_file(reviewer, result.path)
    assert got.outcome is Outcome.ALREADY_HAD and "1 tệp" in got.reason and "1 missing" in got.line("en")
    assert reviewer.evidence_files.check_files() == []
    assert hashlib.sha256(reviewer.evidence_files.path(lost).read_bytes()).hexdigest() == lost
    after = db_dump(reviewer)
    # Only the package log learnt something: the reports, links and files are as they were.
    assert [x for x in after if "package" not in x] == [x for x in before if "package" not in x]


def test_a_damaged_copy_at_the_reviewer_counts_as_lost(commune: Workspace, reviewer: Workspace, tmp_path: Path) -> None:
    lost = _received_and_receipted(commune, reviewer, tmp_path)
    reviewer.evidence_files.path(lost).write_bytes(b"%PDF-1.4 hong")
    rev2 = commune.store.amend(scoring_of(commune))
    finalize(commune, rev2.id)
    assert_refused(reviewer, sync.export_package(commune, tmp_path / "o").path, code=None,
                   says=("Gửi lại đầy đủ tài liệu kiểm chứng",))


def test_an_evidence_file_over_the_sending_limit_is_refused_at_export(commune: Workspace, tmp_path: Path) -> None:
    rev2 = commune.store.amend(scoring_of(commune))
    big = tmp_path / "bien-ban-lon.pdf"
    big.write_bytes(large_pdf(1536 * 1024))
    evidence_service(commune).add_file(rev2.id, "s3_one_stop", big)
    finalize(commune, rev2.id)
    commune.settings.set("attachment_limit_mb", 1)
    (tmp_path / "out").mkdir()
    try:
        sync.export_package(commune, tmp_path / "out")
    except EvidenceTooLargeToSendError as exc:
        text, text_en = exc.message("vi"), exc.message("en")
    else:
        raise AssertionError("the export went through")
    assert "bien-ban-lon.pdf" in text and "1 MB" in text and "s3_one_stop" in text and "Cài đặt" in text
    assert "bien-ban-lon.pdf" in text_en and "smaller" in text_en
    assert not list((tmp_path / "out").glob("*.cchc"))
    assert commune.store.get(rev2.id).status is Status.FINAL  # not marked exported
    code, said = _cli(commune.paths.root, "export", "-o", str(tmp_path / "out"))
    assert code == 1 and "bien-ban-lon.pdf" in said
    commune.settings.set("attachment_limit_mb", 10)  # raised: it goes, in one part
    assert len(sync.export_package(commune, tmp_path / "out").paths) == 1



def test_a_resend_cannot_slip_in_a_file_no_stored_report_refers_to(
        commune: Workspace, reviewer: Workspace, tmp_path: Path) -> None:
    """Hostile: the re-sent (already held) report lists an extra file and carries it; the files
    pass every check, but a resend only repairs what this office has a record of."""
    lost = _received_and_receipted(commune, reviewer, tmp_path)
    resent = sync.export_package(commune, tmp_path / "again", report_ids=[scoring_of(commune)], evidence_in_full=True)
    opened = read_package(resent.path)
    members = dict(opened.members)
    uid = next(r.uid for r in commune.store.list() if r.id == scoring_of(commune))
    doc = json.loads(members[f"reports/{uid}.json"])
    extra = png() + b"\x00extra"
    sha = hashlib.sha256(extra).hexdigest()
    members[f"evidence/{sha}"] = extra
    doc["evidence"].append({**doc["evidence"][0], "sha256": sha, "name": "them.png"})
    members[f"reports/{uid}.json"] = canonical_json(doc)
    path = tmp_path / "usb" / "resend.cchc"
    path.parent.mkdir()
    path.write_bytes(repack(commune, opened, members))
    got = sync.import_file(reviewer, path)
    assert got.outcome is Outcome.ALREADY_HAD, got
    assert not reviewer.evidence_files.has_file(sha) and not reviewer.evidence_files.path(sha).exists()
    assert reviewer.evidence_files.check_files() == []  # the lost one is back
    assert hashlib.sha256(reviewer.evidence_files.path(lost).read_bytes()).hexdigest() == lost
