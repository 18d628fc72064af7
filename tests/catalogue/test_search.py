"""Search over the shipped catalogue: the kinds of queries cashiers type."""

from __future__ import annotations

import random
import sqlite3
import string
import threading
from pathlib import Path

import pytest

from posfix_gui.catalogue import (
    Catalogue,
    CatalogueCorrupt,
    CatalogueMissing,
    CatalogueVersionError,
    open_catalogue,
)


def ids(cat: Catalogue, query: str, n: int = 3, **kw: object) -> list[str]:
    return [r.id for r in cat.search(query, limit=n, **kw)]  # type: ignore[arg-type]


# (query, expected id, must be within the first n results)
FIRST = [
    ("51", "unionpay:51", 1),
    ("a0", "unionpay:A0", 1),
    ("A0", "unionpay:A0", 1),
    ("Ａ０", "unionpay:A0", 1),
    ("９６", "unionpay:96", 1),
    (" 51 ", "unionpay:51", 1),
    ("0x2", "generic:0x0002", 1),
    ("0X0004", "generic:0x0004", 1),
    ("0x0005", "generic:0x0005", 1),
    ("0020000", "generic:0020000", 1),
    ("20000", "generic:0020000", 1),
    ("1000", "generic:1000", 2),
    ("应答码51", "unionpay:51", 1),
    ("错误码 55", "unionpay:55", 1),
    ("刷卡显示51", "unionpay:51", 1),
    ("返回码A0怎么办", "unionpay:A0", 1),
    ("error 51", "unionpay:51", 1),
    ("余额不足", "unionpay:51", 1),
    ("卡里没钱", "unionpay:51", 1),
    ("yebz", "unionpay:51", 1),
    ("yuebuzu", "unionpay:51", 1),
    ("密码错", "unionpay:55", 3),
    ("MAC校验错", "unionpay:A0", 1),
    ("insufficient funds", "unionpay:51", 1),
    ("Insufficient Funds", "unionpay:51", 1),
    ("insufficent funds", "unionpay:51", 3),
    ("余额不组", "unionpay:51", 3),
    ("do not honor", "unionpay:05", 2),
]


@pytest.mark.parametrize(("query", "expected", "within"), FIRST)
def test_query_finds_entry(catalogue: Catalogue, query: str, expected: str, within: int) -> None:
    found = ids(catalogue, query, n=within)
    assert expected in found, f"{query!r} -> {ids(catalogue, query, 5)}"


def test_result_fields_and_order(catalogue: Catalogue) -> None:
    results = catalogue.search("51", limit=10)
    assert results[0].id == "unionpay:51"
    top = results[0]
    assert (top.scheme, top.code, top.title_en) == ("unionpay", "51", top.title_en)
    assert top.title_zh and top.title_en
    scores = [r.score for r in results]
    assert scores == sorted(scores, reverse=True)
    assert len({r.id for r in results}) == len(results)


def test_preferred_scheme_wins_among_equal_codes(catalogue: Catalogue) -> None:
    assert ids(catalogue, "51", 1, preferred_scheme="iso8583") == ["iso8583:51"]
    assert ids(catalogue, "51", 1, preferred_scheme="unionpay") == ["unionpay:51"]


def test_exact_code_ranks_above_text(catalogue: Catalogue) -> None:
    results = catalogue.search("55", limit=5)
    assert results[0].code == "55" and results[0].matched == "code"


def test_typing_a_code_prefix_lists_codes_starting_with_it(catalogue: Catalogue) -> None:
    codes = [r.code for r in catalogue.search("5", limit=15)]
    assert "05" in codes[:2]
    assert {"51", "55"} <= set(codes)


@pytest.mark.parametrize("query", ["缺", "密码", "日切", "缺纸", "签到", "a", "5", "y"])
def test_short_queries_find_something(catalogue: Catalogue, query: str) -> None:
    assert catalogue.search(query), query


def test_search_is_stable(catalogue: Catalogue) -> None:
    first = [r.id for r in catalogue.search("交易失败", limit=20)]
    for _ in range(3):
        assert [r.id for r in catalogue.search("交易失败", limit=20)] == first


def test_limit(catalogue: Catalogue) -> None:
    assert len(catalogue.search("卡", limit=4)) <= 4
    assert catalogue.search("51", limit=0) == []


HOSTILE = [
    "", " ", "\x00", "\x1b[31m", '"', "'", '""', "*", "^", "NEAR(a b)", "a OR b", "a AND", "NOT",
    "col:val", "{title_zh}: 51", "'; DROP TABLE entries; --", "%", "_", "\\", "51%", "%_%", "(", ")",
    "\u202e51", "\ufeff51", "\ud800", "𝟓𝟏", "🙂", "😀😀😀", "ＭＡＣ", "x" * 10_000, "余" * 5000,
    "\n".join(["51"] * 500), "-", "--", "0x", "0X", "0xZZ", "-0", "+51", "51.", "._", "\t51\t",
]


def test_search_never_raises_on_hostile_strings(catalogue: Catalogue) -> None:
    for q in HOSTILE:
        results = catalogue.search(q)
        assert isinstance(results, list), q


def test_search_never_raises_on_random_strings(catalogue: Catalogue) -> None:
    rng = random.Random(20261122)
    alphabet = string.printable + "余额不足密码错误签到打印机缺纸０１２ＡＢ\"'*^%_()-:{}~\u3000\u200b"
    for _ in range(3000):
        n = rng.choice([1, 2, 3, 5, 8, 20, 60])
        q = "".join(rng.choice(alphabet) for _ in range(n))
        assert isinstance(catalogue.search(q, limit=5), list), repr(q)
    for _ in range(300):
        q = "".join(chr(rng.randrange(0x20, 0x2FFFF)) for _ in range(rng.randrange(1, 12)))
        assert isinstance(catalogue.search(q, limit=5), list), repr(q)


def test_search_from_several_threads(catalogue: Catalogue) -> None:
    errors: list[BaseException] = []
    expected = ids(catalogue, "余额不足", 1)

    def work() -> None:
        try:
            for _ in range(30):
                assert ids(catalogue, "余额不足", 1) == expected
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors


def test_get_returns_full_entry(catalogue: Catalogue) -> None:
    entry = catalogue.get("unionpay:51")
    assert entry is not None
    assert entry.steps and entry.steps[0].position == 1
    assert entry.customer_zh and entry.customer_en
    assert catalogue.get("nope:1") is None


def test_categories_have_counts_and_tree(catalogue: Catalogue) -> None:
    cats = {c.id: c for c in catalogue.categories()}
    assert cats["card"].parent == ""
    assert cats["issuer_decline"].parent == "card"
    assert cats["card"].entry_count >= cats["issuer_decline"].entry_count > 0
    listed = [r.id for r in catalogue.entries_in_category("issuer_decline")]
    assert "unionpay:51" in listed


def test_opens_read_only(catalogue_path: Path, tmp_path: Path) -> None:
    copy = tmp_path / "收银 台" / "codes.sqlite"
    copy.parent.mkdir()
    copy.write_bytes(catalogue_path.read_bytes())
    copy.chmod(0o444)
    with open_catalogue(copy) as cat:
        assert cat.search("51")[0].id == "unionpay:51"
        with pytest.raises(sqlite3.OperationalError):
            cat._conn().execute("DELETE FROM entries")
    assert not list(copy.parent.glob("*-journal")) and not list(copy.parent.glob("*-wal"))


def test_missing_catalogue_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CatalogueMissing, match="missing"):
        open_catalogue(tmp_path / "nope.sqlite")
    assert not (tmp_path / "nope.sqlite").exists()


def test_corrupt_catalogue_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "codes.sqlite"
    bad.write_bytes(b"this is not a database" * 100)
    with pytest.raises(CatalogueCorrupt, match="damaged"):
        open_catalogue(bad)


def test_truncated_catalogue_is_a_clear_error(catalogue_path: Path, tmp_path: Path) -> None:
    bad = tmp_path / "codes.sqlite"
    bad.write_bytes(catalogue_path.read_bytes()[:2048])
    with pytest.raises(CatalogueCorrupt):
        open_catalogue(bad)


def test_wrong_version_is_a_clear_error(catalogue_path: Path, tmp_path: Path) -> None:
    other = tmp_path / "codes.sqlite"
    other.write_bytes(catalogue_path.read_bytes())
    conn = sqlite3.connect(other)
    conn.execute("PRAGMA user_version=999")
    conn.commit()
    conn.close()
    with pytest.raises(CatalogueVersionError, match="version 999"):
        open_catalogue(other)


def test_env_variable_selects_catalogue(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("POSFIX_CATALOGUE", str(tmp_path / "elsewhere.sqlite"))
    with pytest.raises(CatalogueMissing, match="elsewhere.sqlite"):
        open_catalogue()
