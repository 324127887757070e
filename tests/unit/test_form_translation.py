"""English texts of the shipped forms: kept beside the definition (its hash never changes),
complete, and used by the engine's messages and the command line; documents stay Vietnamese."""

from __future__ import annotations

import hashlib
import io
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

from forms.definition import (
    BUILTIN_DIR,
    DefinitionError,
    FormDefinition,
    builtin_definitions,
    parse_definition,
)
from forms.engine import evaluate
from forms.problems import Draft, build_problems
from forms.translation import TRANSLATIONS_DIR, localized, read_translation, translation_path
from reports.cli.main import main
from reports.sample import fill_sample
from reports.storage.unit import Role, Unit
from reports.workspace import Workspace

# Shipped definitions without English texts yet: they show Vietnamese in English mode. Taking one
# off this list is the way to add its translation (the test below then checks it is complete).
UNTRANSLATED = {"tu-cham-diem-xa@2"}

COMMUNE = Unit(
    role=Role.COMMUNE,
    code="26734",
    name="Xã Tân Phú",
    province_name="Tỉnh Đồng Nai",
    province_code="75",
    reviewer_code="75",
    reviewer_name="Sở Nội vụ tỉnh Đồng Nai",
)


def monthly() -> FormDefinition:
    return next(d for d in builtin_definitions() if d.id == "cchc-xa")


def missing_english(d: FormDefinition) -> Iterator[str]:
    """Every text an official reads on screen that has no English one."""
    if not d.title_en:
        yield "title"
    for s in d.sections:
        if not s.title_en:
            yield f"sections.{s.id}.title"
        if s.intro and not s.intro_en:
            yield f"sections.{s.id}.intro"
        for f in s.fields:
            where = f"fields.{f.id}"
            for key in ("label", "help", "unit", "group"):
                if getattr(f, key) and not getattr(f, f"{key}_en"):
                    yield f"{where}.{key}"
            yield from (f"{where}.options.{o.value}" for o in f.options if not o.label_en)
            for c in f.columns:
                if not c.label_en:
                    yield f"{where}.columns.{c.id}.label"
                if c.unit and not c.unit_en:
                    yield f"{where}.columns.{c.id}.unit"
                yield from (f"{where}.columns.{c.id}.options.{o.value}" for o in c.options if not o.label_en)


@pytest.mark.parametrize("d", builtin_definitions(), ids=lambda d: d.key)
def test_every_shipped_text_has_its_english(d: FormDefinition) -> None:
    if d.key in UNTRANSLATED:
        assert not translation_path(d.id, d.version).exists(), (
            f"{d.key} is translated: take it off UNTRANSLATED"
        )
        return
    assert list(missing_english(d)) == []


def test_the_translations_are_for_the_exact_text_and_leave_its_hash_alone() -> None:
    files = sorted(TRANSLATIONS_DIR.glob("*.toml"))
    assert files, "no translation shipped"
    by_key = {d.key: d for d in builtin_definitions()}
    for path in files:
        t = read_translation(path)
        d = by_key[f"{t.form}@{t.version}"]
        source = BUILTIN_DIR / f"{t.form}-v{t.version}.toml"
        text = unicodedata.normalize("NFC", source.read_text(encoding="utf-8"))
        assert t.sha256 == d.sha256 == hashlib.sha256(text.encode("utf-8")).hexdigest()
        t.apply(d)  # raises on a field, section, group or option the definition does not have
    # The translations folder is not a definition: the shipped list is unchanged.
    assert {d.key for d in builtin_definitions()} == {"cchc-xa@1", "tu-cham-diem-xa@1", "tu-cham-diem-xa@2"}


def test_a_translation_naming_a_field_the_form_lacks_is_refused(tmp_path: Path) -> None:
    d = monthly()
    text = translation_path(d.id, d.version).read_text(encoding="utf-8")
    bad = tmp_path / "bad.en.toml"
    bad.write_text(text + '\n[fields.no_such_field]\nlabel = "Nothing"\n', encoding="utf-8")
    with pytest.raises(DefinitionError, match="no_such_field"):
        read_translation(bad).apply(d)


def test_another_text_under_the_same_id_and_version_stays_vietnamese() -> None:
    source = (BUILTIN_DIR / "cchc-xa-v1.toml").read_text(encoding="utf-8")
    other = parse_definition(source + "\n# a province's copy, one comment longer\n")
    assert other.key == "cchc-xa@1" and other.sha256 != monthly().sha256
    assert other.field("tthc_received_total").label_en == ""


def test_localized_shows_english_and_keeps_identity() -> None:
    d = monthly()
    en = localized(d, "en")
    assert en.sha256 == d.sha256 and en.key == d.key
    f = en.field("tthc_received_total")
    assert (f.label, f.unit, f.group) == ("Total files received", "files", "Files received")
    assert en.section_of("tthc_received_total").title == "Administrative procedure reform"
    assert [o.label for o in en.field("plan_issued").options] == ["Yes", "No", "Not applicable"]
    assert en.field("tthc_by_domain").columns[0].label == "Domain"
    assert localized(d, "vi") is d
    # The Vietnamese the documents print is untouched.
    assert d.field("tthc_received_total").label == "Tổng số hồ sơ tiếp nhận"


def test_check_messages_name_fields_in_english() -> None:
    d = monthly()
    problems = build_problems(d, evaluate(d, {}), {}, lang="en")
    texts = {p.field_id: p.text for p in problems}
    assert "Total files received" in texts["tthc_received_total"]
    late = [texts["tthc_resolved_late"], texts["tthc_pending_overdue"]]
    assert late == [
        "“Files resolved — Of which: late” (part III) is empty. Fill it in before finalising the report.",
        "“Files pending — Of which: overdue” (part III) is empty. Fill it in before finalising the report.",
    ]
    draft = Draft(d, {}, "en")
    draft.edit("meetings_held", "two")
    assert draft.bad_labels() == ["Meetings and conferences on administrative reform"]


def run_cli(data: Path, *args: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--data-dir", str(data), *args], out=out, err=err)
    return code, out.getvalue() + err.getvalue()


def test_the_command_line_names_fields_in_its_language(tmp_path: Path) -> None:
    ws = Workspace.open(tmp_path / "xa")
    try:
        ws.initialise(COMMUNE)
        fill_sample(ws, months=1)
        report_id = ws.store.list()[0].id
    finally:
        ws.close()
    code, out = run_cli(tmp_path / "xa", "--lang", "en", "report", "show", str(report_id))
    assert code == 0 and "Total files received:" in out and "III. Administrative procedure reform" in out
    code, out = run_cli(tmp_path / "xa", "report", "show", str(report_id))
    assert code == 0 and "Tổng số hồ sơ tiếp nhận:" in out
    code, out = run_cli(tmp_path / "xa", "--lang", "en", "forms", "show", "cchc-xa")
    assert code == 0 and "Total files received" in out and "Tổng số hồ sơ" not in out


def test_a_definition_may_carry_its_own_english() -> None:
    source = (BUILTIN_DIR / "cchc-xa-v1.toml").read_text(encoding="utf-8")
    source = source.replace(
        'unit = "cuộc"\ngroup = "Chỉ đạo, điều hành"',
        'unit = "cuộc"\nunit_en = "meetings"\ngroup = "Chỉ đạo, điều hành"\ngroup_en = "Direction"',
        1,
    )
    d = parse_definition(source)
    f = d.field("meetings_held")
    assert (f.unit_en, f.group_en) == ("meetings", "Direction")
