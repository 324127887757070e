"""The Linux bundle's libraries (tools/bundle): what is left to the user's system, what no
kept file needs any more, and Qt's ICU data rebuilt with Vietnamese and English only."""

from __future__ import annotations

import struct
import sys
from pathlib import Path

import pytest

from tools.bundle import TocEntry
from tools.bundle.elf import dynamic_symbol_bytes, have_readelf, needed_libraries
from tools.bundle.host_libraries import FROM_HOST_LINUX, drop_unreachable_libraries, is_dependency_library
from tools.bundle.icu import (
    NotIcuDataError,
    c_compiler,
    keep_icu_item,
    read_package,
    trim_icu_data,
    trimmed_package,
    use_trimmed_icu,
    write_package,
)
from tools.bundle.pruning import PruneLog

LINUX = sys.platform.startswith("linux")
QT_LIB = Path(__import__("PySide6").__file__).resolve().parent / "Qt" / "lib"


def test_what_counts_as_a_dependency_library() -> None:
    assert is_dependency_library("libssl.so.3")
    assert is_dependency_library("PySide6/Qt/lib/libQt6Core.so.6")
    assert is_dependency_library("pillow.libs/libjpeg-8a13c6e0.so.62.4.0")
    assert not is_dependency_library("PySide6/Qt/plugins/platforms/libqxcb.so")  # loaded on purpose
    assert not is_dependency_library("lib-dynload/_ssl.cpython-311-x86_64-linux-gnu.so")
    assert not is_dependency_library("libpython3.11.so.1.0")
    assert not is_dependency_library("PySide6/QtCore.abi3.so")
    assert not is_dependency_library("resources/fonts/CCHCSerif-Regular.ttf")


def test_libraries_no_kept_file_needs_are_dropped() -> None:
    toc: list[TocEntry] = [
        ("lib-dynload/_ssl.so", "/x/_ssl.so", "EXTENSION"),
        ("libssl.so.3", "/x/libssl.so.3", "BINARY"),
        ("libcrypto.so.3", "/x/libcrypto.so.3", "BINARY"),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/x/libqxcb.so", "BINARY"),
        ("PySide6/Qt/lib/libQt6XcbQpa.so.6", "/x/libQt6XcbQpa.so.6", "BINARY"),
        ("libxcb-cursor.so.0", "/x/libxcb-cursor.so.0", "BINARY"),
        ("libX11.so.6", "/x/libX11.so.6", "BINARY"),  # the host's
        ("libgtk-3.so.0", "/x/libgtk-3.so.0", "BINARY"),  # only the pruned GTK theme needed it
        ("libpango-1.0.so.0", "/x/libpango-1.0.so.0", "BINARY"),
        ("resources/icons/app.svg", "/x/app.svg", "DATA"),
    ]
    links = {
        "/x/_ssl.so": ["libssl.so.3", "libc.so.6"],
        "/x/libssl.so.3": ["libcrypto.so.3"],
        "/x/libqxcb.so": ["libQt6XcbQpa.so.6", "libX11.so.6"],
        "/x/libQt6XcbQpa.so.6": ["libxcb-cursor.so.0", "libX11.so.6"],
        "/x/libgtk-3.so.0": ["libpango-1.0.so.0"],
    }
    log = PruneLog()
    kept = drop_unreachable_libraries(toc, log, needed=lambda src: links.get(src, []))
    assert [e[0] for e in kept] == [
        "lib-dynload/_ssl.so",
        "libssl.so.3",
        "libcrypto.so.3",
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/lib/libQt6XcbQpa.so.6",
        "libxcb-cursor.so.0",
        "resources/icons/app.svg",
    ]
    assert dict(log.entries) == {
        "libX11.so.6": "left to the host system",
        "libgtk-3.so.0": "needed only by pruned plugins or host libraries",
        "libpango-1.0.so.0": "needed only by pruned plugins or host libraries",
    }


def test_the_host_libraries_are_named_once_with_a_reason() -> None:
    names = [name for name, _why in FROM_HOST_LINUX]
    assert len(names) == len(set(names))
    assert all(why for _name, why in FROM_HOST_LINUX)
    assert "libicudata.so.73" not in names and not any(n.startswith("libQt6") for n in names)


@pytest.mark.skipif(not (LINUX and have_readelf()), reason="readelf (binutils) reads Linux libraries")
def test_readelf_names_what_qt_core_links() -> None:
    needed = needed_libraries(QT_LIB / "libQt6Core.so.6")
    assert {"libicuuc.so.73", "libicudata.so.73", "libc.so.6"} <= set(needed)
    assert needed_libraries(Path(__file__)) == []  # not an ELF file


# ---------------------------------------------------------------- ICU


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        ("icudt73l/coll/vi.res", True),  # sorting names the Vietnamese way
        ("icudt73l/coll/root.res", True),
        ("icudt73l/coll/fr.res", False),
        ("icudt73l/vi.res", True),
        ("icudt73l/en_US_POSIX.res", True),
        ("icudt73l/de.res", False),
        ("icudt73l/zone/vi.res", True),
        ("icudt73l/zone/ja.res", False),
        ("icudt73l/pool.res", True),
        ("icudt73l/res_index.res", True),
        ("icudt73l/brkitr/word.brk", False),
        ("icudt73l/lang/vi.res", False),  # display names: Qt never asks
        ("icudt73l/ibm-1047_P100-1995.cnv", False),
        ("icudt73l/unames.icu", False),
        ("icudt73l/uts46.nrm", True),
        ("icudt73l/zoneinfo64.res", True),
    ],
)
def test_which_icu_items_stay(name: str, kept: bool) -> None:
    assert keep_icu_item(name) is kept


def package(items: list[tuple[str, bytes]], header_size: int = 32) -> bytes:
    header = struct.pack("<HBB", header_size, 0xDA, 0x27) + b"\0" * 8 + b"CmnD"
    return write_package(header + b"\0" * (header_size - len(header)), items)


def test_a_package_written_reads_back_with_its_items_aligned() -> None:
    items = [
        ("icudt73l/coll/vi.res", b"\x01" * 37),
        ("icudt73l/de.res", b"\x02" * 5),
        ("icudt73l/x.icu", b"\x03"),
    ]
    blob = package(items)
    header, read = read_package(blob)
    assert len(header) == 32
    # each item starts 16-byte aligned; what follows an item up to the next one is padding
    assert [(n, d[: len(items[i][1])]) for i, (n, d) in enumerate(read)] == items
    (count,) = struct.unpack_from("<I", blob, 32)
    offsets = [struct.unpack_from("<II", blob, 36 + 8 * i)[1] for i in range(count)]
    assert all((32 + off) % 16 == 0 for off in offsets)
    trimmed, kept, before = trimmed_package(blob)
    assert (kept, before) == (2, 3)
    assert [n for n, _ in read_package(trimmed)[1]] == ["icudt73l/coll/vi.res", "icudt73l/x.icu"]


def test_something_else_is_not_read_as_icu_data() -> None:
    with pytest.raises(NotIcuDataError):
        read_package(b"\x20\x00\xda\x28" + b"\0" * 60)


@pytest.mark.skipif(
    not (LINUX and (QT_LIB / "libicudata.so.73").exists() and c_compiler()),
    reason="Qt's ICU data library (Linux wheel) and a C compiler",
)
def test_qts_icu_data_is_rebuilt_with_vietnamese_and_english_only(tmp_path: Path) -> None:
    full = QT_LIB / "libicudata.so.73"
    toc: list[TocEntry] = [
        ("PySide6/Qt/lib/libicudata.so.73", str(full), "BINARY"),
        ("PySide6/Qt/lib/libicuuc.so.73", str(QT_LIB / "libicuuc.so.73"), "BINARY"),
    ]
    out = use_trimmed_icu(toc, tmp_path / "icu")
    assert out[1] == toc[1]
    lib = Path(out[0][1])
    assert out[0][0] == toc[0][0] and lib == tmp_path / "icu" / "libicudata.so.73"
    assert lib.stat().st_size < full.stat().st_size / 8  # 32 MB -> under 3 MB
    _header, items = read_package(dynamic_symbol_bytes(lib, "icudt73_dat"))
    names = {n for n, _ in items}
    assert {"icudt73l/coll/vi.res", "icudt73l/coll/root.res", "icudt73l/vi.res", "icudt73l/en.res"} <= names
    assert all(keep_icu_item(n) for n in names)
    _h, original = read_package(dynamic_symbol_bytes(full, "icudt73_dat"))
    assert names == {n for n, _ in original if keep_icu_item(n)}
    assert trim_icu_data(lib, tmp_path / "again") is not None  # the trimmed library reads as ICU data too
