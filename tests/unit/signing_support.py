"""What the signing tests share: a 2-page Vietnamese A4 PDF, self-issued and CA-issued
certificates, poppler's pdfsig with an NSS database, a local timestamp server, and the
fixtures over them (test_signing, test_signature_appearance, test_signing_pkcs11,
test_attachments and others import them)."""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import math
import re
import shutil
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
from PIL import Image, ImageDraw
from pyhanko.keys.internal import (
    translate_pyca_cryptography_cert_to_asn1,
    translate_pyca_cryptography_key_to_asn1,
)
from pyhanko.sign.timestamps import DummyTimeStamper
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from reports.resources import font_path
from reports.signing import (
    DocumentSigner,
    P12Method,
    SignatureAppearance,
    SignatureBox,
    open_signer,
)
from reports.signing.keys import KeyPair, create_key_pair

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
