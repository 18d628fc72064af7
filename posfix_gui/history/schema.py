"""Schema of the history database and its migrations, driven by ``PRAGMA user_version``.

Each migration is a function applied inside one ``BEGIN IMMEDIATE`` transaction together with the
new ``user_version``; a crash half-way leaves the old version intact. WAL is switched on as the
last part of the migration step (SQLite refuses to change the journal mode inside a transaction).
A database whose ``user_version`` is newer than :data:`SCHEMA_VERSION` is refused and not written.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

INCIDENT_COLUMNS_V1 = """
    id INTEGER PRIMARY KEY,
    run_id TEXT NOT NULL UNIQUE,
    entry_id TEXT NOT NULL,
    scheme TEXT NOT NULL DEFAULT '',
    code TEXT NOT NULL,
    title_zh TEXT NOT NULL DEFAULT '',
    title_en TEXT NOT NULL DEFAULT '',
    step_count INTEGER NOT NULL DEFAULT 0,
    answers TEXT NOT NULL DEFAULT '[]',
    outcome TEXT NOT NULL,
    fixed_at_step INTEGER,
    started_ts REAL NOT NULL,
    ended_ts REAL,
    day TEXT NOT NULL,
    fix_seconds REAL,
    till TEXT NOT NULL DEFAULT '',
    operator TEXT NOT NULL DEFAULT '',
    terminal_id TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    session_id TEXT NOT NULL DEFAULT '',
    updated_ts REAL NOT NULL
"""


def _v1(conn: sqlite3.Connection) -> None:
    """The first schema: incidents only."""
    conn.execute(f"CREATE TABLE incidents ({INCIDENT_COLUMNS_V1})")
    conn.execute("CREATE INDEX idx_incidents_started ON incidents(started_ts)")


def _v2(conn: sqlite3.Connection) -> None:
    """Manager notes, the archive, seen entries (for text filters), settings, query indexes."""
    conn.execute("ALTER TABLE incidents ADD COLUMN manager_note TEXT NOT NULL DEFAULT ''")
    conn.execute(
        "CREATE TABLE incidents_archive AS SELECT * FROM incidents WHERE 0"
    )  # same columns, no constraints: a plain store of moved rows
    conn.execute("CREATE INDEX idx_archive_started ON incidents_archive(started_ts)")
    conn.execute(
        """CREATE TABLE entries_seen (
            entry_id TEXT PRIMARY KEY, scheme TEXT NOT NULL, code TEXT NOT NULL,
            title_zh TEXT NOT NULL, title_en TEXT NOT NULL) WITHOUT ROWID"""
    )
    conn.execute(
        """INSERT OR REPLACE INTO entries_seen
           SELECT entry_id, scheme, code, title_zh, title_en FROM incidents ORDER BY id"""
    )
    conn.execute(
        "CREATE TABLE seen_values (kind TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (kind, value)) "
        "WITHOUT ROWID"
    )
    conn.execute(
        "INSERT OR IGNORE INTO seen_values SELECT DISTINCT 'till', till FROM incidents "
        "UNION SELECT DISTINCT 'operator', operator FROM incidents"
    )
    conn.execute("CREATE TABLE kv (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID")
    # entry and till indexes also carry what the statistics read, so a per-code or per-till
    # statistic is answered from the index alone
    conn.execute("CREATE INDEX idx_incidents_entry ON incidents(entry_id, started_ts, outcome, day, fix_seconds)")
    conn.execute("CREATE INDEX idx_incidents_till ON incidents(till, started_ts, outcome, entry_id, day, fix_seconds)")
    conn.execute("CREATE INDEX idx_incidents_outcome ON incidents(outcome, started_ts)")
    conn.execute("CREATE INDEX idx_incidents_fix ON incidents(outcome, fix_seconds)")
    conn.execute("CREATE INDEX idx_incidents_day ON incidents(day)")
    conn.execute(
        "CREATE INDEX idx_incidents_fixed_time ON incidents(started_ts, fix_seconds) WHERE outcome = 'fixed'"
    )
    conn.execute("CREATE INDEX idx_incidents_session ON incidents(session_id) WHERE outcome = 'in_progress'")


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_v1, _v2)
SCHEMA_VERSION = len(MIGRATIONS)


def user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, target: int = SCHEMA_VERSION) -> tuple[int, int]:
    """Bring the database up to ``target``; returns (version before, version after).

    The connection must be in autocommit mode (``isolation_level=None``). The caller has already
    refused versions newer than it knows.
    """
    before = user_version(conn)
    if before < target:
        conn.execute("BEGIN IMMEDIATE")
        try:
            current = user_version(conn)  # another process may have migrated meanwhile
            for step in MIGRATIONS[current:target]:
                step(conn)
            if current < target:
                conn.execute(f"PRAGMA user_version = {int(target)}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
        conn.execute("PRAGMA journal_mode=WAL")
    return before, max(before, target)
