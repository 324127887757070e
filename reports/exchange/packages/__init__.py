"""Sync packages: the one file a commune sends to its reviewer (and the reviewer's answer).

This layer knows zip, manifest and signature, and treats the payload as opaque bytes; the
format is specified in ``docs/sync-format.md``. The database side (binding certificates to
units, importing, idempotence) sits on top and calls ``binding`` for its refusals.
"""

from reports.exchange.packages.binding import check_addressed_to, check_sender_binding, normalize_fingerprint
from reports.exchange.packages.errors import (
    PackageRejectedError,
    PackageTooLargeToSendError,
    PackageUnreadableError,
    RejectionReason,
)
from reports.exchange.packages.limits import Limits
from reports.exchange.packages.manifest import FORMAT_VERSION, FileEntry, Manifest, PackageKind, PartyRef
from reports.exchange.packages.names import PACKAGE_SUFFIX, package_filename
from reports.exchange.packages.reader import (
    OpenedPackage,
    probe_kind,
    probe_manifest,
    probe_members,
    read_package,
)
from reports.exchange.packages.writer import write_package

__all__ = [
    "FORMAT_VERSION",
    "PACKAGE_SUFFIX",
    "FileEntry",
    "Limits",
    "Manifest",
    "OpenedPackage",
    "PackageKind",
    "PackageRejectedError",
    "PackageTooLargeToSendError",
    "PackageUnreadableError",
    "PartyRef",
    "RejectionReason",
    "check_addressed_to",
    "check_sender_binding",
    "normalize_fingerprint",
    "package_filename",
    "probe_kind",
    "probe_manifest",
    "probe_members",
    "read_package",
    "write_package",
]
