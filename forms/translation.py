"""English texts of a form definition, kept beside it rather than in it.

A shipped definition is held by the SHA-256 of its text (databases and packages name it so):
adding ``label_en`` to ``cchc-xa-v1.toml`` would make it another definition. Its English texts
live in ``definitions/translations/<id>-v<version>.en.toml``, keyed by section and field id,
and carry the hash of the text they translate; a definition with another text (a province's
own file under the same id and version cannot exist, but a hash is cheaper to check than to
argue about) is left untranslated. The texts are merged into the ``*_en`` attributes when a
definition is parsed; ``sha256`` and ``key`` do not change, and documents keep Vietnamese.

``localized(definition, "en")`` is the copy the screen shows: every Vietnamese text replaced by
its English one where there is one, so a widget that reads ``field.label`` needs no language.
"""

from __future__ import annotations

import functools
import logging
import tomllib
import unicodedata
from dataclasses import replace
from pathlib import Path
from typing import Any

from forms.heading import LANGUAGE, TRANSLATIONS_DIR, translation_path
from forms.model import Choice, Column, DefinitionError, Field, FormDefinition, Section
from forms.scoring import Band, EvidenceRequirement, Level, ScoringMethod, ScoringRules

log = logging.getLogger(__name__)

__all__ = ["LANGUAGE", "TRANSLATIONS_DIR", "Translation", "localized", "read_translation", "translation_path",
           "with_translations"]


class Translation:
    """One translation file, checked: every key it names exists in the definition."""

    def __init__(self, data: dict[str, Any], source: str) -> None:
        self.source = source
        self.data = data
        self.form = _text(data, "form", source)
        self.version = data.get("version")
        self.sha256 = _text(data, "sha256", source)
        self.title = str(data.get("title", ""))
        self.groups: dict[str, str] = {str(k): str(v) for k, v in data.get("groups", {}).items()}
        self.sections: dict[str, dict[str, Any]] = dict(data.get("sections", {}))
        self.fields: dict[str, dict[str, Any]] = dict(data.get("fields", {}))
        self.bands: dict[str, str] = {str(k): str(v) for k, v in data.get("bands", {}).items()}
        unknown = set(data) - {"form", "version", "sha256", "title", "groups", "sections", "fields", "bands"}
        if unknown:
            raise DefinitionError(source, sorted(unknown)[0], "is not a key of a translation")

    def applies_to(self, d: FormDefinition) -> bool:
        return (self.form, self.version, self.sha256) == (d.id, d.version, d.sha256)

    def apply(self, d: FormDefinition) -> FormDefinition:
        """The definition with its ``*_en`` texts filled in; raises on a key it does not have."""
        fields = {f.id: f for f in d.iter_fields()}
        sections = {s.id: s for s in d.sections}
        for fid in self.fields:
            if fid not in fields:
                raise DefinitionError(self.source, f"fields.{fid}", "is not a field of the definition")
        for sid in self.sections:
            if sid not in sections:
                raise DefinitionError(self.source, f"sections.{sid}", "is not a section of the definition")
        groups = {f.group for f in fields.values() if f.group}
        for g in self.groups:
            if g not in groups:
                raise DefinitionError(self.source, f"groups.{g}", "is not a group of the definition")
        new_sections = tuple(self._section(s) for s in d.sections)
        return replace(d, sections=new_sections, title_en=self.title or d.title_en, scoring=self._rules(d.scoring))

    def _rules(self, rules: ScoringRules | None) -> ScoringRules | None:
        codes = {b.code for b in rules.bands} if rules else set()
        for code in self.bands:
            if code not in codes:
                raise DefinitionError(self.source, f"bands.{code}", "is not a band of the criteria set")
        if rules is None:
            return None
        return replace(rules, bands=tuple(replace(b, label_en=self.bands.get(b.code, b.label_en)) for b in rules.bands))

    def _section(self, s: Section) -> Section:
        t = self._keys(self.sections.get(s.id, {}), f"sections.{s.id}", {"title", "intro"})
        return replace(
            s,
            title_en=t.get("title", s.title_en),
            intro_en=t.get("intro", s.intro_en),
            fields=tuple(self._field(f) for f in s.fields),
        )

    def _field(self, f: Field) -> Field:
        where = f"fields.{f.id}"
        t = self._keys(
            self.fields.get(f.id, {}), where, {"label", "help", "unit", "options", "columns", "guide", "levels", "evidence"}
        )
        columns = t.get("columns", {})
        for cid in columns:
            if cid not in {c.id for c in f.columns}:
                raise DefinitionError(self.source, f"{where}.columns.{cid}", "is not a column of the field")
        return replace(
            f,
            label_en=t.get("label", f.label_en),
            help_en=t.get("help", f.help_en),
            unit_en=t.get("unit", f.unit_en),
            group_en=self.groups.get(f.group, f.group_en),
            options=self._options(f.options, t.get("options", {}), where),
            columns=tuple(
                self._column(c, columns.get(c.id, {}), f"{where}.columns.{c.id}") for c in f.columns
            ),
            method=self._method(f.method, t, where),
            evidence=self._evidence(f.evidence, t, where),
        )

    def _method(self, m: ScoringMethod, t: dict[str, Any], where: str) -> ScoringMethod:
        """A sub-criterion's guide and its levels (keyed by their Vietnamese label, as groups are)."""
        levels: dict[str, Any] = t.get("levels", {})
        for label in levels:
            if label not in {lv.label for lv in m.levels}:
                raise DefinitionError(self.source, f"{where}.levels.{label}", "is not a level of the sub-criterion")
        if "guide" in t and not m.guide:
            raise DefinitionError(self.source, f"{where}.guide", "the sub-criterion has no guide")
        return replace(
            m,
            guide_en=str(t.get("guide", m.guide_en)),
            levels=tuple(replace(lv, label_en=str(levels.get(lv.label, lv.label_en))) for lv in m.levels),
        )

    def _evidence(self, e: EvidenceRequirement | None, t: dict[str, Any], where: str) -> EvidenceRequirement | None:
        if "evidence" not in t:
            return e
        if e is None or not e.documents:
            raise DefinitionError(self.source, f"{where}.evidence", "the sub-criterion names no evidence")
        return replace(e, documents_en=str(t["evidence"]))

    def _column(self, c: Column, t: dict[str, Any], where: str) -> Column:
        t = self._keys(t, where, {"label", "unit", "options"})
        return replace(
            c,
            label_en=t.get("label", c.label_en),
            unit_en=t.get("unit", c.unit_en),
            options=self._options(c.options, t.get("options", {}), where),
        )

    def _options(self, options: tuple[Choice, ...], t: dict[str, Any], where: str) -> tuple[Choice, ...]:
        for value in t:
            if value not in {o.value for o in options}:
                raise DefinitionError(
                    self.source, f"{where}.options.{value}", "is not an option of the field"
                )
        return tuple(replace(o, label_en=str(t.get(o.value, o.label_en))) for o in options)

    def _keys(self, t: dict[str, Any], where: str, allowed: set[str]) -> dict[str, Any]:
        unknown = set(t) - allowed
        if unknown:
            raise DefinitionError(self.source, f"{where}.{sorted(unknown)[0]}", "is not a translatable key")
        return t


def _text(data: dict[str, Any], key: str, source: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value:
        raise DefinitionError(source, key, "is missing")
    return value


def _nfc(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return {_nfc(k): _nfc(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_nfc(v) for v in value]
    return value


def read_translation(path: Path) -> Translation:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise DefinitionError(str(path), "syntax", str(exc)) from exc
    return Translation(_nfc(data), str(path))


@functools.cache
def _shipped(form_id: str, version: int) -> Translation | None:
    path = translation_path(form_id, version)
    if not path.exists():
        return None
    try:
        return read_translation(path)
    except (OSError, DefinitionError):
        log.warning("the translation %s cannot be read; the form stays Vietnamese", path, exc_info=True)
        return None


def with_translations(d: FormDefinition) -> FormDefinition:
    """``d`` with the English texts of its shipped translation, when one is for its exact text."""
    t = _shipped(d.id, d.version)
    if t is None or not t.applies_to(d):
        return d
    try:
        return t.apply(d)
    except DefinitionError:
        log.warning(
            "the translation %s does not fit %s; the form stays Vietnamese", t.source, d.key, exc_info=True
        )
        return d


def localized(d: FormDefinition, lang: str) -> FormDefinition:
    """What the screen shows in ``lang``: Vietnamese texts replaced by their English ones where
    there are some (the rest stays Vietnamese). Never for documents: they are Vietnamese."""
    if lang != LANGUAGE:
        return d
    return replace(
        d,
        title=d.title_en or d.title,
        scoring=_localized_rules(d.scoring),
        sections=tuple(
            replace(
                s,
                title=s.title_en or s.title,
                intro=s.intro_en or s.intro,
                fields=tuple(_localized_field(f) for f in s.fields),
            )
            for s in d.sections
        ),
    )


def _localized_choices(options: tuple[Choice, ...]) -> tuple[Choice, ...]:
    return tuple(replace(o, label=o.label_en or o.label) for o in options)


def _localized_rules(rules: ScoringRules | None) -> ScoringRules | None:
    if rules is None:
        return None
    return replace(rules, bands=tuple(_localized_band(b) for b in rules.bands))


def _localized_band(b: Band) -> Band:
    return replace(b, label=b.label_en or b.label)


def _localized_level(lv: Level) -> Level:
    return replace(lv, label=lv.label_en or lv.label)


def _localized_method(m: ScoringMethod) -> ScoringMethod:
    if not (m.guide_en or m.levels):
        return m
    return replace(m, guide=m.guide_en or m.guide, levels=tuple(_localized_level(lv) for lv in m.levels))


def _localized_evidence(e: EvidenceRequirement | None) -> EvidenceRequirement | None:
    if e is None or not e.documents_en:
        return e
    return replace(e, documents=e.documents_en)


def _localized_field(f: Field) -> Field:
    return replace(
        f,
        method=_localized_method(f.method),
        evidence=_localized_evidence(f.evidence),
        label=f.label_en or f.label,
        help=f.help_en or f.help,
        unit=f.unit_en or f.unit,
        group=f.group_en or f.group,
        options=_localized_choices(f.options),
        columns=tuple(
            replace(
                c,
                label=c.label_en or c.label,
                unit=c.unit_en or c.unit,
                options=_localized_choices(c.options),
            )
            for c in f.columns
        ),
    )
