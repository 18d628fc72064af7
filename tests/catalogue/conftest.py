"""Fixtures for building small catalogues from sources written by the test."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from tests.conftest import SOURCES

GOOD_ENTRIES = textwrap.dedent(
    '''
    scheme = "unionpay"

    [[entry]]
    code = "51"
    title_zh = "余额不足"
    title_en = "Insufficient funds"
    explain_zh = "账户余额不够。"
    explain_en = "Not enough funds."
    act = ["customer"]
    retry = "no"
    customer_zh = "余额不足，请换卡。"
    customer_en = "Not enough balance, please use another card."
    categories = ["issuer_decline"]
    aliases = ["卡里没钱"]
    see_also = ["unionpay:55"]

    [[entry.step]]
    level = "basic"
    zh = "请顾客换卡。"
    en = "Ask for another card."

    [[entry.step]]
    level = "advanced"
    zh = "请顾客联系发卡行。"
    en = "Ask the customer to call the issuer."

    [[entry.step]]
    level = "escalate"
    zh = "记下时间和金额。"
    en = "Note the time and amount."

    [[entry]]
    code = "55"
    title_zh = "密码错"
    title_en = "Incorrect PIN"
    kind = "info"
    explain_zh = "密码输错了。"
    explain_en = "The PIN was wrong."
    act = ["customer"]
    retry = "yes"
    categories = ["cardholder_pin"]
    '''
)


@pytest.fixture
def source_dir(tmp_path: Path) -> Path:
    """A valid source folder: the real schemes and categories plus two small entries."""
    folder = tmp_path / "sources"
    folder.mkdir()
    for name in ("schemes.toml", "categories.toml", "pinyin.toml"):
        shutil.copy(SOURCES / name, folder / name)
    (folder / "cards.toml").write_text(GOOD_ENTRIES, encoding="utf-8")
    return folder
