"""Issuing a report as an official document: the PDF, the signature, the trust store.

This is where the store, the renderer and the signer meet; the CLI (``cchc pdf``, ``cchc
sign``, ``cchc verify``, ``cchc keys``) and the desktop call these functions and nothing
below them. Heavy libraries (reportlab, pyHanko) are imported here only when first used, so
the desktop window opens fast.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from forms.engine import evaluate
from reports.clock import iso
from reports.errors import CchcError, UsageError
from reports.filenames import safe_file_name
from reports.files import write_atomic
from reports.storage import bindings
from reports.storage.lifecycle import Status
from reports.storage.store import Report
from reports.workspace import Workspace

if TYPE_CHECKING:
    from cryptography import x509

    from reports.documents.model import RenderedDocument, ReportDocument
    from reports.signing import DocumentSigner, SignatureReport, SigningMethod
    from reports.signing.keys import KeyPair

DATA_ATTACHMENT = "bao-cao.json"
DATA_FORMAT = "cchc-report/1"


class NotSignableError(CchcError):
    code = "sign.not_final"
    vi = "Chỉ ký được báo cáo đã hoàn thành. Báo cáo số {report_id} đang ở trạng thái “{status}”: hãy bấm Hoàn thành (cchc report finalize {report_id}) trước."
    en = "Only a final report can be signed. Report {report_id} is “{status_en}”: finalise it first (cchc report finalize {report_id})."
    exit_code = 1


class NoSignerKeyError(CchcError):
    code = "sign.no_key"
    vi = "Chưa có chứng thư số để ký. Hãy tạo chứng thư cho máy này (cchc keys create --name \"Họ tên\"), nhập tệp .p12 (cchc keys import), hoặc chọn USB ký số trong Cài đặt."
    en = "There is no signing certificate yet. Create one for this computer (cchc keys create --name \"Full name\"), import a .p12 (cchc keys import), or choose a USB token in Settings."


class SignerKeyExistsError(CchcError):
    code = "keys.exists"
    vi = "Máy này đã có chứng thư ký tự cấp ({path}). Dùng --replace nếu thật sự muốn tạo chứng thư mới (các văn bản đã ký vẫn giữ nguyên chữ ký cũ)."
    en = "This computer already has a self-issued signing certificate ({path}). Use --replace to make a new one (documents already signed keep their signatures)."


class SignerNameMissingError(CchcError):
    code = "sign.no_signer_name"
    vi = "Chưa có họ tên người ký: văn bản ký số phải ghi họ tên người ký dưới chữ ký (Nghị định 30/2020/NĐ-CP). Hãy nhập họ tên người ký trong Cài đặt (cchc unit set signer_name=\"Họ tên\") rồi ký lại."
    en = "The signer's name is not set: a signed document must show the signer's name under the signature (Decree 30/2020). Enter the signer's name in Settings (cchc unit set signer_name=\"Full name\"), then sign again."


class ImageFileError(CchcError):
    code = "sign.image_unreadable"
    vi = "Không đọc được tệp ảnh {path}. Hãy chọn lại ảnh chữ ký/con dấu (PNG nền trong suốt) trong Cài đặt."
    en = "Cannot read the image file {path}. Choose the signature/seal image (transparent PNG) again in Settings."


# ---------------------------------------------------------------- the report's data


def report_data(ws: Workspace, report: Report) -> dict[str, Any]:
    """The report's figures as embedded in its PDF and carried in packages."""
    return {
        "format": DATA_FORMAT,
        "report_uid": report.uid,
        "unit_code": report.unit_code,
        "unit_name": report.unit_name,
        "form_id": report.form_id,
        "form_version": report.form_version,
        "period": report.period.code,
        "revision": report.revision,
        "doc_number": report.doc_number,
        "issued_on": report.issued_on.isoformat() if report.issued_on else None,
        "values": report.values,
        "content_sha256": report.content_sha256,
    }


def canonical_json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


# ---------------------------------------------------------------- the PDF


def report_document(ws: Workspace, report: Report, *, draft: bool | None = None) -> ReportDocument:
    from forms.periods import Period  # noqa: F401  (kept for readers: report.period is a Period)
    from reports.documents.model import Issuer, ReportDocument, SignerBlock

    unit = ws.require_unit()
    d = ws.store.definition(report)
    values = evaluate(d, report.values).values
    copies = tuple(x.strip() for x in ws.settings.get("copies_to").splitlines() if x.strip())
    archive = tuple(x.strip() for x in ws.settings.get("archive_units").split(",") if x.strip())
    is_draft = report.status is Status.DRAFT if draft is None else draft
    parent = "ỦY BAN NHÂN DÂN"
    body = unit.name.upper()
    if unit.role.value == "reviewer":
        parent = f"UBND {unit.province_name.upper()}"
    return ReportDocument(
        definition=d,
        values=values,
        period=report.period,
        issuer=Issuer(body_parent=parent, body_name=body, place=unit.place or unit.short_name, symbol=unit.doc_symbol),
        signer=SignerBlock(authority=unit.authority_line, position=unit.position_line, name=unit.signer_name),
        recipient=unit.reviewer_name,
        number=report.doc_number,
        issued_on=report.issued_on,
        copies_to=copies,
        archive_units=archive or ("VT",),
        draft=is_draft,
        demo=ws.is_demo,
        revision=report.revision,
        author_unit_code=report.unit_code,
        unit_name=report.unit_name,
        **_annex(ws, report, d),
    )


def _annex(ws: Workspace, report: Report, d: Any) -> dict[str, Any]:
    """A scoring report's evidence and explanations, for the annex."""
    if d.kind != "scoring":
        return {}
    from reports.documents.model import EvidenceRow

    def name(field_id: str) -> str:
        f = d.field(field_id)
        number = f.group.split(" ", 1)[0] if f.group[:1].isdigit() else ""
        return f"{number} {f.label}".strip()

    files = ws.evidence_files
    rows = tuple(EvidenceRow(name(i.field), i.number, i.date, i.title or i.name, i.page) for i in files.items(report.id))
    explained = {i.field for i in files.items(report.id)}
    notes = tuple((name(k), v) for k, v in files.explanations(report.id).items() if k not in explained)
    return {"evidence": rows, "explanations": notes}


def render_pdf(ws: Workspace, report_id: int, *, draft: bool | None = None) -> RenderedDocument:
    """The report's PDF with its data attached; a draft carries the "BẢN NHÁP" mark. What it
    was drawn from besides the figures is attached too (``layout_record``): a reviewer can
    draw it again and compare."""
    from reports.documents.embedded import EmbeddedFile
    from reports.documents.layout_record import LAYOUT_ATTACHMENT, layout_of
    from reports.documents.render import render_report

    report = ws.store.get(report_id)
    doc = report_document(ws, report, draft=draft)
    data = EmbeddedFile(DATA_ATTACHMENT, canonical_json(report_data(ws, report)), "Dữ liệu báo cáo (JSON)")
    layout = EmbeddedFile(LAYOUT_ATTACHMENT, canonical_json(layout_of(doc)), "Trình bày văn bản (JSON)")
    return render_report(doc, [data, layout])


def pdf_for(ws: Workspace, report_id: int) -> bytes:
    """The signed PDF when there is one, otherwise a fresh rendering."""
    signed = ws.store.signed_pdf(report_id)
    return signed if signed is not None else render_pdf(ws, report_id).pdf


# ---------------------------------------------------------------- keys


def create_signer_key(ws: Workspace, name: str, password: str, *, algorithm: str = "rsa", replace: bool = False) -> KeyPair:
    """The self-issued signing certificate for a commune with no token."""
    from reports.signing.keys import SELF_ISSUED_MARK, create_key_pair

    unit = ws.require_unit()
    path = ws.paths.signer_key
    if path.exists() and not replace:
        raise SignerKeyExistsError(path=str(path))
    if len(password) < 6:
        raise UsageError(detail="Mật khẩu chứng thư phải có ít nhất 6 ký tự.",
                         detail_en="The certificate password must have at least 6 characters.")
    pair = create_key_pair(name, unit.name, unit.code, algorithm=algorithm, mark=SELF_ISSUED_MARK)
    write_atomic(path, pair.to_p12(password, name), private=True)
    path.with_suffix(".pem").write_bytes(pair.cert_pem())
    ws.settings.set("signing_method", "self")
    return pair


def import_p12(ws: Workspace, source: Path, password: str) -> KeyPair:
    """Copy a CA-issued .p12/.pfx into the data folder and make it the signing method."""
    from reports.signing.keys import fingerprint_hex, load_p12_file

    pair = load_p12_file(source, password)  # wrong password or damaged file: a clear error
    target = ws.paths.keys / f"imported-{fingerprint_hex(pair.certificate)[:16]}.p12"
    shutil.copyfile(source, target)
    ws.settings.set("p12_path", str(target))
    ws.settings.set("signing_method", "p12")
    return pair


def signer_certificate(ws: Workspace) -> x509.Certificate | None:
    from reports.signing.keys import load_certificate

    pem = ws.paths.signer_key.with_suffix(".pem")
    return load_certificate(pem.read_bytes()) if pem.exists() else None


def export_certificate(ws: Workspace, target: Path, *, installation: bool) -> x509.Certificate:
    from cryptography.hazmat.primitives import serialization

    if installation:
        cert = ws.installation_key.certificate
    else:
        found = signer_certificate(ws)
        if found is None:
            raise NoSignerKeyError()
        cert = found
    target.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return cert


def signing_method(
    ws: Workspace,
    *,
    secret: str,
    p12: Path | None = None,
    pkcs11_module: str | None = None,
    token_label: str | None = None,
) -> SigningMethod:
    """The method named on the command line, or else the one configured for the unit."""
    from reports.signing import P12Method, Pkcs11Method

    s = ws.settings
    if p12 is not None:
        return P12Method(Path(p12), secret)
    if pkcs11_module is not None:
        return Pkcs11Method(pkcs11_module, token_label or "", secret, use_raw_mechanism=s.get("pkcs11_raw_mechanism"))
    method = s.get("signing_method")
    if method == "pkcs11":
        module, label = s.get("pkcs11_module"), s.get("pkcs11_token_label")
        if not module:
            module, label = discovered_token(label)
        return Pkcs11Method(module, label, secret, use_raw_mechanism=s.get("pkcs11_raw_mechanism"))
    if method == "p12":
        if not s.get("p12_path"):
            raise NoSignerKeyError()
        return P12Method(Path(s.get("p12_path")), secret)
    if not ws.paths.signer_key.exists():
        raise NoSignerKeyError()
    return P12Method(ws.paths.signer_key, secret)


def discovered_token(label: str = "") -> tuple[str, str]:
    """No library set: the one token plugged in (or the one named ``label``), found among the
    Vietnamese CAs' libraries (``reports.signing.discovery``); its library and label."""
    from reports.signing.discovery import discover_tokens
    from reports.signing.errors import TokenNotFoundError
    from reports.signing.token import TokenAmbiguousError

    found = discover_tokens()
    tokens = [t for t in found.tokens if not label or t.label == label]
    if len(tokens) == 1:
        return tokens[0].module, tokens[0].label
    if tokens:
        raise TokenAmbiguousError(count=len(tokens))
    if found.problems and len(found.problems) == found.searched:
        raise found.problems[0].error  # e.g. only a 32-bit library: say that, not "plug it in"
    raise TokenNotFoundError(label=f' "{label}"' if label else "")


def needs_pin(ws: Workspace) -> bool:
    return ws.settings.get("signing_method") == "pkcs11"


# ---------------------------------------------------------------- signing


def _image(ws: Workspace, key: str) -> bytes | None:
    path = ws.settings.get(key)
    if not path:
        return None
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise ImageFileError(path=path) from exc


@dataclass(frozen=True)
class SignedReport:
    report: Report
    pdf: bytes
    path: Path


def sign_report(ws: Workspace, report_id: int, signer: DocumentSigner, *, output: Path | None = None) -> SignedReport:
    """Render the final document, embed its data, sign it, store it with the report."""
    from reports.signing import SignatureAppearance, SignatureBox
    from reports.signing.compaction import compact_pdf

    report = ws.store.get(report_id)
    if report.status is not Status.FINAL:
        raise NotSignableError(report_id=report_id, status=report.status.label_vi, status_en=report.status.label_en)
    unit = ws.require_unit()
    if not unit.signer_name.strip():  # it was signed with an empty line under the signature
        raise SignerNameMissingError()
    rendered = render_pdf(ws, report_id, draft=False)
    page, rect = rendered.signature_box
    appearance = SignatureAppearance(
        signer_name=unit.signer_name,
        position_lines=tuple(x for x in (unit.authority_line, unit.position_line) if x),
        unit_name=unit.name,
        signature_image=_image(ws, "signature_image"),
        seal_image=_image(ws, "seal_image"),
    )
    pdf = signer.sign(
        # Packed before signing (object and cross-reference streams): the signature's own
        # incremental update follows, and every package carrying the file is smaller.
        compact_pdf(rendered.pdf),
        box=SignatureBox(page, rect),
        appearance=appearance,
        location=unit.place or unit.short_name,
        timestamp_url=ws.settings.get("timestamp_url") or None,
    )
    from reports.signing.keys import fingerprint_hex

    cert_digest = fingerprint_hex(signer.certificate)
    stored = ws.store.mark_signed(report_id, pdf, cert_digest)
    target = output or ws.paths.documents / signed_file_name(stored, unit.doc_symbol)
    write_atomic(target, pdf)
    return SignedReport(stored, pdf, target)


def signed_file_name(report: Report, symbol: str) -> str:
    """``26116_2026-11_05-BC-UBND_lan1.pdf``: valid on Windows whatever symbol the unit typed."""
    number = f"{report.doc_number:02d}" if report.doc_number else "00"
    return safe_file_name(f"{report.unit_code}_{report.period.code}_{number}-{symbol}_lan{report.revision}.pdf")


def _common_name(cert: x509.Certificate) -> str:
    from cryptography import x509

    attrs = cert.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
    return str(attrs[0].value) if attrs else ""


# ---------------------------------------------------------------- verification


def trust_roots(ws: Workspace, extra: Sequence[Path] = ()) -> list[x509.Certificate]:
    """Vietnam's national roots (shipped), the unit's own signing certificate, the roots the
    user added, bound signer certificates (reviewer side), and any named on the command line."""
    from reports.signing.keys import load_certificate
    from reports.signing.national_roots import national_roots

    roots: list[x509.Certificate] = list(national_roots())
    own = signer_certificate(ws)
    if own is not None:
        roots.append(own)
    for pem in bindings.trust_root_pems(ws.db) + bindings.signer_certificates(ws.db):
        roots.append(load_certificate(pem.encode("ascii")))
    for path in extra:
        try:
            roots.append(load_certificate(Path(path).read_bytes()))
        except (OSError, ValueError) as exc:
            raise UsageError(detail=f"Không đọc được chứng thư {path}.", detail_en=f"Cannot read certificate {path}.") from exc
    return roots


def add_trust_root(ws: Workspace, path: Path, label: str = "") -> x509.Certificate:
    from cryptography.hazmat.primitives import serialization

    from reports.signing.keys import fingerprint_hex, load_certificate

    try:
        cert = load_certificate(path.read_bytes())
    except (OSError, ValueError) as exc:
        raise UsageError(detail=f"Không đọc được chứng thư {path} (PEM hoặc DER).",
                         detail_en=f"Cannot read certificate {path} (PEM or DER).") from exc
    pem = cert.public_bytes(serialization.Encoding.PEM).decode("ascii")
    with ws.db.atomic():
        bindings.add_trust_root(ws.db, fingerprint=fingerprint_hex(cert), cert_pem=pem,
                                    label=label or _common_name(cert), at=iso(ws.clock()))
    return cert



@dataclass(frozen=True)
class Verification:
    signatures: list[SignatureReport]
    data: dict[str, Any] | None  # the report data embedded before signing, if any

    @property
    def ok(self) -> bool:
        return bool(self.signatures) and all(s.intact and s.trusted for s in self.signatures)


def verify_document(pdf: bytes, roots: Sequence[x509.Certificate]) -> Verification:
    from reports.signing.verify import verify_pdf_and_attachment

    # One parse of the file for both (the reviewer's import checks thousands of them).
    reports, raw = verify_pdf_and_attachment(pdf, roots, DATA_ATTACHMENT)
    data = None
    if raw is not None:
        try:
            loaded = json.loads(raw.decode("utf-8"))
            data = loaded if isinstance(loaded, dict) else None
        except (UnicodeDecodeError, json.JSONDecodeError):
            data = None
    return Verification(reports, data)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
