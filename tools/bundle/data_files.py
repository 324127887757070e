"""The resource files the program reads at run time, as PyInstaller's ``datas``."""

from __future__ import annotations

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

