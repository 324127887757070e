"""What every incoming package shares, submissions and feedback alike: the outcome of an
import, the refusal of content the archive layer cannot judge, and recording the package as
received.

Both ``sync`` (submissions) and ``feedback`` build on this module; neither imports the
other's internals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from reports.clock import iso
from reports.exchange.packages import OpenedPackage, PackageRejectedError
from reports.exchange.packages.errors import RejectionReason
from reports.storage import package_log
from reports.workspace import Workspace


class ImportRejection(PackageRejectedError):
    """A package whose bytes are fine but whose content we must refuse."""

    reason = RejectionReason.REPORT_INVALID
    vi = "Gói {name} bị từ chối: {detail}"
    en = "Package {name} was refused: {detail_en}"

    def __init__(self, *, reason: RejectionReason | None = None, **params: Any) -> None:
        super().__init__(**params)
        if reason is not None:
            self.reason = reason  # type: ignore[misc]
            self.code = f"package.{reason}"  # type: ignore[misc]


def reject(opened: OpenedPackage | None, name: str, vi: str, en: str,
           reason: RejectionReason = RejectionReason.REPORT_INVALID) -> ImportRejection:
    """The refusal to raise: ``vi``/``en`` say what is wrong with the content."""
    return ImportRejection(name=name or (opened.name if opened else ""), detail=vi, detail_en=en, reason=reason)


def refuse_demo(opened: OpenedPackage, name: str) -> None:
    """A package from a demo installation carries sample data, never a real report. Its mark is
    inside the signed manifest (format 1.2), so a sender cannot take it off and keep the
    signature; refused before anything else is judged or written."""
    if opened.manifest.demo:
        raise reject(
            opened, name,
            "gói này được lập trong bản dùng thử với dữ liệu mẫu (đánh dấu “MẪU”), không phải báo cáo thật. "
            "Đề nghị xã bấm “Bắt đầu dùng thật” trong chương trình, lập báo cáo với số liệu thật rồi gửi lại.",
            "this package was made in a trial installation with sample data (marked “MẪU”), not a real report. "
            "Ask the commune to press “Start using it for real”, make the report with real figures and send it again.",
            RejectionReason.DEMO_PACKAGE,
        )


class Outcome(StrEnum):
    IMPORTED = "imported"
    ALREADY_HAD = "already_had"
    REFUSED = "refused"
    WAITING = "waiting"  # one part of a split submission, kept until the others arrive


@dataclass
class ImportResult:
    name: str
    outcome: Outcome
    reason: str = ""  # Vietnamese
    reason_en: str = ""
    code: str = ""
    kind: str = ""
    sender: str = ""
    report_uids: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)  # for feedback: what it did, in Vietnamese
    quarantined: Path | None = None

    def line(self, lang: str = "vi") -> str:
        if self.outcome is Outcome.IMPORTED:
            note = self.reason_en if lang == "en" else self.reason  # e.g. a revision that left a gap
            return f"{self.name}: " + ("imported" if lang == "en" else "đã nhận") + (f" ({note})" if note else "")
        if self.outcome is Outcome.ALREADY_HAD:
            note = self.reason_en if lang == "en" else self.reason
            return f"{self.name}: " + ("already had" if lang == "en" else "đã có") + (f" ({note})" if note else "")
        if self.outcome is Outcome.WAITING:
            return f"{self.name}: " + (f"part kept, waiting for the others ({self.reason_en})" if lang == "en"
                                       else f"đã giữ phần này, chờ các phần còn lại ({self.reason})")
        return f"{self.name}: " + (f"refused: {self.reason_en}" if lang == "en" else f"bị từ chối: {self.reason}")


def record_package(ws: Workspace, opened: OpenedPackage, name: str, source: str, now: str, uids: list[str]) -> None:
    """Remember the package as received (so the same one is recognised next time).
    Inside the caller's transaction."""
    m = opened.manifest
    package_log.record(ws.db, package_id=m.package_id, kind=m.kind.value, direction="in", sender_code=m.sender.unit_code,
                       recipient_code=m.recipient.unit_code, sha256=opened.sha256, file_name=name,
                       created_at=iso(m.created_at), processed_at=now, source=source, report_count=len(uids),
                       report_uids=uids)
