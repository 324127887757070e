"""Workarounds for bugs of the PySide6 build the program ships with, each detected at run time.

PySide6 6.12.0 on Python 3.11 does not take a reference to ``None``, ``True`` and ``False``
where it hands them to Python: every call of a method that returns nothing (``setText``,
``processEvents``, ``QTimer.start`` …) steals a reference to ``None``, and every
``Signal.emit()`` / ``disconnect()`` one to ``True``. (From Python 3.12 on these objects are
immortal and such references are not counted, so the wheel works there.) On 3.11 the count
of ``None`` reaches zero after some ten thousand Qt calls — seconds of a busy window — and
CPython aborts: "Fatal Python error: none_dealloc: deallocating None" (or ``bool_dealloc``).
Reproduce: ``QObject().setObjectName("x")`` 100 times and compare ``sys.getrefcount(None)``.

We measure the leak and, if it is there, move those objects' reference counts far from zero
so they can never reach it — what Python 3.12 does for them anyway (PEP 683, immortal
objects). The low 32 bits of the count are left as they are, so code compiled for 3.12's
immortality test still sees an ordinary object. Nothing is done where there is no leak, so
this module can be deleted once a PySide6 release fixes the bug.
"""

from __future__ import annotations

import ctypes
import logging
import sys

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)

_PROBE_CALLS = 64
_HEADROOM = 1 << 40  # ~10^12 lost references before a count could reach zero


class _Probe(QObject):
    fired = Signal()


def leaked_singletons() -> list[object]:
    """The singletons whose references PySide6 loses, measured on a few calls."""
    probe = _Probe()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(_PROBE_CALLS):
        probe.setObjectName("probe")  # returns nothing
        probe.fired.emit()  # returns True
    leaked: list[object] = []
    if none_before - sys.getrefcount(None) >= _PROBE_CALLS // 2:
        leaked.append(None)
    if true_before - sys.getrefcount(True) >= _PROBE_CALLS // 2:
        leaked += [True, False]  # the same code paths return either
    return leaked


def apply() -> list[object]:
    """Apply the workaround where the running PySide6 needs it; the objects it protected."""
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return []  # immortal singletons: lost references do no harm
    leaked = leaked_singletons()
    for obj in leaked:
        # ob_refcnt is the first field of every CPython object.
        ctypes.c_ssize_t.from_address(id(obj)).value += _HEADROOM
    if leaked:
        log.debug("PySide6 reference leak on %s: worked around", leaked)
    return leaked


PROTECTED = apply()
