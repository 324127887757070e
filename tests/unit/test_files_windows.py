"""Writing files the way Windows needs: replacing a file another process holds, no folder
fsync, moves across drives, and names valid on Windows.

Linux lets a file be replaced while another process has it open, so the tests that need
Windows' sharing rules play them with a ``replace`` that refuses with the error Windows gives
(WinError 32, a sharing violation) while the "other process" holds the file.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path, PureWindowsPath

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reports import files
from reports.environment import classify_os_error
from reports.filenames import MAX_PATH, fit_in_path, is_reserved_windows_name, safe_file_name
from reports.files import FileInUseError, move_file, replace_file, write_atomic


class SharingViolation(PermissionError):
    """What os.replace raises on Windows while another process has the target open."""

    winerror = 32

    def __init__(self, path: Path) -> None:
        super().__init__(
            errno.EACCES,
            "The process cannot access the file because it is being used by another process",
            str(path),
        )


class Holder:
    """Another process holding ``dst`` open for ``tries`` attempts at replacing it."""

    def __init__(self, tries: int) -> None:
        self.tries = tries
        self.attempts = 0

    def replace(self, src: Path, dst: Path) -> None:
        self.attempts += 1
        if self.attempts <= self.tries:
            raise SharingViolation(Path(dst))
        os.replace(src, dst)


def test_a_file_held_briefly_is_replaced_after_waiting(tmp_path: Path) -> None:
    target = tmp_path / "26116_2026-11_05-BC-UBND_lan1.pdf"
    target.write_bytes(b"old")
    holder, slept = Holder(tries=3), []
    write_atomic(target, b"new", replace=holder.replace, sleep=slept.append)
    assert target.read_bytes() == b"new"
    assert slept == list(files.REPLACE_DELAYS[:3]), "back-off grows between tries"
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]


def test_a_file_held_too_long_keeps_its_old_content_and_says_why(tmp_path: Path) -> None:
    target = tmp_path / "bao-cao.pdf"
    target.write_bytes(b"old, whole")
    holder, slept = Holder(tries=100), []
    with pytest.raises(FileInUseError) as info:
        write_atomic(target, b"new" * 1000, replace=holder.replace, sleep=slept.append)
    assert holder.attempts == len(files.REPLACE_DELAYS) + 1
    assert target.read_bytes() == b"old, whole", "never half written"
    assert [p.name for p in tmp_path.iterdir()] == [target.name], "the temporary copy is gone"
    vi = info.value.message("vi")
    assert str(target) in vi and "đang mở" in vi and "tệp cũ vẫn còn nguyên" in vi
    assert sum(slept) < 5


def test_other_errors_are_not_waited_for(tmp_path: Path) -> None:
    def broken(src: Path, dst: Path) -> None:
        raise OSError(errno.EIO, "I/O error", str(dst))

    slept: list[float] = []
    with pytest.raises(OSError) as info:
        replace_file(tmp_path / "a", tmp_path / "b", replace=broken, sleep=slept.append)
    assert info.value.errno == errno.EIO and slept == []


def test_a_sharing_violation_anywhere_is_an_expected_error_not_read_only(tmp_path: Path) -> None:
    known = classify_os_error(SharingViolation(tmp_path / "x.pdf"), tmp_path / "x.pdf")
    assert isinstance(known, FileInUseError)


@pytest.mark.posix_only  # checks the POSIX half too: a folder is opened and fsynced
def test_no_folder_fsync_on_windows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    real_open = os.open
    monkeypatch.setattr(os, "open", lambda p, *a, **k: opened.append(str(p)) or real_open(p, *a, **k))
    files.fsync_dir(tmp_path)
    assert opened == [str(tmp_path)], "POSIX: the folder is fsynced"
    opened.clear()
    monkeypatch.setattr(files, "IS_WINDOWS", True)
    files.fsync_dir(tmp_path)
    assert opened == [], "Windows: a folder cannot be opened, and is not"


OTHER_DEVICE = Path("/dev/shm")


@pytest.mark.skipif(
    not OTHER_DEVICE.is_dir() or not os.access(OTHER_DEVICE, os.W_OK),
    reason="no second file system to move across",
)
def test_a_move_across_drives_copies_verifies_and_renames(tmp_path: Path) -> None:
    stick = Path(os.environ.get("CCHC_TEST_OTHER_DEVICE", str(OTHER_DEVICE))) / f"cchc-move-{os.getpid()}"
    stick.mkdir()
    try:
        if os.stat(stick).st_dev == os.stat(tmp_path).st_dev:
            pytest.skip("the second folder is on the same device here")
        src = stick / "26116_2026-11_3f2a9c1d.cchc"
        src.write_bytes(os.urandom(300_000))
        data = src.read_bytes()
        dst = tmp_path / src.name
        dst.write_bytes(b"older package")

        renames: list[tuple[Path, Path]] = []

        def recording_replace(a: Path, b: Path) -> None:
            renames.append((Path(a), Path(b)))
            os.replace(a, b)

        move_file(src, dst, replace=recording_replace)
        assert dst.read_bytes() == data and not src.exists()
        assert renames == [(dst.with_name(dst.name + ".partial"), dst)], "never a cross-device rename"
        assert sorted(p.name for p in tmp_path.iterdir()) == [dst.name]
    finally:
        for p in stick.iterdir():
            p.unlink()
        stick.rmdir()


def test_a_move_on_one_drive_is_one_rename(tmp_path: Path) -> None:
    src, dst = tmp_path / "a.cchc", tmp_path / "sub" / "a.cchc"
    dst.parent.mkdir()
    src.write_bytes(b"goi")
    move_file(src, dst)
    assert dst.read_bytes() == b"goi" and not src.exists()


# ---------------------------------------------------------------- names valid on Windows

WINDOWS_FORBIDDEN = set('<>:"/\\|?*') | {chr(c) for c in range(32)}


def assert_valid_windows_name(name: str) -> None:
    assert name, "empty"
    assert not (set(name) & WINDOWS_FORBIDDEN), name
    assert not name.endswith((".", " ")) and not name.startswith(" "), name
    assert not is_reserved_windows_name(name), name
    pure = PureWindowsPath(name)
    assert pure.name == name and not pure.drive and not pure.root and len(pure.parts) == 1, name
    assert name not in (".", "..")


@settings(max_examples=400)
@given(st.text(max_size=400))
def test_any_text_gives_a_valid_windows_name(text: str) -> None:
    name = safe_file_name(text)
    assert_valid_windows_name(name)
    assert len(name) <= 120


@given(
    unit=st.sampled_from(
        ["Xã Tân Phú", "Phường Hoàn Kiếm", "Đặc khu Phú Quốc", "UBND xã A/B: C?", "CON", "nul."]
    ),
    symbol=st.text(max_size=30),
    period=st.sampled_from(["2026-11", "2026-Q4", "2026-H1", "2026-9M", "2026"]),
)
def test_names_from_unit_names_symbols_and_periods(unit: str, symbol: str, period: str) -> None:
    name = safe_file_name(f"{unit}_{period}_05-{symbol}_lan1.pdf")
    assert_valid_windows_name(name)
    if len(name) < 120 and name.endswith(".pdf"):
        assert period in name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("nul.pdf", "nul_.pdf"),
        ("CON", "CON_"),
        ("com1 .txt", "com1_.txt"),
        ("Lpt9", "Lpt9_"),
        ("Báo cáo tháng 11/2026: xã?", "Báo cáo tháng 11-2026- xã-"),
        ("Xã Tân Phú. ", "Xã Tân Phú"),
        ("  ...  ", "tep"),
        ("Tân Phú", "Tân Phú"),  # NFC: decomposed input gives composed letters
    ],
)
def test_known_names(text: str, expected: str) -> None:
    import unicodedata

    assert safe_file_name(unicodedata.normalize("NFD", text)) == unicodedata.normalize("NFC", expected)


@given(folder_len=st.integers(min_value=3, max_value=240), name=st.text(min_size=1, max_size=300))
def test_a_name_fits_under_max_path(folder_len: int, name: str) -> None:
    folder = "C:\\" + "d" * (folder_len - 3)
    fitted = fit_in_path(folder, safe_file_name(name))
    assert_valid_windows_name(fitted)
    assert len(str(PureWindowsPath(folder) / fitted)) <= MAX_PATH


def test_a_long_name_keeps_its_extension() -> None:
    folder = r"E:\BAO CAO CCHC\Ủy ban nhân dân xã Tân Phú huyện cũ tỉnh Đồng Nai" + "\\x" * 60
    fitted = fit_in_path(folder, "26116_2026-11_05-BC-UBND_lan1_" + "dài" * 40 + ".pdf")
    assert fitted.endswith(".pdf") and len(folder) + 1 + len(fitted) <= MAX_PATH


def test_the_signed_pdf_name_is_valid_for_any_symbol() -> None:
    from forms.periods import Period
    from reports.documents.issuing import signed_file_name

    class Stored:
        doc_number = 5
        unit_code = "26116"
        period = Period.parse("2026-11")
        revision = 1

    name = signed_file_name(Stored(), "BC/UBND: ?")  # type: ignore[arg-type]
    assert_valid_windows_name(name)
    assert name.startswith("26116_2026-11_05-BC-UBND-") and name.endswith("_lan1.pdf")


# ---------------------------------------------------------------- folders per Windows conventions


def test_default_folders_follow_windows_conventions(monkeypatch: pytest.MonkeyPatch) -> None:
    """platformdirs' Windows rules, with the Known Folders given as Windows would give them."""
    from platformdirs.windows import Windows

    from reports.paths import DataPaths, default_data_dir, default_export_dir

    monkeypatch.delenv("CCHC_DATA_DIR", raising=False)
    monkeypatch.setenv("WIN_PD_OVERRIDE_LOCAL_APPDATA", r"C:\Users\An\AppData\Local")
    monkeypatch.setenv("WIN_PD_OVERRIDE_APPDATA", r"C:\Users\An\AppData\Roaming")
    monkeypatch.setenv("WIN_PD_OVERRIDE_PERSONAL", r"C:\Users\An\Documents")
    dirs = Windows(appname="BaoCaoCCHC", appauthor=False, roaming=False)
    data = default_data_dir(dirs)
    assert PureWindowsPath(str(data)) == PureWindowsPath(r"C:\Users\An\AppData\Local\BaoCaoCCHC"), (
        "local, not roaming"
    )
    backups = PureWindowsPath(str(DataPaths(data).backups))
    assert backups == PureWindowsPath(r"C:\Users\An\AppData\Local\BaoCaoCCHC\backups")
    export = PureWindowsPath(str(default_export_dir(dirs)))
    assert export == PureWindowsPath(r"C:\Users\An\Documents\Báo cáo CCHC")
    monkeypatch.setenv("CCHC_DATA_DIR", "/srv/cchc")
    assert default_data_dir(dirs) == Path("/srv/cchc"), "the environment variable still wins"
