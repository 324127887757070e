"""Token discovery: the vendors' library list, the bitness check, and real SoftHSM2 tokens."""

from __future__ import annotations

import ntpath
import struct
from collections.abc import Iterator
from pathlib import Path

import pytest

from reports.signing import token as token_module
from reports.signing.discovery import (
    FoundLibrary,
    Pkcs11BitnessError,
    candidate_paths,
    check_library_bits,
    discover_tokens,
    find_libraries,
    library_bits,
)
from reports.signing.keys import create_key_pair
from tests.unit.softhsm import SOFTHSM, put_key, softhsm_tokens

needs_softhsm = pytest.mark.skipif(
    not Path(SOFTHSM).is_file(), reason=f"SoftHSM2 is not installed ({SOFTHSM})"
)

WINDOWS_ENV = {
    "SystemRoot": r"C:\WINDOWS",
    "ProgramFiles": r"C:\Program Files",
    "ProgramFiles(x86)": r"C:\Program Files (x86)",
}


def test_windows_search_covers_system32_syswow64_and_vendor_folders() -> None:
    paths = [p for _vendor, p in candidate_paths("windows", WINDOWS_ENV)]
    assert r"C:\WINDOWS\System32\vnptca_p11_v8.dll" in paths
    assert r"C:\WINDOWS\SysWOW64\vnptca_p11_v8.dll" in paths
    assert r"C:\WINDOWS\System32\viettel-ca_v6.dll" in paths
    assert r"C:\WINDOWS\System32\bit4xpki.dll" in paths
    assert r"C:\WINDOWS\System32\eTPKCS11.dll" in paths
    assert r"C:\Program Files\Bkav Corporation\BkavCA Token Manager\st3csp11.dll" in paths
    assert r"C:\Program Files (x86)\Bkav Corporation\BkavCA Token Manager\st3csp11.dll" in paths
    # 64-bit System32 before SysWOW64, so the loadable copy wins.
    assert paths.index(r"C:\WINDOWS\System32\fpt-ca_v5.dll") < paths.index(
        r"C:\WINDOWS\SysWOW64\fpt-ca_v5.dll"
    )
    for path in paths:
        assert ntpath.isabs(path) and "%" not in path, path
    assert len(paths) == len({p.casefold() for p in paths}), "each place is searched once"


def test_windows_defaults_when_the_environment_lacks_the_variables() -> None:
    paths = [p for _vendor, p in candidate_paths("windows", {})]
    assert r"C:\Windows\System32\misaca_csp11_v2.dll" in paths


def test_linux_and_macos_search() -> None:
    linux = dict((p, v) for v, p in candidate_paths("linux", {}))
    assert linux["/usr/lib/fptca_v4.so"] == "FPT-CA"
    assert "/usr/lib/libbit4xpki.so" in linux
    mac = [p for _v, p in candidate_paths("darwin", {})]
    assert "/Library/bit4id/pkcs11/libbit4xpki.dylib" in mac


def test_every_vendor_of_the_domain_notes_is_searched() -> None:
    names = {ntpath.basename(p).casefold() for _v, p in candidate_paths("windows", WINDOWS_ENV)}
    for expected in [
        "viettel-ca.dll",
        "vnptca_p11_v10.dll",
        "VNPTCACardv8csp11.dll",
        "BkavCAv2S.dll",
        "fptca_v3.dll",
        "misaca_csp11_v2.dll",
        "CA2_csp11.dll",
        "nca_eps2k3a.dll",
        "newca_v4.dll",
        "Safe-ca_v2.dll",
        "fca_v1.dll",
        "efy-ca_v1.dll",
        "vina-ca_v5.dll",
        "eps2003csp11.dll",
        "ShuttleCsp11_3003.dll",
    ]:
        assert expected.casefold() in names, expected


def _pe(path: Path, machine: int) -> Path:
    """A minimal PE header: "MZ", the offset of "PE\\0\\0" at 0x3C, then the machine field."""
    head = bytearray(b"MZ" + b"\0" * 62)
    struct.pack_into("<I", head, 0x3C, 64)
    path.write_bytes(bytes(head) + b"PE\0\0" + struct.pack("<H", machine) + b"\0" * 32)
    return path


def test_library_bits_from_headers(tmp_path: Path) -> None:
    assert library_bits(_pe(tmp_path / "x86.dll", 0x014C)) == 32
    assert library_bits(_pe(tmp_path / "x64.dll", 0x8664)) == 64
    elf32 = tmp_path / "lib32.so"
    elf32.write_bytes(b"\x7fELF\x01\x01\x01" + b"\0" * 57)
    assert library_bits(elf32) == 32
    text = tmp_path / "notes.txt"
    text.write_text("không phải thư viện")
    assert library_bits(text) is None
    assert library_bits(tmp_path / "missing.dll") is None


def test_a_32_bit_library_is_refused_plainly(tmp_path: Path) -> None:
    dll = _pe(tmp_path / "vnptca_p11_v8.dll", 0x014C)
    with pytest.raises(Pkcs11BitnessError) as info:
        check_library_bits(dll)
    vi = info.value.message("vi")
    assert "32-bit" in vi and "64-bit" in vi and "Hãy cài bản 64-bit" in vi
    # Typing that path by hand gives the same message, not a loader error.
    with pytest.raises(Pkcs11BitnessError):
        token_module.load_module(str(dll))
    found = discover_tokens([FoundLibrary("VNPT-CA", str(dll))])
    assert found.tokens == ()
    [problem] = found.problems
    assert problem.vendor == "VNPT-CA" and isinstance(problem.error, Pkcs11BitnessError)


def test_a_library_that_does_not_load_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    junk = tmp_path / "viettel-ca_v6.so"
    junk.write_bytes(b"\x7fELF\x02\x01\x01" + b"\0" * 100)
    found = discover_tokens([FoundLibrary("Viettel-CA", str(junk))])
    assert found.tokens == () and len(found.problems) == 1
    assert "PKCS#11" in found.problems[0].error.message("vi")


@pytest.fixture(scope="module")
def two_tokens(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    with softhsm_tokens(tmp_path_factory.mktemp("softhsm"), ["UBND Tan Phu", "Token trong"]) as lib:
        rsa_pair = create_key_pair("Nguyễn Văn An", "UBND xã Tân Phú", "26116", algorithm="rsa")
        ec_pair = create_key_pair("Trần Thị Bình", "UBND xã Tân Phú", "26116", algorithm="ec")
        put_key(lib, "UBND Tan Phu", rsa_pair, b"\x01", "chu-tich")
        put_key(lib, "UBND Tan Phu", ec_pair, b"\x02", "pho-chu-tich")
        yield


@needs_softhsm
def test_softhsm_is_found_through_the_data_file() -> None:
    assert any(Path(lib.path).resolve() == Path(SOFTHSM).resolve() for lib in find_libraries())


@needs_softhsm
def test_tokens_are_listed_with_their_holders_without_a_pin(two_tokens: None) -> None:
    found = discover_tokens([FoundLibrary("SoftHSM2 (thử nghiệm)", SOFTHSM)])
    assert found.problems == ()
    by_label = {t.label: t for t in found.tokens}
    assert set(by_label) == {"UBND Tan Phu", "Token trong"}
    token = by_label["UBND Tan Phu"]
    assert token.module == SOFTHSM and token.manufacturer == "SoftHSM project"
    holders = sorted((c.holder, c.key_type, c.organization) for c in token.certificates)
    assert holders == [
        ("Nguyễn Văn An", "rsa", "UBND xã Tân Phú"),
        ("Trần Thị Bình", "ec", "UBND xã Tân Phú"),
    ]
    assert by_label["Token trong"].certificates == ()
    line = token.description()
    assert line.startswith("SoftHSM2 (thử nghiệm) — ") and "Nguyễn Văn An (UBND xã Tân Phú)" in line
