"""The executables' Windows version resource and the icon (Windows and macOS)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

# Renders app.svg to a PNG in a child process: the build's own process must not start Qt.
SVG_TO_PNG = (
    "import sys\n"
    "from PySide6.QtGui import QImage, QPainter, QGuiApplication\n"
    "from PySide6.QtSvg import QSvgRenderer\n"
    "app = QGuiApplication(['x', '-platform', 'offscreen'])\n"
    "img = QImage(256, 256, QImage.Format.Format_ARGB32); img.fill(0)\n"
    "p = QPainter(img); QSvgRenderer(sys.argv[1]).render(p); p.end()\n"
    "sys.exit(0 if img.save(sys.argv[2]) else 1)\n"
)


def version_numbers(version: str) -> tuple[int, int, int, int]:
    """The four numbers of a Windows file version: "0.1.0" -> (0, 1, 0, 0)."""
    nums = (*(int(x) for x in re.findall(r"\d+", version)[:4]), 0, 0, 0, 0)
    return nums[0], nums[1], nums[2], nums[3]


def version_info(version: str) -> Any:
    """The Windows version resource (Vietnamese, Unicode) of both executables."""
    from PyInstaller.utils.win32.versioninfo import (
        FixedFileInfo,
        StringFileInfo,
        StringStruct,
        StringTable,
        VarFileInfo,
        VarStruct,
        VSVersionInfo,
    )

    nums = version_numbers(version)
    strings = [
        StringStruct("CompanyName", "Báo cáo CCHC"),
        StringStruct("FileDescription", "Báo cáo CCHC — báo cáo cải cách hành chính cấp xã"),
        StringStruct("FileVersion", version),
        StringStruct("ProductName", "Báo cáo CCHC"),
        StringStruct("ProductVersion", version),  # installer/bao-cao-cchc.iss reads this
        StringStruct("LegalCopyright", "MIT"),
    ]
    return VSVersionInfo(
        ffi=FixedFileInfo(filevers=nums, prodvers=nums),
        kids=[
            StringFileInfo([StringTable("042A04B0", strings)]),  # Vietnamese, Unicode
            VarFileInfo([VarStruct("Translation", [0x042A, 1200])]),
        ],
    )


def icon(root: Path, build_dir: Path, *, drawn: bool) -> str | None:
    """resources/icons/app.ico if it exists; else, when ``drawn`` (Windows and macOS), app.svg
    drawn to a PNG (PyInstaller turns it into .ico/.icns with Pillow). Linux executables
    carry no icon."""
    ico = root / "resources" / "icons" / "app.ico"
    if ico.exists():
        return str(ico)
    if not drawn:
        return None
    png = build_dir / "app-256.png"
    svg = root / "resources" / "icons" / "app.svg"
    done = subprocess.run([sys.executable, "-c", SVG_TO_PNG, str(svg), str(png)], check=False)
    return str(png) if done.returncode == 0 and png.exists() else None
