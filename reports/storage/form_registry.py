"""The form definitions an installation knows: the shipped ones and those received.

A report keeps the exact (form id, version) it was made with, and the definition's source is
stored in the database, so a report opens the same way years later even after the shipped
file changed. A form version never changes: the same id and version with a different text
is refused.
"""

from __future__ import annotations

import sqlite_utils

from forms.definition import FormDefinition, parse_definition
from reports.errors import CchcError


class UnknownFormError(CchcError):
    code = "form.unknown"
    vi = "Không có biểu mẫu “{form}”. Xem danh sách bằng lệnh: cchc forms list"
    en = "There is no form “{form}”. List them with: cchc forms list"


class FormVersionConflictError(CchcError):
    code = "form.version_conflict"
    vi = "Biểu mẫu {form} phiên bản {version} đã có với nội dung khác. Một phiên bản biểu mẫu không được thay đổi; hãy tăng số phiên bản."
    en = "Form {form} version {version} already exists with different content. A form version never changes; raise the version number."
    exit_code = 1


class FormRegistry:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db
        self._cache: dict[tuple[str, int], FormDefinition] = {}

    def install_builtins(self, now: str) -> None:
        """Store the shipped definitions the database lacks. Parsing a definition costs
        milliseconds on every start, so files already stored (same text) are not parsed."""
        import hashlib
        import unicodedata

        from forms.definition import BUILTIN_DIR, load_definition

        stored = {r[0] for r in self._db.execute("SELECT sha256 FROM form_definitions").fetchall()}
        for path in sorted(BUILTIN_DIR.glob("*.toml")):
            text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
            if hashlib.sha256(text.encode("utf-8")).hexdigest() in stored:
                continue
            self.install(load_definition(path), now, quiet_if_same=True)

    def holds(self, sha256: str) -> bool:
        """Whether a definition with exactly this text (its SHA-256) is installed."""
        return self._db.execute("SELECT 1 FROM form_definitions WHERE sha256 = ?", (sha256,)).fetchone() is not None

    def install(self, d: FormDefinition, now: str, *, quiet_if_same: bool = True) -> bool:
        """Store a definition; True when it is new."""
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
        return True

    def get(self, form_id: str, version: int | None = None) -> FormDefinition:
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
