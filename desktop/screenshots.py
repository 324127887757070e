"""``python -m desktop.screenshots docs/screenshots`` (``make screenshots``): pictures of the
real program, with sample data in a temporary data folder.

The program runs on a real X server: Xvfb is started on a free display (Debian's ``xvfb``),
so fonts and styles are the ones an official sees. Without Xvfb the offscreen platform is
used, and the note says so. Each picture is ``widget.grab()`` of one window.

``SHOTS`` lists the pictures in order; add one with ``@shot("name")`` on a function that
takes the ``Session`` and returns the widget to photograph. The functions run in order and
may rely on what the earlier ones did (the wizard comes first, the main window after it).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

WINDOW_SIZE = (1366, 768)  # the commune PC's usual screen


@dataclass
class Session:
    """What the shot functions share: the running program and its data folder."""

    data_dir: Path
    app: Any = None  # desktop.app.Application
    text_size: str = "normal"
    notes: list[str] = field(default_factory=list)

    @property
    def window(self) -> Any:
        return self.app.window

    def wait(self, ms: int = 200) -> None:
        from PySide6.QtCore import QCoreApplication, QEventLoop

        end = time.monotonic() + ms / 1000
        while time.monotonic() < end:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            time.sleep(0.01)

    def wait_until(self, condition: Callable[[], bool], timeout_ms: int = 30_000) -> None:
        from PySide6.QtCore import QCoreApplication, QEventLoop

        end = time.monotonic() + timeout_ms / 1000
        while not condition():
            if time.monotonic() > end:
                raise TimeoutError(f"waited {timeout_ms} ms")
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            time.sleep(0.005)
        self.wait(150)  # let the last layouts and paints settle


Shot = Callable[[Session], Any]
SHOTS: dict[str, Shot] = {}


def shot(name: str) -> Callable[[Shot], Shot]:
    def register(fn: Shot) -> Shot:
        SHOTS[name] = fn
        return fn

    return register


# ---------------------------------------------------------------- the commune's pictures


@shot("wizard")
def _wizard(s: Session) -> Any:
    from desktop.wizard import PageId

    wizard = s.app.wizard
    s.wait_until(lambda: wizard.catalog is not None)
    while wizard.currentId() != PageId.UNIT:
        wizard.next()
    picker = wizard.unit_page.picker
    picker.province_combo.setCurrentIndex(picker.province_combo.findText("Tỉnh Đồng Nai"))
    typed = "tan"  # what an official types to find the commune (not a program text)
    picker.search_edit.setText(typed)
    s.wait(300)
    return wizard


@shot("report-list")
def _report_list(s: Session) -> Any:
    wizard = s.app.wizard
    wizard.restart()
    wizard.welcome_page.sample_radio.setChecked(True)
    wizard.accept()
    s.wait_until(lambda: s.app.window is not None and s.window.report_list.model.rowCount() > 0, 60_000)
    s.window.resize(*WINDOW_SIZE)
    s.window.set_text_size(s.text_size)  # "Lớn" and larger: applied at once, as Ctrl+= does
    s.wait_until(lambda: bool(s.window.report_list.plan_label.text()))
    return s.window


@shot("editor-with-errors")
def _editor(s: Session) -> Any:
    window = s.window
    editor = window.editor
    window.report_list.create_button.click()  # copies last month's figures (the default answer)
    s.wait_until(lambda: editor.report is not None and window.reports_area.currentWidget() is editor)
    values = editor.report.values
    editor.set_field_text("tthc_received_online", str(int(values.get("tthc_received_total") or 100) + 12))
    editor.show_all_problems()
    editor.reveal_field("tthc_received_online")
    s.wait_until(lambda: not editor.autosaver.has_unsaved)  # "Đã lưu lúc …", not "Đang lưu…"
    return window


@shot("preview")
def _preview(s: Session) -> Any:
    window = s.window
    editor = window.editor
    editor.set_field_text("tthc_received_online", str(editor.report.values.get("tthc_received_online") or 0))
    rows = window.report_list.model
    final = next(rows.row_at(i).id for i in range(rows.rowCount()) if rows.row_at(i).status.value == "final")
    window.open_report(final)
    s.wait_until(lambda: editor.report is not None and editor.report.id == final)
    loaded: list[Any] = []
    window.preview.loaded.connect(loaded.append)
    editor.header.preview_button.click()
    s.wait_until(lambda: bool(loaded))
    s.wait(400)
    return window


@shot("sign-dialog")
def _sign_dialog(s: Session) -> Any:
    from reports.documents.issuing import create_signer_key

    window = s.window
    s.app.runner.call(lambda ws: create_signer_key(ws, "Trần Văn Bình", "mat-khau-mau"))
    window.editor.header.sign_button.click()
    dialog = window.sign_dialog
    s.wait_until(lambda: not dialog.busy)
    dialog.secret_edit.setText("••••••")
    dialog.adjustSize()
    s.wait(200)
    return dialog


@shot("overview")
def _overview(s: Session) -> Any:
    from desktop.mainwindow import Page

    window = s.window
    if window.sign_dialog is not None:
        window.sign_dialog.reject()
    window.show_page(Page.OVERVIEW)
    s.wait(1500)  # the figures load on the worker, then the charts paint
    return window


@shot("par-index")
def _par_index(s: Session) -> Any:
    """The PAR-index page on last year's sample scoring report, a criterion with evidence chosen."""
    window = s.window
    page = s.app.par_page
    shown: list[Any] = []
    page.sheet_shown.connect(shown.append)
    window.nav.setCurrentRow(s.app.par_row)
    s.wait_until(lambda: bool(shown))
    page.select_field("s1_plan_on_time")
    s.wait(300)
    return window


@shot("editor-evidence")
def _editor_evidence(s: Session) -> Any:
    """A new revision of the scoring report in the editor, with the evidence beside it."""
    from desktop.mainwindow import Page

    window = s.window
    final = s.app.runner.call(lambda ws: max(r.id for r in ws.store.list() if r.form_id == "tu-cham-diem-xa"))
    draft = s.app.runner.call(lambda ws: ws.store.amend(final).id)
    shown: list[Any] = []
    window.editor.evidence.sheet_shown.connect(shown.append)
    window.show_page(Page.REPORTS)
    window.open_report(draft)
    s.wait_until(lambda: bool(shown))
    window.editor.evidence.select_field("s3_tthc_published")
    s.wait(300)
    return window


# ---------------------------------------------------------------- the reviewer's pictures


def _reviewer_session(s: Session) -> Any:
    """A reviewing office beside the commune: three communes' signed packages made with the
    command line, and the reviewer's own window (built once, kept on the session)."""
    window = getattr(s, "reviewer_window", None)
    if window is not None:
        return window
    from desktop.reviewer.window import ReviewerWindow
    from desktop.tasks import TaskRunner
    from reports.cli.main import main as cchc
    from reports.workspace import Workspace

    root = s.data_dir.parent / "so-noi-vu"
    usb = s.data_dir.parent / "usb"
    os.environ["CCHC_SHOTS_PASSWORD"] = "mat-khau-mau"
    quiet = open(os.devnull, "w")  # noqa: SIM115 - closed below
    try:
        cchc(
            [
                "--data-dir",
                str(root),
                "init",
                "--role",
                "reviewer",
                "--unit-code",
                "75",
                "--unit-name",
                "Sở Nội vụ tỉnh Đồng Nai",
                "--province",
                "Tỉnh Đồng Nai",
            ],
            out=quiet,
            err=quiet,
        )
        for code, name in (("26116", "Xã Tân Phú"), ("26461", "Xã Xuân Định"), ("26485", "Xã Nhơn Trạch")):
            xa = ["--data-dir", str(s.data_dir.parent / f"xa-{code}")]
            cchc(
                [
                    *xa,
                    "init",
                    "--unit-code",
                    code,
                    "--unit-name",
                    name,
                    "--province",
                    "Tỉnh Đồng Nai",
                    "--signer-name",
                    "Nguyễn Văn An",
                ],
                out=quiet,
                err=quiet,
            )
            cchc([*xa, "sample", "--months", "3"], out=quiet, err=quiet)
            cchc(
                [*xa, "keys", "create", "--name", "Nguyễn Văn An", "--password-env", "CCHC_SHOTS_PASSWORD"],
                out=quiet,
                err=quiet,
            )
            ws = Workspace.open(s.data_dir.parent / f"xa-{code}")
            try:
                newest = max(
                    (r for r in ws.store.list() if r.status.value == "final" and len(r.period.code) == 7),
                    key=lambda r: r.period.code,
                )
                # the year's self-assessment goes too: the reviewer's PAR-index page appraises it
                scoring = [r for r in ws.store.list() if r.status.value == "final" and len(r.period.code) == 4]
            finally:
                ws.close()
            for report in [newest, *scoring]:
                cchc([*xa, "sign", str(report.id), "--password-env", "CCHC_SHOTS_PASSWORD"], out=quiet, err=quiet)
            cchc([*xa, "export", "-o", str(usb)], out=quiet, err=quiet)
        for package in sorted(usb.glob("*.cchc"))[:2]:  # the third commune is not trusted yet
            cchc(["--data-dir", str(root), "units", "trust", str(package)], out=quiet, err=quiet)
    finally:
        quiet.close()
    runner = TaskRunner()
    runner.set_workspace_opener(lambda: Workspace.open(root))
    unit = runner.call(lambda ws: ws.require_unit())
    window = ReviewerWindow(runner, s.app.prompter, unit)
    window.resize(*WINDOW_SIZE)
    window.show()
    window.start()
    s.reviewer_window = window  # type: ignore[attr-defined]
    s.reviewer_runner = runner  # type: ignore[attr-defined]
    s.reviewer_usb = usb  # type: ignore[attr-defined]
    s.wait_until(lambda: runner.pending == 0)
    return window


@shot("reviewer-inbox")
def _reviewer_inbox(s: Session) -> Any:
    window = _reviewer_session(s)
    window.handle_drop([s.reviewer_usb])  # type: ignore[attr-defined]
    s.wait_until(lambda: not window.inbox.busy and s.reviewer_runner.pending == 0, 120_000)  # type: ignore[attr-defined]
    return window


@shot("reviewer-board")
def _reviewer_board(s: Session) -> Any:
    from desktop.reviewer.window import Page

    window = _reviewer_session(s)
    window.show_page(Page.BOARD)
    s.wait_until(lambda: s.reviewer_runner.pending == 0)  # type: ignore[attr-defined]
    return window


@shot("reviewer-report")
def _reviewer_report(s: Session) -> Any:
    window = _reviewer_session(s)
    m = window.board.model.matrix
    newest = max((c for _, c in m.report_ids), default=None) if m is not None else None  # the signed month
    report_id = (
        next((rid for (_, c), rid in m.report_ids.items() if c == newest), None) if m is not None else None
    )
    if report_id is not None:
        window.open_report(report_id)
        s.wait_until(lambda: window.report_view.details is not None and s.reviewer_runner.pending == 0)  # type: ignore[attr-defined]
        s.wait(600)  # the PDF's pages render
    return window


@shot("reviewer-consolidation")
def _reviewer_consolidation(s: Session) -> Any:
    from desktop.reviewer.window import Page

    window = _reviewer_session(s)
    window.show_page(Page.CONSOLIDATE)
    s.wait_until(lambda: s.reviewer_runner.pending == 0)  # type: ignore[attr-defined]
    s.wait(300)
    s.wait_until(lambda: s.reviewer_runner.pending == 0)  # type: ignore[attr-defined]
    return window


@shot("reviewer-appraisal")
def _reviewer_appraisal(s: Session) -> Any:
    window = _reviewer_session(s)
    page = window.par_page
    window.nav.setCurrentRow(window.pages.indexOf(page))
    s.wait_until(lambda: page.communes.rowCount() > 0 and s.reviewer_runner.pending == 0)  # type: ignore[attr-defined]
    page.communes.selectRow(0)
    s.wait_until(lambda: page.view.sheet is not None and s.reviewer_runner.pending == 0)  # type: ignore[attr-defined]
    s.wait(300)
    return window


@shot("reviewer-ranking")
def _reviewer_ranking(s: Session) -> Any:
    window = _reviewer_appraisal(s)
    window.par_page.tabs.setCurrentIndex(1)
    s.wait(300)
    return window


# ---------------------------------------------------------------- the display


def _free_display() -> int:
    if sys.platform == "win32":  # display() draws offscreen there; X11 sockets live in /tmp
        raise RuntimeError("Xvfb is an X11 server: there is none on Windows")
    for n in range(91, 200):
        if not Path(f"/tmp/.X{n}-lock").exists() and not Path(f"/tmp/.X11-unix/X{n}").exists():
            return n
    raise RuntimeError("no free X display number")


@contextmanager
def display(notes: list[str]) -> Iterator[None]:
    """A private Xvfb for the real window; offscreen when Xvfb is missing."""
    xvfb = shutil.which("Xvfb")
    if xvfb is None or sys.platform == "win32":
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        notes.append("Xvfb was not found: the pictures are drawn offscreen (fonts may differ).")
        yield
        return
    number = _free_display()
    width, height = WINDOW_SIZE
    proc = subprocess.Popen(
        [xvfb, f":{number}", "-screen", "0", f"{width + 200}x{height + 200}x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        socket = Path(f"/tmp/.X11-unix/X{number}")
        end = time.monotonic() + 10
        while not socket.exists():
            if proc.poll() is not None or time.monotonic() > end:
                raise RuntimeError(f"Xvfb :{number} did not start")
            time.sleep(0.05)
        os.environ["DISPLAY"] = f":{number}"
        os.environ["QT_QPA_PLATFORM"] = "xcb"
        notes.append(f"drawn on Xvfb :{number}")
        yield
    finally:
        proc.terminate()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:  # pragma: no cover
            proc.kill()


# ---------------------------------------------------------------- running


def take(
    out_dir: Path, names: Sequence[str] = (), *, lang: str = "vi", text_size: str = "normal", suffix: str = ""
) -> list[Path]:
    """Start the program in a temporary data folder and write the pictures to ``out_dir``."""
    notes: list[str] = []
    written: list[Path] = []
    out_dir.mkdir(parents=True, exist_ok=True)
    with display(notes), tempfile.TemporaryDirectory(prefix="cchc-screenshots-") as tmp:
        os.environ["CCHC_NO_ERR_WINDOWS"] = "1"
        from desktop.app import Application, parse_args
        from desktop.i18n_build import build

        build()  # the .qm files the program loads, from the .ts beside them
        session = Session(Path(tmp) / "data", notes=notes, text_size=text_size)
        session.app = Application(
            parse_args(["--data-dir", str(session.data_dir), "--no-err-windows", "--lang", lang]),
            install_hooks=False,
        )
        try:
            if not session.app.build():
                raise RuntimeError("the program did not start")
            last = max((list(SHOTS).index(n) for n in names), default=len(SHOTS) - 1)
            for name, fn in list(SHOTS.items())[: last + 1]:
                widget = fn(session)
                if names and name not in names:
                    continue
                widget.raise_()
                session.wait(100)
                path = out_dir / f"{name}{suffix}.png"
                if not widget.grab().save(str(path)):
                    raise RuntimeError(f"could not write {path}")
                written.append(path)
                print(f"wrote {path}", flush=True)
        finally:
            if getattr(session, "reviewer_window", None) is not None:  # the reviewer's shots
                session.reviewer_window.close()  # type: ignore[attr-defined]
                session.reviewer_runner.shutdown()  # type: ignore[attr-defined]
            session.app.shutdown()
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m desktop.screenshots", description=__doc__.splitlines()[0]
    )
    parser.add_argument("out", type=Path, nargs="?", default=Path("docs/screenshots"))
    parser.add_argument("--only", nargs="*", default=[], help=f"some of: {', '.join(SHOTS)}")
    parser.add_argument("--lang", choices=("vi", "en"), default="vi")
    parser.add_argument("--text-size", choices=("normal", "large", "very_large"), default="normal")
    parser.add_argument("--suffix", default="", help='added to the file names, e.g. "-en"')
    args = parser.parse_args(argv)
    take(args.out, args.only, lang=args.lang, text_size=args.text_size, suffix=args.suffix)
    return 0


if __name__ == "__main__":
    sys.exit(main())
