"""``bao-cao-cchc --self-test``: the core's self-test, then the real main window, offscreen.

The core part (``reports.selftest``) proves the bundle carries the form definitions, fonts,
the unit list, the crypto backends and the zip code. This part proves the Qt side does: the
offscreen platform plugin, the SVG icon plugins, the compiled translations, the ICU data for
Vietnamese sorting, the keyring's backends, QtPdf (the preview) and the main window itself,
built by the program's composition root (desktop.app.Application) over a throwaway data
folder filled with sample reports, shown, given time to load its list and open a report and
the overview, then closed. Nothing is written outside the
temporary folder, and no display is needed.

Each step prints one line; the first failure stops the test. The result is 0 (passed) or 1.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

WINDOW_TIMEOUT_MS = 20_000


def run_self_test(out: TextIO | None = None, *, keep: Path | None = None) -> int:
    """0 when every check passed, 1 otherwise (what failed is printed to ``out``, default
    stdout). Call it before a QApplication exists: it selects the offscreen platform."""
    out = out if out is not None else (sys.stdout or open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115
    # Before Qt loads: no display is needed, and no window may appear on the user's screen.
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    folder = Path(tempfile.mkdtemp(prefix="cchc-selftest-gui-")) if keep is None else keep
    try:
        from reports.selftest import run_core_self_test

        log_file = _quiet_logging(folder / "logs")
        core = run_core_self_test(out)
        if not core.ok:
            return 1
        ok = _GuiSelfTest(folder, out).run()
        if not ok:
            _print_log_tail(log_file, out)
        print("Tự kiểm tra giao diện: ĐẠT" if ok else "Tự kiểm tra giao diện: KHÔNG ĐẠT", file=out)
        return 0 if ok else 1
    except Exception:  # the self-test reports whatever broke, never a bare traceback
        print(f"LỖI  tự kiểm tra\n{traceback.format_exc(limit=8)}", file=out)
        return 1
    finally:
        out.flush()
        _close_log_files()
        if keep is None:
            shutil.rmtree(folder, ignore_errors=True)


def _quiet_logging(logs_dir: Path) -> Path:
    """The program's log goes to the temporary folder, not the console: libraries log
    expected conditions (pyHanko notes that a self-issued certificate is self-signed)."""
    import logging

    from desktop.logsetup import install_logging

    logs_dir.mkdir(parents=True, exist_ok=True)
    return install_logging(logs_dir, level=logging.INFO, to_stderr=False)


def _close_log_files() -> None:
    import logging

    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_cchc", False):
            root.removeHandler(handler)
            handler.close()


def _print_log_tail(log_file: Path, out: TextIO, lines: int = 30) -> None:
    try:
        tail = log_file.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:]
    except OSError:
        return
    if tail:
        print("--- nhật ký (log) ---", *tail, sep="\n", file=out)


class _GuiSelfTest:
    def __init__(self, folder: Path, out: TextIO) -> None:
        self.folder = folder
        self.data_dir = folder / "du-lieu"
        self.out = out
        self.state: dict[str, Any] = {}
        self.bugs: list[str] = []  # exceptions raised inside Qt callbacks

    def step(self, name: str, fn: Callable[[], object]) -> bool:
        start = time.perf_counter()
        try:
            self.state[name] = fn()
            if self.bugs:
                raise AssertionError("an exception was raised inside a Qt callback:\n" + self.bugs[0])
        except Exception:
            detail = traceback.format_exc(limit=8)
            print(f"LỖI  {name}\n{detail}", file=self.out)
            return False
        print(f"OK   {name} ({(time.perf_counter() - start) * 1000:.0f} ms)", file=self.out)
        return True

    def run(self) -> bool:
        steps: list[tuple[str, Callable[[], object]]] = [
            ("dữ liệu mẫu", self._sample_data),
            ("Qt: nền offscreen", self._qt_app),
            ("bản dịch tiếng Việt", self._translations),
            ("ICU: sắp xếp và chữ hoa tiếng Việt", self._icu),
            ("kho mật khẩu của hệ điều hành (keyring)", self._keyring),
            ("biểu tượng SVG", self._icons),
            ("xem trước PDF (QtPdf)", self._pdf_preview),
            ("mở cửa sổ chính", self._open_window),
            ("danh sách báo cáo", self._report_list),
            ("mở báo cáo và trang tổng quan", self._pages),
            ("đóng cửa sổ chính", self._close_window),
        ]
        previous_hook = sys.excepthook
        sys.excepthook = self._excepthook
        try:
            ok = all(self.step(name, fn) for name, fn in steps)  # all() stops at the first failure
        finally:
            sys.excepthook = previous_hook
            self._teardown()
        return ok

    def _excepthook(self, exc_type: type[BaseException], exc: BaseException, tb: Any) -> None:
        # PySide6 hands an exception raised in a slot to sys.excepthook and carries on;
        # here it fails the step instead of passing unnoticed.
        self.bugs.append("".join(traceback.format_exception(exc_type, exc, tb)))

    # ------------------------------------------------------------ steps

    def _sample_data(self) -> int:
        from reports.sample import fill_sample
        from reports.storage.unit import Role, Unit
        from reports.workspace import Workspace

        ws = Workspace.open(self.data_dir)
        try:
            ws.initialise(Unit(role=Role.COMMUNE, code="26116", name="Xã Tân Phú", province_name="Tỉnh Đồng Nai",
                               province_code="75", reviewer_code="75", reviewer_name="Sở Nội vụ tỉnh Đồng Nai",
                               place="Tân Phú", signer_name="Nguyễn Văn An"))
            created = fill_sample(ws, 3).created
            assert created, "no sample reports were created"
            return len(created)
        finally:
            ws.close()

    def _qt_app(self) -> str:
        from PySide6.QtWidgets import QApplication

        existing = QApplication.instance()
        app = existing or QApplication([sys.argv[0] if sys.argv else "bao-cao-cchc"])
        self.state["app"] = app
        name = QApplication.platformName()
        # Called before any QApplication (as --self-test is), this proves the bundle carries
        # the offscreen platform plugin; inside a running program it uses that program's.
        assert existing is not None or name == "offscreen", f"platform plugin is {name!r}, not offscreen"
        return name

    def _translations(self) -> None:
        from PySide6.QtCore import QCoreApplication

        from desktop.appearance import install_style
        from desktop.i18n import CATALOGS, Translations, translations_dir

        missing = [f"{c}_vi.qm" for c in CATALOGS if not (translations_dir() / f"{c}_vi.qm").exists()]
        assert "cchc_vi.qm" not in missing, f"missing compiled translations in {translations_dir()}: {missing}"
        translations = Translations()
        assert translations.install("vi") == "vi"
        self.state["translations"] = translations
        installed = len(getattr(translations, "_installed", [None]))
        assert installed > 0, "no translation could be loaded"
        install_style(QCoreApplication.instance(), "normal")  # type: ignore[arg-type]

    def _icu(self) -> None:
        # The bundle carries ICU data for Vietnamese and English only (build.spec); Qt uses it
        # to sort names the Vietnamese way, for upper case and for time-zone names.
        from PySide6.QtCore import QCollator, QDateTime, QLocale, QTimeZone

        vi = QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)
        words = ["Ương", "Uông", "Ân", "An", "Ăn", "Đông", "Dũng", "Ơn", "Ô", "Oanh", "az"]
        expected = ["An", "az", "Ăn", "Ân", "Dũng", "Đông", "Oanh", "Ô", "Ơn", "Uông", "Ương"]
        got = sorted(words, key=QCollator(vi).sortKey)
        assert got == expected, f"Vietnamese collation: {got}"
        assert vi.toUpper("đường phố") == "ĐƯỜNG PHỐ", vi.toUpper("đường phố")
        zone = QTimeZone(b"Asia/Ho_Chi_Minh")
        assert zone.isValid(), "time zone Asia/Ho_Chi_Minh"
        name = zone.displayName(QDateTime.currentDateTime(), QTimeZone.NameType.LongName, vi)
        assert name, "time-zone name"

    def _keyring(self) -> int:
        # keyring finds its backends through package metadata (entry points), which a frozen
        # build carries only if the spec collected it; whether a backend is usable depends on
        # the desktop session, so only the lookup is checked.
        from importlib.metadata import entry_points

        import keyring

        found = list(entry_points(group="keyring.backends"))
        assert found, "keyring's backends are not registered (package metadata missing)"
        keyring.get_keyring()
        return len(found)

    def _icons(self) -> None:
        from PySide6.QtGui import QImageReader

        from desktop.appearance import icon

        formats = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
        assert "svg" in formats, f"the SVG image plugin is missing (formats: {sorted(formats)})"
        for name in ("app", "reports", "overview", "settings"):
            pixmap = icon(name).pixmap(32, 32)
            assert not pixmap.isNull(), f"icon {name} did not load"

    def _pdf_preview(self) -> int:
        from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
        from PySide6.QtPdf import QPdfDocument

        from reports.documents.issuing import render_pdf
        from reports.workspace import Workspace

        ws = Workspace.open(self.data_dir)
        try:
            report_id = ws.store.list()[0].id
            pdf = render_pdf(ws, report_id).pdf
        finally:
            ws.close()
        buffer = QBuffer()
        buffer.setData(QByteArray(pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        doc = QPdfDocument()
        doc.load(buffer)
        assert doc.status() == QPdfDocument.Status.Ready, f"QtPdf could not read the PDF: {doc.error()}"
        pages = doc.pageCount()
        image = doc.render(0, QSize(400, 566))
        assert pages > 0 and not image.isNull(), "QtPdf rendered nothing"
        doc.close()
        return pages

    def _open_window(self) -> None:
        # The program's own composition root, as a user starts it, over the sample folder
        # (its logging and crash-handler hooks stay off: this process is the self-test's).
        from desktop.app import Application, parse_args

        args = parse_args(["--data-dir", str(self.data_dir), "--no-err-windows", "--lang", "vi"])
        application = Application(args, install_hooks=False)
        self.state["application"] = application
        assert application.build(), "the program could not open the sample data folder"
        window, runner = application.window, application.runner
        assert window is not None, "no main window (the first-run wizard opened instead)"
        self.state["window"], self.state["runner"] = window, runner
        runner.unexpected_error.connect(lambda exc: self._excepthook(type(exc), exc, exc.__traceback__))
        self._process_until(lambda: window.isVisible(), "the main window was not shown")

    def _report_list(self) -> int:
        window = self.state["window"]
        runner = self.state["runner"]
        self._process_until(lambda: window.report_list.model.rowCount() > 0 and not runner.pending,
                            "the report list stayed empty")
        return int(window.report_list.model.rowCount())

    def _pages(self) -> None:
        from desktop.mainwindow import Page

        window = self.state["window"]
        runner = self.state["runner"]
        row = window.report_list.current_row()
        assert row is not None, "no report is selected in the list"
        window.open_report(row.id)
        self._process_until(lambda: window.editor.report is not None and not runner.pending,
                            "the report did not open in the editor")
        window.show_page(Page.OVERVIEW)
        self._process_until(lambda: not runner.pending, "the overview did not load")
        window.show_page(Page.REPORTS)
        window.show_report_list()
        self._process_until(lambda: not runner.pending, "the list did not reload")

    def _close_window(self) -> None:
        application = self.state.pop("application")
        window = self.state.pop("window")
        self.state.pop("runner")
        application.shutdown()  # saves, closes the window, stops the database worker
        assert not window.isVisible(), "the main window did not close"
        crash = application.crash_handler
        assert not crash.fatal, "the crash handler caught a bug:\n" + "\n".join(crash.reports)
        window.deleteLater()
        self._process_events(100)

    # ------------------------------------------------------------ helpers

    def _process_events(self, ms: int) -> None:
        from PySide6.QtCore import QCoreApplication, QEventLoop

        end = time.monotonic() + ms / 1000
        while time.monotonic() < end:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            time.sleep(0.005)

    def _process_until(self, condition: Callable[[], bool], message: str) -> None:
        from PySide6.QtCore import QCoreApplication, QEventLoop

        end = time.monotonic() + WINDOW_TIMEOUT_MS / 1000
        while not condition():
            if self.bugs:
                return  # step() reports it
            if time.monotonic() > end:
                raise AssertionError(f"{message} within {WINDOW_TIMEOUT_MS // 1000} s")
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            time.sleep(0.002)
        QCoreApplication.processEvents()

    def _teardown(self) -> None:
        application = self.state.pop("application", None)
        if application is not None:
            try:
                application.shutdown()
            except Exception:  # already reporting a failure
                traceback.print_exc(file=self.out)
