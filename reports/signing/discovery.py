"""Finding the USB signing tokens plugged in, without the official typing a library path.

The vendors' PKCS#11 libraries are listed in ``resources/signing/pkcs11-libraries.toml``
(vendor → file names and usual folders on Windows, Linux and macOS). This module searches
them, checks that each found library matches the program's bitness (a 32-bit DLL does not load
in a 64-bit program: say so plainly instead of crashing), loads each one, and lists the tokens
present with the holders of the certificates they carry — without logging in (no PIN is
asked; certificates are public objects on a token).

API (the settings page and the sign dialog use it; call it off the UI thread, since loading a
vendor's library and reading a token take from milliseconds to a few seconds):

- ``discover_tokens(libraries=None) -> TokenDiscovery``: every token found.
  ``TokenDiscovery.tokens`` is a tuple of ``DiscoveredToken`` (``vendor``, ``module`` — the
  library path to store as the ``pkcs11_module`` setting —, ``label`` — for
  ``pkcs11_token_label`` —, ``manufacturer``, ``model``, ``serial``, ``certificates``: a tuple
  of ``TokenCertificate`` with ``holder`` (the subject's common name), ``organization``,
  ``issuer``, ``not_after`` (UTC) and ``key_type`` ("rsa" / "ec" / …), and
  ``description()`` for one line in a list). ``TokenDiscovery.problems`` holds, per library
  that could not be used, a ``LibraryProblem`` (``vendor``, ``path``, ``error``: a CchcError
  whose ``message(lang)`` says what to do — e.g. the bitness message).
- ``find_libraries() -> list[FoundLibrary]``: the libraries present on this computer
  (``vendor``, ``path``), without loading them.
- ``candidate_paths(system, environ) -> list[tuple[str, str]]``: (vendor, path) for every place
  searched on ``system`` ("windows" / "linux" / "darwin"): pure, for tests and support.
- ``library_bits(path) -> int | None`` and ``check_library_bits(path)`` (raises
  ``Pkcs11BitnessError``): read the PE or ELF header.

Typing a path by hand stays possible: ``Pkcs11Method`` takes any library path.
"""

from __future__ import annotations

import datetime as dt
import logging
import ntpath
import os
import re
import sys
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from reports.errors import CchcError
from reports.resources import resource_path
from reports.signing.bitness import Pkcs11BitnessError, check_library_bits, library_bits

log = logging.getLogger(__name__)

__all__ = [
    "DiscoveredToken",
    "FoundLibrary",
    "LibraryProblem",
    "Pkcs11BitnessError",
    "TokenCertificate",
    "TokenDiscovery",
    "candidate_paths",
    "check_library_bits",
    "discover_tokens",
    "find_libraries",
    "library_bits",
]

DATA_FILE = "signing/pkcs11-libraries.toml"


@dataclass(frozen=True)
class FoundLibrary:
    vendor: str
    path: str


@dataclass(frozen=True)
class LibraryProblem:
    vendor: str
    path: str
    error: CchcError


@dataclass(frozen=True)
class TokenCertificate:
    holder: str
    organization: str
    issuer: str
    not_after: dt.datetime
    key_type: str


@dataclass(frozen=True)
class DiscoveredToken:
    vendor: str
    module: str
    label: str
    manufacturer: str
    model: str
    serial: str
    certificates: tuple[TokenCertificate, ...]

    def description(self) -> str:
        """One line for a list: "VNPT-CA — Nguyễn Văn An (UBND xã Tân Phú) — token VNPT"."""
        holders = ", ".join(
            f"{c.holder} ({c.organization})" if c.organization else c.holder for c in self.certificates
        )
        return " — ".join(part for part in (self.vendor, holders, self.label) if part)


@dataclass(frozen=True)
class TokenDiscovery:
    tokens: tuple[DiscoveredToken, ...]
    problems: tuple[LibraryProblem, ...]
    searched: int  # how many libraries were found and tried


@dataclass(frozen=True)
class _Vendor:
    name: str
    names: Mapping[str, tuple[str, ...]]  # system → file names
    paths: Mapping[str, tuple[str, ...]]  # system → full paths


@lru_cache(maxsize=1)
def _catalogue() -> tuple[Mapping[str, tuple[str, ...]], tuple[_Vendor, ...]]:
    data = tomllib.loads(resource_path(DATA_FILE).read_text(encoding="utf-8"))
    search = {system: tuple(folders) for system, folders in data["search"].items()}
    vendors = tuple(
        _Vendor(
            name=v["name"],
            names={s: tuple(v.get(s, ())) for s in ("windows", "linux", "macos")},
            paths={s: tuple(v.get(f"{s}_paths", ())) for s in ("windows", "linux", "macos")},
        )
        for v in data["vendor"]
    )
    return search, vendors


_WINDOWS_DEFAULTS = {
    "SYSTEMROOT": r"C:\Windows",
    "PROGRAMFILES": r"C:\Program Files",
    "PROGRAMFILES(X86)": r"C:\Program Files (x86)",
}


def _expand_windows(path: str, environ: Mapping[str, str]) -> str:
    """%VARIABLE% from ``environ`` (names are case-insensitive on Windows), else the default."""
    upper = {k.upper(): v for k, v in environ.items()}

    def value(match: re.Match[str]) -> str:
        name = match.group(1).upper()
        return upper.get(name) or _WINDOWS_DEFAULTS.get(name) or match.group(0)

    return re.sub(r"%([^%]+)%", value, path)


def _system_key(system: str) -> str:
    return {"win32": "windows", "windows": "windows", "darwin": "macos", "macos": "macos"}.get(
        system, "linux"
    )


def candidate_paths(
    system: str | None = None, environ: Mapping[str, str] | None = None
) -> list[tuple[str, str]]:
    """(vendor, path) for every place a library is looked for on ``system``, in search order.

    On Windows, 64-bit folders come before SysWOW64 and each vendor's own install folder
    (``%ProgramFiles%\\…``) follows its file names; on a 32-bit Windows ``%ProgramFiles(x86)%``
    is absent and only the defaults apply.
    """
    key = _system_key(system or sys.platform)
    env = os.environ if environ is None else environ
    search, vendors = _catalogue()
    out: list[tuple[str, str]] = []
    if key == "windows":
        folders = [_expand_windows(f, env) for f in search["windows"]]
        for vendor in vendors:
            for folder in folders:
                out.extend((vendor.name, ntpath.join(folder, name)) for name in vendor.names["windows"])
            out.extend((vendor.name, _expand_windows(p, env)) for p in vendor.paths["windows"])
            # 32-bit vendor software installs under "Program Files (x86)": same file, other root.
            for p in vendor.paths["windows"]:
                if "%ProgramFiles%" in p:
                    out.append(
                        (
                            vendor.name,
                            _expand_windows(p.replace("%ProgramFiles%", "%ProgramFiles(x86)%"), env),
                        )
                    )
    else:
        for vendor in vendors:
            for folder in search[key]:
                out.extend((vendor.name, f"{folder}/{name}") for name in vendor.names[key])
            out.extend((vendor.name, p) for p in vendor.paths[key])
    seen: set[str] = set()
    unique = []
    for vendor_name, path in out:
        folded = path.casefold() if key == "windows" else path
        if folded not in seen:
            seen.add(folded)
            unique.append((vendor_name, path))
    return unique


def find_libraries(extra: Iterable[str] = ()) -> list[FoundLibrary]:
    """The libraries of ``candidate_paths()`` present here (one per real file), then ``extra``."""
    found: list[FoundLibrary] = []
    seen: set[str] = set()
    for vendor, path in [*candidate_paths(), *(("", p) for p in extra)]:
        if not os.path.isfile(path):
            continue
        real = os.path.normcase(os.path.realpath(path))
        if real in seen:
            continue  # /usr/lib/softhsm/libsofthsm2.so is often a link to the multiarch copy
        seen.add(real)
        found.append(FoundLibrary(vendor, path))
    return found


def discover_tokens(libraries: Iterable[FoundLibrary] | None = None) -> TokenDiscovery:
    """Load each library (``find_libraries()`` by default) and list the tokens present."""
    from reports.signing.errors import Pkcs11ModuleError

    libs = list(find_libraries() if libraries is None else libraries)
    tokens: list[DiscoveredToken] = []
    problems: list[LibraryProblem] = []
    for found in libs:
        try:
            check_library_bits(found.path)
            tokens.extend(_tokens_of(found))
        except CchcError as exc:
            problems.append(LibraryProblem(found.vendor, found.path, exc))
        except Exception as exc:  # a vendor library failing in its own way must not stop the search
            log.warning("PKCS#11 library %s failed during discovery: %r", found.path, exc)
            problems.append(LibraryProblem(found.vendor, found.path, Pkcs11ModuleError(module=found.path)))
    return TokenDiscovery(tuple(tokens), tuple(problems), len(libs))


def _tokens_of(found: FoundLibrary) -> list[DiscoveredToken]:
    from pkcs11 import TokenFlag
    from pkcs11 import exceptions as p11e

    from reports.signing.token import load_module

    lib = load_module(found.path)
    out = []
    try:
        slots = lib.get_slots(token_present=True)
    except p11e.PKCS11Error:
        return []
    for slot in slots:
        try:
            token = slot.get_token()
        except p11e.PKCS11Error:
            continue  # a reader without a usable card
        if not token.flags & TokenFlag.TOKEN_INITIALIZED:
            continue
        out.append(
            DiscoveredToken(
                vendor=found.vendor,
                module=found.path,
                label=_text(token.label),
                manufacturer=_text(token.manufacturer_id),
                model=_text(token.model),
                serial=_text(token.serial),
                certificates=_certificates(token),
            )
        )
    return out


def _certificates(token: Any) -> tuple[TokenCertificate, ...]:
    """The token's certificates, read in a public session (no login, no PIN)."""
    from cryptography import x509
    from pkcs11 import Attribute, ObjectClass
    from pkcs11 import exceptions as p11e

    found: list[TokenCertificate] = []
    try:
        with token.open() as session:
            for obj in session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE}):
                try:
                    cert = x509.load_der_x509_certificate(bytes(obj[Attribute.VALUE]))
                except (p11e.PKCS11Error, ValueError):
                    continue
                found.append(_describe(cert))
    except p11e.PKCS11Error as exc:
        log.info("could not read the certificates of token %r: %r", getattr(token, "label", ""), exc)
    return tuple(found)


def _describe(cert: Any) -> TokenCertificate:
    from cryptography.hazmat.primitives.asymmetric import ec, rsa
    from cryptography.x509.oid import NameOID

    def name_part(name: Any, oid: Any) -> str:
        attrs = name.get_attributes_for_oid(oid)
        return _text(str(attrs[0].value)) if attrs else ""

    key = cert.public_key()
    key_type = (
        "rsa"
        if isinstance(key, rsa.RSAPublicKey)
        else "ec"
        if isinstance(key, ec.EllipticCurvePublicKey)
        else type(key).__name__
    )
    return TokenCertificate(
        holder=name_part(cert.subject, NameOID.COMMON_NAME),
        organization=name_part(cert.subject, NameOID.ORGANIZATION_NAME),
        issuer=name_part(cert.issuer, NameOID.COMMON_NAME),
        not_after=cert.not_valid_after_utc,
        key_type=key_type,
    )


def _text(value: Any) -> str:
    import unicodedata

    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    return unicodedata.normalize("NFC", str(value)).strip()
