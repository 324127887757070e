"""`cchc demo start|reset|remove` and `cchc --demo …` end to end: the trial installation beside the
data folder, used through the same commands as a real one; its PDF says "MẪU", its package is
refused by a reviewer, and the real folder is never written."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

from tests.e2e.conftest import PASSWORD_ENV, Installation, init_reviewer
from tests.e2e.test_sync_round import exported_path


def test_the_demo_from_the_command_line(installations: Callable[[str], Installation], tmp_path: Path) -> None:
    xa, so = installations("xa"), installations("so-noi-vu")
    demo = tmp_path / "xa-demo"

    missing = xa("--demo", "report", "list")
    assert missing.code == 2 and "cchc demo start" in missing.err, missing
    assert not demo.exists()

    started = xa.ok("demo", "start").out
    assert f"tại {demo}" in started and "Xã Tân Phú" in started and "cchc --demo report list" in started
    assert (demo / "DUNG-THU.txt").is_file()
    assert not (tmp_path / "xa" / "cchc.sqlite3").exists()  # the real folder holds no data
    assert "Bản dùng thử đã có" in xa.ok("demo", "start").out
    listing = xa.ok("--demo", "report", "list").out
    assert "Đã chấp nhận" in listing or "accepted" in listing.lower(), listing
    assert "Xã Tân Phú" in xa.ok("--demo", "unit", "show").out

    reports = xa.ok("--demo", "report", "list", "--json").json()
    final = next(r for r in reports if r["status"] == "final" and r["form"] == "cchc-xa")
    pdf = tmp_path / "thu.pdf"
    xa.ok("--demo", "pdf", final["id"], "-o", pdf)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert text.count("MẪU – DỮ LIỆU DÙNG THỬ, KHÔNG PHẢI SỐ LIỆU THẬT") == text.count("\f") > 0
    assert "MẪU" in subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout

    xa.ok("--demo", "keys", "create", "--name", "Trần Văn Bình", "--password-env", PASSWORD_ENV)
    xa.ok("--demo", "sign", final["id"], "--password-env", PASSWORD_ENV)
    package = exported_path(xa.ok("--demo", "export", "-o", tmp_path / "usb"))

    init_reviewer(so)
    before = so.dump()
    refused = so("import", package)
    assert refused.code == 1 and "bản dùng thử với dữ liệu mẫu" in refused.out, refused
    assert so.dump() == before

    reset = xa.ok("demo", "reset").out
    assert "Đã tạo bản dùng thử" in reset
    after_reset = xa.ok("--demo", "report", "list", "--json").json()
    assert all(r["status"] != "exported" for r in after_reset)  # what was tried is gone

    removed = xa.ok("demo", "remove", lang="en").out
    assert "Deleted the trial installation" in removed and not demo.exists()
    assert "no trial installation" in xa.ok("demo", "remove", lang="en").out
