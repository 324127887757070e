"""Expected errors of signing and verification.

Each says, in Vietnamese first, what went wrong and what the official should do next. None
of them carries a PIN, a password or key material in its parameters.
"""

from __future__ import annotations

from typing import Any

from reports.errors import CchcError


class Pkcs11ModuleError(CchcError):
    code = "signing.pkcs11_module"
    vi = (
        "Không nạp được thư viện PKCS#11 của USB ký số ({module}). Hãy chọn đúng tệp thư viện "
        "(.dll) do nhà cung cấp USB ký số cài đặt, hoặc cài lại phần mềm của USB ký số."
    )
    en = (
        "Cannot load the PKCS#11 library of the signing token ({module}). Choose the library "
        "file (.dll) installed by the token vendor, or reinstall the token software."
    )


class Pkcs11BitnessError(CchcError):
    code = "signing.pkcs11_bitness"
    vi = (
        "Thư viện USB ký số {path} là bản {library_bits}-bit, còn chương trình là bản "
        "{program_bits}-bit nên không dùng được. Hãy cài bản {program_bits}-bit của phần mềm "
        "USB ký số (thường có trong bộ cài của nhà cung cấp) rồi chọn lại."
    )
    en = (
        "The signing token library {path} is {library_bits}-bit but the program is "
        "{program_bits}-bit, so it cannot be used. Install the {program_bits}-bit version of the "
        "token software (usually in the vendor's installer) and choose it again."
    )


class TokenNotFoundError(CchcError):
    code = "signing.token_not_found"
    vi = (
        "Không tìm thấy USB ký số{label}. Hãy cắm USB ký số rồi thử lại; nếu đã cắm, hãy rút "
        "ra, cắm lại và kiểm tra tên USB ký số trong phần cài đặt."
    )
    en = (
        "The signing token{label} was not found. Plug in the signing token and try again; if "
        "it is plugged in, unplug it, plug it in again and check the token name in the settings."
    )


class TokenKeyNotFoundError(CchcError):
    code = "signing.token_key_not_found"
    vi = (
        "USB ký số{label} không có khóa ký và chứng thư số{key}. Hãy kiểm tra tên khóa trong "
        "phần cài đặt, hoặc liên hệ nhà cung cấp chứng thư số."
    )
    en = (
        "The signing token{label} holds no signing key and certificate{key}. Check the key "
        "name in the settings, or contact the certificate provider."
    )


class PinIncorrectError(CchcError):
    """A wrong user PIN. ``tries_left`` is 1 when the token says the next try is the last.

    PKCS#11 only reports that *some* wrong PIN was typed (CKF_USER_PIN_COUNT_LOW) or that the
    next one locks the token (CKF_USER_PIN_FINAL_TRY), never a count; so ``tries_left`` is
    ``None`` unless the token says the next try is the last one.
    """

    code = "signing.pin_incorrect"
    vi = (
        "Mã PIN của USB ký số không đúng. Hãy nhập lại cẩn thận (kiểm tra phím Caps Lock và bộ "
        "gõ tiếng Việt): USB ký số sẽ bị khóa nếu nhập sai nhiều lần liên tiếp (thường là 3 lần)."
    )
    en = (
        "The PIN of the signing token is wrong. Type it again carefully (check Caps Lock and the "
        "Vietnamese keyboard): the token locks after several wrong PINs in a row (usually 3)."
    )
    vi_last = (
        "Mã PIN của USB ký số không đúng. Đây là lần thử cuối: nếu nhập sai thêm một lần, USB "
        "ký số sẽ bị khóa. Hãy kiểm tra kỹ mã PIN trước khi nhập lại."
    )
    en_last = (
        "The PIN of the signing token is wrong. The next try is the last: one more wrong PIN "
        "locks the token. Check the PIN carefully before typing it again."
    )
    vi_count = (
        "Mã PIN của USB ký số không đúng, còn {tries_left} lần thử. Hãy nhập lại cẩn thận: "
        "hết số lần thử, USB ký số sẽ bị khóa."
    )
    en_count = (
        "The PIN of the signing token is wrong; {tries_left} tries left. Type it again "
        "carefully: when no tries are left, the token locks."
    )

    def __init__(self, *, tries_left: int | None = None, **params: Any) -> None:
        self.tries_left = tries_left
        super().__init__(tries_left=tries_left, **params)

    def message(self, lang: str = "vi") -> str:
        if self.tries_left == 1:
            return self.en_last if lang == "en" else self.vi_last
        if self.tries_left is not None:
            template = self.en_count if lang == "en" else self.vi_count
            return template.format(tries_left=self.tries_left)
        return super().message(lang)


class PinLockedError(CchcError):
    code = "signing.pin_locked"
    vi = (
        "USB ký số đã bị khóa do nhập sai mã PIN quá số lần cho phép. Hãy liên hệ nhà cung cấp "
        "chứng thư số (hoặc dùng mã PUK/phần mềm quản lý của USB ký số) để mở khóa."
    )
    en = (
        "The signing token is locked after too many wrong PINs. Contact the certificate "
        "provider (or use the PUK / the token's management software) to unlock it."
    )


class CertificateExpiredError(CchcError):
    code = "signing.certificate_expired"
    vi = (
        "Chứng thư số của {name} đã hết hạn ngày {expiry}, không thể dùng để ký. Hãy gia hạn "
        "chứng thư số với nhà cung cấp, hoặc chọn chứng thư số khác."
    )
    en = (
        "The certificate of {name} expired on {expiry} and cannot sign. Renew it with the "
        "certificate provider, or choose another certificate."
    )


class CertificateNotYetValidError(CchcError):
    code = "signing.certificate_not_yet_valid"
    vi = (
        "Chứng thư số của {name} chỉ có hiệu lực từ ngày {start}. Hãy kiểm tra ngày giờ của máy "
        "tính, hoặc chờ đến ngày đó."
    )
    en = (
        "The certificate of {name} is valid only from {start}. Check the computer's date and "
        "time, or wait until that day."
    )


class TimestampUnavailableError(CchcError):
    code = "signing.timestamp_unavailable"
    vi = (
        "Không lấy được dấu thời gian từ máy chủ {url}. Hãy kiểm tra kết nối Internet rồi thử "
        "lại, hoặc ký không kèm dấu thời gian."
    )
    en = (
        "Could not get a timestamp from the server {url}. Check the Internet connection and try "
        "again, or sign without a timestamp."
    )


class SignatureImageError(CchcError):
    code = "signing.image_unreadable"
    vi = "Không đọc được ảnh {what}. Hãy chọn một tệp ảnh PNG nền trong suốt."
    en = "Cannot read the {what_en} image. Choose a PNG file with a transparent background."


class AlreadySignedFieldError(CchcError):
    code = "signing.field_already_signed"
    vi = "Văn bản đã có chữ ký ở ô {field}. Hãy ký vào một ô chữ ký khác."
    en = "The document is already signed in the field {field}. Sign in another field."


class SigningFailedError(CchcError):
    code = "signing.failed"
    vi = "Không ký được văn bản: {detail}. Hãy thử lại; nếu dùng USB ký số, hãy rút ra cắm lại USB ký số."
    en = "Could not sign the document: {detail}. Try again; with a signing token, replug it."


class PdfUnreadableError(CchcError):
    code = "signing.pdf_unreadable"
    vi = "Tệp PDF bị hỏng hoặc không đúng định dạng, không đọc được: {detail}"
    en = "The PDF file is damaged or not a PDF and cannot be read: {detail}"
    exit_code = 1
