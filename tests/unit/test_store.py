"""The report store: creating and reading, the lifecycle, finalising, document numbers, revisions
and NFC text."""

from __future__ import annotations

import datetime as dt
import itertools
import sqlite3
import unicodedata

import pytest

from reports.clock import iso
from reports.errors import DataInvalidError
from reports.storage import audit
from reports.storage.database import Database
from reports.storage.form_registry import UnknownFormError
from reports.storage.lifecycle import (
    AMENDABLE,
    TRANSITIONS,
    IllegalTransitionError,
    NotEditableError,
    Status,
    check_transition,
)
from reports.storage.report import BadPeriodError
from reports.storage.store import (
    FieldValueError,
    PeriodNotAllowedError,
    ReportExistsError,
    ReportNotFoundError,
    ReportStore,
    UnacknowledgedWarningsError,
)
from reports.storage.unit import Role, Unit, load_unit, save_unit
from tests.unit.store_support import (
    OTHER_UNIT,
    VALID,
    Clock,
    final,
    force_status,
    make_store,
    valid_draft,
)

# --- creating and reading ---------------------------------------------------------------------


def test_create_makes_a_draft(store: ReportStore) -> None:
    r = store.create("2026-11")
    assert (r.status, r.revision, r.form_key, r.period.code, r.unit_code) == (
        Status.DRAFT,
        1,
        "cchc-xa@1",
        "2026-11",
        "26734",
    )
    assert r.editable and r.values == {} and r.doc_number is None
    assert store.get(r.id) == r
    assert store.list() == [r]
    assert store.deadline(r) == dt.date(2026, 11, 17)


def test_create_refusals(store: ReportStore) -> None:
    store.create("2026-11")
    with pytest.raises(ReportExistsError):
        store.create("2026-11")
    with pytest.raises(BadPeriodError) as exc_info:
        store.create("2026-13")
    assert "2026-13" in exc_info.value.message("vi")
    with pytest.raises(PeriodNotAllowedError):
        store.create("2026-11", "tu-cham-diem-xa")  # a scoring sheet is yearly / half-yearly
    with pytest.raises(UnknownFormError):
        store.create("2026-11", "khong-co")
    with pytest.raises(ReportNotFoundError):
        store.get(999)


def test_set_values_types_and_refuses_the_whole_set(store: ReportStore) -> None:
    rid = store.create("2026-11").id
    r = store.set_values(
        rid, {"tthc_received_total": "1.234", "plan_issued": "Có", "recurrent_savings": "12,5"}
    )
    assert r.values == {"tthc_received_total": 1234, "plan_issued": "yes", "recurrent_savings": 12.5}
    with pytest.raises(FieldValueError) as exc_info:
        store.set_values(
            rid, {"meetings_held": 3, "tthc_received_online": "nhiều", "staff_trained": -1, "zz": 1}
        )
    text = exc_info.value.message("vi")
    assert "«Trong đó: tiếp nhận trực tuyến»" in text  # the field's label
    assert "không được là số âm" in text
    assert "“zz”" in text
    assert "is not a number" in exc_info.value.message("en")
    assert exc_info.value.exit_code == 1
    assert store.get(rid).values == r.values  # nothing of the refused set was saved
    r = store.set_values(rid, {"recurrent_savings": ""})  # an empty value clears the field
    assert "recurrent_savings" not in r.values


def test_text_that_cannot_be_stored_is_a_value_problem(store: ReportStore) -> None:
    # JSON may carry "\ud800", and a command-line argument with bytes that are not UTF-8 comes
    # in as "\udcff" (surrogateescape). Neither can be written as UTF-8: it must be refused as
    # a value, not crash the write with UnicodeEncodeError.
    rid = store.create("2026-11").id
    for bad in ("abc \ud800 def", "x\udcff"):
        with pytest.raises(FieldValueError):
            store.set_values(rid, {"proposals": bad})
        with pytest.raises(FieldValueError):
            store.replace_values(rid, {"tthc_by_domain": [{"domain": bad}]})
    assert store.get(rid).values == {}


def test_replace_values(store: ReportStore) -> None:
    rid = store.create("2026-11").id
    store.set_values(rid, {"meetings_held": 2})
    r = store.replace_values(rid, {**VALID, "tthc_on_time_rate": 1})  # computed: ignored, recomputed
    assert r.values == {k: v for k, v in VALID.items()}
    assert store.evaluate(r).values["tthc_on_time_rate"] == pytest.approx(96.7033)
    with pytest.raises(FieldValueError):
        store.replace_values(rid, {"khong_co": 1})


# --- the lifecycle ----------------------------------------------------------------------------

ALL_PAIRS = list(itertools.product(Status, Status))
LEGAL = {(a, b) for a in Status for b in TRANSITIONS[a]}


def test_the_transition_table() -> None:
    assert {
        (Status.DRAFT, Status.FINAL),
        (Status.FINAL, Status.DRAFT),
        (Status.FINAL, Status.SIGNED),
        (Status.FINAL, Status.SENT),
        (Status.SIGNED, Status.SENT),
        (Status.FINAL, Status.EXPORTED),
        (Status.SIGNED, Status.EXPORTED),
        (Status.EXPORTED, Status.SENT),
        (Status.EXPORTED, Status.RECEIVED),
        (Status.EXPORTED, Status.ACCEPTED),
        (Status.EXPORTED, Status.RETURNED),
        (Status.SENT, Status.RECEIVED),
        (Status.SENT, Status.ACCEPTED),
        (Status.SENT, Status.RETURNED),
        (Status.RECEIVED, Status.ACCEPTED),
        (Status.RECEIVED, Status.RETURNED),
    } == LEGAL
    assert set(Status) - {Status.DRAFT} == AMENDABLE


@pytest.mark.parametrize(
    ("current", "target"), [p for p in ALL_PAIRS if p not in LEGAL], ids=lambda s: s.value
)
def test_every_illegal_transition_is_refused(current: Status, target: Status) -> None:
    with pytest.raises(IllegalTransitionError) as exc_info:
        check_transition(current, target)
    assert current.label_vi in exc_info.value.message("vi")
    assert target.label_en in exc_info.value.message("en")
    assert exc_info.value.exit_code == 1


@pytest.mark.parametrize(("current", "target"), sorted(LEGAL), ids=lambda s: s.value)
def test_legal_transitions_pass(current: Status, target: Status) -> None:
    check_transition(current, target)


def test_store_refuses_illegal_transitions_from_draft(store: ReportStore) -> None:
    rid = valid_draft(store)
    with pytest.raises(IllegalTransitionError):
        store.reopen(rid)  # draft → draft
    with pytest.raises(IllegalTransitionError):
        store.mark_signed(rid, b"%PDF-1.7", "ab" * 32)  # draft → signed
    assert store.get(rid).status is Status.DRAFT


def test_a_draft_cannot_be_sent(store: ReportStore) -> None:
    rid = valid_draft(store)
    before = len(audit.entries(store.db, rid))
    with pytest.raises(IllegalTransitionError):
        store.mark_sent([rid], "goi-01")  # draft → sent
    assert store.get(rid).status is Status.DRAFT
    assert len(audit.entries(store.db, rid)) == before  # no "send" recorded for a draft


def test_store_lifecycle_final_signed_sent(store: ReportStore) -> None:
    rid = final(store)
    assert store.get(rid).status is Status.FINAL
    with pytest.raises(IllegalTransitionError):
        store.finalize(rid)  # final → final
    signed = store.mark_signed(rid, b"%PDF-1.7 signed", "cd" * 32)
    assert signed.status is Status.SIGNED and signed.signed_at and signed.signed_pdf_sha256
    assert store.signed_pdf(rid) == b"%PDF-1.7 signed"
    with pytest.raises(IllegalTransitionError):
        store.reopen(rid)  # signed → draft: signed content is immutable
    with pytest.raises(IllegalTransitionError):
        store.finalize(rid)  # signed → final
    with pytest.raises(NotEditableError):
        store.set_values(rid, {"meetings_held": 1})
    store.mark_sent([rid], "goi-01")
    sent = store.get(rid)
    assert sent.status is Status.SENT and sent.sent_at
    for action in (store.reopen, store.finalize):
        with pytest.raises(IllegalTransitionError):
            action(rid)
    with pytest.raises(IllegalTransitionError):
        store.mark_signed(rid, b"%PDF", "ef" * 32)  # sent → signed


@pytest.mark.parametrize("status", [Status.ACCEPTED, Status.RETURNED], ids=lambda s: s.value)
def test_decided_reports_go_nowhere(store: ReportStore, status: Status) -> None:
    rid = final(store)
    store.mark_sent([rid], "goi-01")
    force_status(store, rid, status)  # the reviewer's decision arrives with a package
    for target in Status:
        with pytest.raises(IllegalTransitionError):
            check_transition(status, target)
    with pytest.raises(IllegalTransitionError):
        store.reopen(rid)
    with pytest.raises(IllegalTransitionError):
        store.finalize(rid)
    with pytest.raises(IllegalTransitionError):
        store.mark_signed(rid, b"%PDF", "ab" * 32)
    with pytest.raises(NotEditableError):
        store.set_values(rid, {"meetings_held": 1})
    with pytest.raises(NotEditableError):
        store.replace_values(rid, VALID)
    assert store.get(rid).status is status
    assert store.amend(rid).revision == 2  # the way forward is a new revision


@pytest.mark.parametrize("status", [s for s in Status if s is not Status.DRAFT], ids=lambda s: s.value)
def test_only_a_draft_is_editable(store: ReportStore, status: Status) -> None:
    rid = final(store)
    force_status(store, rid, status)
    r = store.get(rid)
    assert not r.editable
    with pytest.raises(NotEditableError) as exc_info:
        store.set_values(rid, {"meetings_held": 9})
    assert f"cchc report amend {rid}" in exc_info.value.message("vi")
    with pytest.raises(NotEditableError):
        store.replace_values(rid, {"meetings_held": 9})
    with pytest.raises(NotEditableError):
        store.acknowledge(rid, "processed_eq_received", "ghi chú")
    assert store.get(rid).values == r.values


def test_reopen_final_to_draft(store: ReportStore) -> None:
    rid = final(store)
    r = store.reopen(rid)
    assert r.status is Status.DRAFT and r.editable
    r = store.set_values(rid, {"meetings_held": 4})
    assert r.values["meetings_held"] == 4
    again = store.finalize(rid)
    assert again.status is Status.FINAL
    assert again.doc_number == 1  # finalised again in the same year: the number is kept
    assert [e.action for e in audit.entries(store.db, rid)] == [
        "create",
        "edit",
        "finalize",
        "reopen",
        "edit",
        "finalize",
    ]


# --- finalising -------------------------------------------------------------------------------


def test_finalize_refuses_on_errors_listing_every_one(store: ReportStore) -> None:
    rid = store.create("2026-11").id
    store.set_values(
        rid,
        {
            **VALID,
            "tthc_received_total": 101,
            "tthc_resolved_total": 91,
            "tasks_planned": 2,
            "tasks_completed": 3,
            "next_tasks": "",
        },
    )
    ev = store.evaluate(store.get(rid))
    expected = {"received_sum", "resolved_sum", "tasks_completed_le_planned", "required:next_tasks"}
    assert {i.rule_id for i in ev.errors} == expected
    with pytest.raises(DataInvalidError) as exc_info:
        store.finalize(rid)
    err = exc_info.value
    assert err.exit_code == 1
    lines = err.message("vi").splitlines()[1:]
    assert len(lines) == len(ev.errors)
    for issue in ev.errors:
        assert f"- {issue.text('vi')}" in lines
        assert issue.text("en") in err.message("en")
    r = store.get(rid)
    assert r.status is Status.DRAFT and r.doc_number is None
    assert store.db.execute("SELECT COUNT(*) FROM doc_numbers").fetchone()[0] == 0


def test_finalize_refuses_unacknowledged_warnings(store: ReportStore) -> None:
    # 85 resolved + 10 pending < 100 received: a warning (files withdrawn?), not an error.
    rid = valid_draft(store, tthc_resolved_total=85, tthc_resolved_on_time=53)
    ev = store.evaluate(store.get(rid))
    assert ev.errors == []
    assert [w.rule_id for w in ev.warnings] == ["processed_eq_received"]
    with pytest.raises(UnacknowledgedWarningsError) as exc_info:
        store.finalize(rid)
    assert "[processed_eq_received]" in exc_info.value.message("vi")
    assert f"cchc report acknowledge {rid}" in exc_info.value.message("vi")
    with pytest.raises(FieldValueError):
        store.acknowledge(rid, "processed_eq_received", "   ")  # a note is required
    with pytest.raises(FieldValueError):
        store.acknowledge(rid, "received_sum", "không phải cảnh báo")
    r = store.acknowledge(rid, "processed_eq_received", "5 hồ sơ công dân rút lại.")
    assert r.acks == {"processed_eq_received": "5 hồ sơ công dân rút lại."}
    assert store.finalize(rid).status is Status.FINAL


def test_document_numbers_per_unit_per_year(db: Database, clock: Clock) -> None:
    store = make_store(db, clock)
    clock.set_local(2026, 3, 16, 9, 0)
    a = store.finalize(valid_draft(store, "2026-03"))
    clock.set_local(2026, 11, 16, 9, 0)
    b = store.finalize(valid_draft(store, "2026-11"))
    clock.set_local(2026, 12, 31, 23, 30)  # 31/12 in Vietnam (16:30 UTC): still 2026
    c = store.finalize(valid_draft(store, "2026-12"))
    assert [(r.doc_number, r.doc_year, r.issued_on) for r in (a, b, c)] == [
        (1, 2026, dt.date(2026, 3, 16)),
        (2, 2026, dt.date(2026, 11, 16)),
        (3, 2026, dt.date(2026, 12, 31)),
    ]
    # 1 January: numbering restarts at 01, also for a report of last year's period.
    clock.now = dt.datetime(2026, 12, 31, 17, 30, tzinfo=dt.UTC)  # 00:30 on 1/1/2027 in Vietnam
    d = store.finalize(valid_draft(store, "2026-10"))
    clock.set_local(2027, 1, 16, 9, 0)
    e = store.finalize(valid_draft(store, "2027-01"))
    assert [(r.doc_number, r.doc_year) for r in (d, e)] == [(1, 2027), (2, 2027)]
    # Another unit in the same file keeps its own sequence.
    other = make_store(db, clock, OTHER_UNIT)
    f = other.finalize(valid_draft(other, "2027-01"))
    assert (f.doc_number, f.doc_year) == (1, 2027)
    rows = db.execute("SELECT unit_code, year, number FROM doc_numbers ORDER BY rowid").fetchall()
    assert rows == [
        ("26734", 2026, 1),
        ("26734", 2026, 2),
        ("26734", 2026, 3),
        ("26734", 2027, 1),
        ("26734", 2027, 2),
        ("26735", 2027, 1),
    ]
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(
            "INSERT INTO doc_numbers (unit_code, year, number, report_id, assigned_at) VALUES (?,?,?,?,?)",
            ("26734", 2027, 2, e.id, iso(clock())),
        )


def test_refinalising_in_a_new_year_takes_a_new_number(store: ReportStore, clock: Clock) -> None:
    clock.set_local(2026, 12, 16, 9, 0)
    rid = final(store, "2026-12")
    store.reopen(rid)
    clock.set_local(2027, 1, 3, 9, 0)
    r = store.finalize(rid)
    assert (r.doc_number, r.doc_year) == (1, 2027)


# --- revisions --------------------------------------------------------------------------------


def test_amend_makes_revision_2_and_keeps_revision_1(store: ReportStore) -> None:
    rid = final(store)
    r1 = store.get(rid)
    r2 = store.amend(rid)
    assert (r2.revision, r2.status, r2.supersedes, r2.period) == (2, Status.DRAFT, rid, r1.period)
    assert r2.values == r1.values and r2.id != rid and r2.uid != r1.uid
    store.set_values(r2.id, {"meetings_held": 7})
    assert store.get(rid) == r1  # revision 1 is untouched
    assert [r.revision for r in store.history(r1)] == [1, 2]
    assert store.find("26734", "cchc-xa", "2026-11").id == r2.id  # the newest revision
    assert [r.id for r in store.list(latest_only=True)] == [r2.id]
    with pytest.raises(NotEditableError):
        store.amend(rid)  # only the newest revision can be amended
    with pytest.raises(NotEditableError):
        store.amend(r2.id)  # a draft is edited, not amended
    r2f = store.finalize(r2.id)
    assert (r2f.doc_number, r1.doc_number) == (2, 1)


def test_a_returned_report_becomes_a_new_revision_with_the_comment(store: ReportStore) -> None:
    rid = final(store)
    store.mark_sent([rid], "goi-01")
    force_status(store, rid, Status.RETURNED)
    store.db.execute(
        "UPDATE reports SET decision_comment = ? WHERE id = ?", ("Bổ sung số liệu phần III.", rid)
    )
    r2 = store.amend(rid)
    assert r2.decision_comment == "Bổ sung số liệu phần III."
    assert store.get(rid).status is Status.RETURNED


def test_copy_previous_carries_pending_files_over(store: ReportStore) -> None:
    oct_id = valid_draft(store, "2026-10", tthc_pending_total=7, tthc_pending_within=6)
    r = store.create("2026-11", copy_previous=True)
    assert r.values["tthc_carried_over"] == 7
    assert r.values["plan_issued"] == "yes"
    assert "tthc_on_time_rate" not in r.values  # computed fields are recomputed, not copied
    assert audit.entries(store.db, r.id)[0].detail["copied_from"] == oct_id
    fresh = store.create("2026-12")
    assert fresh.values == {}
    q = store.create("2026-Q4", copy_previous=True)  # no earlier quarter: starts empty
    assert q.values == {}


# --- NFC --------------------------------------------------------------------------------------


def test_text_is_stored_nfc(store: ReportStore) -> None:
    composed = "Tiếp tục đẩy mạnh cải cách thủ tục hành chính ở ấp Đồng Tâm."
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    rid = store.create("2026-11").id
    r = store.set_values(
        rid,
        {
            "next_tasks": decomposed,
            "plan_issued": unicodedata.normalize("NFD", "Không"),
            "tthc_by_domain": [{"domain": unicodedata.normalize("NFD", "Hộ tịch"), "received": 3}],
        },
    )
    assert r.values["next_tasks"] == composed
    assert r.values["plan_issued"] == "no"
    assert r.values["tthc_by_domain"][0]["domain"] == "Hộ tịch"
    raw = store.db.execute("SELECT values_json FROM reports WHERE id = ?", (rid,)).fetchone()[0]
    assert composed in raw and decomposed not in raw
    # The same words typed the other way are no change at all.
    before = len(audit.entries(store.db, rid))
    store.set_values(rid, {"next_tasks": composed})
    assert len(audit.entries(store.db, rid)) == before
    n = store.db.execute(
        "SELECT COUNT(*) FROM reports WHERE values_json LIKE ?", (f"%{composed[:20]}%",)
    ).fetchone()
    assert n[0] == 1


def test_unit_details_are_stored_nfc(db: Database, clock: Clock) -> None:
    nfd = unicodedata.normalize("NFD", "Xã Tân Phú")
    unit = Unit(
        role=Role.COMMUNE, code="26734", name=nfd, province_name=unicodedata.normalize("NFD", "Tỉnh Đồng Nai")
    )
    assert unit.name == "Xã Tân Phú"
    save_unit(db, unit, iso(clock()))
    loaded = load_unit(db)
    assert loaded is not None and loaded.name == "Xã Tân Phú" and loaded.province_name == "Tỉnh Đồng Nai"
