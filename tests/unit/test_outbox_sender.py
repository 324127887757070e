"""The sender's decisions: when to try, back-off, offline, wrong password, too large, retry now.

The transport here is a scripted stand-in for the ``Transport`` interface (the protocols
themselves are tested against real servers in tests/e2e/test_outbox_email.py and test_outbox_webdav.py).
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from reports.outbox import (
    AttemptOutcome,
    CredentialStore,
    Outbox,
    OutboxConfig,
    OutboxSender,
    OutboxState,
    backoff_delay,
    export_and_enqueue,
)
from reports.outbox.config import TransportKind
from reports.outbox.errors import (
    AuthenticationFailedError,
    InterruptedTransferError,
    OfflineError,
    PackageTooLargeError,
)
from reports.outbox.transport import OutgoingPackage, Transport
from reports.sample import fill_sample
from reports.storage.unit import Role, Unit
from reports.workspace import Workspace

COMMUNE = Unit(role=Role.COMMUNE, code="26734", name="Xã Tân Phú", province_name="Tỉnh Đồng Nai", province_code="75",
               reviewer_code="75", reviewer_name="Sở Nội vụ tỉnh Đồng Nai")


class ScriptedTransport:
    """Plays back a script: an exception to raise, or None to deliver."""

    kind = TransportKind.EMAIL

    def __init__(self, *script: Exception | None) -> None:
        self.script = list(script)
        self.reachable = True
        self.delivered: list[OutgoingPackage] = []
        self.calls = 0
        self.probes = 0

    def describe(self) -> str:
        return "máy chủ thử"

    def check_reachable(self, timeout: float = 3.0) -> None:
        self.probes += 1
        if not self.reachable:
            raise OfflineError(where="máy chủ thử")

    def deliver(self, package: OutgoingPackage) -> str:
        self.calls += 1
        step = self.script.pop(0) if self.script else None
        if step is not None:
            raise step
        self.delivered.append(package)
        return f"<{package.package_id}>"


@pytest.fixture
def commune(tmp_path: Path) -> Workspace:
    ws = Workspace.open(tmp_path / "xa")
    ws.initialise(COMMUNE)
    fill_sample(ws, months=1)
    yield ws
    ws.close()


def sender_for(ws: Workspace, transport: ScriptedTransport, tmp_path: Path, owner: str = "test") -> OutboxSender:
    def factory(config: OutboxConfig, credentials: CredentialStore, addresses: dict[str, str]) -> Transport:
        return transport

    return OutboxSender(ws, CredentialStore(ws.paths, backend="file"), transport_factory=factory, rng=random.Random(7),
                        owner=owner)


def test_backoff_grows_with_jitter_and_is_capped() -> None:
    rng = random.Random(1)
    base, cap = dt.timedelta(seconds=30), dt.timedelta(minutes=30)
    for failures in range(1, 40):
        ceiling = min(cap, base * 2 ** (failures - 1))
        for _ in range(20):
            d = backoff_delay(failures, rng)
            assert ceiling / 2 <= d <= ceiling <= cap
    assert len({backoff_delay(3, rng) for _ in range(10)}) > 1  # jitter


def test_sent_first_time(commune: Workspace, tmp_path: Path) -> None:
    [entry] = export_and_enqueue(commune)
    transport = ScriptedTransport(None)
    run = sender_for(commune, transport, tmp_path).run_once()
    assert [a.outcome for a in run.attempts] == [AttemptOutcome.SENT]
    assert transport.delivered[0].data == (commune.paths.exports / entry.file_name).read_bytes()
    assert transport.delivered[0].sender_code == "26734"
    got = Outbox(commune).entry(entry.package_id)
    assert got.state is OutboxState.SENT and got.attempts == 1 and got.remote_ref == f"<{entry.package_id}>"
    assert run.next_wake is None  # nothing left to do by itself


def test_interrupted_transfer_backs_off_then_goes(commune: Workspace, tmp_path: Path) -> None:
    export_and_enqueue(commune)
    drop = InterruptedTransferError(where="máy chủ thử")
    transport = ScriptedTransport(drop, drop, drop, None)
    sender = sender_for(commune, transport, tmp_path)
    now = commune.clock()
    delays = []
    for _ in range(3):
        run = sender.run_once(now)
        [attempt] = run.attempts
        assert attempt.outcome is AttemptOutcome.RETRY
        assert "bị ngắt giữa chừng" in attempt.message("vi")
        assert attempt.next_try is not None and run.next_wake == attempt.next_try
        delays.append(attempt.next_try - now)
        assert sender.run_once(now).attempts == []  # not due before its time
        now = attempt.next_try
    assert delays[0] < delays[2] <= dt.timedelta(minutes=30)
    assert [a.outcome for a in sender.run_once(now).attempts] == [AttemptOutcome.SENT]
    assert len(transport.delivered) == 1 and transport.calls == 4


def test_offline_counts_no_attempt(commune: Workspace, tmp_path: Path) -> None:
    [entry] = export_and_enqueue(commune)
    transport = ScriptedTransport()
    transport.reachable = False
    sender = sender_for(commune, transport, tmp_path)
    now = commune.clock()
    run = sender.run_once(now)
    assert [a.outcome for a in run.attempts] == [AttemptOutcome.OFFLINE]
    assert transport.calls == 0
    waiting = Outbox(commune).entry(entry.package_id)
    assert waiting.state is OutboxState.WAITING and waiting.attempts == 0
    assert "Chưa kết nối được" in waiting.last_error
    transport.reachable = True
    assert sender.run_once(now).attempts == []  # its back-off is still running…
    assert sender.network_is_back() == 1  # …until the OS says the network is back
    assert [a.outcome for a in sender.run_once(now).attempts] == [AttemptOutcome.SENT]


def test_wrong_password_one_try_then_quiet_until_the_password_changes(commune: Workspace, tmp_path: Path) -> None:
    [first] = export_and_enqueue(commune)
    auth = AuthenticationFailedError(where="máy chủ thư", user="xa@tanphu.example.vn", key="smtp")
    transport = ScriptedTransport(auth)
    sender = sender_for(commune, transport, tmp_path)
    now = commune.clock()
    run = sender.run_once(now)
    assert [a.outcome for a in run.attempts] == [AttemptOutcome.NEEDS_ATTENTION]
    assert run.needs_attention
    entry = Outbox(commune).entry(first.package_id)
    assert entry.state is OutboxState.NEEDS_ATTENTION
    assert "mật khẩu" in entry.last_error and "cchc outbox password smtp" in entry.last_error
    for hours in (1, 5, 24, 24 * 7):  # no retry storm: not one more login, however long we wait
        assert sender.run_once(now + dt.timedelta(hours=hours)).attempts == []
    assert transport.calls == 1 and run.next_wake is None
    Outbox(commune, sender.credentials).set_password("smtp", "mật khẩu mới")
    assert [a.outcome for a in sender.run_once(now + dt.timedelta(days=8)).attempts] == [AttemptOutcome.SENT]


def test_wrong_password_sets_the_whole_batch_aside(commune: Workspace, tmp_path: Path) -> None:
    export_and_enqueue(commune)
    export_and_enqueue(commune, everything=True)  # a second package waits behind the first
    auth = AuthenticationFailedError(where="máy chủ thư", user="xa", key="smtp")
    transport = ScriptedTransport(auth)
    run = sender_for(commune, transport, tmp_path).run_once()
    assert [a.outcome for a in run.attempts] == [AttemptOutcome.NEEDS_ATTENTION] * 2
    assert transport.calls == 1
    assert {e.state for e in Outbox(commune).entries()} == {OutboxState.NEEDS_ATTENTION}


def test_a_settings_change_or_retry_now_wakes_a_package_needing_attention(commune: Workspace, tmp_path: Path) -> None:
    [entry] = export_and_enqueue(commune)
    transport = ScriptedTransport(AuthenticationFailedError(where="x", user="u", key="smtp"),
                                  AuthenticationFailedError(where="x", user="u", key="smtp"))
    sender = sender_for(commune, transport, tmp_path)
    now = commune.clock()
    sender.run_once(now)
    commune.settings.set("smtp_user", "vanthu@tanphu.example.vn")  # the user fixed the login
    assert [a.outcome for a in sender.run_once(now).attempts] == [AttemptOutcome.NEEDS_ATTENTION]
    assert sender.run_once(now).attempts == []
    sender.retry_now(entry.short_id, now)  # "Gửi lại ngay"
    assert [a.outcome for a in sender.run_once(now).attempts] == [AttemptOutcome.SENT]
    assert transport.calls == 3


def test_too_large_fails_for_good(commune: Workspace, tmp_path: Path) -> None:
    [entry] = export_and_enqueue(commune)
    transport = ScriptedTransport(PackageTooLargeError(name=entry.file_name, size_mb="12.0", limit_mb=10))
    sender = sender_for(commune, transport, tmp_path)
    now = commune.clock()
    run = sender.run_once(now)
    assert [a.outcome for a in run.attempts] == [AttemptOutcome.FAILED]
    failed = Outbox(commune).entry(entry.package_id)
    assert failed.state is OutboxState.FAILED and failed.state_label() == "không gửi được"
    assert "vượt giới hạn tệp đính kèm 10 MB" in failed.last_error and "USB" in failed.last_error
    commune.settings.set("smtp_host", "mail.example.vn")  # settings change: still not retried by itself
    assert sender.run_once(now + dt.timedelta(days=1)).attempts == []


def test_no_transport_chosen_waits_for_the_setting(commune: Workspace, tmp_path: Path) -> None:
    [entry] = export_and_enqueue(commune)
    sender = OutboxSender(commune, CredentialStore(commune.paths, backend="file"))
    now = commune.clock()
    [attempt] = sender.run_once(now).attempts
    assert attempt.outcome is AttemptOutcome.NEEDS_ATTENTION
    assert "chưa chọn cách gửi" in attempt.message("vi")
    assert sender.run_once(now + dt.timedelta(hours=3)).attempts == []
    commune.settings.set("outbox_transport", "folder")
    commune.settings.set("outbox_folder", str(tmp_path / "chung"))
    assert [a.outcome for a in sender.run_once(now).attempts] == [AttemptOutcome.SENT]
    assert (tmp_path / "chung" / entry.file_name).read_bytes() == (commune.paths.exports / entry.file_name).read_bytes()


def test_two_senders_never_send_one_package_twice(commune: Workspace, tmp_path: Path) -> None:
    [entry] = export_and_enqueue(commune)
    other_ws = Workspace.open(commune.paths.root)  # a second process: its own connection
    try:
        held = ScriptedTransport()
        other = ScriptedTransport()
        first = sender_for(commune, held, tmp_path, owner="first")
        second = sender_for(other_ws, other, tmp_path, owner="second")
        now = commune.clock()

        # the first sender claims, and is "in the middle of the transfer" while the second runs
        def deliver_while_second_runs(package: OutgoingPackage) -> str:
            run = second.run_once(now)
            assert [a.outcome for a in run.attempts] == []
            return "ok"

        held.deliver = deliver_while_second_runs  # type: ignore[method-assign]
        assert [a.outcome for a in first.run_once(now).attempts] == [AttemptOutcome.SENT]
        assert other.calls == 0
        assert Outbox(commune).entry(entry.package_id).attempts == 1
    finally:
        other_ws.close()
