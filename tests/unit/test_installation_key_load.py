"""Reading the installation key without cryptography's slow RSA check (keys._load_plain_p12),
and falling back to the full loader for anything else."""

from __future__ import annotations

import pytest
from asn1crypto import pkcs12 as asn1_pkcs12
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from reports.signing.keys import (
    INSTALLATION_MARK,
    KeyFileError,
    KeyPair,
    WrongPasswordError,
    create_key_pair,
    load_p12,
)

PAIR = create_key_pair("Máy UBND xã", "UBND xã Tân Phú", "26734", mark=INSTALLATION_MARK)


def test_the_plain_file_reads_back_the_same_key_and_certificate() -> None:
    loaded = load_p12(PAIR.to_p12(None, "installation"), None)
    assert loaded.certificate == PAIR.certificate
    assert isinstance(loaded.key, rsa.RSAPrivateKey) and isinstance(PAIR.key, rsa.RSAPrivateKey)
    assert loaded.key.private_numbers() == PAIR.key.private_numbers()
    assert loaded.chain == ()


def _with_key(raw: bytes, key: rsa.RSAPrivateKey) -> bytes:
    """``raw`` (a plain PKCS#12 file) with its key bag replaced by ``key``: the certificate no
    longer matches, as in a file mixed up or damaged on disk."""
    pfx = asn1_pkcs12.Pfx.load(raw)
    der = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    contents = []
    for info in pfx.authenticated_safe:
        bags = asn1_pkcs12.SafeContents.load(info["content"].native)
        for bag in bags:
            if bag["bag_id"].native == "key_bag":
                bag["bag_value"] = asn1_pkcs12.PrivateKeyInfo.load(der)
        contents.append({"content_type": "data", "content": bags.dump(force=True)})
    auth = asn1_pkcs12.AuthenticatedSafe(contents)
    return asn1_pkcs12.Pfx({"version": 3, "auth_safe": {"content_type": "data", "content": auth.dump()},
                            "mac_data": pfx["mac_data"]}).dump()


def test_a_key_that_does_not_match_its_certificate_goes_to_the_full_loader() -> None:
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    mixed = _with_key(PAIR.to_p12(None, "installation"), other)
    # The full loader checks the file's MAC, which the swap broke: refused, never used to sign.
    with pytest.raises((KeyFileError, WrongPasswordError)):
        load_p12(mixed, None)


def test_a_damaged_key_never_signs_a_package() -> None:
    """Damaged private parameters could make faulty signatures (which can leak the key).
    OpenSSL recomputes a CRT result that does not verify; when the key is damaged beyond that
    the probe signature fails, and the full loader (with its RSA check) refuses the file."""
    assert isinstance(PAIR.key, rsa.RSAPrivateKey)
    n = PAIR.key.private_numbers()
    raw = PAIR.to_p12(None, "installation")
    crt_only = rsa.RSAPrivateNumbers(n.p, n.q, n.d, n.dmp1 ^ 2, n.dmq1, n.iqmp, n.public_numbers)
    loaded = load_p12(_with_key(raw, crt_only.private_key(unsafe_skip_rsa_key_validation=True)), None)
    probe = b"a manifest"
    pss = padding.PKCS1v15()
    assert isinstance(loaded.key, rsa.RSAPrivateKey)
    PAIR.certificate.public_key().verify(loaded.key.sign(probe, pss, hashes.SHA256()), probe, pss,  # type: ignore[union-attr,call-arg]
                                         hashes.SHA256())
    both = rsa.RSAPrivateNumbers(n.p, n.q, n.d ^ 2, n.dmp1 ^ 2, n.dmq1, n.iqmp, n.public_numbers)
    with pytest.raises((KeyFileError, WrongPasswordError)):
        load_p12(_with_key(raw, both.private_key(unsafe_skip_rsa_key_validation=True)), None)


def test_a_password_protected_file_takes_the_full_path() -> None:
    raw = PAIR.to_p12("mật khẩu", "signer")
    assert isinstance(load_p12(raw, "mật khẩu"), KeyPair)


@pytest.mark.parametrize("raw", [b"", b"not a pkcs12 file", b"\x30\x03\x02\x01\x03"])
def test_garbage_is_refused_as_before(raw: bytes) -> None:
    with pytest.raises(KeyFileError):
        load_p12(raw, None)
