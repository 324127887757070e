"""The reviewer's window end to end: packages made by real commune data folders with the
`cchc` command line (one on time, one late, one tampered, one commune missing) are dropped
on the window; the board, the quarantine reason, a return with a comment, the feedback
package and the consolidated workbook's totals are checked.

"On time" is judged by arrival, never by the commune's clock: that commune's package is
exported with its clock at the deadline's morning and handed over on a USB stick that morning,
which the reviewer registers (`cchc import --arrived`) before the window opens; dropping it on
the window again changes nothing. The late one is exported now and arrives now, after the
deadline of the sample's last month.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import openpyxl
import pytest
from pytestqt.qtbot import QtBot

from desktop.garbage import MainThreadGarbageCollector
from desktop.i18n import Translations
from desktop.i18n_build import build
from desktop.prompter import HeadlessPrompter
from desktop.reviewer.board_model import STATE_ROLE
from desktop.reviewer.window import Page, ReviewerWindow
from desktop.tasks import TaskRunner
from reports.clock import VIETNAM
from reports.exchange import sync
from reports.exchange.sync import Outcome
from reports.storage.store import parse_period
from reports.workspace import Workspace
from tests.e2e.conftest import PASSWORD_ENV, Installation, init_commune, init_reviewer

ON_TIME = ("26116", "Xã Tân Phú")
LATE = ("26461", "Xã Xuân Định")
TAMPERED = ("26485", "Xã Nhơn Trạch")
COMMENT = "Phần III: số hồ sơ trực tuyến chưa khớp với hệ thống một cửa của tỉnh."


@pytest.fixture(autouse=True)
def vietnamese(qapp: object, tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    collector = MainThreadGarbageCollector()
    collector.start()
    translations = Translations(build(tmp_path_factory.mktemp("qm"))[0].parent)
    translations.install("vi")
    yield
    translations.install("en")
    collector.stop()


def _sent_package(xa: Installation, out: Path, *, at: dt.datetime | None = None) -> Path:
    """Sign the newest monthly report and export what is final or signed (now, or with the clock at ``at``)."""
    monthly = [
        r
        for r in xa.ok("report", "list", "--json").json()
        if r["status"] == "final" and len(r["period"]) == 7
    ]
    newest = max(monthly, key=lambda r: r["period"])
    xa.ok("sign", newest["id"], "--password-env", PASSWORD_ENV)
    if at is None:
        return Path(xa.ok("export", "-o", out).last_line)
    ws = Workspace.open(xa.root, clock=lambda: at)
    try:
        return sync.export_package(ws, out).path
    finally:
        ws.close()


@pytest.fixture
def province(
    installations: Callable[[str], Installation], tmp_path: Path
) -> tuple[Installation, Path, str, dict]:
    so = installations("so-noi-vu")
    init_reviewer(so)
    usb = tmp_path / "usb"
    made: dict[str, Path] = {}
    period = ""
    for code, name in (ON_TIME, LATE, TAMPERED):
        xa = installations(f"xa-{code}")
        init_commune(xa, code, name)
        xa.ok("sample", "--months", "2")
        xa.ok("keys", "create", "--name", "Nguyễn Văn An", "--password-env", PASSWORD_ENV)
        period = max(r["period"] for r in xa.ok("report", "list", "--json").json() if len(r["period"]) == 7)
        at = None
        if code == ON_TIME[0]:
            with so.workspace() as ws:
                due = ws.policy().deadline(parse_period(period))
            at = dt.datetime.combine(due, dt.time(9), VIETNAM)
        made[code] = _sent_package(xa, usb, at=at)
        so.ok("units", "trust", made[code])  # the fingerprints were checked by phone
        if at is not None:  # handed over in person that morning: registered like an incoming document
            so.ok("import", made[code], "--arrived", at.strftime("%d/%m/%Y"), "--arrival-note", "nhận USB tận tay")
    data = bytearray(made[TAMPERED[0]].read_bytes())
    data[len(data) // 2] ^= 0x01
    made[TAMPERED[0]].write_bytes(bytes(data))
    return so, usb, period, made


def test_the_reviewer_window_end_to_end(qtbot: QtBot, province: tuple, tmp_path: Path) -> None:
    so, usb, period, made = province
    runner = TaskRunner()
    runner.set_workspace_opener(lambda: Workspace.open(so.root))
    prompter = HeadlessPrompter(strict=True)
    with so.workspace() as ws:
        unit = ws.require_unit()
    window = ReviewerWindow(runner, prompter, unit)
    qtbot.addWidget(window)
    try:
        window.start()
        assert runner.wait_idle(20_000)

        # ---- dropped on the window: two imported, the tampered one refused and quarantined
        window.handle_drop([usb])
        qtbot.waitUntil(lambda: not window.inbox.busy, timeout=60_000)
        assert runner.wait_idle(20_000)
        results = {r.name: r for r in window.inbox.model.results}
        assert results[made[ON_TIME[0]].name].outcome is Outcome.ALREADY_HAD  # registered on arrival
        assert results[made[LATE[0]].name].outcome is Outcome.IMPORTED
        bad_row = [r.name for r in window.inbox.model.results].index(made[TAMPERED[0]].name)
        bad = window.inbox.model.results[bad_row]
        assert bad.outcome is Outcome.REFUSED and bad.quarantined is not None and bad.quarantined.is_file()
        shown = window.inbox.model.details(bad_row)
        assert bad.reason in shown and str(bad.quarantined) in shown and bad.reason.strip()
        assert window.inbox.model.data(window.inbox.model.index(bad_row, 1)) == "Bị từ chối"
        assert window.inbox.model.sources[bad_row] == str(usb)

        # ---- the board: on time, late, missing (Xã Nhơn Trạch's package never got in)
        board = window.board.model
        m = board.matrix
        assert m is not None and len(m.periods) == 12
        col = 1 + [p.code for p in m.periods].index(period)

        def state(code: str) -> str:
            return board.data(board.index(m.codes.index(code), col), STATE_ROLE)

        assert (state(ON_TIME[0]), state(LATE[0]), state(TAMPERED[0])) == ("on_time", "late", "missing")
        assert m.totals[col - 1][2] == 1 and m.totals[col - 1][3] == 1  # on time, late
        window.board.search.setText("xuan dinh")
        assert window.board.proxy.rowCount() == 1

        # ---- consolidated workbook: totals read back
        xlsx = tmp_path / "tong-hop.xlsx"
        window.show_page(Page.CONSOLIDATE)
        assert runner.wait_idle(20_000)
        assert window.consolidate_page.period_code == period
        prompter.queue(str(xlsx))
        window.consolidate_page.xlsx_button.click()
        assert runner.wait_idle(20_000)
        book = openpyxl.load_workbook(xlsx)
        pdf = tmp_path / "tong-hop.pdf"
        prompter.queue(str(pdf))
        window.consolidate_page.pdf_button.click()
        assert runner.wait_idle(30_000)
        assert pdf.read_bytes().startswith(b"%PDF") and "Đã lưu" in window.consolidate_page.message.text()
        expected = {}
        for code in (ON_TIME[0], LATE[0]):
            with _open(so.root) as ws:
                expected[code] = next(r for r in ws.store.list(unit_code=code)).values
        sheet = book.worksheets[0]
        header = [c.value for c in sheet[2]]
        rows = list(sheet.iter_rows(min_row=3, values_only=True))
        total = rows[-1]
        assert total[1] == "Tổng cộng toàn tỉnh" and len(rows) == 3
        for i, _name in enumerate(header[2:], start=2):
            if all(isinstance(r[i], (int, float)) for r in rows[:2]) and "%" not in str(header[i]):
                assert total[i] == pytest.approx(rows[0][i] + rows[1][i])
        meetings = sum(v.get("meetings_held", 0) for v in expected.values())
        assert meetings in [t for t in total[2:] if isinstance(t, (int, float))]

        # ---- the late report: signature panel, then returned with a comment
        late_id = m.report_ids[(m.codes.index(LATE[0]), col - 1)]
        window.board.report_requested.emit(late_id)
        assert runner.wait_idle(30_000)
        view = window.report_view
        assert window.pages.currentWidget() is view and view.details is not None
        assert view.signature.signer.text() == "Nguyễn Văn An"
        assert view.signature.intact.text() == "có" and view.signature.figures.text() == "có"
        prompter.queue(COMMENT)
        view.return_button.click()
        assert runner.wait_idle(30_000)
        assert view.details.report.status.value == "returned" and COMMENT in view.status_label.text()
        assert state(LATE[0]) == "returned"

        # ---- its feedback package, for that commune
        prompter.queue(str(tmp_path / "phan-hoi"))
        view.feedback_button.click()
        assert runner.wait_idle(20_000)
        written = list((tmp_path / "phan-hoi").glob("*.cchc"))
        assert len(written) == 1 and prompter.last("info").text.endswith(str(written[0]))
        xa = Installation(so.root.parent / f"xa-{LATE[0]}")
        xa.ok("units", "trust", written[0])
        news = xa.ok("import", written[0]).out
        assert COMMENT in news
        assert json.loads(xa.ok("report", "list", "--json").out)[0]["status"] in ("draft", "returned")
    finally:
        runner.wait_idle(20_000)
        runner.shutdown()


class _open:
    def __init__(self, root: Path) -> None:
        self.ws = Workspace.open(root)

    def __enter__(self) -> Workspace:
        return self.ws

    def __exit__(self, *exc: object) -> None:
        self.ws.close()
