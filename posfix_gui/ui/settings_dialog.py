"""The settings dialog: language, preferred scheme / terminal brand, till name, terminal number,
font size."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from posfix_gui.catalogue.model import Scheme
from posfix_gui.settings import FONT_SIZES
from posfix_gui.ui.style import MIN_TARGET


@dataclass(frozen=True)
class SettingsValues:
    language: str
    preferred_scheme: str
    till_name: str
    terminal_id: str
    font_size: int


class SettingsDialog(QDialog):
    """Edit :class:`SettingsValues`; read them back with :meth:`values` after ``accepted``."""

    def __init__(
        self, current: SettingsValues, schemes: Sequence[Scheme], language: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(520)
        en = language == "en"

        self.language_box = QComboBox()
        self.language_box.addItem("中文（简体）", "zh_CN")
        self.language_box.addItem("English", "en")
        self.scheme_box = QComboBox()
        self.scheme_box.addItem(self.tr("No preference"), "")
        for s in sorted(schemes, key=lambda s: s.order):
            self.scheme_box.addItem(s.name_en if en else s.name_zh, s.id)
        self.till_edit = QLineEdit(current.till_name)
        self.till_edit.setPlaceholderText(self.tr("e.g. Till 2"))
        self.till_edit.setMaxLength(60)
        self.terminal_edit = QLineEdit(current.terminal_id)
        self.terminal_edit.setPlaceholderText(self.tr("printed on the terminal's label"))
        self.terminal_edit.setMaxLength(40)
        self.font_box = QComboBox()
        for size in FONT_SIZES:
            self.font_box.addItem(f"{size} pt", size)

        self._select(self.language_box, current.language)
        self._select(self.scheme_box, current.preferred_scheme)
        self._select(self.font_box, current.font_size)

        form = QFormLayout()
        form.addRow(self.tr("Language"), self.language_box)
        form.addRow(self.tr("Preferred code scheme / terminal brand"), self.scheme_box)
        form.addRow(self.tr("Till name"), self.till_edit)
        form.addRow(self.tr("Terminal number"), self.terminal_edit)
        form.addRow(self.tr("Text size"), self.font_box)
        for w in (self.language_box, self.scheme_box, self.till_edit, self.terminal_edit, self.font_box):
            w.setMinimumHeight(MIN_TARGET)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        for b in self.buttons.buttons():
            b.setMinimumHeight(MIN_TARGET)
            b.setMinimumWidth(120)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    @staticmethod
    def _select(box: QComboBox, value: object) -> None:
        i = box.findData(value)
        box.setCurrentIndex(max(i, 0))

    def values(self) -> SettingsValues:
        return SettingsValues(
            language=str(self.language_box.currentData()),
            preferred_scheme=str(self.scheme_box.currentData() or ""),
            till_name=self.till_edit.text().strip(),
            terminal_id=self.terminal_edit.text().strip(),
            font_size=int(self.font_box.currentData()),
        )
