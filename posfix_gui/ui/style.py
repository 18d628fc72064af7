"""Fonts and the style sheet: large, high-contrast, touch-sized (targets ≥ 44 px)."""

from __future__ import annotations

import sys

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

MIN_TARGET = 48  # px; WCAG asks ≥ 44
# Chinese UI fonts that also carry Latin glyphs, each platform's own first: Qt tries the families in
# order, and every family the system lacks costs a fontconfig query at the first paint (the Windows
# names first cost Linux ~3 ms of start-up). The other platforms' names stay as fallbacks.
_WINDOWS_FONTS = ["Microsoft YaHei UI", "Microsoft YaHei", "Segoe UI"]
_MAC_FONTS = ["PingFang SC"]
_LINUX_FONTS = ["Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Noto Sans", "DejaVu Sans"]


def font_families(platform: str = sys.platform) -> list[str]:
    if platform == "win32":
        return _WINDOWS_FONTS + _MAC_FONTS + _LINUX_FONTS
    if platform == "darwin":
        return _MAC_FONTS + _WINDOWS_FONTS + _LINUX_FONTS
    return _LINUX_FONTS + _WINDOWS_FONTS + _MAC_FONTS


FONT_FAMILIES = font_families()


def app_font(point_size: int) -> QFont:
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSize(point_size)
    return font


def apply_font(app: QApplication, point_size: int) -> None:
    app.setFont(app_font(point_size))


def style_sheet(base: int) -> str:
    """The app's style sheet for a base font size in points."""
    big = round(base * 1.35)
    huge = round(base * 2.4)
    step = round(base * 1.45)
    return f"""
QWidget {{ font-size: {base}pt; }}
QPushButton, QToolButton, QComboBox, QLineEdit {{ min-height: {MIN_TARGET}px; }}
QPushButton {{ padding: 4px 16px; }}
QLineEdit#searchBox {{ font-size: {big}pt; padding: 4px 10px; border: 2px solid #1f6fb2; border-radius: 6px; }}
QTreeView#resultView::item {{ min-height: {MIN_TARGET}px; padding: 2px 4px; }}
QLabel#codeLabel {{ font-size: {huge}pt; font-weight: bold; color: #0b3d6b; }}
QLabel#schemeLabel {{ color: #444; }}
QLabel#titleLabel {{ font-size: {big}pt; font-weight: bold; }}
QLabel#sectionLabel {{ font-weight: bold; color: #333; }}
QFrame#customerBox {{ background: #fff6d6; border: 2px solid #e0b000; border-radius: 8px; }}
QLabel#customerText {{ font-size: {big}pt; }}
QPushButton#startButton {{ font-size: {big}pt; font-weight: bold; min-height: 64px;
    background: #1f6fb2; color: white; border-radius: 8px; }}
QPushButton#startButton:focus {{ border: 3px solid #0b3d6b; }}
QLabel#progressLabel {{ font-size: {big}pt; font-weight: bold; color: #0b3d6b; }}
QLabel#stepText {{ font-size: {step}pt; }}
QPushButton#fixedButton {{ background: #2e7d32; color: white; font-weight: bold; min-height: 60px;
    border-radius: 8px; }}
QPushButton#notFixedButton {{ background: #c62828; color: white; font-weight: bold; min-height: 60px;
    border-radius: 8px; }}
QPushButton#skipButton {{ min-height: 60px; }}
QPushButton#fixedButton:focus, QPushButton#notFixedButton:focus {{ border: 3px solid #111; }}
QPushButton#seeAlsoButton {{ text-align: left; color: #1f5fa0; text-decoration: underline; border: none;
    background: transparent; padding: 4px 8px; }}
QPushButton#seeAlsoButton:focus {{ border: 2px solid #1f6fb2; border-radius: 4px; }}
QPushButton#seeAlsoButton:hover {{ background: #e8f0fa; }}
QLabel#emptyState {{ color: #555; font-size: {big}pt; qproperty-alignment: AlignCenter; }}
QLabel#outcomeTitle {{ font-size: {big}pt; font-weight: bold; }}
"""
