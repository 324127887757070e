"""Where the shipped data files (fonts, the list of units, ...) live.

From source they sit in the top-level ``resources/`` folder next to ``reports/``; in the
PyInstaller bundle they are unpacked under ``sys._MEIPASS/resources`` (build.spec copies the
folder there).
"""

from __future__ import annotations

import sys
from pathlib import Path


def resources_root() -> Path:
    meipass = getattr(sys, "_MEIPASS", None)  # set by PyInstaller's bootloader (onefile and onedir)
    if meipass:
        return Path(meipass) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(relative: str) -> Path:
    """The path of ``resources/<relative>`` (it is not checked for existence)."""
    rel = Path(relative)
    if rel.is_absolute() or ".." in rel.parts:
        raise ValueError(f"resource paths are relative and stay inside resources/: {relative!r}")
    return resources_root() / rel


def font_path(name: str) -> Path:
    return resource_path("fonts/" + name)
