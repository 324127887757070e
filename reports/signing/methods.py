"""Who signs: a PKCS#12 file or a PKCS#11 token, opened once into a ``DocumentSigner``.

PINs and passwords only pass through here on their way to the library that checks them;
they are never logged, stored or put into an error.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from pyhanko.keys.internal import (
    translate_pyca_cryptography_cert_to_asn1,
    translate_pyca_cryptography_key_to_asn1,
)
from pyhanko.sign import signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

from reports.signing.keys import KeyPair, load_p12_file
from reports.signing.sign import DocumentSigner
from reports.signing.validity import check_validity

log = logging.getLogger(__name__)

__all__ = ["P12Method", "Pkcs11Method", "SigningMethod", "open_signer"]


@dataclass(frozen=True)
class P12Method:
    """A certificate file (.p12/.pfx): a commercial CA's, or the self-issued one."""

    path: Path
    password: str = field(repr=False)


@dataclass(frozen=True)
class Pkcs11Method:
    """A USB token driven through its vendor's PKCS#11 library.

    ``token_label`` empty means "the only token plugged in". ``key_label`` None means "the
    token's signing key" (the one whose certificate is valid now, if there are several).
    How the token signs is chosen from its mechanism list (``reports.signing.mechanisms``);
    ``use_raw_mechanism`` only puts hashing here + the raw mechanism first, for a token whose
    combined hash-and-sign mechanism is listed but does not work.
    """

    module: str
    token_label: str
    pin: str = field(repr=False)
    key_label: str | None = None
    use_raw_mechanism: bool = False


SigningMethod = P12Method | Pkcs11Method


def open_signer(method: SigningMethod, *, now: dt.datetime | None = None) -> DocumentSigner:
    """Load the key once and check its certificate; the result signs many documents.

    ``now`` fixes the clock used to check the certificate's validity (for tests); by default
    the real clock is read at opening and again at each signature.
    """
    clock: Callable[[], dt.datetime] = (lambda: now) if now is not None else (lambda: dt.datetime.now(dt.UTC))
    if isinstance(method, P12Method):
        pair = load_p12_file(Path(method.path), method.password)
        check_validity(pair.certificate, clock())
        return DocumentSigner(_LocalKeySigner(pair), pair.certificate, clock=clock)
    if isinstance(method, Pkcs11Method):
        from reports.signing import token  # python-pkcs11 is loaded only for token users

        return token.open_token_signer(method, clock)
    raise TypeError(f"unknown signing method {type(method).__name__}")


class _LocalKeySigner(signers.SimpleSigner):
    """pyHanko's SimpleSigner, keeping the parsed key instead of re-parsing it per signature.

    SimpleSigner.sign_raw deserialises the private key from DER on every call, which costs
    several milliseconds for RSA (key consistency checks); we parse it once.
    """

    def __init__(self, pair: KeyPair) -> None:
        registry = SimpleCertificateStore()
        registry.register_multiple([translate_pyca_cryptography_cert_to_asn1(c) for c in pair.chain])
        cert: asn1_x509.Certificate = translate_pyca_cryptography_cert_to_asn1(pair.certificate)
        super().__init__(
            signing_cert=cert,
            signing_key=translate_pyca_cryptography_key_to_asn1(pair.key),
            cert_registry=registry,
        )
        self._key = pair.key

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        mechanism = self.get_signature_mechanism_for_digest(digest_algorithm)
        algo = mechanism["algorithm"].native
        hash_algo: Any = {
            "sha256": hashes.SHA256(),
            "sha384": hashes.SHA384(),
            "sha512": hashes.SHA512(),
        }.get(digest_algorithm.lower())
        if hash_algo is not None:
            if isinstance(self._key, rsa.RSAPrivateKey) and algo.endswith("rsa"):
                return self._key.sign(data, padding.PKCS1v15(), hash_algo)
            if isinstance(self._key, ec.EllipticCurvePrivateKey) and algo.endswith("ecdsa"):
                return self._key.sign(data, ec.ECDSA(hash_algo))
        return super().sign_raw(data, digest_algorithm)
