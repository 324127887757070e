"""Python's cyclic garbage collector, run on the UI thread only (as Anki does).

CPython collects cycles in whichever thread happens to allocate when a threshold is crossed —
often the database worker, which allocates a lot. If the garbage includes Qt widgets (a page
that was replaced, a dialog that closed), they are then destroyed on that thread, and Qt
crashes (a segfault inside "Garbage-collecting" in the worker's stack). So automatic
collection is switched off and a timer on the UI thread does the same work there.
"""

from __future__ import annotations

import gc
import logging

from PySide6.QtCore import QObject, QTimer, Slot

log = logging.getLogger(__name__)

INTERVAL_MS = 1000


class MainThreadGarbageCollector(QObject):
    def __init__(self, parent: QObject | None = None, *, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self._threshold = gc.get_threshold()
        self._was_enabled = gc.isenabled()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)

    def start(self) -> None:
        gc.disable()
        # Everything alive now (modules, Qt wrappers, the window) lives as long as the program:
        # moved out of the collector's view, so a full collection later scans only what came
        # after — it took over 100 ms of the UI thread during a 1,000-package import.
        gc.collect()
        gc.freeze()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        gc.unfreeze()
        gc.collect()
        if self._was_enabled:
            gc.enable()

    @Slot()
    def check(self) -> None:
        """Collect the generations whose thresholds are crossed, as the automatic GC would."""
        counts = gc.get_count()
        generation = -1
        for g, (count, threshold) in enumerate(zip(counts, self._threshold, strict=True)):
            if threshold and count > threshold:
                generation = g
        if generation >= 0:
            gc.collect(generation)
