"""``manifest.sig``: the sending installation's signature over the exact bytes of ``manifest.json``.

Written deterministically (RSA PKCS#1 v1.5, or ECDSA with RFC 6979 nonces), so the same
input gives the same package. Read strictly: the member must be exactly as this module
writes it, and the certificate it carries must be self-signed and intact; which
installation that certificate belongs to is the caller's question (``binding``).
"""

from __future__ import annotations

import base64
import functools
import json
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

from reports.exchange.packages.errors import SignatureInvalidError
from reports.signing.keys import KeyPair

RSA_PKCS1V15_SHA256 = "rsa-pkcs1v15-sha256"
RSA_PSS_SHA256 = "rsa-pss-sha256"  # accepted, never written: PSS signatures are randomised
ECDSA_SHA256 = "ecdsa-sha256"
_KEYS = ("algorithm", "certificate", "signature")
_CURVES = (ec.SECP256R1, ec.SECP384R1, ec.SECP521R1)
MIN_RSA_BITS = 2048


def sign_manifest(manifest_bytes: bytes, key: KeyPair) -> bytes:
    """The bytes of ``manifest.sig`` for ``manifest_bytes``."""
    private = key.key
    spki = serialization.PublicFormat.SubjectPublicKeyInfo
    if private.public_key().public_bytes(
        serialization.Encoding.DER, spki
    ) != key.certificate.public_key().public_bytes(serialization.Encoding.DER, spki):
        raise ValueError("the key does not match its certificate")
    if isinstance(private, rsa.RSAPrivateKey):
        algorithm = RSA_PKCS1V15_SHA256
        signature = private.sign(manifest_bytes, padding.PKCS1v15(), hashes.SHA256())
    else:
        algorithm = ECDSA_SHA256
        signature = private.sign(manifest_bytes, ec.ECDSA(hashes.SHA256(), deterministic_signing=True))
    return _encode(
        {
            "algorithm": algorithm,
            "certificate": key.certificate.public_bytes(serialization.Encoding.PEM).decode("ascii"),
            "signature": base64.b64encode(signature).decode("ascii"),
        }
    )


def _encode(obj: dict[str, str]) -> bytes:
    return (json.dumps(obj, ensure_ascii=True, indent=2, sort_keys=True) + "\n").encode("ascii")


@functools.lru_cache(maxsize=1024)
def _self_signed(pem: bytes) -> x509.Certificate:
    """The certificate in ``pem``, checked canonical and self-signed. Remembered by its exact
    bytes: an installation sends many packages with the same certificate, and the verdict on
    the same bytes is the same (a refusal raises, and is not remembered). The manifest's own
    signature is checked every time."""
    cert = x509.load_pem_x509_certificate(pem)
    if cert.public_bytes(serialization.Encoding.PEM) != pem:
        raise ValueError("certificate is not in canonical form")
    # Installation certificates are self-signed (``cchc init``); checking that signature
    # means no byte of the certificate can change unnoticed either.
    cert.verify_directly_issued_by(cert)
    return cert


def verify_manifest_signature(sig_bytes: bytes, manifest_bytes: bytes) -> x509.Certificate:
    """The certificate that signed ``manifest_bytes``; ``SignatureInvalidError`` otherwise."""
    try:
        return _verify(sig_bytes, manifest_bytes)
    except (ValueError, TypeError, UnsupportedAlgorithm, InvalidSignature, RecursionError):
        raise SignatureInvalidError() from None


def _verify(sig_bytes: bytes, manifest_bytes: bytes) -> x509.Certificate:
    obj: Any = json.loads(sig_bytes.decode("ascii"))
    if (
        not isinstance(obj, dict)
        or sorted(obj) != list(_KEYS)
        or not all(isinstance(obj[k], str) for k in _KEYS)
    ):
        raise ValueError("not a manifest.sig object")
    # Only the exact bytes this module writes: JSON, PEM and base64 all have spellings that
    # decode to the same values, and a package must not be changeable without being refused.
    if _encode(obj) != sig_bytes:
        raise ValueError("manifest.sig is not in canonical form")
    cert = _self_signed(obj["certificate"].encode("ascii"))
    signature = base64.b64decode(obj["signature"], validate=True)
    if base64.b64encode(signature).decode("ascii") != obj["signature"]:
        raise ValueError("signature is not in canonical base64")
    public = cert.public_key()
    algorithm = obj["algorithm"]
    if algorithm in (RSA_PKCS1V15_SHA256, RSA_PSS_SHA256):
        if not isinstance(public, rsa.RSAPublicKey) or public.key_size < MIN_RSA_BITS:
            raise ValueError("not an RSA key of at least 2048 bits")
        pad: padding.AsymmetricPadding = (
            padding.PKCS1v15()
            if algorithm == RSA_PKCS1V15_SHA256
            else padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=padding.PSS.AUTO)
        )
        public.verify(signature, manifest_bytes, pad, hashes.SHA256())
    elif algorithm == ECDSA_SHA256:
        if not isinstance(public, ec.EllipticCurvePublicKey) or not isinstance(public.curve, _CURVES):
            raise ValueError("not an EC key on P-256, P-384 or P-521")
        public.verify(signature, manifest_bytes, ec.ECDSA(hashes.SHA256()))
    else:
        raise ValueError(f"unknown algorithm {algorithm!r}")
    return cert
