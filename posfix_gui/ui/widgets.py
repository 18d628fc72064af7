"""Small widgets shared by the views."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QWidget

from posfix_gui.ui.style import MIN_TARGET


class Button(QPushButton):
    """A push button that also fires on Enter/Return (keyboard-first), at least 48 px tall."""

    def __init__(self, text: str = "", parent: QWidget | None = None, object_name: str = "") -> None:
        super().__init__(text, parent)
        if object_name:
            self.setObjectName(object_name)
        self.setMinimumHeight(MIN_TARGET)
        self.setMinimumWidth(MIN_TARGET)
        self.setAutoDefault(False)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.isEnabled():
            self.click()
            event.accept()
            return
        super().keyPressEvent(event)


def wrapped_label(text: str = "", object_name: str = "", parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    # never squeeze wrapped text below its height (it would overlap inside a scroll area)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if object_name:
        label.setObjectName(object_name)
    return label
