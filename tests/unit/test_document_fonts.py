"""The Decree 30 font: the system's Times New Roman when present and embeddable, else the
bundled CCHC Serif — and both break lines alike.

No Times New Roman here: the system's Liberation Serif (fonts-liberation2, metric-compatible
with Times New Roman) stands in for "a system Times New Roman" in the same code path.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path, PureWindowsPath

import pytest

from forms.definition import builtin_definitions
from forms.engine import evaluate
from reports.documents import Issuer, render_report
from reports.documents.fonts import (
    BOLD,
    BOLD_ITALIC,
    FACES,
    ITALIC,
    REGULAR,
    DocumentFont,
    bundled_font,
    choose_document_font,
    embedding_allowed,
    font_fs_type,
    register_fonts,
    system_times_candidates,
)
from reports.documents.sample import SAMPLE_VALUES, sample_document

ROOT = Path(__file__).resolve().parents[2]
LIBERATION = Path("/usr/share/fonts/truetype/liberation2")
STAND_IN = DocumentFont(
    "system",
    {
        REGULAR: LIBERATION / "LiberationSerif-Regular.ttf",
        BOLD: LIBERATION / "LiberationSerif-Bold.ttf",
        ITALIC: LIBERATION / "LiberationSerif-Italic.ttf",
        BOLD_ITALIC: LIBERATION / "LiberationSerif-BoldItalic.ttf",
    },
)
needs_liberation = pytest.mark.skipif(
    not all(p.is_file() for p in STAND_IN.files.values()), reason="fonts-liberation2 is not installed"
)
needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils")


def test_windows_keeps_times_new_roman_in_its_fonts_folder() -> None:
    [machine, user] = system_times_candidates(
        "win32", {"WINDIR": r"C:\Windows", "LOCALAPPDATA": r"C:\Users\An\AppData\Local"}
    )
    assert PureWindowsPath(str(machine.files[REGULAR])) == PureWindowsPath(r"C:\Windows\Fonts\times.ttf")
    assert PureWindowsPath(str(machine.files[BOLD_ITALIC])) == PureWindowsPath(
        r"C:\Windows\Fonts\timesbi.ttf"
    )
    assert PureWindowsPath(str(user.files[BOLD])) == PureWindowsPath(
        r"C:\Users\An\AppData\Local\Microsoft\Windows\Fonts\timesbd.ttf"
    )


def _with_fs_type(source: Path, target: Path, fs_type: int) -> Path:
    """A copy of ``source`` whose OS/2 table declares ``fs_type``."""
    import struct

    data = bytearray(source.read_bytes())
    (num_tables,) = struct.unpack(">H", data[4:6])
    for i in range(num_tables):
        tag, _sum, offset, _len = struct.unpack(">4sIII", data[12 + 16 * i : 28 + 16 * i])
        if tag == b"OS/2":
            struct.pack_into(">H", data, offset + 8, fs_type)
    target.write_bytes(bytes(data))
    return target


@needs_liberation
@pytest.mark.parametrize(
    ("fs_type", "allowed"),
    [(0x0000, True), (0x0004, True), (0x0008, True), (0x0002, False), (0x0104, False), (0x0208, False)],
    ids=["installable", "preview-print", "editable", "restricted", "no-subsetting", "bitmap-only"],
)
def test_embedding_permission_decides(tmp_path: Path, fs_type: int, allowed: bool) -> None:
    files = {
        face: _with_fs_type(path, tmp_path / path.name, fs_type) for face, path in STAND_IN.files.items()
    }
    assert font_fs_type(files[REGULAR]) == fs_type
    assert embedding_allowed(files[REGULAR]) is allowed
    chosen = choose_document_font([DocumentFont("system", files)], preference="auto")
    assert chosen.source == ("system" if allowed else "bundled")


@needs_liberation
def test_a_usable_system_font_is_preferred_unless_bundled_is_asked() -> None:
    assert choose_document_font([STAND_IN], preference="auto") == STAND_IN
    assert choose_document_font([STAND_IN], preference="bundled") == bundled_font()
    missing = DocumentFont("system", {face: Path("/nonexistent/times.ttf") for face in FACES})
    assert choose_document_font([missing], preference="auto") == bundled_font()


def render_sample() -> bytes:
    cchc = next(d for d in builtin_definitions() if d.id == "cchc-xa")
    doc = sample_document(
        cchc,
        values=evaluate(cchc, dict(SAMPLE_VALUES)).values,
        issuer=Issuer("ỦY BAN NHÂN DÂN", "XÃ ĐỨC HƯƠNG", "Đức Hương", "BC-UBND"),
        issued_on=dt.date(2027, 2, 5),
        created_at=dt.datetime(2027, 2, 5, 9, 15, tzinfo=dt.UTC),
    )
    return render_report(doc).pdf


# reportlab keeps the first font registered under a name for the whole process: each metric
# set renders in a fresh interpreter.
_RENDER = """
import sys
from reports.documents.fonts import bundled_font, register_fonts
from tests.unit.test_document_fonts import STAND_IN, render_sample
register_fonts(STAND_IN if sys.argv[1] == "system" else bundled_font())
open(sys.argv[2], "wb").write(render_sample())
"""


def _render_lines(tmp_path: Path, which: str) -> tuple[list[str], str]:
    path = tmp_path / f"{which}.pdf"
    subprocess.run([sys.executable, "-c", _RENDER, which, str(path)], check=True, cwd=ROOT, timeout=120)
    text = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout
    fonts = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
    return text.splitlines(), fonts


@needs_liberation
@needs_poppler
def test_both_metric_sets_break_lines_and_pages_alike(tmp_path: Path) -> None:
    bundled_lines, bundled_fonts = _render_lines(tmp_path, "bundled")
    assert "CCHCSerif" in bundled_fonts and "Liberation" not in bundled_fonts
    system_lines, system_fonts = _render_lines(tmp_path, "system")
    assert "LiberationSerif" in system_fonts and "CCHCSerif" not in system_fonts
    assert len(bundled_lines) > 100
    assert system_lines == bundled_lines, "same words on each line, same page breaks (form feeds)"


def test_the_font_is_chosen_once_per_process() -> None:
    in_use = register_fonts()
    assert register_fonts() == in_use
    other = STAND_IN if in_use != STAND_IN else bundled_font()
    with pytest.raises(RuntimeError):
        register_fonts(other)
