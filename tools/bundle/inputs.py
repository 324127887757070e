"""Whether the bundle in dist/ was built from what this tree holds now.

A digest over everything that goes into the bundle (the program's sources and resources,
build.spec and these helpers, the installed distributions and the Python that runs
PyInstaller) is recorded beside the bundle after each build. ``make bundle`` (and so
``make test``) rebuilds only when the digest changed, and the frozen tests
(tests/e2e/test_frozen.py) use the same check to tell a stale bundle.

    python -m tools.bundle.inputs check dist/bao-cao-cchc              exit 0 when it is current
    python -m tools.bundle.inputs build dist/bao-cao-cchc -- COMMAND   build, then record the digest

Contents, not modification times: a checkout or a rebase that rewrites a file with the same
bytes does not cost a rebuild.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import platform
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# What build.spec reads: the folders the program is made of, and the spec with its helpers.
INPUT_FOLDERS = ("desktop", "reports", "forms", "resources", "tools/bundle")
INPUT_FILES = ("build.spec",)
SKIPPED_FOLDERS = {"__pycache__"}
SKIPPED_SUFFIXES = {".pyc", ".pyo"}
EXECUTABLES = ("bao-cao-cchc", "cchc")


def input_files(root: Path = ROOT) -> Iterator[Path]:
    """Every file that goes into the bundle or decides what does, in a stable order."""
    for name in INPUT_FILES:
        yield root / name
    for folder in INPUT_FOLDERS:
        paths = (root / folder).rglob("*")
        for path in sorted(paths, key=lambda p: p.relative_to(root).as_posix()):
            if (
                path.is_file()
                and path.suffix not in SKIPPED_SUFFIXES
                and not SKIPPED_FOLDERS & set(path.parts)
            ):
                yield path


def environment() -> list[str]:
    """The Python and the installed distributions PyInstaller collects from."""
    dists = {f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions()}
    return [f"python {sys.version}", f"platform {platform.platform()}", *sorted(dists)]


def digest(root: Path = ROOT) -> str:
    h = hashlib.sha256()
    for path in input_files(root):
        h.update(path.relative_to(root).as_posix().encode() + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    for line in environment():
        h.update(line.encode() + b"\n")
    return h.hexdigest()


def stamp_path(bundle: Path) -> Path:
    """Beside the bundle's folder, so the downloads made from the folder do not carry it."""
    return bundle.parent / f".{bundle.name}.inputs"


def why_stale(bundle: Path, root: Path = ROOT) -> str | None:
    """Why the bundle must be (re)built; None when it was built from what is here now."""
    suffix = ".exe" if sys.platform == "win32" else ""
    missing = [name for name in EXECUTABLES if not (bundle / f"{name}{suffix}").is_file()]
    if missing:
        return f"no bundle at {bundle} ({', '.join(missing)} missing)"
    stamp = stamp_path(bundle)
    if not stamp.is_file():
        return f"{bundle} was not built by `make bundle` or `make build` (no {stamp.name})"
    if stamp.read_text(encoding="ascii").strip() != digest(root):
        return f"the sources, build.spec or the installed packages changed since {bundle} was built"
    return None


def build(bundle: Path, command: Sequence[str], root: Path = ROOT) -> int:
    """Run the build ``command``; on success, record the digest of the inputs as they were
    when it started (a file changed during the build makes the next check rebuild)."""
    before = digest(root)
    stamp = stamp_path(bundle)
    stamp.unlink(missing_ok=True)  # a failed or interrupted build leaves no stamp behind
    code = subprocess.run(list(command), cwd=root, check=False).returncode
    if code == 0:
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.write_text(before + "\n", encoding="ascii")
    return code


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bundle.inputs", description=__doc__.split("\n")[0])
    parser.add_argument("action", choices=("check", "build"))
    parser.add_argument("bundle", type=Path)
    parser.add_argument("command", nargs="*", help="build: the command that builds the bundle (after --)")
    args = parser.parse_args(argv)
    if args.action == "build":
        if not args.command:
            parser.error("build needs the command that builds the bundle, after --")
        return build(args.bundle, args.command)
    reason = why_stale(args.bundle)
    print(f"{args.bundle}: up to date, not rebuilt" if reason is None else f"{reason}: building it")
    return 0 if reason is None else 1


if __name__ == "__main__":
    sys.exit(main())
