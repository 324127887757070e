"""The resource files the program reads at run time, as PyInstaller's ``datas``."""

from __future__ import annotations

import importlib.util
from collections.abc import Mapping, Sequence
from pathlib import Path


class MissingTranslationsError(SystemExit):
    """The build stops: a bundle without compiled translations would show English only."""


def data_files(root: Path, wanted: Mapping[str, Sequence[str]]) -> list[tuple[str, str]]:
    """(file, folder inside the bundle) for each file under ``root/<folder>`` matching one of
    its patterns: folders in the given order, patterns in theirs, files sorted by name.
    Compiled translations (.qm) must be among them."""
    found = []
    for folder, patterns in wanted.items():
        for pattern in patterns:
            for f in sorted((root / folder).glob(pattern)):
                found.append((str(f), folder))
    if not any(src.endswith(".qm") for src, _dest in found):
        raise MissingTranslationsError(
            "build.spec: no compiled translations (.qm) in resources/translations; run: make translations"
        )
    return found


def package_data(package: str, patterns: Sequence[str]) -> list[tuple[str, str]]:
    """(file, folder inside the bundle) for the files of an installed package that match
    ``patterns`` (relative to the package's folder): data it reads at run time that
    PyInstaller's analysis does not see."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"build.spec: the package {package} is not installed", name=package)
    base = Path(next(iter(spec.submodule_search_locations)))
    found = []
    for pattern in patterns:
        matches = sorted(base.glob(pattern))
        if not matches:
            raise FileNotFoundError(f"build.spec: {package} has no {pattern} (another version?)")
        for f in matches:
            found.append((str(f), Path(package, f.parent.relative_to(base)).as_posix()))
    return found
