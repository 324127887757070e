"""Báo cáo CCHC — the desktop program (Qt). The only package that imports PySide6."""

# Before any Qt call: PySide6 6.12.0 on Python 3.11 loses a reference to None on every call
# of a method returning nothing (and to True on every emit), which crashes the interpreter
# within seconds of a busy window (see desktop/qtfixes.py).
from desktop import qtfixes as _qtfixes  # noqa: F401
