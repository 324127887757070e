"""The report store: creating, reading, editing and moving reports through their lifecycle.

Every change runs in one transaction together with its audit entry: either both are in the
file or neither is. Values are stored as JSON (NFC text, typed numbers) next to the indexed
columns the lists need.
"""

from __future__ import annotations

import builtins
import datetime as dt
import json
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from forms.periods import DeadlinePolicy, Period
from reports.clock import Clock, iso, local_date, parse_iso, system_clock
from reports.errors import CchcError, DataInvalidError
from reports.storage.database import Database
from reports.storage.form_registry import FormRegistry
from reports.storage.lifecycle import AMENDABLE, NotEditableError, Status, change_status, check_transition
from reports.storage.report import (
    Report,
    content_hash,
    parse_period,
    report_columns,
    report_from_row,
    values_json,
)
from reports.storage.unit import Unit

if TYPE_CHECKING:  # the form engine loads when values are computed or checked, not to list reports
    from forms.definition import FormDefinition
    from forms.engine import Evaluation
    from forms.heading import FormHeading


class ReportNotFoundError(CchcError):
    code = "report.not_found"
    vi = "Không có báo cáo số {report_id}. Xem danh sách bằng lệnh: cchc report list"
    en = "There is no report {report_id}. List them with: cchc report list"


class ReportExistsError(CchcError):
    code = "report.exists"
    vi = "Đã có báo cáo {form} kỳ {period} (số {report_id}). Hãy mở báo cáo đó, hoặc tạo bản sửa đổi."
    en = "A {form} report for {period} already exists (number {report_id}). Open it, or make an amended revision."
    exit_code = 1


class PeriodNotAllowedError(CchcError):
    code = "report.period_not_allowed"
    vi = "Biểu mẫu “{form}” không dùng cho kỳ “{period}”. Các loại kỳ được dùng: {allowed}."
    en = "Form “{form}” is not reported for period “{period}”. Allowed period kinds: {allowed}."


class FieldValueError(CchcError):
    code = "report.value_invalid"
    vi = "{message}"
    en = "{message_en}"
    exit_code = 1


class UnacknowledgedWarningsError(CchcError):
    code = "report.warnings_unacknowledged"
    vi = "Còn cảnh báo chưa được xác nhận:\n{problems}\nHãy kiểm tra lại; nếu số liệu đúng, xác nhận từng cảnh báo kèm ghi chú (nút “Xác nhận” bên cạnh cảnh báo; dòng lệnh: cchc report acknowledge {report_id} MÃ_CẢNH_BÁO --note \"…\")."
    en = "Some warnings are not acknowledged:\n{problems_en}\nCheck them; if the figures are right, acknowledge each with a note (the “Acknowledge” button beside the warning; command line: cchc report acknowledge {report_id} RULE --note \"…\")."
    exit_code = 1


class ReportStore:
    """The reports of one installation. Not thread-safe: the GUI calls it from its single
    database worker, the CLI from its one thread."""

    def __init__(
        self,
        db: Database,
        forms: FormRegistry,
        unit: Unit,
        *,
        actor: str,
        clock: Clock = system_clock,
        policy: DeadlinePolicy | None = None,
    ) -> None:
        self.db, self.forms, self.unit, self.actor, self.clock = db, forms, unit, actor, clock
        self.policy = policy or DeadlinePolicy()
        self._columns = report_columns(db)
        # Set by the composition root (Workspace): checks and follow-ups that belong to
        # services above storage (the PAR index's explanation rule and computed scores).
        self.finalise_checks: builtins.list[Callable[[Report], None]] = []
        self.on_finalised: builtins.list[Callable[[Report], None]] = []
        self.on_amended: builtins.list[Callable[[Report, Report], None]] = []

    # ------------------------------------------------------------ reading

    def get(self, report_id: int) -> Report:
        row = self.db.execute(f"SELECT {self._columns} FROM reports WHERE id = ?", (report_id,)).fetchone()
        if row is None:
            raise ReportNotFoundError(report_id=report_id)
        return report_from_row(row)

    def by_uid(self, uid: str) -> Report | None:
        row = self.db.execute(f"SELECT {self._columns} FROM reports WHERE uid = ?", (uid,)).fetchone()
        return report_from_row(row) if row else None

    def find(self, unit_code: str, form_id: str, period: str, revision: int | None = None) -> Report | None:
        sql = f"SELECT {self._columns} FROM reports WHERE unit_code = ? AND form_id = ? AND period = ?"
        args: list[Any] = [unit_code, form_id, period]
        if revision is not None:
            sql += " AND revision = ?"
            args.append(revision)
        row = self.db.execute(sql + " ORDER BY revision DESC LIMIT 1", args).fetchone()
        return report_from_row(row) if row else None

    def list(
        self,
        *,
        year: int | None = None,
        status: Status | None = None,
        unit_code: str | None = None,
        period: str | None = None,
        latest_only: bool = False,
    ) -> builtins.list[Report]:
        sql = f"SELECT {self._columns} FROM reports r WHERE 1=1"
        args: list[Any] = []
        if year is not None:
            sql += " AND substr(period, 1, 4) = ?"
            args.append(f"{year:04d}")
        if status is not None:
            sql += " AND status = ?"
            args.append(status.value)
        if unit_code is not None:
            sql += " AND unit_code = ?"
            args.append(unit_code)
        if period is not None:
            sql += " AND period = ?"
            args.append(period)
        if latest_only:
            sql += (
                " AND revision = (SELECT MAX(revision) FROM reports r2 WHERE r2.unit_code = r.unit_code"
                " AND r2.form_id = r.form_id AND r2.period = r.period)"
            )
        sql += " ORDER BY period DESC, unit_code, form_id, revision DESC"
        return [report_from_row(r) for r in self.db.execute(sql, args).fetchall()]

    def definition(self, report: Report) -> FormDefinition:
        return self.forms.get(report.form_id, report.form_version)

    def heading(self, report: Report) -> FormHeading:
        """What a list shows of the report's form, without parsing the definition."""
        return self.forms.heading(report.form_id, report.form_version)

    def evaluate(self, report: Report) -> Evaluation:
        from forms.engine import evaluate

        return evaluate(self.definition(report), report.values)

    def deadline(self, report: Report) -> dt.date:
        return self.policy.deadline(report.period)

    def is_late(self, report: Report) -> bool:
        """Judged by when the report was handed in: a received one by its arrival here."""
        submitted = report.submitted_at
        sent = local_date(parse_iso(submitted)) if submitted else None
        return self.policy.is_late(report.period, sent, local_date(self.clock()))

    # ------------------------------------------------------------ writing

    def _now(self) -> str:
        return iso(self.clock())

    def _audit(self, report_id: int | None, action: str, detail: dict[str, Any], at: str) -> None:
        from reports.storage import audit  # its records load with the first write, not at the window's start

        audit.append(self.db, at=at, actor=self.actor, report_id=report_id, action=action, detail=detail)

    def create(
        self, period: Period | str, form_id: str | None = None, *, copy_previous: bool = False
    ) -> Report:
        p = parse_period(period) if isinstance(period, str) else period
        d = self.forms.get(form_id or "cchc-xa")
        if p.kind not in d.period_kinds:
            raise PeriodNotAllowedError(
                form=d.title, period=p.code, allowed=", ".join(k.value for k in d.period_kinds)
            )
        existing = self.find(self.unit.code, d.id, p.code)
        if existing is not None:
            raise ReportExistsError(form=d.id, period=p.code, report_id=existing.id)
        values: dict[str, Any] = {}
        copied_from = None
        if copy_previous:
            prev = self._previous_report(d.id, p)
            if prev is not None:
                values = self._carry_over(d, prev)
                copied_from = prev.id
        now = self._now()
        import uuid  # here: uuid imports platform, ~10 ms of every command that only reads

        uid = uuid.uuid4().hex
        with self.db.atomic():
            cur = self.db.execute(
                "INSERT INTO reports (uid, unit_code, unit_name, form_id, form_version, period, period_kind, revision,"
                " status, values_json, content_sha256, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (uid, self.unit.code, self.unit.name, d.id, d.version, p.code, p.kind.value, 1, Status.DRAFT.value,
                 values_json(values), content_hash(d.id, d.version, p.code, 1, values), now, now),
            )
            rid = int(cur.lastrowid or 0)
            self._audit(rid, "create", {"period": p.code, "form": d.key, "copied_from": copied_from}, now)
        return self.get(rid)

    def _previous_report(self, form_id: str, period: Period) -> Report | None:
        row = self.db.execute(
            f"SELECT {self._columns} FROM reports WHERE unit_code = ? AND form_id = ? AND period < ? "
            "AND period_kind = ? ORDER BY period DESC, revision DESC LIMIT 1",
            (self.unit.code, form_id, period.code, period.kind.value),
        ).fetchone()
        return report_from_row(row) if row else None

    def _carry_over(self, d: FormDefinition, prev: Report) -> dict[str, Any]:
        """Figures to start from: last period's values for fields the form still has, and
        the files pending at the end of last period as this period's carried-over files."""
        known = {f.id for f in d.iter_fields() if not f.computed}
        values = {k: v for k, v in prev.values.items() if k in known}
        if "tthc_pending_total" in prev.values and "tthc_carried_over" in known:
            values["tthc_carried_over"] = prev.values["tthc_pending_total"]
        return values

    def set_values(self, report_id: int, changes: Mapping[str, Any]) -> Report:
        """Type-check and store edits; refuses the whole set if one value is wrong."""
        from forms.engine import ValueProblem, coerce

        report = self.get(report_id)
        if not report.editable:
            raise NotEditableError(
                current=report.status.label_vi, current_en=report.status.label_en, report_id=report_id
            )
        d = self.definition(report)
        fields = {f.id: f for f in d.iter_fields()}
        new_values = dict(report.values)
        diff: dict[str, list[Any]] = {}
        problems: list[ValueProblem] = []
        for key, raw in changes.items():
            f = fields.get(key)
            if f is None:
                problems.append(ValueProblem(key, "unknown_field", field=key, label=key))
                continue
            try:
                value = coerce(f, raw)
            except ValueProblem as p:
                problems.append(p)
                continue
            old = report.values.get(key)
            if value == old:
                continue
            if value is None:
                new_values.pop(key, None)
            else:
                new_values[key] = value
            diff[key] = [old, value]
        if problems:
            raise FieldValueError(
                message="\n".join(p.message("vi") for p in problems),
                message_en="\n".join(p.message("en") for p in problems),
            )
        if not diff:
            return report
        return self._write_values(report, new_values, diff, "edit")

    def set_computed_scores(self, report_id: int, points: Mapping[str, Any]) -> Report:
        """Store the scores computed from the filed reports (never typed; a draft only)."""
        from forms.engine import coerce

        report = self.get(report_id)
        if not report.editable:
            return report
        d = self.definition(report)
        new_values = dict(report.values)
        diff: dict[str, list[Any]] = {}
        for key, value in points.items():
            f = d.field(key)
            if not f.from_reports:
                raise ValueError(f"{key} is not computed from reports")
            value = None if value is None else coerce(f, value, typed=False)
            if report.values.get(key) == value:
                continue
            if value is None:
                new_values.pop(key, None)
            else:
                new_values[key] = value
            diff[key] = [report.values.get(key), value]
        if not diff:
            return report
        return self._write_values(report, new_values, diff, "compute")

    def replace_values(self, report_id: int, raw: Mapping[str, Any]) -> Report:
        """Import a whole set of values (``cchc report import-values``)."""
        from forms.engine import ValueProblem, coerce_all

        report = self.get(report_id)
        if not report.editable:
            raise NotEditableError(
                current=report.status.label_vi, current_en=report.status.label_en, report_id=report_id
            )
        try:
            values = coerce_all(self.definition(report), raw)
        except ValueProblem as p:
            raise FieldValueError(message=p.message("vi"), message_en=p.message("en")) from None
        values = {k: v for k, v in values.items() if v is not None}
        diff = {
            k: [report.values.get(k), values.get(k)]
            for k in set(values) | set(report.values)
            if report.values.get(k) != values.get(k)
        }
        if not diff:
            return report
        return self._write_values(report, values, diff, "import_values")

    def _write_values(self, report: Report, values: dict[str, Any], diff: dict[str, Any], action: str) -> Report:
        now = self._now()
        digest = content_hash(report.form_id, report.form_version, report.period.code, report.revision, values)
        with self.db.atomic():
            self.db.execute(
                "UPDATE reports SET values_json = ?, content_sha256 = ?, updated_at = ? WHERE id = ? AND status = 'draft'",
                (values_json(values), digest, now, report.id),
            )
            self._audit(report.id, action, {"changes": diff}, now)
        return self.get(report.id)

    def acknowledge(self, report_id: int, rule_id: str, note: str) -> Report:
        report = self.get(report_id)
        if not report.editable:
            raise NotEditableError(current=report.status.label_vi, current_en=report.status.label_en, report_id=report_id)
        ev = self.evaluate(report)
        if rule_id not in {w.rule_id for w in ev.warnings}:
            raise FieldValueError(
                message=f"Không có cảnh báo “{rule_id}” trong báo cáo này.",
                message_en=f"The report has no warning “{rule_id}”.",
            )
        note = note.strip()
        if not note:
            raise FieldValueError(
                message="Hãy ghi chú lý do khi xác nhận cảnh báo.", message_en="Give a note when acknowledging a warning."
            )
        acks = {**report.acks, rule_id: note}
        now = self._now()
        with self.db.atomic():
            self.db.execute(
                "UPDATE reports SET acks_json = ?, updated_at = ? WHERE id = ?",
                (json.dumps(acks, ensure_ascii=False, sort_keys=True), now, report_id),
            )
            self._audit(report_id, "acknowledge", {"rule": rule_id, "note": note}, now)
        return self.get(report_id)

    def _change_status(self, report: Report, target: Status, now: str, action: str, detail: dict[str, Any],
                       **columns: Any) -> None:
        change_status(self.db, report_id=report.id, current=report.status, target=target, at=now, actor=self.actor,
                      action=action, detail=detail, **columns)

    def finalize(self, report_id: int) -> Report:
        """Run every rule; refuse on errors or unacknowledged warnings; give a number."""
        from forms.problems import blocking, build_problems

        report = self.get(report_id)
        check_transition(report.status, Status.FINAL)
        # The same problem list as the editor's check panel and `cchc validate`.
        definition, ev = self.definition(report), self.evaluate(report)
        errors, open_warnings = blocking(build_problems(definition, ev, report.acks))
        if errors:
            errors_en = blocking(build_problems(definition, ev, report.acks, lang="en"))[0]
            raise DataInvalidError(
                problems="\n".join(f"- {p.text}" for p in errors),
                problems_en="\n".join(f"- {p.text}" for p in errors_en),
            )
        if open_warnings:
            warnings_en = blocking(build_problems(definition, ev, report.acks, lang="en"))[1]
            raise UnacknowledgedWarningsError(
                report_id=report_id,
                problems="\n".join(f"- [{p.rule_id}] {p.text}" for p in open_warnings),
                problems_en="\n".join(f"- [{p.rule_id}] {p.text}" for p in warnings_en),
            )
        for check in self.finalise_checks:
            check(report)
        now_dt = self.clock()
        now = iso(now_dt)
        today = local_date(now_dt)
        with self.db.atomic():
            number, year = report.doc_number, report.doc_year
            if number is None or year != today.year:
                year = today.year
                row = self.db.execute(
                    "SELECT COALESCE(MAX(number), 0) + 1 FROM doc_numbers WHERE unit_code = ? AND year = ?",
                    (report.unit_code, year),
                ).fetchone()
                number = int(row[0])
                self.db.execute(
                    "INSERT INTO doc_numbers (unit_code, year, number, report_id, assigned_at) VALUES (?,?,?,?,?)",
                    (report.unit_code, year, number, report.id, now),
                )
            self._change_status(
                report, Status.FINAL, now, "finalize", {"doc_number": number, "year": year, "content": report.content_sha256},
                finalized_at=now, doc_number=number, doc_year=year, issued_on=today.isoformat(),
            )
        final = self.get(report_id)
        for follow_up in self.on_finalised:
            follow_up(final)
        return final

    def reopen(self, report_id: int) -> Report:
        """A final report nobody has signed yet goes back to draft."""
        report = self.get(report_id)
        now = self._now()
        with self.db.atomic():
            self._change_status(report, Status.DRAFT, now, "reopen", {})
        return self.get(report_id)

    def mark_signed(self, report_id: int, pdf: bytes, signer_cert_sha256: str) -> Report:
        report = self.get(report_id)
        now = self._now()
        import hashlib  # loads OpenSSL: not at every start
        digest = hashlib.sha256(pdf).hexdigest()
        with self.db.atomic():
            self._change_status(
                report, Status.SIGNED, now, "sign", {"pdf_sha256": digest, "signer_cert_sha256": signer_cert_sha256},
                signed_at=now, signed_pdf=pdf, signed_pdf_sha256=digest, signer_cert_sha256=signer_cert_sha256,
            )
        return self.get(report_id)

    def signed_pdf(self, report_id: int) -> bytes | None:
        row = self.db.execute("SELECT signed_pdf FROM reports WHERE id = ?", (report_id,)).fetchone()
        if row is None:
            raise ReportNotFoundError(report_id=report_id)
        return bytes(row[0]) if row[0] is not None else None

    def mark_exported(self, report_ids: Iterable[int], package_id: str) -> None:
        """Written to a package (a folder, a USB stick, the outbox) but not gone yet: final and
        signed reports become "exported". Inside the caller's transaction."""
        now = self._now()
        for rid in report_ids:
            report = self.get(rid)
            if report.status in (Status.FINAL, Status.SIGNED):
                self._change_status(report, Status.EXPORTED, now, "export", {"package": package_id})
                continue
            if report.status is Status.DRAFT:  # exporting again what left before is fine; a draft is not
                check_transition(report.status, Status.EXPORTED)
            self._audit(rid, "export", {"package": package_id}, now)

    def mark_sent(self, report_ids: Iterable[int], package_id: str, *, how: str | None = None) -> builtins.list[int]:
        """The package left: the outbox delivered it (``how="outbox"``) or the official
        confirms handing over the USB stick or sending the e-mail (``"handed_over"``).
        Returns the reports that became "sent". Inside the caller's transaction."""
        now = self._now()
        changed: builtins.list[int] = []
        for rid in report_ids:
            report = self.get(rid)
            if report.status in (Status.FINAL, Status.SIGNED, Status.EXPORTED):
                detail = {"package": package_id} | ({"how": how} if how else {})
                self._change_status(report, Status.SENT, now, "send", detail, sent_at=now)
                changed.append(rid)
            elif report.status is Status.DRAFT:
                check_transition(report.status, Status.SENT)
        return changed

    def amend(self, report_id: int) -> Report:
        """A new draft revision from a finalised, signed, sent or decided report."""
        report = self.get(report_id)
        latest = self.find(report.unit_code, report.form_id, report.period.code)
        assert latest is not None
        if report.status not in AMENDABLE or latest.id != report.id:
            raise NotEditableError(current=report.status.label_vi, current_en=report.status.label_en, report_id=report_id)
        d = self.forms.get(report.form_id)  # the newest version of the form
        values = {k: v for k, v in report.values.items() if k in {f.id for f in d.iter_fields() if not f.computed}}
        now = self._now()
        import uuid  # here: uuid imports platform, ~10 ms of every command that only reads

        uid = uuid.uuid4().hex
        revision = report.revision + 1
        with self.db.atomic():
            cur = self.db.execute(
                "INSERT INTO reports (uid, unit_code, unit_name, form_id, form_version, period, period_kind, revision,"
                " status, values_json, content_sha256, supersedes, decision_comment, created_at, updated_at)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (uid, report.unit_code, report.unit_name, d.id, d.version, report.period.code, report.period.kind.value,
                 revision, Status.DRAFT.value, values_json(values),
                 content_hash(d.id, d.version, report.period.code, revision, values), report.id,
                 report.decision_comment if report.status is Status.RETURNED else "", now, now),
            )
            rid = int(cur.lastrowid or 0)
            self._audit(rid, "amend", {"from_report": report.id, "from_revision": report.revision}, now)
            new = self.get(rid)
            for follow_up in self.on_amended:
                follow_up(report, new)
        return new

    def history(self, report: Report) -> builtins.list[Report]:
        """Every revision of the same report, oldest first."""
        rows = self.db.execute(
            f"SELECT {self._columns} FROM reports WHERE unit_code = ? AND form_id = ? AND period = ? ORDER BY revision",
            (report.unit_code, report.form_id, report.period.code),
        ).fetchall()
        return [report_from_row(r) for r in rows]
