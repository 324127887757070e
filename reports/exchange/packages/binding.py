"""Is the package for us, and from whom it says? The checks that need the caller's records.

``read_package`` proves that a package is intact and which certificate signed it. Whether
that certificate is the one confirmed for the sender unit (bound after comparing its
fingerprint by phone), and whether the package is addressed to this office, depends on the
database: the caller looks those up and asks here, so the wording stays in one place.
"""

from __future__ import annotations

from collections.abc import Collection

from reports.exchange.packages.errors import (
    CertificateBoundElsewhereError,
    CertificateNotBoundError,
    WrongRecipientError,
)
from reports.exchange.packages.reader import OpenedPackage
from reports.signing.keys import format_fingerprint


def normalize_fingerprint(text: str) -> str:
    """``"AB12 CD34 …"``, ``"ab:12:…"`` or hex: all the same lowercase hex."""
    return "".join(c for c in text if c not in " :-\t").lower()


def check_addressed_to(opened: OpenedPackage, unit_code: str) -> None:
    recipient = opened.manifest.recipient
    if recipient.unit_code != unit_code:
        raise WrongRecipientError(
            name=opened.name,
            recipient_name=recipient.unit_name,
            recipient_code=recipient.unit_code,
            unit_code=unit_code,
        )


def check_sender_binding(
    opened: OpenedPackage, bound_fingerprints: Collection[str], *, bound_to: str | None = None
) -> None:
    """Accept the package only if its certificate is one bound to the sender unit.

    ``bound_fingerprints``: the certificates bound to ``manifest.sender.unit_code`` (hex or
    grouped). ``bound_to``: the unit the package's certificate is bound to, if it is bound to
    any; naming another unit turns "not confirmed yet" into "belongs to someone else".
    """
    sender = opened.manifest.sender
    if opened.fingerprint in {normalize_fingerprint(f) for f in bound_fingerprints}:
        return
    if bound_to is not None and bound_to != sender.unit_code:
        raise CertificateBoundElsewhereError(
            name=opened.name, sender_name=sender.unit_name, sender_code=sender.unit_code, bound_to=bound_to
        )
    trust_file = opened.name or "FILE.cchc"
    if " " in trust_file:
        trust_file = f'"{trust_file}"'
    raise CertificateNotBoundError(
        name=opened.name,
        sender_name=sender.unit_name,
        sender_code=sender.unit_code,
        fingerprint=format_fingerprint(opened.certificate),
        trust_file=trust_file,
    )
