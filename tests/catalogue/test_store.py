"""Catalogue connections: page cache sized to the catalogue, damaged files reported as such."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from posfix_gui.catalogue import CatalogueCorrupt, open_catalogue, store
from tests.conftest import SHIPPED_CATALOGUE


def _cache_size(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA cache_size").fetchone()[0]


def test_small_catalogue_gets_a_small_page_cache_in_every_thread() -> None:
    cat = open_catalogue(SHIPPED_CATALOGUE)
    try:
        in_worker: list[int] = []
        worker = threading.Thread(target=lambda: in_worker.append(_cache_size(cat._conn())))
        worker.start()
        worker.join()
        assert _cache_size(cat._conn()) == in_worker[0] == -store.SMALL_CACHE_KIB
    finally:
        cat.close()


def test_big_catalogue_keeps_sqlite_default_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "SMALL_CATALOGUE_BYTES", SHIPPED_CATALOGUE.stat().st_size - 1)
    plain = sqlite3.connect(":memory:")
    default = _cache_size(plain)
    plain.close()
    cat = open_catalogue(SHIPPED_CATALOGUE)
    try:
        assert default != -store.SMALL_CACHE_KIB
        assert _cache_size(cat._conn()) == default
        assert cat.get("unionpay:51") is not None
    finally:
        cat.close()


@pytest.mark.parametrize("small", [True, False])
def test_file_that_is_no_database_is_reported_damaged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small: bool
) -> None:
    if not small:
        monkeypatch.setattr(store, "SMALL_CATALOGUE_BYTES", 0)
    bad = tmp_path / "codes.sqlite"
    bad.write_bytes(b"this is not a database, just text\n" * 200)
    with pytest.raises(CatalogueCorrupt, match="damaged"):
        open_catalogue(bad)


def test_categories_and_info_are_read_once_and_callers_cannot_spoil_them() -> None:
    cat = open_catalogue(SHIPPED_CATALOGUE)
    try:
        cats, info = cat.categories(), cat.info()
        assert cats and info.entries > 0 and sum(info.per_scheme.values()) == info.entries
        cats.clear()
        info.per_scheme.clear()
        info.per_category["nonsense"] = 1
        assert cat.categories() and cat.categories() == cat.categories()
        again = cat.info()
        assert sum(again.per_scheme.values()) == again.entries and "nonsense" not in again.per_category
        queries: list[str] = []
        cat._conn().set_trace_callback(queries.append)
        cat.categories()
        cat.info()
        assert queries == []  # answered from memory: the file is immutable while open
    finally:
        cat.close()
