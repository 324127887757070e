"""Python's cyclic garbage collector, run on the UI thread only (as Anki does).

CPython collects cycles in whichever thread happens to allocate when a threshold is crossed —
often the database worker, which allocates a lot. If the garbage includes Qt widgets (a page
that was replaced, a dialog that closed), they are then destroyed on that thread, and Qt
crashes (a segfault inside "Garbage-collecting" in the worker's stack). So automatic
collection is switched off and a timer on the UI thread does the same work there.

A full collection (the oldest generation) scans every object the worker made since the last
one — during a 1,000-package import, 150–350 ms of the UI thread at a time. While jobs are
running (``set_busy``, fed by the task runner), a full collection therefore waits, for at most
``FULL_DEFER_S``, and the younger generations are collected meanwhile; it runs as soon as the
work is done. Garbage stays a little longer, never for good.
"""

from __future__ import annotations

import gc
import logging
import time

from PySide6.QtCore import QObject, QTimer, Slot

log = logging.getLogger(__name__)

INTERVAL_MS = 1000
FULL_DEFER_S = 30.0


class MainThreadGarbageCollector(QObject):
    def __init__(self, parent: QObject | None = None, *, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self._threshold = gc.get_threshold()
        self._was_enabled = gc.isenabled()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)
        self._busy = False
        self._full_due_since: float | None = None  # a full collection is waiting since then
        self._freeze_due = False

    def start(self) -> None:
        gc.disable()
        # At the first tick, once the window is up (a full collection now would hold up its
        # start by 20–40 ms): everything alive then — modules, Qt wrappers, the window —
        # lives as long as the program, and is moved out of the collector's view, so a full
        # collection later scans only what came after; it took over 100 ms of the UI thread
        # during a 1,000-package import.
        self._freeze_due = True
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._freeze_due = False
        gc.unfreeze()
        gc.collect()
        if self._was_enabled:
            gc.enable()

    @Slot(int)
    def set_busy(self, pending: int) -> None:
        """How many jobs are running (TaskRunner.busy_changed); a waiting full collection
        runs at the next tick once none is."""
        self._busy = pending > 0

    @Slot()
    def check(self) -> None:
        """Collect the generations whose thresholds are crossed, as the automatic GC would."""
        if self._freeze_due:
            self._freeze_due = False
            gc.collect()
            gc.freeze()
            return
        counts = gc.get_count()
        crossed = [g for g, (count, threshold) in enumerate(zip(counts, self._threshold, strict=True))
                   if threshold and count > threshold]
        oldest = len(counts) - 1
        generation = max(crossed, default=-1)
        if self._full_due_since is not None and not self._busy:
            generation = oldest
        if generation == oldest and self._busy:
            now = time.monotonic()
            if self._full_due_since is None:
                self._full_due_since = now
            if now - self._full_due_since < FULL_DEFER_S:
                generation = max((g for g in crossed if g < oldest), default=-1)
        if generation >= 0:
            gc.collect(generation)
            if generation == oldest:
                self._full_due_since = None
