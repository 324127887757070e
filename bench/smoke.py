"""``make smoke`` = ``python -m bench.smoke dist/bao-cao-cchc``: does the built bundle work, how big, how fast.

1. the frozen program's ``--self-test`` (core, Qt plugins, fonts, translations, main window);
2. the frozen ``cchc --version`` and ``cchc self-test`` (the console executable alone);
3. the crash handler ends the frozen process when a Qt callback raises (reported, not fatal);
4. sizes: the unpacked folder, and the zip and tar.xz downloads (``make build`` makes them in
   dist/; when they are missing or older than the folder, they are made in a temporary folder);
5. cold start to the main window: the frozen program over a data folder with six months of
   sample reports, offscreen, median of ``--runs`` runs after one untimed run.

Exit code 1 when the bundle does not work (1, 2, or the start-up probe); sizes and times are
printed against their targets and fail the command only with ``--strict``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

WINDOWS = sys.platform == "win32"
EXE_SUFFIX = ".exe" if WINDOWS else ""
APP = "bao-cao-cchc"
CLI = "cchc"

MB = 1_000_000
UNPACKED_TARGET_MB = 130
DOWNLOAD_TARGET_MB = 45  # tar.xz (LZMA2), as installers compress
START_TARGET_S = 0.35
SELF_TEST_TIMEOUT_S = 300
START_TIMEOUT_S = 60
CRASH_TIMEOUT_S = 15
CRASH_KINDS = ("slot", "worker", "thread", "early", "nested")

SAMPLE_UNIT = [
    "init", "--unit-code", "26116", "--unit-name", "Xã Tân Phú", "--province", "Tỉnh Đồng Nai",
    "--province-code", "75", "--place", "Tân Phú", "--preparer-name", "Trần Thị Bình",
    "--signer-name", "Nguyễn Văn An",
]


def platform_tag() -> str:
    return "windows" if WINDOWS else ("macos" if sys.platform == "darwin" else "linux")


def executables(bundle: Path) -> tuple[Path, Path]:
    return bundle / f"{APP}{EXE_SUFFIX}", bundle / f"{CLI}{EXE_SUFFIX}"


def child_env(data_dir: Path | None = None, **extra: str) -> dict[str, str]:
    """The environment of a frozen child: offscreen, no modal dialogs, its own data folder."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "PYINSTALLER"))}
    env.update(QT_QPA_PLATFORM="offscreen", CCHC_NO_ERR_WINDOWS="1", PYTHONIOENCODING="utf-8")
    if data_dir is not None:
        env["CCHC_DATA_DIR"] = str(data_dir)
    env.update(extra)
    return env


# ---------------------------------------------------------------- sizes


def folder_bytes(folder: Path) -> int:
    """The unpacked size: every regular file once (symlinks are not followed)."""
    total = 0
    for root, _dirs, files in os.walk(folder):
        for name in files:
            st = os.lstat(os.path.join(root, name))
            if not os.path.islink(os.path.join(root, name)):
                total += st.st_size
    return total


def newest_mtime(folder: Path) -> float:
    return max((os.lstat(os.path.join(r, f)).st_mtime for r, _d, fs in os.walk(folder) for f in fs), default=0.0)


def make_zip(folder: Path, out: Path) -> Path:
    if shutil.which("zip") and not WINDOWS:
        # -y stores symlinks as links (PyInstaller links Qt's libraries on Linux); without it they are stored twice
        subprocess.run(["zip", "-qry", str(out), folder.name], cwd=folder.parent, check=True)
        return out
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and not path.is_symlink():
                zf.write(path, path.relative_to(folder.parent).as_posix())
    return out


def make_tar_xz(folder: Path, out: Path) -> Path:
    # what `tar -cJf` does (xz preset 6); symlinks stay symlinks
    with tarfile.open(out, "w:xz", preset=6) as tf:
        tf.add(folder, arcname=folder.name)
    return out


def archives(bundle: Path, scratch: Path) -> dict[str, tuple[Path, bool]]:
    """{'zip': (path, made_here), 'tar.xz': ...}: dist/'s own archives when they are current."""
    built = newest_mtime(bundle)
    found: dict[str, tuple[Path, bool]] = {}
    for kind, maker in (("zip", make_zip), ("tar.xz", make_tar_xz)):
        existing = bundle.parent / f"{bundle.name}-{platform_tag()}.{kind}"
        if existing.exists() and existing.stat().st_mtime >= built:
            found[kind] = (existing, False)
        else:
            found[kind] = (maker(bundle, scratch / f"{bundle.name}.{kind}"), True)
    return found


# ---------------------------------------------------------------- running the frozen program


@dataclass
class Run:
    code: int | None
    output: str
    seconds: float
    marks: dict[str, float] = field(default_factory=dict)  # CCHC-SHOWN etc. -> seconds since spawn


def run(cmd: Sequence[str | Path], *, env: dict[str, str], timeout: float, cwd: Path | None = None) -> Run:
    start = time.perf_counter()
    try:
        done = subprocess.run([str(c) for c in cmd], env=env, cwd=cwd, capture_output=True, text=True,
                              encoding="utf-8", errors="replace", timeout=timeout, check=False)
    except subprocess.TimeoutExpired as exc:
        out = (exc.stdout or b"").decode("utf-8", "replace") if isinstance(exc.stdout, bytes) else (exc.stdout or "")
        return Run(None, out, time.perf_counter() - start)
    return Run(done.returncode, done.stdout + done.stderr, time.perf_counter() - start)


def prepare_sample_data(cli: Path, data_dir: Path, months: int = 6) -> None:
    """A set-up commune with ``months`` of sample reports, made by the frozen ``cchc``."""
    env = child_env()
    for args in (SAMPLE_UNIT, ["sample", "--months", str(months)]):
        done = run([cli, "--data-dir", data_dir, *args], env=env, timeout=120)
        if done.code != 0:
            raise RuntimeError(f"cchc {' '.join(args[:1])} failed ({done.code}):\n{done.output}")


def start_once(app: Path, data_dir: Path, *, timeout: float = START_TIMEOUT_S) -> Run:
    """Start the frozen program with --startup-probe; the time from spawn to each CCHC-* line."""
    env = child_env(data_dir)
    start = time.perf_counter()
    proc = subprocess.Popen([str(app), "--startup-probe"], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, encoding="utf-8", errors="replace")
    marks: dict[str, float] = {}
    lines: list[str] = []
    assert proc.stdout is not None
    deadline = start + timeout
    try:
        for line in proc.stdout:
            now = time.perf_counter()
            lines.append(line)
            word = line.split(" ", 1)[0].strip()
            if word.startswith("CCHC-") and word not in marks:
                marks[word] = now - start
            if now > deadline:
                break
        code = proc.wait(timeout=max(1.0, deadline - time.perf_counter()))
    except subprocess.TimeoutExpired:
        proc.kill()
        code = None
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return Run(code, "".join(lines), time.perf_counter() - start, marks)


@dataclass
class StartTimes:
    shown: list[float]
    loaded: list[float]
    failure: str = ""

    @property
    def median_shown(self) -> float | None:
        return statistics.median(self.shown) if self.shown else None

    @property
    def median_loaded(self) -> float | None:
        return statistics.median(self.loaded) if self.loaded else None


def measure_start(bundle: Path, runs: int = 7, *, warmup: int = 1, data_dir: Path | None = None) -> StartTimes:
    """Cold start of the frozen program to its main window (a new process each time; the
    operating system's file cache is warm after the untimed run)."""
    app, cli = executables(bundle)
    with tempfile.TemporaryDirectory(prefix="cchc-start-") as tmp:
        folder = data_dir or Path(tmp) / "data"
        if data_dir is None:
            prepare_sample_data(cli, folder)
        result = StartTimes([], [])
        for i in range(warmup + runs):
            done = start_once(app, folder)
            if "CCHC-SHOWN" not in done.marks or done.code != 0:
                result.failure = f"run {i + 1}: exit {done.code}, marks {done.marks}\n{done.output[-3000:]}"
                return result
            if i >= warmup:
                result.shown.append(done.marks["CCHC-SHOWN"])
                if "CCHC-LOADED" in done.marks:
                    result.loaded.append(done.marks["CCHC-LOADED"])
        return result


def crash_check(app: Path, kind: str) -> Run:
    return run([app, "--crash-check", kind], env=child_env(), timeout=CRASH_TIMEOUT_S)


# ---------------------------------------------------------------- the command


def mb(n: int) -> str:
    return f"{n / MB:.1f} MB ({n / 2**20:.1f} MiB)"


def verdict(ok: bool) -> str:
    return "yes" if ok else "NO"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.smoke", description=__doc__.splitlines()[0])
    parser.add_argument("bundle", type=Path, nargs="?", default=Path("dist") / APP)
    parser.add_argument("--runs", type=int, default=7, help="timed starts (median; default 7)")
    parser.add_argument("--no-archives", action="store_true", help="skip the zip and tar.xz sizes")
    parser.add_argument("--strict", action="store_true", help="also fail when a size or time misses its target")
    args = parser.parse_args(argv)
    bundle: Path = args.bundle.resolve()
    app, cli = executables(bundle)
    if not app.exists() or not cli.exists():
        print(f"Không có bản đóng gói / no bundle at {bundle} (make build)", file=sys.stderr)
        return 1

    from reports import __version__

    failures: list[str] = []
    misses: list[str] = []

    print(f"== {app.name} --self-test", flush=True)
    done = run([app, "--self-test"], env=child_env(), timeout=SELF_TEST_TIMEOUT_S)
    print(done.output.rstrip())
    print(f"   exit {done.code}, {done.seconds:.1f} s", flush=True)
    if done.code != 0:
        failures.append(f"--self-test exit {done.code}")

    print(f"\n== {cli.name} --version / self-test", flush=True)
    done = run([cli, "--version"], env=child_env(), timeout=60)
    print(f"   {done.output.strip()}")
    if done.code != 0 or __version__ not in done.output:
        failures.append(f"cchc --version: exit {done.code}, {done.output.strip()!r} (expected {__version__})")
    done = run([cli, "self-test"], env=child_env(), timeout=SELF_TEST_TIMEOUT_S)
    print(f"   cchc self-test: exit {done.code}, {done.seconds:.1f} s")
    if done.code != 0:
        print(done.output.rstrip())
        failures.append(f"cchc self-test exit {done.code}")

    print("\n== crash handler (a bug inside a Qt callback must end the process with code 1)", flush=True)
    for kind in CRASH_KINDS:
        done = crash_check(app, kind)
        ended = done.code == 1
        state = "exits 1" if ended else ("HANGS (killed)" if done.code is None else f"exit {done.code}")
        print(f"   {kind:7} {state} in {done.seconds:.1f} s")
        if not ended:
            misses.append(f"crash handler, {kind}: {state}")

    print("\n== sizes", flush=True)
    unpacked = folder_bytes(bundle)
    ok = unpacked <= UNPACKED_TARGET_MB * MB
    print(f"   unpacked folder  {mb(unpacked):>24}   target ≤ {UNPACKED_TARGET_MB} MB: {verdict(ok)}")
    if not ok:
        misses.append(f"unpacked {unpacked / MB:.1f} MB > {UNPACKED_TARGET_MB} MB")
    if not args.no_archives:
        with tempfile.TemporaryDirectory(prefix="cchc-smoke-") as tmp:
            for kind, (path, made_here) in archives(bundle, Path(tmp)).items():
                size = path.stat().st_size
                where = "made now" if made_here else path.name
                if kind == "tar.xz":
                    ok = size <= DOWNLOAD_TARGET_MB * MB
                    print(f"   {kind:16} {mb(size):>24}   target ≤ {DOWNLOAD_TARGET_MB} MB: {verdict(ok)}  ({where})")
                    if not ok:
                        misses.append(f"tar.xz {size / MB:.1f} MB > {DOWNLOAD_TARGET_MB} MB")
                else:
                    print(f"   {kind:16} {mb(size):>24}   (no target)  ({where})")

    print(f"\n== cold start to the main window (offscreen, sample data, median of {args.runs})", flush=True)
    times = measure_start(bundle, args.runs)
    if times.failure:
        print(times.failure)
        failures.append("the frozen program did not show its main window")
    else:
        shown, loaded = times.median_shown, times.median_loaded
        assert shown is not None
        ok = shown <= START_TARGET_S
        print(f"   window shown     {shown:.3f} s  (min {min(times.shown):.3f}, max {max(times.shown):.3f})"
              f"   target ≤ {START_TARGET_S} s: {verdict(ok)}")
        if loaded is not None:
            print(f"   list loaded      {loaded:.3f} s")
        if not ok:
            misses.append(f"cold start {shown:.3f} s > {START_TARGET_S} s")

    print()
    if failures:
        print("SMOKE: KHÔNG ĐẠT / FAILED — " + "; ".join(failures))
        return 1
    if misses:
        print("SMOKE: chạy được, chưa đạt chỉ tiêu / works, misses: " + "; ".join(misses))
        return 1 if args.strict else 0
    print("SMOKE: ĐẠT / PASSED")
    return 0


if __name__ == "__main__":
    sys.exit(main())
