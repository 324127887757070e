"""Parts of reportlab and Pillow that are prepared on first use instead of at import.

``cchc pdf`` is a whole process each time, and most of it is importing. Three costs of that
import serve nothing a report document draws (measured with reportlab 5.1 and Pillow 13, in
``python -X importtime`` and by timing each ``re.compile``):

* ``reportlab.platypus.paragraph`` compiles, at import, a case-insensitive URL pattern over the
  whole range \\xa1-\\uffff: 40–55 ms, for hyphenating URLs (``uriWasteReduce``), which our
  styles never turn on;
* ``reportlab.lib.textsplit`` compiles a CJK pattern (7 ms) used only by ``cjkwrap``;
* ``reportlab.lib.utils`` imports ``PIL.Image`` (15–20 ms with ExifTags' enums) for bitmap
  images, which only a seal or signature image on a signature needs.

The two patterns are compiled when first used, and ``PIL.Image`` is executed when one of its
names is first read. Everything behaves as before once used; nothing is skipped. The finder
below is on ``sys.meta_path`` for these three names only, and works with whatever finds them
(the source tree or PyInstaller's archive). It leaves the module alone if it was imported
before ``install`` ran, and a pattern that differs from the one expected (another reportlab
version) is simply compiled at import as before.
"""

from __future__ import annotations

import _thread  # the documented low-level lock: ``threading`` and ``typing`` would cost every command 5 ms
import re
import sys
import types

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing for every command

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from importlib.machinery import ModuleSpec
    from typing import Any

IMAGES = "PIL.Image"
WITH_DEFERRED_PATTERNS = ("reportlab.platypus.paragraph", "reportlab.lib.textsplit")

# One lock per kind of work, so that no thread holds one while it waits for another's: a
# pattern compiled, a module run with the patterns deferred, Pillow run, the finder installed.
_pattern_lock = _thread.RLock()
_swap_lock = _thread.RLock()
_images_lock = _thread.RLock()
_install_lock = _thread.RLock()


def deferrable(pattern: object, flags: int) -> bool:
    """The two patterns compiled on first use (see the module's docstring)."""
    if not isinstance(pattern, str):
        return False
    url = bool(flags & re.IGNORECASE) and pattern.startswith("(^(?:[a-z0-9\\.\\-\\+]*)://)")
    return url or pattern == "([\u2e80-\uffff])"


class DeferredPattern:
    """A compiled pattern made when first used: ``match``, ``sub`` and the rest are the real
    pattern's. reportlab only calls its methods, so it cannot tell the difference."""

    def __init__(self, compile_: Callable[[str, int], re.Pattern[str]], pattern: str, flags: int) -> None:
        self._compile = compile_
        self._source = pattern
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        with _pattern_lock:
            if self._compiled is None:
                self._compiled = self._compile(self._source, self._flags)
            return self._compiled

    def __getattr__(self, name: str) -> Any:
        return getattr(self.compiled(), name)


class _WrappedLoader:
    """The real loader, with ``exec_module`` changed by the subclass."""

    def __init__(self, loader: Any) -> None:
        self.loader = loader

    def __getattr__(self, name: str) -> Any:
        # get_source (tracebacks), resource readers and the rest are the real loader's.
        return getattr(self.loader, name)

    def create_module(self, spec: ModuleSpec) -> types.ModuleType | None:
        return self.loader.create_module(spec)  # type: ignore[no-any-return]


class _PatternsLater(_WrappedLoader):
    """Loads a module with ``re.compile`` handing back a :class:`DeferredPattern` for the two
    patterns; every other pattern, and every other thread's ``re.compile`` meanwhile, compiles
    as usual. The import lock of the module is held, so the swap is short and never nested."""

    def exec_module(self, module: types.ModuleType) -> None:
        real = re.compile

        def compile_(pattern: Any, flags: int = 0) -> Any:
            if deferrable(pattern, flags):
                return DeferredPattern(real, pattern, flags)
            return real(pattern, flags)

        with _swap_lock:
            re.compile = compile_  # type: ignore[assignment]
            try:
                self.loader.exec_module(module)
            finally:
                re.compile = real


class DeferredModule(types.ModuleType):
    """A module whose code runs when a name it does not have yet is first read. Reading runs
    it once, under a lock, in the module's own namespace; afterwards it is a plain module."""

    def __getattr__(self, name: str) -> Any:
        with _images_lock:
            if type(self) is DeferredModule:
                spec = self.__spec__
                assert spec is not None and isinstance(spec.loader, _RunLater)
                self.__class__ = types.ModuleType  # ours is done: names now come from __dict__
                spec.loader.loader.exec_module(self)
            # Within the same thread while the code runs (a plugin importing PIL.Image back),
            # a name not defined yet is missing, as in any partly imported module.
            return types.ModuleType.__getattribute__(self, name)


class _RunLater(_WrappedLoader):
    """The module object is made now; its code runs at the first read of a missing name."""

    def exec_module(self, module: types.ModuleType) -> None:
        module.__class__ = DeferredModule


class DeferringFinder:
    """Finds the three modules through the other finders and wraps their loader."""

    def find_spec(self, fullname: str, path: Sequence[str] | None,
                  target: types.ModuleType | None = None) -> ModuleSpec | None:
        if fullname != IMAGES and fullname not in WITH_DEFERRED_PATTERNS:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is None:
                continue
            if spec.loader is None or not hasattr(spec.loader, "exec_module"):
                return spec
            wrapped = _RunLater(spec.loader) if fullname == IMAGES else _PatternsLater(spec.loader)
            spec.loader = wrapped  # type: ignore[assignment]  # a loader by its methods (exec_module, create_module)
            return spec
        return None


def install() -> None:
    """Put the finder first on ``sys.meta_path``, once per process."""
    with _install_lock:
        if not any(isinstance(finder, DeferringFinder) for finder in sys.meta_path):
            sys.meta_path.insert(0, DeferringFinder())
