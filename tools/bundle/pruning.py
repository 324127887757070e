"""Files PyInstaller's hooks collect that the program never loads (its Qt hooks take every
plugin of a used kind, Qt's own translations, CLDR data for every locale …).

Each rule is a regular expression on the file's path inside the bundle (``/`` or ``\\``:
the same rules serve the Windows build) and the reason the file can go. What was pruned,
and why, is written to ``build/<spec>/pruned-files.txt`` at every build.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from tools.bundle import TocEntry

_QT = r"PySide6[/\\]Qt[/\\]"  # PySide6/Qt/ in the wheel layout (Windows: PySide6/)
_PLUGINS = r"PySide6[/\\](?:Qt[/\\])?plugins[/\\]"
PRUNED_FILES: list[tuple[str, str]] = [
    (
        r"PySide6[/\\](?:Qt[/\\])?translations[/\\]",
        "Qt's own translations: Qt ships no Vietnamese; ours (qt_vi.qm) replaces them",
    ),
    (
        rf"{_PLUGINS}platforms[/\\](?!(lib)?q(xcb|offscreen|windows|cocoa)\b)",
        "platform plugins for other systems (eglfs, linuxfb, vnc, minimal, wayland, vkkhrdisplay); kept: xcb (Linux desktop), offscreen (self-test), windows, cocoa",
    ),
    (
        rf"{_PLUGINS}(wayland-|egldeviceintegrations|xcbglintegrations)",
        "OpenGL / Wayland integrations: the window draws with the raster engine; on Wayland Qt falls back to xcb (XWayland)",
    ),
    (
        rf"{_PLUGINS}platformthemes[/\\](lib)?qgtk3",
        "GTK3 theme: would pull GTK from the build machine; the program sets the Fusion style itself",
    ),
    (rf"{_PLUGINS}generic[/\\]", "evdev / TUIO input for framebuffer devices"),
    (
        rf"{_PLUGINS}imageformats[/\\](?!(lib)?q(svg|jpeg)\b)",
        "image formats other than SVG (icons) and JPEG (scanned seals); PNG is built into QtGui",
    ),
    (
        rf"{_PLUGINS}platforminputcontexts[/\\](lib)?qtvirtualkeyboard",
        "on-screen keyboard (needs QtQuick); compose and IBus (Vietnamese input on Linux) are kept",
    ),
    (
        rf"{_PLUGINS}(networkinformation|tls|sqldrivers|qmltooling|designer|vectorimageformats|multimedia|position)[/\\]",
        "plugins of Qt modules the program does not use",
    ),
    (
        rf"{_PLUGINS}styles[/\\]",
        "native style plugins (Windows 11 style): the program sets Qt's built-in Fusion style",
    ),
    (rf"{_QT}qml[/\\]", "QML modules; no QML"),
    (
        r"(^|[/\\])(lib)?Qt6(Qml|Quick|Wayland|WlShell|EglFS|EglFs|OpenGL|VirtualKeyboard|Designer|LabsStyleKit)\w*\.",
        "Qt libraries only other Qt modules or plugins need",
    ),
    (
        r"(^|[/\\])opengl32sw\.dll$",
        "Windows: Mesa software OpenGL (~20 MB); the window draws with Qt's raster engine",
    ),
    (
        r"(^|[/\\])d3dcompiler_\d+\.dll$",
        "Windows: Direct3D shader compiler for Qt Quick/RHI; widgets do not use it",
    ),
    (
        r"babel[/\\]locale-data[/\\](?!(root|vi|vi_VN|en|en_001|en_GB|en_US|en_US_POSIX)\.dat$)",
        "CLDR data of the ~1,000 locales we never format in (32 MB); kept: Vietnamese and English",
    ),
    (r"lxml[/\\]includes[/\\]", "lxml's C headers (for building extensions)"),
    (r"(^|[/\\])(py|pyi)\.typed$|\.pyi$", "type stubs"),
]


class PruneLog:
    """What the build left out, and why: one line per file in pruned-files.txt."""

    def __init__(self) -> None:
        self.entries: set[tuple[str, str]] = set()

    def add(self, dest: str, why: str) -> None:
        self.entries.add((dest, why))

    def write(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            for dest, why in sorted(self.entries):
                f.write(f"{dest}\t{why}\n")


def why_pruned(dest: str, rules: Iterable[tuple[str, str]] = PRUNED_FILES) -> str | None:
    """The reason of the first rule that matches ``dest``; None when the file stays."""
    for pattern, why in rules:
        if re.search(pattern, dest):
            return why
    return None


def prune(toc: Iterable[TocEntry], log: PruneLog) -> list[TocEntry]:
    """The entries no rule matches, in their order; the others go to ``log``."""
    kept = []
    for entry in toc:
        why = why_pruned(entry[0])
        if why is None:
            kept.append(entry)
        else:
            log.add(entry[0], why)
    return kept
