"""Settings live in an INI file in the data folder and survive a restart."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from posfix_gui.settings import DEFAULT_FONT_SIZE, DEFAULT_LANGUAGE, AppSettings, settings_path


def test_defaults_and_location(qapp):
    s = AppSettings(settings_path())
    assert s.path.parent == Path(os.environ["POSFIX_DATA_DIR"])
    assert (s.language, s.font_size, s.preferred_scheme, s.till_name, s.terminal_id) == (
        DEFAULT_LANGUAGE,
        DEFAULT_FONT_SIZE,
        "",
        "",
        "",
    )
    assert DEFAULT_LANGUAGE == "zh_CN"


def test_values_are_remembered(qapp):
    s = AppSettings(settings_path())
    s.language = "en"
    s.font_size = 20
    s.preferred_scheme = "pax"
    s.till_name = " 3号台 "
    s.terminal_id = "T9"
    again = AppSettings(settings_path())
    assert (again.language, again.font_size, again.preferred_scheme, again.till_name, again.terminal_id) == (
        "en",
        20,
        "pax",
        "3号台",
        "T9",
    )
    assert "[ui]" in settings_path().read_text(encoding="utf-8")


def test_bad_values_in_the_file_fall_back(qapp):
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[ui]\nlanguage=klingon\nfont_size=huge\n", encoding="utf-8")
    s = AppSettings(path)
    assert s.language == DEFAULT_LANGUAGE and s.font_size == DEFAULT_FONT_SIZE
    path.write_text("[ui]\nfont_size=400\n", encoding="utf-8")
    assert AppSettings(path).font_size <= 22
    with pytest.raises(ValueError):
        s.language = "fr"
