"""Packages from a mailbox: IMAP (SSL, STARTTLS, or plain to this computer) with imaplib.

Each fetch looks only at messages newer than the last one examined (IMAP UIDs only grow
within a folder's UIDVALIDITY; the cursor is kept in the database), so a busy government
inbox is not downloaded again and again, and a message someone already read in a mail
program is still found. Only messages whose structure names a ``.cchc`` attachment are
downloaded (``BODY.PEEK``, which leaves them unread).

After a message's packages are imported — committed — it is flagged ``\\Seen`` and moved to
the processed folder; never deleted. A message with a refused package is flagged
``\\Seen \\Flagged`` and left where it is (the package and the reason are in the quarantine
folder), so the reviewer sees it in the mail program too.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import email
import email.policy
import imaplib
import logging
import re
import ssl
from email.message import EmailMessage
from email.utils import parseaddr

from reports.exchange.receiving import Outcome
from reports.outbox.config import CredentialKey, OutboxConfig
from reports.outbox.errors import (
    AuthenticationFailedError,
    InsecureTransportError,
    InterruptedTransferError,
    NotConfiguredError,
    OfflineError,
    RemoteRefusedError,
)
from reports.outbox.fetch import FetchedPackage, import_incoming
from reports.outbox.transport import TRANSFER_TIMEOUT, is_loopback
from reports.storage.outbox import OutboxStore
from reports.storage.unit import Role
from reports.workspace import Workspace

log = logging.getLogger(__name__)

MAX_MESSAGE_BYTES = 30 * 1024 * 1024


_INTERNALDATE = re.compile(rb'INTERNALDATE "\s?(\d{1,2})-([A-Za-z]{3})-(\d{4}) (\d\d):(\d\d):(\d\d) ([+-])(\d\d)(\d\d)"')
_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}


def internal_date(response: bytes) -> dt.datetime | None:
    """The server's INTERNALDATE of a message (when the mail reached the mailbox): the arrival
    the reviewer judges lateness by. Parsed by hand: ``%b`` would follow the process locale."""
    m = _INTERNALDATE.search(response)
    if not m or m.group(2).lower().decode() not in _MONTHS:
        return None
    day, _, year, hh, mm, ss, sign, oh, om = m.groups()
    offset = dt.timedelta(hours=int(oh), minutes=int(om)) * (1 if sign == b"+" else -1)
    try:
        return dt.datetime(int(year), _MONTHS[m.group(2).lower().decode()], int(day), int(hh), int(mm), int(ss),
                           tzinfo=dt.timezone(offset))
    except ValueError:
        return None


def quote_mailbox(name: str) -> str:
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def package_attachments(msg: EmailMessage) -> list[tuple[str, bytes]]:
    out = []
    for part in msg.walk():
        if part.is_multipart():
            continue
        name = part.get_filename() or ""
        if not name.lower().endswith(".cchc"):
            continue
        payload = part.get_payload(decode=True)
        if isinstance(payload, bytes):
            out.append((name, payload))
    return out


def _flatten(data: list[object]) -> bytes:
    """imaplib answers with bytes and (header, literal) tuples; join them for searching."""
    chunks: list[bytes] = []
    for item in data:
        if isinstance(item, bytes):
            chunks.append(item)
        elif isinstance(item, tuple):
            chunks.extend(x for x in item if isinstance(x, bytes))
    return b" ".join(chunks)


class ImapFetcher:
    origin = "email"

    def __init__(self, config: OutboxConfig, password: str | None, *, timeout: float = TRANSFER_TIMEOUT,
                 max_messages: int = 200, ssl_context: ssl.SSLContext | None = None) -> None:
        self.config = config
        self._password = password
        self.timeout = timeout
        self.max_messages = max_messages
        self.ssl_context = ssl_context or ssl.create_default_context()

    def __repr__(self) -> str:  # never the password
        return f"ImapFetcher({self.config.imap_host}:{self.config.imap_port}, {self.config.imap_user!r})"

    def describe(self) -> str:
        return f"máy chủ nhận thư {self.config.imap_host}:{self.config.imap_port}"

    def _check_config(self) -> None:
        c = self.config
        if not c.imap_host or not c.imap_user:
            raise NotConfiguredError(detail="chưa có máy chủ hoặc tên đăng nhập hộp thư nhận (imap_host, imap_user).",
                                     detail_en="no incoming mail server or login (imap_host, imap_user).")
        if self._password is None:
            raise NotConfiguredError(detail=f"chưa nhập mật khẩu hộp thư {c.imap_user} (cchc outbox password imap).",
                                     detail_en=f"no password for mailbox {c.imap_user} (cchc outbox password imap).")
        if c.imap_security == "none" and not is_loopback(c.imap_host):
            raise InsecureTransportError(where=self.describe(), fix="imap_security=ssl (cổng 993) hoặc starttls (cổng 143)",
                                         fix_en="imap_security=ssl (port 993) or starttls (port 143)")
        for name in (c.imap_folder, c.imap_processed_folder):
            if not name or not name.isascii():
                raise NotConfiguredError(detail=f"tên thư mục thư “{name}” phải viết không dấu (imap_folder, imap_processed_folder).",
                                         detail_en=f"the mail folder name “{name}” must be plain ASCII.")

    def _connect(self) -> imaplib.IMAP4:
        c = self.config
        try:
            conn: imaplib.IMAP4
            if c.imap_security == "ssl":
                conn = imaplib.IMAP4_SSL(c.imap_host, c.imap_port, ssl_context=self.ssl_context, timeout=self.timeout)
            else:
                conn = imaplib.IMAP4(c.imap_host, c.imap_port, timeout=self.timeout)
                if c.imap_security == "starttls":
                    conn.starttls(ssl_context=self.ssl_context)
        except ssl.SSLError as exc:
            raise RemoteRefusedError(
                detail=f"Không thiết lập được kết nối mã hóa với {self.describe()}: kiểm tra imap_security và cổng.",
                detail_en=f"No encrypted connection with {self.describe()}: check imap_security and the port.",
            ) from exc
        except (OSError, imaplib.IMAP4.error) as exc:
            raise OfflineError(where=self.describe()) from exc
        try:
            conn.login(c.imap_user, self._password or "")
        except imaplib.IMAP4.abort as exc:
            raise InterruptedTransferError(where=self.describe()) from exc
        except imaplib.IMAP4.error as exc:
            with contextlib.suppress(Exception):
                conn.shutdown()
            raise AuthenticationFailedError(where=self.describe(), user=c.imap_user, key=CredentialKey.IMAP.value) from exc
        # Servers list MOVE and UIDPLUS only once logged in; imaplib keeps the greeting's list.
        with contextlib.suppress(imaplib.IMAP4.error):
            typ, data = conn.capability()
            if typ == "OK" and data and isinstance(data[0], bytes):
                conn.capabilities = tuple(data[0].decode("ascii", "replace").upper().split())
        return conn

    def fetch(self, ws: Workspace, now: dt.datetime, found: list[FetchedPackage]) -> None:
        self._check_config()
        conn = self._connect()
        try:
            self._fetch(conn, ws, now, found)
        except imaplib.IMAP4.abort as exc:
            raise InterruptedTransferError(where=self.describe()) from exc
        except imaplib.IMAP4.error as exc:
            raise RemoteRefusedError(detail=f"{self.describe()} báo lỗi: {exc}", detail_en=f"{self.describe()} reported: {exc}") from exc
        except OSError as exc:
            raise InterruptedTransferError(where=self.describe()) from exc
        finally:
            with contextlib.suppress(Exception):
                conn.logout()

    def _fetch(self, conn: imaplib.IMAP4, ws: Workspace, now: dt.datetime, found: list[FetchedPackage]) -> None:
        c = self.config
        typ, _ = conn.select(quote_mailbox(c.imap_folder))
        if typ != "OK":
            raise RemoteRefusedError(detail=f"Không mở được thư mục thư “{c.imap_folder}” trên {self.describe()}.",
                                     detail_en=f"Cannot open the mail folder “{c.imap_folder}” on {self.describe()}.")
        _, validity_data = conn.response("UIDVALIDITY")
        validity = (validity_data[0] or b"0").decode("ascii") if validity_data and isinstance(validity_data[0], bytes) else "0"
        store = OutboxStore(ws.db)
        cursor_key = f"imap_cursor:{c.imap_user}@{c.imap_host}:{c.imap_port}/{c.imap_folder}"
        seen_validity, _, seen_uid = store.meta(cursor_key, "0:0").partition(":")
        last = int(seen_uid) if seen_validity == validity and seen_uid.isdigit() else 0
        typ, data = conn.uid("SEARCH", f"UID {last + 1}:*")
        uids = sorted(int(x) for x in (data[0] or b"").split() if x.isdigit() and int(x) > last)[: self.max_messages]
        is_reviewer = ws.require_unit().role is Role.REVIEWER
        processed_ready = False
        for uid in uids:
            suid = str(uid)
            typ, data = conn.uid("FETCH", suid, "(RFC822.SIZE BODYSTRUCTURE)")
            meta = _flatten(data).lower()
            size_match = re.search(rb"rfc822\.size (\d+)", meta)
            size = int(size_match.group(1)) if size_match else 0
            # ".cchc" names our attachment; "=?" an encoded file name we must decode to see.
            if (b".cchc" in meta or b"=?" in meta) and size <= MAX_MESSAGE_BYTES:
                typ, data = conn.uid("FETCH", suid, "(INTERNALDATE BODY.PEEK[])")
                raw = next((part[1] for part in data if isinstance(part, tuple) and len(part) > 1), b"")
                # Only the response lines, not the message itself (its text could say anything).
                arrived = internal_date(b" ".join(p[0] if isinstance(p, tuple) else p for p in data
                                                  if isinstance(p, (bytes, tuple))))
                msg = email.message_from_bytes(raw, policy=email.policy.default)
                assert isinstance(msg, EmailMessage)
                attachments = package_attachments(msg)
                if attachments:
                    sender = parseaddr(str(msg.get("From", "")))[1]
                    refused = False
                    for name, payload in attachments:
                        source = f"email:{sender}"
                        result = import_incoming(ws, payload, name, source, arrived=arrived, how="imap")
                        found.append(FetchedPackage(self.origin, source, result))
                        refused = refused or result.outcome is Outcome.REFUSED
                        if (is_reviewer and sender and result.kind == "submission" and result.sender
                                and result.outcome is not Outcome.REFUSED):
                            store.set_contact(result.sender, sender, now, learned=True)
                    # Only now, with every import committed, is the message touched.
                    if refused:
                        conn.uid("STORE", suid, "+FLAGS", "(\\Seen \\Flagged)")
                    else:
                        conn.uid("STORE", suid, "+FLAGS", "(\\Seen)")
                        if not processed_ready:
                            conn.create(quote_mailbox(c.imap_processed_folder))  # NO when it exists: fine
                            processed_ready = True
                        self._move(conn, suid, c.imap_processed_folder)
            elif size > MAX_MESSAGE_BYTES:
                log.info("skipped mail uid %s: %s bytes is too large for a package", uid, size)
            store.set_meta(cursor_key, f"{validity}:{uid}")

    def _move(self, conn: imaplib.IMAP4, uid: str, folder: str) -> None:
        caps = {str(x).upper() for x in conn.capabilities}
        if "MOVE" in caps:
            typ, _ = conn.uid("MOVE", uid, quote_mailbox(folder))
            if typ == "OK":
                return
        typ, _ = conn.uid("COPY", uid, quote_mailbox(folder))
        if typ != "OK":
            log.warning("could not copy mail uid %s to the processed folder; it stays (already imported)", uid)
            return
        conn.uid("STORE", uid, "+FLAGS", "(\\Deleted)")
        if "UIDPLUS" in caps:  # plain EXPUNGE would also remove what the user deleted but kept
            conn.uid("EXPUNGE", uid)
