"""A SoftHSM2 token set up for a test module: its own token folder and keys put on it.

SoftHSM reads its configuration (SOFTHSM2_CONF) when the library is initialised, and
python-pkcs11 keeps one instance of a library per process; so a module's tokens live in one
temporary folder, and the library is re-initialised to read it (and again at the end, which
closes every session the module opened).
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from reports.signing.keys import KeyPair
from reports.signing.pkcs11_attributes import attribute_mapper

SOFTHSM = "/usr/lib/softhsm/libsofthsm2.so"
PIN = "123456"


@contextlib.contextmanager
def softhsm_tokens(folder: Path, labels: Iterable[str]) -> Iterator[Any]:
    """Initialised tokens named ``labels`` (user PIN ``PIN``); yields the loaded library."""
    import pkcs11

    (folder / "tokens").mkdir()
    conf = folder / "softhsm2.conf"
    conf.write_text(
        f"directories.tokendir = {folder / 'tokens'}\nobjectstore.backend = file\nlog.level = ERROR\n"
    )
    old_conf = os.environ.get("SOFTHSM2_CONF")
    os.environ["SOFTHSM2_CONF"] = str(conf)
    try:
        for label in labels:
            subprocess.run(
                [
                    "softhsm2-util",
                    "--init-token",
                    "--free",
                    "--label",
                    label,
                    "--pin",
                    PIN,
                    "--so-pin",
                    "87654321",
                ],
                check=True,
                capture_output=True,
            )
        lib = pkcs11.lib(SOFTHSM)
        lib.reinitialize()  # read our configuration even if another test loaded SoftHSM first
        yield lib
        lib.reinitialize()
    finally:
        if old_conf is None:
            os.environ.pop("SOFTHSM2_CONF", None)
        else:
            os.environ["SOFTHSM2_CONF"] = old_conf


def put_key(
    lib: Any,
    token_label: str,
    pair: KeyPair,
    key_id: bytes,
    label: str,
    *,
    allowed_mechanisms: list[Any] | None = None,
) -> None:
    """Import ``pair``'s key and certificate, paired by CKA_ID as a CA's token pairs them.

    ``allowed_mechanisms`` sets CKA_ALLOWED_MECHANISMS (a key restricted to, e.g., PSS).
    """
    from pkcs11 import Attribute
    from pkcs11.util.ec import decode_ec_private_key
    from pkcs11.util.rsa import decode_rsa_private_key
    from pkcs11.util.x509 import decode_x509_certificate

    der = pair.key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    )
    key = (
        decode_ec_private_key(der)
        if isinstance(pair.key, ec.EllipticCurvePrivateKey)
        else decode_rsa_private_key(der)
    )
    key.update(
        {
            Attribute.ID: key_id,
            Attribute.LABEL: label,
            Attribute.TOKEN: True,
            Attribute.PRIVATE: True,
            Attribute.SENSITIVE: True,
            Attribute.SIGN: True,
        }
    )
    if allowed_mechanisms is not None:
        key[Attribute.ALLOWED_MECHANISMS] = allowed_mechanisms
    cert = decode_x509_certificate(pair.certificate.public_bytes(serialization.Encoding.DER))
    cert.update(
        {Attribute.ID: key_id, Attribute.LABEL: label, Attribute.TOKEN: True, Attribute.PRIVATE: False}
    )
    with lib.get_token(token_label=token_label).open(
        rw=True, user_pin=PIN, attribute_mapper=attribute_mapper()
    ) as session:
        session.create_object(key)
        session.create_object(cert)
