"""Helpers for the widget tests."""

from __future__ import annotations

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget

from posfix_gui.ui.main_window import MainWindow


def type_text(qtbot, widget: QWidget, text: str) -> None:  # noqa: ANN001
    """Type like a cashier: key presses for ASCII, an input-method commit (pinyin IME) for Chinese."""
    if text.isascii():
        qtbot.keyClicks(widget, text)
    else:
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(widget, event)


def type_query(qtbot, win: MainWindow, text: str) -> int:  # noqa: ANN001
    """Type ``text`` into the search box and wait until its results are on screen; returns the count."""
    with qtbot.waitSignal(win.results_shown, timeout=5000, check_params_cb=lambda q, n: q == text.strip()) as blocker:
        type_text(qtbot, win.search_box, text)
    return blocker.args[1]
