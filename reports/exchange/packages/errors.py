"""Why a package is refused, and why one cannot be written.

Every refusal is a ``PackageRejectedError`` subclass with a stable ``reason`` (and ``code`` =
``"package." + reason``), so the CLI, the desktop and the tests can tell them apart without
matching text. The messages say what the person in front of the screen should do, and name
the file when the caller gave a display name: ``read_package(..., name="x.cchc")``.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, ClassVar

from reports.errors import CchcError


class RejectionReason(StrEnum):
    NOT_A_PACKAGE = "not_a_package"
    TOO_LARGE = "too_large"
    TOO_MANY_MEMBERS = "too_many_members"
    MEMBER_TOO_LARGE = "member_too_large"
    TOTAL_TOO_LARGE = "total_too_large"
    ZIP_BOMB = "zip_bomb"
    ENCRYPTED_MEMBER = "encrypted_member"
    UNSUPPORTED_COMPRESSION = "unsupported_compression"
    ABSOLUTE_PATH = "absolute_path"
    PATH_TRAVERSAL = "path_traversal"
    BAD_MEMBER_NAME = "bad_member_name"
    SYMLINK_MEMBER = "symlink_member"
    DUPLICATE_MEMBER = "duplicate_member"
    MEMBER_CORRUPT = "member_corrupt"
    MANIFEST_MISSING = "manifest_missing"
    MANIFEST_INVALID = "manifest_invalid"
    NEWER_FORMAT = "newer_format"
    SIGNATURE_MISSING = "signature_missing"
    SIGNATURE_INVALID = "signature_invalid"
    MEMBER_MISSING = "member_missing"
    MEMBER_UNLISTED = "member_unlisted"
    HASH_MISMATCH = "hash_mismatch"
    WRONG_RECIPIENT = "wrong_recipient"
    CERTIFICATE_NOT_BOUND = "certificate_not_bound"
    CERTIFICATE_BOUND_ELSEWHERE = "certificate_bound_elsewhere"
    # Refusals made by reports.exchange.sync / reports.exchange.feedback, which know the database:
    WRONG_KIND = "wrong_kind"
    PACKAGE_ID_CONFLICT = "package_id_conflict"
    REPORT_INVALID = "report_invalid"
    FOREIGN_REPORT = "foreign_report"
    PDF_SIGNATURE_BROKEN = "pdf_signature_broken"
    PDF_DATA_MISMATCH = "pdf_data_mismatch"
    REPORT_CONFLICT = "report_conflict"
    FORM_NOT_ISSUED = "form_not_issued"  # a report made on a definition the reviewer did not issue
    # A signed report whose content the commune's own program could not have made (report_content):
    PERIOD_INVALID = "period_invalid"  # not a canonical period of the form's kinds, or not begun
    VALUES_INVALID = "values_invalid"  # a value its field does not allow, an unknown field, a draft
    CHECKS_FAILED = "checks_failed"  # the form's rules that stop finalising do not hold
    PDF_SIGNER_FOREIGN = "pdf_signer_foreign"  # the PDF is signed with a certificate of another unit
    NOT_FROM_REVIEWER = "not_from_reviewer"  # feedback from an installation that is not our reviewer
    ISSUED_ITEM_INVALID = "issued_item_invalid"  # a published form or calendar that does not read
    DEMO_PACKAGE = "demo_package"  # made in a demo installation (sample data), marked so in its signed manifest


class PackageRejectedError(CchcError):
    """A package that must not be imported. The templates use ``{file}``, filled per language."""

    code = "package.rejected"
    reason: ClassVar[RejectionReason]
    exit_code = 1

    def __init__(self, *, name: str = "", **params: Any) -> None:
        self.name = name
        super().__init__(**params)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.code = f"package.{cls.reason}"

    def named(self, name: str) -> PackageRejectedError:
        """The same refusal, naming the file (the layers below do not know its name)."""
        return type(self)(name=name, **self.params)

    def message(self, lang: str = "vi") -> str:
        # Vietnamese reads "Tệp “x.cchc” …" / "Tệp này …"; English "The file “x.cchc” …" / "The file …".
        if lang == "en":
            template, file = self.en, (f" “{self.name}”" if self.name else "")
        else:
            template, file = self.vi, (f"“{self.name}”" if self.name else "này")
        try:
            # ``name`` too, for subclasses elsewhere that put the bare name in their own wording.
            return template.format(file=file, name=self.name, **self.params)
        except (KeyError, IndexError, ValueError):
            return template


_RECOPY_VI = "Hãy chép lại tệp từ nơi gửi."
_RECOPY_EN = "Copy the file again from the sender."
_RESEND_VI = "Đừng nhận tệp này; hãy đề nghị nơi gửi xuất và gửi lại gói."
_RESEND_EN = "Do not import this file; ask the sender to export and send the package again."


class NotAPackageError(PackageRejectedError):
    reason = RejectionReason.NOT_A_PACKAGE
    vi = f"Tệp {{file}} không phải gói báo cáo CCHC hoặc đã bị hỏng (có thể chép chưa xong). {_RECOPY_VI}"
    en = f"The file{{file}} is not a CCHC report package or it is damaged (perhaps the copy did not finish). {_RECOPY_EN}"


class PackageTooLargeRejection(PackageRejectedError):
    reason = RejectionReason.TOO_LARGE
    vi = "Tệp {file} quá lớn ({size_mb} MB, tối đa {limit_mb} MB) nên không phải một gói báo cáo CCHC thông thường. Hãy hỏi lại nơi gửi."
    en = "The file{file} is too large ({size_mb} MB, at most {limit_mb} MB) to be an ordinary CCHC report package. Ask the sender."


class TooManyMembersError(PackageRejectedError):
    reason = RejectionReason.TOO_MANY_MEMBERS
    vi = f"Tệp {{file}} chứa {{count}} phần, nhiều hơn mức cho phép ({{limit}}). {_RESEND_VI}"
    en = f"The file{{file}} holds {{count}} parts, more than allowed ({{limit}}). {_RESEND_EN}"


class MemberTooLargeError(PackageRejectedError):
    reason = RejectionReason.MEMBER_TOO_LARGE
    vi = f"Phần {{member}} trong tệp {{file}} lớn {{size_mb}} MB, vượt mức cho phép ({{limit_mb}} MB). {_RESEND_VI}"
    en = f"The part {{member}} in the file{{file}} is {{size_mb}} MB, more than allowed ({{limit_mb}} MB). {_RESEND_EN}"


class TotalTooLargeError(PackageRejectedError):
    reason = RejectionReason.TOTAL_TOO_LARGE
    vi = f"Các phần trong tệp {{file}} cộng lại lớn {{size_mb}} MB khi giải nén, vượt mức cho phép ({{limit_mb}} MB). {_RESEND_VI}"
    en = f"The parts of the file{{file}} add up to {{size_mb}} MB unpacked, more than allowed ({{limit_mb}} MB). {_RESEND_EN}"


class ZipBombError(PackageRejectedError):
    reason = RejectionReason.ZIP_BOMB
    vi = (
        "Phần {member} trong tệp {file} bị nén bất thường (có thể là “bom nén” làm đầy bộ nhớ và treo máy) "
        "nên chương trình đã từ chối mà không giải nén. Đừng mở tệp này bằng chương trình khác; hãy báo cho nơi gửi."
    )
    en = (
        "The part {member} in the file{file} is compressed abnormally (possibly a “zip bomb” that fills the memory) "
        "and was refused without unpacking it. Do not open this file with another program; tell the sender."
    )


class EncryptedMemberError(PackageRejectedError):
    reason = RejectionReason.ENCRYPTED_MEMBER
    vi = (
        "Phần {member} trong tệp {file} được đặt mật khẩu. Gói báo cáo CCHC không bao giờ đặt mật khẩu: "
        "hãy dùng đúng tệp .cchc do chương trình Báo cáo CCHC xuất ra."
    )
    en = (
        "The part {member} in the file{file} is password-protected. CCHC packages never are: "
        "use the .cchc file exactly as the Báo cáo CCHC program exported it."
    )


class UnsupportedCompressionError(PackageRejectedError):
    reason = RejectionReason.UNSUPPORTED_COMPRESSION
    vi = (
        "Phần {member} trong tệp {file} được nén theo kiểu mà chương trình không đọc. Có thể tệp đã được nén lại "
        "bằng chương trình khác: hãy dùng đúng tệp .cchc do chương trình Báo cáo CCHC xuất ra."
    )
    en = (
        "The part {member} in the file{file} uses a compression this program does not read. The file may have "
        "been re-packed by another program: use the .cchc file exactly as Báo cáo CCHC exported it."
    )


class AbsolutePathError(PackageRejectedError):
    reason = RejectionReason.ABSOLUTE_PATH
    vi = f"Tệp {{file}} có phần mang đường dẫn tuyệt đối ({{member}}), có thể ghi đè tệp trên máy. {_RESEND_VI}"
    en = f"The file{{file}} has a part with an absolute path ({{member}}) that could overwrite files on this computer. {_RESEND_EN}"


class PathTraversalError(PackageRejectedError):
    reason = RejectionReason.PATH_TRAVERSAL
    vi = f"Tệp {{file}} có phần mang đường dẫn trỏ ra ngoài gói ({{member}}), có thể ghi đè tệp trên máy. {_RESEND_VI}"
    en = f"The file{{file}} has a part whose path leads out of the package ({{member}}) and could overwrite files on this computer. {_RESEND_EN}"


class BadMemberNameError(PackageRejectedError):
    reason = RejectionReason.BAD_MEMBER_NAME
    vi = f"Tệp {{file}} có phần mang tên không hợp lệ ({{member}}). {_RESEND_VI}"
    en = f"The file{{file}} has a part with an invalid name ({{member}}). {_RESEND_EN}"


class SymlinkMemberError(PackageRejectedError):
    reason = RejectionReason.SYMLINK_MEMBER
    vi = f"Tệp {{file}} có phần là liên kết tượng trưng (symlink) {{member}}, có thể trỏ tới tệp khác trên máy. {_RESEND_VI}"
    en = f"The file{{file}} has a part that is a symbolic link ({{member}}) and could point at other files on this computer. {_RESEND_EN}"


class DuplicateMemberError(PackageRejectedError):
    reason = RejectionReason.DUPLICATE_MEMBER
    vi = f"Tệp {{file}} có hai phần cùng tên {{member}} (không kể chữ hoa, chữ thường). {_RESEND_VI}"
    en = f"The file{{file}} has two parts named {{member}} (ignoring upper and lower case). {_RESEND_EN}"


class MemberCorruptError(PackageRejectedError):
    reason = RejectionReason.MEMBER_CORRUPT
    vi = f"Phần {{member}} trong tệp {{file}} đã bị hỏng (không giải nén được hoặc sai mã kiểm tra). {_RECOPY_VI}"
    en = f"The part {{member}} in the file{{file}} is damaged (it does not unpack or its checksum is wrong). {_RECOPY_EN}"


class ManifestMissingError(PackageRejectedError):
    reason = RejectionReason.MANIFEST_MISSING
    vi = f"Tệp {{file}} không có bảng kê manifest.json nên không phải gói báo cáo CCHC. {_RESEND_VI}"
    en = f"The file{{file}} has no manifest.json, so it is not a CCHC report package. {_RESEND_EN}"


class ManifestInvalidError(PackageRejectedError):
    reason = RejectionReason.MANIFEST_INVALID
    vi = (
        "Bảng kê manifest.json trong tệp {file} không hợp lệ ở mục {field}: gói bị hỏng hoặc không do "
        f"chương trình Báo cáo CCHC tạo ra. {_RESEND_VI}"
    )
    en = (
        "The manifest.json in the file{file} is not valid at {field}: the package is damaged or was not "
        f"made by Báo cáo CCHC. {_RESEND_EN}"
    )


class NewerFormatError(PackageRejectedError):
    reason = RejectionReason.NEWER_FORMAT
    vi = (
        "Gói {file} được tạo bằng phiên bản mới hơn của chương trình (định dạng gói {version}). "
        "Hãy cập nhật Báo cáo CCHC rồi nhận lại gói."
    )
    en = (
        "The package{file} was made by a newer version of the program (package format {version}). "
        "Update Báo cáo CCHC, then import the package again."
    )


class SignatureMissingError(PackageRejectedError):
    reason = RejectionReason.SIGNATURE_MISSING
    vi = f"Tệp {{file}} không có chữ ký manifest.sig nên không biết ai đã gửi. {_RESEND_VI}"
    en = f"The file{{file}} has no manifest.sig signature, so nobody can tell who sent it. {_RESEND_EN}"


class SignatureInvalidError(PackageRejectedError):
    reason = RejectionReason.SIGNATURE_INVALID
    vi = f"Chữ ký của tệp {{file}} không đúng: nội dung đã bị sửa sau khi ký hoặc tệp bị hỏng. {_RESEND_VI}"
    en = f"The signature of the file{{file}} is not valid: the content was changed after signing or the file is damaged. {_RESEND_EN}"


class MemberMissingError(PackageRejectedError):
    reason = RejectionReason.MEMBER_MISSING
    vi = f"Tệp {{file}} thiếu phần {{member}} có trong bảng kê: tệp chép chưa đủ hoặc đã bị sửa. {_RECOPY_VI}"
    en = f"The file{{file}} lacks the part {{member}} listed in its manifest: the copy is incomplete or the file was changed. {_RECOPY_EN}"


class MemberUnlistedError(PackageRejectedError):
    reason = RejectionReason.MEMBER_UNLISTED
    vi = f"Tệp {{file}} có thêm phần {{member}} không có trong bảng kê đã ký: tệp đã bị thêm nội dung sau khi ký. {_RESEND_VI}"
    en = f"The file{{file}} has an extra part {{member}} not in its signed manifest: something was added after signing. {_RESEND_EN}"


class HashMismatchError(PackageRejectedError):
    reason = RejectionReason.HASH_MISMATCH
    vi = f"Nội dung phần {{member}} trong tệp {{file}} không khớp với bảng kê đã ký: tệp đã bị sửa hoặc bị hỏng. {_RESEND_VI}"
    en = f"The content of the part {{member}} in the file{{file}} does not match the signed manifest: the file was changed or damaged. {_RESEND_EN}"


class WrongRecipientError(PackageRejectedError):
    reason = RejectionReason.WRONG_RECIPIENT
    vi = (
        "Gói {file} được gửi cho {recipient_name} (mã {recipient_code}), không phải cho đơn vị này "
        "(mã {unit_code}). Hãy chuyển gói đến đúng nơi nhận hoặc báo cho nơi gửi."
    )
    en = (
        "The package{file} is addressed to {recipient_name} (code {recipient_code}), not to this office "
        "(code {unit_code}). Pass it on to the right office or tell the sender."
    )


class CertificateNotBoundError(PackageRejectedError):
    reason = RejectionReason.CERTIFICATE_NOT_BOUND
    vi = (
        "Chưa nhận gói {file}: chứng thư cài đặt của {sender_name} (mã {sender_code}) chưa được xác nhận. Hãy gọi điện cho "
        "{sender_name} để so dấu vân tay {fingerprint}; nếu khớp, tin cậy chứng thư bằng lệnh "
        "cchc units trust {trust_file} rồi nhận lại gói."
    )
    en = (
        "The package{file} was not imported: the installation certificate of {sender_name} (code {sender_code}) has not been confirmed yet. "
        "Phone {sender_name} and compare the fingerprint {fingerprint}; if it matches, trust it with "
        "cchc units trust {trust_file}, then import the package again."
    )


class CertificateBoundElsewhereError(PackageRejectedError):
    reason = RejectionReason.CERTIFICATE_BOUND_ELSEWHERE
    vi = (
        "Gói {file} ghi là của {sender_name} (mã {sender_code}) nhưng được ký bằng chứng thư cài đặt đã "
        "xác nhận cho đơn vị mã {bound_to}. Đừng nhận gói này; hãy gọi điện cho {sender_name} để hỏi."
    )
    en = (
        "The package{file} says it comes from {sender_name} (code {sender_code}) but is signed with the "
        "installation certificate confirmed for the office with code {bound_to}. Do not import it; phone "
        "{sender_name} to ask."
    )


class PackageUnreadableError(CchcError):
    """The file could not be read at all (missing, no permission): the environment's fault."""

    code = "package.unreadable"
    vi = "Không đọc được tệp {path}: {detail}. Hãy kiểm tra lại tệp và quyền truy cập."
    en = "Cannot read the file {path}: {detail}. Check the file and the permission to read it."


class PackageTooLargeToSendError(CchcError):
    """Writing refused: the package would exceed the limits every reader enforces."""

    code = "package.too_large_to_send"
    vi = (
        "Không tạo được gói vì dữ liệu quá lớn ({what}: {size_mb} MB, tối đa {limit_mb} MB). "
        "Hãy giảm dung lượng các tệp PDF hoặc gửi ít báo cáo hơn trong một gói."
    )
    en = (
        "Cannot make the package: the data is too large ({what}: {size_mb} MB, at most {limit_mb} MB). "
        "Make the PDF files smaller or send fewer reports in one package."
    )
    exit_code = 1
