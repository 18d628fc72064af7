"""User settings stored as an INI file (QSettings) in the data folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from posfix_gui import paths

LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"
DEFAULT_FONT_SIZE = 15
FONT_SIZES = (12, 13, 14, 15, 16, 18, 20, 22)
SETTINGS_FILE = "posfix.ini"


def settings_path(data_dir: Path | None = None) -> Path:
    return (data_dir if data_dir is not None else paths.data_dir()) / SETTINGS_FILE


class AppSettings:
    """Typed access to the few things a cashier can set; every write is saved at once."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._q = QSettings(str(path), QSettings.Format.IniFormat)

    def _str(self, key: str, default: str = "") -> str:
        value = self._q.value(key, default)
        return str(value) if value is not None else default

    def _set(self, key: str, value: object) -> None:
        self._q.setValue(key, value)
        self._q.sync()

    @property
    def language(self) -> str:
        lang = self._str("ui/language", DEFAULT_LANGUAGE)
        return lang if lang in LANGUAGES else DEFAULT_LANGUAGE

    @language.setter
    def language(self, value: str) -> None:
        if value not in LANGUAGES:
            raise ValueError(f"unknown language {value!r}")
        self._set("ui/language", value)

    @property
    def font_size(self) -> int:
        try:
            size = int(self._str("ui/font_size", str(DEFAULT_FONT_SIZE)))
        except ValueError:
            return DEFAULT_FONT_SIZE
        return min(max(size, FONT_SIZES[0]), FONT_SIZES[-1])

    @font_size.setter
    def font_size(self, value: int) -> None:
        self._set("ui/font_size", int(value))

    @property
    def preferred_scheme(self) -> str:
        """A scheme id or terminal brand that ranks first among equal matches ("" for none)."""
        return self._str("search/preferred_scheme")

    @preferred_scheme.setter
    def preferred_scheme(self, value: str) -> None:
        self._set("search/preferred_scheme", value)

    @property
    def till_name(self) -> str:
        return self._str("shop/till_name")

    @till_name.setter
    def till_name(self, value: str) -> None:
        self._set("shop/till_name", value.strip())

    @property
    def terminal_id(self) -> str:
        return self._str("shop/terminal_id")

    @terminal_id.setter
    def terminal_id(self, value: str) -> None:
        self._set("shop/terminal_id", value.strip())

    def status(self) -> QSettings.Status:
        return self._q.status()
