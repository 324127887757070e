"""Checking the signatures of a PDF, offline, against the trust roots we are given.

Two questions per signature, answered separately:

* **intact**: the signature is cryptographically valid, and nothing in the document was
  changed after it: it covers the whole file, or later revisions only add signatures,
  timestamps or validation data (pyHanko's difference analysis, at most form filling);
* **trusted**: its certificate chains to one of ``trust_roots`` (always explicit: the
  reviewer's list; no operating-system store, no network), is usable for signing and was
  not expired. ``trust_problem`` says why not, in plain Vietnamese.

A damaged or hostile file never raises anything but ``PdfUnreadableError``.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import KeyUsageConstraints, validate_pdf_signature
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko.sign.validation.status import PdfSignatureStatus, SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from reports.signing.errors import PdfUnreadableError
from reports.signing.keys import SELF_ISSUED_MARK, is_self_issued, unit_code_of
from reports.signing.parsing_speedups import install as install_speedups
from reports.signing.validity import VIETNAM_TIME, common_name, vn_date

log = logging.getLogger(__name__)
install_speedups()  # the same answers, faster: see the module

__all__ = ["SignatureReport", "verify_pdf", "verify_pdf_and_attachment"]


@dataclass(frozen=True)
class SignatureReport:
    field_name: str
    signer_name: str
    signer_unit_code: str | None  # the subject's UID, which our certificates carry
    issuer: str
    signing_time: dt.datetime | None  # aware, in Vietnam time; from the timestamp when there is one
    intact: bool
    trusted: bool
    trust_problem: str  # "" when trusted
    certificate: x509.Certificate
    self_issued: bool
    timestamped: bool = False  # a valid RFC 3161 timestamp (PAdES B-T) vouches for the time


# Changes after a signature that leave it intact: more signatures, timestamps, validation data.
_ALLOWED_AFTER_SIGNING = ModificationLevel.FORM_FILLING


def verify_pdf(pdf: bytes, trust_roots: Sequence[x509.Certificate]) -> list[SignatureReport]:
    """One report per signature, in signing order; ``[]`` when the PDF is not signed.

    Synchronous, with an event loop inside (pyHanko's): call it on a worker thread.
    """
    return verify_pdf_and_attachment(pdf, trust_roots, None)[0]


def verify_pdf_and_attachment(
    pdf: bytes, trust_roots: Sequence[x509.Certificate], attachment: str | None
) -> tuple[list[SignatureReport], bytes | None]:
    """``verify_pdf``, and the embedded file ``attachment`` read from the same parse of the file."""
    from reports.signing.attachments import attachment_of

    _refuse_running_loop()
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        signatures = list(reader.embedded_regular_signatures)
    except Exception as exc:  # anything a damaged or hostile file can provoke
        raise PdfUnreadableError(detail=_short(exc)) from exc
    roots = [_asn1(c) for c in trust_roots]
    reports = [_check(sig, roots) for sig in signatures]
    return reports, (attachment_of(reader, attachment) if attachment is not None else None)


def _asn1(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(Encoding.DER))


def _check(sig: EmbeddedPdfSignature, roots: list[asn1_x509.Certificate]) -> SignatureReport:
    try:
        certificate = x509.load_der_x509_certificate(sig.signer_cert.dump())
        field_name = str(sig.field_name)
    except Exception as exc:
        raise PdfUnreadableError(detail=_short(exc)) from exc
    # A fresh context per signature: certificate validation caches results in it.
    context = ValidationContext(trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail")
    try:
        status = validate_pdf_signature(
            sig,
            signer_validation_context=context,
            key_usage_settings=KeyUsageConstraints(
                key_usage={"non_repudiation", "digital_signature"}, match_all_key_usages=False
            ),
        )
    except Exception as exc:  # a mangled signature: report it broken, keep going
        log.info("signature %s could not be validated: %s", field_name, _short(exc))
        return _report(
            sig,
            certificate,
            field_name,
            None,
            intact=False,
            trusted=False,
            problem="Chữ ký số bị hỏng, không kiểm tra được.",
        )
    intact = _intact(status)
    trusted = intact and status.trusted
    problem = "" if trusted else _trust_problem(status, certificate, intact)
    if not trusted and intact and problem.startswith(_UNKNOWN_ISSUER_START):
        problem = _missing_intermediate(sig, certificate, roots) or problem
    return _report(sig, certificate, field_name, status, intact=intact, trusted=trusted, problem=problem)


def _intact(status: PdfSignatureStatus) -> bool:
    if not (status.intact and status.valid):
        return False
    if status.coverage == SignatureCoverageLevel.ENTIRE_FILE:
        return True
    if status.coverage != SignatureCoverageLevel.ENTIRE_REVISION:
        return False
    level = status.modification_level
    return bool(status.docmdp_ok) and level is not None and level.value <= _ALLOWED_AFTER_SIGNING.value


def _trust_problem(status: PdfSignatureStatus, cert: x509.Certificate, intact: bool) -> str:
    if not intact:
        if status.intact and status.valid:
            return "Văn bản đã bị sửa đổi sau khi ký: chữ ký không còn giá trị cho nội dung hiện tại."
        return "Nội dung văn bản không khớp với chữ ký: văn bản đã bị sửa đổi hoặc chữ ký bị hỏng."
    indic = "" if status.trust_problem_indic is None else str(getattr(status.trust_problem_indic, "name", ""))
    expiry = vn_date(cert.not_valid_after_utc)
    if indic in ("EXPIRED", "OUT_OF_BOUNDS_NO_POE", "OUT_OF_BOUNDS_NOT_REVOKED"):
        return f"Chứng thư số đã hết hạn ngày {expiry}."
    if indic == "NOT_YET_VALID":
        return f"Chứng thư số chưa có hiệu lực (hiệu lực từ ngày {vn_date(cert.not_valid_before_utc)})."
    if indic.startswith("REVOKED"):
        return "Chứng thư số đã bị thu hồi."
    if indic == "SIG_CONSTRAINTS_FAILURE":
        return "Chứng thư số không được cấp cho mục đích ký văn bản."
    if indic.startswith("CRYPTO_CONSTRAINTS"):
        return "Chữ ký dùng thuật toán không còn được chấp nhận."
    if indic in (
        "NO_CERTIFICATE_CHAIN_FOUND",
        "CHAIN_CONSTRAINTS_FAILURE",
        "CERTIFICATE_CHAIN_GENERAL_FAILURE",
        "",
    ):
        if is_self_issued(cert):
            return (
                "Chứng thư tự cấp (không do tổ chức chứng thực cấp) và chưa có trong danh sách tin "
                "cậy. Nếu đúng là chứng thư của đơn vị, hãy thêm nó vào danh sách tin cậy."
            )
        return (
            f'{_UNKNOWN_ISSUER_START}"{common_name(cert.issuer)}" cấp, không thuộc tổ chức chứng thực '
            "nào trong danh sách tin cậy."
        )
    return f"Không xác nhận được chứng thư số ({indic})."


_UNKNOWN_ISSUER_START = "Chứng thư số do "


def _missing_intermediate(
    sig: EmbeddedPdfSignature, cert: x509.Certificate, roots: list[asn1_x509.Certificate]
) -> str | None:
    """When the signer's certificate comes from a CA whose own certificate is neither embedded
    in the signature nor trusted, the chain cannot be built offline: say which certificate is
    missing, where the certificate itself says it can be downloaded, and how to add it."""
    issuer_der = cert.issuer.public_bytes()
    try:
        embedded = [c.subject.dump() for c in sig.other_embedded_certs]
    except Exception:  # a mangled certificate set: keep the general message
        return None
    if issuer_der in embedded or any(r.subject.dump() == issuer_der for r in roots):
        return None
    name = common_name(cert.issuer)
    where = ""
    try:
        aia = cert.extensions.get_extension_for_class(x509.AuthorityInformationAccess).value
        urls = [str(d.access_location.value) for d in aia
                if d.access_method == x509.oid.AuthorityInformationAccessOID.CA_ISSUERS]
        if urls:
            where = f" (tải tại {urls[0]})"
    except x509.ExtensionNotFound:
        pass
    return (
        f'Thiếu chứng thư trung gian "{name}": chữ ký không gắn kèm chứng thư của tổ chức đã cấp chứng thư cho '
        "người ký, nên không nối được tới chứng thư gốc trong danh sách tin cậy. Hãy lấy tệp chứng thư của "
        f'"{name}"{where} từ tổ chức cung cấp chữ ký số, kiểm tra vân tay rồi thêm bằng lệnh '
        "cchc trust add TỆP.cer (trang Tin cậy); hoặc đề nghị người ký ký lại bằng USB ký số có chứa chứng "
        "thư trung gian."
    )


def _report(
    sig: EmbeddedPdfSignature,
    cert: x509.Certificate,
    field_name: str,
    status: PdfSignatureStatus | None,
    *,
    intact: bool,
    trusted: bool,
    problem: str,
) -> SignatureReport:
    when: dt.datetime | None = None
    timestamped = False
    if status is not None:
        tst = status.timestamp_validity
        if tst is not None and tst.intact and tst.valid:
            when, timestamped = tst.timestamp, True
        else:
            when = status.signer_reported_dt
    if when is None:
        try:
            when = sig.self_reported_timestamp
        except Exception:
            when = None
    subject_ou = cert.subject.get_attributes_for_oid(x509.oid.NameOID.ORGANIZATIONAL_UNIT_NAME)
    # The mark may be cut to fit the 64-byte limit of a name attribute.
    marked = any(len(str(a.value)) >= 16 and SELF_ISSUED_MARK.startswith(str(a.value)) for a in subject_ou)
    self_issued = is_self_issued(cert) or marked
    return SignatureReport(
        field_name=field_name,
        signer_name=common_name(cert.subject),
        signer_unit_code=unit_code_of(cert),
        issuer=common_name(cert.issuer),
        signing_time=when.astimezone(VIETNAM_TIME) if when is not None and when.tzinfo else when,
        intact=intact,
        trusted=trusted,
        trust_problem=problem,
        certificate=cert,
        self_issued=self_issued,
        timestamped=timestamped,
    )


def _refuse_running_loop() -> None:
    # pyHanko runs asyncio.run() inside; from a running loop that fails, and the failure would
    # otherwise be reported as a broken signature.
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return
    raise RuntimeError("verify_pdf runs its own event loop: call it from a worker thread")


def _short(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text[:200]
