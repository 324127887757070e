"""Signing report PDFs (PAdES, with pyHanko behind this package) and checking signatures.

Three parts, as in pyHanko: what to sign and how it shows (``SignatureBox``,
``SignatureAppearance``), who signs (``open_signer`` on a ``P12Method`` or a ``Pkcs11Method``
gives a ``DocumentSigner``), and the act (``DocumentSigner.sign``). ``verify_pdf`` checks the
signatures of a file; ``attach_file`` embeds the report's data before signing;
``discover_tokens`` lists the USB tokens plugged in (see ``reports.signing.discovery``).
"""

from reports.signing.appearance import SignatureAppearance
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
from reports.signing.verify import SignatureReport, verify_pdf

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
