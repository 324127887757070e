"""Sync packages on the database side: export, import, and binding installations to units.

The archive layer (``reports.exchange.packages``) checks bytes, names, sizes, hashes and the manifest
signature. Here we check what only the database knows — who the sender's certificate is
bound to, whether the package is for us, whether its reports agree with their signed PDFs
and with what we already hold — and then apply everything in one transaction, or nothing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import shutil
import uuid
from collections.abc import Callable, Iterable, MutableMapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization

from reports import __version__
from reports.clock import iso, parse_iso
from reports.documents.issuing import canonical_json, report_data
from reports.errors import CchcError, UsageError
from reports.exchange.evidence_members import evidence_for_export
from reports.exchange.feedback import apply_feedback
from reports.exchange.packages import (
    OpenedPackage,
    PackageKind,
    PackageRejectedError,
    PartyRef,
    check_addressed_to,
    check_sender_binding,
    package_filename,
    read_package,
    write_package,
)
from reports.exchange.packages.errors import RejectionReason
from reports.exchange.parts import (
    PART_MEMBER,
    PartInfo,
    WaitingSet,
    drop_stale,
    part_info,
    part_member,
    part_room,
    receive_part,
    split_members,
)
from reports.exchange.pdf_checks import BackgroundChecks, CheckedPdf, worker_count
from reports.exchange.receiving import ImportResult, Outcome, refuse_demo, reject
from reports.exchange.submission_import import Arrival, apply_submission, verify_submission
from reports.files import write_atomic
from reports.signing.keys import fingerprint_hex, format_fingerprint, load_certificate, unit_code_of
from reports.storage import audit, bindings, package_log
from reports.storage.lifecycle import OUTGOING, Status, check_transition
from reports.storage.store import Report
from reports.storage.unit import Role
from reports.workspace import Workspace

log = logging.getLogger(__name__)


class NothingToExportError(CchcError):
    code = "export.nothing"
    vi = "Không có báo cáo nào cần gửi: chỉ báo cáo đã hoàn thành hoặc đã ký mà chưa có biên nhận mới được gửi. Dùng --all để gửi lại tất cả."
    en = "Nothing to send: only final or signed reports without a receipt are sent. Use --all to send everything again."
    exit_code = 1


class NotForThisRoleError(CchcError):
    code = "sync.wrong_role"
    vi = "Lệnh này dành cho {role}."
    en = "This command is for {role_en}."


# ---------------------------------------------------------------- binding


def bound_fingerprints(ws: Workspace, unit_code: str) -> list[str]:
    return bindings.installation_fingerprints(ws.db, unit_code)


def bound_unit_of(ws: Workspace, fingerprint: str) -> str | None:
    return bindings.unit_bound_to(ws.db, fingerprint)


@dataclass(frozen=True)
class Binding:
    unit_code: str
    fingerprint: str
    display: str


def bind_certificate(ws: Workspace, unit_code: str, cert_pem: bytes, *, purpose: str = "installation") -> Binding:
    cert = load_certificate(cert_pem)
    fp = fingerprint_hex(cert)
    other = bound_unit_of(ws, fp) if purpose == "installation" else None
    if other is not None and other != unit_code:
        raise UsageError(
            detail=f"Chứng thư này đã gắn với đơn vị {other}. Hãy thu hồi trước (cchc units revoke --unit {other}).",
            detail_en=f"This certificate is bound to unit {other}. Revoke it first (cchc units revoke --unit {other}).",
        )
    pem = cert.public_bytes(serialization.Encoding.PEM).decode("ascii")
    now = iso(ws.clock())
    with ws.db.atomic():
        bindings.bind(ws.db, unit_code=unit_code, fingerprint=fp, cert_pem=pem, purpose=purpose, at=now)
        audit.append(ws.db, at=now, actor=ws.actor, report_id=None, action="bind_certificate",
                     detail={"unit": unit_code, "fingerprint": fp, "purpose": purpose})
    return Binding(unit_code, fp, format_fingerprint(cert))


def bindings_of(ws: Workspace) -> list[dict[str, Any]]:
    """Every certificate binding, revoked ones too, by unit."""
    return [dataclasses.asdict(b) for b in bindings.bound_certificates(ws.db)]


def trust_package_sender(ws: Workspace, path: Path) -> Binding:
    """Bind the certificate a package carries to its sender unit (after checking the
    fingerprint by phone). The package itself must be intact."""
    opened = read_package(path)
    refuse_demo(opened, path.name)  # a demo installation's key must never be trusted as a commune's
    return bind_certificate(ws, opened.manifest.sender.unit_code, opened.certificate.public_bytes(serialization.Encoding.PEM))


def revoke(ws: Workspace, unit_code: str, fingerprint: str | None = None) -> int:
    now = iso(ws.clock())
    plain = "".join(c for c in fingerprint if c not in " :").lower() if fingerprint else None
    with ws.db.atomic():
        count = bindings.revoke(ws.db, unit_code=unit_code, fingerprint=plain, at=now)
        audit.append(ws.db, at=now, actor=ws.actor, report_id=None, action="revoke_certificate",
                     detail={"unit": unit_code, "fingerprint": fingerprint})
    return int(count)


# ---------------------------------------------------------------- export


@dataclass(frozen=True)
class ExportResult:
    path: Path  # the package, or its first part
    package_id: str
    report_ids: list[int]
    size: int  # of every part together
    parts: tuple[Path, ...] = ()  # every file written (one unless the submission was split)

    @property
    def paths(self) -> tuple[Path, ...]:
        return self.parts or (self.path,)


def _reviewer_party(ws: Workspace) -> PartyRef:
    unit = ws.require_unit()
    if not unit.reviewer_code:
        raise UsageError(
            detail="Chưa có mã cơ quan nhận báo cáo. Hãy đặt: cchc unit set reviewer_code=MÃ_TỈNH",
            detail_en="No reviewer code is set. Set it: cchc unit set reviewer_code=PROVINCE_CODE",
        )
    return PartyRef(unit.reviewer_code, unit.reviewer_name or unit.reviewer_code)


def reports_to_send(ws: Workspace, *, everything: bool = False) -> list[Report]:
    store = ws.store
    if everything:
        return [r for r in store.list(unit_code=ws.require_unit().code) if r.status is not Status.DRAFT]
    return [
        r for r in store.list(unit_code=ws.require_unit().code)
        if r.status in (Status.FINAL, Status.SIGNED)
        or (r.status in (Status.EXPORTED, Status.SENT) and r.receipt_at is None)
    ]


def _report_member(ws: Workspace, report: Report, pdf_name: str | None, status: Status,
                   evidence: dict[str, Any] | None = None) -> bytes:
    entries = [{"at": e.at, "actor": e.actor, "action": e.action} for e in audit.entries(ws.db, report.id)]
    held = ws.forms.held(report.form_id, report.form_version)
    assert held is not None  # a report's definition is always stored (foreign key)
    return canonical_json({
        "report": report_data(ws, report),
        # Format 1.1: the definition by id, version and hash, never its text (forms come from above).
        "form": {"id": report.form_id, "version": report.form_version, "sha256": held.sha256},
        "status": status.value,
        "acknowledgements": report.acks,
        "signed_pdf": pdf_name,
        "audit": entries,
        **(evidence or {}),  # a scoring report's evidence list and explanations
    })


def export_package(ws: Workspace, out_dir: Path, *, everything: bool = False, evidence_in_full: bool = False,
                   report_ids: Sequence[int] | None = None) -> ExportResult:
    """Write one package with the reports to send; they become "exported" (not yet gone:
    ``confirm_handed_over`` or the outbox's delivery makes them "sent").

    ``evidence_in_full``: every evidence file travels, also those the reviewer acknowledged
    (it may have lost them). ``report_ids``: only these reports (any that is not a draft)."""
    unit = ws.require_unit()
    if unit.role is not Role.COMMUNE:
        raise NotForThisRoleError(role="đơn vị cấp xã", role_en="a commune installation")
    reports = reports_to_send(ws, everything=everything or report_ids is not None)
    if report_ids is not None:
        reports = [r for r in reports if r.id in set(report_ids)]
    if not reports:
        raise NothingToExportError()
    limit = int(ws.settings.get("attachment_limit_mb")) * 1024 * 1024
    members, evidence = evidence_for_export(ws, reports, in_full=evidence_in_full, part_room=part_room(limit))
    for r in reports:
        pdf = ws.store.signed_pdf(r.id)
        pdf_name = f"pdf/{r.uid}.pdf" if pdf is not None else None
        if pdf is not None:
            members[pdf_name] = pdf  # type: ignore[index]
        # What the reviewer is told: "sent" (a reviewer before 1.1 knows no other outgoing status).
        status = Status.SENT if r.status in (Status.FINAL, Status.SIGNED, *OUTGOING) else r.status
        members[f"reports/{r.uid}.json"] = _report_member(ws, r, pdf_name, status, evidence.get(r.uid))
    now = ws.clock()
    sender = PartyRef(unit.code, unit.name)
    groups = split_members(members, limit)
    set_id = uuid.uuid4().hex
    label = reports[0].period.code if len({r.period.code for r in reports}) == 1 else now.date()
    written: list[tuple[Path, OpenedPackage]] = []
    for index, group in enumerate(groups, start=1):
        if len(groups) > 1:
            group = {**group, PART_MEMBER: part_member(PartInfo(set_id, index, len(groups)))}
        data = write_package(kind=PackageKind.SUBMISSION, sender=sender, recipient=_reviewer_party(ws), members=group,
                             key=ws.installation_key, created_at=now, app_version=__version__, demo=ws.is_demo)
        opened = read_package(data)  # what we write must be what a reviewer can read
        part_label = label if len(groups) == 1 else f"{label}-phan-{index}-{len(groups)}"
        path = Path(out_dir) / package_filename(sender, part_label, opened.manifest.package_id)
        write_atomic(path, data, suffix=".partial")  # written before the database says "exported": a crash leaves it unsent
        written.append((path, opened))
    with ws.db.atomic():
        for path, opened in written:
            package_log.record(ws.db, package_id=opened.manifest.package_id, kind="submission", direction="out",
                               sender_code=unit.code, recipient_code=opened.manifest.recipient.unit_code,
                               sha256=opened.sha256, file_name=path.name, created_at=iso(now), processed_at=iso(now),
                               source=str(path.parent), report_count=len(reports), report_uids=[r.uid for r in reports])
        ws.store.mark_exported([r.id for r in reports], written[0][1].manifest.package_id)
    size = sum(p.stat().st_size for p, _ in written)
    return ExportResult(written[0][0], written[0][1].manifest.package_id, [r.id for r in reports], size,
                        tuple(p for p, _ in written))


# ---------------------------------------------------------------- import


def collect_packages(paths: Iterable[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            out.extend(sorted(x for x in p.rglob("*.cchc") if x.is_file()))
        else:
            out.append(p)
    return out


def import_files(
    ws: Workspace,
    paths: Sequence[Path],
    *,
    source: str = "",
    progress: Callable[[int, int, ImportResult], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    workers: int | None = 1,
    arrival: Arrival | None = None,
) -> list[ImportResult]:
    """Import every package in ``paths`` (folders are searched), each all-or-nothing.

    With ``workers`` > 1 the signed PDFs are checked in that many processes while the import
    goes on (``pdf_checks``; None: as many as pays off for this many files); the database is
    still written by this thread alone, package by package.
    """
    results = []
    files = collect_packages(paths)
    if ws.require_unit().role is Role.REVIEWER:
        clean_waiting_parts(ws)
    if files:
        from reports.backups import backup, policy

        backup.backup_if_due(ws, policy.Reason.BEFORE_IMPORT)
    count = worker_count(len(files)) if workers is None else workers
    # Its results fill as PDFs are checked: a PDF resent in later packages of the run is checked once.
    with BackgroundChecks(files, count) as checks:
        for i, path in enumerate(files):
            if cancelled and cancelled():
                break
            result = import_file(ws, path, source=source, checked=checks.ready(i), arrival=arrival)
            results.append(result)
            if progress:
                progress(i + 1, len(files), result)
    return results


def clean_waiting_parts(ws: Workspace) -> list[WaitingSet]:
    """Drop the sets of parts that waited ``STALE_DAYS`` for a missing part (logged; ``cchc
    import`` prints them)."""
    dropped = drop_stale(ws.paths.root, ws.clock())
    for w in dropped:
        log.info("dropped an incomplete set of parts: %s", w.describe("en"))
    return dropped


def import_file(
    ws: Workspace, path: Path, *, source: str = "", checked: MutableMapping[str, CheckedPdf] | None = None,
    arrival: Arrival | None = None,
) -> ImportResult:
    name = Path(path).name
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return ImportResult(name, Outcome.REFUSED, f"không đọc được tệp ({exc.strerror}).",
                            f"cannot read the file ({exc.strerror}).", "file.unreadable")
    result = import_bytes(ws, data, name=name, source=source or str(Path(path).parent), checked=checked,
                          arrival=arrival)
    if result.outcome is Outcome.REFUSED:
        result.quarantined = quarantine(ws, name, data, result)
    return result


def quarantine(ws: Workspace, name: str, data: bytes, result: ImportResult) -> Path:
    folder = ws.paths.quarantine
    folder.mkdir(parents=True, exist_ok=True)
    stamp = ws.clock().strftime("%Y%m%d-%H%M%S")
    target = folder / f"{stamp}_{name}"
    n = 1
    while target.exists():  # another refused file of the same name, this same second
        n += 1
        target = folder / f"{stamp}-{n}_{name}"
    target.write_bytes(data)
    target.with_name(target.name + ".ly-do.txt").write_text(
        f"Tệp: {name}\nThời điểm: {iso(ws.clock())}\nLý do từ chối: {result.reason}\n"
        f"Reason: {result.reason_en}\nMã: {result.code}\n",
        encoding="utf-8",
    )
    return target


def import_bytes(
    ws: Workspace, data: bytes, *, name: str, source: str = "", checked: MutableMapping[str, CheckedPdf] | None = None,
    arrival: Arrival | None = None,
) -> ImportResult:
    """Check a package completely, then apply it in one transaction. ``checked``: signed PDFs
    already checked (by their SHA-256, see ``pdf_checks``), not checked again. ``arrival``: when
    it reached this office (default: now); a submission's lateness is judged by it."""
    try:
        opened = read_package(data, name=name)
        refuse_demo(opened, name)
        unit = ws.require_unit()
        check_addressed_to(opened, unit.code)
        expected = PackageKind.SUBMISSION if unit.role is Role.REVIEWER else PackageKind.FEEDBACK
        if opened.manifest.kind is not expected:
            raise reject(opened, name, "gói này không dành cho loại cài đặt này (gói báo cáo gửi Sở, gói phản hồi gửi xã).",
                          "this kind of package is not for this installation (submissions go to the reviewer, feedback to communes).", RejectionReason.WRONG_KIND)
        check_sender_binding(opened, bound_fingerprints(ws, opened.manifest.sender.unit_code),
                             bound_to=bound_unit_of(ws, opened.fingerprint))
        known = package_log.sha256_of(ws.db, opened.manifest.package_id)
        info = part_info(opened, name) if expected is PackageKind.SUBMISSION and known is None else None
        if info is not None:  # one part of a split submission: kept until every part is here
            return receive_part(ws.paths.root, opened, data, name, info, lambda whole, rest: apply_submission(
                ws, verify_submission(ws, whole, name, checked), source, arrival, also_record=rest))
        if known is not None:
            if known == opened.sha256:
                return ImportResult(name, Outcome.ALREADY_HAD, kind=opened.manifest.kind.value,
                                    sender=opened.manifest.sender.unit_code)
            raise reject(opened, name, "đã nhận một gói khác có cùng mã gói.", "a different package with the same id was already received.", RejectionReason.PACKAGE_ID_CONFLICT)
        if expected is PackageKind.SUBMISSION:
            return apply_submission(ws, verify_submission(ws, opened, name, checked), source, arrival)
        return apply_feedback(ws, opened, name, source)
    except PackageRejectedError as exc:
        return ImportResult(name, Outcome.REFUSED, exc.message("vi"), exc.message("en"), str(getattr(exc, "reason", exc.code)))
    except CchcError as exc:
        return ImportResult(name, Outcome.REFUSED, exc.message("vi"), exc.message("en"), exc.code)


def mark_package_sent(ws: Workspace, package_id: str, *, how: str) -> list[int]:
    """The package left this office: its exported reports become "sent"."""
    with ws.db.atomic():
        return ws.store.mark_sent(package_log.local_reports_of(ws.db, package_id), package_id, how=how)


def confirm_handed_over(ws: Workspace, report_ids: Sequence[int] | None = None) -> list[int]:
    """The official confirms the USB stick was handed over or the e-mail sent: the named
    exported reports (default: every exported one) become "sent", each with its audit entry."""
    store = ws.store
    unit = ws.require_unit()
    if report_ids is None:
        report_ids = [r.id for r in store.list(unit_code=unit.code) if r.status is Status.EXPORTED]
    with ws.db.atomic():
        changed: list[int] = []
        for rid in report_ids:
            report = store.get(rid)
            if report.status is not Status.EXPORTED:
                if report.status is Status.DRAFT:
                    check_transition(report.status, Status.SENT)  # a clear refusal
                continue
            package = package_log.last_outgoing_with(ws.db, report.uid) or ""
            changed += store.mark_sent([rid], package, how="handed_over")
    return changed


def received_at(report: Report) -> dt.datetime | None:
    submitted = report.submitted_at
    return parse_iso(submitted) if submitted else None


def installation_unit(cert_pem: bytes) -> str | None:
    return unit_code_of(load_certificate(cert_pem))


def copy_to(path: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / path.name
    shutil.copyfile(path, target)
    return target
