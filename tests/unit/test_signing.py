"""Signing PDFs with a certificate file, checking them with poppler's pdfsig and verify_pdf.

The helpers at the top (a 2-page Vietnamese A4 PDF, a test CA, pdfsig, a local timestamp
server) are shared with test_signing_pkcs11.py and test_attachments.py.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import math
import re
import shutil
import socket
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from asn1crypto import tsp
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from PIL import Image, ImageChops, ImageDraw
from pyhanko.keys.internal import (
    translate_pyca_cryptography_cert_to_asn1,
    translate_pyca_cryptography_key_to_asn1,
)
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign.timestamps import DummyTimeStamper
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from reports.resources import font_path
from reports.signing import (
    AlreadySignedFieldError,
    CertificateExpiredError,
    CertificateNotYetValidError,
    DocumentSigner,
    P12Method,
    PdfUnreadableError,
    SignatureAppearance,
    SignatureBox,
    SignatureImageError,
    TimestampUnavailableError,
    open_signer,
    verify_pdf,
)
from reports.signing.appearance import render_appearance_pdf
from reports.signing.keys import KeyPair, WrongPasswordError, create_key_pair

PDFSIG = shutil.which("pdfsig")
needs_pdfsig = pytest.mark.skipif(PDFSIG is None, reason="poppler's pdfsig is not installed")
TITLE = "Bao cao ket qua CCHC"
VALID = "Signature Validation: Signature is Valid."

APPEARANCE = SignatureAppearance(
    signer_name="Nguyễn Văn An",
    position_lines=("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
    unit_name="Ủy ban nhân dân phường Hoàn Kiếm",
)
# Bottom right of the last page, where the signer's block sits in a Decree 30 layout.
BOX = SignatureBox(page=-1, rect=(340.0, 90.0, 540.0, 160.0))


# ---------------------------------------------------------------- helpers shared by test files


def make_pdf(pages: int = 2, title: str = TITLE) -> bytes:
    """An A4 report in Liberation Serif (embedded) with Vietnamese text on every page."""
    pdfmetrics.registerFont(TTFont("TestSerif", str(font_path("CCHCSerif-Regular.ttf"))))
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4, invariant=1, initialFontName="TestSerif")
    c.setTitle(title)
    for page in range(pages):
        c.setFont("TestSerif", 13)
        c.drawCentredString(A4[0] / 2, 790, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        c.drawCentredString(A4[0] / 2, 772, "Độc lập - Tự do - Hạnh phúc")
        c.setFont("TestSerif", 12)
        for i in range(24):
            c.drawString(
                72, 720 - 20 * i, f"Trang {page + 1}, dòng {i + 1}: đã giải quyết 19.630 hồ sơ, đạt 96,55%."
            )
        if page == pages - 1:
            c.drawCentredString(440, 190, "TM. ỦY BAN NHÂN DÂN")
            c.drawCentredString(440, 175, "CHỦ TỊCH")
            c.drawCentredString(440, 70, "Nguyễn Văn An")
        c.showPage()
    c.save()
    return buffer.getvalue()


def write_p12(tmp_path: Path, pair: KeyPair, password: str = "mật-khẩu 1") -> P12Method:
    path = tmp_path / "chu-ky.p12"
    path.write_bytes(pair.to_p12(password))
    return P12Method(path, password)


def make_ca(name: str = "CA thử nghiệm G2") -> KeyPair:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name(
        [x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"), x509.NameAttribute(NameOID.COMMON_NAME, name)]
    )
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return KeyPair(key, cert)


def issue(ca: KeyPair, common_name: str, *, unit_code: str = "00070", tsa: bool = False) -> KeyPair:
    """A certificate from ``ca``, as a certification authority would issue it."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    attrs = [
        x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
        x509.NameAttribute(NameOID.COMMON_NAME, common_name),
    ]
    if not tsa:
        attrs.insert(1, x509.NameAttribute(NameOID.USER_ID, unit_code))
    now = dt.datetime.now(dt.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(x509.Name(attrs))
        .issuer_name(ca.certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1))
        .not_valid_after(now + dt.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.certificate.public_key()),  # type: ignore[arg-type]
            critical=False,
        )
    )
    if tsa:
        builder = builder.add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True
        )
    else:
        builder = builder.add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True
        )
    return KeyPair(key, builder.sign(ca.key, hashes.SHA256()), (ca.certificate,))


def pdfsig(path: Path, nssdir: Path | None = None) -> str:
    assert PDFSIG is not None
    args = [PDFSIG]
    if nssdir is not None:
        args += ["-nssdir", f"sql:{nssdir}"]
    done = subprocess.run([*args, str(path)], capture_output=True, text=True, timeout=60)
    return done.stdout + done.stderr


def nss_db(tmp_path: Path, cert: x509.Certificate, trust: str = "C,C,C") -> Path:
    """An NSS database (for pdfsig -nssdir) that trusts ``cert``."""
    db = tmp_path / "nssdb"
    db.mkdir(parents=True)
    pem = tmp_path / "trusted.pem"
    pem.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    subprocess.run(["certutil", "-N", "-d", f"sql:{db}", "--empty-password"], check=True, capture_output=True)
    subprocess.run(
        ["certutil", "-A", "-d", f"sql:{db}", "-n", "tin-cay", "-t", trust, "-i", str(pem)],
        check=True,
        capture_output=True,
    )
    return db


def png(draw: str) -> bytes:
    """A transparent PNG: a blue handwritten-like signature, or a red round seal."""
    if draw == "signature":
        im = Image.new("RGBA", (600, 240), (0, 0, 0, 0))
        d = ImageDraw.Draw(im)
        points = [(40 + 5 * x, 120 + 50 * math.sin(x / 7) * math.cos(x / 23)) for x in range(100)]
        d.line(points, fill=(20, 40, 200, 255), width=7)
        d.line([(80, 190), (540, 150)], fill=(20, 40, 200, 255), width=5)
    else:
        im = Image.new("RGBA", (400, 400), (0, 0, 0, 0))
        d = ImageDraw.Draw(im)
        d.ellipse((10, 10, 390, 390), outline=(220, 20, 20, 230), width=14)
        d.ellipse((60, 60, 340, 340), outline=(220, 20, 20, 230), width=5)
        d.regular_polygon((200, 200, 60), 5, fill=(220, 20, 20, 230))
    out = io.BytesIO()
    im.save(out, "PNG")
    return out.getvalue()


def byte_range(pdf: bytes) -> list[int]:
    found = re.findall(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", pdf)
    assert found, "no /ByteRange in the signed file"
    return [int(n) for n in found[-1]]


def flip(pdf: bytes, offset: int) -> bytes:
    start, length, start2, _length2 = byte_range(pdf)
    assert offset < start + length or offset >= start2, "the offset must be in the signed range"
    data = bytearray(pdf)
    data[offset] ^= 0x01
    return bytes(data)


class _Tsa(BaseHTTPRequestHandler):
    stamper: DummyTimeStamper

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        response = asyncio.run(self.stamper.async_request_tsa_response(tsp.TimeStampReq.load(body)))
        data = response.dump()
        self.send_response(200)
        self.send_header("Content-Type", "application/timestamp-reply")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        pass


def run_tsa(tsa: KeyPair) -> tuple[ThreadingHTTPServer, str]:
    """A local RFC 3161 timestamp server answering with pyHanko's DummyTimeStamper."""
    handler = type(
        "Handler",
        (_Tsa,),
        {
            "stamper": DummyTimeStamper(
                tsa_cert=translate_pyca_cryptography_cert_to_asn1(tsa.certificate),
                tsa_key=translate_pyca_cryptography_key_to_asn1(tsa.key),
            )
        },
    )
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/tsa"


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return make_pdf()


@pytest.fixture(scope="module")
def pair() -> KeyPair:
    return create_key_pair("Nguyễn Văn An", "UBND phường Hoàn Kiếm", "00070")


@pytest.fixture(scope="module")
def ca() -> KeyPair:
    return make_ca()


@pytest.fixture
def signer(tmp_path: Path, pair: KeyPair) -> Iterator[DocumentSigner]:
    with open_signer(write_p12(tmp_path, pair)) as s:
        yield s


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


# ---------------------------------------------------------------- the visible appearance


def _render(tmp_path: Path, signed: bytes, page: int, name: str) -> Image.Image:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(signed)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "72", "-f", str(page), "-l", str(page), str(path), str(tmp_path / name)],
        check=True,
        capture_output=True,
    )
    [png_path] = tmp_path.glob(f"{name}-*.png")
    return Image.open(png_path).convert("RGB")


def _coloured_bbox(image: Image.Image, want: str) -> tuple[int, int, int, int] | None:
    """Bounding box of the red (or blue) pixels: the stamp is the only coloured thing on the page."""
    r, g, b = image.split()

    def above(band: Image.Image, level: int) -> Image.Image:
        return band.point(lambda v: 255 if v > level else 0)

    def below(band: Image.Image, level: int) -> Image.Image:
        return band.point(lambda v: 255 if v < level else 0)

    if want == "red":
        mask = ImageChops.multiply(ImageChops.multiply(above(r, 150), below(g, 110)), below(b, 110))
    else:
        mask = ImageChops.multiply(ImageChops.multiply(above(b, 150), below(r, 110)), below(g, 140))
    return mask.getbbox()


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler's pdftoppm is not installed")
def test_the_text_stamp_is_drawn_inside_its_box(tmp_path: Path, pdf: bytes, signer: DocumentSigner) -> None:
    signed = signer.sign(pdf, box=BOX, appearance=APPEARANCE)
    image = _render(tmp_path, signed, 2, "text")
    bbox = _coloured_bbox(image, "red")
    assert bbox is not None, "the stamp is not visible"
    x1, y1, x2, y2 = BOX.rect
    page_h = image.height  # 72 dpi: one pixel per point
    assert bbox[0] >= x1 - 1 and bbox[2] <= x2 + 1
    assert bbox[1] >= page_h - y2 - 1 and bbox[3] <= page_h - y1 + 1
    # and it fills the box (the frame), rather than being a dot in a corner
    assert bbox[2] - bbox[0] > 0.9 * BOX.width

    fonts = subprocess.run(["pdffonts", str(tmp_path / "text.pdf")], capture_output=True, text=True).stdout
    rows = fonts.splitlines()[2:]
    assert any("CCHCSerif-Bold" in row for row in rows), fonts  # the signer's name
    assert rows and all(row.split()[-5] == "yes" for row in rows), fonts  # every font embedded


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler's pdftoppm is not installed")
def test_the_signature_and_seal_images_per_decree_30(
    tmp_path: Path, pdf: bytes, signer: DocumentSigner
) -> None:
    appearance = SignatureAppearance(
        signer_name="Nguyễn Văn An",
        position_lines=("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
        unit_name="Ủy ban nhân dân phường Hoàn Kiếm",
        signature_image=png("signature"),
        seal_image=png("seal"),
    )
    box = SignatureBox(-1, (340.0, 75.0, 540.0, 170.0))
    signed = signer.sign(pdf, box=box, appearance=appearance)
    image = _render(tmp_path, signed, 2, "images")
    blue = _coloured_bbox(image, "blue")
    red = _coloured_bbox(image, "red")
    assert blue is not None and red is not None
    page_h = image.height
    for bbox in (blue, red):
        assert bbox[0] >= 340 - 1 and bbox[2] <= 540 + 1
        assert bbox[1] >= page_h - 170 - 1 and bbox[3] <= page_h - 75 + 1
    # The seal sits on the left part of the signature and overlaps it by about a third.
    assert red[0] <= blue[0] < red[2] < blue[2]
    signature_width = blue[2] - blue[0]
    assert 0.2 * signature_width < red[2] - blue[0] < 0.5 * signature_width
    assert verify_pdf(signed, [])[0].intact


def test_a_broken_signature_image_is_a_clear_error(pdf: bytes, signer: DocumentSigner) -> None:
    appearance = SignatureAppearance("A", (), "B", signature_image=b"not a png")
    with pytest.raises(SignatureImageError):
        signer.sign(pdf, box=BOX, appearance=appearance)


def test_appearance_text_is_nfc_and_in_vietnam_time() -> None:
    decomposed = SignatureAppearance(
        signer_name="Nguye\u0302\u0303n Va\u0306n An",
        position_lines=("CHU\u0309 TI\u0323CH",),
        unit_name="UBND",
    )
    when = dt.datetime(2025, 7, 1, 1, 2, 3, tzinfo=dt.UTC)
    drawn = render_appearance_pdf(decomposed, 200, 70, when)
    assert drawn.startswith(b"%PDF")
    from pypdf import PdfReader

    text = PdfReader(io.BytesIO(drawn)).pages[0].extract_text()
    assert "Nguyễn Văn An" in text
    assert "08:02:03 ngày 01/07/2025 (GMT+07:00)" in text


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


def test_the_self_issued_marks_and_names_are_cut_between_words() -> None:
    """The OU "Chứng thư tự cấp - không do tổ chức chứng thực cấp" is over X.509's 64 bytes:
    it was cut mid-word."""
    from cryptography.x509.oid import NameOID

    from reports.signing.keys import SELF_ISSUED_MARK, create_key_pair, is_self_issued

    pair = create_key_pair("Trần Văn Bình", "Ủy ban nhân dân xã Tân Phú, tỉnh Đồng Nai, Việt Nam", "26116")
    [ou] = pair.certificate.subject.get_attributes_for_oid(NameOID.ORGANIZATIONAL_UNIT_NAME)
    value = str(ou.value)
    assert len(value.encode("utf-8")) <= 64 and SELF_ISSUED_MARK.startswith(value)
    assert SELF_ISSUED_MARK[len(value)] == " "  # a whole word ends there
    [org] = pair.certificate.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)
    assert "Ủy ban nhân dân xã Tân Phú, tỉnh Đồng Nai, Việt Nam".startswith(str(org.value))
    assert not str(org.value).endswith(("Đồn", "Việ"))
    assert is_self_issued(pair.certificate)


def test_the_visible_signature_writes_the_time_the_vietnamese_way() -> None:
    import datetime as dt

    from reports.signing.stamp_text import SignatureAppearance, stamp_characters, stamp_lines

    when = dt.datetime(2026, 12, 7, 17, 25, 32, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    lines = stamp_lines(SignatureAppearance("Trần Văn Bình", ("CHỦ TỊCH",), "Xã Tân Phú"), when)
    assert lines[-1][1] == "Thời gian: 17:25:32 ngày 07/12/2026 (GMT+07:00)"  # was 2026-12-07T17:25:32+07:00
    reserved = stamp_characters("Trần Văn Bình", ("CHỦ TỊCH",), "Xã Tân Phú")["regular"]
    assert set(lines[-1][1]) <= set(reserved)
