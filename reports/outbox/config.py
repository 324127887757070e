"""The outbox's settings, read once per run into one frozen value.

``stamp`` fingerprints everything a transport depends on (settings, the password version,
the reviewer's address book): a package put aside as "needs attention" is tried again by
itself only once the stamp changes, so a wrong password causes one failed login, not a storm.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from enum import StrEnum

from reports.storage.settings import Settings

# Sub-folders on a shared server or a shared folder; the same names on both sides.
PROCESSED_DIR = "da-nhan"  # imported by the receiver
REFUSED_DIR = "bi-tu-choi"  # refused by the receiver (a copy with the reason is in its quarantine)
FEEDBACK_DIR = "phan-hoi"  # phan-hoi/<commune code>/: the reviewer's feedback for one commune


class TransportKind(StrEnum):
    NONE = "none"
    EMAIL = "email"
    WEBDAV = "webdav"
    FOLDER = "folder"


class CredentialKey(StrEnum):
    """The passwords the outbox may need, one per server."""

    SMTP = "smtp"
    WEBDAV = "webdav"
    IMAP = "imap"


@dataclass(frozen=True)
class OutboxConfig:
    transport: TransportKind = TransportKind.NONE
    smtp_host: str = ""
    smtp_port: int = 587
    smtp_security: str = "starttls"
    smtp_user: str = ""
    sender_email: str = ""
    reviewer_email: str = ""
    attachment_limit_mb: int = 10
    webdav_url: str = ""
    webdav_user: str = ""
    outbox_folder: str = ""
    imap_host: str = ""
    imap_port: int = 993
    imap_security: str = "ssl"
    imap_user: str = ""
    imap_folder: str = "INBOX"
    imap_processed_folder: str = "CCHC-da-nhan"
    watch_folder: str = ""

    @classmethod
    def from_settings(cls, settings: Settings) -> OutboxConfig:
        values = {name: settings.get(name) for name in cls.__dataclass_fields__ if name != "transport"}
        return cls(transport=TransportKind(settings.get("outbox_transport")), **values)

    @property
    def from_address(self) -> str:
        return self.sender_email or self.smtp_user

    @property
    def attachment_limit_bytes(self) -> int:
        return self.attachment_limit_mb * 1024 * 1024

    def stamp(self, *versions: str) -> str:
        """A fingerprint of the settings and of the given version markers."""
        text = json.dumps([asdict(self), list(versions)], sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
