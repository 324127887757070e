"""Hand-made hostile packages: each one is refused, for its own reason.

The archives are built with ``zipfile`` (not with our writer), in the package layout, and the
manifest is re-signed wherever needed so that the check under test is the one that fires.
``test_helper_builds_a_valid_package`` proves the helper itself makes acceptable packages.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import io
import json
import os
import re
import stat
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import pytest

from reports.exchange.packages import (
    Limits,
    PackageRejectedError,
    PartyRef,
    RejectionReason,
    read_package,
    write_package,
)
from reports.exchange.packages import reader as reader_module
from reports.exchange.packages.archive import DEFLATED, ArchivedMember, build_archive
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


def test_helper_builds_a_valid_package() -> None:
    opened = read_package(package())
    assert opened.members == PAYLOAD
    assert opened.manifest.sender == PartyRef("26734", "UBND xã Tân Phú")


def test_helper_and_writer_agree_byte_for_byte() -> None:
    """The format in docs/sync-format.md, built by hand with zipfile, is what write_package writes."""
    written = write_package(
        kind="submission",
        sender=PartyRef("26734", "UBND xã Tân Phú"),
        recipient=PartyRef("79", "Sở Nội vụ TP. Hồ Chí Minh"),
        members=PAYLOAD,
        key=key(),
        created_at=NOW,
        package_id=PACKAGE_ID,
        app_version="0.1.0",
    )
    assert written == package()


# --- the archive itself -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"PK",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
        os.urandom(4096),
        b"PK\x05\x06" + bytes(18),  # an empty zip: a zip, but no package
    ],
    ids=["empty", "two-bytes", "pdf", "random", "empty-zip"],
)
def test_not_a_zip_at_all(data: bytes) -> None:
    reason = R.MANIFEST_MISSING if data.startswith(b"PK\x05\x06") else R.NOT_A_PACKAGE
    error = rejected(data, reason)
    if reason is R.NOT_A_PACKAGE:
        assert error.message("vi") == (
            "Tệp “26734_2025-Q1_3f2a9c1d.cchc” không phải gói báo cáo CCHC hoặc đã bị hỏng "
            "(có thể chép chưa xong). Hãy chép lại tệp từ nơi gửi."
        )


@pytest.mark.parametrize("keep", [0.5, 0.9, -1])
def test_truncated_file(keep: float) -> None:
    data = package()
    rejected(data[: int(len(data) * keep)], R.NOT_A_PACKAGE)


@pytest.mark.parametrize(
    "change",
    [
        lambda d: b"MZ\x90\x00" + d,  # a self-extracting stub in front
        lambda d: d + b"\n",  # something appended
        lambda d: d[:-2] + b"\x05\x00hello",  # an archive comment
    ],
    ids=["prepended", "appended", "comment"],
)
def test_data_around_the_archive(change: Callable[[bytes], bytes]) -> None:
    rejected(change(package()), R.NOT_A_PACKAGE)


def test_layout_other_than_ours_is_refused() -> None:
    """zipfile's defaults (today's date, other permissions) are a valid zip but not a package."""
    data = package()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        entries = [(zf.getinfo(n).filename, zf.read(n)) for n in zf.namelist()]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in entries:
            zf.writestr(name, content)
    rejected(buf.getvalue(), R.NOT_A_PACKAGE)


def test_manifest_must_be_stored_not_deflated() -> None:
    data = package()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        manifest, sig = zf.read("manifest.json"), zf.read("manifest.sig")
    entries: list[tuple[zipfile.ZipInfo | str, bytes]] = [
        (zip_info("manifest.json", zipfile.ZIP_DEFLATED), manifest),
        (zip_info("manifest.sig", zipfile.ZIP_STORED), sig),
    ]
    rejected(make_zip(entries + list(PAYLOAD.items())), R.NOT_A_PACKAGE)


# --- names ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("../x", R.PATH_TRAVERSAL),
        ("reports/../../x.json", R.PATH_TRAVERSAL),
        ("..\\x", R.PATH_TRAVERSAL),
        ("/etc/x", R.ABSOLUTE_PATH),
        ("C:\\x", R.ABSOLUTE_PATH),
        ("c:x", R.ABSOLUTE_PATH),
        ("\\\\server\\share\\x", R.ABSOLUTE_PATH),
        ("reports\\x.json", R.BAD_MEMBER_NAME),
        ("x.json", R.BAD_MEMBER_NAME),
        ("scripts/run.bat", R.BAD_MEMBER_NAME),
        ("reports/CON.json", R.BAD_MEMBER_NAME),
        ("reports/x.json.", R.BAD_MEMBER_NAME),
        ("reports/.hidden", R.BAD_MEMBER_NAME),
        ("reports/báo-cáo.json", R.BAD_MEMBER_NAME),
        ("reports/a\x00.json", R.BAD_MEMBER_NAME),
        ("reports/", R.BAD_MEMBER_NAME),
        ("", R.BAD_MEMBER_NAME),
    ],
)
def test_unsafe_member_names(name: str, reason: RejectionReason) -> None:
    info = zip_info("reports/placeholder.json")
    info.filename = name  # straight into the archive, past ZipInfo's own clean-up
    info.orig_filename = name
    error = rejected(package(extra=[(info, b"evil")]), reason)
    if name:
        assert name in error.message("en")


def test_directory_entry() -> None:
    info = zip_info("reports/sub")
    info.external_attr = (stat.S_IFDIR | 0o755) << 16 | 0x10
    rejected(package(extra=[(info, b"")]), R.BAD_MEMBER_NAME)


def test_symlink_member() -> None:
    info = zip_info("reports/link.json")
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    rejected(package(extra=[(info, b"/etc/passwd")]), R.SYMLINK_MEMBER)


@pytest.mark.parametrize("second", ["reports/2025-Q1.json", "reports/2025-q1.JSON"])
def test_duplicate_member(second: str) -> None:
    with pytest.warns(UserWarning, match="Duplicate name") if second in PAYLOAD else contextlib.nullcontext():
        data = package(extra=[(second, b'{"received": 999}')])
    error = rejected(data, R.DUPLICATE_MEMBER)
    assert second in error.message("vi")


# --- sizes and bombs -------------------------------------------------------------------------------


def test_zip_bomb_is_refused_before_expansion(monkeypatch: pytest.MonkeyPatch) -> None:
    """100 MB of zeros in ~100 KB: refused from the central directory, nothing unpacked."""
    chunk = bytes(1 << 20)
    data = package(stream=(zip_info("reports/bomb.json"), (chunk for _ in range(100))))
    assert len(data) < 200_000
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert zf.getinfo("reports/bomb.json").file_size == 100 << 20

    def never(*_: object) -> bytes:
        raise AssertionError("a member was unpacked")

    monkeypatch.setattr(reader_module, "unpack", never)
    rejected(data, R.ZIP_BOMB)


def test_member_that_unpacks_to_more_than_declared_is_a_bomb() -> None:
    """A lying header: a few KB declared, 2 MB inside. Unpacking stops one byte past the declared size."""
    content = bytes(2 << 20)
    packed = deflate(content)
    declared = len(packed) * 2  # a modest ratio, so only the bounded inflate can catch it
    manifest = manifest_dict()
    manifest["files"].insert(
        1,
        {
            "path": "reports/2025-Q1-lie.json",
            "size": declared,
            "sha256": hashlib.sha256(content[:declared]).hexdigest(),
            "archived_sha256": hashlib.sha256(packed).hexdigest(),
        },
    )
    manifest_bytes = encode(manifest)
    members = _package_members(package(manifest=manifest_bytes))
    members.insert(
        3, ArchivedMember("reports/2025-Q1-lie.json", DEFLATED, zlib.crc32(content), declared, packed)
    )
    rejected(build_archive(members), R.ZIP_BOMB)


def test_member_too_large() -> None:
    payload = {**PAYLOAD, "pdf/scan.pdf": os.urandom(3000)}
    rejected(package(payload), R.MEMBER_TOO_LARGE, limits=Limits(max_member_bytes=2500))


def test_total_too_large() -> None:
    payload = {**PAYLOAD, "pdf/a.pdf": os.urandom(2000), "pdf/b.pdf": os.urandom(2000)}
    rejected(package(payload), R.TOTAL_TOO_LARGE, limits=Limits(max_total_bytes=5000))


def test_package_too_large(tmp_path: Path) -> None:
    data = package()
    rejected(data, R.TOO_LARGE, limits=Limits(max_package_bytes=len(data) - 1))
    path = tmp_path / "big.cchc"
    path.write_bytes(data)
    with pytest.raises(PackageRejectedError) as info:
        read_package(path, limits=Limits(max_package_bytes=len(data) - 1))
    assert info.value.reason is R.TOO_LARGE
    assert "big.cchc" in info.value.message("vi")


def test_too_many_members() -> None:
    payload = {f"reports/r{i:04d}.json": b"{}" for i in range(2001)}
    data = make_zip([(name, content) for name, content in payload.items()])
    rejected(data, R.TOO_MANY_MEMBERS)


def test_encrypted_member() -> None:
    data = bytearray(package())
    # zipfile cannot encrypt: set the "encrypted" flag in the member's local and central headers.
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        local = zf.getinfo("pdf/2025-Q1.pdf").header_offset
    central = data.rfind(b"PK\x01\x02", 0, data.rfind(b"pdf/2025-Q1.pdf"))
    for pos in (local + 6, central + 8):
        (flags,) = struct.unpack_from("<H", data, pos)
        struct.pack_into("<H", data, pos, flags | 1)
    rejected(bytes(data), R.ENCRYPTED_MEMBER)


def test_unsupported_compression() -> None:
    rejected(
        package(extra=[(zip_info("reports/b.json", zipfile.ZIP_BZIP2), b"{}" * 100)]),
        R.UNSUPPORTED_COMPRESSION,
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


def _package_members(data: bytes) -> list[ArchivedMember]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return [
            ArchivedMember(i.filename, i.compress_type, i.CRC, i.file_size, _raw_member(data, i))
            for i in zf.infolist()
        ]


def _raw_member(data: bytes, info: zipfile.ZipInfo) -> bytes:
    name_len, extra_len = struct.unpack_from("<HH", data, info.header_offset + 26)
    start = info.header_offset + 30 + name_len + extra_len
    return data[start : start + info.compress_size]
