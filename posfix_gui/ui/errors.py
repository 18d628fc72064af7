"""Errors a person can read: a plain dialog, tracebacks only in the log file."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox, QWidget

log = logging.getLogger("posfix")


def _define_error_dialog() -> type[QMessageBox]:
    from PySide6.QtWidgets import QMessageBox

    class ErrorDialog(QMessageBox):
        """What happened, what to do, and where the details are. Tests patch ``exec``/``open``."""

        def __init__(self, title: str, what: str, todo: str, log_file: Path | None,
                     parent: QWidget | None = None) -> None:
            super().__init__(parent)
            self.setIcon(QMessageBox.Icon.Critical)
            self.setWindowTitle(title)
            self.setText(what)
            info = todo
            if log_file is not None:
                info += "\n\n" + QCoreApplication.translate(
                    "ErrorDialog", "Details for support are in {path}"
                ).format(path=str(log_file))
            self.setInformativeText(info)
            self.setStandardButtons(QMessageBox.StandardButton.Ok)

    ErrorDialog.__qualname__ = "ErrorDialog"
    ErrorDialog.__module__ = __name__
    return ErrorDialog


def error_dialog_class() -> type[QMessageBox]:
    """``ErrorDialog``, defined on first use: QMessageBox's Python type (and its enums) cost a normal
    start about 4 ms, and a normal start shows no error."""
    cls = globals().get("ErrorDialog")
    if cls is None:
        cls = globals()["ErrorDialog"] = _define_error_dialog()
    return cls


def __getattr__(name: str) -> Any:
    if name == "ErrorDialog":  # `from posfix_gui.ui.errors import ErrorDialog` works as before
        return error_dialog_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class ExceptionHook:
    """``sys.excepthook`` for the running app: log the traceback, show one dialog, keep going."""

    def __init__(self, log_file: Path | None, parent: QWidget | None = None) -> None:
        self.log_file = log_file
        self.parent = parent
        self.shown = False
        self.count = 0
        self.dialog: QMessageBox | None = None
        self._previous = sys.excepthook

    def install(self) -> None:
        self._previous = sys.excepthook
        sys.excepthook = self

    def uninstall(self) -> None:
        if sys.excepthook is self:
            sys.excepthook = self._previous

    def __call__(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        self.count += 1
        log.error("unexpected error\n%s", "".join(traceback.format_exception(exc_type, exc, tb)))
        if issubclass(exc_type, KeyboardInterrupt):
            return
        if self.shown:
            return
        self.shown = True
        self.dialog = error_dialog_class()(
            QCoreApplication.translate("ErrorDialog", "POSfix: something went wrong"),
            QCoreApplication.translate("ErrorDialog", "Something unexpected went wrong. POSfix keeps running."),
            QCoreApplication.translate(
                "ErrorDialog",
                "You can go on using it. If a screen looks wrong, close POSfix and start it again.",
            ),
            self.log_file,
            self.parent,
        )
        self.dialog.open()  # not modal-blocking: never spins a nested event loop inside a slot
