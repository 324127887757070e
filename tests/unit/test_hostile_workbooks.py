"""Workbooks someone else made, hostile or damaged, at each place the program reads one: the
one-stop shop's statistics for Part III, a province's criteria set, and the shared opener the
survey import uses too (its command is tested in tests/e2e/test_par_year.py). Each is refused
with the reader's own worded error — never a traceback, an entity expanded, a local file read,
or gigabytes unpacked."""

from __future__ import annotations

from pathlib import Path

import pytest

from forms.definition import builtin_definitions
from forms.model import FormDefinition
from reports import workbooks
from reports.appraisal.criteria_import import read_template
from reports.appraisal.criteria_sheet import NotAWorkbookError
from reports.appraisal.criteria_template import write_template
from reports.intake import part3
from reports.intake.table_file import IntakeFileError
from tests.unit.part3_files import form06_xlsx
from tests.unit.workbook_attacks import ATTACKS, attack


@pytest.fixture(autouse=True)
def small_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    # The attack files unpack to 8 MiB, not gigabytes: the limit comes down to 4 MiB to match.
    monkeypatch.setattr(workbooks, "MAX_UNPACKED", 4 << 20)


@pytest.fixture(scope="module")
def criteria_set() -> FormDefinition:
    return max((d for d in builtin_definitions() if d.kind == "scoring"), key=lambda d: d.version)


def test_the_good_files_are_read(tmp_path: Path, criteria_set: FormDefinition) -> None:
    # The attacks below start from these: each is refused for what was done to it.
    report_form = next(d for d in builtin_definitions() if d.id == "cchc-xa")
    assert part3.open_part3(form06_xlsx(tmp_path / "thong-ke.xlsx"), report_form).proposal
    write_template(tmp_path / "tieu-chi.xlsx", criteria_set)
    assert read_template(tmp_path / "tieu-chi.xlsx", criteria_set.id, 9).version == 9


@pytest.mark.parametrize("kind", ATTACKS)
def test_part3_statistics(tmp_path: Path, kind: str) -> None:
    report_form = next(d for d in builtin_definitions() if d.id == "cchc-xa")
    bad = attack(form06_xlsx(tmp_path / "thong-ke.xlsx"), kind, tmp_path)
    with pytest.raises(IntakeFileError) as refused:
        part3.open_part3(bad, report_form)
    message = refused.value.message("vi")
    assert bad.name in message and "Hãy" in message, message
    assert "root:" not in message


@pytest.mark.parametrize("kind", ATTACKS)
def test_criteria_set(tmp_path: Path, kind: str, criteria_set: FormDefinition) -> None:
    good = tmp_path / "tieu-chi.xlsx"
    write_template(good, criteria_set)
    bad = attack(good, kind, tmp_path)
    with pytest.raises(NotAWorkbookError) as refused:
        read_template(bad, criteria_set.id, 9)
    assert bad.name in refused.value.message("vi")


@pytest.mark.parametrize("kind", ATTACKS)
def test_the_shared_opener(tmp_path: Path, kind: str, criteria_set: FormDefinition) -> None:
    good = tmp_path / "tieu-chi.xlsx"
    write_template(good, criteria_set)
    with pytest.raises(workbooks.UnreadableWorkbookError) as refused:
        workbooks.open_workbook(attack(good, kind, tmp_path).read_bytes())
    assert refused.value.too_large == (kind == "unpacks-too-large")
