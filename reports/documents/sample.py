"""A filled-in monthly report of an imaginary commune, for previews, tests and the benchmark.

The figures are consistent with the form's rules and the narrative reads like a commune's
report (our own wording), long enough to run over several pages as a real one does.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from forms.definition import FormDefinition
from forms.engine import evaluate
from forms.periods import Period
from reports.documents.model import Issuer, ReportDocument, SignerBlock

SAMPLE_ISSUER = Issuer(
    body_parent="ỦY BAN NHÂN DÂN", body_name="XÃ TÂN PHÚ", place="Tân Phú", symbol="BC-UBND"
)
SAMPLE_SIGNER = SignerBlock(authority="TM. ỦY BAN NHÂN DÂN", position="CHỦ TỊCH", name="Nguyễn Văn Hưởng")
SAMPLE_COPIES = ("Sở Nội vụ tỉnh Đồng Nai (b/c);", "TT Đảng ủy, HĐND xã;", "Chủ tịch, các PCT UBND xã;")

SAMPLE_VALUES: dict[str, Any] = {
    "plan_issued": "yes",
    "plan_reference": "Kế hoạch số 12/KH-UBND ngày 10/01/2026",
    "meetings_held": 2,
    "tasks_planned": 14,
    "tasks_completed": 13,
    "inspections_planned": 2,
    "inspections_done": 2,
    "communication_activities": 9,
    "direction_results": (
        "Ủy ban nhân dân xã tiếp tục quán triệt các văn bản chỉ đạo của cấp trên về cải cách hành chính "
        "đến từng cán bộ, công chức; phân công cụ thể người phụ trách từng nhiệm vụ, thời hạn hoàn thành "
        "và kết quả phải đạt trong tháng.\n"
        "Trong tháng, xã tổ chức 02 cuộc họp giao ban có nội dung cải cách hành chính, đánh giá tiến độ "
        "thực hiện kế hoạch năm, chỉ ra những việc còn chậm và giao bộ phận Văn hóa - Xã hội đôn đốc, "
        "tổng hợp báo cáo hằng tuần.\n"
        "Công tác tuyên truyền được đẩy mạnh bằng nhiều hình thức: phát tin trên hệ thống loa truyền "
        "thanh của các ấp, đăng bài trên trang thông tin điện tử của xã, lồng ghép vào các buổi sinh hoạt "
        "của Mặt trận và các đoàn thể; hướng dẫn người dân cài đặt, sử dụng ứng dụng định danh điện tử "
        "và nộp hồ sơ trực tuyến tại nhà."
    ),
    "direction_shortcomings": (
        "Một số nhiệm vụ trong kế hoạch còn chậm so với thời gian đề ra; việc báo cáo của một vài bộ "
        "phận chuyên môn chưa kịp thời, số liệu có lúc chưa khớp giữa các biểu mẫu."
    ),
    "direction_causes": (
        "Khối lượng công việc sau khi sắp xếp tổ chức bộ máy lớn, một số công chức kiêm nhiệm nhiều "
        "lĩnh vực; trang thiết bị phục vụ công tác chuyên môn có nơi đã xuống cấp."
    ),
    "legal_docs_issued": 1,
    "legal_docs_reviewed": 6,
    "legal_docs_to_amend": 1,
    "institution_results": (
        "Xã ban hành 01 nghị quyết về phân bổ dự toán bổ sung, bảo đảm đúng thẩm quyền, trình tự, thủ "
        "tục; hoàn thành rà soát 06 văn bản do xã ban hành trước đây, đề xuất bãi bỏ 01 văn bản không "
        "còn phù hợp với quy định hiện hành."
    ),
    "tthc_published": 112,
    "tthc_received_total": 1234,
    "tthc_received_online": 987,
    "tthc_received_direct": 219,
    "tthc_carried_over": 28,
    "tthc_resolved_total": 1198,
    "tthc_resolved_early": 402,
    "tthc_resolved_on_time": 791,
    "tthc_resolved_late": 5,
    "tthc_pending_total": 36,
    "tthc_pending_within": 35,
    "tthc_pending_overdue": 1,
    "feedback_received": 3,
    "feedback_handled": 3,
    "tthc_by_domain": [
        {"domain": "Hộ tịch", "received": 512, "resolved_on_time": 498, "resolved_late": 2},
        {"domain": "Chứng thực", "received": 436, "resolved_on_time": 436, "resolved_late": 0},
        {"domain": "Đất đai", "received": 97, "resolved_on_time": 81, "resolved_late": 3},
        {"domain": "Bảo trợ xã hội", "received": 64, "resolved_on_time": 61, "resolved_late": 0},
        {"domain": "Người có công", "received": 41, "resolved_on_time": 41, "resolved_late": 0},
        {"domain": "Xây dựng", "received": 38, "resolved_on_time": 30, "resolved_late": 0},
        {
            "domain": "Thành lập và hoạt động của hộ kinh doanh",
            "received": 46,
            "resolved_on_time": 46,
            "resolved_late": 0,
        },
    ],
    "procedure_results": (
        "Bộ phận Một cửa của xã tiếp nhận và giải quyết hồ sơ đúng quy trình, công khai đầy đủ 112 thủ "
        "tục hành chính tại trụ sở và trên trang thông tin điện tử. Tỷ lệ hồ sơ giải quyết đúng hạn và "
        "trước hạn đạt trên 99%; các hồ sơ trễ hạn đều có văn bản xin lỗi người dân theo quy định.\n"
        "Xã bố trí công chức hướng dẫn người dân nộp hồ sơ trực tuyến ngay tại Bộ phận Một cửa, nhờ đó "
        "tỷ lệ hồ sơ nộp trực tuyến tiếp tục tăng; việc số hóa hồ sơ, kết quả giải quyết được thực hiện "
        "song song với quá trình tiếp nhận.\n"
        "Trong tháng tiếp nhận 03 phản ánh, kiến nghị của người dân liên quan đến thời gian giải quyết "
        "hồ sơ đất đai; xã đã kiểm tra, trả lời bằng văn bản và chấn chỉnh kịp thời."
    ),
    "procedure_shortcomings": (
        "Vẫn còn 05 hồ sơ giải quyết quá hạn và 01 hồ sơ đang giải quyết đã quá hạn, chủ yếu thuộc lĩnh "
        "vực đất đai do phải xác minh nguồn gốc sử dụng đất."
    ),
    "procedure_causes": (
        "Hồ sơ đất đai phức tạp, cần phối hợp với nhiều cơ quan; một bộ phận người dân cao tuổi còn "
        "ngại sử dụng dịch vụ công trực tuyến."
    ),
    "staff_officials": 11,
    "staff_civil_servants": 19,
    "job_positions_approved": "yes",
    "organisation_results": (
        "Bộ máy của xã sau sắp xếp hoạt động ổn định; chức năng, nhiệm vụ của từng bộ phận được phân "
        "định rõ, không chồng chéo."
    ),
    "staff_trained": 18,
    "staff_disciplined": 0,
    "civil_service_results": (
        "Cử 18 lượt cán bộ, công chức tham gia các lớp bồi dưỡng về chuyển đổi số và kỹ năng giải "
        "quyết thủ tục hành chính; duy trì kiểm tra giờ giấc làm việc, chấn chỉnh thái độ phục vụ."
    ),
    "budget_published": "yes",
    "recurrent_savings": 125.5,
    "finance_results": (
        "Công khai dự toán ngân sách năm và báo cáo thực hiện ngân sách quý đúng thời hạn; thực hiện "
        "tiết kiệm chi thường xuyên, ưu tiên kinh phí cho ứng dụng công nghệ thông tin."
    ),
    "online_services_full": 87,
    "online_services_partial": 25,
    "records_digitised": 1150,
    "online_payments": 342,
    "signed_documents": 416,
    "egov_results": (
        "100% văn bản đi của xã (trừ văn bản mật) được ký số và gửi trên môi trường mạng; hệ thống "
        "quản lý văn bản và điều hành được sử dụng thường xuyên.\n"
        "Tổ công nghệ số cộng đồng ở các ấp tiếp tục hỗ trợ người dân kích hoạt tài khoản định danh "
        "điện tử mức độ 2, thanh toán không dùng tiền mặt và sử dụng dịch vụ công trực tuyến."
    ),
    "egov_shortcomings": "Đường truyền mạng tại trụ sở có lúc chập chờn, ảnh hưởng đến việc tiếp nhận hồ sơ.",
    "next_tasks": (
        "Tiếp tục thực hiện các nhiệm vụ còn lại của kế hoạch cải cách hành chính năm; nâng cao chất "
        "lượng giải quyết thủ tục hành chính, phấn đấu không còn hồ sơ quá hạn.\n"
        "Đẩy mạnh tuyên truyền, hướng dẫn người dân sử dụng dịch vụ công trực tuyến toàn trình và "
        "thanh toán trực tuyến phí, lệ phí.\n"
        "Hoàn thành số hóa hồ sơ, kết quả giải quyết thủ tục hành chính còn tồn đọng của các năm trước."
    ),
    "proposals": (
        "Đề nghị Sở Nội vụ tổ chức các lớp bồi dưỡng kỹ năng cải cách hành chính cho công chức cấp xã; "
        "đề nghị nâng cấp đường truyền và trang bị thêm máy quét tài liệu cho Bộ phận Một cửa."
    ),
}


def sample_document(definition: FormDefinition, **changes: Any) -> ReportDocument:
    """The sample monthly report on ``definition`` (the commune CCHC report), evaluated."""
    known = {f.id for f in definition.iter_fields()}
    values = evaluate(definition, {k: v for k, v in SAMPLE_VALUES.items() if k in known}).values
    fields: dict[str, Any] = {
        "definition": definition,
        "values": values,
        "period": Period.month(2026, 11),
        "issuer": SAMPLE_ISSUER,
        "signer": SAMPLE_SIGNER,
        "recipient": "Sở Nội vụ tỉnh Đồng Nai",
        "number": 5,
        "issued_on": dt.date(2026, 11, 17),
        "copies_to": ("Như trên;", *SAMPLE_COPIES[1:]),
        "archive_units": ("VT", "VHXH"),
        "draft": False,
        "revision": 1,
        "author_unit_code": "26734",
        "unit_name": "UBND xã Tân Phú",
        "created_at": dt.datetime(2026, 11, 17, 8, 30, tzinfo=dt.UTC),
    }
    fields.update(changes)
    return ReportDocument(**fields)
