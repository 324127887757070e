"""The "Chỉ số CCHC" page: the criteria tree with scores and evidence, the not-yet-met list,
attaching and removing evidence and writing an explanation, and the briefing document."""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.par_page import ParIndexPage
from desktop.prompter import HeadlessPrompter
from desktop.tasks import TaskRunner
from reports.cli.main import main as cchc
from reports.par_index.sample_evidence import sample_pdf
from tests.gui.conftest import open_runner, read_workspace


@pytest.fixture
def draft_dir(sample_dir: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The sample commune with a draft revision of its scoring report (evidence copied)."""
    ws = read_workspace(sample_dir)
    try:
        rid = min(r.id for r in ws.store.list() if r.form_id == "tu-cham-diem-xa")
        ws.store.amend(rid)
    finally:
        ws.close()
    return sample_dir


@pytest.fixture
def runner(qapp: object, draft_dir: Path) -> Iterator[TaskRunner]:
    r = open_runner(draft_dir)
    yield r
    r.wait_idle(5000)
    r.shutdown()


def shown(qtbot: QtBot, page: ParIndexPage) -> None:
    with qtbot.waitSignal(page.sheet_shown, timeout=20_000):
        page.refresh()


def test_the_tree_the_gaps_and_the_evidence_of_a_criterion(qtbot: QtBot, runner: TaskRunner,
                                                           prompter: HeadlessPrompter) -> None:
    page = ParIndexPage(runner, prompter)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    shown(qtbot, page)
    sheet = page.sheet
    assert sheet is not None and sheet.report.editable
    assert page.tree.topLevelItemCount() == len(sheet.area_totals)
    assert "/100" in page.total.text() or "100" in page.total.text()
    gaps = sheet.gaps()
    assert page.gaps.rowCount() == len(gaps) > 0
    stakes = [float(page.gaps.item(r, 0).text().replace(",", ".")) for r in range(page.gaps.rowCount())]
    assert stakes == sorted(stakes, reverse=True)
    with_file = next(line for line in sheet.lines if line.evidence)
    page.select_field(with_file.field.id)
    assert page.panel.table.rowCount() == len(with_file.evidence)
    assert page.panel.attach_button.isEnabled()
    computed = next(line for line in sheet.lines if line.computed)
    page.select_field(computed.field.id)
    assert "báo cáo" in page.panel.method.text()


def test_attach_remove_and_explain(qtbot: QtBot, runner: TaskRunner, prompter: HeadlessPrompter,
                                   tmp_path: Path) -> None:
    page = ParIndexPage(runner, prompter)
    qtbot.addWidget(page)
    shown(qtbot, page)
    page.select_field("s3_one_stop")
    before = page.panel.table.rowCount()
    doc = tmp_path / "quyet-dinh.pdf"
    doc.write_bytes(sample_pdf("Quyết định thành lập Bộ phận Một cửa", "20/QĐ-UBND", dt.date(2025, 3, 1),
                               "Xã Tân Phú", "Nội dung."))
    page.panel.number.setText("20/QĐ-UBND")
    page.panel.date.setText("01/03/2025")
    page.panel.doc_title.setText("Quyết định thành lập Bộ phận Một cửa")
    page.panel.page.setText("Điều 1")
    prompter.queue(doc)
    with qtbot.waitSignal(page.sheet_shown, timeout=20_000):
        page.panel.attach_button.click()
    assert page.panel.table.rowCount() == before + 1
    texts = {page.panel.table.item(r, 1).text() for r in range(page.panel.table.rowCount())}
    assert "20/QĐ-UBND" in texts and page.panel.number.text() == ""

    disguised = tmp_path / "anh.pdf"
    disguised.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 40 + b"IEND\xaeB`\x82")
    prompter.queue(disguised)
    page.panel.attach_button.click()
    qtbot.waitUntil(lambda: "error" in prompter.kinds(), timeout=20_000)
    assert "PNG" in prompter.last("error").text

    row = next(r for r in range(page.panel.table.rowCount()) if page.panel.table.item(r, 1).text() == "20/QĐ-UBND")
    page.panel.table.selectRow(row)
    with qtbot.waitSignal(page.sheet_shown, timeout=20_000):
        page.panel.remove_button.click()
    assert page.panel.table.rowCount() == before

    page.panel.explanation.setPlainText("Bộ phận Một cửa hoạt động theo quy chế, hồ sơ lưu bản giấy.")
    with qtbot.waitSignal(page.sheet_shown, timeout=20_000):
        page.panel.save_explanation_button.click()
    line = next(x for x in page.sheet.lines if x.field.id == "s3_one_stop")  # type: ignore[union-attr]
    assert line.explanation.startswith("Bộ phận Một cửa")


def test_the_briefing_document(qtbot: QtBot, runner: TaskRunner, prompter: HeadlessPrompter, tmp_path: Path) -> None:
    page = ParIndexPage(runner, prompter)
    qtbot.addWidget(page)
    shown(qtbot, page)
    target = tmp_path / "giao-ban.pdf"
    prompter.queue(target)
    page.print_button.click()
    qtbot.waitUntil(lambda: "show_folder" in prompter.kinds(), timeout=30_000)
    text = subprocess.run(["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True, check=True).stdout
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Các tiêu chí chưa đạt" in text and "Điểm còn" in text


def test_a_finalised_report_is_shown_read_only(qtbot: QtBot, sample_dir: Path, prompter: HeadlessPrompter,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    runner = open_runner(sample_dir)
    try:
        page = ParIndexPage(runner, prompter)
        qtbot.addWidget(page)
        shown(qtbot, page)
        assert page.sheet is not None and not page.sheet.report.editable
        page.select_field(next(x.field.id for x in page.sheet.lines if x.evidence))
        assert not page.panel.attach_button.isEnabled()
        assert cchc(["--data-dir", str(sample_dir), "score", "show", str(page.sheet.report.id)]) == 0
        capsys.readouterr()
    finally:
        runner.wait_idle(5000)
        runner.shutdown()


def test_attaching_evidence_in_the_editor(qtbot: QtBot, runner: TaskRunner, prompter: HeadlessPrompter,
                                          draft_dir: Path, tmp_path: Path) -> None:
    from desktop.editor import ReportEditor

    ws = read_workspace(draft_dir)
    try:
        draft = max(r.id for r in ws.store.list() if r.form_id == "tu-cham-diem-xa")
        monthly = next(r.id for r in ws.store.list() if r.form_id == "cchc-xa")
    finally:
        ws.close()
    editor = ReportEditor(runner, prompter)
    qtbot.addWidget(editor)
    editor.open_report(monthly)
    qtbot.waitUntil(lambda: editor.report is not None and editor.report.id == monthly)
    assert not editor.evidence.isVisibleTo(editor)  # a monthly report has no evidence
    with qtbot.waitSignal(editor.evidence.sheet_shown, timeout=20_000):
        editor.open_report(draft)
    assert editor.evidence.isVisibleTo(editor)
    editor.evidence.select_field("s5_training")
    before = editor.evidence.panel.table.rowCount()
    photo = tmp_path / "lop-boi-duong.png"
    from tests.unit.test_par_index import png

    photo.write_bytes(png())
    editor.evidence.panel.doc_title.setText("Ảnh lớp bồi dưỡng")
    prompter.queue(photo)
    with qtbot.waitSignal(editor.evidence.sheet_shown, timeout=20_000):
        editor.evidence.panel.attach_button.click()
    assert editor.evidence.panel.table.rowCount() == before + 1
    assert editor.evidence.criterion.currentData() == "s5_training"


def test_the_start_up_check_names_a_missing_evidence_file(qtbot: QtBot, sample_dir: Path) -> None:
    from tests.gui.test_backup_restore import start

    ws = read_workspace(sample_dir)
    try:
        gone = ws.evidence_files.linked_files()[0]
        ws.evidence_files.path(gone).unlink()
    finally:
        ws.close()
    prompter = HeadlessPrompter()
    app = start(sample_dir, prompter)
    try:
        assert app.build()
        warning = prompter.last("warning")
        assert warning.title == "Thiếu tệp tài liệu kiểm chứng" and gone[:12] in warning.text
    finally:
        app.shutdown()


def test_in_english_the_criteria_set_is_shown_in_english(qtbot: QtBot, runner: TaskRunner,
                                                         prompter: HeadlessPrompter) -> None:
    page = ParIndexPage(runner, prompter, lang="en")
    qtbot.addWidget(page)
    shown(qtbot, page)
    sheet = page.sheet
    assert sheet is not None and sheet.definition.key == "tu-cham-diem-xa@2"
    assert " — revision " in page.choice.currentText() and "lần" not in page.choice.currentText()
    areas = [page.tree.topLevelItem(i).text(0) for i in range(page.tree.topLevelItemCount())]
    assert areas[2] == "3. Administrative procedure reform"
    texts = [item.text(0) for item in page._items()]
    assert "3.4. One-stop shop" in texts and "One-stop shop set up and run as required" in texts
    assert not [t for t in texts if "hành chính" in t or "Một cửa" in t]
    page.select_field("s1_plan_on_time")
    assert page.panel.title.text().startswith("Annual administrative reform plan issued on time")
    assert "The commune People's Committee's annual administrative reform plan" in page.panel.required.text()
    page.select_field("s3_tthc_on_time")
    assert "of 12 cchc-xa reports" in page.panel.method.text()  # (the tests' translator puts Vietnamese before)
    gaps = [page.gaps.item(r, 1).text() for r in range(page.gaps.rowCount())]
    assert gaps and all(not any(c in t for c in "ăâđêôơư") for t in gaps)


def test_at_1366_by_768_the_evidence_boxes_keep_their_height(qtbot: QtBot, runner: TaskRunner,
                                                            prompter: HeadlessPrompter) -> None:
    page = ParIndexPage(runner, prompter)
    qtbot.addWidget(page)
    page.setFixedSize(1140, 640)  # what the window leaves the page at 1366×768 (navigation, banner, taskbar)
    page.show()
    shown(qtbot, page)
    page.select_field("s1_plan_on_time")
    qtbot.wait(20)
    panel = page.panel
    squeezed = [w.accessibleName() or w.placeholderText() for w in (panel.number, panel.date, panel.doc_title, panel.page)
                if w.height() < w.sizeHint().height()]
    assert squeezed == []  # they were slivers, their text cut in half
