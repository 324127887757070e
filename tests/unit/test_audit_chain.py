"""The audit log: every transition and edit logged with old and new values, rows that cannot be
updated or deleted, and the hash chain that finds an edited, deleted or rehashed row."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from reports.errors import DataInvalidError
from reports.storage import audit
from reports.storage.store import (
    FieldValueError,
    ReportStore,
)
from tests.unit.store_support import (
    VALID,
    final,
)

# --- the audit log ----------------------------------------------------------------------------


def test_every_transition_and_edit_is_logged_with_old_and_new(store: ReportStore) -> None:
    rid = store.create("2026-11").id
    store.set_values(rid, {"meetings_held": 1})
    store.set_values(rid, {"meetings_held": 2, "plan_issued": "no"})
    store.set_values(rid, {"meetings_held": 2})  # no change, no entry
    store.set_values(rid, {"meetings_held": None})
    store.replace_values(rid, VALID)
    store.finalize(rid)
    store.reopen(rid)
    store.finalize(rid)
    store.mark_signed(rid, b"%PDF", "ab" * 32)
    store.mark_sent([rid], "goi-01")
    r2 = store.amend(rid)
    log = audit.entries(store.db, rid)
    assert [e.action for e in log] == [
        "create",
        "edit",
        "edit",
        "edit",
        "import_values",
        "finalize",
        "reopen",
        "finalize",
        "sign",
        "send",
    ]
    assert log[1].detail == {"changes": {"meetings_held": [None, 1]}}
    assert log[2].detail == {"changes": {"meetings_held": [1, 2], "plan_issued": [None, "no"]}}
    assert log[3].detail == {"changes": {"meetings_held": [2, None]}}
    assert log[4].detail["changes"]["tthc_received_total"] == [None, 100]
    assert log[4].detail["changes"]["plan_issued"] == ["no", "yes"]
    assert log[5].detail["doc_number"] == 1
    assert log[9].detail == {"package": "goi-01"}
    assert all(e.actor == "cán bộ thử" and e.at.endswith("Z") for e in log)
    assert [e.action for e in audit.entries(store.db, r2.id)] == ["amend"]
    check = audit.verify(store.db)
    assert check.ok and check.entries == len(audit.entries(store.db)) and check.first_bad_seq is None


def test_audit_log_refuses_update_and_delete(store: ReportStore) -> None:
    final(store)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store.db.execute("UPDATE audit_log SET actor = 'ai đó' WHERE seq = 1")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store.db.execute("DELETE FROM audit_log WHERE seq = 1")
    assert audit.verify(store.db).ok


def _tamper(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
        conn.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
        for sql in statements:
            conn.execute(sql)
    conn.close()


def test_verify_finds_an_edited_row(tmp_path: Path, store: ReportStore) -> None:
    rid = store.create("2026-11").id
    for n in range(1, 5):
        store.set_values(rid, {"meetings_held": n})
    assert audit.verify(store.db) == audit.ChainCheck(True, 5)
    detail = json.dumps({"changes": {"meetings_held": [1, 20]}}, ensure_ascii=False, sort_keys=True)
    _tamper(tmp_path / "cchc.sqlite3", f"UPDATE audit_log SET detail = '{detail}' WHERE seq = 3")
    check = audit.verify(store.db)
    assert (check.ok, check.first_bad_seq) == (False, 3)


def test_verify_finds_a_deleted_row(tmp_path: Path, store: ReportStore) -> None:
    rid = store.create("2026-11").id
    for n in range(1, 5):
        store.set_values(rid, {"meetings_held": n})
    _tamper(tmp_path / "cchc.sqlite3", "DELETE FROM audit_log WHERE seq = 2")
    assert audit.verify(store.db) == audit.ChainCheck(False, 2, 3)


def test_verify_finds_a_row_rehashed_to_hide_the_edit(tmp_path: Path, store: ReportStore) -> None:
    rid = store.create("2026-11").id
    for n in range(1, 5):
        store.set_values(rid, {"meetings_held": n})
    # The forger recomputes the edited row's own hash: the next row still names the old one.
    at, _actor, report_id, action, prev = store.db.execute(
        "SELECT at, actor, report_id, action, prev_hash FROM audit_log WHERE seq = 3"
    ).fetchone()
    forged = audit._digest(prev, at, "kẻ gian", report_id, action, "{}")
    _tamper(
        tmp_path / "cchc.sqlite3",
        f"UPDATE audit_log SET actor = 'kẻ gian', detail = '{{}}', hash = '{forged}' WHERE seq = 3",
    )
    assert audit.verify(store.db).first_bad_seq == 4


def test_a_failed_change_leaves_no_audit_entry(store: ReportStore) -> None:
    rid = store.create("2026-11").id
    with pytest.raises(DataInvalidError):
        store.finalize(rid)
    with pytest.raises(FieldValueError):
        store.set_values(rid, {"meetings_held": "x"})
    assert [e.action for e in audit.entries(store.db, rid)] == ["create"]
