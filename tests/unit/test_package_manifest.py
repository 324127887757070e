"""Hand-made packages whose manifest, members or signature are wrong: each one is refused,
for its own reason; the versions of the format that are still read. Built by
package_maker.py."""

from __future__ import annotations

import json
import re
import zipfile
from typing import Any

import pytest

from reports.exchange.packages import (
    PackageRejectedError,
    read_package,
)
from reports.exchange.packages.signature import sign_manifest
from tests.unit.package_maker import (
    PACKAGE_ID,
    PAYLOAD,
    R,
    encode,
    key,
    make_zip,
    manifest_dict,
    package,
    rejected,
    zip_info,
)

# --- manifest, members and signature ------------------------------------------------------------


def test_manifest_missing() -> None:
    rejected(make_zip(list(PAYLOAD.items())), R.MANIFEST_MISSING)


def test_signature_missing() -> None:
    entries: list[tuple[zipfile.ZipInfo | str, bytes]] = [
        (zip_info("manifest.json", zipfile.ZIP_STORED), encode(manifest_dict()))
    ]
    rejected(make_zip(entries + list(PAYLOAD.items())), R.SIGNATURE_MISSING)


def test_missing_member() -> None:
    payload = {**PAYLOAD, "reports/2025-Q2.json": b"{}"}
    manifest = manifest_dict(payload)  # lists three, signed
    rejected(package(PAYLOAD, manifest=manifest), R.MEMBER_MISSING)


def test_extra_unlisted_member() -> None:
    error = rejected(package(extra=[("reports/2025-Q2.json", b"{}")]), R.MEMBER_UNLISTED)
    assert "reports/2025-Q2.json" in error.message("vi")


def test_changed_member_content() -> None:
    changed = {**PAYLOAD, "reports/2025-Q1.json": b'{"received": 120, "on_time": 120}'}
    rejected(package(changed, manifest=manifest_dict(PAYLOAD)), R.HASH_MISMATCH)


@pytest.mark.parametrize("field", ["sha256", "size"])
def test_manifest_hash_or_size_disagrees_with_content(field: str) -> None:
    """The packed bytes match the signed manifest, but what they unpack to does not."""
    manifest = manifest_dict()
    entry = manifest["files"][1]
    entry[field] = "0" * 64 if field == "sha256" else entry["size"] + 1
    rejected(package(manifest=manifest), R.HASH_MISMATCH)


def test_bad_signature() -> None:
    manifest_bytes = encode(manifest_dict())
    by_other = json.loads(sign_manifest(manifest_bytes, key("11111")))
    ours = json.loads(sign_manifest(manifest_bytes, key()))
    ours["signature"] = by_other["signature"]  # our certificate, someone else's signature
    signature = (json.dumps(ours, indent=2, sort_keys=True) + "\n").encode()
    rejected(package(manifest=manifest_bytes, signature=signature), R.SIGNATURE_INVALID)


@pytest.mark.parametrize(
    "signature",
    [b"", b"{}", b"not json", b'{"algorithm": "rsa-pkcs1v15-sha256"}', b"\xff\xfe"],
    ids=["empty", "empty-object", "text", "incomplete", "binary"],
)
def test_malformed_signature(signature: bytes) -> None:
    rejected(package(signature=signature), R.SIGNATURE_INVALID)


def test_tampered_manifest() -> None:
    """Changed after signing: the recipient re-addressed, the old signature kept."""
    signature = sign_manifest(encode(manifest_dict()), key())
    manifest = manifest_dict()
    manifest["recipient"] = {"unit_code": "01", "unit_name": "Sở Nội vụ Hà Nội"}
    rejected(package(manifest=manifest, signature=signature), R.SIGNATURE_INVALID)


def test_certificate_is_not_self_signed() -> None:
    """A certificate swapped for another one with the same key would otherwise verify."""
    manifest_bytes = encode(manifest_dict())
    sig = json.loads(sign_manifest(manifest_bytes, key()))
    pem = sig["certificate"].splitlines()
    body = pem[-3]
    pem[-3] = body[:-4] + ("AAAA" if body[-4:] != "AAAA" else "BBBB")  # in the certificate's own signature
    sig["certificate"] = "\n".join(pem) + "\n"
    signature = (json.dumps(sig, indent=2, sort_keys=True) + "\n").encode()
    rejected(package(manifest=manifest_bytes, signature=signature), R.SIGNATURE_INVALID)


def test_ec_signature_accepted() -> None:
    opened = read_package(package(signer=key("26734", "ec")))
    assert opened.certificate == key("26734", "ec").certificate


def test_future_major_version_asks_for_an_update() -> None:
    manifest = manifest_dict()
    manifest["format_version"] = "2.0"
    manifest["files"] = {"changed": "completely"}  # a newer format may look entirely different
    error = rejected(package(manifest=manifest), R.NEWER_FORMAT)
    assert error.message("vi") == (
        "Gói “26734_2025-Q1_3f2a9c1d.cchc” được tạo bằng phiên bản mới hơn của chương trình "
        "(định dạng gói 2.0). Hãy cập nhật Báo cáo CCHC rồi nhận lại gói."
    )
    with pytest.raises(PackageRejectedError) as info:
        read_package(package(manifest=manifest))
    assert info.value.message("vi").startswith("Gói này được tạo bằng phiên bản mới hơn của chương trình")


def test_newer_minor_version_is_accepted_with_unknown_keys() -> None:
    manifest = manifest_dict()
    manifest["format_version"] = "1.9"
    manifest["priority"] = "urgent"
    opened = read_package(package(manifest=manifest))
    assert opened.manifest.format_version == "1.9"
    assert opened.members == PAYLOAD


def test_a_1_0_package_is_still_read() -> None:
    manifest = manifest_dict()
    manifest["format_version"] = "1.0"
    opened = read_package(package(manifest=manifest))
    assert opened.manifest.format_version == "1.0"


def _with(**changes: Any) -> dict[str, Any]:
    manifest = manifest_dict()
    for dotted, value in changes.items():
        target: Any = manifest
        *path, last = dotted.split("__")
        for part in path:
            target = target[int(part)] if part.isdigit() else target[part]
        if value is KeyError:
            del target[last]
        else:
            target[last] = value
    return manifest


@pytest.mark.parametrize(
    "manifest",
    [
        _with(priority="urgent"),  # unknown key in the version this reader implements
        _with(format_version="0.9"),
        _with(format_version="1"),
        _with(format_version=1.0),
        _with(package_id="3f2a9c1d5e6b1a7c8d9e0f1a2b3c4d5e"),  # not a uuid4
        _with(package_id=PACKAGE_ID.upper()),
        _with(kind="gift"),
        _with(created_at="2025-04-10T08:30:00+07:00"),
        _with(created_at="2025-02-30T01:30:00Z"),
        _with(sender__unit_code="26734/.."),
        _with(sender__unit_name="UBND xa\u0303 Tân Phú"),  # decomposed, not NFC
        _with(sender__unit_name=""),
        _with(sender__extra="x"),
        _with(recipient=KeyError),
        _with(app_version=""),
        _with(files__1__size="61"),
        _with(files__1__size=True),
        _with(files__1__size=-1),
        _with(files__1__sha256="A" * 64),
        _with(files__1__path="../x.json"),
        _with(files__1__mode="0644"),
        _with(files=list(reversed(manifest_dict()["files"]))),
        _with(files={}),
    ],
)
def test_manifest_schema_is_strict(manifest: dict[str, Any]) -> None:
    rejected(package(manifest=manifest), R.MANIFEST_INVALID)


@pytest.mark.parametrize(
    "manifest_bytes",
    [
        b"[]",
        b"\xef\xbb\xbf" + encode(manifest_dict()),  # a byte-order mark
        encode(manifest_dict()).replace(b'"kind": "submission"', b'"kind": "submission", "kind": "feedback"'),
        re.sub(rb'"size": \d+', b'"size": NaN', encode(manifest_dict()), count=1),
        b"[" * 100_000 + b"]" * 100_000,
        encode(manifest_dict()).decode().encode("utf-16"),
    ],
    ids=["array", "bom", "duplicate-key", "nan", "deep", "utf16"],
)
def test_manifest_that_is_not_plain_json(manifest_bytes: bytes) -> None:
    rejected(package(manifest=manifest_bytes), R.MANIFEST_INVALID)
