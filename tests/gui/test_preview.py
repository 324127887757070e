"""The preview: the PDF's pages in the window, paging, zoom, printing on A4, saving a copy."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtPdf import QPdfDocument
from pytestqt.qtbot import QtBot

from desktop.preview import PreviewPage
from desktop.prompter import HeadlessPrompter
from desktop.tasks import TaskRunner
from tests.gui.conftest import open_runner


@pytest.fixture
def sample_runner(qapp: object, sample_dir: Path) -> Iterator[TaskRunner]:
    r = open_runner(sample_dir)
    yield r
    r.wait_idle(5000)
    r.shutdown()


@pytest.fixture
def page(qtbot: QtBot, sample_runner: TaskRunner, prompter: HeadlessPrompter) -> PreviewPage:
    widget = PreviewPage(sample_runner, prompter)
    qtbot.addWidget(widget)
    widget.resize(1000, 800)
    widget.show()
    return widget


def first_report(runner: TaskRunner) -> int:
    return int(runner.call(lambda ws: ws.store.list(unit_code=ws.store.unit.code)[0].id))


def test_it_shows_the_pages_made_on_the_worker(
    qtbot: QtBot, page: PreviewPage, sample_runner: TaskRunner
) -> None:
    report_id = first_report(sample_runner)
    with qtbot.waitSignal(page.loaded, timeout=20_000) as shown:
        page.show_report(report_id, can_sign=True)
    doc = shown.args[0]
    assert doc.report_id == report_id and not doc.signed and doc.pdf.startswith(b"%PDF")
    assert page.document.status() is QPdfDocument.Status.Ready
    assert page.page_count >= 2
    assert page.kind_label.text() == "Bản xem trước (chưa ký)"
    assert page.page_label.text() == f"Trang 1 / {page.page_count}"
    assert not page.previous_button.isEnabled() and page.next_button.isEnabled()
    assert page.sign_button.isVisibleTo(page)

    page.next_page()
    assert page.current_page == 1
    assert page.page_label.text() == f"Trang 2 / {page.page_count}"
    page.go_to_page(99)
    assert page.current_page == page.page_count - 1
    assert not page.next_button.isEnabled()

    fit = page.zoom_factor()
    page.zoom_in()
    assert page.zoom_factor() > fit
    page.zoom_out()
    page.zoom_out()
    assert page.zoom_factor() < fit
    page.fit_width()
    assert abs(page.zoom_factor() - fit) < 0.01


def test_print_goes_through_the_prompter_on_a4(
    qtbot: QtBot, page: PreviewPage, sample_runner: TaskRunner, prompter: HeadlessPrompter, tmp_path: Path
) -> None:
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        page.show_report(first_report(sample_runner))
    printed = tmp_path / "in-ra.pdf"
    prompter.queue(printed)  # without windows the "printer" is a PDF file the prompter names
    assert page.print_action.shortcut().toString() == "Ctrl+P"
    with qtbot.waitSignal(page.status_message) as message:
        page.print_action.trigger()
    assert message.args[0] == f"Đã gửi {page.page_count} trang tới máy in."
    out = QPdfDocument()
    out.load(str(printed))
    assert out.pageCount() == page.page_count
    size = out.pagePointSize(0)
    assert (round(size.width()), round(size.height())) == (595, 842)  # A4 in points
    out.close()


def test_printing_cancelled_prints_nothing(
    qtbot: QtBot, page: PreviewPage, sample_runner: TaskRunner, prompter: HeadlessPrompter
) -> None:
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        page.show_report(first_report(sample_runner))
    prompter.queue(None)
    page.print_report()
    assert prompter.kinds() == ["save_file"]


def test_save_a_copy(
    qtbot: QtBot, page: PreviewPage, sample_runner: TaskRunner, prompter: HeadlessPrompter, tmp_path: Path
) -> None:
    with qtbot.waitSignal(page.loaded, timeout=20_000) as shown:
        page.show_report(first_report(sample_runner))
    prompter.queue(tmp_path / "ban-sao")  # no extension typed: .pdf is added
    with qtbot.waitSignal(page.status_message):
        page.save_button.click()
    assert (tmp_path / "ban-sao.pdf").read_bytes() == shown.args[0].pdf
    assert shown.args[0].file_name.startswith("26116_")


def test_a_copy_to_a_missing_folder_is_an_explained_error(
    qtbot: QtBot, page: PreviewPage, sample_runner: TaskRunner, prompter: HeadlessPrompter, tmp_path: Path
) -> None:
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        page.show_report(first_report(sample_runner))
    prompter.queue(tmp_path / "usb-da-rut" / "x.pdf")
    page.save_copy()
    qtbot.waitUntil(lambda: "error" in prompter.kinds())
    assert prompter.last("error").title == "Chưa lưu được bản sao"
