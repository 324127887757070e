"""The report's data embedded while the PDF is written (no second pass through a PDF library):
the same embedded file, as poppler, qpdf, pypdf and the signature check read it."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from forms.definition import builtin_definitions
from reports.cli.main import main as cchc
from reports.documents import render_report
from reports.documents.embedded import EmbeddedFile
from reports.documents.sample import sample_document
from reports.signing import SignatureBox, list_attachments, open_signer, read_attachment, verify_pdf
from reports.signing.keys import create_key_pair
from tests.unit.signing_support import APPEARANCE, write_p12

DATA = json.dumps({"don_vi": "26116", "ky": "2026-11", "ghi_chu": "Ủy ban nhân dân"}, ensure_ascii=False).encode()
NAME = "bao-cao.json"

needs_poppler = pytest.mark.skipif(
    not all(shutil.which(t) for t in ("pdfdetach", "qpdf")), reason="needs poppler-utils and qpdf"
)


def _render(*files: EmbeddedFile) -> bytes:
    definition = next(d for d in builtin_definitions() if d.id == "cchc-xa")
    return render_report(sample_document(definition), list(files)).pdf


def test_the_data_is_embedded_as_an_associated_file() -> None:
    pdf = _render(EmbeddedFile(NAME, DATA, "Dữ liệu báo cáo (JSON)"))
    assert list_attachments(pdf) == [NAME]
    assert read_attachment(pdf, NAME) == DATA
    assert b"/Subtype /application#2Fjson" in pdf  # the MIME type as a PDF name
    assert b"/AFRelationship /Data" in pdf
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    assert root["/Version"] == "/2.0"  # /AF is a PDF 2.0 (and PDF/A-3) feature
    [spec] = [ref.get_object() for ref in root["/AF"]]
    assert spec["/Type"] == "/Filespec"
    assert spec["/UF"] == NAME and spec["/F"] == NAME
    assert spec["/Desc"] == "Dữ liệu báo cáo (JSON)"
    stream = spec["/EF"]["/F"].get_object()
    assert stream.get_data() == DATA
    assert stream["/Params"]["/Size"] == len(DATA)
    assert stream["/Type"] == "/EmbeddedFile"


def test_no_attachment_leaves_the_catalog_alone() -> None:
    pdf = _render()
    assert list_attachments(pdf) == []
    assert b"/AF" not in pdf and b"/EmbeddedFiles" not in pdf


@needs_poppler
def test_poppler_and_qpdf_read_the_files(tmp_path: Path) -> None:
    pdf = _render(EmbeddedFile("z.csv", b"a,b\n1,2\n", mime="text/csv"), EmbeddedFile("Báo cáo.json", DATA))
    assert list_attachments(pdf) == sorted(["z.csv", "Báo cáo.json"])  # a sorted name tree
    assert read_attachment(pdf, "Ba\u0301o ca\u0301o.json") == DATA  # NFC either way
    path = tmp_path / "bao-cao.pdf"
    path.write_bytes(pdf)
    subprocess.run(["qpdf", "--check", str(path)], check=True, capture_output=True)
    listed = subprocess.run(["pdfdetach", "-list", str(path)], check=True, capture_output=True, text=True).stdout
    assert "Báo cáo.json" in listed and "z.csv" in listed
    out = tmp_path / "out.csv"
    subprocess.run(["pdfdetach", "-save", "2", "-o", str(out), str(path)], check=True, capture_output=True)
    assert out.read_bytes() == b"a,b\n1,2\n"


def test_a_nameless_file_is_refused() -> None:
    with pytest.raises(ValueError):
        _render(EmbeddedFile("  ", DATA))


def test_the_embedded_data_is_covered_by_the_signature(tmp_path: Path) -> None:
    definition = next(d for d in builtin_definitions() if d.id == "cchc-xa")
    rendered = render_report(sample_document(definition), [EmbeddedFile(NAME, DATA)])
    pair = create_key_pair("Nguyễn Văn An", "UBND xã Tân Phú", "26116")
    page, rect = rendered.signature_box
    with open_signer(write_p12(tmp_path, pair)) as signer:
        signed = signer.sign(rendered.pdf, box=SignatureBox(page, rect), appearance=APPEARANCE)
    assert read_attachment(signed, NAME) == DATA
    [sig] = verify_pdf(signed, [pair.certificate])
    assert sig.intact and sig.trusted


def test_cchc_pdf_loads_no_signing_library(tmp_path: Path) -> None:
    """Writing an unsigned PDF needs no PDF parser and no cryptography: a fresh interpreter
    running ``cchc pdf`` must not import them (they were most of its start-up)."""
    data = tmp_path / "xa"
    quiet = io.StringIO()
    assert cchc(["--data-dir", str(data), "init", "--unit-code", "26116", "--unit-name", "Xã Tân Phú",
                 "--province", "Tỉnh Đồng Nai", "--signer-name", "Nguyễn Văn An"], out=quiet) == 0
    assert cchc(["--data-dir", str(data), "sample", "--months", "1"], out=quiet) == 0
    out = tmp_path / "x.pdf"
    script = (
        "import sys; from reports.cli.main import main\n"
        f"code = main(['--data-dir', {str(data)!r}, 'pdf', '1', '-o', {str(out)!r}])\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'pyhanko', 'pyhanko_certvalidator', 'cryptography', 'aiohttp', 'asn1crypto'})\n"
        "print(code, heavy)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                            cwd=Path(__file__).resolve().parents[2])
    assert result.stdout.strip().splitlines()[-1] == "0 []"
    assert read_attachment(out.read_bytes(), NAME) is not None
