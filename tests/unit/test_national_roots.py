"""Real signatures trusted out of the box: Vietnam's national roots ship as the default trust
list, every fingerprint is recomputed against the table in resources/trust-roots/README.md,
and a chain that lacks its intermediate says which certificate is missing."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import AuthorityInformationAccessOID, NameOID

from reports.cli.main import main
from reports.documents import issuing
from reports.resources import resource_path
from reports.signing import P12Method, Pkcs11Method, open_signer, verify_pdf
from reports.signing.keys import KeyPair
from reports.signing.national_roots import NATIONAL_ROOTS, der_sha256, national_roots
from reports.workspace import Workspace
from tests.unit.signing_support import APPEARANCE, BOX, make_ca, make_pdf
from tests.unit.softhsm import PIN, SOFTHSM, put_key, softhsm_tokens

README = resource_path("trust-roots/README.md")
SHARED = Path(__file__).resolve().parents[3] / "shared" / "trust-roots"


def readme_table() -> dict[str, tuple[str, str]]:
    """file → (valid until, SHA-256) from the README's table."""
    rows = {}
    for line in README.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^\| `([^`]+\.pem)` \|[^|]+\| (\d{4}-\d{2}-\d{2}) \| ([0-9A-F]{64}) \|$", line)
        if m:
            rows[m.group(1)] = (m.group(2), m.group(3))
    return rows


def test_every_fingerprint_is_recomputed_against_the_readme_table() -> None:
    table = readme_table()
    assert len(table) == 6
    assert {r.file for r in NATIONAL_ROOTS} == set(table)
    for root in NATIONAL_ROOTS:
        cert = x509.load_pem_x509_certificate(resource_path(f"trust-roots/{root.file}").read_bytes())
        until, fingerprint = table[root.file]
        assert der_sha256(cert) == fingerprint == root.sha256, root.file
        assert cert.not_valid_after_utc.date().isoformat() == until, root.file
        assert cert.subject == cert.issuer, root.file
        # The self-signature verifies (by hand: cryptography's verify_directly_issued_by refuses
        # the SHA-1 of the 2008 MIC root).
        public_key = cert.public_key()
        assert isinstance(public_key, rsa.RSAPublicKey) and cert.signature_hash_algorithm is not None
        public_key.verify(cert.signature, cert.tbs_certificate_bytes, padding.PKCS1v15(), cert.signature_hash_algorithm)
        assert cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca, root.file


@pytest.mark.skipif(not SHARED.is_dir(), reason="the shared trust-roots folder is not beside the project")
def test_the_shipped_files_are_the_shared_ones() -> None:
    for root in NATIONAL_ROOTS:
        assert resource_path(f"trust-roots/{root.file}").read_bytes() == (SHARED / root.file).read_bytes()


def test_all_six_are_trusted_by_default(tmp_path: Path) -> None:
    assert len(national_roots()) == 6
    out = io.StringIO()
    main(["--data-dir", str(tmp_path / "so"), "init", "--role", "reviewer", "--unit-code", "75",
          "--unit-name", "Sở Nội vụ tỉnh Đồng Nai", "--province", "Tỉnh Đồng Nai"], out=out, err=io.StringIO())
    ws = Workspace.open(tmp_path / "so")
    try:
        fingerprints = {der_sha256(c) for c in issuing.trust_roots(ws)}
        assert {r.sha256 for r in NATIONAL_ROOTS} <= fingerprints
    finally:
        ws.close()
    out = io.StringIO()
    assert main(["--data-dir", str(tmp_path / "so"), "trust", "list"], out=out) == 0
    assert "RootCA chuyên dùng Chính phủ G2" in out.getvalue() and "Vietnam National Root CA G3" in out.getvalue()


# ---------------------------------------------------------------- chains with an intermediate

NOW = dt.datetime.now(dt.UTC)


def _name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"), x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def make_intermediate(root: KeyPair, cn: str) -> KeyPair:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(cn))
        .issuer_name(root.certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(NOW - dt.timedelta(days=1))
        .not_valid_after(NOW + dt.timedelta(days=1800))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(root.key.public_key()),  # type: ignore[arg-type]
                       critical=False)
        .sign(root.key, hashes.SHA256())
    )
    return KeyPair(key, cert, (root.certificate,))


def issue_leaf(ca: KeyPair, cn: str, *, aia: str | None = None, chain: tuple[x509.Certificate, ...] = ()) -> KeyPair:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    builder = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                                 x509.NameAttribute(NameOID.USER_ID, "00070"),
                                 x509.NameAttribute(NameOID.COMMON_NAME, cn)]))
        .issuer_name(ca.certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(NOW - dt.timedelta(hours=1))
        .not_valid_after(NOW + dt.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.key.public_key()),  # type: ignore[arg-type]
                       critical=False)
    )
    if aia:
        builder = builder.add_extension(
            x509.AuthorityInformationAccess([x509.AccessDescription(
                AuthorityInformationAccessOID.CA_ISSUERS, x509.UniformResourceIdentifier(aia))]),
            critical=False,
        )
    return KeyPair(key, builder.sign(ca.key, hashes.SHA256()), chain)


@pytest.fixture(scope="module")
def hierarchy() -> tuple[KeyPair, KeyPair]:
    root = make_ca("Root CA quốc gia thử nghiệm")
    return root, make_intermediate(root, "VNPT Certification Authority (thử nghiệm)")


def sign_with(tmp_path: Path, pair: KeyPair) -> bytes:
    path = tmp_path / "chu-ky.p12"
    path.write_bytes(pair.to_p12("pw"))
    with open_signer(P12Method(path, "pw")) as s:
        return s.sign(make_pdf(1), box=BOX, appearance=APPEARANCE)


def test_a_signature_that_embeds_its_intermediate_is_trusted_offline(
    tmp_path: Path, hierarchy: tuple[KeyPair, KeyPair]
) -> None:
    root, intermediate = hierarchy
    signer = issue_leaf(intermediate, "Nguyễn Văn An", chain=(intermediate.certificate,))
    [sig] = verify_pdf(sign_with(tmp_path, signer), [root.certificate])
    assert sig.intact and sig.trusted, sig.trust_problem


def test_a_missing_intermediate_is_named_with_how_to_add_it(
    tmp_path: Path, hierarchy: tuple[KeyPair, KeyPair]
) -> None:
    root, intermediate = hierarchy
    signer = issue_leaf(intermediate, "Nguyễn Văn An", aia="http://ca.example.vn/vnpt-ca.crt")
    signed = sign_with(tmp_path, signer)
    [sig] = verify_pdf(signed, [root.certificate])
    assert sig.intact and not sig.trusted
    assert "Thiếu chứng thư trung gian" in sig.trust_problem
    assert "VNPT Certification Authority (thử nghiệm)" in sig.trust_problem
    assert "http://ca.example.vn/vnpt-ca.crt" in sig.trust_problem
    assert "cchc trust add" in sig.trust_problem
    # The reviewer adds the intermediate: now it verifies.
    [again] = verify_pdf(signed, [root.certificate, intermediate.certificate])
    assert again.trusted
    # `cchc verify` says the same, and passes with --trust.
    pdf = tmp_path / "bao-cao.pdf"
    pdf.write_bytes(signed)
    (tmp_path / "root.pem").write_bytes(root.certificate.public_bytes(serialization.Encoding.PEM))
    (tmp_path / "ca.pem").write_bytes(intermediate.certificate.public_bytes(serialization.Encoding.PEM))
    out = io.StringIO()
    code = main(["--data-dir", str(tmp_path / "none"), "verify", str(pdf), "--trust", str(tmp_path / "root.pem")],
                out=out, err=io.StringIO())
    assert code == 1 and "Thiếu chứng thư trung gian" in out.getvalue()
    code = main(["--data-dir", str(tmp_path / "none"), "verify", str(pdf), "--trust", str(tmp_path / "root.pem"),
                 "--trust", str(tmp_path / "ca.pem")], out=io.StringIO(), err=io.StringIO())
    assert code == 0


def test_an_unknown_ca_whose_certificate_is_embedded_is_named_as_untrusted(
    tmp_path: Path, hierarchy: tuple[KeyPair, KeyPair]
) -> None:
    _, intermediate = hierarchy
    signer = issue_leaf(intermediate, "Nguyễn Văn An", chain=(intermediate.certificate,))
    [sig] = verify_pdf(sign_with(tmp_path, signer), [])
    assert not sig.trusted and "Thiếu chứng thư trung gian" not in sig.trust_problem


@pytest.mark.skipif(not Path(SOFTHSM).is_file(), reason=f"SoftHSM2 is not installed ({SOFTHSM} missing)")
def test_signing_with_a_token_embeds_the_intermediate_it_holds(
    tmp_path: Path, hierarchy: tuple[KeyPair, KeyPair]
) -> None:
    from pkcs11 import Attribute
    from pkcs11.util.x509 import decode_x509_certificate

    from reports.signing.pkcs11_attributes import attribute_mapper

    root, intermediate = hierarchy
    signer = issue_leaf(intermediate, "Trần Thị Bình")
    with softhsm_tokens(tmp_path, ["VNPT-CA token"]) as lib:
        put_key(lib, "VNPT-CA token", signer, b"\x07", "chu-ky")
        ca = decode_x509_certificate(intermediate.certificate.public_bytes(serialization.Encoding.DER))
        ca.update({Attribute.LABEL: "VNPT-CA", Attribute.TOKEN: True, Attribute.PRIVATE: False})
        with lib.get_token(token_label="VNPT-CA token").open(
            rw=True, user_pin=PIN, attribute_mapper=attribute_mapper()
        ) as session:
            session.create_object(ca)
        method = Pkcs11Method(module=SOFTHSM, token_label="VNPT-CA token", pin=PIN)
        with open_signer(method) as s:
            signed = s.sign(make_pdf(1), box=BOX, appearance=APPEARANCE)
    [sig] = verify_pdf(signed, [root.certificate])
    assert sig.intact and sig.trusted, sig.trust_problem
