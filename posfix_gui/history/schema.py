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


# -- statistics rollups (v3) ---------------------------------------------------------------------
# Incident counts kept up to date by triggers in the same transaction as every write, so the
# statistics of a big history read a few thousand rollup rows instead of a million incidents.
#   stats_day(dim, val, day, outcome, n): dim 'a' (all, val ''), 't' (till), 's' (scheme),
#       'o' (operator), 'e' (entry id); per local day and outcome. Serves counts, rates and
#       incidents per day.
#   stats_month(dim, val, month, entry_id, outcome, n): dim 'a', 't', 's', 'o'; per month and entry.
#       Serves the top codes (whole months; the days at the edges of a date range come from the
#       'e' rows of stats_day).
#   stats_fix(dim, val, bucket, n): fixed incidents per whole second of fix time, same dims as
#       stats_day. Locates the median's second; the exact value is then read from the fix index.
# Rows whose count falls to 0 are deleted. A bulk delete (archive) sets kv 'stats_bulk' inside its
# transaction, which mutes the per-row delete trigger, and subtracts grouped counts instead.
STATS_BULK_KEY = "stats_bulk"
_DAY_KEYS = (("'a'", "''"), ("'t'", "{r}.till"), ("'s'", "{r}.scheme"), ("'o'", "{r}.operator"),
             ("'e'", "{r}.entry_id"))
_MONTH_KEYS = (("'a'", "''"), ("'t'", "{r}.till"), ("'s'", "{r}.scheme"), ("'o'", "{r}.operator"))


def _day_values(r: str, n: str) -> str:
    return ", ".join(f"({dim}, {val.format(r=r)}, {r}.day, {r}.outcome, {n})" for dim, val in _DAY_KEYS)


def _month_values(r: str, n: str) -> str:
    return ", ".join(
        f"({dim}, {val.format(r=r)}, substr({r}.day, 1, 7), {r}.entry_id, {r}.outcome, {n})"
        for dim, val in _MONTH_KEYS
    )


def _bucket(x: str) -> str:
    """SQL for floor(x) (whole seconds), without the optional math functions."""
    return f"(CAST({x} AS INTEGER) - ({x} < CAST({x} AS INTEGER)))"


def _fix_values(r: str, n: str) -> str:
    b = _bucket(f"{r}.fix_seconds")
    return ", ".join(f"({dim}, {val.format(r=r)}, {b}, {n})" for dim, val in _DAY_KEYS)


def _trigger_body(r: str, n: str) -> str:
    """Statements adding ``n`` (1 or -1) for the row ``r`` (NEW or OLD) to the rollups."""
    body = (
        f"INSERT INTO stats_fix (dim, val, bucket, n) SELECT * FROM (VALUES {_fix_values(r, n)}) "
        f"WHERE {r}.outcome = 'fixed' AND {r}.fix_seconds IS NOT NULL "
        "ON CONFLICT (dim, val, bucket) DO UPDATE SET n = n + excluded.n;\n"
        f"INSERT INTO stats_day (dim, val, day, outcome, n) SELECT * FROM (VALUES {_day_values(r, n)}) "
        "WHERE true ON CONFLICT (dim, val, day, outcome) DO UPDATE SET n = n + excluded.n;\n"
        f"INSERT INTO stats_month (dim, val, month, entry_id, outcome, n) SELECT * FROM "
        f"(VALUES {_month_values(r, n)}) WHERE true "
        "ON CONFLICT (dim, val, month, entry_id, outcome) DO UPDATE SET n = n + excluded.n;\n"
    )
    if n.startswith("-"):  # drop emptied rows, one key lookup each
        for dim, val in _DAY_KEYS:
            body += (f"DELETE FROM stats_day WHERE dim = {dim} AND val = {val.format(r=r)} AND day = {r}.day "
                     f"AND outcome = {r}.outcome AND n = 0;\n")
        for dim, val in _MONTH_KEYS:
            body += (f"DELETE FROM stats_month WHERE dim = {dim} AND val = {val.format(r=r)} "
                     f"AND month = substr({r}.day, 1, 7) AND entry_id = {r}.entry_id "
                     f"AND outcome = {r}.outcome AND n = 0;\n")
        for dim, val in _DAY_KEYS:
            body += (f"DELETE FROM stats_fix WHERE dim = {dim} AND val = {val.format(r=r)} "
                     f"AND bucket = {_bucket(f'{r}.fix_seconds')} AND n = 0;\n")
    return body


def rollup_add(conn: sqlite3.Connection, where: str = "", params: tuple[object, ...] = (), sign: int = 1) -> None:
    """Add (``sign`` 1) or subtract (-1) the incidents matching ``where`` to the rollups, grouped.

    Used to fill the rollups in the migration and by bulk deletes; zero rows are dropped after.
    The matching rows' few grouped columns are copied once to a temporary table, which the
    grouped statements then read instead of the wide incidents rows.
    """
    sign = 1 if sign >= 0 else -1
    conn.execute("DROP TABLE IF EXISTS temp.rollup_src")
    conn.execute(
        "CREATE TEMP TABLE rollup_src AS SELECT day, outcome, till, scheme, operator, entry_id, fix_seconds "
        f"FROM incidents {where}",
        params,
    )
    for dim, val in _DAY_KEYS:
        v = val.format(r="i")
        conn.execute(
            f"""INSERT INTO stats_day (dim, val, day, outcome, n)
                SELECT {dim}, {v}, i.day, i.outcome, {sign} * count(*) FROM temp.rollup_src i
                GROUP BY {v}, i.day, i.outcome
                ON CONFLICT (dim, val, day, outcome) DO UPDATE SET n = n + excluded.n"""
        )
    for dim, val in _MONTH_KEYS:
        v = val.format(r="i")
        conn.execute(
            f"""INSERT INTO stats_month (dim, val, month, entry_id, outcome, n)
                SELECT {dim}, {v}, substr(i.day, 1, 7), i.entry_id, i.outcome, {sign} * count(*)
                FROM temp.rollup_src i GROUP BY {v}, substr(i.day, 1, 7), i.entry_id, i.outcome
                ON CONFLICT (dim, val, month, entry_id, outcome) DO UPDATE SET n = n + excluded.n"""
        )
    b = _bucket("i.fix_seconds")
    for dim, val in _DAY_KEYS:
        v = val.format(r="i")
        conn.execute(
            f"""INSERT INTO stats_fix (dim, val, bucket, n)
                SELECT {dim}, {v}, {b}, {sign} * count(*) FROM temp.rollup_src i
                WHERE i.outcome = 'fixed' AND i.fix_seconds IS NOT NULL GROUP BY {v}, {b}
                ON CONFLICT (dim, val, bucket) DO UPDATE SET n = n + excluded.n"""
        )
    conn.execute("DROP TABLE temp.rollup_src")
    if sign < 0:
        conn.execute("DELETE FROM stats_day WHERE n = 0")
        conn.execute("DELETE FROM stats_month WHERE n = 0")
        conn.execute("DELETE FROM stats_fix WHERE n = 0")


def _v3(conn: sqlite3.Connection) -> None:
    """Statistics rollups maintained by triggers, and a covering index of fix times for the median."""
    conn.execute(
        """CREATE TABLE stats_day (dim TEXT NOT NULL, val TEXT NOT NULL, day TEXT NOT NULL,
               outcome TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (dim, val, day, outcome)) WITHOUT ROWID"""
    )
    conn.execute("CREATE INDEX idx_stats_day_by_day ON stats_day(dim, day, n)")  # + val, outcome (the key)
    conn.execute(
        """CREATE TABLE stats_month (dim TEXT NOT NULL, val TEXT NOT NULL, month TEXT NOT NULL,
               entry_id TEXT NOT NULL, outcome TEXT NOT NULL, n INTEGER NOT NULL,
               PRIMARY KEY (dim, val, month, entry_id, outcome)) WITHOUT ROWID"""
    )
    conn.execute(
        """CREATE TABLE stats_fix (dim TEXT NOT NULL, val TEXT NOT NULL, bucket INTEGER NOT NULL,
               n INTEGER NOT NULL, PRIMARY KEY (dim, val, bucket)) WITHOUT ROWID"""
    )
    # the median walks this index in fix-time order, testing the filter on the index alone
    conn.execute(
        "CREATE INDEX idx_incidents_fix_cover ON incidents(fix_seconds, day, till, scheme, entry_id, operator) "
        "WHERE outcome = 'fixed' AND fix_seconds IS NOT NULL"
    )
    rollup_add(conn)
    conn.execute(f"CREATE TRIGGER stats_ai AFTER INSERT ON incidents BEGIN\n{_trigger_body('NEW', '1')}END")
    conn.execute(
        f"""CREATE TRIGGER stats_ad AFTER DELETE ON incidents
            WHEN NOT EXISTS (SELECT 1 FROM kv WHERE key = '{STATS_BULK_KEY}') BEGIN
            {_trigger_body('OLD', '-1')}END"""
    )
    conn.execute(
        f"""CREATE TRIGGER stats_au AFTER UPDATE OF day, outcome, till, scheme, operator, entry_id, fix_seconds
            ON incidents
            WHEN NEW.day IS NOT OLD.day OR NEW.outcome IS NOT OLD.outcome OR NEW.till IS NOT OLD.till
              OR NEW.scheme IS NOT OLD.scheme OR NEW.operator IS NOT OLD.operator
              OR NEW.entry_id IS NOT OLD.entry_id OR NEW.fix_seconds IS NOT OLD.fix_seconds BEGIN
            {_trigger_body('OLD', '-1')}{_trigger_body('NEW', '1')}END"""
    )


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_v1, _v2, _v3)
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
