"""Reading ELF files, as far as the bundle's trimming needs: which libraries a file links
(readelf from binutils) and the bytes of one dynamic symbol (ICU's data package)."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
from pathlib import Path

SHT_DYNSYM = 11
ELF64_SYM_SIZE = 24


def have_readelf() -> bool:
    return shutil.which("readelf") is not None


def needed_libraries(path: str | Path) -> list[str]:
    """The DT_NEEDED names of an ELF file, in order (empty for a file readelf cannot read)."""
    out = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True, check=False).stdout
    return re.findall(r"\(NEEDED\)\s+Shared library: \[(.+?)\]", out)


def dynamic_symbol_bytes(path: str | Path, symbol: str) -> bytes:
    """The bytes a dynamic symbol of a little-endian 64-bit ELF file covers (ValueError for
    another kind of file, KeyError when the symbol is not there)."""
    data = Path(path).read_bytes()
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        raise ValueError(f"{path}: not a little-endian 64-bit ELF file")
    (shoff,) = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum, _ = struct.unpack_from("<HHH", data, 0x3A)
    # (name, type, flags, addr, offset, size, link, info, addralign, entsize)
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]
    wanted = symbol.encode()
    for sec in sections:
        if sec[1] != SHT_DYNSYM:
            continue
        strtab = sections[sec[6]]
        for off in range(sec[4], sec[4] + sec[5], ELF64_SYM_SIZE):
            st_name, _info, _other, shndx, value, size = struct.unpack_from("<IBBHQQ", data, off)
            start = strtab[4] + st_name
            if data[start : data.index(b"\0", start)] == wanted:
                owner = sections[shndx]
                begin = owner[4] + (value - owner[3])
                return data[begin : begin + size]
    raise KeyError(f"{symbol} not in {path}")
