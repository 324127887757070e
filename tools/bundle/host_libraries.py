"""Linux: which shared libraries the bundle leaves to the user's system, and which of the
rest no kept file needs any more.

PyInstaller copies every library a collected file links, from the build machine. Some must
come from the user's desktop instead (they are tied to its drivers and configuration), and
pruning plugins (pruning.py) leaves behind libraries only those plugins needed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from tools.bundle import TocEntry
from tools.bundle.elf import needed_libraries
from tools.bundle.pruning import PruneLog

# Libraries left to the user's system instead of being copied from the build machine.
# The program is for a Linux *desktop*: X11, fontconfig and D-Bus are there by definition. The
# first group follows AppImage's exclude list (libraries that every desktop has and that break
# when a copy from another distribution is mixed with the host's configuration or drivers).
FROM_HOST_LINUX: list[tuple[str, str]] = [
    (
        "libcups.so.2",
        "printing: Qt's CUPS plugin loads the system's libcups (present wherever a printer is set up); "
        "bundling it drags GnuTLS, Kerberos, Avahi, p11-kit, GMP (~9 MB). Without CUPS the print "
        "dialog still prints to PDF",
    ),
    ("libX11.so.6", "X11 client library: part of every X11/XWayland desktop (AppImage exclude list)"),
    ("libX11-xcb.so.1", "as above"),
    (
        "libxcb.so.1",
        "X11 protocol library: part of every desktop (AppImage exclude list); the xcb-* extension libraries Qt needs (xcb-cursor, -icccm, -keysyms, ...) ARE bundled, as distributions often lack them",
    ),
    ("libfontconfig.so.1", "font configuration: must match the host's /etc/fonts (AppImage exclude list)"),
    (
        "libfreetype.so.6",
        "font rasteriser used through fontconfig (AppImage exclude list); takes libpng and brotli with it",
    ),
    ("libexpat.so.1", "XML parser used by fontconfig (AppImage exclude list)"),
    ("libz.so.1", "zlib: present on every system (AppImage exclude list)"),
    ("libgpg-error.so.0", "present on every system (AppImage exclude list)"),
    ("libcom_err.so.2", "present on every system (AppImage exclude list)"),
    ("libuuid.so.1", "present on every system (AppImage exclude list)"),
    (
        "libdbus-1.so.3",
        "D-Bus client: every desktop session runs D-Bus; the build machine's copy drags libsystemd, "
        "libgcrypt, lz4, libcap (~2.7 MB)",
    ),
    (
        "libstdc++.so.6",
        "C++ runtime: the host's OpenGL driver (Mesa links LLVM) needs the host's own, and a bundled "
        "older copy loaded first breaks it; every desktop has it (the bundle needs glibc >= 2.36 anyway)",
    ),
    ("libgcc_s.so.1", "GCC runtime, as above (AppImage exclude list)"),
    ("libglib-2.0.so.0", "GLib: part of every Linux desktop; takes PCRE2 with it (~1.9 MB)"),
    ("libgthread-2.0.so.0", "as above"),
    ("libzstd.so.1", "Zstandard: every distribution's package manager uses it; Mesa links the host's"),
    ("liblzma.so.5", "XZ: every distribution's package manager uses it"),
    ("libbz2.so.1.0", "bzip2: on every distribution"),
    ("libffi.so.8", "libffi: on every distribution (GLib, Wayland, Python use it)"),
    ("libxkbcommon.so.0", "keyboard handling: must match the host's xkeyboard-config data"),
    ("libxkbcommon-x11.so.0", "as above"),
    (
        "libgssapi_krb5.so.2",
        "Kerberos/GSSAPI, linked by QtNetwork (under QtPdf) for proxy authentication we never do; "
        "installed on desktops with CUPS, curl or OpenSSH (~1.5 MB with libkrb5, libk5crypto)",
    ),
]


def file_name(dest: str) -> str:
    """The last part of a path inside the bundle, ``/`` or ``\\`` separated."""
    return dest.replace("\\", "/").rsplit("/", 1)[-1]


def is_dependency_library(dest: str) -> bool:
    """A shared library that is only there because something links it (as opposed to a Python
    extension module or a Qt plugin, which are loaded on purpose)."""
    rel = dest.replace("\\", "/")
    name = file_name(rel)
    if not re.search(r"\.so(\.\d+)*$", name) or name.startswith("libpython"):
        return False
    return "/" not in rel or rel.startswith("PySide6/Qt/lib/") or ".libs/" in rel


def drop_unreachable_libraries(
    toc: Iterable[TocEntry],
    log: PruneLog,
    *,
    needed: Callable[[str], list[str]] = needed_libraries,
    from_host: Iterable[str] | None = None,
) -> list[TocEntry]:
    """Leave out the host's libraries, then keep a dependency library only if a kept module or
    plugin still needs it (directly or through other libraries). PyInstaller collected the
    dependencies of every plugin before pruning; this removes what only the pruned ones
    needed (GTK, Pango, Cairo, EGL, Wayland) and what only the host's libraries needed.
    ``needed`` gives the libraries a file (its source path) links; ``from_host`` defaults to
    FROM_HOST_LINUX."""
    host = {name for name, _why in FROM_HOST_LINUX} if from_host is None else set(from_host)
    toc = list(toc)
    for e in toc:
        if file_name(e[0]) in host:
            log.add(e[0], "left to the host system")
    rest = [e for e in toc if file_name(e[0]) not in host]
    by_name: dict[str, TocEntry] = {}
    for e in rest:
        by_name.setdefault(file_name(e[0]), e)
    links: dict[str, list[str]] = {}
    reach: set[str] = set()
    todo = [
        file_name(e[0]) for e in rest if e[2] in ("BINARY", "EXTENSION") and not is_dependency_library(e[0])
    ]
    while todo:
        name = todo.pop()
        if name not in by_name:
            continue
        if name not in links:
            links[name] = needed(by_name[name][1])
        for dep in links[name]:
            if dep in by_name and dep not in reach:
                reach.add(dep)
                todo.append(dep)
    kept = []
    for e in rest:
        if e[2] == "BINARY" and is_dependency_library(e[0]) and file_name(e[0]) not in reach:
            log.add(e[0], "needed only by pruned plugins or host libraries")
            continue
        kept.append(e)
    return kept
