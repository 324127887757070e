"""Linux: Qt's ICU data, rebuilt with Vietnamese and English only.

QtCore links ICU, whose data library (libicudata, 32 MB) holds every locale, converter and
dictionary of the world. QtCore imports exactly four kinds of ICU functions (readelf
--dyn-syms): collation (ucol_*: sorting names the Vietnamese way), case mapping
(u_strToUpper/Lower), time-zone names (ucal_*) and legacy text converters (ucnv_*). The
library is kept, but rebuilt with only the data those need for Vietnamese and English: the
library stays, the world's data goes (~30 MB).

The data is one "common data package" in the library's ``icudtNN_dat`` symbol: a header,
a table of contents (item count, then (name offset, data offset) pairs relative to the
table), the names, and the items, each 16-byte aligned.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from tools.bundle import TocEntry
from tools.bundle.elf import dynamic_symbol_bytes

ICU_LOCALES = {"root", "vi", "vi_VN", "en", "en_001", "en_GB", "en_US", "en_US_POSIX"}
# Break iterators, display names, units, spell-out, transliteration: Qt never asks ICU for them.
ICU_DROP_TREES = {"brkitr", "curr", "lang", "region", "unit", "rbnf", "translit"}
# Legacy charset tables (Qt's own UTF-8/16/32 and Latin-1 codecs need none), stringprep,
# spoof checks, character names.
ICU_DROP_FILES = re.compile(r"\.(cnv|spp|cfu)$|/unames\.icu$")
NOT_LOCALES = {"pool", "root", "res_index"}

Item = tuple[str, bytes]


class NotIcuDataError(ValueError):
    pass


def keep_icu_item(name: str) -> bool:
    """Whether an item of the package (``icudt73l/coll/vi.res``) stays."""
    parts = name.split("/")[1:]  # drop the "icudt73l" package prefix
    if ICU_DROP_FILES.search(name):
        return False
    if len(parts) == 2 and parts[0] in ICU_DROP_TREES:
        return False
    stem = parts[-1].rsplit(".", 1)[0]
    is_locale = re.fullmatch(r"[a-z]{2,3}(_[A-Za-z0-9]+)*", stem) and stem not in NOT_LOCALES
    if parts[-1].endswith(".res") and is_locale:
        return stem in ICU_LOCALES
    return True


def read_package(blob: bytes) -> tuple[bytes, list[Item]]:
    """The header and the (name, data) items of an ICU common data package."""
    header_size, magic1, magic2 = struct.unpack_from("<HBB", blob, 0)
    if (magic1, magic2) != (0xDA, 0x27) or blob[12:16] != b"CmnD":
        raise NotIcuDataError("not an ICU common data package")
    (count,) = struct.unpack_from("<I", blob, header_size)
    toc = [struct.unpack_from("<II", blob, header_size + 4 + 8 * i) for i in range(count)]
    items = []
    for i, (name_off, data_off) in enumerate(toc):
        start = header_size + name_off
        name = blob[start : blob.index(b"\0", start)].decode("ascii")
        end = toc[i + 1][1] if i + 1 < count else len(blob) - header_size
        items.append((name, blob[header_size + data_off : header_size + end]))
    return blob[:header_size], items


def write_package(header: bytes, items: Iterable[Item]) -> bytes:
    """A common data package of ``items`` behind ``header``, laid out as ICU lays it out."""
    items = list(items)
    header_size = len(header)
    names = b"".join(n.encode("ascii") + b"\0" for n, _ in items)
    toc_size = 4 + 8 * len(items)
    pos = toc_size + len(names)
    pos += (-(header_size + pos)) % 16
    entries, body, name_pos = [], bytearray(), toc_size
    for name, data in items:
        pad = (-(header_size + pos + len(body))) % 16
        body += b"\0" * pad
        entries.append((name_pos, pos + len(body)))
        body += data
        name_pos += len(name) + 1
    out = bytearray(header)
    out += struct.pack("<I", len(items))
    for e in entries:
        out += struct.pack("<II", *e)
    out += names
    out += b"\0" * ((-len(out)) % 16)
    assert len(out) == header_size + pos, "ICU package layout"
    out += body
    return bytes(out)


def trimmed_package(blob: bytes, keep: Callable[[str], bool] = keep_icu_item) -> tuple[bytes, int, int]:
    """The package with only the items ``keep`` accepts; (package, items kept, items before)."""
    header, items = read_package(blob)
    kept = [item for item in items if keep(item[0])]
    return write_package(header, kept), len(kept), len(items)


def c_compiler() -> str | None:
    return shutil.which("gcc") or shutil.which("cc")


def data_library(package: bytes, major: str, out_dir: Path, compiler: str) -> Path:
    """``libicudata.so.<major>`` exporting ``package`` as ``icudt<major>_dat``, as ICU's own does."""
    symbol = f"icudt{major}_dat"
    out_dir.mkdir(parents=True, exist_ok=True)
    dat = out_dir / f"icudt{major}l.dat"
    dat.write_bytes(package)
    asm = out_dir / "icudata.S"
    asm.write_text(
        f".section .rodata\n.globl {symbol}\n.type {symbol}, @object\n.balign 16\n{symbol}:\n"
        f'.incbin "{dat.name}"\n.size {symbol}, . - {symbol}\n.section .note.GNU-stack,"",@progbits\n',
        encoding="ascii",
    )
    lib = out_dir / f"libicudata.so.{major}"
    subprocess.run(
        [compiler, "-shared", "-nostdlib", f"-Wl,-soname,libicudata.so.{major}", "-o", str(lib), asm.name],
        cwd=out_dir,
        check=True,
    )
    return lib


def trim_icu_data(src: str | Path, out_dir: Path) -> Path | None:
    """A copy of libicudataNN.so whose package holds only what we keep; None when this cannot
    be done here (no C compiler): the full library is then bundled."""
    compiler = c_compiler()
    if compiler is None:
        print("build.spec: no C compiler; bundling the full ICU data (+30 MB)", file=sys.stderr)
        return None
    found = re.search(r"libicudata\.so\.(\d+)", str(src))
    if found is None:
        raise NotIcuDataError(f"{src}: not named libicudata.so.NN")
    major = found.group(1)
    blob = dynamic_symbol_bytes(src, f"icudt{major}_dat")
    package, kept, count = trimmed_package(blob)
    lib = data_library(package, major, out_dir, compiler)
    print(
        f"build.spec: ICU data trimmed to {kept} of {count} items, "
        f"{len(blob) / 1e6:.1f} MB -> {len(package) / 1e6:.1f} MB",
        file=sys.stderr,
    )
    return lib


def use_trimmed_icu(toc: Iterable[TocEntry], out_dir: Path) -> list[TocEntry]:
    """The TOC with the trimmed ICU data library in place of the full one."""
    result = []
    for e in toc:
        if re.search(r"(^|/)libicudata\.so\.\d+$", e[0].replace("\\", "/")):
            trimmed = trim_icu_data(e[1], out_dir)
            if trimmed is not None:
                e = (e[0], str(trimmed), e[2])
        result.append(e)
    return result
