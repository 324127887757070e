"""Refuse to sign with a certificate outside its validity period."""

from __future__ import annotations

import datetime as dt

from cryptography import x509
from cryptography.x509.oid import NameOID

from reports.signing.errors import CertificateExpiredError, CertificateNotYetValidError

VIETNAM_TIME = dt.timezone(dt.timedelta(hours=7), "+07:00")  # no daylight saving since 1975


def common_name(name: x509.Name) -> str:
    attrs = name.get_attributes_for_oid(NameOID.COMMON_NAME)
    if attrs:
        return str(attrs[0].value)
    return name.rfc4514_string()


def vn_date(moment: dt.datetime) -> str:
    """dd/mm/yyyy of the day in Vietnam."""
    return moment.astimezone(VIETNAM_TIME).strftime("%d/%m/%Y")


def check_validity(cert: x509.Certificate, now: dt.datetime) -> None:
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    if now > cert.not_valid_after_utc:
        raise CertificateExpiredError(
            name=common_name(cert.subject), expiry=vn_date(cert.not_valid_after_utc)
        )
    if now < cert.not_valid_before_utc:
        raise CertificateNotYetValidError(
            name=common_name(cert.subject), start=vn_date(cert.not_valid_before_utc)
        )
