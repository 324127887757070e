"""The program's languages: Vietnamese (the default) and English.

Source strings are English; ``resources/translations/cchc_vi.ts`` translates every one, and
``qt_vi.ts`` translates the strings of Qt's own widgets that an official meets (the context
menu of a text box, standard buttons), since Qt ships no Vietnamese of its own. The ``.qm``
files are built by ``make translations`` (``python -m desktop.i18n_build``).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from reports.resources import resource_path

log = logging.getLogger(__name__)

LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"
CATALOGS = ("cchc", "qt")


def translations_dir() -> Path:
    return resource_path("translations")


def normalise(lang: str | None) -> str:
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def _ensure_compiled(directory: Path) -> None:
    """From a source checkout, build missing or stale .qm files (what `make translations`
    does), so `python -m desktop` shows Vietnamese even before anyone ran make."""
    if getattr(sys, "frozen", False):
        return
    stale = [
        ts
        for ts in directory.glob("*.ts")
        if not ts.with_suffix(".qm").exists() or ts.with_suffix(".qm").stat().st_mtime < ts.stat().st_mtime
    ]
    if not stale:
        return
    try:
        from desktop.i18n_build import compile_ts

        for ts in stale:
            compile_ts(ts, ts.with_suffix(".qm"))
    except (OSError, RuntimeError):
        log.warning("could not build the translations; run: make translations", exc_info=True)


class Translations:
    """The translators installed in the application (replaced when the language changes)."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory or translations_dir()
        self.lang = DEFAULT_LANGUAGE
        self._installed: list[QTranslator] = []

    def uninstall(self) -> None:
        app = QCoreApplication.instance()
        if app is not None:
            for t in self._installed:
                app.removeTranslator(t)
        self._installed = []

    def install(self, lang: str) -> str:
        app = QCoreApplication.instance()
        assert app is not None
        lang = normalise(lang)
        self.uninstall()
        if self.directory == translations_dir():
            _ensure_compiled(self.directory)
        for catalog in CATALOGS:
            path = self.directory / f"{catalog}_{lang}.qm"
            if not path.exists():
                if lang != "en":
                    log.warning("translation %s is missing; run: make translations", path)
                continue
            translator = QTranslator(app)
            if translator.load(str(path)):
                app.installTranslator(translator)
                self._installed.append(translator)
            else:
                log.warning("translation %s could not be loaded", path)
        locale = (
            QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)
            if lang == "vi"
            else QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
        )
        QLocale.setDefault(locale)
        self.lang = lang
        return lang
