"""A signed report is small and still checks out: one embedded subset per face shared by the
text and the signature stamp, a signature reservation the size of the signature, compressed
object and cross-reference streams — and poppler, qpdf and pyHanko accept the result."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from forms.definition import builtin_definitions
from reports.documents.render import render_report
from reports.documents.sample import sample_document
from reports.signing import (
    DocumentSigner,
    P12Method,
    SignatureAppearance,
    SignatureBox,
    open_signer,
    verify_pdf,
)
from reports.signing.compaction import compact_pdf
from reports.signing.keys import KeyPair, create_key_pair

pytestmark = pytest.mark.skipif(
    not all(shutil.which(t) for t in ("pdffonts", "pdftotext", "qpdf")), reason="needs poppler-utils and qpdf"
)

PASSWORD = "mật-khẩu"


@pytest.fixture(scope="module")
def pair() -> KeyPair:
    return create_key_pair("Nguyễn Văn Hưởng", "UBND xã Tân Phú", "26734")


@pytest.fixture
def signer(tmp_path: Path, pair: KeyPair) -> Iterator[DocumentSigner]:
    path = tmp_path / "k.p12"
    path.write_bytes(pair.to_p12(PASSWORD))
    with open_signer(P12Method(path, PASSWORD)) as s:
        yield s


def _document() -> tuple[bytes, SignatureBox, SignatureAppearance]:
    doc = sample_document(next(d for d in builtin_definitions() if d.id == "cchc-xa"))
    rendered = render_report(doc)
    page, rect = rendered.signature_box
    appearance = SignatureAppearance(
        signer_name=doc.signer.name,
        position_lines=(doc.signer.authority, doc.signer.position),
        unit_name=doc.unit_name,
    )
    return rendered.pdf, SignatureBox(page, rect), appearance


def _fonts(path: Path) -> list[str]:
    out = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
    return [line.split()[0] for line in out.splitlines()[2:] if line.strip()]


def _reserved_and_used(signed: bytes) -> tuple[int, int]:
    """Bytes reserved for the signature container, and the bytes its DER encoding takes."""
    start, length, start2, _ = (int(x) for x in re.findall(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)", signed)[-1])
    hex_digits = signed[start + length + 1 : start2 - 1]
    der = bytes.fromhex(hex_digits.decode())
    assert der[0] == 0x30 and der[1] == 0x82  # a SEQUENCE with a two-byte length
    return len(der), 4 + int.from_bytes(der[2:4], "big")


def test_the_stamp_shares_the_documents_fonts_and_the_file_checks_out(
    tmp_path: Path, signer: DocumentSigner, pair: KeyPair
) -> None:
    pdf, box, appearance = _document()
    signed = signer.sign(compact_pdf(pdf), box=box, appearance=appearance)
    path = tmp_path / "signed.pdf"
    path.write_bytes(signed)

    fonts = _fonts(path)
    faces = [name.split("+", 1)[-1] for name in fonts]
    assert sorted(faces) == ["CCHCSerif-Bold", "CCHCSerif-BoldItalic", "CCHCSerif-Italic", "CCHCSerif-Regular"]
    text = " ".join(subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout.split())
    assert "Ký bởi: Nguyễn Văn Hưởng" in text and "Chức vụ: Chủ tịch" in text and "Thời gian: " in text

    reserved, used = _reserved_and_used(signed)
    assert reserved == used  # an RSA signature without a timestamp: reserved exactly
    assert b"/ObjStm" in signed and b"/XRef" in signed
    assert subprocess.run(["qpdf", "--check", str(path)], capture_output=True).returncode == 0
    [report] = verify_pdf(signed, [pair.certificate])
    assert report.intact and report.trusted
    if shutil.which("pdfsig"):
        assert "Signature is Valid" in subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout


def test_a_signer_the_document_did_not_expect_gets_a_stamp_with_its_own_font(
    tmp_path: Path, signer: DocumentSigner
) -> None:
    pdf, box, _ = _document()
    stranger = SignatureAppearance("Ỹ Quỳnh Ửng", ("PHÓ CHỦ TỊCH",), "Phường Ỷ La")
    signed = signer.sign(pdf, box=box, appearance=stranger)
    path = tmp_path / "signed.pdf"
    path.write_bytes(signed)
    assert len(_fonts(path)) > 4  # the fallback embeds the stamp's own subsets
    text = " ".join(subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout.split())
    assert "Ký bởi: Ỹ Quỳnh Ửng" in text
    assert verify_pdf(signed, [])[0].intact


def test_compaction_keeps_a_signed_document_as_it_is(signer: DocumentSigner) -> None:
    pdf, box, appearance = _document()
    signed = signer.sign(pdf, box=box, appearance=appearance)
    assert compact_pdf(signed) == signed
    assert len(compact_pdf(pdf)) < len(pdf)
