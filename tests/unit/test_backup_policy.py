"""The backup policy, pure: names, when a backup is due, and the ladder of what is kept over a
simulated year and a half (the clock is injected; no files)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reports.backups import naming
from reports.backups.naming import BackupFile
from reports.backups.policy import BackupPolicy, Reason, SkipReason
from reports.clock import VIETNAM


def local(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=VIETNAM)




def files(*moments: dt.datetime, reason: str = "close") -> list[BackupFile]:
    return [BackupFile(Path(naming.backup_name(m, reason)), m, reason) for m in moments]


def test_names_round_trip_and_other_files_are_not_backups() -> None:
    name = naming.backup_name(dt.datetime(2026, 11, 16, 2, 5, 9, tzinfo=dt.UTC), Reason.BEFORE_IMPORT)
    assert name == "cchc-20261116-090509-before-import.sqlite3"  # Vietnam time in the name
    parsed = BackupFile.parse(Path(name))
    assert parsed is not None and parsed.reason == "before-import" and parsed.taken_at == local(2026, 11, 16, 9, 5, 9)
    assert BackupFile.parse(Path(naming.backup_name(local(2026, 1, 1), "manual", 3))).seq == 3  # type: ignore[union-attr]
    for other in ("cchc.sqlite3", "cchc-20261116-090509-manual.sqlite3.123.tmp", "damaged-20261116-cchc.sqlite3",
                  "cchc-20261399-090509-manual.sqlite3"):
        assert BackupFile.parse(Path(other)) is None


def test_decide() -> None:
    p = BackupPolicy()
    now = local(2026, 11, 16, 17, 0)
    assert p.decide(now, None, reason=Reason.CLOSE, changed=False) == (True, None)  # the first one
    newest = files(local(2026, 11, 16, 16, 55))[0]
    assert p.decide(now, newest, reason=Reason.CLOSE, changed=False) == (False, SkipReason.UNCHANGED)
    assert p.decide(now, newest, reason=Reason.BEFORE_IMPORT, changed=False) == (False, SkipReason.UNCHANGED)
    assert p.decide(now, newest, reason=Reason.CLOSE, changed=True) == (False, SkipReason.TOO_RECENT)
    assert p.decide(now, newest, reason=Reason.BEFORE_IMPORT, changed=True) == (True, None)  # risky work: no interval
    assert p.decide(now, newest, reason=Reason.BEFORE_MIGRATION, changed=True) == (True, None)
    for asked in (Reason.MANUAL, Reason.BEFORE_RESTORE):
        assert p.decide(now, newest, reason=asked, changed=False) == (True, None)
    older = files(local(2026, 11, 16, 8, 0))[0]
    assert p.decide(now, older, reason=Reason.CLOSE, changed=True) == (True, None)
    assert p.decide(now, older, reason=Reason.DAILY, changed=True) == (False, SkipReason.TOO_RECENT)  # one a day
    yesterday = files(local(2026, 11, 15, 23, 0))[0]
    assert p.decide(now, yesterday, reason=Reason.DAILY, changed=True) == (True, None)
    assert BackupPolicy(min_interval=dt.timedelta(hours=12)).decide(
        now, older, reason=Reason.CLOSE, changed=True) == (False, SkipReason.TOO_RECENT)


def test_a_clock_set_back_does_not_block_backups() -> None:
    future = files(local(2027, 1, 1))[0]
    assert BackupPolicy().decide(local(2026, 11, 16), future, reason=Reason.CLOSE, changed=True) == (True, None)


def simulate(days: int, start: dt.datetime, policy: BackupPolicy) -> tuple[list[BackupFile], list[BackupFile], int]:
    """An office's year: open at 7:30, a daily backup on the first timer tick, an import on
    some mornings, edits all day, a backup on close; weekends closed, and a fortnight off."""
    present: list[BackupFile] = []
    made: list[BackupFile] = []
    counter = 0

    def attempt(now: dt.datetime, reason: str, changed: bool) -> None:
        nonlocal counter, present
        plan = policy.plan(now, present, reason=reason, changed=changed)
        assert set(plan.prune) | set(plan.keep) == set(present)
        if plan.create:
            counter += 1
            new = BackupFile(Path(f"/b/{counter:05d}"), now, reason)
            made.append(new)
            present = [b for b in present if b not in plan.prune] + [new]
        else:
            present = [b for b in present if b not in plan.prune]
            assert not plan.prune or plan.create  # nothing is pruned without a new backup

    for i in range(days):
        day = start + dt.timedelta(days=i)
        if day.weekday() >= 5 or 200 <= i < 214:
            continue
        attempt(day.replace(hour=8, minute=30), Reason.DAILY, changed=True)
        attempt(day.replace(hour=8, minute=35), Reason.DAILY, changed=True)  # the next tick: already today
        if i % 3 == 0:
            attempt(day.replace(hour=9, minute=0), Reason.BEFORE_IMPORT, changed=True)
        attempt(day.replace(hour=17, minute=0), Reason.CLOSE, changed=True)
        attempt(day.replace(hour=17, minute=5), Reason.CLOSE, changed=True)  # closed twice: too recent
    return present, made, counter


def test_ladder_over_a_simulated_year_and_a_half() -> None:
    policy = BackupPolicy()
    start = local(2025, 6, 2)
    present, made, _ = simulate(540, start, policy)
    end = start + dt.timedelta(days=539, hours=17)
    assert len(made) > 700  # every working day made two or three
    assert len(present) <= policy.recent + policy.daily + policy.weekly + policy.monthly
    newest_first = sorted(present, key=lambda b: b.sort_key, reverse=True)
    assert newest_first[: policy.recent] == sorted(made, key=lambda b: b.sort_key, reverse=True)[: policy.recent]
    days_with = {b.taken_at.date() for b in present}
    for i in range(policy.daily):  # each of the last 7 days that had backups keeps one
        day = end.date() - dt.timedelta(days=i)
        if any(b.taken_at.date() == day for b in made):
            assert day in days_with
    weeks_with = {b.taken_at.date() - dt.timedelta(days=b.taken_at.weekday()) for b in present}
    for i in range(policy.weekly):
        week = end.date() - dt.timedelta(days=end.weekday(), weeks=i)
        assert week in weeks_with
    months_with = {(b.taken_at.year, b.taken_at.month) for b in present}
    for i in range(policy.monthly):
        y, m = divmod(end.year * 12 + end.month - 1 - i, 12)
        assert (y, m + 1) in months_with
    # Of each month, the newest backup is the one kept (the month's end state).
    for y, m in months_with:
        month_made = [b for b in made if (b.taken_at.year, b.taken_at.month) == (y, m)]
        kept = [b for b in present if (b.taken_at.year, b.taken_at.month) == (y, m)]
        assert max(month_made, key=lambda b: b.sort_key) in kept
    oldest = min(b.taken_at for b in present)
    assert oldest >= end - dt.timedelta(days=366)


def test_backups_before_risky_work_follow_the_same_ladder() -> None:
    policy = BackupPolicy(recent=1, daily=2, weekly=0, monthly=0)
    now = local(2026, 11, 16, 17, 0)
    existing = files(local(2026, 11, 14, 9), local(2026, 11, 15, 9), reason="before-import") + files(
        local(2026, 11, 15, 17), reason="close")
    plan = policy.plan(now, existing, reason=Reason.BEFORE_IMPORT, changed=True)
    assert plan.create
    # Today's new one and yesterday's newest (the close) stay; the older imports go.
    assert {b.taken_at for b in plan.keep} == {local(2026, 11, 15, 17)}
    assert {b.taken_at for b in plan.prune} == {local(2026, 11, 14, 9), local(2026, 11, 15, 9)}


def test_backups_dated_in_the_future_are_kept() -> None:
    p = BackupPolicy(recent=0, daily=1, weekly=0, monthly=0)
    existing = files(local(2030, 1, 1), local(2020, 1, 1))
    assert {b.taken_at for b in p.plan(local(2026, 11, 16), existing).keep} == {local(2030, 1, 1)}
