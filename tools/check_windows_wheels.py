"""Prove that every pinned dependency installs on 64-bit Windows from a wheel (`make check-windows-wheels`).

The Windows build (.github/workflows/windows.yml, tools/windows-build.ps1) installs with
``pip install -c constraints.txt -e .[dev]`` on Python 3.11 x64. This runs here, on Linux:

1. reads constraints.txt and keeps the pins that apply on Windows (environment markers
   evaluated for win32, so ``wsgidav==4.3.5; sys_platform == "win32"`` replaces the
   source-only 4.4.0 there);
2. ``pip download --no-deps --only-binary=:all: --platform win_amd64 --python-version 3.11``
   every one of them into build/windows-wheels/ (a second run reuses what is there; the folder
   also serves an offline install: ``pip install --no-index --find-links build/windows-wheels``);
3. checks each downloaded file is a wheel for win_amd64 or any platform, of the pinned
   version;
4. reads each wheel's Requires-Dist and the project's own dependencies with Windows markers,
   and fails when something Windows needs is not pinned (a Linux ``pip freeze`` omits
   pywin32-ctypes, pefile, colorama …).

Exit 0 and one summary line when all is well; otherwise the problems, one per line.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tomllib
import zipfile
from email.parser import Parser
from pathlib import Path
from typing import cast

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name, parse_wheel_filename

ROOT = Path(__file__).resolve().parent.parent
# A marker environment is str -> str; packaging types it as a TypedDict, which unpacks as object.
WINDOWS: dict[str, str] = {
    **cast("dict[str, str]", default_environment()),
    "sys_platform": "win32",
    "platform_system": "Windows",
    "os_name": "nt",
    "platform_machine": "AMD64",
    "python_version": "3.11",
    "python_full_version": "3.11.9",
    "implementation_name": "cpython",
    "platform_python_implementation": "CPython",
}
WINDOWS_TAGS = ("win_amd64", "any")


def windows_pins(constraints: Path) -> dict[str, Requirement]:
    pins: dict[str, Requirement] = {}
    for raw in constraints.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        req = Requirement(line)
        if req.marker is None or req.marker.evaluate({**WINDOWS, "extra": ""}):
            pins[canonicalize_name(req.name)] = req
    return pins


def _applies(req: Requirement, extras: set[str]) -> bool:
    return req.marker is None or any(req.marker.evaluate({**WINDOWS, "extra": e}) for e in extras | {""})


def project_requirements(pyproject: Path) -> list[Requirement]:
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    reqs = [Requirement(r) for r in project.get("dependencies", [])]
    reqs += [Requirement(r) for r in project.get("optional-dependencies", {}).get("dev", [])]
    return reqs


def wheel_requirements(wheel: Path) -> list[Requirement]:
    with zipfile.ZipFile(wheel) as zf:
        meta = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))
        message = Parser().parsestr(zf.read(meta).decode("utf-8"))
    return [Requirement(r) for r in message.get_all("Requires-Dist") or []]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--constraints", type=Path, default=ROOT / "constraints.txt")
    parser.add_argument("--dest", type=Path, default=ROOT / "build" / "windows-wheels")
    args = parser.parse_args(argv)

    pins = windows_pins(args.constraints)
    args.dest.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
        "--platform", "win_amd64", "--python-version", "3.11", "--implementation", "cp", "--abi", "cp311",
        "--dest", str(args.dest), *(f"{r.name}{r.specifier}" for r in pins.values()),
    ]  # fmt: skip
    # (markers stay out of the command: pip would evaluate them for this Linux machine)
    done = subprocess.run(command, check=False)
    problems: list[str] = []
    if done.returncode != 0:
        problems.append(f"pip download failed (exit {done.returncode}): a pin above has no Windows wheel")

    wheels: dict[str, Path] = {}
    for wheel in args.dest.glob("*.whl"):
        project, version, _build, tags = parse_wheel_filename(wheel.name)
        pin = pins.get(project)
        if pin is None or not pin.specifier.contains(version, prereleases=True):
            continue  # an older download of another version
        if not any(tag.platform in WINDOWS_TAGS for tag in tags):
            problems.append(f"{wheel.name}: not a win_amd64 or pure-Python wheel")
        wheels[project] = wheel
    for name, pin in sorted(pins.items()):
        if name not in wheels:
            problems.append(f"{pin}: no win_amd64 wheel downloaded")

    needed: list[tuple[str, Requirement]] = [
        ("pyproject.toml", r) for r in project_requirements(ROOT / "pyproject.toml")
    ]
    for name, wheel in sorted(wheels.items()):
        needed += [(name, r) for r in wheel_requirements(wheel)]
    for who, req in needed:
        extras = {"dev"} if who == "pyproject.toml" else set()
        if _applies(req, extras) and canonicalize_name(req.name) not in pins:
            problems.append(f"{who} needs {req} on Windows, and constraints.txt does not pin it")
        elif _applies(req, extras) and canonicalize_name(req.name) in pins:
            pinned = next(iter(pins[canonicalize_name(req.name)].specifier)).version
            if req.specifier and not req.specifier.contains(pinned, prereleases=True):
                problems.append(f"{who} needs {req}, but constraints.txt pins {pinned} on Windows")

    for line in sorted(set(problems)):
        print(line)
    if problems:
        return 1
    size = sum(w.stat().st_size for w in wheels.values()) / 1e6
    print(
        f"all {len(pins)} pinned dependencies have Windows x64 wheels for Python 3.11 "
        f"({size:.0f} MB in {args.dest.relative_to(ROOT) if args.dest.is_relative_to(ROOT) else args.dest})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
