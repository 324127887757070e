"""Báo cáo CCHC — the desktop program (Qt). The only package that imports PySide6."""

# Before any Qt call: PySide6 6.12.0 on Python 3.11 loses a reference to None on every call
# of a method returning nothing (and to True on every emit), which crashes the interpreter
# within seconds of a busy window (see desktop/qtfixes.py). Importing it imports PySide6.
from desktop import pyside_import_scan as _import_scan
from desktop import qtfixes as _qtfixes  # noqa: F401

# Before the window's modules: PySide6 reads the source of every module imported after it
# (desktop/pyside_import_scan.py); from here on it reads only their bytes.
_import_scan.install()
