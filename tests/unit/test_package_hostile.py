"""Hand-made hostile packages: each one is refused, for its own reason.

The archives are built with ``zipfile`` (package_maker.py, not our writer), in the package layout, and the
manifest is re-signed wherever needed so that the check under test is the one that fires.
``test_helper_builds_a_valid_package`` proves the helper itself makes acceptable packages.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import stat
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

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
from tests.unit.package_maker import (
    NOW,
    PACKAGE_ID,
    PAYLOAD,
    R,
    deflate,
    encode,
    key,
    make_zip,
    manifest_dict,
    package,
    package_members,
    rejected,
    zip_info,
)


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
    members = package_members(package(manifest=manifest_bytes))
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
