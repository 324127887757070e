"""Make the fixture database of each schema version: tests/fixtures/schema-N.sqlite3.

Each holds a commune, a few reports in different states and, from the schema that has
them, a sent package and a feedback item, made at schema N (migrations applied up to the
N-th). ``tests/unit/test_old_databases.py`` migrates a copy of each to the newest schema and
checks that every report survives.

A fixture is history: this tool only makes the ones that are missing. When you add a
migration, run it once (``python tools/make_fixture_db.py``) and commit the new file; give
the new tables some rows below. ``--force N`` remakes schema-N (only while its migration is
not released).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sqlite3
import sys
import unicodedata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from reports.clock import VIETNAM, iso  # noqa: E402
from reports.sample import _acknowledge_warnings, _figures, _narratives  # noqa: E402
from reports.storage import audit  # noqa: E402
from reports.storage.database import Database  # noqa: E402
from reports.storage.form_registry import FormRegistry  # noqa: E402
from reports.storage.migrations import known_names, migrations  # noqa: E402
from reports.storage.store import ReportStore  # noqa: E402
from reports.storage.unit import Role, Unit, save_unit  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
UNIT = Unit(
    role=Role.COMMUNE, code="26734", name="Xã Tân Phú", province_name="Tỉnh Đồng Nai", province_code="75",
    reviewer_code="75", reviewer_name="Sở Nội vụ tỉnh Đồng Nai", place="Tân Phú", signer_name="Nguyễn Văn An",
)
# Stands for a signed PDF: the fixtures test storage, not signatures.
FAKE_PDF = b"%PDF-1.7\n% fixture: stands for a signed document\n%%EOF\n"


def fixture_path(version: int, folder: Path = FIXTURES) -> Path:
    return folder / f"schema-{version}.sqlite3"


def build(version: int, target: Path) -> None:
    names = known_names()
    if not 1 <= version <= len(names):
        raise SystemExit(f"schema {version} does not exist (1..{len(names)})")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    tmp.unlink(missing_ok=True)
    conn = sqlite3.connect(str(tmp), isolation_level=None)
    db = Database(conn)
    db.execute("PRAGMA foreign_keys=ON")
    migrations.apply(db, stop_before=names[version] if version < len(names) else None)
    db.execute(f"PRAGMA user_version={version}")  # what migrate() of that version left
    _fill(db, version)
    db.execute("PRAGMA journal_mode=DELETE")
    db.execute("VACUUM")
    conn.close()
    tmp.replace(target)


def _fill(db: Database, version: int) -> None:
    moment = dt.datetime(2026, 1, 5, 9, 0, tzinfo=VIETNAM) + dt.timedelta(days=version)

    def clock() -> dt.datetime:
        nonlocal moment
        moment += dt.timedelta(minutes=7)
        return moment

    forms = FormRegistry(db)
    with db.atomic():
        forms.install_builtins(iso(clock()))
        save_unit(db, UNIT, iso(clock()))
    store = ReportStore(db, forms, UNIT, actor="fixture", clock=clock)
    rng = random.Random(f"fixture-{version}")
    ids: dict[str, int] = {}
    for period in ("2025-10", "2025-11", "2025-12"):
        report = store.create(period, "cchc-xa")
        values: dict[str, Any] = _figures(rng, 6)
        values.update(_narratives(store, report, values, rng))
        report = store.set_values(report.id, values)
        _acknowledge_warnings(store, report)
        ids[period] = report.id
    store.finalize(ids["2025-10"])
    store.mark_signed(ids["2025-10"], FAKE_PDF, "ab" * 32)
    store.finalize(ids["2025-11"])
    # The draft keeps an edit typed in decomposed Unicode (stored NFC).
    store.set_values(ids["2025-12"], {"next_tasks": unicodedata.normalize("NFD", "Tiếp tục cải cách thủ tục hành chính.")})
    if version >= 2:  # m002_sync: the October report went out in a package
        now = iso(clock())
        uid = store.get(ids["2025-10"]).uid
        with db.atomic():
            db.execute(
                "INSERT INTO packages (package_id, kind, direction, sender_code, recipient_code, sha256, file_name,"
                " created_at, processed_at, source, report_count) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                ("f1" * 16, "submission", "out", UNIT.code, "75", "cd" * 32, "26734_2025-10_f1f1f1f1.cchc", now, now,
                 "exports", 1),
            )
            db.execute("INSERT INTO package_reports (package_id, report_uid) VALUES (?, ?)", ("f1" * 16, uid))
            store.mark_sent([ids["2025-10"]], "f1" * 16)
    if version >= 3:  # m003_feedback: the reviewer's receipt came back
        now = iso(clock())
        uid = store.get(ids["2025-10"]).uid
        with db.atomic():
            db.execute(
                "INSERT INTO packages (package_id, kind, direction, sender_code, recipient_code, sha256, file_name,"
                " created_at, processed_at, source, report_count) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                ("e2" * 16, "feedback", "in", "75", UNIT.code, "ef" * 32, "75_26734_e2e2e2e2.cchc", now, now, "", 1),
            )
            db.execute("INSERT INTO feedback_items (package_id, report_uid, status) VALUES (?,?,?)",
                       ("e2" * 16, uid, "received"))
            db.execute("UPDATE reports SET receipt_at = ? WHERE uid = ?", (now, uid))
            audit.append(db, at=now, actor="fixture", report_id=ids["2025-10"], action="receipt",
                         detail={"package": "e2" * 16})
    if version >= 5:  # m005_trust: the receipt made it "received"; the reviewer sent a calendar
        now = iso(clock())
        with db.atomic():
            db.execute("UPDATE reports SET status = 'received' WHERE id = ?", (ids["2025-10"],))
            audit.append(db, at=now, actor="fixture", report_id=ids["2025-10"], action="received",
                         detail={"package": "e2" * 16})
            source = '# fixture\nformat = 1\nissued_on = 2025-12-01\n[[year]]\nyear = 2026\nsource = "fixture"\n'
            db.execute("INSERT INTO calendars (sha256, source, issued_on, origin, installed_at) VALUES (?,?,?,?,?)",
                       ("ca" * 32, source, "2025-12-01", "reviewer", now))
    if version >= 6:  # m006_evidence: a draft scoring report with one evidence file and an explanation
        scoring = store.create("2025", "tu-cham-diem-xa")
        store.set_values(scoring.id, {"s1_plan_on_time": 2, "s1_communication": 1})
        now = iso(clock())
        with db.atomic():
            db.execute("INSERT INTO evidence_files (sha256, size, media_type, stored_at) VALUES (?,?,?,?)",
                       ("ee" * 32, len(FAKE_PDF), "application/pdf", now))
            db.execute("INSERT INTO evidence (report_id, field, sha256, name, doc_number, doc_date, title, page,"
                       " added_at) VALUES (?,?,?,?,?,?,?,?,?)",
                       (scoring.id, "s1_plan_on_time", "ee" * 32, "ke-hoach.pdf", "12/KH-UBND", "2024-12-20",
                        "Kế hoạch CCHC năm 2025", "trang 1", now))
            db.execute("INSERT INTO explanations (report_id, field, text, updated_at) VALUES (?,?,?,?)",
                       (scoring.id, "s1_communication", "Hình ảnh lưu tại trang thông tin điện tử của xã.", now))

    if "m007_appraisal" in known_names()[:version]:  # the province's appraisal came back in feedback
        now = iso(clock())
        with db.atomic():
            db.execute("INSERT INTO appraisal_rounds (form_id, period, deadline, sent_at, finalised_at, revision)"
                       " VALUES (?,?,?,?,?,?)", ("tu-cham-diem-xa", "2025", "2026-02-20", now, None, 1))
            db.execute("INSERT INTO appraisal_scores (unit_code, form_id, period, field_id, points, self_points, reason,"
                       " source, appraiser, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                       (UNIT.code, "tu-cham-diem-xa", "2025", "s1_plan_on_time", 1.0, 2.0,
                        "Kế hoạch ban hành sau ngày 31/12", "appraisal", "Sở Nội vụ", now))
            audit.append(db, at=now, actor="fixture", report_id=None, action="appraisal_received",
                         detail={"form": "tu-cham-diem-xa", "period": "2025", "criteria": 1, "final": False})

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", type=int, action="append", default=[], metavar="N", help="remake schema-N")
    parser.add_argument("--upto", type=int, default=None, metavar="N", help="stop at schema-N")
    parser.add_argument("--out", type=Path, default=FIXTURES)
    args = parser.parse_args(argv)
    for version in range(1, (args.upto or len(known_names())) + 1):
        target = fixture_path(version, args.out)
        if target.exists() and version not in args.force:
            continue
        build(version, target)
        print(f"wrote {target} ({target.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
