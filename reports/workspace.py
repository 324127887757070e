"""One installation, opened: the composition of the core's services for a data folder.

The CLI and the desktop both build a ``Workspace`` and call the same services through it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from forms.calendar import WorkingCalendar
from forms.periods import DeadlinePolicy, PeriodKind
from reports.actor import current_actor
from reports.backups.startup import ensure_sound
from reports.clock import Clock, iso, system_clock
from reports.errors import CchcError
from reports.files import write_atomic
from reports.paths import DataPaths
from reports.storage.database import Database, NotInitialisedError, ReadOnlyError, classify, connect
from reports.storage.form_registry import FormRegistry
from reports.storage.integrity import migration_pending
from reports.storage.migrations import migrate
from reports.storage.settings import REVIEWER_DEFAULTS, Settings
from reports.storage.store import ReportStore
from reports.storage.unit import AlreadyInitialisedError, Role, Unit, load_unit, save_unit

if TYPE_CHECKING:
    # cryptography costs tens of milliseconds to import: loaded when a key is first needed.
    from reports.signing.keys import KeyPair
    from reports.storage.evidence import EvidenceStore


@dataclass
class Workspace:
    paths: DataPaths
    db: Database
    settings: Settings
    forms: FormRegistry
    clock: Clock = system_clock
    actor: str = field(default_factory=current_actor)
    _store: ReportStore | None = None
    _installation_key: KeyPair | None = None
    _calendar: tuple[str, WorkingCalendar] | None = None

    @classmethod
    def open(cls, data_dir: Path, *, clock: Clock = system_clock, actor: str | None = None,
             checked: bool = False) -> Workspace:
        """``checked``: the caller has just run the start-up check (``check_at_start``) and
        found the file sound (the window's database worker), so it is not run twice."""
        paths = DataPaths(Path(data_dir))
        try:
            paths.ensure()
        except PermissionError as exc:
            raise ReadOnlyError(path=str(paths.root)) from exc
        except OSError as exc:
            raise ReadOnlyError(path=str(paths.root)) from exc
        # A damaged file is refused with the offer of the newest good backup, and an older
        # database is backed up before a migration changes it.
        if not checked:
            ensure_sound(paths)
        if migration_pending(paths.database):
            # Imported only then: most opens find nothing to migrate, and the backup machinery
            # is a good part of a command's start.
            from reports.backups.backup import backup_before_migration

            backup_before_migration(paths, clock())
        db = connect(paths.database)
        try:
            migrate(db, str(paths.database))
            forms = FormRegistry(db)
            with db.atomic():
                forms.install_builtins(iso(clock()))
        except sqlite3.Error as exc:
            known = classify(exc, paths.database)
            db.close()
            if known:
                raise known from exc
            raise
        except CchcError:
            db.close()
            raise
        ws = cls(paths=paths, db=db, settings=Settings(db), forms=forms, clock=clock)
        if actor:
            ws.actor = actor
        return ws

    def close(self) -> None:
        self.db.close()

    # ------------------------------------------------------------ the unit

    @property
    def unit(self) -> Unit | None:
        return load_unit(self.db)

    @property
    def is_demo(self) -> bool:
        """A demo installation ("try with sample data", reports/demo.py): never real figures."""
        return self.paths.is_demo

    def require_unit(self) -> Unit:
        unit = self.unit
        if unit is None:
            raise NotInitialisedError(path=str(self.paths.root))
        return unit

    def initialise(self, unit: Unit, *, replace: bool = False) -> Unit:
        """Set up the unit and make the installation key that signs its packages."""
        existing = self.unit
        if existing is not None and not replace:
            raise AlreadyInitialisedError(name=existing.name, code=existing.code)
        with self.db.atomic():
            save_unit(self.db, unit, iso(self.clock()))
            if unit.role is Role.REVIEWER:  # the Department's documents are not copied to a commune's bodies
                for key, value in REVIEWER_DEFAULTS.items():
                    self.settings.set_if_unset(key, value)
        if not self.paths.installation_key.exists():
            from reports.signing.keys import INSTALLATION_MARK, create_key_pair

            pair = create_key_pair(
                f"{unit.name} - {INSTALLATION_MARK}"[:64], unit.name, unit.code, algorithm="rsa", mark=INSTALLATION_MARK
            )
            write_atomic(self.paths.installation_key, pair.to_p12(None, "installation"), private=True)
        self._store = None
        return unit

    def update_unit(self, **changes: object) -> Unit:
        unit = self.require_unit().updated(**changes)
        with self.db.atomic():
            save_unit(self.db, unit, iso(self.clock()))
        self._store = None
        return unit

    @property
    def installation_key(self) -> KeyPair:
        if self._installation_key is None:
            from reports.signing.keys import load_p12_file

            self.require_unit()
            self._installation_key = load_p12_file(self.paths.installation_key, None)
        return self._installation_key

    # ------------------------------------------------------------ services

    def calendar(self) -> WorkingCalendar:
        """The working-day calendar in use; re-read only when a calendar file was installed."""
        from reports.storage.calendars import calendar_in_use, calendars_stamp

        stamp = calendars_stamp(self.db)
        if self._calendar is None or self._calendar[0] != stamp:
            self._calendar = (stamp, calendar_in_use(self.db))
        return self._calendar[1]

    def policy(self) -> DeadlinePolicy:
        s = self.settings
        return DeadlinePolicy(
            cutoff_day=s.get("cutoff_day"),
            working_days_after_cutoff=s.get("deadline_working_days"),
            deadline_day=s.get("deadline_day") or None,
            calendar=self.calendar(),
        )

    def period_kind(self) -> PeriodKind:
        return PeriodKind(self.settings.get("period_kind"))

    @property
    def store(self) -> ReportStore:
        if self._store is None:
            from reports.par_index.wiring import attach

            self._store = ReportStore(
                self.db, self.forms, self.require_unit(), actor=self.actor, clock=self.clock, policy=self.policy()
            )
            attach(self._store, lambda: self.evidence_files)
        else:
            self._store.policy = self.policy()
        return self._store

    @property
    def evidence_files(self) -> EvidenceStore:
        from reports.storage.evidence import EvidenceStore  # a scoring report's; not at every start

        return EvidenceStore(self.db, self.paths.evidence, actor=self.actor)
