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

# Every shipped definition has its English texts: a new one is not shipped without them (the
# test below checks each is complete, criteria sets' levels, guides, evidence and bands included).

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
    for b in d.scoring.bands if d.scoring else ():
        if not b.label_en:
            yield f"bands.{b.code}"
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
            if f.method.guide and not f.method.guide_en:
                yield f"{where}.guide"
            yield from (f"{where}.levels.{lv.label}" for lv in f.method.levels if not lv.label_en)
            if f.evidence is not None and f.evidence.documents and not f.evidence.documents_en:
                yield f"{where}.evidence"
            for c in f.columns:
                if not c.label_en:
                    yield f"{where}.columns.{c.id}.label"
                if c.unit and not c.unit_en:
                    yield f"{where}.columns.{c.id}.unit"
                yield from (f"{where}.columns.{c.id}.options.{o.value}" for o in c.options if not o.label_en)


@pytest.mark.parametrize("d", builtin_definitions(), ids=lambda d: d.key)
def test_every_shipped_text_has_its_english(d: FormDefinition) -> None:
    assert translation_path(d.id, d.version).exists() or d.title_en, f"{d.key} has no English"
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


def criteria_v2() -> FormDefinition:
    return next(d for d in builtin_definitions() if d.key == "tu-cham-diem-xa@2")


def test_a_criteria_set_shows_its_levels_guides_evidence_and_bands_in_english() -> None:
    d = criteria_v2()
    en = localized(d, "en")
    assert en.sha256 == d.sha256
    plan = en.field("s1_plan_on_time")
    assert plan.label == "Annual administrative reform plan issued on time"
    assert [lv.label for lv in plan.method.levels] == [
        "Issued before 31/12 of the previous year", "Issued late", "Not issued"]
    assert [lv.points for lv in plan.method.levels] == [lv.points for lv in d.field("s1_plan_on_time").method.levels]
    assert plan.evidence is not None and plan.evidence.documents.startswith("The commune People's Committee's")
    assert plan.evidence.mandatory and plan.evidence.deadline == d.field("s1_plan_on_time").evidence.deadline  # type: ignore[union-attr]
    assert en.field("s3_tthc_on_time").method.guide.startswith("Σ(ahead of time + on time)")
    assert en.field("s3_tthc_on_time").method.formula == d.field("s3_tthc_on_time").method.formula
    assert en.field("s3_one_stop").group == "3.4. One-stop shop"
    assert en.scoring is not None and [b.label for b in en.scoring.bands] == [
        "Excellent", "Good", "Fairly good", "Average", "Weak"]
    # The Vietnamese the documents print is untouched.
    assert d.field("s1_plan_on_time").method.levels[1].label == "Ban hành chậm"
    assert d.scoring is not None and d.scoring.bands[0].label == "Xuất sắc"


def test_a_level_is_typed_by_its_name_in_the_screens_language() -> None:
    d = criteria_v2()
    draft = Draft(localized(d, "en"), {}, "en")
    draft.edit("s1_plan_on_time", "issued late")
    assert draft.bad_labels() == []
    draft.edit("s1_plan_on_time", "1.5")  # not a level: the message lists the English ones
    assert "Issued late — 1" in draft.bad["s1_plan_on_time"]
    vi = Draft(d, {}, "vi")
    vi.edit("s1_plan_on_time", "Ban hành chậm")
    assert vi.bad_labels() == []


def test_a_translation_naming_a_level_the_criterion_lacks_is_refused(tmp_path: Path) -> None:
    d = criteria_v2()
    text = translation_path(d.id, d.version).read_text(encoding="utf-8")
    bad = tmp_path / "bad.en.toml"
    bad.write_text(text.replace('"Ban hành chậm" = ', '"Ban hành muộn" = ', 1), encoding="utf-8")
    with pytest.raises(DefinitionError, match="Ban hành muộn"):
        read_translation(bad).apply(d)
    bad.write_text(text.replace("xuat_sac = ", "gioi = ", 1), encoding="utf-8")
    with pytest.raises(DefinitionError, match=r"bands\.gioi"):
        read_translation(bad).apply(d)
