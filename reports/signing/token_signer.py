"""A pyHanko ``Signer`` over a key on a PKCS#11 token, signing the way a ``SigningPlan`` says.

pyHanko's own ``PKCS11Signer`` hashes locally only for ECDSA and raises for PSS in that mode;
tokens that offer only raw RSA mechanisms exist too, so we sign through pyHanko's public
``Signer`` interface and call the key ourselves: the combined mechanism on the whole data,
or our SHA-2 digest (wrapped in a DigestInfo for PKCS#1 v1.5) with the raw one.
"""

from __future__ import annotations

import hashlib
import logging
from typing import Any

from asn1crypto import algos
from asn1crypto import x509 as asn1_x509
from pkcs11 import MGF, Mechanism
from pkcs11 import exceptions as p11e
from pkcs11.util.ec import encode_ecdsa_signature
from pyhanko.sign.signers import Signer
from pyhanko_certvalidator.registry import SimpleCertificateStore

from reports.signing.mechanisms import SigningPlan, TokenKeyUnsupportedError

log = logging.getLogger(__name__)

__all__ = ["TokenKeySigner"]

_DIGEST_MECHANISM = {"sha256": Mechanism.SHA256, "sha384": Mechanism.SHA384, "sha512": Mechanism.SHA512}
_MGF = {"sha256": MGF.SHA256, "sha384": MGF.SHA384, "sha512": MGF.SHA512}

# The token refused the mechanism or its parameters for this key: no replugging will help.
_MECHANISM_REFUSED = (
    p11e.MechanismInvalid,
    p11e.MechanismParamInvalid,
    p11e.KeyTypeInconsistent,
    p11e.FunctionNotSupported,
)


class TokenKeySigner(Signer):
    def __init__(
        self,
        key: Any,
        certificate: asn1_x509.Certificate,
        plan: SigningPlan,
        *,
        chain: list[asn1_x509.Certificate] | None = None,
        key_type_name: str,
        token_label: str,
    ) -> None:
        registry = SimpleCertificateStore()
        registry.register(certificate)
        registry.register_multiple(chain or [])
        super().__init__(prefer_pss=plan.pss, signing_cert=certificate, cert_registry=registry)
        self._key = key
        self._plan = plan
        self._key_type_name = key_type_name
        self._token_label = token_label

    @property
    def plan(self) -> SigningPlan:
        return self._plan

    async def async_sign_raw(self, data: bytes, digest_algorithm: str, dry_run: bool = False) -> bytes:
        if dry_run:
            return bytes(512)
        digest_algorithm = digest_algorithm.lower()
        if digest_algorithm != self._plan.digest:
            raise ValueError(f"the plan signs {self._plan.digest}, not {digest_algorithm}")
        plan = self._plan
        kwargs: dict[str, Any] = {"mechanism": plan.mechanism}
        message = data
        if plan.hash_locally:
            digest = hashlib.new(digest_algorithm, data).digest()
            message = digest
            if plan.scheme == "pkcs1v15":
                message = algos.DigestInfo(
                    {"digest_algorithm": {"algorithm": digest_algorithm}, "digest": digest}
                ).dump()
        if plan.pss:
            params = self.get_signature_mechanism_for_digest(digest_algorithm)["parameters"]
            kwargs["mechanism_param"] = (
                _DIGEST_MECHANISM[digest_algorithm],
                _MGF[params["mask_gen_algorithm"]["parameters"]["algorithm"].native],
                params["salt_length"].native,
            )
        try:
            signature = bytes(self._key.sign(message, **kwargs))
        except _MECHANISM_REFUSED as exc:
            log.warning("the token refused %s: %s", plan.describe(), type(exc).__name__)
            label = f' "{self._token_label}"' if self._token_label else ""
            raise TokenKeyUnsupportedError(label=label, key_type=self._key_type_name) from exc
        if plan.scheme == "ecdsa":
            signature = encode_ecdsa_signature(signature)  # PKCS#11 gives r‖s; CMS wants DER
        return signature
