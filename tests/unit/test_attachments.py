"""Embedded files: the report's data inside its PDF, covered by the signature."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reports.signing import (
    PdfUnreadableError,
    attach_file,
    list_attachments,
    open_signer,
    read_attachment,
    verify_pdf,
)
from reports.signing.keys import KeyPair
from tests.unit.signing_support import APPEARANCE, BOX, PDFSIG, VALID, pdfsig, write_p12

DATA = json.dumps(
    {"don_vi": "00070", "ky": "2025-Q3", "ho_so_da_giai_quyet": 19630, "ghi_chu": "Ủy ban nhân dân"},
    ensure_ascii=False,
).encode("utf-8")
NAME = "bao-cao-cchc.json"


def test_round_trip(pdf: bytes) -> None:
    with_file = attach_file(pdf, NAME, DATA, description="Số liệu báo cáo")
    assert with_file.startswith(pdf)  # an incremental update
    assert read_attachment(with_file, NAME) == DATA
    assert read_attachment(with_file, "khac.json") is None
    assert read_attachment(pdf, NAME) is None
    assert list_attachments(with_file) == [NAME]
    assert b"/application#2Fjson" in with_file  # the MIME type as a PDF name
    assert b"/AFRelationship /Data" in with_file


def test_several_files_and_vietnamese_names(pdf: bytes) -> None:
    decomposed = "BA\u0301o ca\u0301o.json"  # as some keyboards type it
    doc = attach_file(pdf, "z.csv", b"a,b\n1,2\n", mime="text/csv")
    doc = attach_file(doc, decomposed, DATA)
    doc = attach_file(doc, "a.json", b"{}")
    assert list_attachments(doc) == sorted(["z.csv", "BÁo cáo.json", "a.json"])
    assert read_attachment(doc, "BÁo cáo.json") == DATA  # NFC either way
    assert read_attachment(doc, decomposed) == DATA
    assert read_attachment(doc, "z.csv") == b"a,b\n1,2\n"


def test_attaching_the_same_name_replaces_the_file(pdf: bytes) -> None:
    doc = attach_file(attach_file(pdf, NAME, b"old"), NAME, b"new")
    assert list_attachments(doc) == [NAME]
    assert read_attachment(doc, NAME) == b"new"
    assert doc.count(b"/AFRelationship") >= 1


def test_the_attachment_survives_signing_and_is_covered(tmp_path: Path, pdf: bytes, pair: KeyPair) -> None:
    with open_signer(write_p12(tmp_path, pair)) as signer:
        signed = signer.sign(attach_file(pdf, NAME, DATA), box=BOX, appearance=APPEARANCE)
    assert read_attachment(signed, NAME) == DATA
    [sig] = verify_pdf(signed, [pair.certificate])
    assert sig.intact and sig.trusted
    if PDFSIG is not None:
        out = tmp_path / "signed.pdf"
        out.write_bytes(signed)
        assert VALID in pdfsig(out)

    changed = attach_file(signed, NAME, DATA.replace(b"19630", b"29630"))
    assert read_attachment(changed, NAME) != DATA
    [after] = verify_pdf(changed, [pair.certificate])
    assert after.intact is False
    assert after.trusted is False

    added = attach_file(signed, "them.json", b"{}")
    [after_adding] = verify_pdf(added, [pair.certificate])
    assert after_adding.intact is False


@pytest.mark.parametrize("data", [b"", b"not a pdf", b"%PDF-1.7\n%%EOF"])
def test_damaged_files(data: bytes) -> None:
    with pytest.raises(PdfUnreadableError):
        attach_file(data, NAME, DATA)
    with pytest.raises(PdfUnreadableError):
        read_attachment(data, NAME)


def test_an_attachment_needs_a_name(pdf: bytes) -> None:
    with pytest.raises(ValueError):
        attach_file(pdf, "  ", DATA)
