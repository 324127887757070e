"""What can go wrong while a package travels, sorted by what the sender does about it.

Every transport turns its library's exceptions into one of three kinds, so the sender never
has to know about smtplib, http.client or imaplib:

- ``RetryableError``: the network or the server is having a bad moment (refused connection,
  timeout, dropped connection, a 4xx SMTP reply, a 5xx HTTP status). Try again later, with
  back-off.
- ``AttentionError``: a person must change something (wrong password, a folder that does not
  exist, a server that refuses us). No automatic retry until the settings or the password
  change, or the user presses "Gửi lại ngay" (retry now). ``shared`` means every other
  package would hit the same wall (a wrong password), so the sender stops the whole batch.
- ``PermanentError``: this package can never go this way (too large for an attachment).
  Only "Gửi lại ngay" tries it again.

The messages are plain Vietnamese that say what to do, with English beside them.
"""

from __future__ import annotations

from typing import ClassVar

from reports.errors import CchcError


class TransportError(CchcError):
    code = "outbox.transport"
    vi = "{detail}"
    en = "{detail_en}"
    shared: ClassVar[bool] = False


class RetryableError(TransportError):
    code = "outbox.retry"


class OfflineError(RetryableError):
    code = "outbox.offline"
    vi = "Chưa kết nối được tới {where}: mạng chưa sẵn sàng hoặc máy chủ tạm thời không trả lời. Chương trình sẽ tự gửi lại khi có mạng."
    en = "Cannot reach {where}: the network is down or the server is not answering. The program will send again by itself."


class InterruptedTransferError(RetryableError):
    code = "outbox.interrupted"
    vi = "Kết nối tới {where} bị ngắt giữa chừng khi đang gửi. Chương trình sẽ tự gửi lại."
    en = "The connection to {where} dropped while sending. The program will send again by itself."


class AttentionError(TransportError):
    code = "outbox.attention"


class AuthenticationFailedError(AttentionError):
    code = "outbox.auth"
    vi = ("{where} từ chối đăng nhập của “{user}”: mật khẩu sai hoặc tài khoản bị khóa. Hãy nhập lại mật khẩu "
          "(Cài đặt → Gửi tự động, hoặc: cchc outbox password {key}). Chương trình sẽ không tự thử lại cho đến khi mật khẩu được đổi.")
    en = ("{where} refused the login of “{user}”: wrong password or a locked account. Enter the password again "
          "(Settings → Sending, or: cchc outbox password {key}). No automatic retry until the password changes.")
    shared = True


class NotConfiguredError(AttentionError):
    code = "outbox.not_configured"
    vi = "Chưa cài đặt đủ để gửi tự động: {detail}"
    en = "Sending is not fully set up: {detail_en}"
    shared = True


class InsecureTransportError(AttentionError):
    code = "outbox.insecure"
    vi = ("Không gửi mật khẩu qua kết nối không mã hóa tới {where}. Hãy dùng {fix} (hỏi bộ phận CNTT của tỉnh địa chỉ đúng).")
    en = "A password is never sent over an unencrypted connection to {where}. Use {fix_en} (ask the province's IT staff for the right address)."
    shared = True


class RemoteRefusedError(AttentionError):
    code = "outbox.refused"


class PermanentError(TransportError):
    code = "outbox.permanent"


class PackageTooLargeError(PermanentError):
    code = "outbox.too_large"
    vi = ("Gói {name} nặng {size_mb} MB, vượt giới hạn tệp đính kèm {limit_mb} MB. Một gói thường chỉ khoảng 100 KB: "
          "hãy gửi lại từng kỳ một (xuất gói không dùng --all), hoặc gửi qua máy chủ chung hay USB.")
    en = ("Package {name} is {size_mb} MB, above the {limit_mb} MB attachment limit. A package is usually about 100 KB: "
          "send one period at a time (export without --all), or use the shared server or a USB stick.")


class NotAnOutgoingPackageError(CchcError):
    code = "outbox.not_ours"
    vi = "Tệp {name} không phải gói do máy này xuất ra, nên không đưa vào hộp thư đi. Hãy xuất gói bằng chương trình (cchc outbox add)."
    en = "File {name} is not a package exported by this installation, so it cannot go in the outbox. Export with the program (cchc outbox add)."
    exit_code = 1


class MissingAddressError(AttentionError):
    """One commune's address is unknown; the others can still go."""

    code = "outbox.no_address"
    vi = ("Chưa có địa chỉ thư của {unit} ({unit_code}) để gửi phản hồi. Địa chỉ được ghi nhớ khi nhận thư của đơn vị; "
          "hoặc nhập: cchc outbox contact {unit_code} ĐỊA_CHỈ")
    en = ("No e-mail address of {unit} ({unit_code}) to send feedback to. It is learned from the unit's mail; "
          "or enter it: cchc outbox contact {unit_code} ADDRESS")


class FolderMissingError(RetryableError):
    code = "outbox.folder_missing"
    vi = "Không thấy thư mục {folder}: ổ mạng chưa kết nối hoặc USB chưa cắm. Chương trình sẽ tự thử lại."
    en = "Folder {folder} is not there: the network drive is not connected or the USB stick is not plugged in. Will retry."
