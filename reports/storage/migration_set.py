"""A numbered set of schema migrations and the record of those applied.

The record is the table sqlite-utils' ``Migrations`` kept (``_sqlite_migrations``: id,
migration_set, name, applied_at; unique on set and name), so databases made before this module
replaced it migrate on as before, and a database made now opens in an older program.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from reports.storage.database import Database

TABLE = "_sqlite_migrations"
Migration = Callable[[Database], None]


@dataclass(frozen=True)
class Step:
    name: str
    fn: Migration


class MigrationSet:
    def __init__(self, name: str) -> None:
        self.name = name
        self.steps: list[Step] = []

    def __call__(self) -> Callable[[Migration], Migration]:
        """Register the decorated function as the next migration, under its own name."""

        def register(fn: Migration) -> Migration:
            if any(step.name == fn.__name__ for step in self.steps):
                raise ValueError(f"migration {fn.__name__} is registered twice")
            self.steps.append(Step(fn.__name__, fn))
            return fn

        return register

    def names(self) -> list[str]:
        return [step.name for step in self.steps]

    def applied(self, db: Database) -> list[str]:
        """The names applied to ``db``, in the order they were applied (read-only)."""
        if not db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (TABLE,)).fetchone():
            return []
        rows = db.execute(f"SELECT name FROM {TABLE} WHERE migration_set = ? ORDER BY rowid", (self.name,))
        return [str(r[0]) for r in rows]

    def pending(self, db: Database) -> list[str]:
        done = set(self.applied(db))
        return [name for name in self.names() if name not in done]

    def apply(self, db: Database, *, stop_before: str | None = None) -> None:
        """Apply the pending migrations in order, each with its record in one transaction
        (a failing one leaves no trace and stays pending); stop before ``stop_before``."""
        if stop_before is not None and stop_before in self.applied(db):
            raise ValueError(f"cannot stop before {stop_before}: it is applied already")
        # Spelled as sqlite-utils spelled them, so every installation's schema reads the same.
        db.execute(f'CREATE TABLE IF NOT EXISTS "{TABLE}" (\n   "id" INTEGER PRIMARY KEY,\n   "migration_set" TEXT,'
                   '\n   "name" TEXT,\n   "applied_at" TEXT\n)')
        db.execute(f'CREATE UNIQUE INDEX IF NOT EXISTS "idx_{TABLE}_migration_set_name"\n    ON "{TABLE}"'
                   ' ("migration_set", "name")')
        pending = set(self.pending(db))
        for step in self.steps:
            if step.name == stop_before:
                return
            if step.name not in pending:
                continue
            with db.atomic():
                step.fn(db)
                db.execute(f"INSERT INTO {TABLE} (migration_set, name, applied_at) VALUES (?, ?, ?)",
                           (self.name, step.name, str(dt.datetime.now(dt.UTC))))
