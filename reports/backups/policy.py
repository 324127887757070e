"""When to make a backup and which to keep, decided by the core with "now" passed in.

As in Anki, the core decides and the desktop only triggers: ``BackupPolicy.plan`` says
whether to make one (not when nothing changed since the newest, not when the newest is too
recent) and which to prune, so that the newest few, the last 7 days, 4 weeks and 12 months
each keep one. Backups made before risky work (import, migration, restore) follow the same
ladder. Time is always passed in (``now``), never read here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from reports.backups.naming import BackupFile
from reports.clock import VIETNAM


class Reason(StrEnum):
    MANUAL = "manual"  # cchc backup create, the "Back up now" button
    DAILY = "daily"  # the desktop's timer while the program is open
    CLOSE = "close"  # closing the program
    BEFORE_IMPORT = "before-import"
    BEFORE_MIGRATION = "before-migration"
    BEFORE_RESTORE = "before-restore"


ALWAYS = frozenset({Reason.MANUAL, Reason.BEFORE_RESTORE})  # asked for: made even when nothing changed
RISKY = frozenset({Reason.BEFORE_IMPORT, Reason.BEFORE_MIGRATION})  # made whenever something changed


class SkipReason(StrEnum):
    UNCHANGED = "unchanged"  # nothing changed since the newest backup
    TOO_RECENT = "too_recent"  # the newest backup is younger than the interval


@dataclass(frozen=True)
class BackupPlan:
    create: bool
    skip: SkipReason | None
    prune: tuple[BackupFile, ...]  # what to delete (after creating, when ``create``)
    keep: tuple[BackupFile, ...]


@dataclass(frozen=True)
class BackupPolicy:
    """When to make a backup, and which to keep. Every figure is a setting of the policy;
    the defaults keep about 30 files."""

    min_interval: dt.timedelta = dt.timedelta(minutes=10)  # for DAILY and CLOSE
    recent: int = 10  # the newest N whatever their age
    daily: int = 7  # the newest of each of the last N days (today included)
    weekly: int = 4  # … of each of the last N weeks (Monday to Sunday)
    monthly: int = 12  # … of each of the last N calendar months

    def decide(
        self, now: dt.datetime, newest: BackupFile | None, *, reason: str, changed: bool
    ) -> tuple[bool, SkipReason | None]:
        if reason in ALWAYS or newest is None:
            return True, None
        if not changed:
            return False, SkipReason.UNCHANGED  # the newest backup already holds this state
        if reason in RISKY:
            return True, None
        age = now - newest.taken_at
        if dt.timedelta(0) <= age < self.min_interval:
            return False, SkipReason.TOO_RECENT
        if reason == Reason.DAILY and age >= dt.timedelta(0) and _day(newest.taken_at) == _day(now):
            return False, SkipReason.TOO_RECENT  # one a day while open; closing makes its own
        return True, None

    def keep(self, now: dt.datetime, backups: Iterable[BackupFile]) -> set[Path]:
        """The ladder: which backups stay. A backup dated after ``now`` (a clock that was
        wrong) is kept, as nothing can be said of it."""
        ordered = sorted(backups, key=lambda b: b.sort_key, reverse=True)
        kept = {b.path for b in ordered[: self.recent]}
        kept |= {b.path for b in ordered if b.taken_at > now}
        today = _day(now)
        days = {today - dt.timedelta(days=i) for i in range(self.daily)}
        weeks = {_week(today) - dt.timedelta(weeks=i) for i in range(self.weekly)}
        months = {_add_months(_month(today), -i) for i in range(self.monthly)}
        for bucket_of, wanted in ((_day, days), (lambda t: _week(_day(t)), weeks), (lambda t: _month(_day(t)), months)):
            seen: set[dt.date] = set()
            for b in ordered:  # newest first: the first of each bucket is its newest
                bucket = bucket_of(b.taken_at)
                if bucket in wanted and bucket not in seen:
                    seen.add(bucket)
                    kept.add(b.path)
        return kept

    def plan(
        self, now: dt.datetime, existing: Sequence[BackupFile], *, reason: str = Reason.MANUAL, changed: bool = True
    ) -> BackupPlan:
        newest = max(existing, key=lambda b: b.sort_key) if existing else None
        create, skip = self.decide(now, newest, reason=reason, changed=changed)
        candidates = list(existing)
        if create:  # the one about to be made takes its place on the ladder
            candidates.append(BackupFile(Path("\0new"), now.astimezone(VIETNAM), str(reason), 1_000_000))
        kept = self.keep(now, candidates)
        return BackupPlan(
            create,
            skip,
            prune=tuple(b for b in existing if b.path not in kept),
            keep=tuple(b for b in existing if b.path in kept),
        )


DEFAULT_POLICY = BackupPolicy()


def _day(moment: dt.datetime) -> dt.date:
    return moment.astimezone(VIETNAM).date()


def _week(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _month(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _add_months(first: dt.date, months: int) -> dt.date:
    index = first.year * 12 + first.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)
