"""Every visible string has its Vietnamese translation, and none escapes Qt's translation."""

from __future__ import annotations

import ast
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot

from desktop.i18n import DEFAULT_LANGUAGE, normalise
from desktop.i18n_build import PROGRAM_TS, SOURCE_DIR, TS_DIR, sources, update_ts

Message = tuple[str, str]  # (context, source)


def _messages(ts: Path) -> dict[Message, ET.Element]:
    out = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            out[(name, message.findtext("source") or "")] = message
    return out


@pytest.fixture(scope="module")
def fresh_vi(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """cchc_vi.ts as lupdate makes it from today's sources (keeping the translations)."""
    ts = tmp_path_factory.mktemp("ts") / "cchc_vi.ts"
    shutil.copy(TS_DIR / "cchc_vi.ts", ts)
    update_ts(ts, PROGRAM_TS["cchc_vi.ts"])
    return ts


def test_every_visible_string_has_a_vietnamese_translation(fresh_vi: Path) -> None:
    untranslated = [
        f"{ctx}: {src!r}"
        for (ctx, src), message in _messages(fresh_vi).items()
        if message.find("translation") is None
        or message.find("translation").get("type") in ("unfinished", "vanished", "obsolete")  # type: ignore[union-attr]
        or not (message.findtext("translation") or "").strip()
    ]
    assert untranslated == [], "translate these in resources/translations/cchc_vi.ts:\n" + "\n".join(
        untranslated
    )


def test_the_shipped_translation_file_is_up_to_date(fresh_vi: Path) -> None:
    shipped, fresh = set(_messages(TS_DIR / "cchc_vi.ts")), set(_messages(fresh_vi))
    assert fresh - shipped == set(), "run: python -m desktop.i18n_build --update, then translate"
    assert shipped - fresh == set(), (
        "strings no longer in the program: run python -m desktop.i18n_build --update"
    )


def test_translations_keep_placeholders_and_mnemonics(fresh_vi: Path) -> None:
    bad = []
    for (ctx, src), message in _messages(fresh_vi).items():
        tr = message.findtext("translation") or ""
        if sorted(re.findall(r"%\d", src)) != sorted(re.findall(r"%\d", tr)):
            bad.append(f"{ctx}: {src!r} -> {tr!r}: placeholders differ")
        marks = len(re.findall(r"&(?!&)", src.replace("&&", "")))
        if marks != len(re.findall(r"&(?!&)", tr.replace("&&", ""))):
            bad.append(f"{ctx}: {src!r} -> {tr!r}: keyboard mnemonic (&) missing or doubled")
    assert bad == []


def test_qts_own_strings_have_a_hand_made_vietnamese_file() -> None:
    qt = _messages(TS_DIR / "qt_vi.ts")
    for wanted in (
        ("QPlatformTheme", "OK"),
        ("QPlatformTheme", "Cancel"),
        ("QPlatformTheme", "&Yes"),
        ("QLineEdit", "&Copy"),
        ("QLineEdit", "&Paste"),
        ("QWidgetTextControl", "Select All"),
    ):
        assert (qt[wanted].findtext("translation") or "").strip(), wanted


def test_the_text_box_menu_is_vietnamese(qtbot: QtBot) -> None:
    for box in (QLineEdit(), QPlainTextEdit()):
        qtbot.addWidget(box)
        menu = box.createStandardContextMenu()
        texts = [a.text().split("\t")[0] for a in menu.actions() if a.text()]
        assert {"&Hoàn tác", "&Cắt", "Sao &chép", "&Dán", "Chọn tất cả"} <= set(texts)
        menu.deleteLater()


def test_vietnamese_is_the_default() -> None:
    assert DEFAULT_LANGUAGE == "vi"
    assert normalise(None) == "vi" and normalise("fr") == "vi" and normalise("en") == "en"
    assert sorted(PROGRAM_TS) == ["cchc_en.ts", "cchc_vi.ts"]
    assert _messages(TS_DIR / "cchc_en.ts") is not None


# Qt calls that put text on the screen; their text must come from tr()/translate().
TEXT_CALLS = {
    "setText",
    "setWindowTitle",
    "setToolTip",
    "setPlaceholderText",
    "setTitle",
    "setSubTitle",
    "addItem",
    "setStatusTip",
    "showMessage",
    "setButtonText",
    "setHorizontalHeaderLabels",
    "setSpecialValueText",
    "setAccessibleName",
    "QLabel",
    "QPushButton",
    "QRadioButton",
    "QCheckBox",
    "QGroupBox",
    "QAction",
    "info",
    "warning",
    "error",
    "ask_yes_no",
    "ask_text",
}
TWO_TEXTS = {"info", "warning", "error", "ask_yes_no", "ask_text"}  # (title, text)
# Shown as they are in every language: the languages' own names, and data printed on documents.
NOT_TRANSLATED = {"Tiếng Việt", "English", "BC-UBND", "BC-SNV"}


def _violations(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            for value in ast.walk(node):
                if (
                    isinstance(value, ast.Call)
                    and isinstance(value.func, ast.Attribute)
                    and value.func.attr in ("tr", "translate")
                ):
                    found.append(
                        f"{path.name}:{node.lineno}: tr() inside an f-string is invisible to lupdate"
                    )
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        receiver = node.func.value if isinstance(node.func, ast.Attribute) else None
        if name not in TEXT_CALLS or (isinstance(receiver, ast.Name) and receiver.id in ("log", "logging")):
            continue  # the log is for support staff, in English
        for arg in node.args[: 2 if name in TWO_TEXTS else 1]:
            if (
                isinstance(arg, ast.Constant)
                and isinstance(arg.value, str)
                and re.search(r"[^\W\d_]{2,}", arg.value)
                and arg.value not in NOT_TRANSLATED
            ):
                found.append(f"{path.name}:{node.lineno}: {name}({arg.value!r}) is not translated")
    return found


def test_no_visible_string_bypasses_translation() -> None:
    violations = [v for path in sources() for v in _violations(path)]
    assert violations == []
    assert SOURCE_DIR.name == "desktop"


def test_the_folder_chooser_is_vietnamese(qtbot: QtBot) -> None:
    """Qt ships no Vietnamese for its file dialog: qt_vi.ts carries it ("Look in", "Directory",
    "Choose", "Files of type" were English in the folder chooser)."""
    from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton

    dialog = QFileDialog(None, "Chọn thư mục")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    qtbot.addWidget(dialog)
    labels = {w.text() for w in dialog.findChildren(QLabel)}
    buttons = {w.text() for w in dialog.findChildren(QPushButton)}
    assert "&Tìm trong:" in labels and "Thư mục:" in labels
    assert "&Chọn" in buttons or "Chọn" in buttons
    assert not {"&Look in:", "Directory:", "Files of type:", "&Choose"} & (labels | buttons)


def test_the_reviewing_office_has_one_name() -> None:
    """The glossary's "cơ quan nhận báo cáo": the wizard said "cơ quan xét duyệt" and the
    export "cơ quan thẩm định" for the same office."""
    texts = [(m.findtext("translation") or "").lower() for m in _messages(TS_DIR / "cchc_vi.ts").values()]
    assert not [t for t in texts if "cơ quan xét duyệt" in t or "cơ quan thẩm định" in t]
    assert any("cơ quan nhận báo cáo" in t for t in texts)
