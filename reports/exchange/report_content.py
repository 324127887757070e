"""What a received report may hold, judged from its content alone.

The package signature proves which installation sent a report, not that its content is
honest: a trusted commune can run a modified program and sign whatever it likes. So the
reviewer accepts only what the commune's own program could have stored and finalised on the
definition the report names: every value is one its field allows, in the very form the
program stores it (NFC text, whole counts, a listed choice, a self-score within its maximum);
no field the form does not have; every rule that stops finalising holds (an error, an empty
required field, a warning nobody acknowledged); a period the form is made for, in canonical
spelling, not far in the future; a plausible revision and document number. Anything else is
refused with the first thing wrong, named, and the database stays as it was.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from forms.definition import FieldType, FormDefinition
from forms.engine import ValueProblem, coerce, evaluate
from forms.periods import Period, PeriodError
from forms.problems import blocking, build_problems
from reports.exchange.packages import OpenedPackage
from reports.exchange.packages.errors import RejectionReason
from reports.exchange.packages.manifest import is_unit_name
from reports.exchange.receiving import ImportRejection, reject
from reports.storage.lifecycle import Status

MAX_REVISION = 999  # an amendment a month for eighty years
MAX_DOC_NUMBER = 99_999
MAX_ACKS = 500
MAX_ACK_NOTE = 2_000
# A period whose data window opens more than a quarter from now cannot be a real report; one a
# few weeks ahead can be a commune preparing early or a cut-off setting that differs, and the
# reviewer sees its period anyway.
FUTURE_MARGIN = dt.timedelta(days=92)


def stored_fields(definition: FormDefinition) -> set[str]:
    """The ids a commune's program stores values under: typed fields, self-scores and the
    scores computed from its filed reports (never computed fields or the province's scores)."""
    return {
        f.id
        for f in definition.iter_fields()
        if not f.computed and not (f.type is FieldType.SCORE and not f.self_scored and not f.from_reports)
    }


def _as_stored(value: Any) -> str | None:
    """The JSON text the program would store ``value`` as (3 and 3.0, true and 1 differ); None
    for what JSON cannot hold (NaN, infinities)."""
    try:
        return json.dumps(value, ensure_ascii=False, sort_keys=True, allow_nan=False)
    except (TypeError, ValueError, RecursionError):
        return None


def _same_as_stored(clean: Any, value: Any) -> bool:
    if type(clean) is type(value) and isinstance(value, (int, str)):  # the usual case, without JSON
        return bool(clean == value)
    stored = _as_stored(value)
    return stored is not None and _as_stored(clean) == stored


def value_problem(definition: FormDefinition, values: Mapping[str, Any]) -> tuple[str, str] | None:
    """(vi, en) of the first value the commune's program could not have stored, or None."""
    allowed = stored_fields(definition)
    fields = {f.id: f for f in definition.iter_fields()}
    for key in sorted(values, key=str):
        if key not in allowed:
            return (f"biểu mẫu không có chỉ tiêu nhập “{key[:60]}”.", f"the form has no input field “{key[:60]}”.")
        f = fields[key]
        try:
            clean = coerce(f, values[key], typed=False)
        except ValueProblem as p:
            return p.message("vi"), p.message("en")
        except (TypeError, ValueError, ArithmeticError, RecursionError):
            clean = None
        if clean is None or not _same_as_stored(clean, values[key]):
            return (f"giá trị của «{f.label}» không ở dạng chương trình lưu (kiểu, dạng chữ hoặc khoảng trắng khác).",
                    f"the value of “{f.label}” is not as the program stores it (type, text form or spaces differ).")
    return None


def _refuse(opened: OpenedPackage, name: str, period: str, vi: str, en: str, reason: RejectionReason) -> ImportRejection:
    return reject(opened, name, f"báo cáo kỳ {period}: {vi}", f"the {period} report: {en}", reason)


def check_report_content(opened: OpenedPackage, name: str, definition: FormDefinition, data: Mapping[str, Any],
                         status: Status, acks: Any, today: dt.date) -> None:
    """Refuse (``ImportRejection``) a report the commune's program could not have finalised
    on ``definition``. ``today``: the reviewer's local date (a period must have begun)."""
    period_text = str(data["period"])[:20]
    shown = period_text if period_text.isprintable() else repr(period_text)
    try:
        period = Period.parse(data["period"])
        if period.code != data["period"]:
            raise PeriodError(data["period"])
    except PeriodError:
        raise _refuse(opened, name, shown, "mã kỳ báo cáo không hợp lệ.", "the period code is not valid.",
                      RejectionReason.PERIOD_INVALID) from None
    if period.kind not in definition.period_kinds:
        raise _refuse(opened, name, shown, f"biểu mẫu {definition.id} không có loại kỳ này.",
                      f"form {definition.id} has no period of this kind.", RejectionReason.PERIOD_INVALID)
    if period.window()[0] > today + FUTURE_MARGIN:
        raise _refuse(opened, name, shown, "kỳ báo cáo còn chưa tới (đồng hồ hoặc chương trình của xã có thể sai).",
                      "the period is still far ahead (the commune's clock or program may be wrong).",
                      RejectionReason.PERIOD_INVALID)
    if status is Status.DRAFT:
        raise _refuse(opened, name, shown, "bản nháp không được gửi.", "a draft cannot be sent.",
                      RejectionReason.VALUES_INVALID)
    if not 1 <= data["revision"] <= MAX_REVISION:
        raise _refuse(opened, name, shown, f"lần báo cáo {data['revision']} không hợp lệ.",
                      f"revision {data['revision']} is not valid.", RejectionReason.VALUES_INVALID)
    number = data.get("doc_number")
    if number is not None and not 1 <= number <= MAX_DOC_NUMBER:
        raise _refuse(opened, name, shown, "số văn bản không hợp lệ.", "the document number is not valid.",
                      RejectionReason.VALUES_INVALID)
    issued = data.get("issued_on")
    if issued is not None and not dt.date(2000, 1, 1) <= dt.date.fromisoformat(issued) <= today + dt.timedelta(days=1):
        raise _refuse(opened, name, shown, "ngày ban hành nằm ngoài khoảng hợp lý.", "the issue date is not plausible.",
                      RejectionReason.VALUES_INVALID)
    unit_name = data.get("unit_name")
    if unit_name is not None and not is_unit_name(unit_name):
        raise _refuse(opened, name, shown, "tên đơn vị có ký tự không hợp lệ hoặc quá dài.",
                      "the unit name has invalid characters or is too long.", RejectionReason.VALUES_INVALID)
    if not isinstance(acks, dict) or len(acks) > MAX_ACKS or not all(
        isinstance(k, str) and isinstance(v, str) and len(v.strip()) > 0 and len(v) <= MAX_ACK_NOTE and len(k) <= 200
        for k, v in acks.items()
    ):
        raise _refuse(opened, name, shown, "phần xác nhận cảnh báo không đúng định dạng.",
                      "the warning acknowledgements are malformed.", RejectionReason.VALUES_INVALID)
    if (problem := value_problem(definition, data["values"])) is not None:
        raise _refuse(opened, name, shown, problem[0], problem[1], RejectionReason.VALUES_INVALID)
    evaluation = evaluate(definition, data["values"])
    errors, warnings = blocking(build_problems(definition, evaluation, acks))
    if errors or warnings:
        errors_en, warnings_en = blocking(build_problems(definition, evaluation, acks, lang="en"))
        vi = "; ".join(p.text for p in (*errors, *warnings)[:3])
        en = "; ".join(p.text for p in (*errors_en, *warnings_en)[:3])
        raise _refuse(opened, name, shown,
                      f"số liệu không qua kiểm tra của biểu mẫu, chương trình của xã không thể hoàn thành báo cáo này ({vi}).",
                      f"the figures fail the form's checks; the commune's program could not have finalised it ({en}).",
                      RejectionReason.CHECKS_FAILED)
