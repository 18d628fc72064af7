from __future__ import annotations

import pytest

from posfix_gui.catalogue.normalize import (
    clean_query,
    code_keys,
    confusable_variants,
    fts_phrase,
    query_code_tokens,
    strip_fillers,
)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("51", {"51"}),
        ("05", {"05", "5"}),
        ("A0", {"A0"}),
        ("0x0002", {"0X0002", "0X2"}),
        ("0xF0", {"0XF0", "F0"}),
        ("0020000", {"0020000", "20000"}),
        ("-5", {"-5"}),
        ("PRN 2", {"PRN2"}),
        ("ACQ.TRADE_HAS_SUCCESS", {"ACQ.TRADE_HAS_SUCCESS"}),
    ],
)
def test_code_keys(code: str, expected: set[str]) -> None:
    assert code_keys(code) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  ９６ ", "96"),
        ("Ａ０", "a0"),
        ("USERPAYING", "userpaying"),
        ("a\x00b\x1bc", "a b c"),
        ("x" * 10_000, "x" * 200),
        (None, ""),
        (51, "51"),
        ("\ud800abc", "abc"),
    ],
)
def test_clean_query(raw: object, expected: str) -> None:
    assert clean_query(raw) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("应答码51", "51"),
        ("返回码a0怎么办", "a0"),
        ("刷卡显示51", "51"),
        ("error 51", "51"),
        ("错误码 55", "55"),
        ("打印机没纸了", "打印机没纸"),
        ("余额不足", "余额不足"),
    ],
)
def test_strip_fillers(query: str, expected: str) -> None:
    assert strip_fillers(query) == expected


def test_query_code_tokens_finds_codes_inside_sentences() -> None:
    assert query_code_tokens("返回码a0怎么办") == ["A0"]
    assert "-5" in query_code_tokens("pax -5")
    assert "BADMAC" in query_code_tokens("bad mac")
    assert query_code_tokens("余额不足") == []


def test_confusable_letters_in_short_codes() -> None:
    assert confusable_variants("AO") == {"A0"}
    assert confusable_variants("USERPAYING") == set()


def test_fts_phrase_quotes_everything() -> None:
    assert fts_phrase('a"b') == '"a""b"'
