"""The settings of an installation: one declarative table, checked by one test.

Each entry has its type, default, and a description in Vietnamese and English; values are
stored as JSON in the ``settings`` table. ``cchc config list|get|set`` and the desktop's
settings dialog both read this table.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reports.errors import CchcError

if TYPE_CHECKING:
    from reports.storage.database import Database


class SettingError(CchcError):
    code = "settings.invalid"
    vi = "Cài đặt “{key}”: {reason_vi}"
    en = "Setting “{key}”: {reason_en}"


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: Any
    description_vi: str
    description_en: str
    choices: tuple[Any, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    secret: bool = False

    def check(self, value: Any) -> Any:
        if self.type is bool and isinstance(value, str):
            value = {"true": True, "1": True, "có": True, "false": False, "0": False, "không": False}.get(
                value.strip().lower(), value
            )
        if self.type is int and isinstance(value, str):
            try:
                value = int(value.strip())
            except ValueError as exc:
                raise SettingError(key=self.key, reason_vi="phải là số nguyên.", reason_en="must be a whole number.") from exc
        if not isinstance(value, self.type) or (self.type is int and isinstance(value, bool)):
            raise SettingError(key=self.key, reason_vi="sai kiểu giá trị.", reason_en="has the wrong type.")
        if self.choices and value not in self.choices:
            allowed = ", ".join(str(c) for c in self.choices)
            raise SettingError(key=self.key, reason_vi=f"chỉ nhận: {allowed}.", reason_en=f"allowed: {allowed}.")
        number: Any = value
        if (self.minimum is not None and number < self.minimum) or (self.maximum is not None and number > self.maximum):
            rng = f"{self.minimum}..{self.maximum}"
            raise SettingError(key=self.key, reason_vi=f"phải trong khoảng {rng}.", reason_en=f"must be within {rng}.")
        return value


SETTINGS: tuple[Setting, ...] = (
    Setting("language", str, "vi", "Ngôn ngữ giao diện", "Interface language", choices=("vi", "en")),
    Setting("text_size", str, "normal", "Cỡ chữ", "Text size", choices=("normal", "large", "very_large")),
    Setting("period_kind", str, "month", "Loại kỳ báo cáo thường dùng", "Usual reporting period",
            choices=("month", "quarter", "half", "nine_months", "year")),
    Setting("default_form", str, "cchc-xa", "Biểu mẫu báo cáo mặc định", "Default report form"),
    Setting("cutoff_day", int, 14, "Ngày chốt số liệu (ngày cuối cùng của kỳ)", "Data cut-off day (last day of the period)",
            minimum=1, maximum=28),
    Setting("deadline_working_days", int, 2, "Hạn gửi: số ngày làm việc sau ngày chốt",
            "Deadline: working days after cut-off", minimum=0, maximum=30),
    Setting("deadline_day", int, 0, "Hạn gửi: ngày cố định trong tháng (0 = theo số ngày làm việc)",
            "Deadline: fixed day of the month (0 = use working days)", minimum=0, maximum=28),
    Setting("copies_to", str, "Như trên;\nTT Đảng ủy, HĐND xã;\nChủ tịch, các PCT UBND xã;",
            "Nơi nhận (mỗi dòng một nơi)", "Recipients of copies (one per line)"),
    Setting("archive_units", str, "VT, VHXH", "Lưu (văn thư, đơn vị soạn thảo)", "Archive mark (filing units)"),
    Setting("signing_method", str, "self", "Cách ký số", "Signing method", choices=("self", "p12", "pkcs11")),
    Setting("p12_path", str, "", "Tệp chứng thư số (.p12/.pfx)", "Certificate file (.p12/.pfx)"),
    Setting("pkcs11_module", str, "", "Thư viện PKCS#11 của USB ký số", "PKCS#11 library of the signing token"),
    Setting("pkcs11_token_label", str, "", "Tên USB ký số (token label)", "Token label"),
    Setting("pkcs11_raw_mechanism", bool, False, "USB ký số chỉ hỗ trợ ECDSA thô", "Token offers only raw ECDSA"),
    Setting("timestamp_url", str, "", "Máy chủ cấp dấu thời gian (để trống nếu không dùng)", "Timestamp server (empty: none)"),
    Setting("signature_image", str, "", "Ảnh chữ ký (PNG nền trong, màu xanh)", "Signature image (transparent PNG, blue)"),
    Setting("seal_image", str, "", "Ảnh con dấu (PNG nền trong, màu đỏ)", "Seal image (transparent PNG, red)"),
    Setting("export_folder", str, "", "Thư mục lưu gói gửi", "Folder for outgoing packages"),
    Setting("backup_folder", str, "", "Thư mục sao lưu thứ hai (ví dụ USB)", "Second backup folder (e.g. a USB stick)"),
    Setting("watch_folder", str, "", "Thư mục tự động nhận gói", "Folder watched for incoming packages"),
    # The outbox (docs/outbox.md). Passwords are never settings: `cchc outbox password KEY`.
    Setting("outbox_transport", str, "none", "Cách gửi gói tự động (none: chưa gửi tự động)",
            "How packages are sent automatically (none: not sent automatically)",
            choices=("none", "email", "webdav", "folder")),
    Setting("smtp_host", str, "", "Máy chủ gửi thư (SMTP)", "Outgoing mail server (SMTP)"),
    Setting("smtp_port", int, 587, "Cổng máy chủ gửi thư", "Outgoing mail server port", minimum=1, maximum=65535),
    Setting("smtp_security", str, "starttls", "Bảo mật khi gửi thư", "Outgoing mail security",
            choices=("starttls", "ssl", "none")),
    Setting("smtp_user", str, "", "Tên đăng nhập hộp thư gửi", "Outgoing mail login"),
    Setting("sender_email", str, "", "Địa chỉ thư người gửi (để trống: dùng tên đăng nhập)",
            "Sender's e-mail address (empty: the login)"),
    Setting("reviewer_email", str, "", "Địa chỉ thư nhận báo cáo của cơ quan cấp trên", "The reviewer's e-mail address"),
    Setting("attachment_limit_mb", int, 10, "Giới hạn tệp đính kèm (MB)", "Attachment size limit (MB)",
            minimum=1, maximum=100),
    Setting("evidence_max_mb", int, 20, "Dung lượng tối đa của một tệp tài liệu kiểm chứng (MB)",
            "Largest evidence file (MB)", minimum=1, maximum=100),
    Setting("webdav_url", str, "", "Thư mục trên máy chủ chung (WebDAV, https://…)", "Shared server folder (WebDAV, https://…)"),
    Setting("webdav_user", str, "", "Tên đăng nhập máy chủ chung", "Shared server login"),
    Setting("outbox_folder", str, "", "Thư mục gửi gói (ổ mạng, thư mục đồng bộ, USB)",
            "Folder packages are copied to (network drive, synced folder, USB stick)"),
    Setting("imap_host", str, "", "Máy chủ nhận thư (IMAP)", "Incoming mail server (IMAP)"),
    Setting("imap_port", int, 993, "Cổng máy chủ nhận thư", "Incoming mail server port", minimum=1, maximum=65535),
    Setting("imap_security", str, "ssl", "Bảo mật khi nhận thư", "Incoming mail security",
            choices=("ssl", "starttls", "none")),
    Setting("imap_user", str, "", "Tên đăng nhập hộp thư nhận", "Incoming mail login"),
    Setting("imap_folder", str, "INBOX", "Thư mục thư cần đọc gói", "Mail folder to read packages from"),
    Setting("imap_processed_folder", str, "CCHC-da-nhan", "Thư mục chuyển thư đã nhận gói vào",
            "Mail folder that processed messages are moved to"),
    # Part III from the one-stop shop's statistics (reports/intake/part3.py): the columns chosen
    # last time, so next month's file of the same software needs one click.
    Setting("one_stop_columns", str, "", "Cột của tệp thống kê một cửa cho từng chỉ tiêu phần III (lần nhập trước)",
            "Columns of the one-stop-shop statistics file for each Part III field (last import)"),
)
BY_KEY = {s.key: s for s in SETTINGS}

# What a reviewer's installation starts with where a commune's default would name the
# commune's bodies: the Department's consolidated report goes to the Ministry and stays
# with the Department's own reform office.
REVIEWER_DEFAULTS: dict[str, str] = {
    "copies_to": "Như trên;\nBộ Nội vụ (để báo cáo);\nGiám đốc, các Phó Giám đốc Sở;",
    "archive_units": "VT, CCHC",
}


class Settings:
    """Typed access to the ``settings`` table."""

    def __init__(self, db: Database, on_change: Callable[[str, Any], None] | None = None) -> None:
        self._db = db
        self._on_change = on_change

    def get(self, key: str) -> Any:
        spec = self._spec(key)
        row = self._db.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        if row is None:
            return spec.default
        try:
            return spec.check(json.loads(row[0]))
        except (CchcError, ValueError):
            return spec.default  # a bad stored value must not stop the program

    def set(self, key: str, value: Any) -> Any:
        spec = self._spec(key)
        value = spec.check(value)
        self._db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, json.dumps(value, ensure_ascii=False)),
        )
        if self._on_change:
            self._on_change(key, value)
        return value

    def set_if_unset(self, key: str, value: Any) -> None:
        """Store ``value`` unless the installation already chose one (a default for a role)."""
        if self._db.execute("SELECT 1 FROM settings WHERE key = ?", (key,)).fetchone() is None:
            self.set(key, value)

    def all(self) -> dict[str, Any]:
        return {s.key: self.get(s.key) for s in SETTINGS}

    @staticmethod
    def _spec(key: str) -> Setting:
        try:
            return BY_KEY[key]
        except KeyError:
            raise SettingError(key=key, reason_vi="không có cài đặt này.", reason_en="no such setting.") from None
