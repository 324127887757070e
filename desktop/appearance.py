"""How the program looks: text size, colours, icons, the style sheet.

Officials often work on old, small screens and many read better with large text, so the base
font is generous and can be made larger for the whole program (Cài đặt → Cỡ chữ). Headings are
a scale of the base font (``set_font_scale``), so they grow with it.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QColor, QFont, QIcon
from PySide6.QtWidgets import QApplication, QTableView, QWidget

from reports.resources import resource_path
from reports.storage.lifecycle import Status

TEXT_SIZES = {"normal": 12.0, "large": 14.0, "very_large": 16.5}  # points
FONT_SCALE_PROPERTY = "cchcFontScale"

# (background, text) of each status's label
STATUS_COLOURS: dict[Status, tuple[str, str]] = {
    Status.DRAFT: ("#fff1c2", "#6b4e00"),
    Status.FINAL: ("#dbe9ff", "#0b4a94"),
    Status.SIGNED: ("#d3f2ea", "#0b5e4c"),
    Status.EXPORTED: ("#ffe6cc", "#7a3d00"),  # not gone yet: orange, to catch the eye
    Status.SENT: ("#e9e2fb", "#47308a"),
    Status.RECEIVED: ("#dcecf5", "#174f6e"),
    Status.ACCEPTED: ("#d9f2dc", "#1c6429"),
    Status.RETURNED: ("#fde0de", "#9c1f17"),
}
ERROR_COLOUR = "#b3261e"
WARNING_COLOUR = "#8a5a00"
OK_COLOUR = "#1c6429"
MUTED_COLOUR = "#555a60"


def status_colours(status: Status) -> tuple[QColor, QColor]:
    bg, fg = STATUS_COLOURS[status]
    return QColor(bg), QColor(fg)


@cache
def icon(name: str) -> QIcon:
    """An icon from resources/icons (SVG)."""
    return QIcon(str(resource_path(f"icons/{name}.svg")))


def base_point_size(size: str) -> float:
    return TEXT_SIZES.get(size, TEXT_SIZES["normal"])


def apply_text_size(app: QApplication, size: str, *, windows_open: bool = True) -> None:
    """Set the whole program's text size; scaled headings follow."""
    font = QFont(app.font())
    font.setPointSizeF(base_point_size(size))
    app.setFont(font)
    if windows_open:
        # With a style sheet set, widgets keep the font they were polished with (the form's
        # fields and tables stayed small until a restart): polishing the open windows' widgets
        # again hands them the new one. Hidden windows (closed dialogs) are left alone.
        for top in app.topLevelWidgets():
            if not top.isVisible():
                continue
            for w in (top, *top.findChildren(QWidget)):
                style = w.style()
                style.unpolish(w)
                style.polish(w)
                if isinstance(w, QTableView):
                    w.verticalHeader().setDefaultSectionSize(w.fontMetrics().height() + 12)
                    w.resizeRowsToContents()
    # Scaled headings after the polishing: unpolishing under a style sheet gives a widget back
    # the font it had when first polished (headings stayed at the old size).
    for w in app.allWidgets():
        scale = w.property(FONT_SCALE_PROPERTY)
        if scale:
            _apply_scale(w, float(scale))


def zoomed(size: str, step: int) -> str:
    """The text size one step larger (+1) or smaller (-1) than ``size``: Ctrl+= and Ctrl+-."""
    order = list(TEXT_SIZES)
    index = order.index(size) if size in order else 0
    return order[max(0, min(len(order) - 1, index + step))]


def set_font_scale(widget: QWidget, scale: float, *, bold: bool = False) -> None:
    """Make ``widget``'s text ``scale`` times the program's base size (e.g. a heading)."""
    widget.setProperty(FONT_SCALE_PROPERTY, scale)
    font = widget.font()
    font.setBold(bold)
    widget.setFont(font)
    _apply_scale(widget, scale)


def _apply_scale(widget: QWidget, scale: float) -> None:
    font = widget.font()
    font.setPointSizeF(QApplication.font().pointSizeF() * scale)
    widget.setFont(font)


def repolish(widget: QWidget) -> None:
    """Re-apply the style sheet after a dynamic property used by it changed."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


STYLE_SHEET = """
QWidget#NavPanel { background: #1d3557; }
QListWidget#Nav { background: transparent; border: none; color: #ffffff; outline: 0; }
QListWidget#Nav::item { padding: 10px 8px; margin: 2px 6px; border-radius: 6px; }
QListWidget#Nav::item:selected { background: #345c8c; color: #ffffff; }
QListWidget#Nav::item:hover:!selected { background: #27466e; }
QListWidget#Nav:focus { border: 2px solid #f6c343; }
QLabel#NavUnit { color: #ffffff; }
QLabel#NavProvince, QLabel#NavVersion { color: #c9d6e8; }

QPushButton { padding: 6px 14px; }
QListWidget::item { padding: 3px 2px; }
QPushButton[primary="true"] {
    background: #1a5fb4; color: #ffffff; border: 2px solid #1a5fb4; border-radius: 6px;
    padding: 9px 20px; font-weight: bold;
}
QPushButton[primary="true"]:hover { background: #1c71d8; border-color: #1c71d8; }
QPushButton[primary="true"]:focus { border: 2px solid #f6c343; }
QPushButton[primary="true"]:disabled { background: #9aa7b8; border-color: #9aa7b8; }

QPushButton[step="done"] { color: #1c6429; font-weight: bold; border: none; }
QPushButton[step="current"] {
    color: #ffffff; background: #1a5fb4; border-radius: 12px; padding: 4px 14px; font-weight: bold;
}
QPushButton[step="current"]:focus { border: 2px solid #f6c343; }
QPushButton[step="todo"] { color: #6c7379; border: none; }

QLabel[role="help"] { color: #555a60; }
QLabel[role="error"] { color: #b3261e; }
QLabel[role="warning"] { color: #8a5a00; }
QLabel[role="ok"] { color: #1c6429; }
QLabel[role="muted"] { color: #555a60; }
QLabel[role="required"] { color: #b3261e; }

QLineEdit[state="error"], QPlainTextEdit[state="error"], QTableWidget[state="error"] {
    border: 2px solid #b3261e; border-radius: 3px;
}
QLineEdit[state="warning"], QPlainTextEdit[state="warning"], QTableWidget[state="warning"] {
    border: 2px solid #e5a50a; border-radius: 3px;
}
QLineEdit[readOnly="true"] { background: #f1f3f5; }

QFrame[banner="info"] { background: #e7f0fb; border: 1px solid #a9c6ea; border-radius: 6px; }
QFrame[banner="returned"] { background: #fde0de; border: 1px solid #e3a29d; border-radius: 6px; }
QFrame[banner="readonly"] { background: #f1f3f5; border: 1px solid #c8ccd0; border-radius: 6px; }
QLabel#SavedLabel { color: #1c6429; }
QToolBar#DemoBanner { background: #fff1b8; border: none; border-bottom: 2px solid #d4a106; padding: 2px; }
QToolBar#DemoBanner QLabel { color: #4d3500; }
"""


STYLE = "Fusion"
STYLE_PROPERTY = "cchcStyle"  # set on the application once it has STYLE


def new_application(name: str) -> QApplication:
    """The program's QApplication, in its style from the start ("-style"): choosing the style
    afterwards (QApplication.setStyle) hands the new QStyle to Python, and PySide creates the
    Python types of QStyle's eleven enums for it (7 ms of the window's first show); the first
    screen never needs them."""
    app = QApplication([name, "-style", STYLE])
    app.setProperty(STYLE_PROPERTY, STYLE)
    return app


def install_style(app: QApplication, text_size: str = "normal") -> None:
    if app.property(STYLE_PROPERTY) != STYLE:  # an application made elsewhere (a test's)
        app.setStyle(STYLE)
        app.setProperty(STYLE_PROPERTY, STYLE)
    app.setStyleSheet(STYLE_SHEET)
    apply_text_size(app, text_size, windows_open=False)
