"""Printing a plain-text note. Kept in one small function so tests can patch it."""

from __future__ import annotations

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QDialog, QWidget


def print_text(parent: QWidget | None, text: str, title: str = "") -> bool:
    """Ask for a printer and print ``text``; True if it was sent. QtPrintSupport loads only here."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if title:
        printer.setDocName(title)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    doc = QTextDocument()
    doc.setPlainText(text)
    doc.print_(printer)
    return True
