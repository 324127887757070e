"""The form definitions an installation knows: the shipped ones and those received.

Each definition has an origin: ``builtin`` (shipped with the program), ``province`` (a reviewer
installed it: ``cchc forms install``), ``reviewer`` (a commune received it from its bound
reviewer) or ``commune`` (a reviewer received it in a commune's package before format 1.1:
kept so that the reports made on it still open, never published or accepted for new reports).
A reviewer publishes a definition (``published_at``) and it travels to communes with feedback.

A report keeps the exact (form id, version) it was made with, and the definition's source is
stored in the database, so a report opens the same way years later even after the shipped
file changed. A form version never changes: the same id and version with a different text
is refused.
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from typing import TYPE_CHECKING

from forms.heading import FormHeading, read_heading
from reports.errors import CchcError
from reports.storage.database import Database

if TYPE_CHECKING:
    # Parsing and checking a definition needs the forms model, scoring and expressions: loaded
    # when a definition is first wanted, not by a start that lists reports by their headings.
    from forms.definition import FormDefinition


class UnknownFormError(CchcError):
    code = "form.unknown"
    vi = "Không có biểu mẫu “{form}”. Xem danh sách bằng lệnh: cchc forms list"
    en = "There is no form “{form}”. List them with: cchc forms list"


class DefinitionInvalidError(CchcError):
    code = "form.definition_invalid"
    vi = "Tệp định nghĩa biểu mẫu {file} có lỗi ở dòng {line}: {where}: {reason}. Hãy sửa tệp rồi làm lại."
    en = "The form definition {file} has an error at line {line}: {where}: {reason}. Fix the file and try again."
    exit_code = 1


class FormVersionConflictError(CchcError):
    code = "form.version_conflict"
    vi = "Biểu mẫu {form} phiên bản {version} đã có với nội dung khác. Một phiên bản biểu mẫu không được thay đổi; hãy tăng số phiên bản."
    en = "Form {form} version {version} already exists with different content. A form version never changes; raise the version number."
    exit_code = 1


@dataclass(frozen=True)
class HeldDefinition:
    form_id: str
    version: int
    sha256: str
    origin: str  # builtin / province / reviewer / commune
    published_at: str | None


class FormRegistry:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._cache: dict[tuple[str, int], FormDefinition] = {}
        self._headings: dict[tuple[str, int], FormHeading] = {}

    def install_builtins(self, now: str) -> None:
        """Store the shipped definitions the database lacks. Parsing a definition costs
        milliseconds on every start, so files already stored (same text) are not parsed; the
        texts are compared as they are (hashing them would load OpenSSL at every start)."""
        import unicodedata

        from forms.heading import BUILTIN_DIR

        for path in sorted(BUILTIN_DIR.glob("*.toml")):
            text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
            if self._db.execute("SELECT 1 FROM form_definitions WHERE source = ? LIMIT 1", (text,)).fetchone():
                continue
            from forms.definition import load_definition

            self.install(load_definition(path), now, quiet_if_same=True)

    def holds(self, sha256: str) -> bool:
        """Whether a definition with exactly this text (its SHA-256) is installed."""
        return self._db.execute("SELECT 1 FROM form_definitions WHERE sha256 = ?", (sha256,)).fetchone() is not None

    def install(self, d: FormDefinition, now: str, *, quiet_if_same: bool = True, origin: str = "builtin") -> bool:
        """Store a definition; True when it is new. ``(id, version)`` never changes text."""
        row = self._db.execute(
            "SELECT sha256 FROM form_definitions WHERE form_id = ? AND version = ?", (d.id, d.version)
        ).fetchone()
        if row is not None:
            if row[0] != d.sha256:
                raise FormVersionConflictError(form=d.id, version=d.version)
            return False
        self._db.execute(
            "INSERT INTO form_definitions (form_id, version, title, kind, source, sha256, installed_at) VALUES (?,?,?,?,?,?,?)",
            (d.id, d.version, d.title, d.kind, d.source_text, d.sha256, now),
        )
        if origin != "builtin":  # the column's default (and a database older than m005 has no column)
            self.set_origin(d.id, d.version, origin)
        return True

    def held(self, form_id: str, version: int) -> HeldDefinition | None:
        """The stored hash, origin and publication of one definition, without parsing it."""
        row = self._db.execute(
            "SELECT sha256, origin, published_at FROM form_definitions WHERE form_id = ? AND version = ?",
            (form_id, version),
        ).fetchone()
        return HeldDefinition(form_id, version, row[0], row[1], row[2]) if row else None

    def all_held(self) -> builtins.list[HeldDefinition]:
        rows = self._db.execute(
            "SELECT form_id, version, sha256, origin, published_at FROM form_definitions ORDER BY form_id, version"
        ).fetchall()
        return [HeldDefinition(*r) for r in rows]

    def set_origin(self, form_id: str, version: int, origin: str) -> None:
        self._db.execute(
            "UPDATE form_definitions SET origin = ? WHERE form_id = ? AND version = ?", (origin, form_id, version)
        )

    def mark_published(self, form_id: str, version: int, now: str) -> None:
        self._db.execute(
            "UPDATE form_definitions SET published_at = COALESCE(published_at, ?) WHERE form_id = ? AND version = ?",
            (now, form_id, version),
        )

    def published_sources(self) -> builtins.list[tuple[str, int, str]]:
        """(id, version, source) of every published definition, for the next feedback packages."""
        rows = self._db.execute(
            "SELECT form_id, version, source FROM form_definitions WHERE published_at IS NOT NULL"
            " ORDER BY form_id, version"
        ).fetchall()
        return [(r[0], int(r[1]), r[2]) for r in rows]

    def get(self, form_id: str, version: int | None = None) -> FormDefinition:
        from forms.definition import parse_definition

        if version is None:
            version = self.latest_version(form_id)
        key = (form_id, version)
        if key not in self._cache:
            row = self._db.execute(
                "SELECT source FROM form_definitions WHERE form_id = ? AND version = ?", key
            ).fetchone()
            if row is None:
                raise UnknownFormError(form=f"{form_id}@{version}")
            self._cache[key] = parse_definition(row[0], source=f"{form_id}@{version}")
        return self._cache[key]

    def heading(self, form_id: str, version: int | None = None) -> FormHeading:
        """The id, titles, kind and period kinds of a definition (what a list shows), without
        parsing the whole definition (forms/heading.py)."""
        if version is None:
            version = self.latest_version(form_id)
        key = (form_id, version)
        if key not in self._headings:
            parsed = self._cache.get(key)
            if parsed is not None:
                heading = FormHeading(parsed.id, parsed.version, parsed.title, parsed.kind, parsed.period_kinds,
                                      parsed.title_en)
            else:
                row = self._db.execute(
                    "SELECT source, sha256 FROM form_definitions WHERE form_id = ? AND version = ?", key
                ).fetchone()
                if row is None:
                    raise UnknownFormError(form=f"{form_id}@{version}")
                heading = read_heading(row[0], row[1])
            self._headings[key] = heading
        return self._headings[key]

    def latest_version(self, form_id: str) -> int:
        row = self._db.execute("SELECT MAX(version) FROM form_definitions WHERE form_id = ?", (form_id,)).fetchone()
        if row is None or row[0] is None:
            raise UnknownFormError(form=form_id)
        return int(row[0])

    def list(self) -> list[FormDefinition]:
        keys = self._db.execute("SELECT form_id, version FROM form_definitions ORDER BY form_id, version").fetchall()
        return [self.get(k[0], k[1]) for k in keys]

    def source(self, form_id: str, version: int) -> str:
        return self.get(form_id, version).source_text
