"""A report store on a real SQLite file with a settable clock, and a valid monthly report to fill it
with: what the store, audit, migration and settings tests start from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from reports.clock import VIETNAM, iso
from reports.storage import migrations
from reports.storage.database import Database, connect
from reports.storage.form_registry import FormRegistry
from reports.storage.lifecycle import (
    Status,
)
from reports.storage.store import (
    ReportStore,
)
from reports.storage.unit import Role, Unit, save_unit

UNIT = Unit(role=Role.COMMUNE, code="26734", name="Xã Tân Phú", province_name="Tỉnh Đồng Nai")
OTHER_UNIT = Unit(role=Role.COMMUNE, code="26735", name="Xã Phú Lập", province_name="Tỉnh Đồng Nai")

NARRATIVES = {
    "direction_results": "Ủy ban nhân dân xã ban hành kế hoạch và tổ chức thực hiện đúng tiến độ.",
    "institution_results": "Rà soát văn bản theo kế hoạch.",
    "procedure_results": "Giải quyết hồ sơ đúng hạn, công khai đầy đủ thủ tục.",
    "organisation_results": "Kiện toàn bộ máy sau sắp xếp.",
    "civil_service_results": "Thực hiện nghiêm kỷ luật, kỷ cương hành chính.",
    "finance_results": "Công khai dự toán ngân sách theo quy định.",
    "egov_results": "Duy trì dịch vụ công trực tuyến toàn trình.",
    "next_tasks": "Tiếp tục đẩy mạnh cải cách thủ tục hành chính.",
}
# received 100 = 40 online + 55 direct + 5 carried; resolved 90 = 30 + 58 + 2; pending 10 = 9 + 1.
VALID: dict[str, Any] = {
    "plan_issued": "yes",
    "tthc_received_total": 100,
    "tthc_received_online": 40,
    "tthc_received_direct": 55,
    "tthc_carried_over": 5,
    "tthc_resolved_total": 90,
    "tthc_resolved_early": 30,
    "tthc_resolved_on_time": 58,
    "tthc_resolved_late": 2,
    "tthc_pending_total": 10,
    "tthc_pending_within": 9,
    "tthc_pending_overdue": 1,
    **NARRATIVES,
}


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, moment: dt.datetime) -> None:
        self.now = moment

    def __call__(self) -> dt.datetime:
        return self.now

    def set_local(self, *args: int) -> None:
        self.now = dt.datetime(*args, tzinfo=VIETNAM)


@pytest.fixture
def clock() -> Clock:
    return Clock(dt.datetime(2026, 11, 16, 9, 0, tzinfo=VIETNAM))


@pytest.fixture
def db(tmp_path: Path, clock: Clock) -> Iterator[Database]:
    database = connect(tmp_path / "cchc.sqlite3")
    migrations.migrate(database, str(tmp_path / "cchc.sqlite3"))
    FormRegistry(database).install_builtins(iso(clock()))
    save_unit(database, UNIT, iso(clock()))
    yield database
    database.close()


def make_store(db: Database, clock: Clock, unit: Unit = UNIT) -> ReportStore:
    return ReportStore(db, FormRegistry(db), unit, actor="cán bộ thử", clock=clock)


@pytest.fixture
def store(db: Database, clock: Clock) -> ReportStore:
    return make_store(db, clock)


def valid_draft(store: ReportStore, period: str = "2026-11", **changes: Any) -> int:
    report = store.create(period)
    store.set_values(report.id, {**VALID, **changes})
    return report.id


def final(store: ReportStore, period: str = "2026-11") -> int:
    rid = valid_draft(store, period)
    store.finalize(rid)
    return rid


def force_status(store: ReportStore, rid: int, status: Status) -> None:
    store.db.execute("UPDATE reports SET status = ? WHERE id = ?", (status.value, rid))
