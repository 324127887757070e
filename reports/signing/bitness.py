"""Whether a PKCS#11 library can load in this program: its bitness, read from its header.

A 32-bit DLL (often installed in SysWOW64 by older vendor installers) cannot load in the
64-bit program; Windows then reports a cryptic error 193. Reading the PE/ELF/Mach-O header
first lets us say plainly what to install instead.
"""

from __future__ import annotations

import struct
from pathlib import Path

from reports.signing.errors import Pkcs11BitnessError

__all__ = ["Pkcs11BitnessError", "check_library_bits", "library_bits", "program_bits"]


def program_bits() -> int:
    return struct.calcsize("P") * 8


def library_bits(path: str | Path) -> int | None:
    """32 or 64 from a PE (Windows DLL), ELF or Mach-O header; None when it is none of those."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(64)
            if head[:2] == b"MZ" and len(head) >= 64:
                (pe_offset,) = struct.unpack_from("<I", head, 0x3C)
                fh.seek(pe_offset)
                pe = fh.read(6)
                if pe[:4] != b"PE\0\0":
                    return None
                (machine,) = struct.unpack_from("<H", pe, 4)
                # IMAGE_FILE_MACHINE_I386 / ARMNT are 32-bit; AMD64 / ARM64 are 64-bit.
                return {0x014C: 32, 0x01C4: 32, 0x8664: 64, 0xAA64: 64}.get(machine)
    except OSError:
        return None
    if head[:4] == b"\x7fELF":
        return {1: 32, 2: 64}.get(head[4])
    if head[:4] in (b"\xce\xfa\xed\xfe", b"\xfe\xed\xfa\xce"):
        return 32
    if head[:4] in (b"\xcf\xfa\xed\xfe", b"\xfe\xed\xfa\xcf"):
        return 64
    return None


def check_library_bits(path: str | Path) -> None:
    """Raise ``Pkcs11BitnessError`` when the library is known to be of the other bitness."""
    bits = library_bits(path)
    if bits is not None and bits != program_bits():
        raise Pkcs11BitnessError(path=str(path), library_bits=bits, program_bits=program_bits())
