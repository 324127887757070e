"""The outbox through a shared WebDAV folder (wsgidav on cheroot, 127.0.0.1), also behind a proxy that
cuts an upload half-way."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from reports.clock import parse_iso
from reports.exchange import sync
from reports.outbox import AttemptOutcome, OutboxState
from reports.outbox.config import PROCESSED_DIR
from reports.outbox.errors import InsecureTransportError, NotConfiguredError
from reports.outbox.webdav import WebDavClient, WebDavFetcher
from reports.storage.lifecycle import Status
from tests.e2e.loopback_servers import (
    HOST,
    SO_PASSWORD,
    XA_PASSWORD,
    CuttingProxy,
    DavServer,
)
from tests.e2e.outbox_support import (
    Installations,
    reviewer_package_rows,
    sender,
    use_webdav,
)

pytestmark = [
    pytest.mark.slow,
    # aiosmtpd warns when AUTH is offered without TLS; on loopback that is what we want.
    pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning"),
]


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
