"""Hostile packages made by hand with ``zipfile`` (not with our writer), in the package
layout, the manifest re-signed wherever needed so that the check under test is the one that
fires; shared by test_package_hostile.py, test_package_manifest.py and the signed-content
tests. ``test_helper_builds_a_valid_package`` proves the helper makes acceptable packages."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import io
import json
import stat
import struct
import zipfile
import zlib
from collections.abc import Iterable, Sequence
from typing import Any

import pytest

from reports.exchange.packages import (
    Limits,
    PackageRejectedError,
    RejectionReason,
    read_package,
)
from reports.exchange.packages.archive import ArchivedMember
from reports.exchange.packages.signature import sign_manifest
from reports.signing.keys import INSTALLATION_MARK, KeyPair, create_key_pair

R = RejectionReason
NOW = dt.datetime(2025, 4, 10, 1, 30, tzinfo=dt.UTC)
PACKAGE_ID = "3f2a9c1d5e6b4a7c8d9e0f1a2b3c4d5e"
PAYLOAD = {
    "pdf/2025-Q1.pdf": b"%PDF-1.7\n" + bytes(range(256)) * 8,
    "reports/2025-Q1.json": json.dumps({"received": 120, "on_time": 117}).encode(),
}


@functools.cache
def key(unit: str = "26734", algorithm: str = "rsa") -> KeyPair:
    return create_key_pair(
        "Máy UBND xã", "UBND xã Tân Phú", unit, algorithm=algorithm, mark=INSTALLATION_MARK
    )


def deflate(content: bytes) -> bytes:
    c = zlib.compressobj(6, zlib.DEFLATED, -15)  # what zipfile does at its default level
    return c.compress(content) + c.flush()


def file_entry(path: str, content: bytes) -> dict[str, Any]:
    return {
        "path": path,
        "size": len(content),
        "sha256": hashlib.sha256(content).hexdigest(),
        "archived_sha256": hashlib.sha256(deflate(content)).hexdigest(),
    }


def manifest_dict(payload: dict[str, bytes] = PAYLOAD) -> dict[str, Any]:
    return {
        "format_version": "1.1",
        "package_id": PACKAGE_ID,
        "kind": "submission",
        "sender": {"unit_code": "26734", "unit_name": "UBND xã Tân Phú"},
        "recipient": {"unit_code": "79", "unit_name": "Sở Nội vụ TP. Hồ Chí Minh"},
        "created_at": "2025-04-10T01:30:00Z",
        "app_version": "0.1.0",
        "files": [file_entry(p, payload[p]) for p in sorted(payload)],
    }


def encode(manifest: dict[str, Any]) -> bytes:
    return (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode()


def zip_info(name: str, method: int = zipfile.ZIP_DEFLATED) -> zipfile.ZipInfo:
    """A member as the package layout writes it: 1980-01-01, rw-r--r--, made on Unix."""
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.create_system = 3
    info.external_attr = (stat.S_IFREG | 0o644) << 16
    info.compress_type = method
    return info


def make_zip(
    entries: list[tuple[zipfile.ZipInfo | str, bytes]],
    stream: tuple[zipfile.ZipInfo, Iterable[bytes]] | None = None,
) -> bytes:
    """A zip of ``entries``, then ``stream`` written chunk by chunk (so a huge member costs no memory)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for info, content in entries:
            zf.writestr(zip_info(info) if isinstance(info, str) else info, content)
        if stream is not None:
            with zf.open(stream[0], "w") as out:
                for chunk in stream[1]:
                    out.write(chunk)
    return buf.getvalue()


def package(
    payload: dict[str, bytes] = PAYLOAD,
    *,
    manifest: dict[str, Any] | bytes | None = None,
    signature: bytes | None = None,
    extra: Sequence[tuple[zipfile.ZipInfo | str, bytes]] = (),
    signer: KeyPair | None = None,
    stream: tuple[zipfile.ZipInfo, Iterable[bytes]] | None = None,
) -> bytes:
    """A package of ``payload``; by default its manifest describes it and is freshly signed."""
    if manifest is None:
        manifest = manifest_dict(payload)
    manifest_bytes = manifest if isinstance(manifest, bytes) else encode(manifest)
    if signature is None:
        signature = sign_manifest(manifest_bytes, signer or key())
    entries: list[tuple[zipfile.ZipInfo | str, bytes]] = [
        (zip_info("manifest.json", zipfile.ZIP_STORED), manifest_bytes),
        (zip_info("manifest.sig", zipfile.ZIP_STORED), signature),
    ]
    entries += [(p, payload[p]) for p in sorted(payload)]
    return make_zip(entries + list(extra), stream)


def rejected(data: bytes, reason: RejectionReason, *, limits: Limits = Limits()) -> PackageRejectedError:
    with pytest.raises(PackageRejectedError) as info:
        read_package(data, limits=limits, name="26734_2025-Q1_3f2a9c1d.cchc")
    assert info.value.reason is reason, info.value.message("en")
    assert info.value.code == f"package.{reason}"
    assert info.value.exit_code == 1
    assert "26734_2025-Q1_3f2a9c1d.cchc" in info.value.message("vi")
    return info.value


def package_members(data: bytes) -> list[ArchivedMember]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return [
            ArchivedMember(i.filename, i.compress_type, i.CRC, i.file_size, raw_member(data, i))
            for i in zf.infolist()
        ]


def raw_member(data: bytes, info: zipfile.ZipInfo) -> bytes:
    name_len, extra_len = struct.unpack_from("<HH", data, info.header_offset + 26)
    start = info.header_offset + 30 + name_len + extra_len
    return data[start : start + info.compress_size]
