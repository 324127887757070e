"""PySide6 reads every module imported after it; this makes that reading cheap.

For its ``from __feature__ import snake_case`` switch, PySide6 (6.12, ``shibokensupport.feature``)
hooks ``__import__`` and asks of every newly imported module whether its source mentions
"PySide6" — with ``inspect.getsource``, which finds the file, reads it through ``linecache``
(kept in memory for the rest of the run) and splits and joins its lines. The window's start
imports some 170 modules after PySide6 (the window's, the core's, the standard library's):
40–90 ms of the commune window's cold start on the test machine, for an answer that only
matters to modules using ``__feature__`` (none here).

``install`` replaces that one function with the same test on the file's bytes: the same answer
for every module with a source file (ASCII "PySide6" reads the same in any encoding Python
source uses), the loader's source when the file is missing (the frozen program, whose modules
live in an archive: PySide6's check ends there too, through inspect), PySide6's own function
for the others (built-in, no file). Nothing is
done when the running PySide6 has no such function. The program never uses ``__feature__``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from importlib.machinery import EXTENSION_SUFFIXES
from types import ModuleType

FEATURE_MODULE = "shibokensupport.feature"
CHECK = "_mod_uses_pyside"  # PySide6's function: does this module's source mention PySide6?


def mentions_pyside(module: ModuleType, fallback: Callable[[ModuleType], bool]) -> bool:
    path = getattr(module, "__file__", None)
    if isinstance(path, str) and path.endswith(tuple(EXTENSION_SUFFIXES)):
        return False  # compiled: no source to mention anything (PySide6's check says the same)
    if not isinstance(path, str) or not path.endswith(".py"):
        return fallback(module)
    try:
        with open(path, "rb") as fh:
            return b"PySide6" in fh.read()
    except FileNotFoundError:
        # No file where it says (the frozen program: its modules live in an archive): what
        # inspect.getsource would end on is the loader's source, or none (then False).
        get_source = getattr(getattr(module, "__loader__", None), "get_source", None)
        if get_source is None:
            return fallback(module)
        try:
            source = get_source(module.__name__)
        except ImportError:
            return fallback(module)
        return source is not None and "PySide6" in source
    except OSError:
        return fallback(module)


def install() -> bool:
    """Use the cheap check from now on; False when the running PySide6 has nothing to replace."""
    feature = sys.modules.get(FEATURE_MODULE)
    original = getattr(feature, CHECK, None)
    if feature is None or not callable(original) or getattr(original, "cheap", False):
        return False

    def cheap(module: ModuleType) -> bool:
        return mentions_pyside(module, original)

    cheap.cheap = True  # type: ignore[attr-defined]
    cheap.original = original  # type: ignore[attr-defined]
    setattr(feature, CHECK, cheap)
    return True
