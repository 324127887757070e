"""E-mail: one message per package, with a clear Vietnamese subject and the package attached.

SMTP with STARTTLS (port 587), SSL (465) or — only to this computer — no encryption, and a
login (every official has a government mailbox). The Message-ID is made from the package id,
so a message sent twice (the connection dropped after the server took it) is recognisably
the same message; the reviewer's import says "already had" for the second copy anyway.
"""

from __future__ import annotations

import contextlib
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formataddr, formatdate

from reports.outbox.config import CredentialKey, OutboxConfig, TransportKind
from reports.outbox.errors import (
    AttentionError,
    AuthenticationFailedError,
    InsecureTransportError,
    InterruptedTransferError,
    MissingAddressError,
    NotConfiguredError,
    OfflineError,
    PackageTooLargeError,
    RemoteRefusedError,
    RetryableError,
    TransportError,
)
from reports.outbox.transport import PROBE_TIMEOUT, TRANSFER_TIMEOUT, OutgoingPackage, is_loopback, probe_tcp

PACKAGE_HEADER = "X-CCHC-Package-Id"


def subject_for(package: OutgoingPackage) -> str:
    """E.g. "[CCHC] Xã Tân Phú (26116) gửi báo cáo kỳ 2026-11 — gói 3f2a9c1d"."""
    who = f"{package.sender_name} ({package.sender_code})"
    if package.kind == "feedback":
        return f"[CCHC] {who} gửi phản hồi cho {package.recipient_name} ({package.recipient_code}) — gói {package.short_id}"
    periods = f"kỳ {package.label}" if package.label else "báo cáo"
    return f"[CCHC] {who} gửi báo cáo {periods} — gói {package.short_id}"


def body_for(package: OutgoingPackage) -> str:
    what = "phản hồi (biên nhận, ý kiến)" if package.kind == "feedback" else f"báo cáo cải cách hành chính kỳ {package.label}"
    return (
        f"Kính gửi {package.recipient_name},\n\n"
        f"{package.sender_name} gửi kèm thư này gói {what}.\n\n"
        f"Tệp đính kèm: {package.file_name} ({len(package.data):,} byte), mã gói {package.package_id}.\n".replace(",", ".")
        + "Chương trình Báo cáo CCHC tự nhận gói từ hộp thư. Nếu cần nhận thủ công: lưu tệp đính kèm rồi chọn "
        "“Nhận gói” trong chương trình (hoặc lệnh: cchc import TỆP).\n\n"
        "Thư này do chương trình Báo cáo CCHC gửi tự động.\n"
    )


def compose(package: OutgoingPackage, from_addr: str, to_addr: str) -> EmailMessage:
    msg = EmailMessage()
    msg["Subject"] = subject_for(package)
    msg["From"] = formataddr((package.sender_name, from_addr))
    msg["To"] = formataddr((package.recipient_name, to_addr))
    msg["Date"] = formatdate(usegmt=True)
    domain = from_addr.rpartition("@")[2] or "cchc.invalid"
    msg["Message-ID"] = f"<cchc.{package.package_id}@{domain}>"
    msg[PACKAGE_HEADER] = package.package_id
    msg.set_content(body_for(package))
    msg.add_attachment(package.data, maintype="application", subtype="octet-stream", filename=package.file_name)
    return msg


class SmtpTransport:
    kind = TransportKind.EMAIL

    def __init__(self, config: OutboxConfig, password: str | None, recipient_email: dict[str, str], *,
                 timeout: float = TRANSFER_TIMEOUT, ssl_context: ssl.SSLContext | None = None) -> None:
        self.config = config
        self._password = password
        self.recipient_email = recipient_email
        self.timeout = timeout
        self.ssl_context = ssl_context or ssl.create_default_context()

    def __repr__(self) -> str:  # never the password
        return f"SmtpTransport({self.config.smtp_host}:{self.config.smtp_port}, {self.config.smtp_security})"

    def describe(self) -> str:
        return f"máy chủ thư {self.config.smtp_host}:{self.config.smtp_port}"

    def _check_config(self) -> None:
        c = self.config
        if not c.smtp_host:
            raise NotConfiguredError(detail="chưa có máy chủ gửi thư (smtp_host).", detail_en="no outgoing mail server (smtp_host).")
        if not c.from_address:
            raise NotConfiguredError(detail="chưa có địa chỉ thư người gửi (sender_email hoặc smtp_user).",
                                     detail_en="no sender address (sender_email or smtp_user).")
        if c.smtp_user and self._password is None:
            raise NotConfiguredError(detail=f"chưa nhập mật khẩu hộp thư {c.smtp_user} (cchc outbox password smtp).",
                                     detail_en=f"no password for mailbox {c.smtp_user} (cchc outbox password smtp).")
        if c.smtp_user and c.smtp_security == "none" and not is_loopback(c.smtp_host):
            raise InsecureTransportError(where=self.describe(), fix="smtp_security=starttls (cổng 587) hoặc ssl (cổng 465)",
                                         fix_en="smtp_security=starttls (port 587) or ssl (port 465)")

    def check_reachable(self, timeout: float = PROBE_TIMEOUT) -> None:
        self._check_config()
        probe_tcp(self.config.smtp_host, self.config.smtp_port, self.describe(), timeout)

    def _recipient(self, package: OutgoingPackage) -> str:
        if package.kind == "feedback":
            address = self.recipient_email.get(package.recipient_code)
            if not address:
                raise MissingAddressError(unit=package.recipient_name, unit_code=package.recipient_code)
            return address
        if not self.config.reviewer_email:
            raise NotConfiguredError(detail="chưa có địa chỉ thư của cơ quan nhận báo cáo (reviewer_email).",
                                     detail_en="no reviewer e-mail address (reviewer_email).")
        return self.config.reviewer_email

    def deliver(self, package: OutgoingPackage) -> str:
        self._check_config()
        if len(package.data) > self.config.attachment_limit_bytes:
            raise PackageTooLargeError(name=package.file_name, size_mb=f"{len(package.data) / 1048576:.1f}",
                                       limit_mb=self.config.attachment_limit_mb)
        to_addr = self._recipient(package)
        msg = compose(package, self.config.from_address, to_addr)
        c = self.config
        connected = False
        try:
            smtp: smtplib.SMTP
            if c.smtp_security == "ssl":
                smtp = smtplib.SMTP_SSL(c.smtp_host, c.smtp_port, timeout=self.timeout, context=self.ssl_context)
            else:
                smtp = smtplib.SMTP(c.smtp_host, c.smtp_port, timeout=self.timeout)
            connected = True
            try:
                smtp.ehlo()
                if c.smtp_security == "starttls":
                    smtp.starttls(context=self.ssl_context)
                    smtp.ehlo()
                if c.smtp_user:
                    self._login(smtp)
                smtp.send_message(msg, from_addr=c.from_address, to_addrs=[to_addr])
            finally:
                with contextlib.suppress(smtplib.SMTPException, OSError):  # the message is already accepted
                    smtp.quit()
                smtp.close()
        except TransportError:
            raise
        except Exception as exc:
            raise self._translate(exc, connected) from exc
        return str(msg["Message-ID"])

    def _login(self, smtp: smtplib.SMTP) -> None:
        """One AUTH command per try. (smtplib's ``login`` tries every mechanism in turn, so one
        wrong password would count as two or three failed logins towards a lockout.)"""
        smtp.user, smtp.password = self.config.smtp_user, self._password or ""
        if not smtp.has_extn("auth"):
            raise smtplib.SMTPNotSupportedError("SMTP AUTH extension not supported by server.")
        offered = smtp.esmtp_features["auth"].upper().split()
        for mechanism in ("PLAIN", "LOGIN"):
            if mechanism in offered:
                smtp.auth(mechanism, getattr(smtp, f"auth_{mechanism.lower()}"))
                return
        smtp.login(self.config.smtp_user, self._password or "")  # e.g. only CRAM-MD5

    def _translate(self, exc: Exception, connected: bool) -> TransportError:
        where = self.describe()
        if isinstance(exc, smtplib.SMTPAuthenticationError):
            return AuthenticationFailedError(where=where, user=self.config.smtp_user, key=CredentialKey.SMTP.value)
        if isinstance(exc, smtplib.SMTPNotSupportedError):
            return _attention(f"{where} không hỗ trợ {'STARTTLS' if 'STARTTLS' in str(exc) else 'đăng nhập'}: hãy kiểm tra "
                              "cài đặt bảo mật và cổng (smtp_security, smtp_port).",
                              f"{where} does not support {'STARTTLS' if 'STARTTLS' in str(exc) else 'login'}: check "
                              "the security and port settings (smtp_security, smtp_port).")
        if isinstance(exc, smtplib.SMTPRecipientsRefused):
            code, reply = next(iter(exc.recipients.values()), (550, b""))
            return _by_code(int(code), _text(reply), where, "địa chỉ nhận bị từ chối", "the recipient was refused")
        if isinstance(exc, smtplib.SMTPResponseException):
            return _by_code(exc.smtp_code, _text(exc.smtp_error), where, "máy chủ từ chối thư", "the server refused the message")
        if isinstance(exc, smtplib.SMTPServerDisconnected):
            return InterruptedTransferError(where=where)
        if isinstance(exc, ssl.SSLCertVerificationError):
            return _attention(f"Chứng chỉ bảo mật của {where} không hợp lệ ({exc.verify_message}). Hãy kiểm tra tên máy chủ.",
                              f"The security certificate of {where} is not valid ({exc.verify_message}). Check the server name.")
        if isinstance(exc, ssl.SSLError):
            return _attention(f"Không thiết lập được kết nối mã hóa với {where}: hãy kiểm tra smtp_security và cổng "
                              "(starttls thường dùng cổng 587, ssl cổng 465).",
                              f"No encrypted connection with {where}: check smtp_security and the port "
                              "(starttls usually 587, ssl 465).")
        if isinstance(exc, OSError | smtplib.SMTPException):
            return InterruptedTransferError(where=where) if connected else OfflineError(where=where)
        raise exc


def _text(reply: bytes | str) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)


def _attention(vi: str, en: str) -> AttentionError:
    return RemoteRefusedError(detail=vi, detail_en=en)


def _by_code(code: int, reply: str, where: str, what_vi: str, what_en: str) -> TransportError:
    """4xx: try again later; 5xx: a person must look (552: too large for this server)."""
    if 400 <= code < 500:
        return RetryableError(detail=f"{where} tạm thời chưa nhận thư ({code} {reply}). Chương trình sẽ tự gửi lại.",
                              detail_en=f"{where} is not taking mail for now ({code} {reply}). The program will retry.")
    if code == 552:
        return _attention(f"{where}: thư quá lớn so với giới hạn của máy chủ ({reply}). Hãy gửi qua máy chủ chung hoặc USB.",
                          f"{where}: the message is larger than the server allows ({reply}). Use the shared server or a USB stick.")
    return _attention(f"{where}: {what_vi} ({code} {reply}). Hãy kiểm tra địa chỉ và cài đặt thư, rồi bấm “Gửi lại ngay”.",
                      f"{where}: {what_en} ({code} {reply}). Check the addresses and mail settings, then press “Retry now”.")
