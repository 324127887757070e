"""Choosing how a token signs, from what the token offers and what its key allows.

Tokens differ: some hash and sign in one mechanism (CKM_SHA256_RSA_PKCS, CKM_ECDSA_SHA256),
others only sign a hash computed by the caller (CKM_RSA_PKCS over a DigestInfo, CKM_ECDSA —
SoftHSM2 offers no combined ECDSA mechanism at all), and a key may be restricted to some
mechanisms (CKA_ALLOWED_MECHANISMS, e.g. PSS only) or certified for PSS only (an
id-RSASSA-PSS certificate). ``choose_plan`` reads those facts and picks, in order: the
combined mechanism, else hashing here with the raw one; for RSA, PKCS#1 v1.5 unless the key
or its certificate allows only PSS. When nothing fits it says so plainly
(``TokenKeyUnsupportedError``) instead of a token error that sends the official to unplug a
token that works.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from pkcs11 import Mechanism

from reports.errors import CchcError

__all__ = ["SigningPlan", "TokenKeyUnsupportedError", "choose_plan"]

_COMBINED = {
    ("ecdsa", "sha256"): Mechanism.ECDSA_SHA256,
    ("ecdsa", "sha384"): Mechanism.ECDSA_SHA384,
    ("ecdsa", "sha512"): Mechanism.ECDSA_SHA512,
    ("pkcs1v15", "sha256"): Mechanism.SHA256_RSA_PKCS,
    ("pkcs1v15", "sha384"): Mechanism.SHA384_RSA_PKCS,
    ("pkcs1v15", "sha512"): Mechanism.SHA512_RSA_PKCS,
    ("pss", "sha256"): Mechanism.SHA256_RSA_PKCS_PSS,
    ("pss", "sha384"): Mechanism.SHA384_RSA_PKCS_PSS,
    ("pss", "sha512"): Mechanism.SHA512_RSA_PKCS_PSS,
}
_RAW = {"ecdsa": Mechanism.ECDSA, "pkcs1v15": Mechanism.RSA_PKCS, "pss": Mechanism.RSA_PKCS_PSS}

_KEY_NAMES = {"rsa": "RSA", "rsassa_pss": "RSA-PSS", "ec": "EC (ECDSA)"}


class TokenKeyUnsupportedError(CchcError):
    code = "signing.token_key_unsupported"
    vi = (
        "USB ký số{label} không ký được bằng khóa {key_type} của chứng thư số trên đó: USB không "
        "có cơ chế ký nào phù hợp với loại khóa này, nên chương trình không thể ký bằng USB này "
        "(rút ra cắm lại cũng không giúp được). Hãy ký bằng tệp chứng thư số (.p12) hoặc chứng thư "
        "tự cấp của máy, hoặc đề nghị nhà cung cấp chứng thư số cấp USB dùng khóa RSA."
    )
    en = (
        "The signing token{label} cannot sign with the {key_type} key of its certificate: it offers "
        "no signing mechanism for this key type, so the program cannot sign with this token "
        "(replugging it will not help). Sign with a certificate file (.p12) or this computer's "
        "self-issued certificate, or ask the certificate provider for a token with an RSA key."
    )


@dataclass(frozen=True)
class SigningPlan:
    """``scheme`` is "ecdsa", "pkcs1v15" or "pss"; ``hash_locally``: the program hashes and the
    token signs the digest with ``mechanism`` (a raw one)."""

    scheme: str
    mechanism: Mechanism
    hash_locally: bool
    digest: str

    @property
    def pss(self) -> bool:
        return self.scheme == "pss"

    def describe(self) -> str:
        how = "hashed by the program" if self.hash_locally else "hashed by the token"
        return f"{self.mechanism.name} ({how}, {self.digest})"


def choose_plan(
    key_type: str,
    offered: Collection[Mechanism],
    *,
    allowed: Collection[Mechanism] | None = None,
    digest: str = "sha256",
    prefer_local_hash: bool = False,
    token_label: str = "",
) -> SigningPlan:
    """The way to sign with a key of ``key_type`` ("rsa", "rsassa_pss" — a PSS-only
    certificate —, "ec") on a token offering ``offered`` signing mechanisms.

    ``allowed`` is the key's CKA_ALLOWED_MECHANISMS (None when the token does not say).
    ``prefer_local_hash`` puts the raw mechanisms first (the old ``pkcs11_raw_mechanism``
    setting, for a token whose combined mechanism is listed but broken).
    """
    if key_type == "ec":
        schemes = ["ecdsa"]
    elif key_type == "rsassa_pss":
        schemes = ["pss"]
    elif key_type == "rsa":
        schemes = ["pkcs1v15", "pss"]
    else:
        schemes = []
    choices: list[SigningPlan] = []
    for scheme in schemes:
        combined = _COMBINED.get((scheme, digest))
        pair = [
            SigningPlan(scheme, combined, False, digest) if combined is not None else None,
            SigningPlan(scheme, _RAW[scheme], True, digest),
        ]
        if prefer_local_hash:
            pair.reverse()
        choices.extend(p for p in pair if p is not None)
    for plan in choices:
        if plan.mechanism in offered and (allowed is None or plan.mechanism in allowed):
            return plan
    raise TokenKeyUnsupportedError(
        label=f' "{token_label}"' if token_label else "", key_type=_KEY_NAMES.get(key_type, key_type.upper())
    )
