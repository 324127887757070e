"""What build.spec leaves out of the bundle (tools/bundle): the exclusion and pruning rules
keep what the program loads and drop what it never does, on Linux and Windows paths."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tools.bundle.data_files import MissingTranslationsError, data_files
from tools.bundle.excluded_modules import EXCLUDED_MODULES, excluded_module_names
from tools.bundle.pruning import PRUNED_FILES, PruneLog, prune, why_pruned
from tools.bundle.windows import version_numbers

ROOT = Path(__file__).resolve().parents[2]

KEPT = [
    "PySide6/Qt/plugins/platforms/libqxcb.so",  # the Linux desktop
    "PySide6/Qt/plugins/platforms/libqoffscreen.so",  # the self-test
    r"PySide6\plugins\platforms\qwindows.dll",
    "PySide6/Qt/plugins/imageformats/libqsvg.so",
    "PySide6/Qt/plugins/imageformats/libqjpeg.so",
    r"PySide6\plugins\imageformats\qjpeg.dll",
    "PySide6/Qt/plugins/platforminputcontexts/libcomposeplatforminputcontextplugin.so",
    "PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
    "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
    "PySide6/Qt/lib/libQt6Core.so.6",
    "PySide6/Qt/lib/libQt6Pdf.so.6",
    "PySide6/Qt/lib/libQt6XcbQpa.so.6",
    "babel/locale-data/vi.dat",
    "babel/locale-data/root.dat",
    "babel/locale-data/en_US_POSIX.dat",
    r"babel\locale-data\vi_VN.dat",
    "resources/translations/cchc_vi.qm",  # ours, not Qt's
    "resources/translations/qt_vi.qm",
    "lxml/etree.cpython-311-x86_64-linux-gnu.so",
]

DROPPED = [
    "PySide6/Qt/translations/qtbase_de.qm",
    r"PySide6\translations\qtbase_fr.qm",
    "PySide6/Qt/plugins/platforms/libqeglfs.so",
    "PySide6/Qt/plugins/platforms/libqwayland-egl.so",
    "PySide6/Qt/plugins/platforms/libqminimal.so",
    "PySide6/Qt/plugins/platforms/libqvnc.so",
    "PySide6/Qt/plugins/platforms/libqlinuxfb.so",
    "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
    "PySide6/Qt/plugins/imageformats/libqgif.so",
    "PySide6/Qt/plugins/imageformats/libqwebp.so",
    r"PySide6\plugins\imageformats\qtiff.dll",
    "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
    "PySide6/Qt/plugins/styles/libqmodernwindowsstyle.so",
    "PySide6/Qt/plugins/sqldrivers/libqsqlite.so",
    "PySide6/Qt/qml/QtQuick/qmldir",
    "PySide6/Qt/lib/libQt6Quick.so.6",
    "PySide6/Qt/lib/libQt6WaylandClient.so.6",
    r"PySide6\Qt6Qml.dll",
    r"PySide6\opengl32sw.dll",
    r"PySide6\d3dcompiler_47.dll",
    "babel/locale-data/fr.dat",
    "babel/locale-data/vi_Latn.dat",
    "lxml/includes/libxml/tree.h",
    "PySide6/QtCore.pyi",
    "PySide6/py.typed",
]


@pytest.mark.parametrize("dest", KEPT)
def test_what_the_program_loads_stays(dest: str) -> None:
    assert why_pruned(dest) is None


@pytest.mark.parametrize("dest", DROPPED)
def test_what_it_never_loads_goes(dest: str) -> None:
    assert why_pruned(dest)


def test_no_file_the_project_ships_is_pruned() -> None:
    shipped = [
        p for folder in ("resources", "forms/definitions") for p in (ROOT / folder).rglob("*") if p.is_file()
    ]
    assert len(shipped) > 10
    for path in shipped:
        rel = path.relative_to(ROOT).as_posix()
        assert why_pruned(rel) is None, rel
        assert why_pruned(rel.replace("/", "\\")) is None, rel


def test_every_rule_compiles_and_says_why() -> None:
    for pattern, why in PRUNED_FILES:
        re.compile(pattern)
        assert why.strip(), pattern


def test_prune_keeps_the_order_and_logs_why(tmp_path: Path) -> None:
    toc = [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/src/libqxcb.so", "BINARY"),
        ("PySide6/Qt/plugins/platforms/libqvnc.so", "/src/libqvnc.so", "BINARY"),
        ("babel/locale-data/vi.dat", "/src/vi.dat", "DATA"),
        ("babel/locale-data/de.dat", "/src/de.dat", "DATA"),
    ]
    log = PruneLog()
    assert prune(toc, log) == [toc[0], toc[2]]
    log.write(tmp_path / "build" / "pruned-files.txt")
    lines = (tmp_path / "build" / "pruned-files.txt").read_text(encoding="utf-8").splitlines()
    assert [line.split("\t")[0] for line in lines] == [toc[1][0], toc[3][0]]  # sorted
    assert all(line.split("\t")[1] for line in lines)


def test_excluded_modules_are_named_once_each_with_a_reason() -> None:
    names = excluded_module_names()
    assert len(names) == len(set(names)) == len(EXCLUDED_MODULES)
    for name, why in EXCLUDED_MODULES:
        assert re.fullmatch(r"[A-Za-z_][\w]*(\.[A-Za-z_]\w*)*", name), name
        assert why, name
    # what the program is made of is never excluded
    for used in ("PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "PySide6.QtPdf", "PySide6.QtSvg",
                 "PySide6.QtPrintSupport", "reportlab", "pyhanko", "sqlite3", "email", "asyncio"):  # fmt: skip
        assert not any(used == n or used.startswith(n + ".") for n in names), used


def test_the_program_starts_without_any_excluded_module() -> None:
    """With every excluded module made unimportable, as in the bundle, both executables' entry
    modules still import, and so do the libraries whose C speed-ups are left out (they fall
    back to their pure-Python twins). The frozen self-test covers what is imported later."""
    code = """
import importlib.abc, sys
EXCLUDED = set(sys.argv[1:])

class Excluded(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name in EXCLUDED or any(name.startswith(e + ".") for e in EXCLUDED):
            raise ModuleNotFoundError(f"No module named {name!r} (excluded from the bundle)", name=name)
        return None

sys.meta_path.insert(0, Excluded())
import desktop.app, desktop.mainwindow, reports.cli.main, reports.workspace
import pyhanko.sign.timestamps, multidict, yarl, frozenlist, propcache
assert yarl.URL("http://example.org/a b").path == "/a b"
assert multidict.MultiDict(a="1")["a"] == "1"
"""
    done = subprocess.run(
        [sys.executable, "-c", code, *excluded_module_names()], capture_output=True, text=True, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr


# Excluded although the program imports them: the import is guarded and the program carries on
# without (the module, and why that is acceptable, are in EXCLUDED_MODULES).
# Imported only where the frozen program never goes: QtNetwork falls back to timers when missing;
# multiprocessing only for worker processes, which the frozen program never starts
# (reports/exchange/pdf_checks.worker_count, test_a_frozen_program_checks_in_line).
OPTIONAL_IMPORTS = {"PySide6.QtNetwork", "multiprocessing"}


def imported_modules(path: Path) -> set[str]:
    """Every absolute module name an import statement of ``path`` names, wherever it stands."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_no_import_of_the_program_names_an_excluded_module() -> None:
    """Function-level imports too: the frozen self-test cannot walk every path."""
    excluded = excluded_module_names()
    found = set()
    for folder in ("forms", "reports", "desktop"):
        for path in (ROOT / folder).rglob("*.py"):
            for name in imported_modules(path):
                hit = next((e for e in excluded if name == e or name.startswith(e + ".")), None)
                if hit is not None and hit not in OPTIONAL_IMPORTS:
                    found.add(f"{path.relative_to(ROOT)}: {name}")
    assert sorted(found) == []


def test_data_files_lists_what_the_program_reads_and_needs_the_translations(tmp_path: Path) -> None:
    found = data_files(ROOT, {"resources/translations": ("*.qm",), "forms/definitions": ("*.toml",)})
    assert ("forms/definitions" in {dest for _src, dest in found}) and all(
        Path(src).exists() for src, _ in found
    )
    assert [Path(src).name for src, dest in found if dest == "resources/translations"] == sorted(
        p.name for p in (ROOT / "resources" / "translations").glob("*.qm")
    )
    (tmp_path / "resources" / "translations").mkdir(parents=True)
    (tmp_path / "resources" / "translations" / "cchc_vi.ts").write_text("<TS/>", encoding="utf-8")
    with pytest.raises(MissingTranslationsError, match="make translations"):
        data_files(tmp_path, {"resources/translations": ("*.qm", "*.ts")})


def test_windows_file_versions_have_four_numbers() -> None:
    assert version_numbers("0.1.0") == (0, 1, 0, 0)
    assert version_numbers("2.3.4.5.6") == (2, 3, 4, 5)
    assert version_numbers("1.0rc2") == (1, 0, 2, 0)


def spec_data() -> dict[str, tuple[str, ...]]:
    """The folders and patterns build.spec hands to data_files(), read from the spec."""
    tree = ast.parse((ROOT / "build.spec").read_text(encoding="utf-8"))
    calls = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "data_files"
    ]
    assert len(calls) == 1, "build.spec lists its data files in one data_files() call"
    wanted: dict[str, tuple[str, ...]] = ast.literal_eval(calls[0].args[1])
    return wanted


def test_every_resource_the_program_reads_goes_into_the_bundle() -> None:
    """A new file under resources/ (a calendar, the trust roots …) is read through
    reports.resources at run time: the frozen program breaks unless build.spec ships it."""
    wanted = spec_data()
    shipped = {Path(src).resolve() for src, _dest in data_files(ROOT, wanted)}
    sources_only = {".ts"}  # translations are shipped compiled (.qm)
    for path in sorted((ROOT / "resources").rglob("*")):
        if path.is_file() and path.suffix not in sources_only:
            assert path.resolve() in shipped, f"{path.relative_to(ROOT)} is not in build.spec's data files"
    definitions = set((ROOT / "forms" / "definitions").glob("*.toml"))
    assert definitions and definitions <= shipped
    assert (ROOT / "forms" / "statutory-holidays-vn.json").resolve() in shipped  # forms/calendar.py reads it


def test_a_frozen_program_checks_in_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """multiprocessing is left out of the bundle: the frozen program never starts workers."""
    import os
    import sys

    from reports.exchange.pdf_checks import worker_count

    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert worker_count(10_000) == 1
    monkeypatch.delattr(sys, "frozen")
    assert worker_count(10_000) == (1 if (os.cpu_count() or 1) < 2 else min(os.cpu_count() or 1, 8))
