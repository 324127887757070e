"""The package format as docs/sync-format.md describes it, the writer's guards, and the messages."""

from __future__ import annotations

import base64
import datetime as dt
import functools
import io
import json
import random
import string
import zipfile
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from reports.exchange.packages import (
    FORMAT_VERSION,
    Limits,
    PackageKind,
    PackageRejectedError,
    PackageTooLargeToSendError,
    PackageUnreadableError,
    PartyRef,
    RejectionReason,
    package_filename,
    probe_kind,
    read_package,
    write_package,
)
from reports.exchange.packages import errors as errors_module
from reports.exchange.packages.archive import STORED, build_archive, pack, parse_archive
from reports.exchange.packages.limits import MIB
from reports.exchange.packages.signature import RSA_PSS_SHA256
from reports.signing.keys import INSTALLATION_MARK, KeyPair, create_key_pair

SENDER = PartyRef("26734", "UBND xã Tân Phú")
RECIPIENT = PartyRef("79", "Sở Nội vụ TP. Hồ Chí Minh")
NOW = dt.datetime(2025, 4, 10, 8, 30, tzinfo=dt.timezone(dt.timedelta(hours=7)))
PACKAGE_ID = "3f2a9c1d5e6b4a7c8d9e0f1a2b3c4d5e"
PAYLOAD = {
    "reports/2025-Q1.json": b'{"received": 120}',
    "pdf/2025-Q1.pdf": b"%PDF-1.7\n" + bytes(range(256)),
}


@functools.cache
def key(algorithm: str = "rsa", unit: str = "26734") -> KeyPair:
    return create_key_pair(
        "Máy UBND xã", "UBND xã Tân Phú", unit, algorithm=algorithm, mark=INSTALLATION_MARK
    )


def write(**changes: object) -> bytes:
    args: dict[str, object] = dict(
        kind=PackageKind.SUBMISSION,
        sender=SENDER,
        recipient=RECIPIENT,
        members=PAYLOAD,
        key=key(),
        created_at=NOW,
        package_id=PACKAGE_ID,
        app_version="0.1.0",
    )
    args.update(changes)
    return write_package(**args)  # type: ignore[arg-type]


# --- the format ------------------------------------------------------------------------------------


def test_a_package_is_a_plain_zip_in_a_fixed_layout() -> None:
    data = write()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert zf.testzip() is None
        infos = zf.infolist()
        assert [i.filename for i in infos] == [
            "manifest.json",
            "manifest.sig",
            "pdf/2025-Q1.pdf",
            "reports/2025-Q1.json",
        ]
        assert [i.compress_type for i in infos] == [zipfile.ZIP_STORED] * 2 + [zipfile.ZIP_DEFLATED] * 2
        assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
        assert {i.external_attr >> 16 for i in infos} == {0o100644}
        assert {i.extra for i in infos} == {b""}
        assert zf.comment == b""
        assert {n: zf.read(n) for n in PAYLOAD} == PAYLOAD


def test_manifest_json_as_documented() -> None:
    with zipfile.ZipFile(io.BytesIO(write())) as zf:
        raw = zf.read("manifest.json")
    assert "UBND xã Tân Phú".encode() in raw  # readable, not \\u-escaped
    manifest = json.loads(raw)
    assert list(manifest) == [
        "format_version",
        "package_id",
        "kind",
        "sender",
        "recipient",
        "created_at",
        "app_version",
        "files",
    ]
    assert manifest["format_version"] == FORMAT_VERSION == "1.1"
    assert manifest["created_at"] == "2025-04-10T01:30:00Z"  # 08:30 in Hanoi, stored as UTC
    assert manifest["sender"] == {"unit_code": "26734", "unit_name": "UBND xã Tân Phú"}
    assert [f["path"] for f in manifest["files"]] == sorted(PAYLOAD)
    assert set(manifest["files"][0]) == {"path", "size", "sha256", "archived_sha256"}


@pytest.mark.parametrize(("algorithm", "name"), [("rsa", "rsa-pkcs1v15-sha256"), ("ec", "ecdsa-sha256")])
def test_signature_member_as_documented(algorithm: str, name: str) -> None:
    data = write(key=key(algorithm))
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        sig = json.loads(zf.read("manifest.sig"))
    assert sorted(sig) == ["algorithm", "certificate", "signature"]
    assert sig["algorithm"] == name
    assert sig["certificate"].startswith("-----BEGIN CERTIFICATE-----\n")
    assert write(key=key(algorithm)) == data  # deterministic ECDSA (RFC 6979) too


def test_microseconds_survive_and_created_at_changes_the_bytes() -> None:
    later = NOW + dt.timedelta(microseconds=5)
    opened = read_package(write(created_at=later))
    assert opened.manifest.created_at == later
    assert write(created_at=later) != write()


def test_package_id_is_new_each_time_unless_given() -> None:
    a, b = read_package(write(package_id=None)), read_package(write(package_id=None))
    assert a.manifest.package_id != b.manifest.package_id


def test_rsa_pss_signatures_are_accepted() -> None:
    """Written signatures are PKCS#1 v1.5 (deterministic); a PSS one from another writer is fine."""
    members = parse_archive(write(), Limits())
    manifest_bytes = bytes(members[0].packed)
    private = key().key
    assert isinstance(private, rsa.RSAPrivateKey)
    signature = private.sign(
        manifest_bytes, padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=32), hashes.SHA256()
    )
    sig = json.loads(bytes(members[1].packed))
    sig.update(algorithm=RSA_PSS_SHA256, signature=base64.b64encode(signature).decode())
    members[1] = pack(
        "manifest.sig", (json.dumps(sig, indent=2, sort_keys=True) + "\n").encode(), method=STORED
    )
    assert read_package(build_archive(members)).members == PAYLOAD


def test_text_is_stored_nfc() -> None:
    decomposed = PartyRef("26734", "UBND xa\u0303 Tân Phú")
    assert read_package(write(sender=decomposed)).manifest.sender == SENDER


def test_repetitive_member_is_stored_rather_than_refused_as_a_bomb() -> None:
    members = {**PAYLOAD, "reports/blank.json": bytes(MIB)}
    data = write(members=members)
    assert read_package(data).members == members
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert zf.getinfo("reports/blank.json").compress_type == zipfile.ZIP_STORED


# --- files on disk, names ----------------------------------------------------------------------------


def test_read_from_path_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "26734_2025-Q1_3f2a9c1d.cchc"
    path.write_bytes(write())
    opened = read_package(path)
    assert opened.name == path.name and opened.members == PAYLOAD
    assert probe_kind(path) is PackageKind.SUBMISSION
    path.write_bytes(b"not a package")
    with pytest.raises(PackageRejectedError) as info:
        read_package(path)
    assert "“26734_2025-Q1_3f2a9c1d.cchc”" in info.value.message("vi")
    assert info.value.message("vi").startswith(
        "Tệp “26734_2025-Q1_3f2a9c1d.cchc” không phải gói báo cáo CCHC"
    )
    assert info.value.message("en").startswith("The file “26734_2025-Q1_3f2a9c1d.cchc” is not a CCHC")


def test_messages_without_a_name() -> None:
    with pytest.raises(PackageRejectedError) as info:
        read_package(b"garbage")
    assert info.value.message("vi").startswith("Tệp này không phải gói báo cáo CCHC")
    assert info.value.message("en").startswith("The file is not a CCHC")


def test_missing_file_is_an_environment_error(tmp_path: Path) -> None:
    with pytest.raises(PackageUnreadableError) as info:
        read_package(tmp_path / "gone.cchc")
    assert info.value.exit_code == 2
    assert "gone.cchc" in info.value.message("vi")


def test_probe_kind() -> None:
    assert probe_kind(write(kind="feedback")) is PackageKind.FEEDBACK
    with pytest.raises(PackageRejectedError) as info:
        probe_kind(b"PK\x03\x04 truncated", name="x.cchc")
    assert info.value.reason is RejectionReason.NOT_A_PACKAGE and "x.cchc" in info.value.message()


@pytest.mark.parametrize(
    ("sender", "label", "expected"),
    [
        (SENDER, "2025-Q1", "26734_2025-Q1_3f2a9c1d.cchc"),
        ("26734", dt.date(2025, 6, 30), "26734_2025-06-30_3f2a9c1d.cchc"),
        ("79", "2025 / 9M", "79_2025-9M_3f2a9c1d.cchc"),
    ],
)
def test_package_filename(sender: PartyRef | str, label: str | dt.date, expected: str) -> None:
    assert package_filename(sender, label, PACKAGE_ID) == expected


@pytest.mark.parametrize(
    ("sender", "label", "package_id"),
    [("../x", "2025", PACKAGE_ID), ("1", "//", PACKAGE_ID), ("1", "2025", "zz")],
)
def test_package_filename_refuses_nonsense(sender: str, label: str, package_id: str) -> None:
    with pytest.raises(ValueError):
        package_filename(sender, label, package_id)


# --- the writer's guards ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "changes",
    [
        {"members": {"manifest.json": b"{}"}},
        {"members": {"../evil": b""}},
        {"members": {"reports/a.json": b"", "reports/A.JSON": b""}},
        {"members": {"pdf/a": b"", "pdf/a/b.pdf": b""}},
        {"created_at": dt.datetime(2025, 4, 10, 8, 30)},
        {"package_id": "not-a-uuid"},
        {"sender": PartyRef("26 734", "UBND")},
        {"recipient": PartyRef("79", "")},
        {"app_version": ""},
        {"kind": "gift"},
        {"key": KeyPair(key("rsa").key, key("ec").certificate)},
    ],
    ids=lambda c: next(iter(c)),
)
def test_writer_refuses_bad_arguments(changes: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        write(**changes)


def test_writer_refuses_data_no_reader_would_accept() -> None:
    with pytest.raises(PackageTooLargeToSendError) as info:
        write(limits=Limits(max_member_bytes=100))
    assert "pdf/2025-Q1.pdf" in info.value.message("vi")
    assert info.value.exit_code == 1
    with pytest.raises(PackageTooLargeToSendError):
        write(limits=Limits(max_package_bytes=1000))


# --- the refusals themselves -------------------------------------------------------------------------


def _rejection_classes() -> list[type[PackageRejectedError]]:
    return [
        c
        for c in vars(errors_module).values()
        if isinstance(c, type) and issubclass(c, PackageRejectedError) and c is not PackageRejectedError
    ]


def test_every_reason_has_one_error_with_both_messages() -> None:
    classes = _rejection_classes()
    # Refusals that need the database (reports.exchange.receiving.ImportRejection carries these reasons).
    database_level = {
        RejectionReason.WRONG_KIND, RejectionReason.PACKAGE_ID_CONFLICT, RejectionReason.REPORT_INVALID,
        RejectionReason.FOREIGN_REPORT, RejectionReason.PDF_SIGNATURE_BROKEN, RejectionReason.PDF_DATA_MISMATCH,
        RejectionReason.REPORT_CONFLICT, RejectionReason.FORM_NOT_ISSUED, RejectionReason.NOT_FROM_REVIEWER,
        RejectionReason.ISSUED_ITEM_INVALID, RejectionReason.PERIOD_INVALID, RejectionReason.VALUES_INVALID,
        RejectionReason.CHECKS_FAILED, RejectionReason.PDF_SIGNER_FOREIGN,
        RejectionReason.DEMO_PACKAGE,  # refused by the receiver (receiving.refuse_demo), not the reader
    }
    assert sorted(c.reason for c in classes) == sorted(set(RejectionReason) - database_level)
    for cls in classes:
        assert cls.code == f"package.{cls.reason}"
        assert cls.exit_code == 1
        fields_vi = {f for _, f, _, _ in string.Formatter().parse(cls.vi) if f}
        fields_en = {f for _, f, _, _ in string.Formatter().parse(cls.en) if f}
        assert "file" in fields_vi and fields_vi == fields_en, cls.__name__
        assert cls.vi != cls.en


def test_a_message_is_complete_when_raised_with_its_parameters() -> None:
    error = errors_module.MemberTooLargeError(name="a.cchc", member="pdf/x.pdf", size_mb=12, limit_mb=10)
    assert error.message("vi") == (
        "Phần pdf/x.pdf trong tệp “a.cchc” lớn 12 MB, vượt mức cho phép (10 MB). "
        "Đừng nhận tệp này; hãy đề nghị nơi gửi xuất và gửi lại gói."
    )
    assert error.named("b.cchc").message("en").startswith("The part pdf/x.pdf in the file “b.cchc” is 12 MB")
    assert str(error) == error.message("en")


def test_default_limits_are_the_documented_ones() -> None:
    assert Limits() == Limits(
        max_package_bytes=30 * MIB,
        max_member_bytes=25 * MIB,
        max_total_bytes=60 * MIB,
        max_members=2000,
        max_ratio=200,
    )


def test_already_compressed_members_are_stored_and_the_bytes_stay_the_same() -> None:
    """Photos and scans are not run through zlib for nothing; text still is; the same input
    still gives the same package."""
    photo = b"\xff\xd8\xff" + bytes(random.Random(7).getrandbits(8) for _ in range(300_000)) + b"\xff\xd9"
    text = json.dumps([{"ma": i, "ten": f"Hồ sơ số {i * 7919 % 10007}"} for i in range(8000)]).encode()
    members = {**PAYLOAD, "evidence/anh.jpg": photo, "reports/long.json": text}
    data = write(members=members)
    assert data == write(members=members)
    assert read_package(data).members == members
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert zf.getinfo("evidence/anh.jpg").compress_type == zipfile.ZIP_STORED
        assert zf.getinfo("reports/long.json").compress_type == zipfile.ZIP_DEFLATED
        assert zf.testzip() is None
