"""The zip container, written and read by hand.

A package is a plain zip that any unzip tool opens, but this module writes exactly one
layout (fixed dates and permissions, no extra fields, no comments, no data descriptors) and
reads back only that layout. ``zipfile`` would do for writing, but for reading it is too
forgiving for files that arrive from outside: it accepts data before the archive and after
it, ignores the local headers' sizes, and would happily unpack a bomb. Here every header
field is either checked against the layout or against the other copy of it, so any changed
byte is refused (the test suite flips every kind of byte to prove it).

The order of the checks matters: what can hurt (names, links, sizes, compression ratio,
encryption) is judged from the central directory first, before any member is unpacked.
"""

from __future__ import annotations

import stat
import struct
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

from reports.exchange.packages.errors import (
    BadMemberNameError,
    DuplicateMemberError,
    EncryptedMemberError,
    MemberCorruptError,
    MemberTooLargeError,
    NotAPackageError,
    SymlinkMemberError,
    TooManyMembersError,
    TotalTooLargeError,
    UnsupportedCompressionError,
    ZipBombError,
)
from reports.exchange.packages.limits import Limits, mib
from reports.exchange.packages.names import MANIFEST_NAME, SIGNATURE_NAME, check_payload_name, folder_clash

STORED = 0
DEFLATED = 8
DEFLATE_LEVEL = 6
VERSION = 20  # "2.0": deflate, plain files
MADE_BY = (3 << 8) | VERSION  # made on Unix, so the permission bits below mean something
DOS_DATE = (1 << 5) | 1  # 1980-01-01, the earliest date a zip can hold
DOS_TIME = 0
EXTERNAL_ATTR = (stat.S_IFREG | 0o644) << 16
_FLAG_ENCRYPTED = 0x0001
_FLAG_STRONG_ENCRYPTION = 0x0040
_FLAG_UTF8 = 0x0800
_DOS_DIRECTORY = 0x10
MAX_ENTRIES = 0xFFFF

_LOCAL = struct.Struct("<4sHHHHHIIIHH")
_CENTRAL = struct.Struct("<4sHHHHHHIIIHHHHHII")
_END = struct.Struct("<4sHHHHIIH")
_LOCAL_SIG = b"PK\x03\x04"
_CENTRAL_SIG = b"PK\x01\x02"
_END_SIG = b"PK\x05\x06"


@dataclass(frozen=True)
class ArchivedMember:
    """One member as it sits in the archive: ``packed`` is the stored or deflated bytes."""

    name: str
    method: int
    crc: int
    size: int  # unpacked
    packed: bytes | memoryview


def pack(name: str, content: bytes, *, method: int = DEFLATED) -> ArchivedMember:
    if method == DEFLATED:
        compressor = zlib.compressobj(DEFLATE_LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS)
        packed = b"".join((compressor.compress(content), compressor.flush()))
    elif method == STORED:
        packed = bytes(content)
    else:
        raise ValueError(f"unknown method {method}")
    return ArchivedMember(name, method, zlib.crc32(content), len(content), packed)


SAMPLE_BYTES = 64 * 1024


def worth_deflating(content: bytes) -> bool:
    """False for content that is already compressed (photos, PDFs' streams, office files):
    judged by deflating its first 64 KB quickly, so a package of scanned evidence is not run
    through zlib for nothing (seconds of CPU per 30 MB). The same content always gets the same
    answer, so the same input still gives the same package bytes."""
    if len(content) <= SAMPLE_BYTES:
        return True
    sample = memoryview(content)[:SAMPLE_BYTES]
    return len(zlib.compress(sample, 1)) < SAMPLE_BYTES * 0.9


def build_archive(members: Sequence[ArchivedMember]) -> bytes:
    """The zip file holding ``members`` in the given order."""
    if len(members) > MAX_ENTRIES:
        raise ValueError("too many members for a zip without zip64")
    # Pieces joined once at the end: growing one buffer member by member re-copied it at every
    # growth, megabytes at a time with the GIL held (the window stalled while evidence was packed).
    pieces: list[bytes | memoryview] = []
    central: list[bytes] = []
    offset = 0
    for m in members:
        name = m.name.encode("ascii")
        local = _LOCAL.pack(
            _LOCAL_SIG, VERSION, 0, m.method, DOS_TIME, DOS_DATE, m.crc, len(m.packed), m.size, len(name), 0
        )
        pieces += (local, name, m.packed)
        central += (_CENTRAL.pack(
            _CENTRAL_SIG, MADE_BY, VERSION, 0, m.method, DOS_TIME, DOS_DATE, m.crc, len(m.packed), m.size,
            len(name), 0, 0, 0, 0, EXTERNAL_ATTR, offset,
        ), name)  # fmt: skip
        offset += len(local) + len(name) + len(m.packed)
    central_size = sum(len(c) for c in central)
    end = _END.pack(_END_SIG, 0, 0, len(members), len(members), central_size, offset, 0)
    return b"".join([*pieces, *central, end])


@dataclass(frozen=True)
class _Entry:
    """A central-directory record, before anything is trusted (fields in the record's order)."""

    name: str
    raw_name: bytes
    made_by: int
    needed: int
    flags: int
    method: int
    time: int
    date: int
    crc: int
    packed_size: int
    size: int
    name_len: int
    extra_len: int
    comment_len: int
    disk: int
    internal: int
    external: int
    offset: int


def parse_archive(data: bytes, limits: Limits) -> list[ArchivedMember]:
    """The members of ``data``, in archive order, after every check that needs no unpacking."""
    entries, cd_offset = _central_directory(data, limits)
    _check_entries(entries, limits)
    return _check_layout(data, entries, cd_offset)


def _central_directory(data: bytes, limits: Limits) -> tuple[list[_Entry], int]:
    end = len(data) - _END.size
    if end < 0:
        raise NotAPackageError()
    sig, disk, cd_disk, count_here, count, cd_size, cd_offset, comment_len = _END.unpack_from(data, end)
    # The end record must close the file: no comment, nothing appended, one disk.
    if sig != _END_SIG or comment_len or disk or cd_disk or count_here != count:
        raise NotAPackageError()
    if count > limits.max_members:
        raise TooManyMembersError(count=count, limit=limits.max_members)
    if cd_offset + cd_size != end or cd_size < count * _CENTRAL.size:
        raise NotAPackageError()
    entries = []
    pos = cd_offset
    for _ in range(count):
        if pos + _CENTRAL.size > end:
            raise NotAPackageError()
        fields = _CENTRAL.unpack_from(data, pos)
        sig, name_len, extra_len, comment_len = fields[0], fields[10], fields[11], fields[12]
        name_start = pos + _CENTRAL.size
        pos = name_start + name_len + extra_len + comment_len
        if sig != _CENTRAL_SIG or pos > end:
            raise NotAPackageError()
        raw_name = bytes(data[name_start : name_start + name_len])
        # zip's own rule: names are UTF-8 when the flag says so, else code page 437.
        flags = fields[3]
        name = raw_name.decode("utf-8", "replace") if flags & _FLAG_UTF8 else raw_name.decode("cp437")
        entries.append(_Entry(name, raw_name, *fields[1:]))
    if pos != end:
        raise NotAPackageError()
    return entries, cd_offset


def _check_entries(entries: list[_Entry], limits: Limits) -> None:
    """What could hurt, judged from the central directory alone."""
    seen: set[str] = set()
    total = 0
    for e in entries:
        if e.name not in (MANIFEST_NAME, SIGNATURE_NAME):
            check_payload_name(e.name)
        mode = e.external >> 16
        if stat.S_ISLNK(mode):
            raise SymlinkMemberError(member=e.name)
        if stat.S_ISDIR(mode) or e.external & _DOS_DIRECTORY:
            raise BadMemberNameError(member=e.name)
        # Windows and macOS file systems ignore case: two such names would overwrite each other.
        folded = e.name.casefold()
        if folded in seen:
            raise DuplicateMemberError(member=e.name)
        seen.add(folded)
        if e.flags & (_FLAG_ENCRYPTED | _FLAG_STRONG_ENCRYPTION):
            raise EncryptedMemberError(member=e.name)
        if e.method not in (STORED, DEFLATED):
            raise UnsupportedCompressionError(member=e.name)
        if e.size > limits.max_ratio * e.packed_size:
            raise ZipBombError(member=e.name)
        if e.size > limits.max_member_bytes:
            raise MemberTooLargeError(
                member=e.name, size_mb=mib(e.size), limit_mb=mib(limits.max_member_bytes)
            )
        total += e.size
        if total > limits.max_total_bytes:
            raise TotalTooLargeError(size_mb=mib(total), limit_mb=mib(limits.max_total_bytes))
    if (clash := folder_clash(e.name for e in entries)) is not None:
        raise BadMemberNameError(member=clash)


def _check_layout(data: bytes, entries: list[_Entry], cd_offset: int) -> list[ArchivedMember]:
    """Every header field as written by ``build_archive``, members back to back from byte 0."""
    view = memoryview(data)
    members = []
    pos = 0
    for e in entries:
        manifest_part = e.name in (MANIFEST_NAME, SIGNATURE_NAME)
        if (
            (e.made_by, e.needed, e.flags, e.time, e.date) != (MADE_BY, VERSION, 0, DOS_TIME, DOS_DATE)
            or (e.extra_len, e.comment_len, e.disk, e.internal, e.external) != (0, 0, 0, 0, EXTERNAL_ATTR)
            # The manifest and its signature are stored, so the signed bytes are the file's bytes.
            or (manifest_part and e.method != STORED)
            or (e.method == STORED and e.packed_size != e.size)
            or e.offset != pos
        ):
            raise NotAPackageError()
        start = pos + _LOCAL.size + len(e.raw_name)
        if start + e.packed_size > cd_offset:
            raise NotAPackageError()
        local = _LOCAL.unpack_from(data, pos)
        pos = start + e.packed_size
        expected = (
            _LOCAL_SIG,
            VERSION,
            0,
            e.method,
            DOS_TIME,
            DOS_DATE,
            e.crc,
            e.packed_size,
            e.size,
            len(e.raw_name),
            0,
        )
        if local != expected or data[start - len(e.raw_name) : start] != e.raw_name:
            raise NotAPackageError()
        members.append(ArchivedMember(e.name, e.method, e.crc, e.size, view[start:pos]))
    if pos != cd_offset:  # nothing hidden between the members and the directory
        raise NotAPackageError()
    return members


def unpack(member: ArchivedMember) -> bytes:
    """The content of ``member``, never more than its declared size (a lying header is a bomb)."""
    if member.method == STORED:
        content = bytes(member.packed)
    else:
        inflater = zlib.decompressobj(-zlib.MAX_WBITS)
        try:
            content = inflater.decompress(member.packed, member.size + 1)
        except zlib.error:
            raise MemberCorruptError(member=member.name) from None
        if len(content) > member.size:
            raise ZipBombError(member=member.name)
        if not inflater.eof or inflater.unused_data or inflater.unconsumed_tail:
            raise MemberCorruptError(member=member.name)
    if len(content) != member.size or zlib.crc32(content) != member.crc:
        raise MemberCorruptError(member=member.name)
    return content
