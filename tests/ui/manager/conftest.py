"""The manager window's texts come through Qt's translation system: install the zh_CN translation."""

from __future__ import annotations

import pytest

from posfix_gui.ui.i18n import Translators


@pytest.fixture(autouse=True)
def _zh_translation(translators: Translators) -> Translators:
    """Chinese by default, as in the app; a test that wants English switches to "en"."""
    translators.switch("zh_CN")
    return translators
