"""Removable drives by label: a machine laid out as files (mount table, sysfs, udev labels)."""

from __future__ import annotations

from pathlib import Path, PureWindowsPath

import pytest

from reports.drives import RemovableDrive, linux_removable_drives, removable_drives


def _disk(sys_block: Path, devices: Path, name: str, partition: str, bus: str, removable: bool) -> None:
    disk = devices / bus / name
    (disk / partition).mkdir(parents=True)
    (disk / "removable").write_text("1\n" if removable else "0\n")
    (sys_block / partition).symlink_to(disk / partition)


@pytest.mark.posix_only  # lays out sysfs with symlinks (a privilege on Windows)
def test_mounted_removable_media_with_their_labels(tmp_path: Path) -> None:
    sys_block, devices, by_label = (
        tmp_path / "sys/class/block",
        tmp_path / "sys/devices",
        tmp_path / "by-label",
    )
    sys_block.mkdir(parents=True)
    by_label.mkdir()
    _disk(sys_block, devices, "vda", "vda1", "pci0000:00/virtio", removable=False)
    _disk(sys_block, devices, "sdb", "sdb1", "pci0000:00/usb1/1-1", removable=True)
    _disk(sys_block, devices, "sdc", "sdc1", "pci0000:00/usb2/2-1", removable=False)  # a USB disk: on USB
    _disk(sys_block, devices, "sdd", "sdd1", "pci0000:00/ata1", removable=False)
    (by_label / "KINGSTON").symlink_to("/dev/sdb1")
    (by_label / "USB\\x2016GB").symlink_to("/dev/sde1")
    mounts = tmp_path / "mounts"
    mounts.write_text(
        "/dev/vda1 / ext4 rw,relatime 0 0\n"
        "proc /proc proc rw 0 0\n"
        "/dev/sdb1 /mnt/stick vfat rw,nosuid 0 0\n"
        "/dev/sdc1 /mnt/backup ext4 ro 0 0\n"
        "/dev/sdd1 /srv/data ext4 rw 0 0\n"
        "/dev/sde1 /media/an/USB\\04016GB exfat rw 0 0\n"
        "tmpfs /media/ram tmpfs rw 0 0\n"
    )
    found = linux_removable_drives(mounts, sys_block, by_label)
    assert found == [
        RemovableDrive(Path("/mnt/stick"), "KINGSTON", writable=True),
        RemovableDrive(Path("/mnt/backup"), "backup", writable=False),
        RemovableDrive(Path("/media/an/USB 16GB"), "USB 16GB", writable=True),
    ]


def test_display_names() -> None:
    assert RemovableDrive(Path("/media/an/KINGSTON"), "KINGSTON").display_name() == "KINGSTON"
    windows_root = Path(str(PureWindowsPath("E:\\")))
    assert RemovableDrive(windows_root, "KINGSTON").display_name() == "KINGSTON (E:)"
    assert RemovableDrive(windows_root, "").display_name() == "E:"


def test_this_machine_lists_without_failing() -> None:
    drives = removable_drives()
    assert all(isinstance(d, RemovableDrive) and d.root.is_absolute() for d in drives)
