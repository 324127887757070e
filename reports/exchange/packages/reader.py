"""Reading a package: every check that needs no database, in an order that never unpacks
what has not yet been judged safe."""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509

from reports.exchange.packages.archive import ArchivedMember, parse_archive, unpack
from reports.exchange.packages.errors import (
    HashMismatchError,
    ManifestMissingError,
    MemberMissingError,
    MemberUnlistedError,
    PackageRejectedError,
    PackageTooLargeRejection,
    PackageUnreadableError,
    SignatureMissingError,
)
from reports.exchange.packages.limits import Limits, mib
from reports.exchange.packages.manifest import Manifest, PackageKind, decode_manifest
from reports.exchange.packages.names import MANIFEST_NAME, SIGNATURE_NAME
from reports.exchange.packages.signature import verify_manifest_signature
from reports.signing.keys import fingerprint_hex


@dataclass(frozen=True)
class OpenedPackage:
    """A package whose every byte checked out. Who signed it is not yet known to be its
    sender: see ``binding.check_sender_binding``."""

    manifest: Manifest
    members: dict[str, bytes]  # the payload, by path, in manifest order
    certificate: x509.Certificate  # the sending installation's, as carried by the package
    sha256: str  # of the whole file
    name: str = ""  # the display name it was read under, for later messages

    @property
    def fingerprint(self) -> str:
        return fingerprint_hex(self.certificate)


def read_package(data: bytes | Path, *, limits: Limits = Limits(), name: str | None = None) -> OpenedPackage:
    """Check and open a package; ``PackageRejectedError`` (with a ``reason``) if it must not be used.

    ``name`` is shown in messages; for a ``Path`` it defaults to the file's name.
    """
    display = _display_name(data, name)
    try:
        raw = _load(data, limits)
        return _open(raw, limits, display)
    except PackageRejectedError as exc:
        if display and not exc.name:
            raise exc.named(display) from exc
        raise


def probe_kind(data: bytes | Path, *, limits: Limits = Limits(), name: str | None = None) -> PackageKind:
    """What kind of package this claims to be, without verifying it (for routing a dropped file)."""
    return probe_manifest(data, limits=limits, name=name).kind


def probe_manifest(data: bytes | Path, *, limits: Limits = Limits(), name: str | None = None) -> Manifest:
    """What the package's manifest claims, without verifying it: for routing and planning
    only (which file to check where), never for trusting anything it says."""
    display = _display_name(data, name)
    try:
        members = {m.name: m for m in parse_archive(_load(data, limits), limits)}
        if MANIFEST_NAME not in members:
            raise ManifestMissingError()
        return decode_manifest(unpack(members[MANIFEST_NAME]))
    except PackageRejectedError as exc:
        if display and not exc.name:
            raise exc.named(display) from exc
        raise


def probe_members(data: bytes | Path, names: Collection[str], *, limits: Limits = Limits()) -> dict[str, bytes]:
    """The named members' content, unverified (the zip's own checks only): for work whose result
    is keyed by the very bytes it was done on (the signed-PDF checks in worker processes), never
    for trusting what they say. Skips the manifest signature and the member hashes that
    ``read_package`` checks, which the serial import checks anyway."""
    members = {m.name: m for m in parse_archive(_load(data, limits), limits)}
    return {name: unpack(members[name]) for name in names if name in members}


def _display_name(data: bytes | Path, name: str | None) -> str:
    if name is not None:
        return name
    return data.name if isinstance(data, Path) else ""


def _load(data: bytes | Path, limits: Limits) -> bytes:
    if not isinstance(data, Path):
        size = len(data)
    else:
        try:
            size = data.stat().st_size
        except OSError as exc:
            raise PackageUnreadableError(path=str(data), detail=exc.strerror or str(exc)) from exc
    if size > limits.max_package_bytes:
        raise PackageTooLargeRejection(size_mb=mib(size), limit_mb=mib(limits.max_package_bytes))
    if not isinstance(data, Path):
        return data
    try:
        raw = data.read_bytes()
    except OSError as exc:
        raise PackageUnreadableError(path=str(data), detail=exc.strerror or str(exc)) from exc
    if len(raw) > limits.max_package_bytes:  # it grew between stat and read
        raise PackageTooLargeRejection(size_mb=mib(len(raw)), limit_mb=mib(limits.max_package_bytes))
    return raw


def _open(raw: bytes, limits: Limits, display: str) -> OpenedPackage:
    archived = parse_archive(raw, limits)
    by_name: dict[str, ArchivedMember] = {m.name: m for m in archived}
    if MANIFEST_NAME not in by_name:
        raise ManifestMissingError()
    manifest_bytes = unpack(by_name[MANIFEST_NAME])
    manifest = decode_manifest(manifest_bytes)
    if SIGNATURE_NAME not in by_name:
        raise SignatureMissingError()
    certificate = verify_manifest_signature(unpack(by_name[SIGNATURE_NAME]), manifest_bytes)

    listed = {f.path for f in manifest.files}
    for entry in manifest.files:
        if entry.path not in by_name:
            raise MemberMissingError(member=entry.path)
    for m in archived:
        if m.name not in listed and m.name not in (MANIFEST_NAME, SIGNATURE_NAME):
            raise MemberUnlistedError(member=m.name)

    members: dict[str, bytes] = {}
    for entry in manifest.files:
        member = by_name[entry.path]
        # The packed bytes are compared with the signed manifest before zlib sees them.
        if member.size != entry.size or hashlib.sha256(member.packed).hexdigest() != entry.archived_sha256:
            raise HashMismatchError(member=entry.path)
        content = unpack(member)
        if hashlib.sha256(content).hexdigest() != entry.sha256:
            raise HashMismatchError(member=entry.path)
        members[entry.path] = content
    return OpenedPackage(manifest, members, certificate, hashlib.sha256(raw).hexdigest(), display)
