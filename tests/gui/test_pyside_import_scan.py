"""PySide6's per-import question "does this module's source mention PySide6?" answered from
the file's bytes (desktop/pyside_import_scan.py): installed, and the same answers as PySide6's."""

from __future__ import annotations

import _csv
import json
import sys
import types
from pathlib import Path

import desktop.app
import reports.errors
from desktop.pyside_import_scan import CHECK, FEATURE_MODULE, install, mentions_pyside


def test_the_cheap_check_is_installed_with_the_desktop_package() -> None:
    check = getattr(sys.modules[FEATURE_MODULE], CHECK)
    assert getattr(check, "cheap", False)
    assert install() is False  # once is enough: installing again replaces nothing


def test_it_answers_as_pysides_own_check_for_every_loaded_module() -> None:
    original = getattr(sys.modules[FEATURE_MODULE], CHECK).original
    modules = [m for _, m in sorted(sys.modules.items()) if m is not None]
    answers = {m.__name__: mentions_pyside(m, original) for m in modules}
    assert answers == {m.__name__: original(m) for m in modules}
    assert answers[desktop.app.__name__] and not answers[reports.errors.__name__] and not answers[json.__name__]
    assert not answers[_csv.__name__] and not answers[sys.__name__]  # compiled, built in


class _ArchiveLoader:
    """A loader like PyInstaller's: no file on disk, the source (or none) from the loader."""

    def __init__(self, source: str | None) -> None:
        self.source = source

    def get_source(self, fullname: str) -> str | None:
        return self.source


def test_a_module_without_its_file_is_answered_from_its_loader_as_pysides_check_does(tmp_path: Path) -> None:
    original = getattr(sys.modules[FEATURE_MODULE], CHECK).original
    for n, source in enumerate(("from PySide6.QtCore import Qt\n", "import json\n", None)):
        module = types.ModuleType(f"archived_module_{n}")  # its own name: linecache keeps lines by file
        module.__file__ = str(tmp_path / "missing" / f"archived_module_{n}.py")
        module.__loader__ = _ArchiveLoader(source)
        assert mentions_pyside(module, original) is (source is not None and "PySide6" in source)
        assert mentions_pyside(module, original) == original(module)
