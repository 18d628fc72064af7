"""Errors of the history store. Each carries one readable sentence in Chinese and in English.

``str(err)`` is the Chinese sentence followed by the English one, so a log or a CLI shows both;
the GUI picks one language with :meth:`HistoryError.text`.
"""

from __future__ import annotations


class HistoryError(Exception):
    """Base class: something about the incident history went wrong."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(f"{zh} ({en})")
        self.zh = zh
        self.en = en

    def text(self, lang: str = "zh") -> str:
        """The message in one language ("zh" or "en")."""
        return self.en if lang == "en" else self.zh


class HistoryUnavailable(HistoryError):
    """History is off: the data folder is missing, read-only, or the database cannot be opened.

    Lookup and the wizard keep working; nothing is recorded.
    """


class HistorySchemaTooNew(HistoryUnavailable):
    """The database was written by a newer POSfix; it is left untouched."""


class HistoryCorrupt(HistoryUnavailable):
    """The database failed its integrity check; it is left untouched."""


class PinError(HistoryError):
    """A PIN that does not follow the rules (4 to 8 digits) or a wrong current PIN."""
