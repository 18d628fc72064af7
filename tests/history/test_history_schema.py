"""Schema versions: an older database is migrated, a newer one refused and left byte-for-byte."""

from __future__ import annotations

import hashlib
import sqlite3
import time

import pytest

from posfix_gui.history import (
    SCHEMA_VERSION,
    HistoryCorrupt,
    HistorySchemaTooNew,
    HistoryStore,
    HistoryUnavailable,
    IncidentFilter,
)
from posfix_gui.history.schema import MIGRATIONS
from posfix_gui.history.store import DB_NAME


def _v1_database(path):
    conn = sqlite3.connect(path, isolation_level=None)
    MIGRATIONS[0](conn)
    conn.execute("PRAGMA user_version = 1")
    now = time.time()
    conn.execute(
        """INSERT INTO incidents (run_id, entry_id, scheme, code, title_zh, title_en, step_count, answers,
               outcome, fixed_at_step, started_ts, ended_ts, day, fix_seconds, till, updated_ts)
           VALUES ('r1', 'unionpay:51', 'unionpay', '51', '余额不足', 'Insufficient funds', 3,
                   '[[1, "fixed", 0]]', 'fixed', 1, ?, ?, '2026-11-20', 30, '收银台1', ?)""",
        (now - 60, now - 30, now),
    )
    conn.close()


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_older_schema_is_migrated(tmp_path):
    _v1_database(tmp_path / DB_NAME)
    with HistoryStore.open(tmp_path) as store:
        conn = sqlite3.connect(store.path)
        try:
            assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
            assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        finally:
            conn.close()
        inc = store.page()[0]
        assert (inc.run_id, inc.title_zh, inc.manager_note) == ("r1", "余额不足", "")
        assert store.distinct_values("till") == ["收银台1"]
        assert [i.run_id for i in store.page(IncidentFilter(text="余额"))] == ["r1"]  # entries_seen filled
        store.set_manager_note(inc.id, "ok")  # new column works
        assert store.get(inc.id).manager_note == "ok"


def test_newer_schema_is_refused_and_untouched(tmp_path):
    db = tmp_path / DB_NAME
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("CREATE TABLE future (x)")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = _digest(db)
    with pytest.raises(HistorySchemaTooNew) as err:
        HistoryStore.open(tmp_path)
    assert _digest(db) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [DB_NAME]  # no -wal, no session files
    assert "更新版本" in err.value.text("zh") and "newer POSfix" in err.value.text("en")
    assert isinstance(err.value, HistoryUnavailable)  # the app treats it as "history off"


def test_damaged_file_is_refused_and_untouched(tmp_path):
    db = tmp_path / DB_NAME
    db.write_bytes(b"this is not a database at all" * 100)
    before = _digest(db)
    with pytest.raises(HistoryCorrupt) as err:
        HistoryStore.open(tmp_path)
    assert _digest(db) == before
    assert "损坏" in err.value.text("zh")


def test_reopen_is_idempotent(tmp_path):
    HistoryStore.open(tmp_path).close()
    HistoryStore.open(tmp_path).close()
    conn = sqlite3.connect(tmp_path / DB_NAME)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    finally:
        conn.close()
