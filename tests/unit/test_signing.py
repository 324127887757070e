"""Signing PDFs with a certificate file, checking them with poppler's pdfsig and verify_pdf:
a .p12 signer, changes after signing, the certificate and the key, timestamps, damaged files.
The shared helpers and fixtures are in signing_support.py."""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import socket
from pathlib import Path

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from reports.signing import (
    AlreadySignedFieldError,
    CertificateExpiredError,
    CertificateNotYetValidError,
    DocumentSigner,
    P12Method,
    PdfUnreadableError,
    SignatureBox,
    TimestampUnavailableError,
    open_signer,
    verify_pdf,
)
from reports.signing.keys import KeyPair, WrongPasswordError, create_key_pair
from tests.unit.signing_support import (
    APPEARANCE,
    BOX,
    TITLE,
    VALID,
    byte_range,
    flip,
    issue,
    make_ca,
    needs_pdfsig,
    nss_db,
    pdfsig,
    run_tsa,
    write_p12,
)

# ---------------------------------------------------------------- signing with a .p12 file


@needs_pdfsig
@pytest.mark.parametrize("kind", ["self-issued RSA", "self-issued EC", "CA-issued"])
def test_p12_signature_is_valid_for_pdfsig_and_verify(
    tmp_path: Path, pdf: bytes, ca: KeyPair, kind: str
) -> None:
    if kind == "CA-issued":
        key_pair = issue(ca, "Nguyễn Văn An")
    else:
        algorithm = "ec" if kind.endswith("EC") else "rsa"
        key_pair = create_key_pair("Nguyễn Văn An", "UBND phường Hoàn Kiếm", "00070", algorithm=algorithm)
    with open_signer(write_p12(tmp_path, key_pair)) as s:
        signed = s.sign(pdf, box=BOX, appearance=APPEARANCE)
    assert signed.startswith(pdf), "signing appends an incremental update"
    out = tmp_path / "signed.pdf"
    out.write_bytes(signed)
    report = pdfsig(out)
    assert VALID in report
    assert "Signature Field Name: ChuKySo1" in report
    assert "ETSI.CAdES.detached" in report  # PAdES
    assert "Total document signed" in report

    [sig] = verify_pdf(signed, [ca.certificate if kind == "CA-issued" else key_pair.certificate])
    assert sig.intact and sig.trusted and sig.trust_problem == ""
    assert sig.field_name == "ChuKySo1"
    assert sig.signer_name == "Nguyễn Văn An"
    assert sig.signer_unit_code == "00070"
    assert sig.certificate == key_pair.certificate
    assert sig.self_issued is (kind != "CA-issued")
    assert sig.issuer == ("CA thử nghiệm G2" if kind == "CA-issued" else "Nguyễn Văn An")
    assert sig.signing_time is not None
    assert sig.signing_time.utcoffset() == dt.timedelta(hours=7)
    assert abs(dt.datetime.now(dt.UTC) - sig.signing_time) < dt.timedelta(minutes=5)


@needs_pdfsig
@pytest.mark.parametrize("where", ["document title", "signature date"])
def test_a_flipped_byte_in_the_signed_range_breaks_the_signature(
    tmp_path: Path, pdf: bytes, pair: KeyPair, signer: DocumentSigner, where: str
) -> None:
    signed = signer.sign(pdf, box=BOX, appearance=APPEARANCE)
    if where == "document title":
        offset = signed.index(TITLE.encode()) + 4
    else:
        # a digit of the year in the signature dictionary's /M (D:2025...), after /Contents
        offset = signed.rindex(b"/M (D") + len(b"/M (D\\072") + 1
    tampered = flip(signed, offset)
    out = tmp_path / "tampered.pdf"
    out.write_bytes(tampered)
    report = pdfsig(out)
    assert VALID not in report
    assert "Signature Validation:" in report  # pdfsig still found and checked the signature

    [sig] = verify_pdf(tampered, [pair.certificate])
    assert sig.intact is False
    assert sig.trusted is False
    assert "sửa đổi" in sig.trust_problem


def test_trust_needs_the_certificate_in_the_trust_roots(
    pdf: bytes, pair: KeyPair, signer: DocumentSigner
) -> None:
    signed = signer.sign(pdf, box=BOX, appearance=APPEARANCE)
    [trusted] = verify_pdf(signed, [pair.certificate])
    assert trusted.trusted and trusted.intact

    [untrusted] = verify_pdf(signed, [])
    assert untrusted.intact is True
    assert untrusted.trusted is False
    assert "tự cấp" in untrusted.trust_problem and "danh sách tin cậy" in untrusted.trust_problem

    other = create_key_pair("Người khác", "UBND xã khác", "00001")
    [wrong_root] = verify_pdf(signed, [other.certificate])
    assert wrong_root.trusted is False


def test_a_ca_issued_certificate_from_an_unknown_ca_names_the_issuer(
    tmp_path: Path, pdf: bytes, ca: KeyPair
) -> None:
    with open_signer(write_p12(tmp_path, issue(ca, "Lê Thị Cúc"))) as s:
        signed = s.sign(pdf, box=BOX, appearance=APPEARANCE)
    [sig] = verify_pdf(signed, [])
    assert sig.intact and not sig.trusted
    assert "CA thử nghiệm G2" in sig.trust_problem
    assert sig.signer_unit_code == "00070"


@needs_pdfsig
def test_pdfsig_trusts_a_ca_issued_certificate_when_its_ca_is_in_the_nss_db(
    tmp_path: Path, pdf: bytes, ca: KeyPair
) -> None:
    with open_signer(write_p12(tmp_path, issue(ca, "Nguyễn Văn An"))) as s:
        signed = s.sign(pdf, box=BOX, appearance=APPEARANCE)
    out = tmp_path / "signed.pdf"
    out.write_bytes(signed)
    assert "Certificate is Trusted" not in pdfsig(
        out, nss_db(tmp_path / "empty", make_ca("CA khác").certificate)
    )
    report = pdfsig(out, nss_db(tmp_path, ca.certificate))
    assert VALID in report
    assert "Certificate Validation: Certificate is Trusted." in report


@needs_pdfsig
def test_pdfsig_trusts_the_self_issued_certificate_from_the_nss_db(
    tmp_path: Path, pdf: bytes, pair: KeyPair, signer: DocumentSigner
) -> None:
    out = tmp_path / "signed.pdf"
    out.write_bytes(signer.sign(pdf, box=BOX, appearance=APPEARANCE))
    assert "Certificate is Trusted." in pdfsig(out, nss_db(tmp_path, pair.certificate, trust="CT,C,C"))


# ---------------------------------------------------------------- changes after signing


def test_a_second_signature_keeps_the_first_intact(
    tmp_path: Path, pdf: bytes, pair: KeyPair, signer: DocumentSigner
) -> None:
    once = signer.sign(pdf, box=BOX, appearance=APPEARANCE)
    other = create_key_pair("Trần Thị Bình", "UBND phường Hoàn Kiếm", "00070")
    with open_signer(write_p12(tmp_path, other)) as second:
        twice = second.sign(
            once, box=SignatureBox(0, (60, 40, 260, 110)), appearance=APPEARANCE, field_name="ChuKySo2"
        )
    first, last = verify_pdf(twice, [pair.certificate, other.certificate])
    assert (first.field_name, last.field_name) == ("ChuKySo1", "ChuKySo2")
    assert first.intact and first.trusted
    assert last.intact and last.trusted


def test_content_appended_after_signing_breaks_intact(
    pdf: bytes, pair: KeyPair, signer: DocumentSigner
) -> None:
    signed = signer.sign(pdf, box=BOX, appearance=APPEARANCE)
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    # Paint a white box over a figure and write another one: a forged page.
    stream = generic.StreamObject(stream_data=b"q 1 1 1 rg 60 400 300 20 re f Q")
    writer.add_stream_to_page(0, writer.add_object(stream))
    out = io.BytesIO()
    writer.write(out)
    [sig] = verify_pdf(out.getvalue(), [pair.certificate])
    assert sig.intact is False
    assert sig.trusted is False
    assert "sửa đổi sau khi ký" in sig.trust_problem


def test_signing_the_same_field_twice_is_refused(pdf: bytes, signer: DocumentSigner) -> None:
    signed = signer.sign(pdf, box=BOX, appearance=APPEARANCE)
    with pytest.raises(AlreadySignedFieldError) as info:
        signer.sign(signed, box=BOX, appearance=APPEARANCE)
    assert "ChuKySo1" in info.value.message("vi")


# ---------------------------------------------------------------- the certificate and the key


def test_wrong_p12_password(tmp_path: Path, pair: KeyPair) -> None:
    method = write_p12(tmp_path, pair, "đúng")
    with pytest.raises(WrongPasswordError):
        open_signer(P12Method(method.path, "sai"))


def test_an_expired_certificate_is_refused(tmp_path: Path) -> None:
    years_ago = dt.datetime(2020, 3, 1, 8, 0, tzinfo=dt.UTC)
    old = create_key_pair("Nguyễn Văn An", "UBND phường Hoàn Kiếm", "00070", now=years_ago, years=1)
    with pytest.raises(CertificateExpiredError) as info:
        open_signer(write_p12(tmp_path, old))
    expiry = old.certificate.not_valid_after_utc.astimezone(dt.timezone(dt.timedelta(hours=7)))
    assert expiry.strftime("%d/%m/%Y") in info.value.message("vi")
    assert "hết hạn" in info.value.message("vi")
    assert info.value.message("en").startswith("The certificate")


def test_a_certificate_not_yet_valid_is_refused(tmp_path: Path, pair: KeyPair) -> None:
    with pytest.raises(CertificateNotYetValidError):
        open_signer(write_p12(tmp_path, pair), now=dt.datetime(2001, 1, 1, tzinfo=dt.UTC))


def test_the_key_is_loaded_once_and_signs_many_documents(tmp_path: Path, pdf: bytes, pair: KeyPair) -> None:
    method = write_p12(tmp_path, pair)
    with open_signer(method) as s:
        method.path.unlink()  # the file is not read again
        signed = [s.sign(pdf, box=BOX, appearance=APPEARANCE) for _ in range(3)]
    assert all(verify_pdf(doc, [pair.certificate])[0].trusted for doc in signed)
    with pytest.raises(RuntimeError):
        s.sign(pdf, box=BOX, appearance=APPEARANCE)


# ---------------------------------------------------------------- timestamps (PAdES B-T)


def test_an_unreachable_timestamp_server_raises_and_signs_nothing(pdf: bytes, signer: DocumentSigner) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/tsa"  # nothing listens there any more
    with pytest.raises(TimestampUnavailableError) as info:
        signer.sign(pdf, box=BOX, appearance=APPEARANCE, timestamp_url=url)
    assert url in info.value.message("vi")


@needs_pdfsig
def test_a_timestamp_makes_pades_b_t(tmp_path: Path, pdf: bytes, ca: KeyPair) -> None:
    signer_pair = issue(ca, "Nguyễn Văn An")
    server, url = run_tsa(issue(ca, "TSA thử nghiệm", tsa=True))
    try:
        with open_signer(write_p12(tmp_path, signer_pair)) as s:
            signed = s.sign(pdf, box=BOX, appearance=APPEARANCE, timestamp_url=url)
    finally:
        server.shutdown()
        server.server_close()
    out = tmp_path / "timestamped.pdf"
    out.write_bytes(signed)
    assert VALID in pdfsig(out)
    [sig] = verify_pdf(signed, [ca.certificate])
    assert sig.intact and sig.trusted and sig.timestamped
    assert sig.signing_time is not None and sig.signing_time.utcoffset() == dt.timedelta(hours=7)


# ---------------------------------------------------------------- hostile input


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"%PDF-1.7\n",
        b"\x00" * 1000,
        bytes(range(256)) * 40,
        b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\n%%EOF",
    ],
    ids=["empty", "header only", "zeros", "noise", "no xref"],
)
def test_verify_rejects_garbage_with_one_error(data: bytes) -> None:
    with pytest.raises(PdfUnreadableError):
        verify_pdf(data, [])


def test_verify_never_raises_anything_else_on_damaged_signed_files(
    pdf: bytes, pair: KeyPair, signer: DocumentSigner
) -> None:
    signed = signer.sign(pdf, box=BOX, appearance=APPEARANCE)
    start, length, start2, _ = byte_range(signed)
    cuts = [len(signed) // 3, start + length + 100, start2 + 50, len(signed) - 40, len(signed) - 1]
    for cut in cuts:
        try:
            reports = verify_pdf(signed[:cut], [pair.certificate])
        except PdfUnreadableError:
            continue
        assert all(not r.intact for r in reports), cut

    # The signature container itself mangled: a broken report, not a crash.
    contents_at = start + length + 1
    mangled = signed[:contents_at] + b"30" + b"0" * 60 + signed[contents_at + 62 :]
    try:
        reports = verify_pdf(mangled, [pair.certificate])
    except PdfUnreadableError:
        pass
    else:
        assert all(not r.intact and not r.trusted for r in reports)


def test_an_unsigned_pdf_has_no_signatures(pdf: bytes) -> None:
    assert verify_pdf(pdf, []) == []


def test_signing_garbage_is_refused(signer: DocumentSigner) -> None:
    with pytest.raises(PdfUnreadableError):
        signer.sign(b"not a pdf", box=BOX, appearance=APPEARANCE)


def test_verify_refuses_to_run_inside_an_event_loop(pdf: bytes) -> None:
    async def inside() -> None:
        verify_pdf(pdf, [])

    with pytest.raises(RuntimeError, match="worker thread"):
        asyncio.run(inside())
