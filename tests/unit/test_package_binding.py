"""The two checks that need the caller's records: the recipient, and the sender's certificate."""

from __future__ import annotations

import datetime as dt
import functools

import pytest

from reports.exchange.packages import (
    OpenedPackage,
    PackageRejectedError,
    PartyRef,
    RejectionReason,
    check_addressed_to,
    check_sender_binding,
    read_package,
    write_package,
)
from reports.signing.keys import (
    INSTALLATION_MARK,
    KeyPair,
    create_key_pair,
    fingerprint_hex,
    format_fingerprint,
)

SENDER = PartyRef("26734", "UBND xã Tân Phú")
RECIPIENT = PartyRef("79", "Sở Nội vụ TP. Hồ Chí Minh")


@functools.cache
def key() -> KeyPair:
    return create_key_pair("Máy UBND xã", "UBND xã Tân Phú", "26734", algorithm="ec", mark=INSTALLATION_MARK)


@functools.cache
def package_bytes() -> bytes:
    return write_package(
        kind="submission",
        sender=SENDER,
        recipient=RECIPIENT,
        members={"reports/2025-Q1.json": b"{}"},
        key=key(),
        created_at=dt.datetime(2025, 4, 10, tzinfo=dt.UTC),
        app_version="0.1.0",
    )


def opened(name: str | None = "26734_2025-Q1_3f2a9c1d.cchc") -> OpenedPackage:
    return read_package(package_bytes(), name=name)


def test_addressed_to_us() -> None:
    check_addressed_to(opened(), "79")


def test_addressed_to_another_office() -> None:
    with pytest.raises(PackageRejectedError) as info:
        check_addressed_to(opened(), "01")
    assert info.value.reason is RejectionReason.WRONG_RECIPIENT
    message = info.value.message("vi")
    assert "“26734_2025-Q1_3f2a9c1d.cchc”" in message
    assert "Sở Nội vụ TP. Hồ Chí Minh (mã 79)" in message and "(mã 01)" in message


@pytest.mark.parametrize(
    "spelling", [fingerprint_hex, format_fingerprint, lambda c: fingerprint_hex(c).upper()]
)
def test_bound_certificate_in_any_spelling(spelling: object) -> None:
    check_sender_binding(opened(), ["00" * 32, spelling(key().certificate)])  # type: ignore[operator]


def test_certificate_not_bound_yet_says_how_to_trust_it() -> None:
    with pytest.raises(PackageRejectedError) as info:
        check_sender_binding(opened(), [])
    assert info.value.reason is RejectionReason.CERTIFICATE_NOT_BOUND
    message = info.value.message("vi")
    assert format_fingerprint(key().certificate) in message
    assert "cchc units trust 26734_2025-Q1_3f2a9c1d.cchc" in message
    assert "UBND xã Tân Phú (mã 26734)" in message


@pytest.mark.parametrize(("name", "shown"), [(None, "FILE.cchc"), ("gói quý 1.cchc", '"gói quý 1.cchc"')])
def test_trust_command_names_a_file_the_shell_can_take(name: str | None, shown: str) -> None:
    with pytest.raises(PackageRejectedError) as info:
        check_sender_binding(opened(name), [])
    assert f"cchc units trust {shown} rồi nhận lại gói" in info.value.message("vi")


def test_certificate_bound_to_another_commune() -> None:
    with pytest.raises(PackageRejectedError) as info:
        check_sender_binding(opened(), [], bound_to="26737")
    assert info.value.reason is RejectionReason.CERTIFICATE_BOUND_ELSEWHERE
    assert "26737" in info.value.message("vi") and "UBND xã Tân Phú" in info.value.message("vi")


def test_bound_to_the_sender_but_not_listed_is_still_not_bound() -> None:
    with pytest.raises(PackageRejectedError) as info:
        check_sender_binding(opened(), [], bound_to="26734")
    assert info.value.reason is RejectionReason.CERTIFICATE_NOT_BOUND
