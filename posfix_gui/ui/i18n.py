"""Loading the app's own and Qt's translations."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from posfix_gui import paths

log = logging.getLogger(__name__)


def app_qm_path(language: str, directory: Path | None = None) -> Path:
    return (directory or paths.translations_dir()) / f"posfix_{language}.qm"


class Translators:
    """Owns the installed QTranslators; :meth:`switch` swaps them (English needs none)."""

    def __init__(self, app: QCoreApplication, directory: Path | None = None) -> None:
        self._app = app
        self._dir = directory
        self._installed: list[QTranslator] = []
        self.language = "en"

    def switch(self, language: str) -> bool:
        """Install the translators for ``language``; False if the app's own file would not load."""
        for tr in self._installed:
            self._app.removeTranslator(tr)
        self._installed.clear()
        self.language = language
        if language == "en":
            QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
            return True
        QLocale.setDefault(QLocale(language))
        ok = True
        own = QTranslator(self._app)
        qm = app_qm_path(language, self._dir)
        if own.load(str(qm)):
            self._installed.append(own)
        else:
            log.error("could not load translation %s", qm)
            ok = False
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        qtbase = QTranslator(self._app)
        if qtbase.load(f"qtbase_{language}", qt_dir):
            self._installed.append(qtbase)
        else:
            log.warning("Qt's own %s translation not found in %s", language, qt_dir)
        for tr in self._installed:
            self._app.installTranslator(tr)
        return ok

    @property
    def installed(self) -> int:
        return len(self._installed)
