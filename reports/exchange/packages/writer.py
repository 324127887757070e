"""Writing a package: the same input always gives the same bytes."""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from collections.abc import Mapping

from reports.exchange.packages.archive import (
    DEFLATED,
    STORED,
    ArchivedMember,
    build_archive,
    pack,
    worth_deflating,
)
from reports.exchange.packages.errors import PackageRejectedError, PackageTooLargeToSendError
from reports.exchange.packages.limits import Limits, mib
from reports.exchange.packages.manifest import (
    DEMO_FORMAT_VERSION,
    FORMAT_VERSION,
    FileEntry,
    Manifest,
    PackageKind,
    PartyRef,
    encode_manifest,
    format_timestamp,
    is_app_version,
    is_package_id,
    is_unit_name,
    new_package_id,
)
from reports.exchange.packages.names import (
    MANIFEST_NAME,
    SIGNATURE_NAME,
    check_payload_name,
    folder_clash,
    is_unit_code,
)
from reports.exchange.packages.signature import sign_manifest
from reports.signing.keys import KeyPair


def write_package(
    *,
    kind: PackageKind | str,
    sender: PartyRef,
    recipient: PartyRef,
    members: Mapping[str, bytes],
    key: KeyPair,
    created_at: dt.datetime,
    package_id: str | None = None,
    app_version: str,
    limits: Limits = Limits(),
    demo: bool = False,
) -> bytes:
    """The bytes of a ``.cchc`` file holding ``members`` (payload paths under ``reports/``,
    ``pdf/``, ``forms/`` or ``feedback/``), signed with the installation ``key``.

    ``demo``: the package comes from a demo installation; the mark is signed with the manifest.

    A bad argument is a bug in the caller (``ValueError``); data too large for any reader to
    accept is the user's to fix (``PackageTooLargeToSendError``).
    """
    manifest_files, payload = _pack_payload(members, limits)
    manifest = Manifest(
        format_version=DEMO_FORMAT_VERSION if demo else FORMAT_VERSION,
        package_id=_checked_package_id(package_id),
        kind=PackageKind(kind),
        sender=_checked_party(sender),
        recipient=_checked_party(recipient),
        created_at=_checked_time(created_at),
        app_version=_checked_app_version(app_version),
        files=manifest_files,
        demo=demo,
    )
    manifest_bytes = encode_manifest(manifest)
    signature = sign_manifest(manifest_bytes, key)
    data = build_archive(
        [
            pack(MANIFEST_NAME, manifest_bytes, method=STORED),
            pack(SIGNATURE_NAME, signature, method=STORED),
            *payload,
        ]
    )
    if len(data) > limits.max_package_bytes:
        raise PackageTooLargeToSendError(
            what=".cchc", size_mb=mib(len(data)), limit_mb=mib(limits.max_package_bytes)
        )
    return data


def _pack_payload(
    members: Mapping[str, bytes], limits: Limits
) -> tuple[tuple[FileEntry, ...], list[ArchivedMember]]:
    if len(members) + 2 > limits.max_members:
        raise ValueError(f"{len(members)} members: a package holds at most {limits.max_members - 2}")
    folded: set[str] = set()
    for path in members:
        try:
            check_payload_name(path)
        except PackageRejectedError:
            raise ValueError(f"not a valid payload member name: {path!r}") from None
        if path.casefold() in folded:
            raise ValueError(f"two members differ only in case: {path!r}")
        folded.add(path.casefold())
    if (clash := folder_clash(members)) is not None:
        raise ValueError(f"{clash!r} is both a file and the folder of another member")
    entries, packed = [], []
    total = 0
    for path in sorted(members):
        content = bytes(members[path])
        if len(content) > limits.max_member_bytes:
            raise PackageTooLargeToSendError(
                what=path, size_mb=mib(len(content)), limit_mb=mib(limits.max_member_bytes)
            )
        total += len(content)
        if total > limits.max_total_bytes:
            raise PackageTooLargeToSendError(
                what=".cchc", size_mb=mib(total), limit_mb=mib(limits.max_total_bytes)
            )
        member = pack(path, content, method=DEFLATED if worth_deflating(content) else STORED)
        if member.size > limits.max_ratio * len(member.packed):
            # Readers refuse such ratios as zip bombs; real data this repetitive is rare and small.
            member = pack(path, content, method=STORED)
        entries.append(
            FileEntry(
                path=path,
                sha256=hashlib.sha256(content).hexdigest(),
                size=len(content),
                archived_sha256=hashlib.sha256(member.packed).hexdigest(),
            )
        )
        packed.append(member)
    return tuple(entries), packed


def _checked_package_id(package_id: str | None) -> str:
    if package_id is None:
        return new_package_id()
    if not is_package_id(package_id):
        raise ValueError(f"not a uuid4 hex package id: {package_id!r}")
    return package_id


def _checked_party(party: PartyRef) -> PartyRef:
    name = unicodedata.normalize("NFC", party.unit_name)
    if not is_unit_code(party.unit_code) or not is_unit_name(name):
        raise ValueError(f"not a valid unit: {party!r}")
    return PartyRef(party.unit_code, name)


def _checked_time(created_at: dt.datetime) -> dt.datetime:
    format_timestamp(created_at)  # raises for a naive datetime
    return created_at.astimezone(dt.UTC)


def _checked_app_version(app_version: str) -> str:
    if not is_app_version(app_version):
        raise ValueError(f"not an application version: {app_version!r}")
    return app_version
