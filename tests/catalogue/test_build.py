"""The builder: validation with clear errors, atomic and deterministic output."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from posfix_gui.catalogue import open_catalogue
from posfix_gui.catalogue.build import SCHEMA_VERSION, build, check
from posfix_gui.catalogue.source import SourceError
from tests.conftest import SHIPPED_CATALOGUE, SOURCES


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_build_writes_schema_meta_and_rollback_journal(source_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "codes.sqlite"
    sources, digest = build(source_dir, target)
    assert len(sources.entries) == 2
    conn = sqlite3.connect(target)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        meta = dict(conn.execute("SELECT key, value FROM meta"))
        assert meta["content_hash"] == digest
        assert meta["schema_version"] == str(SCHEMA_VERSION)
        steps = conn.execute("SELECT position, text_zh FROM steps WHERE entry_id='unionpay:51' ORDER BY position")
        assert [p for p, _ in steps] == [1, 2, 3]
        pinyin = {t for (t,) in conn.execute("SELECT term FROM terms WHERE kind='pinyin'")}
        assert {"yuebuzu", "yebz", "kalimeiqian"} <= pinyin
    finally:
        conn.close()
    assert not list(target.parent.glob("*.building*"))


def test_build_is_deterministic(source_dir: Path, tmp_path: Path) -> None:
    _, first = build(source_dir, tmp_path / "a.sqlite")
    _, second = build(source_dir, tmp_path / "b.sqlite")
    assert first == second
    assert _sha(tmp_path / "a.sqlite") == _sha(tmp_path / "b.sqlite")
    assert check(source_dir)[1] == first


def test_changed_source_changes_hash(source_dir: Path, tmp_path: Path) -> None:
    _, before = check(source_dir)
    path = source_dir / "cards.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("卡里没钱", "钱不够"), encoding="utf-8")
    assert check(source_dir)[1] != before


BAD_CASES = [
    ('title_zh = "余额不足"', 'title_zh = "余额不足"\ncolour = "red"', "unknown key(s): colour"),
    ('title_zh = "余额不足"\n', "", "missing `title_zh`"),
    ('see_also = ["unionpay:55"]', 'see_also = ["unionpay:99"]', "see_also target 'unionpay:99' does not exist"),
    ('categories = ["issuer_decline"]', 'categories = ["nowhere"]', "unknown category 'nowhere'"),
    ('code = "55"', 'code = "51"', "duplicate id"),
    ('level = "escalate"', 'level = "basic"', "steps out of order"),
    ('en = "Ask for another card."', 'en = ""', "missing its en text"),
    ('zh = "请顾客换卡。"', 'zh = "TODO"', "placeholder text"),
    ('retry = "no"', 'retry = "maybe"', "retry must be one of"),
    ('customer_en = "Not enough balance, please use another card."\n', "", "customer sentence needs both"),
]


@pytest.mark.parametrize(("old", "new", "message"), BAD_CASES)
def test_invalid_sources_name_file_and_entry_and_keep_old_db(
    source_dir: Path, tmp_path: Path, old: str, new: str, message: str
) -> None:
    target = tmp_path / "codes.sqlite"
    build(source_dir, target)
    before = _sha(target)
    path = source_dir / "cards.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(SourceError) as err:
        build(source_dir, target)
    assert any(message in p and p.startswith("cards.toml: unionpay:") for p in err.value.problems), err.value
    assert _sha(target) == before


def test_broken_toml_is_reported_with_file_name(source_dir: Path) -> None:
    (source_dir / "broken.toml").write_text('scheme = "pax"\n[[entry]\n', encoding="utf-8")
    with pytest.raises(SourceError) as err:
        check(source_dir)
    assert any(p.startswith("broken.toml: not valid TOML") for p in err.value.problems)


def test_steps_from_reuses_steps_and_inherits_customer_sentence(source_dir: Path, tmp_path: Path) -> None:
    (source_dir / "pax.toml").write_text(
        'scheme = "pax"\n[[entry]]\ncode = "2"\ntitle_zh = "缺纸"\ntitle_en = "Out of paper"\n'
        'explain_zh = "没纸了。"\nexplain_en = "No paper."\ncategories = ["printer"]\n'
        'instance_of = "unionpay:51"\nsteps_from = "unionpay:51"\n',
        encoding="utf-8",
    )
    target = tmp_path / "codes.sqlite"
    build(source_dir, target)
    with open_catalogue(target) as cat:
        pax = cat.get("pax:2")
        assert pax is not None
        assert [s.text_zh for s in pax.steps] == [s.text_zh for s in cat.get("unionpay:51").steps]
        assert pax.customer_en.startswith("Not enough balance")
        assert pax.instance_of == "unionpay:51"
        assert [r.id for r in cat.instances_of("unionpay:51")] == ["pax:2"]


def test_shipped_database_is_in_sync_with_sources() -> None:
    """db/codes.sqlite must be rebuilt (`make catalogue`) whenever resources/catalogue changes."""
    _, digest = check(SOURCES)
    conn = sqlite3.connect(SHIPPED_CATALOGUE.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        shipped = dict(conn.execute("SELECT key, value FROM meta"))["content_hash"]
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    finally:
        conn.close()
    assert shipped == digest, "db/codes.sqlite is out of date: run `make catalogue` and commit it"
