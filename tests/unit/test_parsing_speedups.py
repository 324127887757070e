"""The faster hex-string reader and the remembered name comparisons give exactly pyHanko's
and asn1crypto's answers, and remembering never lets a changed signature through."""

from __future__ import annotations

import binascii
import io
from pathlib import Path

import pytest
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from hypothesis import given, settings
from hypothesis import strategies as st
from pyhanko.pdf_utils import generic, misc

from reports.signing import open_signer, verify_pdf
from reports.signing.keys import create_key_pair
from reports.signing.parsing_speedups import install
from tests.unit.signing_support import APPEARANCE, BOX, flip, make_pdf, write_p12

install()
FAST = generic.read_hex_string_from_stream


def _original_hex(stream: io.BytesIO) -> object:
    # pyHanko's own reader, as it stands in the module's source (the installed one replaced it).
    stream.read(1)
    odd = False
    parts = []
    while True:
        tok = misc.read_non_whitespace(stream)
        if tok == b">":
            break
        if tok not in generic.HEX_DIGITS:
            raise misc.PdfStreamError("Unexpected token in hex string: " + repr(tok))
        parts.append(tok)
        odd = not odd
    return generic.pdf_string(binascii.unhexlify(b"".join(parts) + (b"0" if odd else b"")))


def _outcome(reader: object, data: bytes) -> tuple[object, int]:
    stream = io.BytesIO(data)
    try:
        value = reader(stream)  # type: ignore[operator]
    except Exception as exc:  # the kind of error is what is compared
        return (type(exc), -1)
    return (value, stream.tell())


HEXISH = st.lists(
    st.sampled_from([b"0", b"9", b"a", b"F", b" ", b"\n", b"\r", b"\t", b"\x00", b"\x0c", b">", b"%", b"g", b"<", b"("]),
    max_size=60,
).map(b"".join)


@settings(max_examples=400, deadline=None)
@given(body=HEXISH, tail=st.binary(max_size=8))
def test_the_hex_reader_reads_what_pyhanko_reads(body: bytes, tail: bytes) -> None:
    data = b"<" + body + tail
    assert _outcome(FAST, data) == _outcome(_original_hex, data)


def test_a_long_signature_string_and_an_odd_digit() -> None:
    digits = bytes.hex(bytes(range(256)) * 40).encode()
    for data in (b"<" + digits + b">rest", b"<" + digits[:-1] + b"\n>", b"<" + digits[:5000] + b" % c\n" + digits[:8] + b">"):
        assert _outcome(FAST, data) == _outcome(_original_hex, data)
    assert _outcome(FAST, b"<" + digits)[1] == -1  # never closed: pyHanko's error


def _name(*attrs: tuple[x509.ObjectIdentifier, str]) -> asn1_x509.Name:
    cert_name = x509.Name([x509.NameAttribute(oid, value) for oid, value in attrs])
    return asn1_x509.Name.load(cert_name.public_bytes())


def test_remembered_name_comparisons_follow_rfc_5280() -> None:
    cn, org = x509.oid.NameOID.COMMON_NAME, x509.oid.NameOID.ORGANIZATION_NAME
    a = _name((cn, "Nguyễn Văn An"), (org, "Xã Tân Phú"))
    for _ in range(2):  # the second time from the caches
        assert a == _name((cn, "Nguyễn  Văn  An "), (org, "xã tân phú"))  # spaces and case do not count
        assert a != _name((cn, "Nguyễn Văn Anh"), (org, "Xã Tân Phú"))
        assert a != _name((cn, "Nguyễn Văn An"))
        assert a != "Nguyễn Văn An"


def test_a_signer_seen_before_does_not_vouch_for_a_changed_signature(tmp_path: Path) -> None:
    """The same signer's first PDF checks out; then its tampered PDFs, and a PDF signed by a
    different key under the very same name, are each judged on their own bytes."""
    pair = create_key_pair("Nguyễn Văn An", "UBND xã Tân Phú", "26116")
    twin = create_key_pair("Nguyễn Văn An", "UBND xã Tân Phú", "26116")  # same name, other key
    pdf = make_pdf()
    with open_signer(write_p12(tmp_path, pair)) as signer:
        good, second = (signer.sign(pdf, box=BOX, appearance=APPEARANCE) for _ in range(2))
    (tmp_path / "twin").mkdir()
    with open_signer(write_p12(tmp_path / "twin", twin)) as signer:
        by_twin = signer.sign(pdf, box=BOX, appearance=APPEARANCE)

    [first] = verify_pdf(good, [pair.certificate])
    assert first.intact and first.trusted
    [changed] = verify_pdf(flip(second, second.index(b"/M (D") + 8), [pair.certificate])
    assert not changed.intact and not changed.trusted
    # A digit of the signature value: the last bytes of the CMS, before the reservation's zeros.
    start = second.index(b"/Contents <") + len(b"/Contents <")
    contents = start + len(second[start:second.index(b">", start)].rstrip(b"0")) - 10
    broken = bytearray(second)
    broken[contents] = ord("0") if broken[contents] != ord("0") else ord("1")
    [damaged] = verify_pdf(bytes(broken), [pair.certificate])
    assert not damaged.intact and not damaged.trusted
    [other] = verify_pdf(by_twin, [pair.certificate])
    assert other.intact and not other.trusted  # intact as the twin's signature, never trusted as pair's
    assert other.certificate.public_bytes(Encoding.DER) == twin.certificate.public_bytes(Encoding.DER)


@pytest.mark.parametrize("data", [b"<>", b"< >", b"<0>", b"<4>", b"<41 42\n43>"])
def test_small_strings(data: bytes) -> None:
    assert _outcome(FAST, data) == _outcome(_original_hex, data)
