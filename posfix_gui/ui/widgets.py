"""Small widgets shared by the views."""

from __future__ import annotations

import functools
import sys
from typing import TYPE_CHECKING

# ``QtCore.Qt`` is looked up when used, never at import: the first screen is built without touching
# the Qt namespace, whose Python enums cost 20-40 ms to build (see posfix_gui/qtmodels/roles.py).
from PySide6 import QtCore
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QWidget

if TYPE_CHECKING:
    from PySide6.QtCore import Qt

from posfix_gui.ui.style import MIN_TARGET


@functools.cache
def enter_keys() -> tuple[Qt.Key, ...]:
    """Return and the keypad's Enter (built at the first key press)."""
    return (QtCore.Qt.Key.Key_Return, QtCore.Qt.Key.Key_Enter)


class Button(QPushButton):
    """A push button that also fires on Enter/Return (keyboard-first), at least 48 px tall."""

    def __init__(self, text: str = "", parent: QWidget | None = None, object_name: str = "") -> None:
        super().__init__(parent)  # not (text, parent): PySide6 would check the (QIcon, text) overload
        self.setText(text)  # and build the QIcon and QPixmap types at start-up (~3 ms)
        if object_name:
            self.setObjectName(object_name)
        self.setMinimumHeight(MIN_TARGET)
        self.setMinimumWidth(MIN_TARGET)
        self.setAutoDefault(False)
        if sys.platform == "darwin":  # Windows' and Linux's styles already give buttons StrongFocus
            self.setFocusPolicy(QtCore.Qt.FocusPolicy.StrongFocus)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in enter_keys() and self.isEnabled():
            self.click()
            event.accept()
            return
        super().keyPressEvent(event)


def wrapped_label(text: str = "", object_name: str = "", parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    # never squeeze wrapped text below its height (it would overlap inside a scroll area)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    label.setTextFormat(QtCore.Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
    if object_name:
        label.setObjectName(object_name)
    return label
