"""File and folder names made from what officials type (unit names, symbols, periods) that
are valid on Windows — the strictest of the systems the files travel to.

Windows refuses ``< > : " / \\ | ? *`` and control characters, silently drops trailing dots
and spaces (so "Báo cáo." and "Báo cáo" would be the same file), reserves device names
(CON, PRN, AUX, NUL, COM1–9, LPT1–9, also with an extension: "nul.pdf" is the null device),
and most programs still fail on paths of 260 characters or more (MAX_PATH, including the
terminating NUL). Names are kept in Vietnamese (NFC: NTFS and FAT32 long names are Unicode).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path, PureWindowsPath

__all__ = ["MAX_COMPONENT", "MAX_PATH", "ascii_file_name", "fit_in_path", "is_reserved_windows_name", "safe_file_name"]

MAX_PATH = 259  # characters before the terminating NUL of MAX_PATH (260)
MAX_COMPONENT = 120  # our own limit per name: leaves room for the folders above it

_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]+')
_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", "conin$", "conout$"}
    | {f"{device}{n}" for device in ("com", "lpt") for n in [*"123456789", "¹", "²", "³"]}
)


def is_reserved_windows_name(name: str) -> bool:
    """Whether Windows takes ``name`` as a device ("NUL", "com1.txt", "Lpt2 .pdf")."""
    stem = name.split(".", 1)[0].rstrip(" ").casefold()
    return stem in _RESERVED


def safe_file_name(text: str, *, fallback: str = "tep", max_length: int = MAX_COMPONENT) -> str:
    """``text`` as one valid Windows file or folder name; the extension (if any) is kept.

    Forbidden characters become "-", runs of spaces one space, leading and trailing dots and
    spaces go; a reserved device name gets "_" appended to its stem; an empty result is
    ``fallback``; a long one is cut (at ``max_length`` characters, keeping the extension).
    """
    text = unicodedata.normalize("NFC", text)
    text = _FORBIDDEN.sub("-", text)
    text = re.sub(r"\s+", " ", text).strip(" .")
    if not text:
        text = fallback
    if is_reserved_windows_name(text):
        stem = text.split(".", 1)[0].rstrip(" ")
        text = stem + "_" + text[len(stem) :].lstrip(" ")
    if len(text) > max_length:
        stem, dot, ext = text.rpartition(".")
        if not dot or not stem or len(ext) > 10 or " " in ext or len(ext) + 2 > max_length:
            stem, ext = text, ""
        room = max_length - (len(ext) + 1 if ext else 0)
        stem = stem[:room].rstrip(" .") or fallback[:room]
        text = f"{stem}.{ext}" if ext else stem
        if is_reserved_windows_name(text):  # only a cut this short can make one ("CONSTRUCT" → "CON")
            text = stem[:-1] + "_" + text[len(stem) :]
    return text


def fit_in_path(folder: Path | str, name: str, *, max_path: int = MAX_PATH) -> str:
    """``name``, shortened (extension kept) so that ``folder\\name`` stays within MAX_PATH.

    Raises ``ValueError`` when the folder alone leaves no room for a name of 8 characters.
    """
    room = max_path - len(str(PureWindowsPath(folder))) - 1
    if room < 8:
        raise ValueError(f"folder path too long for any file name: {folder}")
    if len(name) <= room:
        return name
    return safe_file_name(name, max_length=room)


def ascii_file_name(name: str) -> str:
    """The name without its accents, for places that take only ASCII (a PDF's /F file
    name is PDFDocEncoding): "Báo cáo.json" -> "Bao cao.json", what has no ASCII form -> "_"."""
    plain = unicodedata.normalize("NFKD", name.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return text.encode("ascii", "replace").decode("ascii").replace("?", "_")
