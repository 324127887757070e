"""The act of signing: a PAdES signature in a visible field that we create on purpose.

pyHanko splits signing into what to sign (``PdfSignatureMetadata``), who signs (a
``Signer``) and the act (``PdfSigner``). We mirror it: ``SignatureBox`` and
``SignatureAppearance`` say where and how the signature shows, a ``DocumentSigner`` (made by
``reports.signing.methods.open_signer``) holds who signs, and ``DocumentSigner.sign`` is the act.

``sign`` is synchronous and runs an asyncio event loop inside (pyHanko's design): call it on
a worker thread, never on the UI thread, and never from inside a running event loop.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.sign import fields, signers
from pyhanko.sign.general import SigningError
from pyhanko.sign.timestamps import HTTPTimeStamper
from pyhanko.sign.timestamps.common_utils import TimestampRequestError

from reports.errors import CchcError
from reports.signing.appearance import DecreeStampStyle, SignatureAppearance
from reports.signing.errors import (
    AlreadySignedFieldError,
    PdfUnreadableError,
    SigningFailedError,
    TimestampUnavailableError,
    TokenNotFoundError,
)
from reports.signing.validity import check_validity

log = logging.getLogger(__name__)

DEFAULT_REASON = "Phê duyệt văn bản"
TIMESTAMP_TIMEOUT_SECONDS = 10

__all__ = ["DEFAULT_REASON", "DocumentSigner", "SignatureAppearance", "SignatureBox"]


@dataclass(frozen=True)
class SignatureBox:
    """Where the visible signature goes: a page (0-based, -1 = the last) and a rectangle.

    ``rect`` is (x1, y1, x2, y2) in PDF points from the bottom-left corner of the page.
    """

    page: int
    rect: tuple[float, float, float, float]

    @property
    def width(self) -> float:
        return abs(self.rect[2] - self.rect[0])

    @property
    def height(self) -> float:
        return abs(self.rect[3] - self.rect[1])


class DocumentSigner:
    """Who signs: a loaded key (a file's or a token's), reused for many signatures.

    Made by ``open_signer``; call ``close()`` (or use it as a context manager) when done, so
    a token session is logged out. One signature at a time: ``sign`` holds a lock.
    """

    def __init__(
        self,
        pyhanko_signer: signers.Signer,
        certificate: x509.Certificate,
        *,
        clock: Callable[[], dt.datetime] | None = None,
        on_close: Callable[[], None] | None = None,
    ) -> None:
        self._signer = pyhanko_signer
        self.certificate = certificate
        self._clock = clock or (lambda: dt.datetime.now(dt.UTC))
        self._on_close = on_close
        self._lock = threading.Lock()
        self._closed = False

    def __enter__(self) -> DocumentSigner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        with self._lock:
            if not self._closed:
                self._closed = True
                if self._on_close is not None:
                    self._on_close()

    def sign(
        self,
        pdf: bytes,
        *,
        box: SignatureBox,
        appearance: SignatureAppearance,
        reason: str = DEFAULT_REASON,
        location: str = "",
        timestamp_url: str | None = None,
        field_name: str = "ChuKySo1",
    ) -> bytes:
        """The signed PDF: ``pdf`` with an incremental update holding a PAdES B-B signature.

        With ``timestamp_url`` the signature gets an RFC 3161 timestamp (PAdES B-T); if the
        server cannot be reached, ``TimestampUnavailableError`` is raised and nothing is signed
        (the caller decides whether to sign without it).
        """
        with self._lock:
            if self._closed:
                raise RuntimeError("this DocumentSigner is closed")
            check_validity(self.certificate, self._clock())
            return self._sign(pdf, box, appearance, reason, location, timestamp_url, field_name)

    def _sign(
        self,
        pdf: bytes,
        box: SignatureBox,
        appearance: SignatureAppearance,
        reason: str,
        location: str,
        timestamp_url: str | None,
        field_name: str,
    ) -> bytes:
        try:
            writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
            page_count = int(writer.root["/Pages"]["/Count"])
            existing = {name: value for name, value, _ref in fields.enumerate_sig_fields(writer)}
        except (PdfError, KeyError, TypeError, ValueError) as exc:
            raise PdfUnreadableError(detail=str(exc) or type(exc).__name__) from exc
        page = box.page if box.page >= 0 else page_count + box.page
        if not 0 <= page < page_count:
            raise ValueError(f"page {box.page} is outside a {page_count}-page document")
        x1, y1, x2, y2 = box.rect
        rect = (min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2))
        if rect[2] - rect[0] < 10 or rect[3] - rect[1] < 10:
            raise ValueError(f"signature box {box.rect} is too small")

        if field_name in existing:
            if existing[field_name] is not None:
                raise AlreadySignedFieldError(field=field_name)
            # pyHanko would sign an existing empty field wherever it is; we only sign where asked.
            raise ValueError(f"the document already has an empty signature field {field_name!r}")

        meta = signers.PdfSignatureMetadata(
            field_name=field_name,
            subfilter=fields.SigSeedSubFilter.PADES,
            md_algorithm="sha256",
            reason=reason or None,
            location=location or None,
            # Reserve exactly what the signature takes (pyHanko otherwise adds half again, as
            # zeros in the file). Safe only when its size is fixed: an RSA signature with no
            # timestamp token (a TSA's reply, or an ECDSA value, varies in length).
            tight_size_estimates=timestamp_url is None and isinstance(self.certificate.public_key(), rsa.RSAPublicKey),
        )
        # Create the visible field ourselves: naming a field that does not exist would
        # otherwise make pyHanko add an invisible one.
        field_spec = fields.SigFieldSpec(sig_field_name=field_name, on_page=page, box=rect)  # type: ignore[arg-type]
        timestamper = (
            HTTPTimeStamper(timestamp_url, timeout=TIMESTAMP_TIMEOUT_SECONDS) if timestamp_url else None
        )
        pdf_signer = signers.PdfSigner(
            meta,
            self._signer,
            timestamper=timestamper,
            stamp_style=DecreeStampStyle(appearance=appearance, page=page),
            new_field_spec=field_spec,
        )
        try:
            out = pdf_signer.sign_pdf(writer)
        except CchcError:
            raise
        except Exception as exc:
            if timestamp_url and _caused_by_timestamp(exc):
                raise TimestampUnavailableError(url=timestamp_url) from exc
            if _is_pkcs11_error(exc) and type(exc).__name__ in _TOKEN_GONE:
                raise TokenNotFoundError(label="") from exc
            if isinstance(exc, PdfError):
                raise PdfUnreadableError(detail=str(exc) or type(exc).__name__) from exc
            if isinstance(exc, (SigningError, OSError)) or _is_pkcs11_error(exc):
                log.warning("signing failed: %s", type(exc).__name__)
                raise SigningFailedError(detail=type(exc).__name__) from exc
            raise
        return bytes(out.getbuffer())


def _caused_by_timestamp(exc: BaseException) -> bool:
    """Whether the failure came from talking to the timestamp server."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, TimestampRequestError):
            return True
        module = type(current).__module__
        if module.startswith(("aiohttp", "asyncio")) or isinstance(current, (OSError, TimeoutError)):
            return True
        current = current.__cause__ or current.__context__
    return False


_TOKEN_GONE = frozenset(
    {
        "DeviceRemoved",
        "DeviceError",
        "TokenNotPresent",
        "TokenNotRecognised",
        "SessionClosed",
        "SessionHandleInvalid",
    }
)


def _is_pkcs11_error(exc: BaseException) -> bool:
    return type(exc).__module__.startswith("pkcs11")
