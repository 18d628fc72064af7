"""Fixtures for the widget tests: a real main window over the real catalogue."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from posfix_gui.settings import DEFAULT_FONT_SIZE, AppSettings, settings_path
from posfix_gui.ui.i18n import Translators
from posfix_gui.ui.main_window import MainWindow
from posfix_gui.ui.style import apply_font
from posfix_gui.wizard import RunRecord


@pytest.fixture
def settings() -> AppSettings:
    return AppSettings(settings_path())  # POSFIX_DATA_DIR points at a tmp folder (tests/conftest.py)


@pytest.fixture
def translators(qapp: QApplication) -> Iterator[Translators]:
    tr = Translators(qapp)
    yield tr
    tr.switch("en")  # remove our translators so later tests start clean


@pytest.fixture
def records() -> list[RunRecord]:
    return []


@pytest.fixture
def window(qapp, qtbot, catalogue, settings, translators, records) -> Iterator[MainWindow]:  # noqa: ANN001
    """The main window in the default language (zh_CN), shown, with runs recorded into ``records``."""
    translators.switch(settings.language)
    win = MainWindow(catalogue, settings, translators, run_listener=records.append)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    with qtbot.waitExposed(win):
        win.show()
    win.activateWindow()
    yield win
    win.shutdown()
    apply_font(qapp, DEFAULT_FONT_SIZE)  # the font-size setting changes the app-wide font
