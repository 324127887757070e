"""Every font in every document the program writes is embedded, checked with poppler's
``pdffonts``: a commune's draft report, the same report signed (the visible signature adds
its own text), and the Department's consolidated report. A font that is not embedded (a
stray Helvetica from a table's default style, say) shows in another face on a machine
without it and fails a PDF/A check.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from reports import sample
from reports.documents import issuing
from reports.documents.consolidated import render_consolidated
from reports.signing import P12Method, open_signer
from reports.storage.unit import Role, Unit
from reports.workspace import Workspace
from tests.unit.test_document_layout import consolidated_document

pytestmark = pytest.mark.skipif(shutil.which("pdffonts") is None, reason="needs poppler-utils")

PASSWORD = "mật-khẩu-ký-2026"


def fonts(path: Path) -> list[tuple[str, str]]:
    """(font name, "yes"/"no" embedded) for each font pdffonts lists."""
    out = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
    rows = [line.split() for line in out.splitlines()[2:] if line.strip()]
    # columns: name type… encoding emb sub uni object ID: "emb" is fifth from the end
    return [(row[0], row[-5]) for row in rows]


def assert_all_embedded(path: Path) -> None:
    listed = fonts(path)
    assert listed, f"{path.name}: no font at all?"
    assert [name for name, emb in listed if emb != "yes"] == [], listed
    assert {name.split("+", 1)[-1].split("-")[0] for name, _ in listed} == {"CCHCSerif"}, listed


@pytest.fixture(scope="module")
def commune(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    ws = Workspace.open(tmp_path_factory.mktemp("xa"), actor="kiểm thử")
    ws.initialise(Unit(role=Role.COMMUNE, code="26116", name="Xã Tân Phú", province_name="Tỉnh Đồng Nai",
                       province_code="75", signer_name="Nguyễn Văn An"))
    sample.fill_sample(ws, 1)
    issuing.create_signer_key(ws, "Nguyễn Văn An", PASSWORD)
    return ws


def test_a_draft_report_embeds_every_font(commune: Workspace, tmp_path: Path) -> None:
    report = commune.store.create("2026-01")
    target = tmp_path / "nhap.pdf"
    target.write_bytes(issuing.pdf_for(commune, report.id))
    assert_all_embedded(target)


def test_a_signed_report_embeds_every_font(commune: Workspace, tmp_path: Path) -> None:
    report = next(r for r in commune.store.list() if r.form_id == "cchc-xa")
    with open_signer(P12Method(commune.paths.signer_key, PASSWORD)) as signer:
        signed = issuing.sign_report(commune, report.id, signer)
    target = tmp_path / "da-ky.pdf"
    target.write_bytes(signed.pdf)
    assert_all_embedded(target)


def test_the_consolidated_report_embeds_every_font(tmp_path: Path) -> None:
    target = tmp_path / "tong-hop.pdf"
    target.write_bytes(render_consolidated(consolidated_document()).pdf)
    assert_all_embedded(target)
