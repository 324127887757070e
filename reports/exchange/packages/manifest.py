"""The manifest: what a package is, who sent it to whom, and one entry per payload file.

``encode_manifest`` writes the exact bytes that get signed; ``decode_manifest`` reads them
back with strict types. The format version is looked at first, so a package from a newer
major version is refused with "update the program" rather than a schema complaint.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from reports.exchange.packages.errors import (
    ManifestInvalidError,
    NewerFormatError,
    PackageRejectedError,
)
from reports.exchange.packages.names import check_payload_name, is_unit_code

FORMAT_VERSION = "1.1"
FORMAT_MAJOR = 1
FORMAT_MINOR = 2  # 1.1: submissions name their form by hash instead of carrying it (docs/sync-format.md)
# 1.2 adds one key, ``"demo": true``: the package comes from a demo installation (sample data)
# and a reviewer refuses it. Only such packages are written as 1.2, so that installations of an
# earlier version keep reading every real package; the mark is inside the signed manifest, so it
# cannot be taken off without breaking the signature.
DEMO_FORMAT_VERSION = "1.2"
DEMO_MINOR = 2

_VERSION = re.compile(r"(0|[1-9][0-9]{0,3})\.(0|[1-9][0-9]{0,3})")
_PACKAGE_ID = re.compile(r"[0-9a-f]{12}4[0-9a-f]{3}[89ab][0-9a-f]{15}")  # uuid4().hex
_SHA256 = re.compile(r"[0-9a-f]{64}")
_TIMESTAMP = re.compile(r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{6}))?Z")
_APP_VERSION = re.compile(r"[0-9A-Za-z][0-9A-Za-z.+_-]{0,63}")
_TOP_LEVEL_KEYS = (
    "format_version",
    "package_id",
    "kind",
    "sender",
    "recipient",
    "created_at",
    "app_version",
    "files",
)
_DEMO_KEY = "demo"
_PARTY_KEYS = ("unit_code", "unit_name")
_FILE_KEYS = ("path", "size", "sha256", "archived_sha256")
MAX_UNIT_NAME = 200


class PackageKind(StrEnum):
    SUBMISSION = "submission"  # a commune's reports, to the reviewer
    FEEDBACK = "feedback"  # the reviewer's receipts, decisions and new forms, back to the commune


@dataclass(frozen=True)
class PartyRef:
    unit_code: str
    unit_name: str


@dataclass(frozen=True)
class FileEntry:
    path: str
    sha256: str  # of the file's content
    size: int  # of the file's content
    # Of the member's bytes as they sit in the archive (the deflate stream). With it the
    # signature covers every byte of the package, not only what unpacking yields: deflate
    # ignores some bits, so two different archives can unpack to the same content.
    archived_sha256: str


@dataclass(frozen=True)
class Manifest:
    format_version: str
    package_id: str
    kind: PackageKind
    sender: PartyRef
    recipient: PartyRef
    created_at: dt.datetime  # aware, UTC
    app_version: str
    files: tuple[FileEntry, ...]
    demo: bool = False  # from a demo installation (sample data): never to be imported as real

    def file(self, path: str) -> FileEntry | None:
        return next((f for f in self.files if f.path == path), None)


def new_package_id() -> str:
    return uuid.uuid4().hex


def is_package_id(text: str) -> bool:
    return _PACKAGE_ID.fullmatch(text) is not None


def is_app_version(text: str) -> bool:
    return _APP_VERSION.fullmatch(text) is not None


def is_unit_name(text: str) -> bool:
    return (
        0 < len(text) <= MAX_UNIT_NAME
        and text == text.strip()
        and unicodedata.is_normalized("NFC", text)
        and not any(unicodedata.category(c).startswith("C") for c in text)
    )


def format_timestamp(when: dt.datetime) -> str:
    if when.tzinfo is None or when.utcoffset() is None:
        raise ValueError("created_at must be timezone-aware")
    utc = when.astimezone(dt.UTC)
    # Not strftime: "%Y" is not zero-padded below year 1000 on every platform.
    text = f"{utc.year:04d}-{utc.month:02d}-{utc.day:02d}T{utc.hour:02d}:{utc.minute:02d}:{utc.second:02d}"
    if utc.microsecond:
        text += f".{utc.microsecond:06d}"
    return text + "Z"


def encode_manifest(manifest: Manifest) -> bytes:
    """The bytes of ``manifest.json``: UTF-8, indented for a person reading it, stable key order."""
    obj: dict[str, Any] = {
        "format_version": manifest.format_version,
        "package_id": manifest.package_id,
        "kind": str(manifest.kind),
        "sender": _party_json(manifest.sender),
        "recipient": _party_json(manifest.recipient),
        "created_at": format_timestamp(manifest.created_at),
        "app_version": manifest.app_version,
        "files": [
            {"path": f.path, "size": f.size, "sha256": f.sha256, "archived_sha256": f.archived_sha256}
            for f in manifest.files
        ],
    }
    if manifest.demo:
        obj[_DEMO_KEY] = True
    return (json.dumps(obj, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _party_json(party: PartyRef) -> dict[str, str]:
    return {"unit_code": party.unit_code, "unit_name": party.unit_name}


def decode_manifest(data: bytes) -> Manifest:
    """Parse and check ``manifest.json``; raise ``NewerFormatError`` or ``ManifestInvalidError``."""
    obj = parse_json_object(data, field="manifest.json")
    version = obj.get("format_version")
    if not isinstance(version, str) or not (m := _VERSION.fullmatch(version)):
        raise ManifestInvalidError(field="format_version")
    major, minor = int(m.group(1)), int(m.group(2))
    if major > FORMAT_MAJOR:
        raise NewerFormatError(version=version)
    if major < FORMAT_MAJOR:
        raise ManifestInvalidError(field="format_version")
    # A newer minor version may add top-level keys that this reader can safely ignore; in the
    # versions this reader implements (1.0, 1.1: the same manifest), an unknown key means the
    # writer is not ours.
    optional = (_DEMO_KEY,) if minor >= DEMO_MINOR else ()
    _check_keys(obj, _TOP_LEVEL_KEYS, "", allow_unknown=minor > FORMAT_MINOR, optional=optional)
    demo = obj.get(_DEMO_KEY, False)
    if demo is not True and _DEMO_KEY in obj:  # only ever written as true: anything else is not ours
        raise ManifestInvalidError(field=_DEMO_KEY)

    package_id = _string(obj, "package_id", "package_id")
    if not is_package_id(package_id):
        raise ManifestInvalidError(field="package_id")
    kind_text = _string(obj, "kind", "kind")
    try:
        kind = PackageKind(kind_text)
    except ValueError:
        raise ManifestInvalidError(field="kind") from None
    app_version = _string(obj, "app_version", "app_version")
    if not is_app_version(app_version):
        raise ManifestInvalidError(field="app_version")
    return Manifest(
        format_version=version,
        package_id=package_id,
        kind=kind,
        sender=_party(obj.get("sender"), "sender"),
        recipient=_party(obj.get("recipient"), "recipient"),
        created_at=_timestamp(_string(obj, "created_at", "created_at")),
        app_version=app_version,
        files=_files(obj.get("files")),
        demo=demo is True,
    )


def parse_json_object(data: bytes, *, field: str) -> dict[str, Any]:
    """A JSON object from UTF-8 bytes; duplicate keys, NaN and non-objects are refused."""
    try:
        obj = json.loads(
            data.decode("utf-8"),
            object_pairs_hook=_no_duplicate_keys,
            parse_constant=_no_constant,
        )
    except (ValueError, RecursionError):  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        raise ManifestInvalidError(field=field) from None
    if not isinstance(obj, dict):
        raise ManifestInvalidError(field=field)
    return obj


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        raise ValueError("duplicate key")
    return obj


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")


def _check_keys(obj: Mapping[str, Any], keys: tuple[str, ...], where: str, *, allow_unknown: bool,
                optional: tuple[str, ...] = ()) -> None:
    for key in keys:
        if key not in obj:
            raise ManifestInvalidError(field=where + key)
    if not allow_unknown:
        for key in obj:
            if key not in keys and key not in optional:
                raise ManifestInvalidError(field=where + key)


def _string(obj: Mapping[str, Any], key: str, field: str) -> str:
    value = obj.get(key)
    if not isinstance(value, str):
        raise ManifestInvalidError(field=field)
    return value


def _party(value: Any, field: str) -> PartyRef:
    if not isinstance(value, dict):
        raise ManifestInvalidError(field=field)
    _check_keys(value, _PARTY_KEYS, field + ".", allow_unknown=False)
    code = _string(value, "unit_code", field + ".unit_code")
    if not is_unit_code(code):
        raise ManifestInvalidError(field=field + ".unit_code")
    name = _string(value, "unit_name", field + ".unit_name")
    if not is_unit_name(name):
        raise ManifestInvalidError(field=field + ".unit_name")
    return PartyRef(code, name)


def _timestamp(text: str) -> dt.datetime:
    m = _TIMESTAMP.fullmatch(text)
    if not m:
        raise ManifestInvalidError(field="created_at")
    year, month, day, hour, minute, second, micro = (int(g) if g else 0 for g in m.groups())
    try:
        return dt.datetime(year, month, day, hour, minute, second, micro, tzinfo=dt.UTC)
    except ValueError:
        raise ManifestInvalidError(field="created_at") from None


def _files(value: Any) -> tuple[FileEntry, ...]:
    if not isinstance(value, list):
        raise ManifestInvalidError(field="files")
    entries: list[FileEntry] = []
    for i, item in enumerate(value):
        where = f"files[{i}]"
        if not isinstance(item, dict):
            raise ManifestInvalidError(field=where)
        _check_keys(item, _FILE_KEYS, where + ".", allow_unknown=False)
        path = _string(item, "path", where + ".path")
        try:
            check_payload_name(path)
        except PackageRejectedError:
            raise ManifestInvalidError(field=where + ".path") from None
        if entries and path <= entries[-1].path:  # sorted, hence no duplicates
            raise ManifestInvalidError(field=where + ".path")
        size = item["size"]
        if type(size) is not int or size < 0:  # bool is an int subclass: type() rules it out
            raise ManifestInvalidError(field=where + ".size")
        digests = []
        for key in ("sha256", "archived_sha256"):
            digest = _string(item, key, f"{where}.{key}")
            if not _SHA256.fullmatch(digest):
                raise ManifestInvalidError(field=f"{where}.{key}")
            digests.append(digest)
        entries.append(FileEntry(path, digests[0], size, digests[1]))
    return tuple(entries)
