"""The frozen bundle (``make build`` → dist/bao-cao-cchc/), run as a user would run it.

Skipped, with the reason, when there is no bundle or it was built from other sources than
these (tools/bundle/inputs.py); failed instead under ``make test`` (CCHC_REQUIRE_BUNDLE=1),
which builds the bundle first. Otherwise:
the windowed program's ``--self-test`` passes; the console ``cchc`` answers ``--version`` and
passes its own self-test; a bug inside a Qt callback ends the process (exit 1) instead of
leaving it hanging; and under Xvfb the frozen program shows its main window over six months of
sample reports, pictured in docs/screenshots/frozen-main-window.png (written when
CCHC_UPDATE_SCREENSHOTS=1, as ``make screenshots`` does).
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from reports import __version__
from tools.bundle.inputs import why_stale

pytestmark = pytest.mark.smoke

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = Path(os.environ.get("CCHC_BUNDLE", ROOT / "dist" / "bao-cao-cchc"))
EXE = ".exe" if sys.platform == "win32" else ""
APP = BUNDLE / f"bao-cao-cchc{EXE}"
CLI = BUNDLE / f"cchc{EXE}"
SCREENSHOT = ROOT / "docs" / "screenshots" / "frozen-main-window.png"
SCREEN = (1440, 900)


def _skip_reason() -> str | None:
    if not APP.exists() or not CLI.exists():
        return f"no frozen bundle at {BUNDLE} (make bundle)"
    if "CCHC_BUNDLE" not in os.environ:
        return why_stale(BUNDLE)  # built from other sources than these: make bundle
    return None


@pytest.fixture(scope="module")
def bundle() -> Path:
    reason = _skip_reason()
    if reason and os.environ.get("CCHC_REQUIRE_BUNDLE", "") not in ("", "0"):
        pytest.fail(f"{reason}; `make test` builds it first")  # CI: a broken bundle fails, never skips
    if reason:
        pytest.skip(reason)
    return BUNDLE


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "QT_", "CCHC_"))}
    env.update(QT_QPA_PLATFORM="offscreen", CCHC_NO_ERR_WINDOWS="1", PYTHONIOENCODING="utf-8")
    env.update(extra)
    return env


def _run(*cmd: str | Path, timeout: float, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(c) for c in cmd], env=_env(**env), capture_output=True, text=True,
                          encoding="utf-8", errors="replace", timeout=timeout, check=False)


@pytest.fixture(scope="module")
def sample_data(bundle: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A commune with six months of sample reports, made by the frozen ``cchc``."""
    data = tmp_path_factory.mktemp("frozen") / "data"
    init = _run(CLI, "--data-dir", data, "init", "--unit-code", "26116", "--unit-name", "Xã Tân Phú",
                "--province", "Tỉnh Đồng Nai", "--province-code", "75", "--place", "Tân Phú",
                "--preparer-name", "Trần Thị Bình", "--signer-name", "Nguyễn Văn An", timeout=120)
    assert init.returncode == 0, init.stdout + init.stderr
    sample = _run(CLI, "--data-dir", data, "sample", "--months", "6", timeout=120)
    assert sample.returncode == 0, sample.stdout + sample.stderr
    return data


def test_frozen_program_passes_its_self_test(bundle: Path) -> None:
    done = _run(APP, "--self-test", timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Tự kiểm tra: ĐẠT" in done.stdout  # the core: fonts, forms, signing, packages, Excel
    assert "Tự kiểm tra giao diện: ĐẠT" in done.stdout  # Qt plugins, ICU, translations, the main window


def test_frozen_cchc_answers_and_passes_its_self_test(bundle: Path, tmp_path: Path) -> None:
    version = _run(CLI, "--version", timeout=60)
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == f"cchc {__version__}"
    done = _run(CLI, "self-test", timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Tự kiểm tra: ĐẠT" in done.stdout


@pytest.mark.parametrize("kind", ["slot", "worker", "thread", "early", "nested"])
def test_a_bug_in_a_qt_callback_ends_the_frozen_program(bundle: Path, kind: str) -> None:
    try:
        done = _run(APP, "--crash-check", kind, timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail(f"the frozen program kept running after a bug ({kind}) instead of exiting")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "a deliberate bug" in done.stdout + done.stderr  # the crash handler reported it


# ---------------------------------------------------------------- a real window under Xvfb


@pytest.fixture
def xvfb() -> Iterator[str]:
    if sys.platform != "linux" or shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed (make system-deps)")
    number = next(n for n in range(90, 400)
                  if not Path(f"/tmp/.X11-unix/X{n}").exists() and not Path(f"/tmp/.X{n}-lock").exists())
    server = subprocess.Popen(
        ["Xvfb", f":{number}", "-screen", "0", f"{SCREEN[0]}x{SCREEN[1]}x24", "-nolisten", "tcp", "-noreset"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 15
        while not Path(f"/tmp/.X11-unix/X{number}").exists():
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"Xvfb :{number} did not start")
            time.sleep(0.05)
        yield f":{number}"
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def test_frozen_main_window_under_xvfb(bundle: Path, sample_data: Path, xvfb: str, tmp_path: Path) -> None:
    picture = tmp_path / "frozen-main-window.png"
    done = _run(APP, "--data-dir", sample_data, "--screenshot", picture, timeout=120,
                QT_QPA_PLATFORM="xcb", DISPLAY=xvfb, LANG="C.UTF-8")
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "CCHC-SHOWN" in output and "CCHC-SCREENSHOT saved" in output, output
    assert _png_size(picture) == SCREEN  # the whole X screen, as a user would see it
    assert picture.stat().st_size > 30_000, "the picture is (almost) empty"
    if os.environ.get("CCHC_UPDATE_SCREENSHOTS", "") not in ("", "0"):  # not on every `make test`: it is tracked
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(picture, SCREENSHOT)
