"""The task runner: database work off the UI thread, one job at a time, results back on it."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from desktop.tasks import TaskRunner
from reports.errors import UsageError
from reports.workspace import Workspace


def test_jobs_run_on_the_database_worker_and_results_come_back_on_the_ui_thread(
    qtbot: QtBot, runner: TaskRunner, data_dir: Path
) -> None:
    ui_thread = threading.get_ident()
    seen: dict[str, Any] = {}

    def job(ws: Workspace) -> str:
        seen["job_thread"] = threading.get_ident()
        seen["workspace"] = ws
        return "done"

    def success(result: str) -> None:
        seen["result"] = result
        seen["callback_thread"] = threading.get_ident()

    runner.run(job, on_success=success)
    qtbot.waitUntil(lambda: "result" in seen)
    assert seen["job_thread"] != ui_thread
    assert seen["callback_thread"] == ui_thread
    assert isinstance(seen["workspace"], Workspace)
    assert seen["workspace"].paths.root == data_dir
    assert seen["result"] == "done"


def test_database_jobs_run_one_at_a_time_in_order(qtbot: QtBot, runner: TaskRunner) -> None:
    threads: set[int] = set()
    order: list[int] = []
    running = threading.Lock()

    def job(_ws: Workspace, n: int) -> int:
        assert running.acquire(blocking=False), "two database jobs ran at once"
        threads.add(threading.get_ident())
        running.release()
        return n

    for n in range(20):
        runner.run(job, n, on_success=order.append)
    assert runner.wait_idle()
    assert order == list(range(20))
    assert len(threads) == 1


def test_cpu_jobs_run_in_the_pool_without_the_workspace(qtbot: QtBot, runner: TaskRunner) -> None:
    seen: dict[str, Any] = {}
    db_thread: list[int] = []
    runner.run(lambda _ws: db_thread.append(threading.get_ident()))

    def cpu(a: int, b: int) -> int:
        seen["thread"] = threading.get_ident()
        return a * b

    runner.run_cpu(cpu, 6, 7, on_success=lambda r: seen.setdefault("result", r))
    assert runner.wait_idle()
    assert seen["result"] == 42
    assert seen["thread"] not in (threading.get_ident(), db_thread[0])


def test_an_expected_error_goes_to_on_failure(qtbot: QtBot, runner: TaskRunner) -> None:
    failures: list[Exception] = []
    successes: list[Any] = []

    def job(_ws: Workspace) -> None:
        raise UsageError(detail="Sai rồi", detail_en="Wrong")

    with qtbot.assertNotEmitted(runner.unexpected_error), qtbot.assertNotEmitted(runner.expected_error):
        runner.run(job, on_success=successes.append, on_failure=failures.append)
        assert runner.wait_idle()
    assert successes == []
    assert len(failures) == 1 and failures[0].message("vi") == "Sai rồi"


def test_an_expected_error_nobody_handles_is_signalled(qtbot: QtBot, runner: TaskRunner) -> None:
    def job(_ws: Workspace) -> None:
        raise UsageError(detail="Sai rồi", detail_en="Wrong")

    with qtbot.waitSignal(runner.expected_error) as blocker:
        runner.run(job)
    assert isinstance(blocker.args[0], UsageError)


def test_a_bug_goes_to_the_crash_handler_not_to_on_failure(qtbot: QtBot, runner: TaskRunner) -> None:
    failures: list[Exception] = []

    def job(_ws: Workspace) -> None:
        raise ZeroDivisionError("a bug")

    with qtbot.waitSignal(runner.unexpected_error) as blocker:
        runner.run(job, on_failure=failures.append)
    assert isinstance(blocker.args[0], ZeroDivisionError)
    assert blocker.args[0].__traceback__ is not None  # the crash log shows where it happened
    assert failures == []


def test_busy_counts_the_jobs_not_yet_delivered(qtbot: QtBot, runner: TaskRunner) -> None:
    assert runner.wait_idle()  # the workspace is open
    gate = threading.Event()
    counts: list[int] = []
    runner.busy_changed.connect(counts.append)
    try:
        runner.run(lambda _ws: gate.wait(5))
        runner.run(lambda _ws: None)
        assert runner.pending == 2
        assert not runner.wait_idle(50)
    finally:
        gate.set()
    assert runner.wait_idle()
    assert runner.pending == 0
    assert counts[:2] == [1, 2] and counts[-1] == 0


def test_callbacks_of_a_deleted_widget_are_dropped(qtbot: QtBot, runner: TaskRunner) -> None:
    called: list[Any] = []
    owner = QObject()
    gate = threading.Event()
    runner.run(lambda _ws: gate.wait(5), on_success=called.append, context=owner)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not _alive(owner))
    gate.set()
    assert runner.wait_idle()
    assert called == []


def _alive(obj: QObject) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)


def test_call_waits_and_raises_what_the_job_raised(qtbot: QtBot, runner: TaskRunner) -> None:
    assert runner.call(lambda ws: ws.paths.root.name) == "data"
    with pytest.raises(UsageError):
        runner.call(lambda _ws: (_ for _ in ()).throw(UsageError(detail="x", detail_en="x")))


def test_shutdown_closes_the_workspace_on_its_thread(qapp: object, data_dir: Path) -> None:
    runner = TaskRunner()
    closed: list[int] = []

    class Spy:
        def close(self) -> None:
            closed.append(threading.get_ident())

    runner.set_workspace_opener(Spy)
    assert runner.call(lambda ws: type(ws).__name__) == "Spy"
    assert runner.shutdown()
    assert closed and closed[0] != threading.get_ident()
    with pytest.raises(RuntimeError):
        runner.run(lambda _ws: None)
