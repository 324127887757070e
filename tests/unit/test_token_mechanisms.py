"""Signing with what the token offers: RSA (PKCS#1 v1.5 and PSS) and EC P-256 keys on a real
SoftHSM2 token, each signature checked with poppler's pdfsig and with pyHanko.

SoftHSM2 lists CKM_ECDSA but no combined CKM_ECDSA_SHA256, so an EC key must be signed by
hashing here; CKA_ALLOWED_MECHANISMS restricts a key to one mechanism, which is how a token
that offers only raw RSA, or a PSS-only key, is played here.
"""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pkcs11 import Mechanism

from reports.cli.main import main
from reports.signing import Pkcs11Method, SigningFailedError, open_signer, verify_pdf
from reports.signing.keys import KeyPair, create_key_pair
from reports.signing.mechanisms import SigningPlan, TokenKeyUnsupportedError, choose_plan
from tests.unit.signing_support import APPEARANCE, BOX, PDFSIG, VALID, make_pdf, pdfsig
from tests.unit.softhsm import PIN, SOFTHSM, put_key, softhsm_tokens

SOFTHSM_OFFERS = frozenset(
    {
        Mechanism.ECDSA,
        Mechanism.RSA_PKCS,
        Mechanism.RSA_PKCS_PSS,
        Mechanism.SHA256_RSA_PKCS,
        Mechanism.SHA256_RSA_PKCS_PSS,
    }
)

# ---------------------------------------------------------------- the choice, without a token


@pytest.mark.parametrize(
    ("key_type", "offered", "allowed", "expected"),
    [
        ("ec", SOFTHSM_OFFERS, None, (Mechanism.ECDSA, True)),
        ("ec", SOFTHSM_OFFERS | {Mechanism.ECDSA_SHA256}, None, (Mechanism.ECDSA_SHA256, False)),
        ("rsa", SOFTHSM_OFFERS, None, (Mechanism.SHA256_RSA_PKCS, False)),
        ("rsa", {Mechanism.RSA_PKCS}, None, (Mechanism.RSA_PKCS, True)),
        ("rsa", SOFTHSM_OFFERS, {Mechanism.SHA256_RSA_PKCS_PSS}, (Mechanism.SHA256_RSA_PKCS_PSS, False)),
        ("rsa", SOFTHSM_OFFERS, {Mechanism.RSA_PKCS_PSS}, (Mechanism.RSA_PKCS_PSS, True)),
        ("rsassa_pss", SOFTHSM_OFFERS, None, (Mechanism.SHA256_RSA_PKCS_PSS, False)),
    ],
)
def test_the_plan_follows_the_token_and_the_key(
    key_type: str,
    offered: frozenset[Mechanism],
    allowed: set[Mechanism] | None,
    expected: tuple[Mechanism, bool],
) -> None:
    plan = choose_plan(key_type, offered, allowed=allowed)
    assert (plan.mechanism, plan.hash_locally) == expected


def test_the_raw_preference_is_kept_for_tokens_with_a_broken_combined_mechanism() -> None:
    plan = choose_plan("rsa", SOFTHSM_OFFERS, prefer_local_hash=True)
    assert plan == SigningPlan("pkcs1v15", Mechanism.RSA_PKCS, True, "sha256")


@pytest.mark.parametrize(
    ("key_type", "offered"),
    [
        ("ec", {Mechanism.RSA_PKCS, Mechanism.SHA256_RSA_PKCS}),
        ("ed25519", SOFTHSM_OFFERS),
        ("rsassa_pss", {Mechanism.RSA_PKCS}),
    ],
)
def test_nothing_fits_says_so_plainly(key_type: str, offered: set[Mechanism]) -> None:
    with pytest.raises(TokenKeyUnsupportedError) as info:
        choose_plan(key_type, offered, token_label="VNPT")
    vi = info.value.message("vi")
    assert 'USB ký số "VNPT" không ký được bằng khóa' in vi
    assert "rút ra cắm lại cũng không giúp được" in vi and "tệp chứng thư số (.p12)" in vi
    assert "replugging it will not help" in info.value.message("en")


# ---------------------------------------------------------------- a real token

LABEL = "UBND Tan Phu"
EC_TOKEN = "Chu tich EC"
KEYS = {
    # label: (algorithm, CKA_ALLOWED_MECHANISMS)
    "ec-p256": ("ec", None),
    "rsa-any": ("rsa", None),
    "rsa-pss-only": ("rsa", [Mechanism.SHA256_RSA_PKCS_PSS]),
    "rsa-raw-pss-only": ("rsa", [Mechanism.RSA_PKCS_PSS]),
    "rsa-raw-only": ("rsa", [Mechanism.RSA_PKCS]),
    "rsa-decrypt-only": ("rsa", [Mechanism.RSA_PKCS_OAEP]),
}
PLANS = {
    "ec-p256": (Mechanism.ECDSA, True),
    "rsa-any": (Mechanism.SHA256_RSA_PKCS, False),
    "rsa-pss-only": (Mechanism.SHA256_RSA_PKCS_PSS, False),
    "rsa-raw-pss-only": (Mechanism.RSA_PKCS_PSS, True),
    "rsa-raw-only": (Mechanism.RSA_PKCS, True),
}


@pytest.fixture(scope="module")
def pairs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, KeyPair]]:
    if not Path(SOFTHSM).is_file():
        pytest.skip(f"SoftHSM2 is not installed ({SOFTHSM})")
    out: dict[str, KeyPair] = {}
    with softhsm_tokens(tmp_path_factory.mktemp("softhsm"), [LABEL, EC_TOKEN]) as lib:
        for index, (label, (algorithm, allowed)) in enumerate(KEYS.items(), start=1):
            pair = create_key_pair(f"Người ký {label}", "UBND xã Tân Phú", "26116", algorithm=algorithm)
            put_key(lib, LABEL, pair, bytes([index]), label, allowed_mechanisms=allowed)
            out[label] = pair
        # A token holding only an EC P-256 key, as the official had.
        put_key(lib, EC_TOKEN, out["ec-p256"], b"\x01", "ec-p256")
        yield out


def _method(key_label: str, **changes: Any) -> Pkcs11Method:
    return Pkcs11Method(
        **({"module": SOFTHSM, "token_label": LABEL, "pin": PIN, "key_label": key_label} | changes)
    )


@pytest.mark.skipif(PDFSIG is None, reason="poppler's pdfsig is not installed")
@pytest.mark.parametrize("key_label", list(PLANS))
def test_each_key_signs_with_what_the_token_offers(
    tmp_path: Path, pairs: dict[str, KeyPair], key_label: str, caplog: pytest.LogCaptureFixture
) -> None:
    pdf = make_pdf()
    caplog.set_level(logging.INFO, logger="reports.signing.token")
    with open_signer(_method(key_label)) as signer:
        signed = signer.sign(pdf, box=BOX, appearance=APPEARANCE)
    mechanism, hash_locally = PLANS[key_label]
    expected = SigningPlan("", mechanism, hash_locally, "sha256").describe()
    assert any(r.getMessage().endswith(expected) for r in caplog.records), caplog.text
    out = tmp_path / f"{key_label}.pdf"
    out.write_bytes(signed)
    report = pdfsig(out)
    assert VALID in report, report
    [sig] = verify_pdf(signed, [pairs[key_label].certificate])
    assert sig.intact and sig.trusted
    assert sig.signer_name == f"Người ký {key_label}"


def test_a_key_that_cannot_sign_on_this_token_is_explained(pairs: dict[str, KeyPair]) -> None:
    with pytest.raises(TokenKeyUnsupportedError) as info:
        open_signer(_method("rsa-decrypt-only"))
    assert not isinstance(info.value, SigningFailedError)
    assert "rút ra cắm lại" not in info.value.message("vi").replace("rút ra cắm lại cũng không giúp được", "")


def test_cchc_sign_with_an_ec_key_on_softhsm(
    tmp_path: Path, pairs: dict[str, KeyPair], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The case of the issue: an EC P-256 key failed with MechanismInvalid and "replug it"."""
    monkeypatch.setenv("TOKEN_PIN", PIN)
    monkeypatch.delenv("CCHC_DATA_DIR", raising=False)

    def cchc(*args: str) -> tuple[int, str]:
        out, err = io.StringIO(), io.StringIO()
        code = main(["--data-dir", str(tmp_path / "xa"), *args], out=out, err=err)
        return code, out.getvalue() + err.getvalue()

    code, text = cchc(
        "init",
        "--unit-code",
        "26116",
        "--unit-name",
        "Xã Tân Phú",
        "--province",
        "Tỉnh Đồng Nai",
        "--signer-name",
        "Người ký ec-p256",
    )
    assert code == 0, text
    assert cchc("sample", "--months", "1")[0] == 0
    code, text = cchc("report", "list", "--json")
    report_id = str(json.loads(text)[0]["id"])
    code, text = cchc(
        "sign", report_id, "--pkcs11-module", SOFTHSM, "--token-label", EC_TOKEN, "--pin-env", "TOKEN_PIN"
    )
    assert code == 0, text
    signed = tmp_path / "signed.pdf"
    code, text = cchc("pdf", report_id, "-o", str(signed))
    assert code == 0, text
    if PDFSIG is not None:
        assert VALID in pdfsig(signed)
    sigs = verify_pdf(signed.read_bytes(), [pairs["ec-p256"].certificate])
    assert sigs[-1].intact and sigs[-1].trusted


def test_without_a_library_set_the_plugged_in_token_is_found(pairs: dict[str, KeyPair]) -> None:
    """signing_method = pkcs11 and no library typed: the search of the vendors' list finds it."""
    from reports.documents.issuing import discovered_token
    from reports.signing import TokenNotFoundError
    from reports.signing.token import TokenAmbiguousError

    module, label = discovered_token(EC_TOKEN)
    assert Path(module).resolve() == Path(SOFTHSM).resolve() and label == EC_TOKEN
    with pytest.raises(TokenAmbiguousError):
        discovered_token()  # two tokens plugged in and none named: the official must say which
    with pytest.raises(TokenNotFoundError):
        discovered_token("USB khác")
