"""Signing with a USB token through its vendor's PKCS#11 library.

``TokenKeySigner`` signs the way the token allows (``mechanisms.choose_plan`` reads its
mechanism list and the key's type and restrictions); we do the parts where an official needs a
plain answer: loading the library, finding the token, logging in exactly once (a wrong PIN is never
retried: tokens lock after a few wrong tries), reading the token's PIN flags to say how close
it is to locking, and finding the signing key when the settings do not name it.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

import pkcs11
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from pkcs11 import Attribute, KeyType, Mechanism, MechanismFlag, ObjectClass, TokenFlag
from pkcs11 import exceptions as p11e

from reports.errors import CchcError
from reports.signing.bitness import check_library_bits
from reports.signing.errors import (
    PinIncorrectError,
    PinLockedError,
    Pkcs11ModuleError,
    TokenKeyNotFoundError,
    TokenNotFoundError,
)
from reports.signing.mechanisms import choose_plan
from reports.signing.pkcs11_attributes import attribute_mapper
from reports.signing.sign import DocumentSigner
from reports.signing.token_signer import TokenKeySigner
from reports.signing.validity import check_validity

log = logging.getLogger(__name__)

# Errors that mean the token went away (unplugged, or the reader reset).
_GONE = (
    p11e.TokenNotPresent,
    p11e.TokenNotRecognised,
    p11e.DeviceRemoved,
    p11e.DeviceError,
    p11e.SlotIDInvalid,
)


class TokenAmbiguousError(CchcError):
    code = "signing.token_ambiguous"
    vi = (
        "Đang cắm {count} USB ký số. Hãy rút bớt, chỉ để lại USB ký số dùng để ký, hoặc ghi tên "
        "USB ký số trong phần cài đặt."
    )
    en = (
        "{count} signing tokens are plugged in. Unplug the others and keep only the one to sign "
        "with, or enter the token name in the settings."
    )


class TokenBusyError(CchcError):
    code = "signing.token_busy"
    vi = "USB ký số đang được dùng trong một phiên ký khác của chương trình. Hãy đóng phiên đó rồi thử lại."
    en = "The signing token is in use by another signing session of the program. Close it and try again."


class TokenChoice(Protocol):
    """Which token and key to sign with (``methods.Pkcs11Method`` is one): a protocol, so
    that this module, loaded only for token users, need not import the methods module."""

    @property
    def module(self) -> str: ...

    @property
    def token_label(self) -> str: ...

    @property
    def pin(self) -> str: ...

    @property
    def key_label(self) -> str | None: ...

    @property
    def use_raw_mechanism(self) -> bool: ...


def open_token_signer(method: TokenChoice, clock: Callable[[], dt.datetime]) -> DocumentSigner:
    lib = load_module(method.module)
    token = find_token(lib, method.token_label)
    session = login(token, method.pin)
    try:
        key, cert = _pick_key(session, method.key_label, clock())
        key_type = _key_type(key, cert)
        plan = choose_plan(
            key_type,
            signing_mechanisms(token.slot),
            allowed=_allowed_mechanisms(key),
            prefer_local_hash=method.use_raw_mechanism,
            token_label=token.label.strip(),
        )
        log.info("signing with token %r: %s", token.label.strip(), plan.describe())
        signer = TokenKeySigner(
            key,
            cert,
            plan,
            chain=_other_certificates(session, cert),
            key_type_name=key_type.upper(),
            token_label=token.label.strip(),
        )
        certificate = x509.load_der_x509_certificate(cert.dump())
        check_validity(certificate, clock())
    except p11e.PKCS11Error as exc:
        session.close()
        if isinstance(exc, _GONE):
            raise TokenNotFoundError(label=_quoted(method.token_label)) from exc
        raise TokenKeyNotFoundError(label=_quoted(method.token_label), key=_quoted(method.key_label)) from exc
    except BaseException:
        session.close()
        raise
    return DocumentSigner(signer, certificate, clock=clock, on_close=session.close)


def signing_mechanisms(slot: Any) -> frozenset[Mechanism]:
    """The mechanisms the token lists with the CKF_SIGN flag (all it lists, if it gives no flags)."""
    offered = frozenset(slot.get_mechanisms())
    signing = set()
    for mechanism in offered:
        try:
            if slot.get_mechanism_info(mechanism).flags & MechanismFlag.SIGN:
                signing.add(mechanism)
        except (p11e.PKCS11Error, ValueError):
            return offered  # some vendors' libraries fail here: fall back to the plain list
    return frozenset(signing)


def _key_type(key: Any, cert: asn1_x509.Certificate) -> str:
    """ "rsa", "rsassa_pss" (a PSS-only certificate), "ec", or another name we cannot sign with."""
    algorithm = str(cert.public_key.algorithm)
    if algorithm in ("rsa", "rsassa_pss", "ec"):
        return algorithm
    return {KeyType.RSA: "rsa", KeyType.EC: "ec"}.get(_attribute(key, Attribute.KEY_TYPE), algorithm)


def _allowed_mechanisms(key: Any) -> frozenset[Mechanism] | None:
    """CKA_ALLOWED_MECHANISMS; None (no restriction) when absent or empty."""
    allowed = _attribute(key, Attribute.ALLOWED_MECHANISMS)
    return frozenset(allowed) if allowed else None


def _other_certificates(session: Any, cert: asn1_x509.Certificate) -> list[asn1_x509.Certificate]:
    """The CA chain, when the token carries it (embedded in the signature for validators)."""
    chain = []
    for obj in session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE}):
        value = _attribute(obj, Attribute.VALUE)
        if value:
            other = asn1_x509.Certificate.load(bytes(value))
            if other.dump() != cert.dump():
                chain.append(other)
    return chain


def load_module(module: str) -> Any:
    """The PKCS#11 library at ``module`` (python-pkcs11 keeps one instance per path)."""
    if not module or not Path(module).is_file():
        raise Pkcs11ModuleError(module=module)
    check_library_bits(module)  # a 32-bit DLL in a 64-bit program: say so, not "error 193"
    try:
        return pkcs11.lib(module)
    except (p11e.PKCS11Error, OSError, RuntimeError) as exc:
        raise Pkcs11ModuleError(module=module) from exc


def find_token(lib: Any, label: str) -> Any:
    """The token named ``label``; with an empty label, the only initialised token present."""
    try:
        slots = lib.get_slots(token_present=True)
    except p11e.PKCS11Error as exc:
        raise Pkcs11ModuleError(module=getattr(lib, "so", "")) from exc
    tokens = []
    for slot in slots:
        try:
            tokens.append(slot.get_token())
        except p11e.PKCS11Error:
            continue  # a reader without a usable card
    wanted = label.strip()
    if wanted:
        matches = [t for t in tokens if t.label.strip() == wanted]
    else:
        matches = [t for t in tokens if t.flags & TokenFlag.TOKEN_INITIALIZED]
    if not matches:
        raise TokenNotFoundError(label=_quoted(label))
    if len(matches) > 1:
        raise TokenAmbiguousError(count=len(matches))
    return matches[0]


def token_flags(token: Any) -> TokenFlag:
    """The token's flags as they are now (a Token object keeps those of when it was read)."""
    return TokenFlag(token.slot.get_token().flags)


def login(token: Any, pin: str) -> Any:
    """A session logged in with ``pin``: one attempt, never a retry."""
    if token.flags & TokenFlag.USER_PIN_LOCKED:
        raise PinLockedError()
    try:
        if not pin and token.flags & TokenFlag.PROTECTED_AUTHENTICATION_PATH:
            return token.open(
                user_pin=pkcs11.PROTECTED_AUTH, attribute_mapper=attribute_mapper()
            )  # a PIN pad
        return token.open(user_pin=pin, attribute_mapper=attribute_mapper())
    except (p11e.PinIncorrect, p11e.PinLenRange, p11e.PinInvalid) as exc:
        try:
            flags = token_flags(token)
        except p11e.PKCS11Error:
            flags = TokenFlag(0)
        if flags & TokenFlag.USER_PIN_LOCKED:
            raise PinLockedError() from exc
        raise PinIncorrectError(tries_left=1 if flags & TokenFlag.USER_PIN_FINAL_TRY else None) from exc
    except p11e.PinLocked as exc:
        raise PinLockedError() from exc
    except p11e.UserAlreadyLoggedIn as exc:
        raise TokenBusyError() from exc
    except _GONE as exc:
        raise TokenNotFoundError(label=_quoted(token.label)) from exc


def _pick_key(session: Any, key_label: str | None, now: dt.datetime) -> tuple[Any, asn1_x509.Certificate]:
    """The signing key and its certificate (matched by CKA_ID, as tokens pair them, else by label).

    With several keys, the one whose certificate is valid now wins.
    """
    query: dict[Attribute, Any] = {Attribute.CLASS: ObjectClass.PRIVATE_KEY}
    if key_label:
        query[Attribute.LABEL] = key_label
    keys = list(session.get_objects(query))
    if not keys:
        raise p11e.NoSuchKey("no private key")
    candidates: list[tuple[int, int, Any, asn1_x509.Certificate]] = []
    for index, key in enumerate(keys):
        key_id = _attribute(key, Attribute.ID) or None
        cert = _certificate_with_id(session, key_id) if key_id else None
        if cert is None and key_label:
            cert = _certificate_with_label(session, key_label)
        if cert is None:
            continue
        parsed = x509.load_der_x509_certificate(cert.dump())
        rank = 0 if parsed.not_valid_before_utc <= now <= parsed.not_valid_after_utc else 1
        candidates.append((rank, index, key, cert))
    if not candidates:
        raise p11e.NoSuchKey("no private key with a certificate")
    candidates.sort(key=lambda c: (c[0], c[1]))
    _rank, _index, key, cert = candidates[0]
    return key, cert


def _certificate_with_label(session: Any, label: str) -> asn1_x509.Certificate | None:
    for obj in session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE, Attribute.LABEL: label}):
        value = _attribute(obj, Attribute.VALUE)
        if value:
            return asn1_x509.Certificate.load(bytes(value))
    return None


def _certificate_with_id(session: Any, key_id: bytes) -> asn1_x509.Certificate | None:
    found = list(session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE, Attribute.ID: key_id}))
    for obj in found:
        value = _attribute(obj, Attribute.VALUE)
        if value:
            return asn1_x509.Certificate.load(bytes(value))
    return None


def _attribute(obj: Any, attribute: Attribute) -> Any:
    try:
        return obj[attribute]
    except (p11e.AttributeTypeInvalid, p11e.AttributeSensitive, KeyError, NotImplementedError):
        return None


def _quoted(label: str | None) -> str:
    return f' "{label}"' if label else ""
