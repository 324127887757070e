"""Real servers on 127.0.0.1 for the outbox tests — no mocks of the protocols.

- SMTP: aiosmtpd in a thread, with AUTH LOGIN/PLAIN (over plain loopback), recording every
  message it accepts; it can drop the connection at the end of DATA, or stall there.
- WebDAV: wsgidav on cheroot with a folder and users, optionally behind a TCP proxy that
  cuts the first connection that sends more than N bytes (a dropped upload).
- IMAP: Debian's dovecot, started with a throwaway configuration; the tests that need it are
  skipped (with the reason) when it cannot start. ``make test`` installs dovecot-imapd.

Every server listens on 127.0.0.1 only; every wait is bounded. The fixtures are
registered for tests/e2e by its conftest.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import email
import email.policy
import imaplib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

HOST = "127.0.0.1"
XA_MAIL, XA_PASSWORD = "xa@tanphu.example.vn", "mat-khau-xa"
SO_MAIL, SO_PASSWORD = "cchc@sonoivu.example.vn", "mat-khau-so"
MAILBOX_PAIRS = 10


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def wait_until(check: Callable[[], bool], timeout: float = 10.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")



# =========================================================================== SMTP (aiosmtpd)


@dataclass
class MailServer:
    port: int
    users: dict[str, str]
    accepted: list[tuple[list[str], bytes]] = field(default_factory=list)
    auth_attempts: int = 0
    drop_next: int = 0  # close the connection at the end of DATA, before "250"
    keep_dropped: bool = False  # …having stored the message first (the client cannot know)
    stall: threading.Event | None = None  # hold DATA until set, then answer 451
    data_started: threading.Event = field(default_factory=threading.Event)
    relay: Callable[[list[str], bytes], None] | None = None  # e.g. into the IMAP mailboxes
    controller: Any = None

    # aiosmtpd hooks
    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.data_started.set()
        content = bytes(envelope.content)
        if self.stall is not None:
            await asyncio.get_running_loop().run_in_executor(None, self.stall.wait, 30)
            return "451 4.3.0 Thử lại sau"
        if self.drop_next:
            self.drop_next -= 1
            if self.keep_dropped:
                self._accept(list(envelope.rcpt_tos), content)
            server.transport.close()  # the connection drops before the client hears the answer
            return "250 OK"
        self._accept(list(envelope.rcpt_tos), content)
        return "250 OK"

    def _accept(self, rcpts: list[str], content: bytes) -> None:
        self.accepted.append((rcpts, content))
        if self.relay:
            self.relay(rcpts, content)

    def authenticate(self, server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> Any:
        from aiosmtpd.smtp import AuthResult, LoginPassword

        self.auth_attempts += 1
        ok = (isinstance(auth_data, LoginPassword)
              and self.users.get(auth_data.login.decode()) == auth_data.password.decode())
        return AuthResult(success=ok, handled=False)

    def start(self) -> MailServer:
        from aiosmtpd.controller import Controller

        self.controller = Controller(self, hostname=HOST, port=self.port, authenticator=self.authenticate,
                                     auth_required=True, auth_require_tls=False, ready_timeout=10)
        self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def messages(self) -> list[EmailMessage]:
        out = []
        for _, raw in self.accepted:
            msg = email.message_from_bytes(raw, policy=email.policy.default)
            assert isinstance(msg, EmailMessage)
            out.append(msg)
        return out


@pytest.fixture
def mail_server() -> Iterator[MailServer]:
    server = MailServer(free_port(), {XA_MAIL: XA_PASSWORD, SO_MAIL: SO_PASSWORD})
    yield server
    if server.stall is not None:
        server.stall.set()
    server.stop()



# =========================================================================== IMAP (dovecot)


@dataclass
class Dovecot:
    root: Path
    port: int
    proc: subprocess.Popen[bytes]
    users: int = 0

    def mailbox_pair(self) -> tuple[str, str]:
        """Unused commune and reviewer mailboxes (made at start-up: dovecot re-reads a changed
        passwd-file only when its modification time moves on, a second at a time)."""
        self.users += 1
        assert self.users <= MAILBOX_PAIRS, "raise MAILBOX_PAIRS"
        return f"xa{self.users}@tanphu.example.vn", f"so{self.users}@sonoivu.example.vn"

    def connect(self, user: str, password: str) -> imaplib.IMAP4:
        conn = imaplib.IMAP4(HOST, self.port, timeout=10)
        try:
            conn.login(user, password)
        except BaseException:
            conn.shutdown()
            raise
        return conn

    def append(self, user: str, password: str, raw: bytes, folder: str = "INBOX",
               date_time: dt.datetime | None = None) -> None:
        conn = self.connect(user, password)
        try:
            typ, _ = conn.append(folder, None, date_time, raw)
            assert typ == "OK"
        finally:
            conn.logout()

    def messages(self, user: str, password: str, folder: str = "INBOX") -> list[tuple[str, bytes]]:
        """(flags, raw message) of each message in the folder, without marking them read."""
        conn = self.connect(user, password)
        try:
            typ, _ = conn.select(f'"{folder}"', readonly=True)
            if typ != "OK":
                return []
            _, data = conn.uid("SEARCH", "ALL")
            out = []
            for uid in (data[0] or b"").split():
                _, fetched = conn.uid("FETCH", uid.decode(), "(FLAGS BODY.PEEK[])")
                head = fetched[0]
                assert isinstance(head, tuple)
                out.append((head[0].decode(), head[1]))
            return out
        finally:
            conn.logout()


def _dovecot_config(root: Path, port: int, uid: str, gid: str) -> str:
    internal = "" if os.geteuid() == 0 else f"default_internal_user = {uid}\ndefault_login_user = {uid}\n"
    return f"""
protocols = imap
listen = {HOST}
base_dir = {root}/run
state_dir = {root}/state
instance_name = cchc-test-{port}
log_path = {root}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
first_valid_uid = 1
mail_location = maildir:{root}/mail/%u
{internal}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/home/%u
}}
service imap-login {{
  inet_listener imap {{
    address = {HOST}
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
  # No growing delay after a failed login (the wrong-password tests would slow the rest).
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
service imap-login {{
  chroot =
}}
"""


@pytest.fixture(scope="session")
def dovecot() -> Iterator[Dovecot]:
    exe = shutil.which("dovecot") or "/usr/sbin/dovecot"
    if not os.path.exists(exe) or sys.platform == "win32":
        pytest.skip("dovecot is not installed: `make test` installs dovecot-imapd (.ci/system-deps.sh)")
    import pwd
    # Under /tmp, not pytest's tmp_path: the mail user (nobody, when we are root) must reach it.
    root = Path(tempfile.mkdtemp(prefix="cchc-dovecot-"))
    os.chmod(root, 0o755)
    if os.geteuid() == 0:
        nobody = pwd.getpwnam("nobody")
        uid, gid = str(nobody.pw_uid), str(nobody.pw_gid)
    else:
        uid, gid = pwd.getpwuid(os.getuid()).pw_name, str(os.getgid())
    for sub in ("run", "state", "mail", "home"):
        (root / sub).mkdir()
    if os.geteuid() == 0:
        for sub in ("mail", "home"):
            os.chown(root / sub, int(uid), int(gid))
    (root / "passwd").write_text("".join(f"xa{n}@tanphu.example.vn:{{PLAIN}}{XA_PASSWORD}\n"
                                         f"so{n}@sonoivu.example.vn:{{PLAIN}}{SO_PASSWORD}\n"
                                         for n in range(1, MAILBOX_PAIRS + 1)), encoding="utf-8")
    port = free_port()
    conf = root / "dovecot.conf"
    conf.write_text(_dovecot_config(root, port, uid, gid), encoding="utf-8")
    out = open(root / "stdout.log", "wb")  # noqa: SIM115 - closed at teardown
    proc = subprocess.Popen([exe, "-F", "-c", str(conf)], stdout=out, stderr=subprocess.STDOUT)
    server = Dovecot(root, port, proc)

    def up() -> bool:
        if proc.poll() is not None:
            return True
        try:
            with socket.create_connection((HOST, port), timeout=0.5) as s:
                return s.recv(64).startswith(b"* OK")
        except OSError:
            return False

    try:
        wait_until(up, 15, "dovecot")
        if proc.poll() is not None:
            raise AssertionError("dovecot exited")
    except AssertionError as exc:
        proc.kill()
        proc.wait(10)
        out.close()
        log = ""
        for name in ("stdout.log", "dovecot.log"):
            with contextlib.suppress(OSError):
                log += (root / name).read_text(errors="replace")[-400:]
        shutil.rmtree(root, ignore_errors=True)
        pytest.skip(f"dovecot could not be started ({exc}): {log.strip()}")
    yield server
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(10)
    out.close()
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def mailboxes(dovecot: Dovecot) -> tuple[Dovecot, str, str]:
    """Fresh mailboxes for the commune and the reviewer (unique names per test)."""
    xa, so = dovecot.mailbox_pair()
    return dovecot, xa, so


# =========================================================================== WebDAV (wsgidav)


@dataclass
class DavServer:
    root: Path
    port: int
    users: dict[str, str]
    requests: list[tuple[str, str, int]] = field(default_factory=list)
    server: Any = None

    def start(self) -> DavServer:
        from cheroot import wsgi
        from wsgidav.wsgidav_app import WsgiDAVApp

        config = {
            "host": HOST, "port": self.port, "provider_mapping": {"/": str(self.root)},
            "http_authenticator": {"domain_controller": None, "accept_basic": True, "accept_digest": False,
                                   "default_to_digest": False},
            "simple_dc": {"user_mapping": {"*": {u: {"password": p} for u, p in self.users.items()}}},
            "verbose": 0, "logging": {"enable": False, "enable_loggers": []},
            "property_manager": True, "lock_storage": True,
        }
        app = WsgiDAVApp(config)

        def counting(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
            def record(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
                self.requests.append((environ["REQUEST_METHOD"], environ["PATH_INFO"], int(status[:3])))
                return start_response(status, headers, exc_info)

            return app(environ, record)

        self.server = wsgi.Server((HOST, self.port), counting, numthreads=4)
        self.server.prepare()
        threading.Thread(target=self.server.serve, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()
            self.server = None

    def files(self, sub: str = "") -> list[str]:
        folder = self.root / sub
        return sorted(p.name for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []


@pytest.fixture
def dav(tmp_path: Path) -> Iterator[DavServer]:
    root = tmp_path / "webdav"
    (root / "cchc").mkdir(parents=True)
    server = DavServer(root, free_port(), {"xa-tanphu": XA_PASSWORD, "so-noivu": SO_PASSWORD})
    yield server
    server.stop()


class CuttingProxy:
    """Forwards a loopback port to the server; cuts the first connection whose client has
    sent more than ``cut_after`` bytes (an upload dropped half-way), once."""

    def __init__(self, upstream: int, cut_after: int) -> None:
        self.upstream = upstream
        self.cut_after = cut_after
        self.cuts = 0
        self.listener = socket.create_server((HOST, 0))
        self.listener.settimeout(0.2)
        self.port = int(self.listener.getsockname()[1])
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while not self.stopping.is_set():
            try:
                client, _ = self.listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        try:
            upstream = socket.create_connection((HOST, self.upstream), timeout=10)
        except OSError:
            client.close()
            return
        client.settimeout(10)
        cut = threading.Event()

        def pump(src: socket.socket, dst: socket.socket, count: bool) -> None:
            sent = 0
            with contextlib.suppress(OSError):
                while not cut.is_set():
                    chunk = src.recv(4096)
                    if not chunk:
                        break
                    sent += len(chunk)
                    if count and self.cuts == 0 and sent > self.cut_after:
                        self.cuts += 1
                        cut.set()
                        break
                    dst.sendall(chunk)
            for s in (src, dst):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)

        back = threading.Thread(target=pump, args=(upstream, client, False), daemon=True)
        back.start()
        pump(client, upstream, True)
        back.join(10)
        client.close()
        upstream.close()

    def close(self) -> None:
        self.stopping.set()
        self.listener.close()
        self.thread.join(5)


