"""The outbox against real servers on 127.0.0.1 — no mocks of the protocols.

- SMTP: aiosmtpd in a thread, with AUTH LOGIN/PLAIN (over plain loopback), recording every
  message it accepts; it can drop the connection at the end of DATA, or stall there.
- WebDAV: wsgidav on cheroot with a folder and users, optionally behind a TCP proxy that
  cuts the first connection that sends more than N bytes (a dropped upload).
- IMAP: Debian's dovecot, started with a throwaway configuration; the tests that need it are
  skipped (with the reason) when it cannot start. ``make test`` installs dovecot-imapd.

Every server listens on 127.0.0.1 only; every wait is bounded.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import email
import email.policy
import imaplib
import os
import random
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
from cryptography.hazmat.primitives import serialization

from reports.clock import parse_iso
from reports.exchange import sync
from reports.outbox import AttemptOutcome, CredentialStore, Outbox, OutboxState
from reports.outbox.config import PROCESSED_DIR
from reports.outbox.errors import AuthenticationFailedError, InsecureTransportError, NotConfiguredError
from reports.outbox.fetch import import_incoming
from reports.outbox.imap import package_attachments
from reports.outbox.smtp import compose
from reports.outbox.transport import OutgoingPackage
from reports.outbox.webdav import WebDavClient, WebDavFetcher
from reports.sample import fill_sample
from reports.storage.lifecycle import Status
from reports.storage.unit import Role, Unit
from reports.workspace import Workspace

pytestmark = [
    pytest.mark.slow,
    # aiosmtpd warns when AUTH is offered without TLS; on loopback that is what we want.
    pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning"),
]

HOST = "127.0.0.1"
COMMUNE = Unit(role=Role.COMMUNE, code="26734", name="Xã Tân Phú", province_name="Tỉnh Đồng Nai", province_code="75",
               reviewer_code="75", reviewer_name="Sở Nội vụ tỉnh Đồng Nai")
REVIEWER = Unit(role=Role.REVIEWER, code="75", name="Sở Nội vụ tỉnh Đồng Nai", province_name="Tỉnh Đồng Nai",
                province_code="75")
XA_MAIL, XA_PASSWORD = "xa@tanphu.example.vn", "mat-khau-xa"
SO_MAIL, SO_PASSWORD = "cchc@sonoivu.example.vn", "mat-khau-so"
MAILBOX_PAIRS = 10
LATER = dt.timedelta(hours=1)  # far past any back-off (capped at 30 minutes)


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


# =========================================================================== the two installations


@dataclass
class Installations:
    commune: Workspace
    reviewer: Workspace
    commune_box: Outbox
    reviewer_box: Outbox

    def later(self, n: int = 1) -> dt.datetime:
        return self.commune.clock() + n * LATER


@pytest.fixture
def both(tmp_path: Path) -> Iterator[Installations]:
    commune = Workspace.open(tmp_path / "xa")
    commune.initialise(COMMUNE)
    reviewer = Workspace.open(tmp_path / "so")
    reviewer.initialise(REVIEWER)
    pem = serialization.Encoding.PEM
    sync.bind_certificate(reviewer, COMMUNE.code, commune.installation_key.certificate.public_bytes(pem))
    sync.bind_certificate(commune, REVIEWER.code, reviewer.installation_key.certificate.public_bytes(pem))
    fill_sample(commune, months=1)
    yield Installations(commune, reviewer, Outbox(commune, CredentialStore(commune.paths, backend="file")),
                        Outbox(reviewer, CredentialStore(reviewer.paths, backend="file")))
    commune.close()
    reviewer.close()


def sender(box: Outbox) -> Any:
    return box.sender(rng=random.Random(3))


def reviewer_package_rows(ws: Workspace, package_id: str) -> int:
    return int(ws.db.execute("SELECT COUNT(*) FROM packages WHERE package_id = ?", (package_id,)).fetchone()[0])


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


def use_email(ws: Workspace, box: Outbox, port: int, user: str, password: str, reviewer_email: str = SO_MAIL) -> None:
    for key, value in (("outbox_transport", "email"), ("smtp_host", HOST), ("smtp_port", port),
                       ("smtp_security", "none"), ("smtp_user", user), ("reviewer_email", reviewer_email)):
        ws.settings.set(key, value)
    box.set_password("smtp", password)


def test_email_arrives_with_the_package_byte_for_byte(both: Installations, mail_server: MailServer) -> None:
    mail_server.start()
    use_email(both.commune, both.commune_box, mail_server.port, XA_MAIL, XA_PASSWORD)
    [entry] = both.commune_box.export_and_add()
    run = sender(both.commune_box).run_once()
    assert [a.outcome for a in run.attempts] == [AttemptOutcome.SENT]
    [(rcpts, _)] = mail_server.accepted
    [msg] = mail_server.messages()
    assert rcpts == [SO_MAIL]
    assert msg["Subject"] == f"[CCHC] Xã Tân Phú (26734) gửi báo cáo kỳ {entry.label} — gói {entry.short_id}"
    [(name, data)] = package_attachments(msg)
    assert name == entry.file_name
    assert data == (both.commune.paths.exports / entry.file_name).read_bytes()
    assert both.commune_box.entry(entry.package_id).state is OutboxState.SENT
    # and the reviewer's import of exactly those bytes works
    assert import_incoming(both.reviewer, data, name, f"email:{XA_MAIL}").outcome is sync.Outcome.IMPORTED


def test_email_server_down_at_first_then_up(both: Installations, mail_server: MailServer) -> None:
    use_email(both.commune, both.commune_box, mail_server.port, XA_MAIL, XA_PASSWORD)
    [entry] = both.commune_box.export_and_add()
    s = sender(both.commune_box)
    run = s.run_once()
    assert [a.outcome for a in run.attempts] == [AttemptOutcome.OFFLINE]
    waiting = both.commune_box.entry(entry.package_id)
    assert waiting.state is OutboxState.WAITING and waiting.attempts == 0 and "Chưa kết nối được" in waiting.last_error
    assert s.run_once().attempts == []  # not before the back-off says so
    mail_server.start()
    assert [a.outcome for a in s.run_once(both.later()).attempts] == [AttemptOutcome.SENT]
    assert s.run_once(both.later(2)).attempts == []
    assert len(mail_server.accepted) == 1


def test_email_connection_dropped_mid_data_is_sent_again_once(both: Installations, mail_server: MailServer) -> None:
    mail_server.start()
    mail_server.drop_next = 1
    use_email(both.commune, both.commune_box, mail_server.port, XA_MAIL, XA_PASSWORD)
    [entry] = both.commune_box.export_and_add()
    s = sender(both.commune_box)
    [first] = s.run_once().attempts
    assert first.outcome is AttemptOutcome.RETRY and "bị ngắt giữa chừng" in first.message("vi")
    assert mail_server.accepted == []
    assert [a.outcome for a in s.run_once(both.later()).attempts] == [AttemptOutcome.SENT]
    assert s.run_once(both.later(2)).attempts == []
    [msg] = mail_server.messages()
    assert package_attachments(msg)[0][1] == (both.commune.paths.exports / entry.file_name).read_bytes()


def test_email_wrong_password_needs_attention_without_a_retry_storm(both: Installations, mail_server: MailServer) -> None:
    mail_server.start()
    use_email(both.commune, both.commune_box, mail_server.port, XA_MAIL, "sai-mat-khau")
    [entry] = both.commune_box.export_and_add()
    s = sender(both.commune_box)
    [attempt] = s.run_once().attempts
    assert attempt.outcome is AttemptOutcome.NEEDS_ATTENTION
    got = both.commune_box.entry(entry.package_id)
    assert got.state is OutboxState.NEEDS_ATTENTION and got.state_label() == "cần xử lý"
    assert f"từ chối đăng nhập của “{XA_MAIL}”" in got.last_error and "cchc outbox password smtp" in got.last_error
    assert mail_server.auth_attempts == 1
    for n in (1, 3, 24, 24 * 30):
        assert s.run_once(both.later(n)).attempts == []
    assert mail_server.auth_attempts == 1 and mail_server.accepted == []
    both.commune_box.set_password("smtp", XA_PASSWORD)
    assert [a.outcome for a in s.run_once().attempts] == [AttemptOutcome.SENT]
    assert len(mail_server.accepted) == 1


def test_killed_while_sending_resumes_after_the_lease_lapses(both: Installations, mail_server: MailServer,
                                                             tmp_path: Path) -> None:
    """A real `cchc outbox send` process, killed while the server holds its DATA."""
    mail_server.stall = threading.Event()
    mail_server.start()
    use_email(both.commune, both.commune_box, mail_server.port, XA_MAIL, XA_PASSWORD)
    [entry] = both.commune_box.export_and_add()
    cchc = Path(sys.executable).with_name("cchc")
    command = [str(cchc)] if cchc.exists() else [sys.executable, "-m", "reports.cli"]
    env = {**os.environ, "CCHC_CREDENTIALS": "file"}
    proc = subprocess.Popen([*command, "--data-dir", str(both.commune.paths.root), "outbox", "send"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert mail_server.data_started.wait(30), "the sender never reached DATA"
        proc.kill()  # SIGKILL: no chance to tidy up, as when the power goes
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
    mail_server.stall.set()  # the server gives up on the dead client ("451"): nothing was accepted
    now = both.commune.clock()
    held = both.commune_box.entry(entry.package_id, now)
    assert held.stored_state == "sending" and held.state is OutboxState.SENDING and held.lease_until is not None
    s = sender(both.commune_box)
    assert s.run_once(now).attempts == []  # the lease is still running: never two senders
    mail_server.stall = None
    run = s.run_once(held.lease_until + dt.timedelta(seconds=1))
    assert [a.outcome for a in run.attempts] == [AttemptOutcome.SENT]
    assert len(mail_server.accepted) == 1
    assert both.commune_box.entry(entry.package_id).attempts == 2


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


def use_imap(ws: Workspace, box: Outbox, port: int, user: str, password: str) -> None:
    for key, value in (("imap_host", HOST), ("imap_port", port), ("imap_security", "none"), ("imap_user", user)):
        ws.settings.set(key, value)
    box.set_password("imap", password)


def test_round_trip_by_email_both_ways(both: Installations, mail_server: MailServer,
                                       mailboxes: tuple[Dovecot, str, str]) -> None:
    """Commune → SMTP → the reviewer's mailbox → IMAP fetch → import; feedback back the same way."""
    dovecot, xa, so = mailboxes
    passwords = {xa: XA_PASSWORD, so: SO_PASSWORD}
    mail_server.users = passwords

    def deliver_to_mailboxes(rcpts: list[str], raw: bytes) -> None:
        for r in rcpts:
            dovecot.append(r, passwords[r], raw)

    mail_server.relay = deliver_to_mailboxes
    mail_server.start()
    use_email(both.commune, both.commune_box, mail_server.port, xa, XA_PASSWORD, reviewer_email=so)
    use_imap(both.reviewer, both.reviewer_box, dovecot.port, so, SO_PASSWORD)
    [entry] = both.commune_box.export_and_add()
    assert [a.outcome for a in sender(both.commune_box).run_once().attempts] == [AttemptOutcome.SENT]

    run = both.reviewer_box.fetch()
    assert run.errors == [] and run.sources == ["email"]
    [got] = run.fetched
    assert got.result.outcome is sync.Outcome.IMPORTED and got.source == f"email:{xa}"
    row = both.reviewer.db.execute("SELECT source FROM packages WHERE package_id = ?", (entry.package_id,)).fetchone()
    assert row[0] == f"email:{xa}"  # the reviewer's inbox shows where it came from
    assert dovecot.messages(so, SO_PASSWORD) == []  # moved out of the inbox, not deleted:
    [(flags, _)] = dovecot.messages(so, SO_PASSWORD, "CCHC-da-nhan")
    assert "\\Seen" in flags
    assert both.reviewer_box.fetch().fetched == []  # nothing new
    assert both.reviewer_box.contacts() == [("26734", xa, "learned")]

    # the reviewer's feedback goes back by e-mail to the address it learned
    use_email(both.reviewer, both.reviewer_box, mail_server.port, so, SO_PASSWORD)
    [fb] = both.reviewer_box.export_and_add()
    assert [a.outcome for a in sender(both.reviewer_box).run_once().attempts] == [AttemptOutcome.SENT]
    assert mail_server.messages()[-1]["Subject"].startswith("[CCHC] Sở Nội vụ tỉnh Đồng Nai (75) gửi phản hồi cho")
    assert both.commune_box.entry(entry.package_id).state is OutboxState.SENT  # "đã gửi, chờ biên nhận"
    use_imap(both.commune, both.commune_box, dovecot.port, xa, XA_PASSWORD)
    run = both.commune_box.fetch()
    assert [(f.result.kind, f.result.outcome) for f in run.fetched] == [("feedback", sync.Outcome.IMPORTED)]
    assert both.commune_box.entry(entry.package_id).state is OutboxState.DELIVERED
    assert both.reviewer_box.entry(fb.package_id).state_label() == "đã gửi"


def test_dropped_after_the_server_took_it_imports_once(both: Installations, mail_server: MailServer,
                                                       mailboxes: tuple[Dovecot, str, str]) -> None:
    """The server stored the message, then the connection dropped before "250": the commune
    cannot know and sends again; the reviewer gets two copies and imports one."""
    dovecot, xa, so = mailboxes
    mail_server.users = {xa: XA_PASSWORD}
    mail_server.relay = lambda rcpts, raw: dovecot.append(so, SO_PASSWORD, raw)
    mail_server.drop_next, mail_server.keep_dropped = 1, True
    mail_server.start()
    use_email(both.commune, both.commune_box, mail_server.port, xa, XA_PASSWORD, reviewer_email=so)
    [entry] = both.commune_box.export_and_add()
    s = sender(both.commune_box)
    assert [a.outcome for a in s.run_once().attempts] == [AttemptOutcome.RETRY]
    assert [a.outcome for a in s.run_once(both.later()).attempts] == [AttemptOutcome.SENT]
    assert len(mail_server.accepted) == 2
    use_imap(both.reviewer, both.reviewer_box, dovecot.port, so, SO_PASSWORD)
    run = both.reviewer_box.fetch()
    assert [f.result.outcome for f in run.fetched] == [sync.Outcome.IMPORTED, sync.Outcome.ALREADY_HAD]
    assert reviewer_package_rows(both.reviewer, entry.package_id) == 1
    received = both.reviewer.db.execute("SELECT COUNT(*) FROM reports WHERE origin = 'imported'").fetchone()[0]
    assert received == len(both.commune.store.list(unit_code="26734"))
    assert len(dovecot.messages(so, SO_PASSWORD, "CCHC-da-nhan")) == 2


def test_a_mailed_report_arrived_when_the_mail_server_got_it(both: Installations,
                                                             mailboxes: tuple[Dovecot, str, str]) -> None:
    """Lateness is judged by the mailbox's INTERNALDATE, not by when the reviewer fetched it
    nor by the commune's clock."""
    dovecot, _, so = mailboxes
    result = sync.export_package(both.commune, both.commune.paths.exports)
    package = OutgoingPackage(result.package_id, "submission", result.path.name, result.path.read_bytes(), "26734",
                              "Xã Tân Phú", "75", "Sở Nội vụ tỉnh Đồng Nai", "2026-11")
    reached = (both.reviewer.clock() - dt.timedelta(days=5)).replace(microsecond=0)
    dovecot.append(so, SO_PASSWORD, compose(package, XA_MAIL, so).as_bytes(), date_time=reached)
    use_imap(both.reviewer, both.reviewer_box, dovecot.port, so, SO_PASSWORD)
    [got] = both.reviewer_box.fetch().fetched
    assert got.result.outcome is sync.Outcome.IMPORTED
    report = both.reviewer.store.by_uid(got.result.report_uids[0])
    assert report is not None and report.arrival_source == "imap"
    assert parse_iso(report.submitted_at or "") == reached


def test_imap_fetch_touches_only_packages_and_keeps_refused_mail(both: Installations,
                                                                 mailboxes: tuple[Dovecot, str, str]) -> None:
    dovecot, _, so = mailboxes
    unrelated = EmailMessage()
    unrelated["Subject"], unrelated["From"], unrelated["To"] = "Giấy mời họp", "vanphong@example.vn", so
    unrelated.set_content("Kính mời đồng chí dự họp.")
    unrelated.add_attachment(b"%PDF-1.4", maintype="application", subtype="pdf", filename="giay-moi.pdf")
    result = sync.export_package(both.commune, both.commune.paths.exports)
    data = result.path.read_bytes()
    package = OutgoingPackage(result.package_id, "submission", result.path.name, data, "26734", "Xã Tân Phú", "75",
                              "Sở Nội vụ tỉnh Đồng Nai", "2026-11")
    damaged = OutgoingPackage("deadbeef" * 4, "submission", "26734_2026-11_deadbeef.cchc", data[:-40] + b"x" * 40,
                              "26734", "Xã Tân Phú", "75", "Sở Nội vụ tỉnh Đồng Nai", "2026-11")
    for raw in (unrelated.as_bytes(), compose(damaged, XA_MAIL, so).as_bytes(), compose(package, XA_MAIL, so).as_bytes()):
        dovecot.append(so, SO_PASSWORD, raw)
    use_imap(both.reviewer, both.reviewer_box, dovecot.port, so, SO_PASSWORD)
    run = both.reviewer_box.fetch()
    assert [f.result.outcome for f in run.fetched] == [sync.Outcome.REFUSED, sync.Outcome.IMPORTED]
    assert run.fetched[0].result.quarantined is not None and run.fetched[0].result.quarantined.exists()
    inbox = dovecot.messages(so, SO_PASSWORD)
    assert len(inbox) == 2  # the unrelated mail, untouched and unread; the refused one, flagged
    assert "\\Seen" not in inbox[0][0]
    assert "\\Flagged" in inbox[1][0] and "\\Seen" in inbox[1][0]
    assert len(dovecot.messages(so, SO_PASSWORD, "CCHC-da-nhan")) == 1
    assert both.reviewer_box.fetch().fetched == []  # refused mail is not re-imported every time

    # a wrong password is reported, and nothing is touched
    dovecot.append(so, SO_PASSWORD, compose(package, XA_MAIL, so).as_bytes())
    both.reviewer_box.set_password("imap", "sai")
    run = both.reviewer_box.fetch()
    [(origin, error)] = run.errors
    assert origin == "email" and isinstance(error, AuthenticationFailedError)
    assert "cchc outbox password imap" in error.message("vi")
    assert run.fetched == [] and len(dovecot.messages(so, SO_PASSWORD)) == 3


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


def use_webdav(ws: Workspace, box: Outbox, port: int, user: str, password: str) -> None:
    ws.settings.set("outbox_transport", "webdav")
    ws.settings.set("webdav_url", f"http://{HOST}:{port}/cchc/")
    ws.settings.set("webdav_user", user)
    box.set_password("webdav", password)


def test_webdav_round_trip_lands_once(both: Installations, dav: DavServer) -> None:
    dav.start()
    use_webdav(both.commune, both.commune_box, dav.port, "xa-tanphu", XA_PASSWORD)
    use_webdav(both.reviewer, both.reviewer_box, dav.port, "so-noivu", SO_PASSWORD)
    [entry] = both.commune_box.export_and_add()
    s = sender(both.commune_box)
    assert [a.outcome for a in s.run_once().attempts] == [AttemptOutcome.SENT]
    assert dav.files("cchc") == [entry.file_name]
    assert (dav.root / "cchc" / entry.file_name).read_bytes() == (both.commune.paths.exports / entry.file_name).read_bytes()
    s.retry_now(entry.package_id)  # "Gửi lại ngay" on a package already there: it does not land twice
    assert [a.outcome for a in s.run_once().attempts] == [AttemptOutcome.SENT]
    assert dav.files("cchc") == [entry.file_name]

    run = both.reviewer_box.fetch()
    assert [f.result.outcome for f in run.fetched] == [sync.Outcome.IMPORTED]
    assert run.fetched[0].source == f"webdav:http://{HOST}:{dav.port}/cchc/{entry.file_name}"
    assert dav.files("cchc") == [] and dav.files(f"cchc/{PROCESSED_DIR}") == [entry.file_name]
    s.retry_now(entry.package_id)
    s.run_once()
    assert dav.files("cchc") == []  # already taken by the reviewer: not uploaded again
    assert both.reviewer_box.fetch().fetched == []

    both.reviewer_box.export_and_add()
    assert [a.outcome for a in sender(both.reviewer_box).run_once().attempts] == [AttemptOutcome.SENT]
    assert len(dav.files("cchc/phan-hoi/26734")) == 1
    run = both.commune_box.fetch()
    assert [(f.result.kind, f.result.outcome) for f in run.fetched] == [("feedback", sync.Outcome.IMPORTED)]
    assert both.commune_box.entry(entry.package_id).state is OutboxState.DELIVERED


def test_a_report_from_webdav_arrived_at_the_servers_time(both: Installations, dav: DavServer) -> None:
    dav.start()
    use_webdav(both.commune, both.commune_box, dav.port, "xa-tanphu", XA_PASSWORD)
    use_webdav(both.reviewer, both.reviewer_box, dav.port, "so-noivu", SO_PASSWORD)
    [entry] = both.commune_box.export_and_add()
    assert [a.outcome for a in sender(both.commune_box).run_once().attempts] == [AttemptOutcome.SENT]
    assert {r.status for r in both.commune.store.list() if r.status.value != "draft"} == {Status.SENT}  # delivered
    reached = (both.reviewer.clock() - dt.timedelta(days=3)).replace(microsecond=0)
    os.utime(dav.root / "cchc" / entry.file_name, (reached.timestamp(), reached.timestamp()))
    [got] = both.reviewer_box.fetch().fetched
    report = both.reviewer.store.by_uid(got.result.report_uids[0])
    assert report is not None and report.arrival_source == "webdav"
    assert parse_iso(report.submitted_at or "") == reached


def test_webdav_upload_cut_half_way_is_retried_and_lands_once(both: Installations, dav: DavServer) -> None:
    dav.start()
    proxy = CuttingProxy(dav.port, cut_after=6000)  # the package is ~14 KB: cut inside the PUT
    try:
        use_webdav(both.commune, both.commune_box, proxy.port, "xa-tanphu", XA_PASSWORD)
        use_webdav(both.reviewer, both.reviewer_box, dav.port, "so-noivu", SO_PASSWORD)
        [entry] = both.commune_box.export_and_add()
        s = sender(both.commune_box)
        [first] = s.run_once().attempts
        assert first.outcome is AttemptOutcome.RETRY, first.message("vi")
        assert proxy.cuts == 1
        assert entry.file_name not in dav.files("cchc")
        assert [a.outcome for a in s.run_once(both.later()).attempts] == [AttemptOutcome.SENT]
        assert s.run_once(both.later(2)).attempts == []
        assert dav.files("cchc") == [entry.file_name]  # no leftover .partial, no second copy
        run = both.reviewer_box.fetch()
        assert [f.result.outcome for f in run.fetched] == [sync.Outcome.IMPORTED]
        assert reviewer_package_rows(both.reviewer, entry.package_id) == 1
    finally:
        proxy.close()


def test_webdav_server_down_at_first_then_up(both: Installations, dav: DavServer) -> None:
    use_webdav(both.commune, both.commune_box, dav.port, "xa-tanphu", XA_PASSWORD)
    [entry] = both.commune_box.export_and_add()
    s = sender(both.commune_box)
    assert [a.outcome for a in s.run_once().attempts] == [AttemptOutcome.OFFLINE]
    dav.start()
    assert [a.outcome for a in s.run_once(both.later()).attempts] == [AttemptOutcome.SENT]
    assert s.run_once(both.later(2)).attempts == []
    assert dav.files("cchc") == [entry.file_name]
    assert [m for m, _, _ in dav.requests].count("PUT") == 1


def test_webdav_wrong_password_needs_attention_without_a_retry_storm(both: Installations, dav: DavServer) -> None:
    dav.start()
    use_webdav(both.commune, both.commune_box, dav.port, "xa-tanphu", "sai")
    [entry] = both.commune_box.export_and_add()
    s = sender(both.commune_box)
    assert [a.outcome for a in s.run_once().attempts] == [AttemptOutcome.NEEDS_ATTENTION]
    assert "cchc outbox password webdav" in both.commune_box.entry(entry.package_id).last_error
    for n in (1, 6, 48):
        assert s.run_once(both.later(n)).attempts == []
    assert len(dav.requests) == 1 and dav.requests[0][2] == 401
    both.commune_box.set_password("webdav", XA_PASSWORD)
    assert [a.outcome for a in s.run_once().attempts] == [AttemptOutcome.SENT]


def test_webdav_client_lists_and_refuses_what_is_not_a_folder(dav: DavServer) -> None:
    dav.start()
    client = WebDavClient(f"http://{HOST}:{dav.port}/cchc/", "so-noivu", SO_PASSWORD, timeout=5)
    client.put("a.cchc", b"x" * 10)
    client.mkcol("con")
    listed = {(e.name, e.size, e.is_folder) for e in client.list()}
    assert listed == {("a.cchc", 10, False), ("con", 0, True)}
    assert client.list("khong-co") == []
    client.put("b.cchc", b"y")
    assert not client.move("b.cchc", "a.cchc", overwrite=False)  # never over an existing package
    assert client.get("a.cchc") == b"x" * 10
    with pytest.raises(NotConfiguredError) as info:
        WebDavFetcher(WebDavClient(f"http://{HOST}:{dav.port}/cchc/", "so-noivu", None)).client.check_config()
    assert "cchc outbox password webdav" in info.value.message("vi")
    with pytest.raises(InsecureTransportError):  # a password never crosses the network unencrypted
        WebDavClient("http://cloud.example.vn/cchc/", "so-noivu", SO_PASSWORD).check_config()
