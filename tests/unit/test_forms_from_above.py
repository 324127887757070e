"""Forms (and the working-day calendar) come only from above.

A hostile commune makes its own "version 2" of the report form: the reviewer refuses the
report (``form_not_issued``, database untouched) and the forged form never reaches another
commune. A 1.0 package's forms are never installed. The reviewer's own published form travels
down in feedback and is then accepted; feedback from an installation that is not the commune's
reviewer cannot install forms or calendar data.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from forms.calendar import parse_calendar
from forms.definition import parse_definition
from reports import sample
from reports.cli.main import main
from reports.documents.issuing import canonical_json
from reports.exchange import feedback, published, sync
from reports.exchange.packages import PackageKind, PartyRef, read_package, write_package
from reports.exchange.sync import Outcome
from reports.storage.lifecycle import Status
from reports.workspace import Workspace
from tests.unit.sync_world import (
    REVIEWER,
    XUAN_DINH,
    World,
    assert_refused,
    db_dump,
    deliver,
    finalize,
    open_copy,
    repack,
)

CALENDAR_2027 = """format = 1
issued_on = 2026-12-01
issuer = "Sở Nội vụ tỉnh Đồng Nai"
[[year]]
year = 2027
source = "Thông báo của tỉnh (bài kiểm tra)"
[[year.day_off]]
from = 2027-02-13
to = 2027-02-16
reason = "Nghỉ Tết Đinh Mùi"
"""


@pytest.fixture
def xuan_dinh(world: World, tmp_path: Path) -> Iterator[Workspace]:
    ws = open_copy(world.xuan_dinh, tmp_path / "xuan-dinh")
    yield ws
    ws.close()


def v2_source(ws: Workspace, title_suffix: str = " (bản của xã)") -> str:
    source = ws.forms.source("cchc-xa", 1)
    return source.replace("\nversion = 1\n", "\nversion = 2\n", 1).replace('title = "', f'title = "{title_suffix}', 1)


def report_on_v2(ws: Workspace, period: str) -> int:
    report = ws.store.create(period, "cchc-xa")
    assert report.form_version == 2
    previous = next(r for r in ws.store.list() if r.form_id == "cchc-xa" and r.form_version == 1)
    values = {k: v for k, v in previous.values.items()}
    ws.store.set_values(report.id, values)
    return finalize(ws, report.id).id


def test_a_submission_carries_no_definition_but_names_it_by_hash(world: World) -> None:
    opened = read_package(world.package)
    assert opened.manifest.format_version == "1.1"
    assert not [m for m in opened.members if m.startswith("forms/")]
    doc = json.loads(opened.members[f"reports/{world.signed_uid}.json"])
    assert doc["form"]["id"] == "cchc-xa" and doc["form"]["version"] == 1 and len(doc["form"]["sha256"]) == 64


def test_a_commune_made_form_is_refused_and_never_reaches_another_commune(
    world: World, reviewer: Workspace, tan_phu: Workspace, xuan_dinh: Workspace, tmp_path: Path
) -> None:
    # The hostile commune puts its own version 2 in its database and reports on it.
    with tan_phu.db.atomic():
        tan_phu.forms.install(parse_definition(v2_source(tan_phu)), "2026-12-01T00:00:00Z", origin="reviewer")
    rid = report_on_v2(tan_phu, "2027-01")
    package = sync.export_package(tan_phu, tmp_path / "out").path
    result = assert_refused(reviewer, package, code="form_not_issued", says=("tỉnh không ban hành",),
                            says_en=("did not issue",))
    assert "cchc-xa" in result.reason
    assert reviewer.forms.held("cchc-xa", 2) is None
    assert tan_phu.store.get(rid).status is Status.EXPORTED  # the commune's own record is its own
    # The same forged form inside a 1.0-style package (which carried forms/): refused, not installed.
    opened = read_package(package)
    members = dict(opened.members)
    members["forms/cchc-xa-v2.toml"] = v2_source(tan_phu).encode("utf-8")
    doc = json.loads(members[f"reports/{tan_phu.store.get(rid).uid}.json"])
    del doc["form"]
    members[f"reports/{tan_phu.store.get(rid).uid}.json"] = canonical_json(doc)
    path = deliver(tan_phu, repack(tan_phu, opened, members), tmp_path / "usb", "26116_cu.cchc")
    assert_refused(reviewer, path, code="form_not_issued")
    assert reviewer.forms.held("cchc-xa", 2) is None
    # Another commune's next feedback carries no forged form.
    assert sync.import_file(reviewer, world.xuan_dinh_package).outcome is Outcome.IMPORTED
    [fb] = feedback.export_feedback(reviewer, tmp_path / "fb", unit_code=XUAN_DINH[0])
    assert not [m for m in read_package(fb.path).members if m.startswith("forms/")]
    sync.bind_certificate(xuan_dinh, REVIEWER.code, reviewer.installation_key.cert_pem())
    assert sync.import_file(xuan_dinh, fb.path).outcome is Outcome.IMPORTED
    assert xuan_dinh.forms.held("cchc-xa", 2) is None


def test_a_report_claiming_an_issued_version_with_another_text_is_refused(
    world: World, reviewer: Workspace, tan_phu: Workspace, tmp_path: Path
) -> None:
    opened = read_package(world.package)
    members = dict(opened.members)
    doc = json.loads(members[f"reports/{world.signed_uid}.json"])
    doc["form"]["sha256"] = "0" * 64
    members[f"reports/{world.signed_uid}.json"] = canonical_json(doc)
    path = deliver(tan_phu, repack(tan_phu, opened, members), tmp_path / "usb", "26116_khac.cchc")
    assert_refused(reviewer, path, code="form_not_issued")


def test_a_1_0_package_with_the_issued_form_is_read_without_installing_it(
    world: World, reviewer: Workspace, tan_phu: Workspace, tmp_path: Path
) -> None:
    opened = read_package(world.package)
    members = dict(opened.members)
    for path, raw in list(members.items()):
        if path.startswith("reports/"):
            doc = json.loads(raw)
            doc.pop("form")
            members[path] = canonical_json(doc)
    members["forms/cchc-xa-v1.toml"] = tan_phu.forms.source("cchc-xa", 1).encode("utf-8")
    members["forms/cchc-xa-v7.toml"] = v2_source(tan_phu).replace("version = 2", "version = 7").encode("utf-8")
    path = deliver(tan_phu, repack(tan_phu, opened, members), tmp_path / "usb", "26116_v10.cchc")
    result = sync.import_file(reviewer, path)
    assert result.outcome is Outcome.IMPORTED, result
    assert reviewer.forms.held("cchc-xa", 7) is None


def test_the_reviewer_publishes_its_form_and_then_accepts_reports_on_it(
    world: World, reviewer: Workspace, tan_phu: Workspace, tmp_path: Path
) -> None:
    form_file = tmp_path / "cchc-xa-v2.toml"
    form_file.write_text(v2_source(reviewer, " (tỉnh ban hành)"), encoding="utf-8")
    so = ["--data-dir", str(reviewer.paths.root)]
    out, err = io.StringIO(), io.StringIO()
    assert main([*so, "forms", "publish", "cchc-xa@2"], out=out, err=err) != 0  # not held yet
    assert "cchc-xa@2" in err.getvalue()
    assert main([*so, "forms", "install", str(form_file)], out=out, err=err) == 0, err.getvalue()
    assert main([*so, "forms", "publish", "cchc-xa@2"], out=out, err=err) == 0, err.getvalue()
    out = io.StringIO()
    assert main([*so, "forms", "list"], out=out) == 0
    assert "tỉnh ban hành (Sở đã cài), đã gửi cho các xã" in out.getvalue()
    assert sync.import_file(reviewer, world.package).outcome is Outcome.IMPORTED
    [fb] = feedback.export_feedback(reviewer, tmp_path / "fb", unit_code="26116")
    assert "forms/cchc-xa-v2.toml" in read_package(fb.path).members
    result = sync.import_file(tan_phu, fb.path)
    assert result.outcome is Outcome.IMPORTED, result
    held = tan_phu.forms.held("cchc-xa", 2)
    assert held is not None and held.origin == "reviewer"
    rid = report_on_v2(tan_phu, "2027-01")
    package = sync.export_package(tan_phu, tmp_path / "out").path
    assert sync.import_file(reviewer, package).outcome is Outcome.IMPORTED
    received = reviewer.store.by_uid(tan_phu.store.get(rid).uid)
    assert received is not None and received.form_version == 2


def test_feedback_from_an_installation_that_is_not_the_reviewer_installs_nothing(
    world: World, tan_phu: Workspace, xuan_dinh: Workspace, tmp_path: Path
) -> None:
    # A neighbouring commune talks Tân Phú into binding its certificate, then sends "feedback"
    # with a form version and a calendar.
    sync.bind_certificate(tan_phu, XUAN_DINH[0], xuan_dinh.installation_key.cert_pem())
    members = {
        "feedback/receipts.json": canonical_json([]),
        "feedback/decisions.json": canonical_json([]),
        "forms/cchc-xa-v2.toml": v2_source(xuan_dinh).encode("utf-8"),
        "feedback/calendar/0123456789abcdef.toml": CALENDAR_2027.encode("utf-8"),
    }
    data = write_package(kind=PackageKind.FEEDBACK, sender=PartyRef(*XUAN_DINH), recipient=PartyRef("26116", "Xã Tân Phú"),
                         members=members, key=xuan_dinh.installation_key, created_at=xuan_dinh.clock(), app_version="0.1.0")
    path = deliver(tan_phu, data, tmp_path / "usb", "26461_gia.cchc")
    assert_refused(tan_phu, path, code="not_from_reviewer", says=("không phải cơ quan nhận báo cáo",))
    assert tan_phu.forms.held("cchc-xa", 2) is None
    assert not tan_phu.calendar().covers(2027)


def test_the_reviewer_publishes_a_calendar_and_the_commune_counts_with_it(
    world: World, reviewer: Workspace, tan_phu: Workspace, tmp_path: Path
) -> None:
    published.install_province_calendar(reviewer, parse_calendar(CALENDAR_2027))
    published.publish_province_calendar(reviewer)
    assert sync.import_file(reviewer, world.package).outcome is Outcome.IMPORTED
    [fb] = feedback.export_feedback(reviewer, tmp_path / "fb", unit_code="26116")
    assert [m for m in read_package(fb.path).members if m.startswith("feedback/calendar/")]
    assert not tan_phu.calendar().covers(2027)
    result = sync.import_file(tan_phu, fb.path)
    assert result.outcome is Outcome.IMPORTED and any("Lịch làm việc" in c for c in result.changes), result
    assert tan_phu.calendar().covers(2027) and tan_phu.calendar().origin == "reviewer"


def test_a_published_calendar_that_does_not_read_refuses_the_feedback(
    world: World, reviewer: Workspace, tan_phu: Workspace, tmp_path: Path
) -> None:
    assert sync.import_file(reviewer, world.package).outcome is Outcome.IMPORTED
    [fb] = feedback.export_feedback(reviewer, tmp_path / "fb", unit_code="26116")
    opened = read_package(fb.path)
    members = dict(opened.members)
    members["feedback/calendar/bad.toml"] = CALENDAR_2027.replace("2027-02-16", "2027-02-10").encode("utf-8")
    path = deliver(tan_phu, repack(reviewer, opened, members), tmp_path / "usb", "75_lich.cchc")
    before = db_dump(tan_phu)
    result = sync.import_file(tan_phu, path)
    assert result.outcome is Outcome.REFUSED and result.code == "issued_item_invalid", result
    assert "dòng 9" in result.reason and "feedback/calendar/bad.toml" in result.reason
    assert db_dump(tan_phu) == before


def test_forms_install_names_the_line_of_an_error(reviewer: Workspace, tmp_path: Path) -> None:
    bad = tmp_path / "sai.toml"
    text = v2_source(reviewer).replace('type = "integer"', 'type = "integr"', 1)
    bad.write_text(text, encoding="utf-8")
    line = next(i for i, t in enumerate(text.splitlines(), 1) if 'type = "integr"' in t)
    err = io.StringIO()
    assert main(["--data-dir", str(reviewer.paths.root), "forms", "install", str(bad)], out=io.StringIO(), err=err) == 1
    assert f"dòng {line}" in err.getvalue() and "sai.toml" in err.getvalue() and "integr" in err.getvalue()
    assert reviewer.forms.held("cchc-xa", 2) is None


def test_a_commune_cannot_install_or_publish_forms(tan_phu: Workspace, tmp_path: Path) -> None:
    form_file = tmp_path / "v2.toml"
    form_file.write_text(v2_source(tan_phu), encoding="utf-8")
    err = io.StringIO()
    assert main(["--data-dir", str(tan_phu.paths.root), "forms", "install", str(form_file)], out=io.StringIO(), err=err) == 2
    assert "Sở Nội vụ" in err.getvalue()


def test_sample_history_still_round_trips(tmp_path: Path) -> None:
    ws = Workspace.open(tmp_path / "xa")
    from tests.unit.sync_world import commune_unit

    ws.initialise(commune_unit("26116", "Xã Tân Phú"))
    sample.fill_sample(ws, months=2, history=True)
    assert {r.status for r in ws.store.list()} >= {Status.ACCEPTED}
    ws.close()
