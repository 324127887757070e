"""Keys and self-issued certificates.

Two kinds are made here:

* the **installation key** (made at ``cchc init``), which signs sync-package manifests so the
  reviewer knows which installation sent them; the reviewer binds it to the commune;
* a **self-issued signing certificate** (``cchc keys create``) for a commune with no token,
  so the chairman can still sign. Its subject says plainly that it is self-issued and not
  from a certification authority, and validators will report it untrusted unless the
  reviewer adds it to their trust store.

Both are stored as PKCS#12 files. The installation key has no password (it must work
unattended when an export runs); the signing certificate always has one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from reports.errors import CchcError

SELF_ISSUED_MARK = "Chứng thư tự cấp - không do tổ chức chứng thực cấp"
INSTALLATION_MARK = "Khóa cài đặt Báo cáo CCHC"


class WrongPasswordError(CchcError):
    code = "keys.wrong_password"
    vi = "Mật khẩu của tệp chứng thư {path} không đúng. Hãy nhập lại mật khẩu."
    en = "The password of the certificate file {path} is wrong. Type it again."


class KeyFileError(CchcError):
    code = "keys.unreadable"
    vi = "Không đọc được tệp chứng thư {path}: tệp không phải PKCS#12 (.p12/.pfx) hoặc đã hỏng."
    en = "Cannot read the certificate file {path}: it is not a PKCS#12 (.p12/.pfx) file or it is damaged."


@dataclass(frozen=True)
class KeyPair:
    key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey
    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...] = ()

    @property
    def fingerprint(self) -> str:
        """SHA-256 of the certificate, grouped for reading aloud over the phone."""
        return format_fingerprint(self.certificate)

    def to_p12(self, password: str | None, name: str = "cchc") -> bytes:
        enc: serialization.KeySerializationEncryption = (
            serialization.BestAvailableEncryption(password.encode("utf-8"))
            if password
            else serialization.NoEncryption()
        )
        return pkcs12.serialize_key_and_certificates(
            name.encode("utf-8"), self.key, self.certificate, list(self.chain) or None, enc
        )

    def cert_pem(self) -> bytes:
        return self.certificate.public_bytes(serialization.Encoding.PEM)


def format_fingerprint(cert: x509.Certificate) -> str:
    digest = cert.fingerprint(hashes.SHA256()).hex().upper()
    return " ".join(digest[i : i + 4] for i in range(0, len(digest), 4))


def fingerprint_hex(cert: x509.Certificate) -> str:
    return hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest()


def _fit(text: str, limit: int = 64) -> str:
    """X.509 name attributes are limited to 64 — counted in UTF-8 bytes by cryptography,
    and Vietnamese letters take two or three bytes each."""
    if len(text.encode("utf-8")) <= limit:
        return text.strip()
    while len(text.encode("utf-8")) > limit:
        text = text[:-1]
    # Cut between words, not inside one ("…không do tổ chức chứng th"), and drop a dangling dash.
    head, _, _ = text.rpartition(" ")
    return (head or text).strip().rstrip("-–,").strip()


def create_key_pair(
    common_name: str,
    organization: str,
    unit_code: str,
    *,
    algorithm: str = "rsa",
    mark: str = SELF_ISSUED_MARK,
    years: int = 5,
    now: dt.datetime | None = None,
) -> KeyPair:
    """A new key and a self-signed certificate naming the person, the unit and its code."""
    key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey
    if algorithm == "rsa":
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    elif algorithm == "ec":
        key = ec.generate_private_key(ec.SECP256R1())
    else:
        raise ValueError(f"unknown algorithm {algorithm!r}")
    now = now or dt.datetime.now(dt.UTC)
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, _fit(organization)),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, _fit(mark)),
            x509.NameAttribute(NameOID.USER_ID, unit_code),
            x509.NameAttribute(NameOID.COMMON_NAME, _fit(common_name)),
        ]
    )
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=365 * years))
        # A self-issued certificate is its own trust anchor: NSS (pdfsig, Firefox) accepts a
        # trust anchor only when it may sign certificates, so it says CA with path length 0.
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return KeyPair(key, cert)


def load_p12(data: bytes, password: str | None, path: str = "") -> KeyPair:
    if password is None and (fast := _load_plain_p12(data)) is not None:
        return fast
    try:
        key, cert, extra = pkcs12.load_key_and_certificates(
            data, password.encode("utf-8") if password else None
        )
    except ValueError as exc:
        text = str(exc).lower()
        if "password" in text or "mac" in text or "decrypt" in text:
            raise WrongPasswordError(path=path) from exc
        raise KeyFileError(path=path) from exc
    if key is None or cert is None or not isinstance(key, (rsa.RSAPrivateKey, ec.EllipticCurvePrivateKey)):
        raise KeyFileError(path=path)
    return KeyPair(key, cert, tuple(extra or ()))


def _load_plain_p12(data: bytes) -> KeyPair | None:
    """The installation key's own file (no password, one plain key and one certificate), read
    without cryptography's RSA key validation: that check holds the GIL ~40 ms, which stalled
    the window at the first export of a session. What the check guards against (a damaged
    key making faulty signatures that could leak it) is checked here instead by signing a
    test message and verifying it with the certificate. Anything else returns None: the
    full loader then reads (and validates) it."""
    from asn1crypto import pkcs12 as asn1_pkcs12

    try:
        pfx = asn1_pkcs12.Pfx.load(data)
        keys_der, certs_der = [], []
        for info in pfx.authenticated_safe:
            if info["content_type"].native != "data":
                return None  # encrypted contents: for the full loader
            for bag in asn1_pkcs12.SafeContents.load(info["content"].native):
                kind = bag["bag_id"].native
                if kind == "key_bag":
                    keys_der.append(bag["bag_value"].untag().dump())
                elif kind == "cert_bag" and bag["bag_value"]["cert_id"].native == "x509":
                    certs_der.append(bag["bag_value"]["cert_value"].parsed.dump())
                else:
                    return None
        if len(keys_der) != 1 or len(certs_der) != 1:
            return None
        key = serialization.load_der_private_key(keys_der[0], None, unsafe_skip_rsa_key_validation=True)
        cert = x509.load_der_x509_certificate(certs_der[0])
        public = cert.public_key()
        if not isinstance(key, rsa.RSAPrivateKey) or not isinstance(public, rsa.RSAPublicKey) or key.public_key() != public:
            return None
        probe = b"cchc installation key self-check"
        public.verify(key.sign(probe, padding.PKCS1v15(), hashes.SHA256()), probe, padding.PKCS1v15(), hashes.SHA256())
    except Exception:  # damaged, unusual or hostile bytes: the full loader decides and says why
        return None
    return KeyPair(key, cert)


def load_p12_file(path: Path, password: str | None) -> KeyPair:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise KeyFileError(path=str(path)) from exc
    return load_p12(data, password, str(path))


def load_certificate(data: bytes) -> x509.Certificate:
    """A certificate from PEM or DER bytes."""
    if b"-----BEGIN" in data:
        return x509.load_pem_x509_certificate(data)
    return x509.load_der_x509_certificate(data)


def unit_code_of(cert: x509.Certificate) -> str | None:
    attrs = cert.subject.get_attributes_for_oid(NameOID.USER_ID)
    return str(attrs[0].value) if attrs else None


def is_self_issued(cert: x509.Certificate) -> bool:
    return cert.issuer == cert.subject
