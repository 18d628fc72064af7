"""Fonts and the style sheet."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontDatabase, QFontInfo

from posfix_gui.ui.style import app_font, font_families


@pytest.mark.parametrize(("platform", "first"), [("win32", "Microsoft YaHei UI"), ("darwin", "PingFang SC"),
                                                  ("linux", "Noto Sans CJK SC")])
def test_each_platform_tries_its_own_chinese_font_first(platform, first):
    families = font_families(platform)
    assert families[0] == first
    assert sorted(families) == sorted(font_families("win32"))  # the others stay as fallbacks
    assert len(set(families)) == len(families)


def test_the_app_font_is_a_chinese_font_here(qapp):
    """With fonts-noto-cjk installed (README), the first family is found: no fallback lookups."""
    if "Noto Sans CJK SC" not in QFontDatabase.families():
        pytest.skip("fonts-noto-cjk is not installed")
    assert QFontInfo(app_font(15)).family() == "Noto Sans CJK SC"
