"""The outbox table: queueing, the derived "delivered" state, leases, the address book."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from reports.exchange import feedback, sync
from reports.outbox import Outbox, OutboxState, OutboxStore, enqueue_file, export_and_enqueue
from reports.outbox.errors import NotAnOutgoingPackageError, RetryableError
from reports.sample import fill_sample
from reports.storage.outbox import OutboxEntryNotFoundError
from reports.storage.unit import Role, Unit
from reports.workspace import Workspace

COMMUNE = Unit(role=Role.COMMUNE, code="26734", name="Xã Tân Phú", province_name="Tỉnh Đồng Nai", province_code="75",
               reviewer_code="75", reviewer_name="Sở Nội vụ tỉnh Đồng Nai")
REVIEWER = Unit(role=Role.REVIEWER, code="75", name="Sở Nội vụ tỉnh Đồng Nai", province_name="Tỉnh Đồng Nai",
                province_code="75")


def pem(ws: Workspace) -> bytes:
    return ws.installation_key.certificate.public_bytes(serialization.Encoding.PEM)


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Workspace, Workspace]:
    commune = Workspace.open(tmp_path / "xa")
    commune.initialise(COMMUNE)
    reviewer = Workspace.open(tmp_path / "so")
    reviewer.initialise(REVIEWER)
    sync.bind_certificate(reviewer, COMMUNE.code, pem(commune))
    sync.bind_certificate(commune, REVIEWER.code, pem(reviewer))
    fill_sample(commune, months=1)
    yield commune, reviewer
    commune.close()
    reviewer.close()


def test_export_and_enqueue_keeps_the_package_bytes(pair: tuple[Workspace, Workspace]) -> None:
    commune, _ = pair
    [entry] = export_and_enqueue(commune)
    path = commune.paths.exports / entry.file_name
    assert OutboxStore(commune.db).data(entry.package_id) == path.read_bytes()
    assert entry.state is OutboxState.WAITING and entry.kind == "submission"
    assert entry.recipient_code == "75" and entry.sender_name == "Xã Tân Phú"
    assert entry.label  # the periods, for the mail subject
    # queueing the same file again is harmless
    assert enqueue_file(commune, path).package_id == entry.package_id
    assert len(Outbox(commune).entries()) == 1
    path.unlink()  # the user tidies the exports folder: the outbox still has the bytes
    assert len(OutboxStore(commune.db).data(entry.package_id)) == entry.size


def test_only_our_own_packages_go_in(pair: tuple[Workspace, Workspace], tmp_path: Path) -> None:
    commune, reviewer = pair
    result = sync.export_package(commune, tmp_path / "out")
    with pytest.raises(NotAnOutgoingPackageError):
        enqueue_file(reviewer, result.path)  # the reviewer did not write it
    junk = tmp_path / "junk.cchc"
    junk.write_bytes(b"PK\x03\x04 not a package")
    with pytest.raises(NotAnOutgoingPackageError) as info:
        enqueue_file(commune, junk)
    assert "junk.cchc" in info.value.message("vi")


def test_sent_becomes_delivered_only_with_the_receipt(pair: tuple[Workspace, Workspace], tmp_path: Path) -> None:
    commune, reviewer = pair
    [entry] = export_and_enqueue(commune)
    store = OutboxStore(commune.db)
    now = commune.clock()
    assert store.claim(entry.package_id, "a", now, now + dt.timedelta(minutes=5), "s", "folder")
    assert store.mark_sent(entry.package_id, "a", now, "ref")
    sent = store.get(entry.package_id, now)
    assert sent.state is OutboxState.SENT
    assert sent.state_label() == "đã gửi, chờ biên nhận"
    assert sent.state_label("en") == "sent, waiting for the receipt"
    assert sync.import_file(reviewer, commune.paths.exports / entry.file_name).outcome is sync.Outcome.IMPORTED
    [fb] = feedback.export_feedback(reviewer, tmp_path / "fb")
    assert sync.import_file(commune, fb.path).outcome is sync.Outcome.IMPORTED
    delivered = store.get(entry.short_id, now)
    assert delivered.state is OutboxState.DELIVERED and delivered.delivered_at is not None
    assert delivered.state_label() == "đã có biên nhận"


def test_a_receipt_for_a_waiting_package_means_nothing_more_to_send(pair: tuple[Workspace, Workspace],
                                                                    tmp_path: Path) -> None:
    """Sent by USB meanwhile, and the receipt came back: the outbox does not send it again."""
    commune, reviewer = pair
    [entry] = export_and_enqueue(commune)
    sync.import_file(reviewer, commune.paths.exports / entry.file_name)
    [fb] = feedback.export_feedback(reviewer, tmp_path / "fb")
    sync.import_file(commune, fb.path)
    store = OutboxStore(commune.db)
    now = commune.clock()
    assert store.get(entry.package_id, now).state is OutboxState.DELIVERED
    assert store.due(now, "stamp") == []
    assert store.next_wake(now, "stamp") is None


def test_one_lease_at_a_time_and_a_lapsed_lease_is_taken_over(pair: tuple[Workspace, Workspace]) -> None:
    commune, _ = pair
    [entry] = export_and_enqueue(commune)
    store = OutboxStore(commune.db)
    now = commune.clock()
    lease = dt.timedelta(minutes=5)
    assert store.claim(entry.package_id, "first", now, now + lease, "s", "email")
    assert not store.claim(entry.package_id, "second", now + dt.timedelta(minutes=1), now + lease, "s", "email")
    assert store.get(entry.package_id, now).state is OutboxState.SENDING
    later = now + lease + dt.timedelta(seconds=1)
    # the first process was killed: its row still says "sending", but the lease lapsed
    assert store.get(entry.package_id, later).state is OutboxState.WAITING
    assert [e.package_id for e in store.due(later, "s")] == [entry.package_id]
    assert store.claim(entry.package_id, "second", later, later + lease, "s", "email")
    # the first one, if it was merely slow, can no longer record anything
    assert not store.mark_sent(entry.package_id, "first", later, "ref")
    assert store.mark_sent(entry.package_id, "second", later, "ref")
    assert store.get(entry.package_id, later).attempts == 2


def test_retry_now_forgets_the_back_off(pair: tuple[Workspace, Workspace]) -> None:
    commune, _ = pair
    [entry] = export_and_enqueue(commune)
    store = OutboxStore(commune.db)
    now = commune.clock()
    store.claim(entry.package_id, "a", now, now + dt.timedelta(minutes=5), "s", "email")
    store.mark_retry(entry.package_id, "a", RetryableError(detail="tạm lỗi", detail_en="temporary"), now + dt.timedelta(hours=1))
    assert store.due(now, "s") == []
    waiting = store.get(entry.package_id, now)
    assert waiting.last_error == "tạm lỗi" and waiting.next_try_at == now + dt.timedelta(hours=1)
    again = store.retry_now(entry.short_id, now)
    assert again.next_try_at is None and again.failures == 0
    assert [e.package_id for e in store.due(now, "s")] == [entry.package_id]
    with pytest.raises(OutboxEntryNotFoundError):
        store.get("ffffffff", now)


def test_address_book_learns_once_and_a_typed_address_wins(pair: tuple[Workspace, Workspace]) -> None:
    _, reviewer = pair
    store = OutboxStore(reviewer.db)
    now = reviewer.clock()
    assert store.set_contact("26734", "xa@tanphu.example.vn", now, learned=True)
    # a later package "from" another address does not redirect the commune's feedback
    assert not store.set_contact("26734", "ke-gia-mao@example.com", now, learned=True)
    assert store.contact("26734") == "xa@tanphu.example.vn"
    Outbox(reviewer).set_contact("26734", "vanthu@tanphu.example.vn")
    assert store.contact("26734") == "vanthu@tanphu.example.vn"
    assert store.meta("contacts_version") == "2"
