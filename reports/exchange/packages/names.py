"""Names inside a package, and the package's own file name.

Member names are checked as strictly as they are written: plain ASCII, under one of the
payload folders, nothing that could mean something else on Windows (a drive, a reserved
device name, a trailing dot) or escape the folder the reviewer unpacks into.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Protocol

from reports.exchange.packages.errors import AbsolutePathError, BadMemberNameError, PathTraversalError

MANIFEST_NAME = "manifest.json"
SIGNATURE_NAME = "manifest.sig"
PAYLOAD_FOLDERS = frozenset({"reports", "pdf", "forms", "feedback", "evidence", "parts"})
MAX_NAME_LENGTH = 200
PACKAGE_SUFFIX = ".cchc"

_SEGMENT = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]*")
_UNIT_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9.-]{0,31}")
_DRIVE = re.compile(r"[A-Za-z]:")
_WINDOWS_DEVICES = frozenset(
    {"con", "prn", "aux", "nul"} | {f"com{i}" for i in range(10)} | {f"lpt{i}" for i in range(10)}
)


def check_payload_name(name: str) -> None:
    """Raise the matching rejection unless ``name`` is a safe payload member name."""
    unified = name.replace("\\", "/")
    if unified.startswith("/") or _DRIVE.match(unified):
        raise AbsolutePathError(member=name)
    segments = unified.split("/")
    if ".." in segments:
        raise PathTraversalError(member=name)
    if (
        "\\" in name
        or len(name) > MAX_NAME_LENGTH
        or len(segments) < 2
        or segments[0] not in PAYLOAD_FOLDERS
        or not all(_is_safe_segment(s) for s in segments[1:])
    ):
        raise BadMemberNameError(member=name)


def folder_clash(names: Iterable[str]) -> str | None:
    """A name that is also the folder of another name (``pdf/a`` and ``pdf/a/b.pdf``): the
    two cannot both be unpacked. Compared without case, as Windows does."""
    folded = {n.casefold(): n for n in names}
    for name in folded:
        parts = name.split("/")
        for i in range(1, len(parts)):
            folder = "/".join(parts[:i])
            if folder in folded:
                return folded[folder]
    return None


def _is_safe_segment(segment: str) -> bool:
    return (
        _SEGMENT.fullmatch(segment) is not None
        and not segment.endswith(".")
        and segment.split(".", 1)[0].lower() not in _WINDOWS_DEVICES
    )


def is_unit_code(text: str) -> bool:
    return _UNIT_CODE.fullmatch(text) is not None


class HasUnitCode(Protocol):
    """A party of a package (``manifest.PartyRef`` is one): only its code names the file.
    A protocol, so that the names module need not import the manifest that uses it."""

    @property
    def unit_code(self) -> str: ...


def package_filename(sender: HasUnitCode | str, label: str | dt.date, package_id: str) -> str:
    """``<unit code>_<period or date>_<short id>.cchc``, e.g. ``26734_2025-Q1_3f2a9c1d.cchc``.

    ``label`` is a period code (``Period.code``) or a date; characters that do not belong in
    a file name become ``-``.
    """
    unit_code = sender if isinstance(sender, str) else sender.unit_code
    if not is_unit_code(unit_code):
        raise ValueError(f"not a unit code: {unit_code!r}")
    text = label.isoformat() if isinstance(label, dt.date) else str(label)
    text = re.sub(r"[^A-Za-z0-9-]+", "-", text).strip("-")
    if not text:
        raise ValueError(f"empty package label: {label!r}")
    short = package_id[:8].lower()
    if not re.fullmatch(r"[0-9a-f]{8}", short):
        raise ValueError(f"not a package id: {package_id!r}")
    return f"{unit_code}_{text}_{short}{PACKAGE_SUFFIX}"
