"""The reviewer window's inbox refuses a package a trusted commune signed but filled with a
value its form does not allow, and shows the same plain text as ``cchc import``."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.prompter import HeadlessPrompter
from desktop.reviewer.inbox import InboxPage
from reports.cli.main import main as cchc
from reports.exchange.packages import read_package, write_package
from reports.exchange.sync import Outcome
from reports.storage.report import content_hash
from reports.workspace import Workspace
from tests.gui.conftest import open_runner
from tests.gui.test_reviewer_screens import trusting_reviewer

__all__ = ["trusting_reviewer"]  # the fixture, used by name


def forged_package(xa: Path, out: Path) -> Path:
    """Xã Tân Phú's real export, its monthly report's count made negative, re-signed with
    its own installation key (the signed PDF left out, as an unsigned report travels)."""
    assert cchc(["--data-dir", str(xa), "sample", "--months", "1"]) == 0
    assert cchc(["--data-dir", str(xa), "export", "-o", str(out / "real")]) == 0
    [real] = list((out / "real").glob("*.cchc"))
    opened = read_package(real)
    members = {k: v for k, v in opened.members.items() if not k.startswith("pdf/")}
    for path, raw in list(members.items()):
        if not path.startswith("reports/"):
            continue
        doc = json.loads(raw)
        d = doc["report"]
        if d["form_id"] != "cchc-xa":
            continue
        doc["signed_pdf"], doc["status"] = None, "sent"
        d["values"]["meetings_held"] = -4
        d["content_sha256"] = content_hash(d["form_id"], d["form_version"], d["period"], d["revision"], d["values"])
        members[path] = json.dumps(doc, ensure_ascii=False).encode()
    ws = Workspace.open(xa)
    try:
        m = opened.manifest
        data = write_package(kind=m.kind, sender=m.sender, recipient=m.recipient, members=members,
                             key=ws.installation_key, created_at=ws.clock(), app_version=m.app_version)
    finally:
        ws.close()
    target = out / "usb" / "26116_gia-mao.cchc"
    target.parent.mkdir(parents=True)
    target.write_bytes(data)
    return target


def test_the_inbox_shows_the_same_refusal_as_the_command_line(
    qtbot: QtBot, trusting_reviewer: Path, tmp_path: Path
) -> None:
    forged = forged_package(tmp_path / "xa", tmp_path / "goi")
    copy = tmp_path / "so-cli"
    shutil.copytree(trusting_reviewer, copy)
    out, err = io.StringIO(), io.StringIO()
    cchc(["--data-dir", str(copy), "import", str(forged)], out=out, err=err)
    printed = out.getvalue() + err.getvalue()

    runner = open_runner(trusting_reviewer)
    try:
        page = InboxPage(runner, HeadlessPrompter(strict=True))
        qtbot.addWidget(page)
        page.import_paths([forged])
        qtbot.waitUntil(lambda: not page.busy, timeout=60_000)
        assert runner.wait_idle(10_000)
        [result] = page.model.results
    finally:
        runner.wait_idle(5000)
        runner.shutdown()
    assert result.outcome is Outcome.REFUSED and result.code == "values_invalid"
    assert "«Số cuộc họp, hội nghị có nội dung CCHC» không được là số âm." in result.reason
    assert result.reason in printed  # word for word what the command line said
    shown = page.model.details(0)
    assert shown.startswith(result.reason) and "<" not in shown  # plain text, no markup
