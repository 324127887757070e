"""Which ways of sending and fetching exist, and the ones the settings choose.

The concrete transports and fetchers (smtp, webdav, folder, imap) build on ``transport`` and
``fetch``; only this module knows them all, so none of them imports another.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reports.outbox.config import CredentialKey, OutboxConfig, TransportKind
from reports.outbox.credentials import CredentialStore
from reports.outbox.errors import NotConfiguredError
from reports.outbox.transport import TRANSFER_TIMEOUT, Transport
from reports.workspace import Workspace

if TYPE_CHECKING:  # the fetchers bring the import machinery; the sender's start does not need it
    from reports.outbox.fetch import Fetcher


def build_transport(config: OutboxConfig, credentials: CredentialStore, *, recipient_email: dict[str, str] | None = None,
                    timeout: float = TRANSFER_TIMEOUT) -> Transport:
    """The transport the settings choose. ``recipient_email`` maps unit codes to the
    addresses feedback goes to (the reviewer's address book)."""
    if config.transport is TransportKind.EMAIL:
        from reports.outbox.smtp import SmtpTransport

        password = credentials.get(CredentialKey.SMTP) if config.smtp_user else None
        return SmtpTransport(config, password, recipient_email or {}, timeout=timeout)
    if config.transport is TransportKind.WEBDAV:
        from reports.outbox.webdav import WebDavClient, WebDavTransport

        password = credentials.get(CredentialKey.WEBDAV) if config.webdav_user else None
        return WebDavTransport(WebDavClient(config.webdav_url, config.webdav_user, password, timeout=timeout))
    if config.transport is TransportKind.FOLDER:
        from reports.outbox.folder import FolderTransport

        if not config.outbox_folder:
            raise NotConfiguredError(detail="chưa chọn thư mục gửi (outbox_folder).", detail_en="no outbox folder (outbox_folder) is set.")
        return FolderTransport(config.outbox_folder)
    raise NotConfiguredError(
        detail="chưa chọn cách gửi (thư điện tử, máy chủ chung hoặc thư mục). Gói vẫn nằm trong hộp thư đi; có thể chép bằng USB.",
        detail_en="no way of sending is chosen (e-mail, shared server or folder). The package stays in the outbox; a USB stick still works.",
    )


def configured_fetchers(ws: Workspace, config: OutboxConfig, credentials: CredentialStore) -> list[Fetcher]:
    """Each source that has its settings: IMAP (imap_host), WebDAV (webdav_url), folder (watch_folder)."""
    from reports.outbox.folder import FolderFetcher
    from reports.outbox.imap import ImapFetcher
    from reports.outbox.webdav import WebDavClient, WebDavFetcher

    fetchers: list[Fetcher] = []
    if config.imap_host:
        fetchers.append(ImapFetcher(config, credentials.get(CredentialKey.IMAP)))
    if config.webdav_url:
        password = credentials.get(CredentialKey.WEBDAV) if config.webdav_user else None
        fetchers.append(WebDavFetcher(WebDavClient(config.webdav_url, config.webdav_user, password)))
    if config.watch_folder:
        fetchers.append(FolderFetcher(config.watch_folder))
    return fetchers
