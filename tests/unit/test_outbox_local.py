"""The outbox without a network: the folder route both ways, passwords at rest, the mail's
wording, and the `cchc outbox` commands."""

from __future__ import annotations

import io
import os
import stat
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from reports.cli.main import main
from reports.exchange import sync
from reports.outbox import CredentialStore, Outbox, OutboxState, export_and_enqueue
from reports.outbox.config import PROCESSED_DIR, REFUSED_DIR
from reports.outbox.fetch import describe_source, fetch_all, safe_name
from reports.outbox.folder import FolderFetcher, FolderTransport
from reports.outbox.smtp import body_for, compose, subject_for
from reports.outbox.transport import OutgoingPackage
from reports.sample import fill_sample
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


def package(kind: str = "submission", data: bytes = b"PK...") -> OutgoingPackage:
    return OutgoingPackage("3f2a9c1d0000000000000000000000aa", kind, "26116_2026-11_3f2a9c1d.cchc", data, "26116",
                           "Xã Tân Phú", "75", "Sở Nội vụ tỉnh Đồng Nai", "2026-11")


# --------------------------------------------------------------------------- the mail's wording


def test_subject_says_who_what_and_which_package() -> None:
    assert subject_for(package()) == "[CCHC] Xã Tân Phú (26116) gửi báo cáo kỳ 2026-11 — gói 3f2a9c1d"
    fb = OutgoingPackage("0dad7abe" + "0" * 24, "feedback", "75_2026-12-01_0dad7abe.cchc", b"x", "75",
                         "Sở Nội vụ tỉnh Đồng Nai", "26116", "Xã Tân Phú", "")
    assert subject_for(fb) == "[CCHC] Sở Nội vụ tỉnh Đồng Nai (75) gửi phản hồi cho Xã Tân Phú (26116) — gói 0dad7abe"
    assert "cchc import" in body_for(package())


def test_message_carries_the_package_as_an_attachment() -> None:
    data = bytes(range(256)) * 40
    msg = compose(package(data=data), "xa@tanphu.example.vn", "cchc@sonoivu.example.vn")
    [part] = list(msg.iter_attachments())
    assert part.get_filename() == "26116_2026-11_3f2a9c1d.cchc"
    assert part.get_content() == data
    assert msg["Message-ID"] == "<cchc.3f2a9c1d0000000000000000000000aa@tanphu.example.vn>"
    assert msg["X-CCHC-Package-Id"] == "3f2a9c1d0000000000000000000000aa"


# --------------------------------------------------------------------------- the folder route


def test_folder_transport_writes_once_and_never_a_half_file(tmp_path: Path) -> None:
    folder = tmp_path / "o-mang"
    t = FolderTransport(folder)
    t.check_reachable()  # the drive (parent) is there; the folder is made
    ref = t.deliver(package(data=b"goi-1"))
    assert Path(ref).read_bytes() == b"goi-1"
    assert [p.name for p in folder.iterdir()] == ["26116_2026-11_3f2a9c1d.cchc"]  # no .partial left
    (folder / PROCESSED_DIR).mkdir()
    os.replace(ref, folder / PROCESSED_DIR / Path(ref).name)  # the reviewer took it
    assert t.deliver(package(data=b"goi-1")) == str(folder / PROCESSED_DIR / Path(ref).name)
    assert not (folder / Path(ref).name).exists()  # not landed twice
    fb = t.deliver(package("feedback", b"phan-hoi"))
    assert Path(fb).parent == folder / "phan-hoi" / "75"


def test_folder_transport_reports_a_missing_usb_stick(tmp_path: Path) -> None:
    from reports.outbox.errors import FolderMissingError

    with pytest.raises(FolderMissingError) as info:
        FolderTransport(tmp_path / "E" / "CCHC").check_reachable()
    assert "USB chưa cắm" in info.value.message("vi")


def test_folder_round_trip_with_receipt(pair: tuple[Workspace, Workspace], tmp_path: Path) -> None:
    commune, reviewer = pair
    share = tmp_path / "chung"
    for ws in (commune, reviewer):
        ws.settings.set("outbox_transport", "folder")
        ws.settings.set("outbox_folder", str(share))
    [entry] = export_and_enqueue(commune)
    commune_box, reviewer_box = (Outbox(ws, CredentialStore(ws.paths, backend="file")) for ws in (commune, reviewer))
    commune_box.sender().run_once()
    reviewer_fetch = [FolderFetcher(share, settle_seconds=0)]
    run = fetch_all(reviewer, reviewer_fetch)  # type: ignore[arg-type]
    assert [f.result.outcome for f in run.fetched] == [sync.Outcome.IMPORTED]
    assert run.fetched[0].source == f"folder:{share / entry.file_name}"
    assert (share / PROCESSED_DIR / entry.file_name).exists() and not (share / entry.file_name).exists()
    assert fetch_all(reviewer, reviewer_fetch).fetched == []  # type: ignore[arg-type]
    row = reviewer.db.execute("SELECT source FROM packages WHERE package_id = ?", (entry.package_id,)).fetchone()
    assert describe_source(row[0]) == f"thư mục: {share / entry.file_name}"
    assert describe_source("email:xa@tanphu.example.vn", "en") == "e-mail: xa@tanphu.example.vn"
    assert describe_source("D:\\USB") == "D:\\USB"  # an import by hand keeps its folder

    reviewer_box.export_and_add()
    reviewer_box.sender().run_once()
    # the commune watches the same folder: its own submissions there are not its to touch
    commune_fetch = [FolderFetcher(share, settle_seconds=0)]
    run = fetch_all(commune, commune_fetch)  # type: ignore[arg-type]
    assert [(f.result.kind, f.result.outcome) for f in run.fetched] == [("feedback", sync.Outcome.IMPORTED)]
    assert commune_box.entry(entry.package_id).state is OutboxState.DELIVERED
    assert (share / PROCESSED_DIR / entry.file_name).exists()


def test_folder_fetch_refuses_and_sets_aside_a_damaged_package(pair: tuple[Workspace, Workspace], tmp_path: Path) -> None:
    _, reviewer = pair
    inbox = tmp_path / "nhan"
    inbox.mkdir()
    damaged = inbox / "26734_2026-11_deadbeef.cchc"
    damaged.write_bytes(b"PK\x03\x04 hong")
    os.utime(damaged, (damaged.stat().st_atime - 120, damaged.stat().st_mtime - 120))  # copied in two minutes ago
    (inbox / ".dang-chep.cchc.partial").write_bytes(b"...")
    fresh = inbox / "26734_2026-11_cafef00d.cchc"
    fresh.write_bytes(b"being copied")
    run = fetch_all(reviewer, [FolderFetcher(inbox, settle_seconds=60)])  # type: ignore[list-item]
    [refused] = run.fetched
    assert refused.result.outcome is sync.Outcome.REFUSED
    assert refused.result.quarantined is not None and refused.result.quarantined.exists()
    assert (inbox / REFUSED_DIR / "26734_2026-11_deadbeef.cchc").exists()
    assert fresh.exists()  # too young: it may still be being copied in
    assert (inbox / ".dang-chep.cchc.partial").exists()


def test_safe_name_keeps_quarantine_inside_its_folder() -> None:
    assert safe_name("../../etc/passwd") == "passwd.cchc"
    assert safe_name("C:\\Users\\x\\gói 1.cchc") == "g_i_1.cchc"
    assert safe_name("26734_2026-11_3f2a9c1d.cchc") == "26734_2026-11_3f2a9c1d.cchc"


# --------------------------------------------------------------------------- passwords at rest


def test_file_fallback_encrypts_and_isolates_installations(tmp_path: Path) -> None:
    a = Workspace.open(tmp_path / "a")
    b = Workspace.open(tmp_path / "b")
    try:
        creds = CredentialStore(a.paths, backend="file")
        where = Outbox(a, creds).set_password("smtp", "Mật-khẩu bí mật 123")
        assert where.endswith("outbox-credentials.json")
        assert creds.get("smtp") == "Mật-khẩu bí mật 123"
        assert CredentialStore(a.paths, backend="file").get("smtp") == "Mật-khẩu bí mật 123"
        assert CredentialStore(b.paths, backend="file").get("smtp") is None
        stored = (a.paths.keys / "outbox-credentials.json").read_bytes()
        assert "bí mật".encode() not in stored and b"123" not in stored
        if sys.platform != "win32":
            assert stat.S_IMODE((a.paths.keys / "outbox-credentials.key").stat().st_mode) == 0o600
        dump = "\n".join(a.db.iterdump())
        assert "bí mật" not in dump
        assert "bí mật" not in repr(creds)
        creds.delete("smtp")
        assert creds.get("smtp") is None
    finally:
        a.close()
        b.close()


# --------------------------------------------------------------------------- the commands


def run_cli(data: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--data-dir", str(data), *args], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_outbox_commands(pair: tuple[Workspace, Workspace], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    commune, _ = pair
    data = commune.paths.root
    monkeypatch.setenv("CCHC_CREDENTIALS", "file")
    code, out, _ = run_cli(data, "outbox", "add")
    assert code == 0 and "Đã đưa vào hộp thư đi" in out
    code, out, _ = run_cli(data, "outbox", "list")
    assert "chờ gửi" in out
    code, out, _ = run_cli(data, "outbox", "send")
    assert code == 2 and "chưa chọn cách gửi" in out
    run_cli(data, "config", "set", "outbox_transport", "folder")
    run_cli(data, "config", "set", "outbox_folder", str(tmp_path / "chung"))
    code, out, _ = run_cli(data, "outbox", "send")
    assert code == 0 and "đã gửi" in out
    code, out, _ = run_cli(data, "--lang", "en", "outbox", "list", "--json")
    assert '"state": "sent"' in out and "waiting for the receipt" in out
    short = Outbox(commune).entries()[0].short_id
    code, out, _ = run_cli(data, "outbox", "retry", short)
    assert code == 0 and "Gửi lại ngay" in out
    assert len(list((tmp_path / "chung").glob("*.cchc"))) == 1
    code, _, err = run_cli(data, "outbox", "retry", "ffffffff")
    assert code == 1 and "Không có gói" in err
    monkeypatch.setenv("MAT_KHAU", "bí mật")
    code, out, _ = run_cli(data, "outbox", "password", "smtp", "--password-env", "MAT_KHAU")
    assert code == 0 and "bí mật" not in out
    assert CredentialStore(commune.paths).get("smtp") == "bí mật"
    code, out, _ = run_cli(data, "outbox", "fetch")
    assert code == 0 and "Chưa cài đặt nguồn nhận gói" in out
    log = (data / "logs" / "cchc.log").read_text(encoding="utf-8") if (data / "logs" / "cchc.log").exists() else ""
    assert "bí mật" not in log


def test_contact_command(pair: tuple[Workspace, Workspace]) -> None:
    _, reviewer = pair
    code, _, _ = run_cli(reviewer.paths.root, "outbox", "contact", "26734")
    assert code == 1
    code, out, _ = run_cli(reviewer.paths.root, "outbox", "contact", "26734", "vanthu@tanphu.example.vn")
    assert code == 0 and "vanthu@tanphu.example.vn (nhập tay)" in out
