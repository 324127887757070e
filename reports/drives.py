"""USB sticks and other removable drives plugged in, with the label an official recognises.

A commune official knows the stick as "KINGSTON" or "USB 16GB", not as ``E:\\`` or
``/media/an/3A5F-1C22``: the export dialog offers each removable drive by its label.

- Windows: every drive letter whose type is DRIVE_REMOVABLE (GetDriveTypeW), with its volume
  label (GetVolumeInformationW); an empty card reader slot is skipped.
- Linux: mounted file systems (``/proc/self/mounts``) whose block device the kernel marks
  removable or sits on USB (sysfs), or that the desktop mounted under ``/media`` or
  ``/run/media``; the label from ``/dev/disk/by-label``, else the mount folder's name.
- macOS: the volumes under ``/Volumes`` other than the start-up disk.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

__all__ = ["RemovableDrive", "linux_removable_drives", "removable_drives"]


@dataclass(frozen=True)
class RemovableDrive:
    root: Path
    label: str
    writable: bool = True

    def display_name(self) -> str:
        """``KINGSTON (E:)`` on Windows, ``KINGSTON`` elsewhere; the root when there is no label."""
        if sys.platform == "win32" or (len(str(self.root)) <= 3 and str(self.root)[1:2] == ":"):
            drive = str(self.root).rstrip("\\/")
            return f"{self.label} ({drive})" if self.label else drive
        return self.label or str(self.root)


def removable_drives() -> list[RemovableDrive]:
    if sys.platform == "win32":
        return _windows_removable_drives()
    if sys.platform == "darwin":
        return _macos_volumes()
    return linux_removable_drives()


def _windows_removable_drives() -> list[RemovableDrive]:
    import ctypes
    import string

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    drive_removable = 2
    # A card reader with no card would pop up "There is no disk in the drive" without this.
    sem_failcriticalerrors = 0x0001
    old_mode = kernel32.SetErrorMode(sem_failcriticalerrors)
    try:
        mask = kernel32.GetLogicalDrives()
        found = []
        for index, letter in enumerate(string.ascii_uppercase):
            if not mask & (1 << index):
                continue
            root = f"{letter}:\\"
            if kernel32.GetDriveTypeW(root) != drive_removable:
                continue
            name = ctypes.create_unicode_buffer(261)
            flags = ctypes.c_ulong(0)
            if not kernel32.GetVolumeInformationW(root, name, 261, None, None, ctypes.byref(flags), None, 0):
                continue  # no medium in the slot
            read_only = bool(flags.value & 0x00080000)  # FILE_READ_ONLY_VOLUME
            found.append(RemovableDrive(Path(root), name.value.strip(), writable=not read_only))
        return found
    finally:
        kernel32.SetErrorMode(old_mode)


def _unescape_mount(field: str) -> str:
    """/proc/mounts writes space, tab, newline and backslash as octal escapes."""
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(code, char)
    return field


def _block_is_removable(device: str, sys_class_block: Path) -> bool:
    """The kernel's removable flag of the disk (a partition's parent), or a USB device path."""
    name = Path(device).name
    entry = sys_class_block / name
    if not entry.exists():
        return False
    real = entry.resolve()
    for candidate in (real, real.parent):
        flag = candidate / "removable"
        if flag.is_file() and flag.read_text().strip() == "1":
            return True
    return "/usb" in str(real)


def _labels(by_label: Path) -> dict[str, str]:
    """Resolved device path → label, from udev's /dev/disk/by-label links."""
    out: dict[str, str] = {}
    if not by_label.is_dir():
        return out
    for link in by_label.iterdir():
        try:
            target = str(link.resolve())
        except OSError:
            continue
        out[target] = _unescape_udev(link.name)
    return out


def _unescape_udev(name: str) -> str:
    """udev writes "USB 16GB" as "USB\\x2016GB"."""
    import re

    return re.sub(r"\\x([0-9a-fA-F]{2})", lambda m: chr(int(m.group(1), 16)), name)


def linux_removable_drives(
    mounts: Path = Path("/proc/self/mounts"),
    sys_class_block: Path = Path("/sys/class/block"),
    by_label: Path = Path("/dev/disk/by-label"),
) -> list[RemovableDrive]:
    """The mounted removable media (the folders are parameters so tests can lay out a machine)."""
    try:
        lines = mounts.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    labels = _labels(by_label)
    found: list[RemovableDrive] = []
    seen: set[str] = set()
    for line in lines:
        fields = line.split()
        if len(fields) < 4:
            continue
        device, mount_point, options = fields[0], _unescape_mount(fields[1]), fields[3].split(",")
        desktop_mount = mount_point.startswith(("/media/", "/run/media/"))
        if not device.startswith("/dev/") or mount_point in seen:
            continue
        if not (desktop_mount or _block_is_removable(device, sys_class_block)):
            continue
        seen.add(mount_point)
        resolved = os.path.realpath(device) if Path(device).exists() else device
        label = labels.get(resolved) or labels.get(device) or Path(mount_point).name
        found.append(RemovableDrive(Path(mount_point), label, writable="ro" not in options))
    return found


def _macos_volumes() -> list[RemovableDrive]:
    volumes = Path("/Volumes")
    if not volumes.is_dir():
        return []
    return [
        RemovableDrive(v, v.name, writable=os.access(v, os.W_OK))
        for v in sorted(volumes.iterdir())
        if v.is_dir() and not v.is_symlink()  # the start-up disk is a link to /
    ]
