"""Signing report PDFs (PAdES, with pyHanko behind this package) and checking signatures.

Three parts, as in pyHanko: what to sign and how it shows (``SignatureBox``,
``SignatureAppearance``), who signs (``open_signer`` on a ``P12Method`` or a ``Pkcs11Method``
gives a ``DocumentSigner``), and the act (``DocumentSigner.sign``). ``verify_pdf`` checks the
signatures of a file; ``attach_file`` embeds the report's data before signing;
``discover_tokens`` lists the USB tokens plugged in (see ``reports.signing.discovery``).

The names load on first use (PEP 562): importing this package, or one of its light modules
(``keys``, ``stamp_text``, ``validity``, ``errors``), does not import pyHanko, which costs a
command a few hundred milliseconds it mostly does not need.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reports.signing.attachments import attach_file, list_attachments, read_attachment
    from reports.signing.discovery import DiscoveredToken, TokenDiscovery, discover_tokens
    from reports.signing.errors import (
        AlreadySignedFieldError,
        CertificateExpiredError,
        CertificateNotYetValidError,
        PdfUnreadableError,
        PinIncorrectError,
        PinLockedError,
        Pkcs11ModuleError,
        SignatureImageError,
        SigningFailedError,
        TimestampUnavailableError,
        TokenKeyNotFoundError,
        TokenNotFoundError,
    )
    from reports.signing.methods import P12Method, Pkcs11Method, SigningMethod, open_signer
    from reports.signing.sign import DocumentSigner, SignatureBox
    from reports.signing.stamp_text import SignatureAppearance
    from reports.signing.verify import SignatureReport, verify_pdf

_WHERE = {
    "AlreadySignedFieldError": "errors",
    "CertificateExpiredError": "errors",
    "CertificateNotYetValidError": "errors",
    "DiscoveredToken": "discovery",
    "DocumentSigner": "sign",
    "P12Method": "methods",
    "PdfUnreadableError": "errors",
    "PinIncorrectError": "errors",
    "PinLockedError": "errors",
    "Pkcs11Method": "methods",
    "Pkcs11ModuleError": "errors",
    "SignatureAppearance": "stamp_text",
    "SignatureBox": "sign",
    "SignatureImageError": "errors",
    "SignatureReport": "verify",
    "SigningFailedError": "errors",
    "SigningMethod": "methods",
    "TimestampUnavailableError": "errors",
    "TokenDiscovery": "discovery",
    "TokenKeyNotFoundError": "errors",
    "TokenNotFoundError": "errors",
    "attach_file": "attachments",
    "discover_tokens": "discovery",
    "list_attachments": "attachments",
    "open_signer": "methods",
    "read_attachment": "attachments",
    "verify_pdf": "verify",
}

__all__ = [
    "AlreadySignedFieldError",
    "CertificateExpiredError",
    "CertificateNotYetValidError",
    "DiscoveredToken",
    "DocumentSigner",
    "P12Method",
    "PdfUnreadableError",
    "PinIncorrectError",
    "PinLockedError",
    "Pkcs11Method",
    "Pkcs11ModuleError",
    "SignatureAppearance",
    "SignatureBox",
    "SignatureImageError",
    "SignatureReport",
    "SigningFailedError",
    "SigningMethod",
    "TimestampUnavailableError",
    "TokenDiscovery",
    "TokenKeyNotFoundError",
    "TokenNotFoundError",
    "attach_file",
    "discover_tokens",
    "list_attachments",
    "open_signer",
    "read_attachment",
    "verify_pdf",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
