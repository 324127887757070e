"""The numbered schema migrations, applied by sqlite-utils' ``Migrations``.

sqlite-utils runs each pending migration and writes its record (the ``_sqlite_migrations``
table: id, migration_set, name, applied_at) in one transaction, so a failing migration leaves
no trace and stays pending. Importing sqlite-utils costs 35–100 ms (its large ``db`` module,
click), which every command and every start of the window would pay, although a database is
behind only on the first start and after an upgrade. So the names already applied are read
here with one query of sqlite-utils' own table, and sqlite-utils is imported only when
something is pending. The migration functions take the storage modules' ``Database`` handle,
on the same connection sqlite-utils holds the transaction on.
"""

from __future__ import annotations

from collections.abc import Callable

from reports.storage.database import Database

TABLE = "_sqlite_migrations"  # sqlite-utils' Migrations.migrations_table
Migration = Callable[[Database], None]


class MigrationSet:
    def __init__(self, name: str) -> None:
        self.name = name
        self.functions: list[Migration] = []

    def __call__(self) -> Callable[[Migration], Migration]:
        """Register the decorated function as the next migration, under its own name."""

        def register(fn: Migration) -> Migration:
            if fn.__name__ in self.names():
                raise ValueError(f"migration {fn.__name__} is registered twice")
            self.functions.append(fn)
            return fn

        return register

    def names(self) -> list[str]:
        return [fn.__name__ for fn in self.functions]

    def applied(self, db: Database) -> list[str]:
        """The names applied to ``db``, in the order they were applied (read-only), as
        ``Migrations.applied`` reads them."""
        if not db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (TABLE,)).fetchone():
            return []
        rows = db.execute(f"SELECT name FROM {TABLE} WHERE migration_set = ? ORDER BY rowid", (self.name,))
        return [str(r[0]) for r in rows]

    def pending(self, db: Database) -> list[str]:
        done = set(self.applied(db))
        return [name for name in self.names() if name not in done]

    def apply(self, db: Database, *, stop_before: str | None = None) -> None:
        """Apply the pending migrations in order with sqlite-utils; stop before ``stop_before``."""
        import sqlite_utils

        engine = sqlite_utils.Migrations(self.name)
        for fn in self.functions:
            engine(name=fn.__name__)(_on_handle(fn, db))
        # The connection's settings stay ours: no recursive-triggers pragma, no plugins.
        engine.apply(sqlite_utils.Database(db.conn, recursive_triggers=False, execute_plugins=False),
                     stop_before=stop_before)


def _on_handle(fn: Migration, db: Database) -> Callable[[object], None]:
    """``fn`` as sqlite-utils calls a migration (with its own database object), run on ``db``."""

    def migration(_utils_db: object) -> None:
        fn(db)

    migration.__name__ = fn.__name__
    return migration
