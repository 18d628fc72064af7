"""The PIN gate in front of the manager view: set the PIN on first use, then ask for it.

Five wrong PINs lock the gate for 60 s; while locked the page shows the seconds left, counting down,
and refuses input. The counters live in the history database (see :mod:`posfix_gui.history.pin`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QSizePolicy, QVBoxLayout, QWidget

from posfix_gui.history import HistoryError, PinGate
from posfix_gui.ui.widgets import Button


class PinPage(QWidget):
    """Emits ``unlocked`` once the right PIN was entered (or a new one was set)."""

    unlocked = Signal()

    def __init__(self, gate: PinGate, lang: str = "zh", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gate = gate
        self.lang = lang
        self.title = QLabel(objectName="titleLabel")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.info.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.info.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        validator = QRegularExpressionValidator(r"\d{0,8}", self)
        self.pin_edit = QLineEdit(objectName="pinEdit")
        self.confirm_edit = QLineEdit(objectName="pinConfirmEdit")
        for edit in (self.pin_edit, self.confirm_edit):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setValidator(validator)
            edit.setMaxLength(8)
            edit.setMinimumWidth(220)
            edit.returnPressed.connect(self.submit)
        self.ok_button = Button(object_name="pinOkButton")
        self.ok_button.clicked.connect(self.submit)
        self.message = QLabel(objectName="pinMessage")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setStyleSheet("color: #b71c1c; font-weight: bold;")
        self.message.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.message.setMinimumHeight(self.message.fontMetrics().height() * 2 + 8)

        self.form = QFormLayout()
        self.pin_label = QLabel()
        self.confirm_label = QLabel()
        self.form.addRow(self.pin_label, self.pin_edit)
        self.form.addRow(self.confirm_label, self.confirm_edit)

        box = QWidget()
        box.setMinimumWidth(460)
        box.setMaximumWidth(600)
        v = QVBoxLayout(box)
        v.addWidget(self.title)
        v.addWidget(self.info)
        v.addLayout(self.form)
        v.addWidget(self.ok_button)
        v.addWidget(self.message)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)

        self.timer = QTimer(self)
        self.timer.setInterval(500)
        self.timer.timeout.connect(self.refresh)
        self.refresh()

    @property
    def setting_up(self) -> bool:
        return not self.gate.is_set()

    def refresh(self) -> None:
        """Update texts and the lockout countdown."""
        first = self.setting_up
        self.title.setText(self.tr("Manager view"))
        if first:
            self.info.setText(self.tr("First use: set a manager PIN (4 to 8 digits). It is asked every time."))
            self.pin_label.setText(self.tr("New PIN"))
            self.confirm_label.setText(self.tr("Repeat PIN"))
            self.ok_button.setText(self.tr("Set PIN and open"))
        else:
            self.info.setText(self.tr("Enter the manager PIN."))
            self.pin_label.setText(self.tr("PIN"))
            self.ok_button.setText(self.tr("Open"))
        self.confirm_label.setVisible(first)
        self.confirm_edit.setVisible(first)
        locked = 0.0 if first else self.gate.locked_for()
        self.pin_edit.setEnabled(locked <= 0)
        self.ok_button.setEnabled(locked <= 0)
        if locked > 0:
            secs = max(1, int(locked + 0.999))
            self.message.setText(self.tr("Too many wrong PINs: locked. Try again in {secs} s.").format(secs=secs))
            if not self.timer.isActive():
                self.timer.start()
        elif self.timer.isActive():
            self.timer.stop()
            self.message.setText("")
            self.pin_edit.setFocus()

    def submit(self) -> None:
        pin = self.pin_edit.text()
        try:
            if self.setting_up:
                if pin != self.confirm_edit.text():
                    self.message.setText(self.tr("The two PINs differ. Enter them again."))
                    self.confirm_edit.clear()
                    return
                self.gate.set_pin(pin)
                ok, text = True, ""
            else:
                check = self.gate.verify(pin)
                ok, text = check.ok, check.message(self.lang)
        except HistoryError as err:
            ok, text = False, err.text(self.lang)
        self.pin_edit.clear()
        self.confirm_edit.clear()
        self.message.setText(text)
        self.refresh()
        if ok:
            self.message.setText("")
            self.unlocked.emit()
