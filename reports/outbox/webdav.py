"""The shared server: a WebDAV folder (Nextcloud and the like), over HTTPS, with http.client.

Sending is safe to repeat: look first (the file, and the receiver's processed and refused
sub-folders), upload under a temporary name, then MOVE with ``Overwrite: F``. A dropped
upload leaves only the temporary file, which the next try overwrites; the same package id
never lands twice. Receiving lists the folder, imports each new ``.cchc`` and then moves it
to ``da-nhan/`` (imported) or ``bi-tu-choi/`` (refused).

Feedback for a commune goes to ``phan-hoi/<commune code>/`` under the same folder, and that
is where the commune fetches from.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import http.client
import ssl
import xml.etree.ElementTree as ET
from base64 import b64encode
from dataclasses import dataclass
from http import HTTPStatus
from urllib.parse import quote, unquote, urlsplit

from reports import __version__
from reports.exchange.packages.limits import Limits
from reports.exchange.receiving import Outcome
from reports.outbox.config import FEEDBACK_DIR, PROCESSED_DIR, REFUSED_DIR, CredentialKey, TransportKind
from reports.outbox.errors import (
    AuthenticationFailedError,
    InsecureTransportError,
    InterruptedTransferError,
    NotConfiguredError,
    OfflineError,
    RemoteRefusedError,
    RetryableError,
    TransportError,
)
from reports.outbox.fetch import FetchedPackage, addressed_elsewhere, import_incoming
from reports.outbox.transport import PROBE_TIMEOUT, TRANSFER_TIMEOUT, OutgoingPackage, is_loopback, probe_tcp
from reports.storage.unit import Role
from reports.workspace import Workspace

MAX_DOWNLOAD = Limits().max_package_bytes
_PROPFIND = (b'<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:"><d:prop>'
             b"<d:resourcetype/><d:getcontentlength/><d:getlastmodified/></d:prop></d:propfind>")


@dataclass(frozen=True)
class RemoteEntry:
    name: str
    size: int
    is_folder: bool
    modified: dt.datetime | None = None  # the server's Last-Modified: when the file reached it


class WebDavClient:
    """The few WebDAV requests we need, one connection per request (simple and robust when
    the network comes and goes). Paths are relative to the configured folder."""

    def __init__(self, url: str, user: str = "", password: str | None = None, *, timeout: float = TRANSFER_TIMEOUT,
                 ssl_context: ssl.SSLContext | None = None) -> None:
        self.url = url.strip()
        parts = urlsplit(self.url)
        self.scheme = parts.scheme.lower()
        self.host = parts.hostname or ""
        try:
            self.port = parts.port or (443 if self.scheme == "https" else 80)
        except ValueError:  # "https://host:abc/": check_config says what is wrong
            self.host, self.port = "", 0
        path = parts.path or "/"
        self.base_path = path if path.endswith("/") else path + "/"
        self.user = user
        self._password = password
        self.timeout = timeout
        self.ssl_context = ssl_context or ssl.create_default_context()

    def __repr__(self) -> str:  # never the password
        return f"WebDavClient({self.scheme}://{self.host}:{self.port}{self.base_path}, user={self.user!r})"

    def describe(self) -> str:
        return f"máy chủ chung {self.host}"

    def check_config(self) -> None:
        if not self.url:
            raise NotConfiguredError(detail="chưa có địa chỉ thư mục trên máy chủ chung (webdav_url).",
                                     detail_en="no shared server folder (webdav_url).")
        if self.scheme not in ("http", "https") or not self.host:
            raise NotConfiguredError(
                detail=f"địa chỉ máy chủ chung “{self.url}” không hợp lệ (ví dụ đúng: https://luutru.example.gov.vn/cchc/).",
                detail_en=f"the shared server address “{self.url}” is not valid (e.g. https://files.example.gov.vn/cchc/).")
        if self.user and self._password is None:
            raise NotConfiguredError(detail=f"chưa nhập mật khẩu máy chủ chung cho {self.user} (cchc outbox password webdav).",
                                     detail_en=f"no shared server password for {self.user} (cchc outbox password webdav).")
        if self.user and self.scheme == "http" and not is_loopback(self.host):
            raise InsecureTransportError(where=self.describe(), fix="địa chỉ https://", fix_en="an https:// address")

    def check_reachable(self, timeout: float = PROBE_TIMEOUT) -> None:
        self.check_config()
        probe_tcp(self.host, self.port, self.describe(), timeout)

    def url_for(self, rel: str) -> str:
        default = 443 if self.scheme == "https" else 80
        netloc = self.host if self.port == default else f"{self.host}:{self.port}"
        return f"{self.scheme}://{netloc}{self._path(rel)}"

    def _path(self, rel: str) -> str:
        return self.base_path + quote(rel.lstrip("/"))

    # ------------------------------------------------------------ requests

    def request(self, method: str, rel: str, body: bytes | None = None, headers: dict[str, str] | None = None,
                *, max_bytes: int = MAX_DOWNLOAD) -> tuple[int, bytes]:
        conn: http.client.HTTPConnection
        if self.scheme == "https":
            conn = http.client.HTTPSConnection(self.host, self.port, timeout=self.timeout, context=self.ssl_context)
        else:
            conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        all_headers = {"User-Agent": f"BaoCaoCCHC/{__version__}", **(headers or {})}
        if self.user:
            token = b64encode(f"{self.user}:{self._password or ''}".encode()).decode("ascii")
            all_headers["Authorization"] = f"Basic {token}"
        connected = False
        try:
            conn.connect()
            connected = True
            conn.request(method, self._path(rel), body=body, headers=all_headers)
            response = conn.getresponse()
            length = response.getheader("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise RemoteRefusedError(detail=f"Tệp {rel} trên {self.describe()} quá lớn để là một gói báo cáo.",
                                         detail_en=f"File {rel} on {self.describe()} is too large to be a report package.")
            data = response.read(max_bytes + 1)
            status = response.status
        except TransportError:
            raise
        except ssl.SSLCertVerificationError as exc:
            raise RemoteRefusedError(
                detail=f"Chứng chỉ bảo mật của {self.describe()} không hợp lệ ({exc.verify_message}). Hãy kiểm tra địa chỉ.",
                detail_en=f"The security certificate of {self.describe()} is not valid ({exc.verify_message}). Check the address.",
            ) from exc
        except (OSError, http.client.HTTPException) as exc:
            if connected:
                raise InterruptedTransferError(where=self.describe()) from exc
            raise OfflineError(where=self.describe()) from exc
        finally:
            conn.close()
        if status == 401:
            raise AuthenticationFailedError(where=self.describe(), user=self.user or "(không tên)", key=CredentialKey.WEBDAV.value)
        return status, data

    def get(self, rel: str) -> bytes | None:
        """The file's bytes, or None when it is not there (or not visible to us)."""
        status, data = self.request("GET", rel)
        if status == 200:
            return data
        if status in (403, 404, 405, 409, 410):
            return None
        raise self.status_error(status, rel)

    def put(self, rel: str, data: bytes) -> None:
        status, _ = self.request("PUT", rel, data, {"Content-Type": "application/octet-stream"})
        if status not in (200, 201, 204):
            raise self.status_error(status, rel)

    def move(self, src: str, dst: str, *, overwrite: bool) -> bool:
        """True when moved; False when ``dst`` exists and ``overwrite`` is off."""
        status, _ = self.request("MOVE", src, headers={"Destination": self.url_for(dst), "Overwrite": "T" if overwrite else "F"})
        if status in (201, 204):
            return True
        if status == 412 and not overwrite:
            return False
        raise self.status_error(status, src)

    def mkcol(self, rel: str) -> None:
        status, _ = self.request("MKCOL", rel.rstrip("/") + "/")
        if status not in (201, 405):  # 405: it exists already
            raise self.status_error(status, rel)

    def delete(self, rel: str) -> None:
        status, _ = self.request("DELETE", rel)
        if status not in (200, 204, 404):
            raise self.status_error(status, rel)

    def list(self, rel: str = "") -> list[RemoteEntry]:
        """What a folder holds (not the folder itself); empty when it does not exist."""
        folder = rel.rstrip("/") + "/" if rel else ""
        status, data = self.request("PROPFIND", folder, _PROPFIND, {"Depth": "1", "Content-Type": "application/xml"})
        if status == 404:
            return []
        if status != 207:
            raise self.status_error(status, rel)
        try:
            root = ET.fromstring(data)  # Python's expat refuses entity-expansion bombs; no external entities
        except ET.ParseError as exc:
            raise RetryableError(detail=f"{self.describe()} trả lời không đúng định dạng WebDAV.",
                                 detail_en=f"{self.describe()} sent a malformed WebDAV answer.") from exc
        own = unquote(self._path(folder)).rstrip("/")
        out = []
        for response in root.iter("{DAV:}response"):
            href = unquote(response.findtext("{DAV:}href") or "")
            path = urlsplit(href).path.rstrip("/")
            if not path or path == own:
                continue
            is_folder = response.find(".//{DAV:}resourcetype/{DAV:}collection") is not None
            length = response.findtext(".//{DAV:}getcontentlength") or "0"
            out.append(RemoteEntry(path.rsplit("/", 1)[-1], int(length) if length.strip().isdigit() else 0, is_folder,
                                   _http_date(response.findtext(".//{DAV:}getlastmodified"))))
        return out

    def status_error(self, status: int, rel: str) -> TransportError:
        try:
            phrase = HTTPStatus(status).phrase
        except ValueError:
            phrase = ""
        where = self.describe()
        if status in (408, 429) or (status >= 500 and status != 507):
            return RetryableError(detail=f"{where} tạm thời lỗi ({status} {phrase}). Chương trình sẽ tự gửi lại.",
                                  detail_en=f"{where} has a temporary problem ({status} {phrase}). The program will retry.")
        if status == 403:
            vi, en = "không cho phép tài khoản này ghi vào thư mục", "does not let this account write to the folder"
        elif status in (404, 409):
            vi, en = "không có thư mục này (hãy kiểm tra webdav_url)", "has no such folder (check webdav_url)"
        elif status == 507:
            vi, en = "đã hết dung lượng lưu trữ", "is out of storage space"
        else:
            vi, en = f"trả lời {status} {phrase}", f"answered {status} {phrase}"
        return RemoteRefusedError(detail=f"{where} {vi} ({rel}). Hãy liên hệ người quản trị máy chủ, rồi bấm “Gửi lại ngay”.",
                                  detail_en=f"{where} {en} ({rel}). Contact the server's administrator, then press “Retry now”.")


def _http_date(text: str | None) -> dt.datetime | None:
    """A WebDAV getlastmodified (RFC 1123): when the file reached the server, by its clock."""
    if not text:
        return None
    try:
        when = email.utils.parsedate_to_datetime(text.strip())
    except (TypeError, ValueError, IndexError):
        return None
    return when if when.tzinfo is not None else None


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def feedback_folder(unit_code: str) -> str:
    return f"{FEEDBACK_DIR}/{unit_code}/"


class WebDavTransport:
    kind = TransportKind.WEBDAV

    def __init__(self, client: WebDavClient) -> None:
        self.client = client

    def describe(self) -> str:
        return self.client.describe()

    def check_reachable(self, timeout: float = PROBE_TIMEOUT) -> None:
        self.client.check_reachable(timeout)

    def _already_there(self, folder: str, package: OutgoingPackage) -> str | None:
        for candidate in (folder + package.file_name, f"{folder}{PROCESSED_DIR}/{package.file_name}",
                          f"{folder}{REFUSED_DIR}/{package.file_name}"):
            existing = self.client.get(candidate)
            if existing is None:
                continue
            if _sha(existing) == _sha(package.data):
                return self.client.url_for(candidate)
            raise RemoteRefusedError(
                detail=f"Trên {self.describe()} đã có tệp {package.file_name} nhưng khác nội dung. Hãy báo người quản trị.",
                detail_en=f"{self.describe()} already has a file {package.file_name} with other content. Tell the administrator.",
            )
        return None

    def deliver(self, package: OutgoingPackage) -> str:
        self.client.check_config()
        folder = ""
        if package.kind == "feedback":
            folder = feedback_folder(package.recipient_code)
            self.client.mkcol(FEEDBACK_DIR)
            self.client.mkcol(folder)
        done = self._already_there(folder, package)
        if done:
            return done
        final = folder + package.file_name
        temp = final + ".partial"  # one sender per package (the lease), so a fixed name is safe to overwrite
        self.client.put(temp, package.data)
        if not self.client.move(temp, final, overwrite=False):
            self.client.delete(temp)
            done = self._already_there(folder, package)
            if not done:
                raise RetryableError(detail=f"{self.describe()}: tệp {package.file_name} vừa thay đổi trong lúc gửi; sẽ thử lại.",
                                     detail_en=f"{self.describe()}: file {package.file_name} changed while sending; will retry.")
            return done
        return self.client.url_for(final)


class WebDavFetcher:
    """The reviewer fetches from the folder itself; a commune from ``phan-hoi/<its code>/``."""

    origin = "webdav"

    def __init__(self, client: WebDavClient, *, max_files: int = 500) -> None:
        self.client = client
        self.max_files = max_files

    def fetch(self, ws: Workspace, now: dt.datetime, found: list[FetchedPackage]) -> None:
        self.client.check_config()
        unit = ws.require_unit()
        folder = "" if unit.role is Role.REVIEWER else feedback_folder(unit.code)
        entries = [e for e in self.client.list(folder) if not e.is_folder and e.name.lower().endswith(".cchc")]
        made: set[str] = set()
        for entry in sorted(entries, key=lambda e: e.name)[: self.max_files]:
            rel = folder + entry.name
            data = self.client.get(rel)
            if data is None:
                continue  # taken by another reviewer's PC meanwhile
            if addressed_elsewhere(ws, data):
                continue  # the shared folder holds packages for others too: not ours to touch
            source = "webdav:" + self.client.url_for(rel)
            result = import_incoming(ws, data, entry.name, source, arrived=entry.modified, how="webdav")
            found.append(FetchedPackage(self.origin, source, result))
            # Only now, with the import committed, is the file moved aside.
            target = folder + (REFUSED_DIR if result.outcome is Outcome.REFUSED else PROCESSED_DIR)
            if target not in made:
                self.client.mkcol(target)
                made.add(target)
            # If the move fails the file stays; the next fetch imports it again ("already had") and moves it.
            self.client.move(rel, f"{target}/{entry.name}", overwrite=True)
