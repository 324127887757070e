"""The outbox by e-mail against real servers on 127.0.0.1: SMTP (aiosmtpd) to send, IMAP (Debian's
dovecot) to fetch; the IMAP tests are skipped with the reason when dovecot cannot start."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import threading
from email.message import EmailMessage
from pathlib import Path

import pytest

from reports.clock import parse_iso
from reports.exchange import sync
from reports.outbox import AttemptOutcome, OutboxState
from reports.outbox.errors import AuthenticationFailedError
from reports.outbox.fetch import import_incoming
from reports.outbox.imap import package_attachments
from reports.outbox.smtp import compose
from reports.outbox.transport import OutgoingPackage
from tests.e2e.loopback_servers import (
    SO_MAIL,
    SO_PASSWORD,
    XA_MAIL,
    XA_PASSWORD,
    Dovecot,
    MailServer,
)
from tests.e2e.outbox_support import (
    Installations,
    reviewer_package_rows,
    sender,
    use_email,
    use_imap,
)

pytestmark = [
    pytest.mark.slow,
    # aiosmtpd warns when AUTH is offered without TLS; on loopback that is what we want.
    pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning"),
]


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
