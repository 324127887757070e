"""A trusted commune signs, with its own installation key, packages filled with whatever it likes.

The signature is valid and the commune's certificate is bound at the reviewer, so every check
under test here comes from the content itself. Each package is made by ``forge`` (forger.py): the
commune's real export, one report member changed (its checksum recomputed, so only the content
check can fire) and the whole package re-signed by the commune's own key with the program's
package writer (``repack``), or, for what our writer refuses to write (unsafe member names,
duplicate members, links; test_signed_hostile_packages.py), zipped by hand with a manifest
signed by the same key.

Every refusal is checked by ``assert_refused``: refused with its own code and a Vietnamese
reason naming what is wrong, the reviewer's database byte for byte as before, the file in
quarantine with the reason. What the domain accepts (a revision number that jumps, a commune's
clock far off) is accepted with the commune's claim kept apart from the arrival, and flagged
(revisions out of order: test_revision_gaps.py).

Holes these attacks found and that are now closed (reports/exchange/report_content.py, and
text values in forms/engine.py): values stored at the reviewer exactly as the commune sent
them whatever their type (negative counts, NaN, 1e308, strings, lists, objects, unknown field
ids, choices not in the list, 10 MB of text, control characters, direction overrides,
decomposed text, computed fields, self-scores above the maximum); reports whose sums do not
add up, with an empty required field or an unacknowledged warning, accepted as if clean;
periods spelt in other ways ("2026-q1") or far in the future; drafts, revision 0 or negative,
absurd document numbers and issue dates, a unit name with control characters, malformed
warning acknowledgements.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forms.definition import parse_definition
from reports.clock import local_date, parse_iso
from reports.exchange import board, sync
from reports.exchange.packages import OpenedPackage, PartyRef, read_package, write_package
from reports.exchange.receiving import ImportRejection
from reports.exchange.report_content import check_report_content, stored_fields
from reports.exchange.sync import Outcome
from reports.storage.lifecycle import Status
from reports.workspace import Workspace
from tests.unit.forger import Change, forge, member, refused, report, values, without
from tests.unit.sync_world import (
    PASSWORD,
    TAN_PHU,
    XUAN_DINH,
    World,
    db_dump,
    deliver,
    finalize,
    open_copy,
    repack,
)

# ---------------------------------------------------------------- values the definition does not allow


@pytest.mark.parametrize(("change", "says"), [
    pytest.param(values(meetings_held=-1), "không được là số âm", id="negative-count"),
    pytest.param(values(meetings_held=math.nan), "không phải là số", id="nan"),
    pytest.param(values(meetings_held=math.inf), "không phải là số", id="infinity"),
    pytest.param(values(meetings_held=-math.inf), "không phải là số", id="minus-infinity"),
    pytest.param(values(meetings_held=1e308), "số quá lớn", id="1e308"),
    pytest.param(values(meetings_held=10**40), "số quá lớn", id="huge-int"),
    pytest.param(values(meetings_held=2.5), "số nguyên", id="fraction-in-count"),
    pytest.param(values(meetings_held=3.0), "không ở dạng chương trình lưu", id="float-for-int"),
    pytest.param(values(meetings_held="12"), "không ở dạng chương trình lưu", id="string-number"),
    pytest.param(values(meetings_held="mười hai"), "không phải là số", id="string-word"),
    pytest.param(values(meetings_held=[1, 2]), "không phải là số", id="list"),
    pytest.param(values(meetings_held={"a": 1}), "không phải là số", id="object"),
    pytest.param(values(meetings_held=True), "không phải là số", id="bool"),
    pytest.param(values(meetings_held=None), "không ở dạng chương trình lưu", id="null"),
    pytest.param(values(so_lieu_bia=5), "không có chỉ tiêu nhập “so_lieu_bia”", id="unknown-field"),
    pytest.param(values(tasks_completion_rate=100), "không có chỉ tiêu nhập", id="computed-field"),
    pytest.param(values(plan_issued="có lẽ"), "hãy chọn một trong", id="choice-not-listed"),
    pytest.param(values(plan_reference="x" * (10 * 1024 * 1024)), "dài quá", id="text-10-MB"),
    pytest.param(values(plan_reference="Kế hoạch\x00số 12"), "không đọc được", id="nul"),
    pytest.param(values(plan_reference="\x1b[31mKế hoạch"), "không đọc được", id="escape-sequence"),
    pytest.param(values(plan_reference="Kế hoạch số \u202e21/KH"), "không ở dạng chương trình lưu", id="rtl-override"),
    pytest.param(values(plan_reference="Ke\u0302\u0301 hoa\u0323ch"), "không ở dạng chương trình lưu", id="not-nfc"),
    pytest.param(values(plan_reference="  Kế hoạch  "), "không ở dạng chương trình lưu", id="untrimmed"),
])
def test_a_value_its_field_does_not_allow_is_refused(
    world: World, tan_phu: Workspace, reviewer: Workspace, tmp_path: Path, change: Change, says: str
) -> None:
    refused(reviewer, forge(world, tan_phu, change), tmp_path, "values_invalid", (says, "báo cáo kỳ"))


@pytest.mark.parametrize("change", [
    values(plan_reference="\ud800"), report(unit_name="Xã \udc00"), member(acknowledgements={"x": "\ud83d"}),
], ids=["in-a-value", "in-the-unit-name", "in-a-note"])
def test_a_lone_surrogate_anywhere_in_a_report_is_refused_not_a_crash(
    world: World, tan_phu: Workspace, reviewer: Workspace, tmp_path: Path, change: Change
) -> None:
    """It reads as JSON ("\\ud800") but cannot be stored or hashed: it crashed the import."""
    refused(reviewer, forge(world, tan_phu, change), tmp_path, "report_invalid", ("không đúng định dạng",))


@pytest.mark.parametrize(("change", "says"), [
    pytest.param(values(tthc_resolved_total=10**6), "không thể nhiều hơn tổng số hồ sơ tiếp nhận", id="resolved-over-received"),
    pytest.param(values(tthc_received_online=10**6), "không thể lớn hơn tổng số hồ sơ", id="online-over-total"),
    pytest.param(without("plan_issued"), "Đã ban hành kế hoạch", id="required-missing"),
    pytest.param(values(inspections_planned=0, inspections_done=3), "", id="warning-not-acknowledged"),
])
def test_figures_that_fail_the_forms_checks_are_refused_not_accepted_as_clean(
    world: World, tan_phu: Workspace, reviewer: Workspace, tmp_path: Path, change: Change, says: str
) -> None:
    reason = refused(reviewer, forge(world, tan_phu, change), tmp_path, "checks_failed", ("không qua kiểm tra",))
    assert says in reason


# ---------------------------------------------------------------- periods, revisions, numbers, status


@pytest.mark.parametrize(("change", "code"), [
    pytest.param(report(period="2099-12"), "period_invalid", id="far-future"),
    pytest.param(report(period="1999-12"), "report_invalid", id="before-2000"),
    pytest.param(report(period="2026-13"), "report_invalid", id="month-13"),
    pytest.param(report(period="2026-q1"), "period_invalid", id="lowercase-quarter"),
    pytest.param(report(period=" 2026-03"), "period_invalid", id="spaces"),
    pytest.param(report(period="2026-W05"), "report_invalid", id="week"),
    pytest.param(report(period=202603), "report_invalid", id="number"),
    pytest.param(report(revision=0), "values_invalid", id="revision-0"),
    pytest.param(report(revision=-3), "values_invalid", id="revision-negative"),
    pytest.param(report(revision=10**9), "values_invalid", id="revision-huge"),
    pytest.param(report(doc_number=-5), "values_invalid", id="doc-number-negative"),
    pytest.param(report(doc_number=10**12), "values_invalid", id="doc-number-huge"),
    pytest.param(report(issued_on="1900-01-01"), "values_invalid", id="issued-1900"),
    pytest.param(report(issued_on="2999-01-01"), "values_invalid", id="issued-2999"),
    pytest.param(report(unit_name="Xã Tân Phú\u202e\x07"), "values_invalid", id="unit-name-controls"),
    pytest.param(member(status="draft"), "values_invalid", id="status-draft"),
    pytest.param(member(status="đã duyệt"), "report_invalid", id="status-unknown"),
    pytest.param(member(acknowledgements=["x"]), "values_invalid", id="acks-list"),
    pytest.param(member(acknowledgements={"online_le_total": 5}), "values_invalid", id="ack-note-number"),
    pytest.param(member(acknowledgements={"online_le_total": "   "}), "values_invalid", id="ack-note-empty"),
    pytest.param(report(form_id="xa-tu-che"), "form_not_issued", id="commune-defined-form"),
    pytest.param(report(form_version=99), "form_not_issued", id="unpublished-version"),
])
def test_a_report_the_commune_program_could_not_have_made_is_refused(
    world: World, tan_phu: Workspace, reviewer: Workspace, tmp_path: Path, change: Change, code: str
) -> None:
    def also_form(doc: dict[str, Any]) -> None:
        change(doc)
        # The member's form reference follows the report's, as a modified program would write it.
        doc["form"] = {**doc["form"], "id": doc["report"]["form_id"], "version": doc["report"]["form_version"]}

    refused(reviewer, forge(world, tan_phu, also_form), tmp_path, code)


def test_a_report_of_another_province_is_refused(world: World, tan_phu: Workspace, reviewer: Workspace,
                                                 tmp_path: Path) -> None:
    # Same key, another unit code inside: refused as another unit's report ...
    refused(reviewer, forge(world, tan_phu, report(unit_code="00070")), tmp_path, "foreign_report")
    # ... and a manifest that claims Hà Nội's Phường Hoàn Kiếm: the key belongs to Tân Phú.
    opened = read_package(world.package)
    data = repack(tan_phu, opened, sender=PartyRef("00070", "Phường Hoàn Kiếm"))
    refused(reviewer, data, tmp_path, "certificate_bound_elsewhere", ("26116",))


def test_a_revision_that_jumps_is_accepted_as_that_revision(world: World, tan_phu: Workspace,
                                                           reviewer: Workspace, tmp_path: Path) -> None:
    """Revisions lost on the way are plausible (a USB stick never handed over): a jump is kept
    as the number it carries, never silently renumbered."""
    data = forge(world, tan_phu, report(revision=5))
    result = sync.import_file(reviewer, deliver(reviewer, data, tmp_path / "usb", "26116_lan5.cchc"))
    assert result.outcome is Outcome.IMPORTED, result
    got = reviewer.store.by_uid(world.unsigned_uid)
    assert got is not None and got.revision == 5


@pytest.mark.parametrize("claimed", [
    dt.datetime(9999, 12, 31, 23, 59, tzinfo=dt.UTC),
    dt.datetime(2001, 1, 1, tzinfo=dt.UTC),
    dt.datetime(1, 1, 1, tzinfo=dt.UTC),
], ids=["year-9999", "year-2001", "year-1"])
def test_a_commune_clock_far_off_is_kept_as_its_claim_and_lateness_is_by_arrival(
    world: World, tan_phu: Workspace, reviewer: Workspace, tmp_path: Path, claimed: dt.datetime
) -> None:
    opened = read_package(world.package)
    m = opened.manifest
    data = write_package(kind=m.kind, sender=m.sender, recipient=m.recipient, members=opened.members,
                         key=tan_phu.installation_key, created_at=claimed, app_version=m.app_version)
    result = sync.import_file(reviewer, deliver(reviewer, data, tmp_path / "usb", "26116_dong-ho.cchc"))
    assert result.outcome is Outcome.IMPORTED, result
    got = reviewer.store.by_uid(world.unsigned_uid)
    assert got is not None and got.claimed_at is not None and got.clock_suspect
    assert parse_iso(got.claimed_at) == claimed
    arrived = parse_iso(got.submitted_at or "")
    assert abs(arrived - reviewer.clock()) < dt.timedelta(minutes=10)
    # The board reads the arrival, whatever the commune's clock said; the claim is shown apart.
    row = next(s for s in board.status_for_period(reviewer, got.period.code) if s.unit_code == TAN_PHU[0])
    assert row.received_on == local_date(arrived) and row.clock_suspect
    assert row.state == board.board_state(reviewer.policy().deadline(got.period), got.status, row.received_on,
                                          local_date(reviewer.clock()))


# ---------------------------------------------------------------- the rule itself, and any JSON anywhere


PERIODS_ONLY_YEAR = """
id = "nam-thu"
version = 1
kind = "report"
title = "Biểu thử"
document_type = "BÁO CÁO"
symbol_code = "BC"
summary = "Thử {period}"
period_kinds = ["year"]
[[sections]]
id = "I"
title = "Phần I"
[[sections.fields]]
id = "so"
type = "integer"
label = "Số"
"""


def test_a_period_the_forms_frequency_does_not_have() -> None:
    definition = parse_definition(PERIODS_ONLY_YEAR)
    opened = read_package_stub()
    data = {"period": "2026-03", "revision": 1, "values": {"so": 3}}
    with pytest.raises(ImportRejection) as info:
        check_report_content(opened, "x.cchc", definition, data, Status.SENT, {}, dt.date(2026, 12, 7))
    assert info.value.code == "package.period_invalid" and "không có loại kỳ này" in info.value.message("vi")
    check_report_content(opened, "x.cchc", definition, {**data, "period": "2026"}, Status.SENT, {}, dt.date(2026, 12, 7))


def read_package_stub() -> OpenedPackage:
    """Only the refusal's wording reads the package (its name): any opened package will do."""
    from tests.unit.package_maker import package as make

    return read_package(make())


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=8,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field_index=st.integers(min_value=0, max_value=200), value=JSON_VALUES)
def test_any_json_value_in_any_field_is_refused_cleanly_or_stored_as_the_definition_allows(
    reviewer: Workspace, field_index: int, value: Any
) -> None:
    """The content check alone (fast): either an ``ImportRejection`` or a value that is exactly
    what ``coerce`` makes of it, in a report whose checks hold. The full import path of such
    refusals is proved above, database untouched."""
    from forms.engine import coerce, evaluate

    definition = reviewer.forms.get("cchc-xa", 1)
    fields = sorted(stored_fields(definition))
    fid = fields[field_index % len(fields)]
    data = {"period": "2026-03", "revision": 1, "values": {fid: value}}
    opened = read_package_stub()
    try:
        check_report_content(opened, "x.cchc", definition, data, Status.SENT, {}, dt.date(2026, 12, 7))
    except ImportRejection as exc:
        assert exc.code in ("package.values_invalid", "package.checks_failed")
        assert exc.message("vi") and "Traceback" not in exc.message("vi")
        return
    stored = coerce(definition.field(fid), value, typed=False)
    assert json.dumps(stored, sort_keys=True) == json.dumps(value, sort_keys=True)
    assert not [i for i in evaluate(definition, data["values"]).errors]


# ---------------------------------------------------------------- the signed PDF


@pytest.mark.parametrize("which", ["signer", "installation"])
def test_a_pdf_signed_with_another_communes_certificate(
    world: World, tan_phu: Workspace, reviewer: Workspace, tmp_path: Path, which: str
) -> None:
    """Tân Phú's report, its PDF signed (as the program signs) with Xuân Định's self-issued
    signing certificate or with the installation key the reviewer bound to Xuân Định; the
    package itself signed by Tân Phú's own key."""
    from reports.documents import issuing
    from reports.signing import P12Method, open_signer

    xuan_dinh = open_copy(world.xuan_dinh, tmp_path / "xuan-dinh")
    try:
        if which == "signer":
            issuing.create_signer_key(xuan_dinh, "Trần Thị Bình", PASSWORD)
            key_file = xuan_dinh.paths.signer_key
        else:
            key_file = tmp_path / "cai-dat.p12"
            key_file.write_bytes(xuan_dinh.installation_key.to_p12(PASSWORD, "Máy xã Xuân Định"))
    finally:
        xuan_dinh.close()
    first = tan_phu.store.by_uid(world.unsigned_uid)
    assert first is not None
    second = tan_phu.store.amend(first.id)
    finalize(tan_phu, second.id)
    with open_signer(P12Method(key_file, PASSWORD)) as signer:
        issuing.sign_report(tan_phu, second.id, signer)
    exported = read_package(sync.export_package(tan_phu, tmp_path / "out").path)
    assert f"pdf/{second.uid}.pdf" in exported.members
    reason = refused(reviewer, repack(tan_phu, exported), tmp_path, "pdf_signer_foreign", (XUAN_DINH[0],))
    assert "ký lại bằng chứng thư của mình" in reason


DEEP = b"[" * 100_000 + b"]" * 100_000


def test_json_nested_a_hundred_thousand_deep_is_refused_not_a_crash(
    world: World, tan_phu: Workspace, reviewer: Workspace, tmp_path: Path
) -> None:
    """json.loads raises RecursionError (not a ValueError): it went through the import."""
    data = forge(world, tan_phu, values(plan_reference="@@"), patch=(b'"@@"', DEEP), rehash=False)
    refused(reviewer, data, tmp_path, "report_invalid", ("không đúng định dạng",))
    opened = read_package(world.package)
    parts = repack(tan_phu, opened, {**opened.members, "parts/set.json": DEEP})
    refused(reviewer, parts, tmp_path, "report_invalid", ("thông tin phần",))


def test_appraisal_results_nested_too_deep_are_refused_not_a_crash(tan_phu: Workspace) -> None:
    from reports.errors import CchcError
    from reports.exchange.appraisal_results import apply_received

    before = db_dump(tan_phu)
    with pytest.raises(CchcError) as info:
        apply_received(tan_phu, DEEP, "2026-12-07T00:00:00.000000Z")
    assert "không đọc được" in info.value.message("vi")
    assert db_dump(tan_phu) == before


def scoring_uid(world: World) -> str:
    opened = read_package(world.package)
    return next(json.loads(c)["report"]["report_uid"] for p, c in opened.members.items()
                if p.startswith("reports/") and json.loads(c)["report"]["form_id"] == "tu-cham-diem-xa")


def evidence_title(title: str) -> Change:
    def change(doc: dict[str, Any]) -> None:
        doc["evidence"][0]["title"] = title

    return change


def explanation(text: str) -> Change:
    def change(doc: dict[str, Any]) -> None:
        field = doc["evidence"][0]["field"]
        doc["explanations"] = {**doc.get("explanations", {}), field: text}

    return change


@pytest.mark.parametrize("change", [
    evidence_title("Kế hoạch \u202e62/KH"), evidence_title("Kế hoạch\x1b[2J"), evidence_title("Ke\u0302\u0301 hoa\u0323ch"),
    explanation("Đã ban hành\x00"), explanation("Đã ban hành \u2067kế hoạch"),
], ids=["title-rtl", "title-escape", "title-not-nfc", "explanation-nul", "explanation-isolate"])
def test_evidence_texts_and_explanations_hold_only_plain_text(
    world: World, tan_phu: Workspace, reviewer: Workspace, tmp_path: Path, change: Change
) -> None:
    doc = json.loads(read_package(world.package).members[f"reports/{scoring_uid(world)}.json"])
    assert doc.get("evidence"), "the sample self-assessment carries evidence"
    data = forge(world, tan_phu, change, uid=scoring_uid(world))
    refused(reviewer, data, tmp_path, "report_invalid", ("tài liệu kiểm chứng",))


def test_the_commune_cannot_type_control_characters_into_an_explanation(tan_phu: Workspace) -> None:
    from reports.errors import CchcError
    from reports.par_index.evidence import Metadata
    from reports.par_index.service import evidence_service

    with pytest.raises(CchcError):
        Metadata.parse(title="Kế hoạch\x07")
    assert Metadata.parse(title="Kế hoạch \u202esố 12\r").title == "Kế hoạch số 12"
    service = evidence_service(tan_phu)
    scoring = next(r for r in tan_phu.store.list() if r.form_id == "tu-cham-diem-xa")
    draft = tan_phu.store.amend(scoring.id) if not scoring.editable else scoring
    field = next(f.id for f in tan_phu.store.definition(draft).iter_fields() if f.self_scored)
    with pytest.raises(CchcError):
        service.explain(draft.id, field, "Lý do\x1b[31m")
    service.explain(draft.id, field, "Lý do \u202eđã nêu\r\nở trang 3")
    assert tan_phu.evidence_files.explanations(draft.id)[field] == "Lý do đã nêu\nở trang 3"
