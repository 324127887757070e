"""The UI thread's garbage collector: a full collection waits while jobs run, then runs."""

from __future__ import annotations

import gc

import pytest

from desktop import garbage
from desktop.garbage import MainThreadGarbageCollector


def full_collections() -> int:
    return int(gc.get_stats()[2]["collections"])


def make_a_full_collection_due() -> None:
    threshold = gc.get_threshold()[2]
    while gc.get_count()[2] <= threshold:
        gc.collect(1)  # each younger collection counts towards the oldest generation's


def test_a_full_collection_waits_while_jobs_run_then_runs() -> None:
    collector = MainThreadGarbageCollector()
    make_a_full_collection_due()
    before = full_collections()
    collector.set_busy(3)
    collector.check()
    assert full_collections() == before  # an import is running: only the young ones
    collector.set_busy(0)
    collector.check()
    assert full_collections() == before + 1


def test_a_full_collection_waits_no_longer_than_its_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    collector = MainThreadGarbageCollector()
    make_a_full_collection_due()
    before = full_collections()
    collector.set_busy(1)
    collector.check()
    assert full_collections() == before
    monkeypatch.setattr(garbage, "FULL_DEFER_S", 0.0)
    make_a_full_collection_due()
    collector.check()
    assert full_collections() == before + 1  # a long job does not keep garbage for good
