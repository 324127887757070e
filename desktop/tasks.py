"""The task runner: one database worker thread, a pool for CPU work, results on the UI thread.

Every call into the core's storage goes through ``TaskRunner.run``: the job runs on the single
database worker (SQLite writes are serial, and the connection is used from that thread only),
and its result or error comes back to the UI thread by a queued signal, where the caller's
``on_success`` / ``on_failure`` run. The Workspace itself lives on the worker: jobs receive it
as their first argument, so no widget holds it and none can touch the database by mistake.

``run_cpu`` sends CPU-only work (no database) to a thread pool the same way.

Errors: an expected error (``CchcError``) goes to ``on_failure``, or, when the caller gave
none, out through ``expected_error`` (the composition root shows it); anything else is a bug
and goes out through ``unexpected_error`` to the crash handler, never to ``on_failure``.
"""

from __future__ import annotations

import itertools
import logging
import queue
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QEventLoop,
    QMetaMethod,
    QObject,
    QRunnable,
    QThread,
    QThreadPool,
    QTimer,
    Signal,
    Slot,
)

from reports.errors import CchcError

log = logging.getLogger(__name__)

Callback = Callable[[Any], None]


@dataclass(eq=False)
class Task:
    """One submitted job; its callbacks run on the UI thread."""

    id: int
    name: str
    fn: Callable[..., Any]
    args: tuple[Any, ...]
    on_success: Callback | None = None
    on_failure: Callback | None = None
    context: QObject | None = None  # callbacks are dropped if this object is gone by then
    on_db: bool = True
    done: bool = field(default=False, repr=False)


_STOP = object()


class _DbWorker(QThread):
    """Runs database jobs one after another, in submission order."""

    def __init__(self, jobs: queue.SimpleQueue[Any], finished_job: Any) -> None:
        super().__init__()
        self.setObjectName("cchc-db-worker")
        self._jobs = jobs
        self._finished_job = finished_job
        self.workspace: Any = None

    def run(self) -> None:
        while True:
            job = self._jobs.get()
            if job is _STOP:
                break
            try:
                result = job.fn(self.workspace, *job.args)
            except BaseException as exc:
                self._finished_job.emit(job, None, exc)
            else:
                self._finished_job.emit(job, result, None)
        if self.workspace is not None:
            try:
                self.workspace.close()
            except Exception:  # pragma: no cover - closing a connection rarely fails
                log.exception("closing the workspace failed")
            self.workspace = None


class _CpuJob(QRunnable):
    def __init__(self, job: Task, finished_job: Any) -> None:
        super().__init__()
        self._job = job
        self._finished_job = finished_job

    def run(self) -> None:
        try:
            result = self._job.fn(*self._job.args)
        except BaseException as exc:
            self._finished_job.emit(self._job, None, exc)
        else:
            self._finished_job.emit(self._job, result, None)


class TaskRunner(QObject):
    """Runs jobs off the UI thread and hands results back on it."""

    busy_changed = Signal(int)  # how many jobs are submitted and not yet delivered
    expected_error = Signal(object)  # a CchcError no caller handled
    unexpected_error = Signal(object)  # a bug: an exception with its traceback
    _job_finished = Signal(object, object, object)  # task, result, error (from worker threads)

    def __init__(self, parent: QObject | None = None, *, cpu_threads: int | None = None) -> None:
        super().__init__(parent)
        self._ids = itertools.count(1)
        self._pending: set[Task] = set()
        self._jobs: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._worker = _DbWorker(self._jobs, self._job_finished)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(cpu_threads or max(1, min(4, (QThread.idealThreadCount() or 2) - 1)))
        self._job_finished.connect(self._on_job_finished)
        self._stopped = False
        self._worker.start()

    # ------------------------------------------------------------ submitting

    def set_workspace_opener(self, opener: Callable[[], Any], **callbacks: Any) -> Task:
        """Open the Workspace on the worker (first job); later jobs receive it. A Workspace
        already open (the program moving between the real and the demo installation) is closed
        first, on its own thread."""

        def open_(_ws: Any) -> None:
            old, self._worker.workspace = self._worker.workspace, None
            if old is not None:
                old.close()
            self._worker.workspace = opener()

        return self.run(open_, **callbacks)

    def run(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_success: Callback | None = None,
        on_failure: Callback | None = None,
        context: QObject | None = None,
    ) -> Task:
        """Run ``fn(workspace, *args)`` on the database worker."""
        return self._submit(fn, args, on_success, on_failure, context, on_db=True)

    def run_cpu(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_success: Callback | None = None,
        on_failure: Callback | None = None,
        context: QObject | None = None,
    ) -> Task:
        """Run ``fn(*args)`` on the CPU pool (no database access there)."""
        return self._submit(fn, args, on_success, on_failure, context, on_db=False)

    def _submit(
        self,
        fn: Callable[..., Any],
        args: tuple[Any, ...],
        on_success: Callback | None,
        on_failure: Callback | None,
        context: QObject | None,
        *,
        on_db: bool,
    ) -> Task:
        if self._stopped:
            raise RuntimeError("the task runner is shut down")
        name = getattr(fn, "__qualname__", repr(fn))
        task = Task(next(self._ids), name, fn, args, on_success, on_failure, context, on_db)
        self._pending.add(task)
        log.debug("task %d %s submitted (%s)", task.id, name, "db" if on_db else "cpu")
        if on_db:
            self._jobs.put(task)
        else:
            self._pool.start(_CpuJob(task, self._job_finished))
        self.busy_changed.emit(len(self._pending))
        return task

    # ------------------------------------------------------------ results

    @Slot(object, object, object)
    def _on_job_finished(self, task: Task, result: Any, error: BaseException | None) -> None:
        task.done = True
        self._pending.discard(task)
        try:
            alive = task.context is None or shiboken6.isValid(task.context)
            if error is None:
                log.debug("task %d %s done", task.id, task.name)
                if alive and task.on_success is not None:
                    task.on_success(result)
            elif isinstance(error, CchcError):
                log.info("task %d %s: %s [%s]", task.id, task.name, error.message("en"), error.code)
                if not alive:
                    pass
                elif task.on_failure is not None:
                    task.on_failure(error)
                else:
                    self.expected_error.emit(error)
            else:
                log.error(
                    "task %d %s failed",
                    task.id,
                    task.name,
                    exc_info=(type(error), error, error.__traceback__),
                )
                if self.isSignalConnected(QMetaMethod.fromSignal(self.unexpected_error)):
                    self.unexpected_error.emit(error)
                else:  # nobody listens (a bare test): let the excepthook have it
                    sys.excepthook(type(error), error, error.__traceback__)
        finally:
            # The worker keeps its last Task until the next job arrives; if that reference
            # were the last one, the callbacks' objects (a widget, call()'s QEventLoop) would
            # be destroyed on the worker while this thread holds the GIL: a deadlock seen in
            # QObject::~QObject vs QObject::connect. Let go of them here, on the UI thread.
            task.fn = _done
            task.args = ()
            task.on_success = task.on_failure = None
            task.context = None
            self.busy_changed.emit(len(self._pending))

    # ------------------------------------------------------------ waiting and stopping

    @property
    def pending(self) -> int:
        return len(self._pending)

    def wait_idle(self, timeout_ms: int = 5000) -> bool:
        """Spin the event loop until every job is delivered; False on timeout."""
        if not self._pending:
            return True
        loop = QEventLoop()
        timer = QTimer()
        timer.setSingleShot(True)
        timer.timeout.connect(loop.quit)

        def check(count: int) -> None:
            if count == 0:
                loop.quit()

        self.busy_changed.connect(check)
        timer.start(timeout_ms)
        try:
            if self._pending:
                loop.exec()
        finally:
            self.busy_changed.disconnect(check)
            timer.stop()
        return not self._pending

    def call(self, fn: Callable[..., Any], *args: Any, timeout_ms: int = 60_000) -> Any:
        """Run ``fn`` on the database worker and wait for it (start-up and shutdown only,
        before a window exists or after it is gone). Raises what the job raised."""
        box: dict[str, Any] = {}
        loop = QEventLoop()

        def ok(value: Any) -> None:
            box["result"] = value
            loop.quit()

        def failed(exc: Any) -> None:
            box["error"] = exc
            loop.quit()

        def guarded(ws: Any, *a: Any) -> Any:
            try:
                return fn(ws, *a)
            except BaseException as exc:
                return _Raised(exc)

        task = self.run(guarded, *args, on_success=ok, on_failure=failed)
        QTimer.singleShot(timeout_ms, loop.quit)
        if not task.done:
            loop.exec()
        if "error" in box:
            raise box["error"]
        if "result" not in box:
            raise TimeoutError(f"{getattr(fn, '__qualname__', fn)} did not finish in {timeout_ms} ms")
        result = box["result"]
        if isinstance(result, _Raised):
            raise result.exc
        return result

    def shutdown(self, timeout_ms: int = 10_000) -> bool:
        """Finish queued jobs, close the Workspace on its thread, stop the threads."""
        if self._stopped:
            return True
        self._stopped = True
        self._jobs.put(_STOP)
        finished = self._worker.wait(timeout_ms)
        self._pool.waitForDone(timeout_ms)
        # Deliver what finished meanwhile, so callers' callbacks still run.
        QCoreApplication.sendPostedEvents(self)
        if not finished:  # pragma: no cover - a job hung; the process is exiting anyway
            log.error("the database worker did not stop within %d ms", timeout_ms)
        return bool(finished)


@dataclass
class _Raised:
    exc: BaseException


def _done(*_args: Any) -> None:
    """What a delivered Task points to instead of its job (see ``_on_job_finished``)."""
