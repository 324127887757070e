"""What can go wrong while appraising, each with what to do."""

from __future__ import annotations

from reports.errors import CchcError


class NotAScoringReportError(CchcError):
    code = "appraisal.not_scoring_report"
    exit_code = 1
    vi = "Báo cáo số {report_id} không phải phiếu tự chấm điểm Chỉ số CCHC của xã gửi lên. Hãy chọn phiếu chấm điểm (cchc report list)."
    en = "Report {report_id} is not a commune's PAR-index scoring report. Choose a scoring report (cchc report list)."


class UnknownCriterionError(CchcError):
    code = "appraisal.unknown_criterion"
    exit_code = 1
    vi = "Bộ tiêu chí {form} không có tiêu chí thành phần “{field}”. Xem danh sách bằng cchc appraise show {report_id}."
    en = "Criteria set {form} has no sub-criterion “{field}”. List them with cchc appraise show {report_id}."


class PointsOutOfRangeError(CchcError):
    code = "appraisal.points_out_of_range"
    exit_code = 1
    vi = "Điểm thẩm định của “{label}” phải từ 0 đến {max}; “{points}” không hợp lệ."
    en = "The appraised points of “{label}” must be from 0 to {max}; “{points}” is not valid."


class ReasonRequiredError(CchcError):
    code = "appraisal.reason_required"
    exit_code = 1
    vi = "Điểm thẩm định của “{label}” ({points}) khác điểm xã tự chấm ({self_points}): hãy ghi lý do (--reason) để xã biết vì sao."
    en = "The appraised points of “{label}” ({points}) differ from the self-score ({self_points}): give a reason (--reason)."


class ScoresLockedError(CchcError):
    code = "appraisal.locked"
    exit_code = 1
    vi = ("Kết quả Chỉ số CCHC {form} kỳ {period} đã chốt ngày {finalised}. Muốn sửa, hãy mở lại bằng "
          "cchc appraise reopen --period {period} --reason “lý do” (ghi vào nhật ký), sửa rồi chốt lại.")
    en = ("The PAR-index result of {form} for {period} was locked on {finalised}. To change it, reopen it with "
          "cchc appraise reopen --period {period} --reason “why” (kept in the audit log), change it and lock it again.")


class AppraisalIncompleteError(CchcError):
    code = "appraisal.incomplete"
    exit_code = 1
    vi = ("Chưa thể chốt kết quả: còn {count} xã chưa thẩm định xong.\n{problems}\nHãy thẩm định từng tiêu chí "
          "(cchc appraise BÁO_CÁO TIÊU_CHÍ=ĐIỂM --reason …) hoặc đồng ý với điểm tự chấm (cchc appraise BÁO_CÁO --agree), "
          "và nhập điểm khảo sát (cchc appraise import-survey).")
    en = ("The result cannot be locked yet: {count} communes are not fully appraised.\n{problems}\nAppraise each "
          "criterion (cchc appraise REPORT FIELD=POINTS --reason …) or agree with the self-score (cchc appraise REPORT --agree), "
          "and import the survey points (cchc appraise import-survey).")


class NoScoringReportsError(CchcError):
    code = "appraisal.nothing_received"
    exit_code = 1
    vi = "Chưa nhận phiếu tự chấm điểm nào của kỳ {period}{form_note}. Hãy nhận gói của các xã trước (cchc import)."
    en = "No scoring report received for {period}{form_note}. Import the communes' packages first (cchc import)."


class ReviewerOnlyAppraisalError(CchcError):
    code = "appraisal.reviewer_only"
    vi = "Chỉ cơ quan nhận báo cáo (Sở Nội vụ) mới thẩm định, xếp hạng Chỉ số CCHC."
    en = "Only the reviewing office appraises and ranks the PAR index."


class SurveySheetError(CchcError):
    code = "appraisal.survey_sheet"
    exit_code = 1
    vi = "Tệp {file}, dòng {row}, cột “{column}”: {reason}"
    en = "File {file}, row {row}, column “{column}”: {reason_en}"
