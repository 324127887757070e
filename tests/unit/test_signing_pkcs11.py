"""Signing with a PKCS#11 token, using SoftHSM2 as the token.

SoftHSM reads its configuration (SOFTHSM2_CONF) when the library is initialised, and
python-pkcs11 keeps one instance of a library per process; so the token lives in one
temporary folder for this whole module, and the library is re-initialised once to read it.
SoftHSM offers only the raw ECDSA mechanism, hence ``use_raw_mechanism=True``.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization

from reports.signing import (
    PinIncorrectError,
    Pkcs11Method,
    Pkcs11ModuleError,
    TokenKeyNotFoundError,
    TokenNotFoundError,
    open_signer,
    verify_pdf,
)
from reports.signing import token as token_module
from reports.signing.keys import KeyPair, create_key_pair
from tests.unit.signing_support import APPEARANCE, BOX, PDFSIG, VALID, make_pdf, pdfsig

SOFTHSM = "/usr/lib/softhsm/libsofthsm2.so"
pytestmark = pytest.mark.skipif(
    not Path(SOFTHSM).is_file(), reason=f"SoftHSM2 is not installed ({SOFTHSM} missing)"
)

LABEL = "UBND Hoan Kiem"
PIN = "123456"
KEY_LABEL = "chu-ky-chu-tich"


def _import_key(session: Any, pair: KeyPair, key_id: bytes, label: str) -> None:
    from pkcs11 import Attribute
    from pkcs11.util.ec import decode_ec_private_key
    from pkcs11.util.x509 import decode_x509_certificate

    der = pair.key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    )
    key = decode_ec_private_key(der)
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
    session.create_object(key)
    cert = decode_x509_certificate(pair.certificate.public_bytes(serialization.Encoding.DER))
    cert.update({Attribute.ID: key_id, Attribute.LABEL: label, Attribute.TOKEN: True})
    session.create_object(cert)


@pytest.fixture(scope="module")
def token(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KeyPair]:
    """A SoftHSM token holding an EC P-256 key and its self-issued certificate."""
    import pkcs11

    folder = tmp_path_factory.mktemp("softhsm")
    (folder / "tokens").mkdir()
    conf = folder / "softhsm2.conf"
    conf.write_text(
        f"directories.tokendir = {folder / 'tokens'}\nobjectstore.backend = file\nlog.level = ERROR\n"
    )
    old_conf = os.environ.get("SOFTHSM2_CONF")
    os.environ["SOFTHSM2_CONF"] = str(conf)
    subprocess.run(
        ["softhsm2-util", "--init-token", "--free", "--label", LABEL, "--pin", PIN, "--so-pin", "87654321"],
        check=True,
        capture_output=True,
    )
    lib = pkcs11.lib(SOFTHSM)
    lib.reinitialize()  # read our configuration even if another test loaded SoftHSM first
    pair = create_key_pair("Trần Thị Bình", "UBND phường Hoàn Kiếm", "00070", algorithm="ec")
    with lib.get_token(token_label=LABEL).open(rw=True, user_pin=PIN) as session:
        _import_key(session, pair, b"\x01", KEY_LABEL)
    yield pair
    lib.reinitialize()  # close every session we opened
    if old_conf is None:
        os.environ.pop("SOFTHSM2_CONF", None)
    else:
        os.environ["SOFTHSM2_CONF"] = old_conf


def _method(**changes: Any) -> Pkcs11Method:
    values = {"module": SOFTHSM, "token_label": LABEL, "pin": PIN, "use_raw_mechanism": True} | changes
    return Pkcs11Method(**values)


@pytest.mark.skipif(PDFSIG is None, reason="poppler's pdfsig is not installed")
@pytest.mark.parametrize("key_label", [None, KEY_LABEL], ids=["found by itself", "named"])
def test_sign_with_the_token(tmp_path: Path, token: KeyPair, key_label: str | None) -> None:
    pdf = make_pdf()
    with open_signer(_method(key_label=key_label)) as signer:
        assert signer.certificate == token.certificate
        signed = [signer.sign(pdf, box=BOX, appearance=APPEARANCE) for _ in range(2)]
    out = tmp_path / "token.pdf"
    out.write_bytes(signed[-1])
    report = pdfsig(out)
    assert VALID in report
    assert "ETSI.CAdES.detached" in report
    for doc in signed:
        [sig] = verify_pdf(doc, [token.certificate])
        assert sig.intact and sig.trusted
        assert sig.signer_name == "Trần Thị Bình"


def test_the_only_token_is_used_when_no_label_is_set(token: KeyPair) -> None:
    with open_signer(_method(token_label="")) as signer:
        assert signer.certificate == token.certificate


def test_a_wrong_pin_is_tried_once_and_explained(token: KeyPair, monkeypatch: pytest.MonkeyPatch) -> None:
    from pkcs11 import TokenFlag

    opened: list[str] = []

    class CountingToken:
        """The real token, counting login attempts (C_Login happens in Token.open)."""

        def __init__(self, real: Any) -> None:
            self._real = real

        def open(self, **kwargs: Any) -> Any:
            opened.append("open")
            return self._real.open(**kwargs)

        def __getattr__(self, name: str) -> Any:
            return getattr(self._real, name)

    real_find = token_module.find_token
    monkeypatch.setattr(token_module, "find_token", lambda lib, label: CountingToken(real_find(lib, label)))

    with pytest.raises(PinIncorrectError) as info:
        open_signer(_method(pin="000000"))
    assert opened == ["open"], "a wrong PIN must never be retried"
    error = info.value
    assert error.tries_left is None  # SoftHSM never says "final try"
    assert "Mã PIN" in error.message("vi") and "không đúng" in error.message("vi")
    assert PIN not in error.message("vi") and "000000" not in error.message("vi") + repr(error.params)

    lib = token_module.load_module(SOFTHSM)
    flags = token_module.token_flags(real_find(lib, LABEL))
    assert flags & TokenFlag.USER_PIN_COUNT_LOW  # the token recorded a failed login
    assert not flags & TokenFlag.USER_PIN_LOCKED

    # The right PIN still works, and clears the token's failure flag.
    monkeypatch.undo()
    with open_signer(_method()):
        pass
    assert not token_module.token_flags(real_find(lib, LABEL)) & TokenFlag.USER_PIN_COUNT_LOW


def test_pin_messages_follow_the_token_flags() -> None:
    assert "lần thử cuối" in PinIncorrectError(tries_left=1).message("vi")
    assert "còn 2 lần" in PinIncorrectError(tries_left=2).message("vi")
    assert "the last" in PinIncorrectError(tries_left=1).message("en")


def test_a_missing_token(token: KeyPair) -> None:
    with pytest.raises(TokenNotFoundError) as info:
        open_signer(_method(token_label="USB khác"))
    message = info.value.message("vi")
    assert message.startswith("Không tìm thấy USB ký số")
    assert "Hãy cắm USB ký số rồi thử lại" in message


def test_a_missing_key_on_the_token(token: KeyPair) -> None:
    with pytest.raises(TokenKeyNotFoundError):
        open_signer(_method(key_label="khong-co"))


@pytest.mark.parametrize("module", ["", "/khong/co/thu-vien.so", "/etc/hostname"])
def test_a_bad_module_path(module: str) -> None:
    with pytest.raises(Pkcs11ModuleError) as info:
        open_signer(_method(module=module))
    assert "PKCS#11" in info.value.message("vi")


def test_an_expired_certificate_on_the_token_is_refused(token: KeyPair) -> None:
    import datetime as dt

    from reports.signing import CertificateExpiredError

    later = token.certificate.not_valid_after_utc + dt.timedelta(days=1)
    with pytest.raises(CertificateExpiredError):
        open_signer(_method(), now=later)
