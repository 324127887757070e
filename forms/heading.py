"""What a list shows of a form definition: its id, version, titles, kind and period kinds,
read without building and checking the whole definition.

The list of reports and the plan of the period's report name each form by its title; parsing
and checking a definition (hundreds of fields, rules and scoring methods, and the forms model
they need) cost a window's start some 25 ms per form. A stored definition was checked when it
was installed, and its heading is its root table: in TOML every key of the root table comes
before the first table header, so tomllib reads only that part of the text. The English title
comes from the shipped translation the same way (forms/translation.py applies the rest of it
when a definition is parsed).
"""

from __future__ import annotations

import logging
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from forms.periods import PeriodKind

log = logging.getLogger(__name__)

BUILTIN_DIR = Path(__file__).resolve().parent / "definitions"  # the shipped definitions
TRANSLATIONS_DIR = BUILTIN_DIR / "translations"
LANGUAGE = "en"

# A line that starts a table ("[a]", "[[a.b]]", indented or not). Outside a multi-line string
# or array such a line is always a table header; inside one, the text before it does not parse
# (the string or array is left open), and the whole text is read instead.
_TABLE_LINE = re.compile(r"^[ \t]*\[", re.MULTILINE)


@dataclass(frozen=True)
class FormHeading:
    id: str
    version: int
    title: str
    kind: str  # "report" or "scoring"
    period_kinds: tuple[PeriodKind, ...]
    title_en: str = ""  # from the definition or its shipped translation; empty: none

    @property
    def key(self) -> str:
        return f"{self.id}@{self.version}"


def root_keys(text: str) -> dict[str, Any]:
    """The keys a TOML document sets before its first table header, as ``tomllib.loads``
    reads them; when the text has to be read whole, its tables are there too. Raises
    ``tomllib.TOMLDecodeError`` as ``tomllib.loads`` does."""
    first = _TABLE_LINE.search(text)
    if first is not None:
        try:
            return tomllib.loads(text[: first.start()])
        except tomllib.TOMLDecodeError:
            pass  # the line is inside a multi-line string or array
    return tomllib.loads(text)


def translation_path(form_id: str, version: int, lang: str = LANGUAGE) -> Path:
    return TRANSLATIONS_DIR / f"{form_id}-v{version}.{lang}.toml"


def read_heading(text: str, sha256: str) -> FormHeading:
    """The heading of a stored (already checked) definition; ``sha256`` is its text's hash,
    which a shipped translation must name to apply."""
    data = root_keys(unicodedata.normalize("NFC", text))
    form_id, version = str(data["id"]), int(data["version"])
    title_en = _nfc(data.get("title_en", ""))
    return FormHeading(
        id=form_id,
        version=version,
        title=_nfc(data["title"]),
        kind=str(data.get("kind", "report")),
        period_kinds=tuple(PeriodKind(p) for p in data["period_kinds"]),
        title_en=shipped_title(form_id, version, sha256) or title_en,
    )


def shipped_title(form_id: str, version: int, sha256: str) -> str:
    """The English title of the shipped translation for this exact text, or ""."""
    path = translation_path(form_id, version)
    try:
        data = root_keys(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return ""
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        log.warning("the translation %s cannot be read; the form stays Vietnamese", path, exc_info=True)
        return ""
    if (data.get("form"), data.get("version"), data.get("sha256")) != (form_id, version, sha256):
        return ""
    return _nfc(data.get("title", ""))


def _nfc(value: object) -> str:
    return unicodedata.normalize("NFC", str(value))
