"""The incident history: a local SQLite database of every troubleshooting run (no Qt).

One incident per wizard run, keyed by the run's ``run_id``. :meth:`HistoryStore.record` is called
when the wizard starts and after every answer, so closing the app (or a power cut) mid-way loses at
most the answer being typed. Runs left ``in_progress`` by a process that is gone are marked
``abandoned`` the next time a store opens (each open store holds a lock file; a lock nobody holds
means its owner has exited or was killed).

Settings follow the research notes: WAL (set in the migration step), ``synchronous=FULL``,
a 10 s busy timeout, every write in ``BEGIN IMMEDIATE``, ``quick_check`` at open.
Connections are per thread, so the manager view can run queries in a worker.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import IO, Any

from posfix_gui.history.errors import (
    HistoryCorrupt,
    HistoryError,
    HistorySchemaTooNew,
    HistoryUnavailable,
)
from posfix_gui.history.schema import SCHEMA_VERSION, STATS_BULK_KEY, migrate, rollup_add, user_version
from posfix_gui.thread_connections import ThreadConnections

log = logging.getLogger(__name__)
DB_NAME = "history.sqlite"
SESSIONS_DIR = "history-sessions"
BUSY_TIMEOUT_S = 10.0
QUICK_CHECK_MAX_BYTES = 64 * 1024 * 1024
MEDIAN_SORT_MAX = 20_000  # up to this many fixes the median sorts the filter's rows; beyond, walks an index
OUTCOMES = ("in_progress", "fixed", "escalated", "abandoned")
OUTCOME_NAMES = {
    "in_progress": ("进行中", "In progress"),
    "fixed": ("已解决", "Fixed"),
    "escalated": ("已上报", "Escalated"),
    "abandoned": ("已放弃", "Abandoned"),
}
ANSWER_NAMES = {
    "fixed": ("已解决", "fixed"),
    "not_fixed": ("未解决", "not fixed"),
    "skipped": ("跳过", "skipped"),
}
SORT_KEYS = {
    "started": "started_ts",
    "ended": "ended_ts",
    "till": "till",
    "code": "code",
    "title": "title_zh",
    "outcome": "outcome",
    "duration": "(COALESCE(ended_ts, started_ts) - started_ts)",
    "operator": "operator",
    "scheme": "scheme",
    "id": "id",
}
_COLUMNS = (
    "id, run_id, entry_id, scheme, code, title_zh, title_en, step_count, answers, outcome, "
    "fixed_at_step, started_ts, ended_ts, till, operator, terminal_id, note, manager_note"
)


def _mean(values: Iterable[float]) -> float:
    items = list(values)
    return sum(items) / len(items)


def local_day(ts: float) -> str:
    """The local calendar day (YYYY-MM-DD) of a POSIX timestamp."""
    return datetime.fromtimestamp(ts).strftime("%Y-%m-%d")


def day_start_ts(d: date) -> float:
    """POSIX timestamp of local midnight at the start of ``d``."""
    return datetime(d.year, d.month, d.day).timestamp()


def _ts(value: datetime | None) -> float | None:
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.timestamp()


def _dt(ts: float | None) -> datetime | None:
    return None if ts is None else datetime.fromtimestamp(ts, UTC)


# -- data types ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IncidentStep:
    position: int
    answer: str  # fixed | not_fixed | skipped
    answered_at: datetime


@dataclass(frozen=True, slots=True)
class Incident:
    """One recorded run, as stored (entry code and titles as they were at the time)."""

    id: int
    run_id: str
    entry_id: str
    scheme: str
    code: str
    title_zh: str
    title_en: str
    step_count: int
    answers: tuple[IncidentStep, ...]
    outcome: str
    fixed_at_step: int | None
    started_at: datetime
    ended_at: datetime | None
    till: str
    operator: str
    terminal_id: str
    note: str
    manager_note: str

    def title(self, lang: str) -> str:
        return self.title_en if lang == "en" else self.title_zh

    @property
    def duration_seconds(self) -> float | None:
        if self.ended_at is None:
            return None
        return (self.ended_at - self.started_at).total_seconds()

    def outcome_text(self, lang: str = "zh") -> str:
        """"第 2 步解决" / "Fixed at step 2", "已上报" ..."""
        if self.outcome == "fixed" and self.fixed_at_step:
            n = self.fixed_at_step
            return f"Fixed at step {n}" if lang == "en" else f"第 {n} 步解决"
        zh, en = OUTCOME_NAMES.get(self.outcome, (self.outcome, self.outcome))
        return en if lang == "en" else zh

    def answers_text(self, lang: str = "zh") -> str:
        parts = []
        for a in self.answers:
            zh, en = ANSWER_NAMES.get(a.answer, (a.answer, a.answer))
            parts.append(f"{a.position}:{en if lang == 'en' else zh}")
        return "; ".join(parts)


@dataclass(frozen=True, slots=True)
class IncidentFilter:
    """What the manager filters by. Empty fields do not filter.

    ``entry_ids`` restricts to these catalogue entries (the caller resolves a category to its
    entries; the history knows nothing of the catalogue). Dates are local and inclusive.
    """

    date_from: date | None = None
    date_to: date | None = None
    text: str = ""
    scheme: str = ""
    entry_ids: tuple[str, ...] | None = None
    outcome: str = ""
    till: str = ""
    operator: str = ""


@dataclass(frozen=True, slots=True)
class CodeCount:
    entry_id: str
    code: str
    title_zh: str
    title_en: str
    count: int


@dataclass(frozen=True, slots=True)
class Stats:
    """Statistics of a filtered set of incidents."""

    count: int
    fixed: int
    escalated: int
    abandoned: int
    in_progress: int
    median_fix_seconds: float | None
    top_codes: tuple[CodeCount, ...]
    per_day: tuple[tuple[str, int], ...]  # (YYYY-MM-DD, count), oldest first, gaps filled

    @property
    def fixed_rate(self) -> float:
        return self.fixed / self.count if self.count else 0.0

    @property
    def escalation_rate(self) -> float:
        return self.escalated / self.count if self.count else 0.0

    def to_dict(self) -> dict[str, object]:
        return {
            "count": self.count,
            "fixed": self.fixed,
            "escalated": self.escalated,
            "abandoned": self.abandoned,
            "in_progress": self.in_progress,
            "fixed_rate": round(self.fixed_rate, 4),
            "escalation_rate": round(self.escalation_rate, 4),
            "median_fix_seconds": self.median_fix_seconds,
            "top_codes": [
                {"entry_id": c.entry_id, "code": c.code, "title_zh": c.title_zh, "title_en": c.title_en,
                 "count": c.count}
                for c in self.top_codes
            ],
            "per_day": [{"day": d, "count": n} for d, n in self.per_day],
        }


def times_en(count: int) -> str:
    """"once", "twice", "3 times" (English counts in the hints)."""
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


@dataclass(frozen=True, slots=True)
class RecurringHint:
    """"收银台2：近7天「网络连接」5 次": one till, one group of codes, over a threshold."""

    till: str
    key: str  # category id, or entry id when no grouping was given
    label_zh: str
    label_en: str
    count: int
    days: int
    entry_ids: tuple[str, ...] = field(default=())

    def text(self, lang: str = "zh") -> str:
        till = self.till or ("(no till)" if lang == "en" else "（未填收银台）")
        if lang == "en":
            return f"{till}: {self.label_en}, {times_en(self.count)} in the last {self.days} days"
        return f"{till}：近{self.days}天「{self.label_zh}」{self.count} 次"


@dataclass(frozen=True, slots=True)
class RecentOnTill:
    """For the counter: how often this entry happened on this till lately, and the latest ones."""

    count: int
    days: int
    recent: tuple[Incident, ...]

    def text(self, lang: str = "zh") -> str:
        if lang == "en":
            return f"This code happened {times_en(self.count)} on this till in the last {self.days} days"
        return f"本收银台近 {self.days} 天出现此代码 {self.count} 次"


# -- session liveness (lock files) --------------------------------------------------------------


class _SessionLock:
    """An exclusive lock on ``<dir>/<session>.lock`` held while the store is open."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fh: IO[bytes] | None = None

    def acquire(self) -> bool:
        fh = open(self.path, "a+b")  # noqa: SIM115 - held open on purpose
        if not _try_lock(fh):
            fh.close()
            return False
        self._fh = fh
        return True

    def release(self, remove: bool = True) -> None:
        if self._fh is not None:
            _unlock(self._fh)
            self._fh.close()
            self._fh = None
            if remove:
                try:
                    self.path.unlink()
                except OSError:
                    pass


if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fh: IO[bytes]) -> bool:
        try:
            fh.seek(0)
            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(fh: IO[bytes]) -> None:
        try:
            fh.seek(0)
            msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)
        except OSError:
            pass

else:
    import fcntl

    def _try_lock(fh: IO[bytes]) -> bool:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False

    def _unlock(fh: IO[bytes]) -> None:
        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


# -- the store ----------------------------------------------------------------------------------


def _off(reason_zh: str, reason_en: str, path: Path) -> HistoryUnavailable:
    return HistoryUnavailable(
        f"历史记录已关闭：{reason_zh}（{path}）。查询代码和处理步骤不受影响。",
        f"History is off: {reason_en} ({path}). Looking up codes and the steps still work.",
    )


class HistoryStore:
    """The history database in ``data_dir``. Open with :meth:`open`; close with :meth:`close`.

    Raises :class:`HistoryUnavailable` (or a subclass) from :meth:`open` when the history cannot
    be used; the caller shows ``err.text(lang)`` and carries on without history.
    """

    def __init__(self, path: Path, clock: Callable[[], float] = time.time) -> None:
        self.path = path
        self.clock = clock
        self.session_id = os.urandom(16).hex()
        self._conns = ThreadConnections()  # one per thread (GUI, history thread, manager's thread)
        self._session_lock: _SessionLock | None = None
        self._closed = False
        self.interrupted: tuple[Incident, ...] = ()  # runs marked abandoned at open
        self.checked_at_open = False  # False for a big database: run quick_check() in the background

    # -- opening -------------------------------------------------------------------------------
    @classmethod
    def open(
        cls, data_dir: Path | str | None = None, *, clock: Callable[[], float] = time.time,
        check: bool = True,
    ) -> HistoryStore:
        """Open (creating or migrating) the history in ``data_dir`` (default: paths.data_dir())."""
        if data_dir is None:
            from posfix_gui.paths import data_dir as default_data_dir

            data_dir = default_data_dir()
        data_dir = Path(data_dir)
        try:
            data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _off("无法创建数据文件夹", f"the data folder cannot be created: {exc.strerror}",
                       data_dir) from exc
        if not data_dir.is_dir():
            raise _off("数据文件夹不是文件夹", "the data folder is not a folder", data_dir)
        store = cls(data_dir / DB_NAME, clock=clock)
        try:
            store._open(check)
        except BaseException:
            store.close()
            raise
        return store

    def _open(self, check: bool) -> None:
        try:
            conn = self._conn()
            found = user_version(conn)
            if found > SCHEMA_VERSION:
                raise HistorySchemaTooNew(
                    f"历史记录已关闭：数据库来自更新版本的 POSfix（架构版本 {found}，"
                    f"本程序支持 {SCHEMA_VERSION}），为保护数据未作任何改动（{self.path}）。请升级 POSfix。",
                    f"History is off: the database was written by a newer POSfix (schema {found}, this "
                    f"version knows {SCHEMA_VERSION}); it was left untouched ({self.path}). Update POSfix.",
                )
            self.checked_at_open = bool(check and found > 0 and self._worth_checking())
            if self.checked_at_open:
                result = conn.execute("PRAGMA quick_check").fetchone()[0]
                if result != "ok":
                    raise HistoryCorrupt(
                        f"历史记录已关闭：数据库检查未通过（{result}），文件保持原样（{self.path}）。",
                        f"History is off: the database failed its check ({result}); the file was left "
                        f"as it is ({self.path}).",
                    )
            migrate(conn)
            self._start_session()
            self.interrupted = tuple(self._close_interrupted())
            # the check read every page into the cache, the migration parsed its statements: none of
            # that is needed again, and on a database near QUICK_CHECK_MAX_BYTES it is up to 2 MB
            conn.execute("PRAGMA shrink_memory")
        except HistoryError:
            raise
        except sqlite3.DatabaseError as exc:
            raise self._translate(exc) from exc
        except OSError as exc:
            raise _off("数据文件夹不可写", f"the data folder is not writable: {exc.strerror}",
                       self.path.parent) from exc

    def _worth_checking(self) -> bool:
        """quick_check at open for a database up to QUICK_CHECK_MAX_BYTES (about 0.1 s), or after a
        session ended without closing (a crash); a bigger one is checked by :meth:`quick_check`,
        which the app runs in the background."""
        try:
            if self.path.stat().st_size <= QUICK_CHECK_MAX_BYTES:
                return True
        except OSError:
            return True
        sessions = self._sessions_dir()
        if not sessions.is_dir():
            return False
        return any(not self._session_alive(p.stem) for p in sessions.glob("*.lock"))

    def quick_check(self) -> str:
        """``PRAGMA quick_check``: "ok" when healthy (O(N): about 0.75 s per million incidents)."""
        return "; ".join(r[0] for r in self._read("PRAGMA quick_check"))

    def _translate(self, exc: sqlite3.Error) -> HistoryUnavailable:
        msg = str(exc)
        if "readonly" in msg or "unable to open" in msg or "disk I/O" in msg or "read-only" in msg:
            return _off("数据文件夹或数据库只读或无法打开", f"the database cannot be written ({msg})",
                        self.path)
        if "not a database" in msg or "malformed" in msg:
            return HistoryCorrupt(
                f"历史记录已关闭：数据库文件已损坏，文件保持原样（{self.path}）。",
                f"History is off: the database file is damaged ({msg}); it was left as it is ({self.path}).",
            )
        return _off("数据库无法使用", f"the database cannot be used ({msg})", self.path)

    def _conn(self) -> sqlite3.Connection:
        if self._closed:
            raise HistoryUnavailable("历史记录已关闭。", "History is closed.")
        return self._conns.get(self._connect)

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        conn.execute("PRAGMA synchronous = FULL")
        return conn

    @property
    def connection_count(self) -> int:
        """Open connections (one per thread that has used the store)."""
        return len(self._conns)

    def release_connection(self) -> None:
        """Close the calling thread's connection; the store stays open (the thread gets a new one if
        it uses the store again). A worker thread calls it as it ends (QueryRunner's on_thread_end),
        so its connection does not outlive it."""
        self._conns.release_current()

    def close(self) -> None:
        """Close every connection and release the session lock. Safe to call twice."""
        self._closed = True  # first: no thread opens a new connection while these close
        self._conns.close_all()
        if self._session_lock is not None:
            self._session_lock.release()
            self._session_lock = None

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- sessions ------------------------------------------------------------------------------
    def _sessions_dir(self) -> Path:
        return self.path.parent / SESSIONS_DIR

    def _start_session(self) -> None:
        d = self._sessions_dir()
        d.mkdir(exist_ok=True)
        lock = _SessionLock(d / f"{self.session_id}.lock")
        if lock.acquire():
            self._session_lock = lock

    def _session_alive(self, session_id: str) -> bool:
        if session_id == self.session_id:
            return True
        path = self._sessions_dir() / f"{session_id}.lock"
        if not path.exists():
            return False
        probe = _SessionLock(path)
        if probe.acquire():
            probe.release(remove=True)  # nobody holds it: its owner is gone
            return False
        return True

    def _close_interrupted(self) -> list[Incident]:
        """Mark runs left in progress by dead sessions as abandoned; returns them."""
        conn = self._conn()
        rows = conn.execute(
            "SELECT DISTINCT session_id FROM incidents WHERE outcome = 'in_progress'"
        ).fetchall()
        dead = [s for (s,) in rows if not self._session_alive(s)]
        if not dead:
            return []
        marks = ",".join("?" * len(dead))
        with self._write() as c:
            ids = [r[0] for r in c.execute(
                f"SELECT id FROM incidents WHERE outcome = 'in_progress' AND session_id IN ({marks})", dead)]
            c.execute(
                f"""UPDATE incidents SET outcome = 'abandoned', ended_ts = updated_ts
                    WHERE outcome = 'in_progress' AND session_id IN ({marks})""",
                dead,
            )
        return [i for i in (self.get(n) for n in ids) if i is not None]

    # -- writing -------------------------------------------------------------------------------
    class _Tx:
        def __init__(self, store: HistoryStore) -> None:
            self.store = store

        def __enter__(self) -> sqlite3.Connection:
            self.conn = self.store._conn()
            self.conn.execute("BEGIN IMMEDIATE")
            return self.conn

        def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
            if exc_type is None:
                self.conn.execute("COMMIT")
            else:
                try:
                    self.conn.execute("ROLLBACK")
                except sqlite3.Error:
                    pass

    def _write(self) -> HistoryStore._Tx:
        return HistoryStore._Tx(self)

    def _retrying(self, fn: Callable[[], Any], attempts: int = 5) -> Any:
        """Run a write; a busy database is retried, other failures become HistoryError."""
        for attempt in range(attempts):
            try:
                return fn()
            except sqlite3.OperationalError as exc:
                msg = str(exc)
                if ("locked" in msg or "busy" in msg) and attempt < attempts - 1:
                    time.sleep(0.05 * (attempt + 1))
                    continue
                raise self._write_error(exc) from exc
            except sqlite3.DatabaseError as exc:
                raise self._write_error(exc) from exc
        raise AssertionError("unreachable")  # pragma: no cover

    def _write_error(self, exc: sqlite3.Error) -> HistoryError:
        msg = str(exc)
        if "locked" in msg or "busy" in msg:
            return HistoryError("历史记录暂时被占用，这次没有保存，请稍后再试。",
                                "The history is busy; this change was not saved. Try again in a moment.")
        err = self._translate(exc)
        return HistoryError(err.zh.replace("已关闭", "无法保存"), err.en.replace("is off", "cannot be saved"))

    def record(self, run: Any) -> int:
        """Insert or update the incident of a wizard ``RunRecord`` (by ``run_id``); returns its id."""
        started = _ts(run.started_at)
        assert started is not None
        ended = _ts(run.ended_at)
        outcome = str(getattr(run.outcome, "value", run.outcome))
        answers = json.dumps(
            [[a.position, str(getattr(a.answer, "value", a.answer)), _ts(a.answered_at)] for a in run.answers]
        )
        fix_seconds = (ended - started) if (outcome == "fixed" and ended is not None) else None
        scheme = run.entry_id.split(":", 1)[0] if ":" in run.entry_id else ""
        now = self.clock()
        row = (
            run.run_id, run.entry_id, scheme, run.code, run.title_zh, run.title_en, run.step_count,
            answers, outcome, run.fixed_at_step, started, ended, local_day(started), fix_seconds,
            run.till or "", run.operator or "", run.terminal_id or "", run.note or "", self.session_id, now,
        )

        def do() -> int:
            with self._write() as c:
                c.execute(
                    """INSERT INTO incidents (run_id, entry_id, scheme, code, title_zh, title_en,
                           step_count, answers, outcome, fixed_at_step, started_ts, ended_ts, day,
                           fix_seconds, till, operator, terminal_id, note, session_id, updated_ts)
                       VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
                       ON CONFLICT(run_id) DO UPDATE SET
                           entry_id=excluded.entry_id, scheme=excluded.scheme, code=excluded.code,
                           title_zh=excluded.title_zh, title_en=excluded.title_en,
                           step_count=excluded.step_count, answers=excluded.answers,
                           outcome=excluded.outcome, fixed_at_step=excluded.fixed_at_step,
                           ended_ts=excluded.ended_ts, fix_seconds=excluded.fix_seconds,
                           till=excluded.till, operator=excluded.operator,
                           terminal_id=excluded.terminal_id, note=excluded.note,
                           session_id=excluded.session_id, updated_ts=excluded.updated_ts""",
                    row,
                )
                c.execute(
                    "INSERT OR REPLACE INTO entries_seen VALUES (?,?,?,?,?)",
                    (run.entry_id, scheme, run.code, run.title_zh, run.title_en),
                )
                c.executemany("INSERT OR IGNORE INTO seen_values VALUES (?, ?)",
                              [("till", run.till or ""), ("operator", run.operator or "")])
                row_id = c.execute("SELECT id FROM incidents WHERE run_id = ?", (run.run_id,)).fetchone()
                return int(row_id[0])

        return int(self._retrying(do))

    def listener(self, on_error: Callable[[HistoryError], None] | None = None) -> Callable[[Any], None]:
        """A wizard ``on_change`` listener that never raises: a failed save is logged and passed to
        ``on_error`` (e.g. to show "这次处理未能记入历史" in the status bar); the wizard goes on."""

        def listen(run: Any) -> None:
            try:
                self.record(run)
            except HistoryError as err:
                log.warning("incident %s not saved: %s", getattr(run, "run_id", "?"), err)
                if on_error is not None:
                    on_error(err)

        return listen

    def set_manager_note(self, incident_id: int, note: str) -> None:
        def do() -> None:
            with self._write() as c:
                c.execute("UPDATE incidents SET manager_note = ? WHERE id = ?", (note, incident_id))

        self._retrying(do)

    def archive_before(self, day: date) -> int:
        """Move incidents that started before local ``day`` to the archive table; returns how many."""
        cutoff = day_start_ts(day)

        def do() -> int:
            with self._write() as c:
                c.execute("INSERT INTO incidents_archive SELECT * FROM incidents WHERE started_ts < ? "
                          "AND outcome != 'in_progress'", (cutoff,))
                return _bulk_delete(c, "WHERE started_ts < ? AND outcome != 'in_progress'", (cutoff,))

        return int(self._retrying(do))

    def delete_before(self, day: date, include_archive: bool = True) -> int:
        """Delete incidents (and archived ones) that started before local ``day``; returns how many."""
        cutoff = day_start_ts(day)

        def do() -> int:
            with self._write() as c:
                n = _bulk_delete(c, "WHERE started_ts < ? AND outcome != 'in_progress'", (cutoff,))
                if include_archive:
                    n += c.execute("DELETE FROM incidents_archive WHERE started_ts < ?", (cutoff,)).rowcount
                return n

        return int(self._retrying(do))

    def archived_count(self) -> int:
        return int(self._conn().execute("SELECT count(*) FROM incidents_archive").fetchone()[0])

    # -- settings (kv) -------------------------------------------------------------------------
    def get_setting(self, key: str) -> str | None:
        row = self._conn().execute("SELECT value FROM kv WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def update_settings(self, fn: Callable[[Callable[[str], str | None]], dict[str, str | None]]) -> None:
        """Read-modify-write settings in one IMMEDIATE transaction (``fn(get) -> changes``)."""

        def do() -> None:
            with self._write() as c:
                def get(key: str) -> str | None:
                    row = c.execute("SELECT value FROM kv WHERE key = ?", (key,)).fetchone()
                    return None if row is None else str(row[0])

                for key, value in fn(get).items():
                    if value is None:
                        c.execute("DELETE FROM kv WHERE key = ?", (key,))
                    else:
                        c.execute("INSERT OR REPLACE INTO kv VALUES (?, ?)", (key, value))

        self._retrying(do)

    # -- reading -------------------------------------------------------------------------------
    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        try:
            return self._conn().execute(sql, params).fetchall()
        except sqlite3.DatabaseError as exc:
            raise self._translate(exc) from exc

    @staticmethod
    def _incident(row: Sequence[Any]) -> Incident:
        answers = tuple(
            IncidentStep(int(p), str(a), _dt(t) or datetime.fromtimestamp(0, UTC))
            for p, a, t in json.loads(row[8] or "[]")
        )
        return Incident(
            id=row[0], run_id=row[1], entry_id=row[2], scheme=row[3], code=row[4], title_zh=row[5],
            title_en=row[6], step_count=row[7], answers=answers, outcome=row[9], fixed_at_step=row[10],
            started_at=_dt(row[11]) or datetime.fromtimestamp(0, UTC), ended_at=_dt(row[12]),
            till=row[13], operator=row[14], terminal_id=row[15], note=row[16], manager_note=row[17],
        )

    def get(self, incident_id: int) -> Incident | None:
        rows = self._read(f"SELECT {_COLUMNS} FROM incidents WHERE id = ?", (incident_id,))
        return self._incident(rows[0]) if rows else None

    def get_run(self, run_id: str) -> Incident | None:
        rows = self._read(f"SELECT {_COLUMNS} FROM incidents WHERE run_id = ?", (run_id,))
        return self._incident(rows[0]) if rows else None

    def _where(self, f: IncidentFilter, by_day: bool = False) -> tuple[str, list[Any]]:
        """SQL condition and parameters for ``f``. The date range is a ``started_ts`` range (local
        midnights), or with ``by_day`` a range of the local ``day`` column, whose index serves the
        per-day counts without touching the rows."""
        clauses: list[str] = []
        params: list[Any] = []
        if f.date_from is not None:
            clauses.append("day >= ?" if by_day else "started_ts >= ?")
            params.append(f.date_from.isoformat() if by_day else day_start_ts(f.date_from))
        if f.date_to is not None:
            clauses.append("day <= ?" if by_day else "started_ts < ?")
            params.append(f.date_to.isoformat() if by_day else day_start_ts(f.date_to + timedelta(days=1)))
        ids: set[str] | None = None
        if f.entry_ids is not None:
            ids = set(f.entry_ids)
        text = f.text.strip()
        if text:
            found = self._entries_matching(text)
            ids = found if ids is None else ids & found
        if ids is not None:
            if not ids:
                return "WHERE 0", []
            clauses.append(f"entry_id IN ({','.join('?' * len(ids))})")
            params.extend(sorted(ids))
        for column, value in (("scheme", f.scheme), ("outcome", f.outcome), ("till", f.till),
                              ("operator", f.operator)):
            if value:
                clauses.append(f"{column} = ?")
                params.append(value)
        return ("WHERE " + " AND ".join(clauses) if clauses else ""), params

    def _entries_matching(self, text: str) -> set[str]:
        """Entries whose code equals ``text`` (any case), else whose code or titles contain it."""
        exact = {r[0] for r in self._read("SELECT entry_id FROM entries_seen WHERE code = ? COLLATE NOCASE "
                                          "OR entry_id = ? COLLATE NOCASE", (text, text))}
        if exact:
            return exact
        like = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        return {r[0] for r in self._read(
            "SELECT entry_id FROM entries_seen WHERE code LIKE ?1 ESCAPE '\\' "
            "OR title_zh LIKE ?1 ESCAPE '\\' OR title_en LIKE ?1 ESCAPE '\\'", (like,))}

    def page(
        self, f: IncidentFilter = IncidentFilter(), *, sort: str = "started", descending: bool = True,
        offset: int = 0, limit: int = 200,
    ) -> list[Incident]:
        """One window of the filtered incidents, sorted (ties broken by id)."""
        where, params = self._where(f)
        key = SORT_KEYS.get(sort, "started_ts")
        direction = "DESC" if descending else "ASC"
        sql = (f"SELECT {_COLUMNS} FROM incidents {where} ORDER BY {key} {direction}, id {direction} "
               f"LIMIT ? OFFSET ?")
        return [self._incident(r) for r in self._read(sql, [*params, int(limit), int(offset)])]

    def count(self, f: IncidentFilter = IncidentFilter()) -> int:
        where, params = self._where(f)
        return int(self._read(f"SELECT count(*) FROM incidents {where}", params)[0][0])

    def iter_incidents(self, f: IncidentFilter = IncidentFilter(), batch: int = 2000) -> Iterator[Incident]:
        """Every filtered incident, oldest first, read in batches (for export)."""
        where, params = self._where(f)
        last = -1
        joiner = " AND " if where else "WHERE "
        while True:
            rows = self._read(
                f"SELECT {_COLUMNS} FROM incidents {where}{joiner}id > ? ORDER BY id LIMIT ?",
                [*params, last, batch],
            )
            if not rows:
                return
            for r in rows:
                yield self._incident(r)
            last = rows[-1][0]

    def distinct_values(self, column: str) -> list[str]:
        """The tills, operators or schemes seen so far (for filter drop-downs)."""
        if column == "scheme":
            return [r[0] for r in self._read("SELECT DISTINCT scheme FROM entries_seen ORDER BY 1") if r[0]]
        if column not in ("till", "operator"):
            raise ValueError(column)
        return [r[0] for r in self._read("SELECT value FROM seen_values WHERE kind = ? ORDER BY value",
                                         (column,)) if r[0]]

    def stats(self, f: IncidentFilter = IncidentFilter(), top: int = 10) -> Stats:
        """Count, outcome rates, median time to fix, top codes and incidents per day.

        Filters on at most one of code (entry ids or text), till, scheme and operator, with any
        outcome and a date range (except an operator with a date range), are answered from the
        rollup tables (a few thousand rows at any size); other combinations scan the filter's index.
        """
        fast = self._stats_rollup(f, top)
        return fast if fast is not None else self._stats_scan(f, top)

    def _stats_rollup(self, f: IncidentFilter, top: int) -> Stats | None:
        """The statistics from ``stats_day``/``stats_month``; None when the filter is not covered."""
        ids: set[str] | None = None
        if f.entry_ids is not None:
            ids = set(f.entry_ids)
        if f.text.strip():
            found = self._entries_matching(f.text.strip())
            ids = found if ids is None else ids & found
        dated = f.date_from is not None or f.date_to is not None
        others = [(dim, value) for dim, value in (("t", f.till), ("s", f.scheme), ("o", f.operator)) if value]
        if (ids is not None) + len(others) > 1 or (dated and others and others[0][0] == "o"):
            return None  # a dated operator: nothing gives the codes of the days at the range's edges
        if ids is not None and not ids:
            return None  # "WHERE 0": the scan answers at once
        if ids is not None:
            dim, vals = "e", sorted(ids)
        elif others:
            dim, vals = others[0][0], [others[0][1]]
        else:
            dim, vals = "a", [""]
        cond = [f"dim = ? AND val IN ({','.join('?' * len(vals))})"]
        params: list[Any] = [dim, *vals]
        extra, extra_params = _day_outcome_cond(f.date_from, f.date_to, f.outcome)
        # one pass over the day rows (summed here: cheaper than SQLite sorting them for GROUP BY)
        by_outcome: dict[str, int] = {}
        days: dict[str, int] = {}
        counts: dict[str, int] = {}
        for val, day, outcome, n in self._read(
            f"SELECT val, day, outcome, n FROM stats_day WHERE {' AND '.join(cond + extra)}",
            [*params, *extra_params],
        ):
            by_outcome[outcome] = by_outcome.get(outcome, 0) + n
            days[day] = days.get(day, 0) + n
            counts[val] = counts.get(val, 0) + n
        if dim != "e":
            counts = {}
            months, edges = _month_split(f.date_from, f.date_to)
            if months is not None:
                mcond = ["dim = ? AND val = ?"]
                mparams: list[Any] = [dim, vals[0]]
                if months[0]:
                    mcond.append("month >= ?")
                    mparams.append(months[0])
                if months[1]:
                    mcond.append("month <= ?")
                    mparams.append(months[1])
                if f.outcome:
                    mcond.append("outcome = ?")
                    mparams.append(f.outcome)
                for entry_id, n in self._read(
                    f"SELECT entry_id, sum(n) FROM stats_month WHERE {' AND '.join(mcond)} GROUP BY entry_id",
                    mparams,
                ):
                    counts[entry_id] = counts.get(entry_id, 0) + int(n)
            scheme_entries: list[str] = []
            if edges and dim == "s":
                # a scheme's codes at the edges come from the per-code day rows of its entries, which
                # is exact when none of them was ever recorded under another scheme
                scheme_entries = [r[0] for r in self._read(
                    "SELECT DISTINCT entry_id FROM stats_month WHERE dim = 's' AND val = ?", [vals[0]])]
                marks = ",".join("?" * len(scheme_entries))
                if scheme_entries and self._read(
                        f"SELECT 1 FROM stats_month WHERE dim = 's' AND val != ? AND entry_id IN ({marks}) LIMIT 1",
                        [vals[0], *scheme_entries]):
                    return None
            for lo, hi in edges:  # the days of a range outside whole months
                ecl, ecp = _day_outcome_cond(lo, hi, f.outcome)
                if dim in ("a", "s"):
                    if dim == "s":
                        ecl.append(f"val IN ({','.join('?' * len(scheme_entries))})")
                        ecp.extend(scheme_entries)
                    sql = (f"SELECT val, sum(n) FROM stats_day INDEXED BY idx_stats_day_by_day "
                           f"WHERE {' AND '.join(['dim = ?', *ecl])} GROUP BY val")
                    eparams: list[Any] = ["e", *ecp]
                else:  # one till: its covering index, sought by time (a day wider), exact by day
                    assert lo is not None and hi is not None
                    sql = (f"SELECT entry_id, count(*) FROM incidents INDEXED BY idx_incidents_till "
                           f"WHERE {' AND '.join(['till = ? AND started_ts >= ? AND started_ts < ?', *ecl])} "
                           "GROUP BY entry_id")
                    eparams = [vals[0], day_start_ts(lo) - 2 * 86400, day_start_ts(hi) + 3 * 86400, *ecp]
                for entry_id, n in self._read(sql, eparams):
                    counts[entry_id] = counts.get(entry_id, 0) + int(n)
        best = sorted(((-n, e) for e, n in counts.items() if n > 0))[:top]
        names = {r[0]: r[1:] for r in self._read(
            f"SELECT entry_id, code, title_zh, title_en FROM entries_seen "
            f"WHERE entry_id IN ({','.join('?' * len(best))})", [e for _, e in best])} if best else {}
        top_codes = tuple(CodeCount(e, *names.get(e, ("", "", "")), -n) for n, e in best)
        fixed = by_outcome.get("fixed", 0)
        median: float | None = None
        column = {"e": "entry_id", "t": "till", "s": "scheme", "o": "operator"}.get(dim, "")
        mcl = [f"{column} IN ({','.join('?' * len(vals))})"] if column else []
        mpar: list[Any] = list(vals) if column else []
        if fixed and not dated:
            median = self._median_histogram(dim, vals, mcl, mpar)
        elif fixed:
            if fixed <= MEDIAN_SORT_MAX and dim in ("a", "e", "t"):  # no index serves a scheme's or operator's fixes
                where, wparams = self._where(f)
                median = self._median_sorted(f, where, wparams, fixed)
            else:
                # walk the fix-time index in order, testing the filter on the index entries
                dcl, dpar = _day_outcome_cond(f.date_from, f.date_to, "")
                # the literal outcome lets the planner match the partial index
                fcl = " AND ".join(["outcome = 'fixed'", "fix_seconds IS NOT NULL", *mcl, *dcl])
                mid = self._read(
                    f"SELECT fix_seconds FROM incidents INDEXED BY idx_incidents_fix_cover WHERE {fcl} "
                    "ORDER BY fix_seconds LIMIT ? OFFSET ?",
                    [*mpar, *dpar, 2 - fixed % 2, (fixed - 1) // 2],
                )
                if mid:
                    median = float(_mean(r[0] for r in mid))
        count = sum(by_outcome.values())
        return Stats(
            count=count, fixed=fixed, escalated=by_outcome.get("escalated", 0),
            abandoned=by_outcome.get("abandoned", 0), in_progress=by_outcome.get("in_progress", 0),
            median_fix_seconds=median, top_codes=top_codes,
            per_day=tuple(_fill_days(days, f.date_from, f.date_to)),
        )

    def _median_histogram(self, dim: str, vals: list[str], cond: list[str], params: list[Any]) -> float | None:
        """Median fix time of a whole dimension value (no dates): ``stats_fix`` gives the second it
        falls in, the fix index the exact value a few entries into that second."""
        buckets = self._read(
            f"SELECT bucket, sum(n) FROM stats_fix WHERE dim = ? AND val IN ({','.join('?' * len(vals))}) "
            "GROUP BY bucket ORDER BY bucket",
            [dim, *vals],
        )
        total = sum(int(n) for _, n in buckets)
        if not total:
            return None
        k = (total - 1) // 2  # the lower middle, 0-based
        below = 0
        start = buckets[-1][0]
        for b, n in buckets:
            if below + n > k:
                start = b
                break
            below += int(n)
        fcl = " AND ".join(["outcome = 'fixed'", "fix_seconds IS NOT NULL", "fix_seconds >= ?", *cond])
        mid = self._read(
            f"SELECT fix_seconds FROM incidents INDEXED BY idx_incidents_fix_cover WHERE {fcl} "
            "ORDER BY fix_seconds LIMIT ? OFFSET ?",
            [start, *params, 2 - total % 2, k - below],
        )
        return float(_mean(r[0] for r in mid)) if mid else None

    def _median_sorted(self, f: IncidentFilter, where: str, params: list[Any], fixed: int) -> float | None:
        """Median fix time of the ``fixed`` fixed incidents matching ``where``, via the filter's index."""
        # Without other filters the (outcome, fix_seconds) index walks straight to the middle;
        # with filters, "+" keeps the planner on the filter's index instead of scanning all fixes.
        dates_only = f == IncidentFilter(date_from=f.date_from, date_to=f.date_to)
        if where and dates_only:  # the partial index of fixes by time covers this
            cond = (f"INDEXED BY idx_incidents_fixed_time {where} AND outcome = 'fixed' "
                    f"AND fix_seconds IS NOT NULL ORDER BY fix_seconds")
        elif where:
            cond = f"{where} AND +outcome = 'fixed' AND fix_seconds IS NOT NULL ORDER BY +fix_seconds"
        else:
            cond = "WHERE outcome = 'fixed' AND fix_seconds IS NOT NULL ORDER BY fix_seconds"
        mid = self._read(
            f"SELECT fix_seconds FROM incidents {cond} LIMIT ? OFFSET ?",
            [*params, 2 - fixed % 2, (fixed - 1) // 2],
        )
        return float(_mean(r[0] for r in mid)) if mid else None

    def _stats_scan(self, f: IncidentFilter, top: int) -> Stats:
        """The statistics straight from the incidents (any filter)."""
        where, params = self._where(f)
        by_outcome = {o: int(n) for o, n in self._read(
            f"SELECT outcome, count(*) FROM incidents {where} GROUP BY outcome", params)}
        count = sum(by_outcome.values())
        fixed = by_outcome.get("fixed", 0)
        escalated = by_outcome.get("escalated", 0)
        abandoned = by_outcome.get("abandoned", 0)
        in_progress = by_outcome.get("in_progress", 0)
        median = self._median_sorted(f, where, params, fixed) if fixed else None
        top_rows = self._read(
            f"""SELECT t.entry_id, COALESCE(e.code, ''), COALESCE(e.title_zh, ''),
                       COALESCE(e.title_en, ''), t.n
                FROM (SELECT entry_id, count(*) AS n FROM incidents {where} GROUP BY entry_id
                      ORDER BY n DESC, entry_id LIMIT ?) AS t
                LEFT JOIN entries_seen e ON e.entry_id = t.entry_id ORDER BY t.n DESC, t.entry_id""",
            [*params, top],
        )
        day_where, day_params = self._where(f, by_day=True)
        days = dict(self._read(f"SELECT day, count(*) FROM incidents {day_where} GROUP BY day", day_params))
        return Stats(
            count=int(count), fixed=fixed, escalated=int(escalated), abandoned=int(abandoned),
            in_progress=int(in_progress), median_fix_seconds=median,
            top_codes=tuple(CodeCount(*r) for r in top_rows),
            per_day=tuple(_fill_days(days, f.date_from, f.date_to)),
        )

    def recent_on_till(self, entry_id: str, till: str, days: int = 7, limit: int = 5,
                       exclude_run: str = "") -> RecentOnTill:
        """How often ``entry_id`` happened on ``till`` in the last ``days`` days, and the latest ones."""
        since = self.clock() - days * 86400
        where = "WHERE entry_id = ? AND till = ? AND started_ts >= ? AND run_id != ?"
        params = (entry_id, till, since, exclude_run)
        n = int(self._read(f"SELECT count(*) FROM incidents {where}", params)[0][0])
        rows = self._read(f"SELECT {_COLUMNS} FROM incidents {where} ORDER BY started_ts DESC LIMIT ?",
                          (*params, limit))
        return RecentOnTill(n, days, tuple(self._incident(r) for r in rows))

    def recurring_hints(
        self, *, days: int = 7, threshold: int = 3,
        group_of: Callable[[str], Iterable[tuple[str, str, str]]] | None = None,
    ) -> list[RecurringHint]:
        """Tills where one kind of fault keeps coming back (count >= ``threshold`` in ``days`` days).

        ``group_of(entry_id)`` yields ``(key, label_zh, label_en)`` groups (e.g. the entry's
        categories, "网络故障"); without it each code is its own group.
        """
        since = self.clock() - days * 86400
        rows = self._read(
            """SELECT i.till, i.entry_id, COALESCE(e.code, ''), COALESCE(e.title_zh, ''),
                      COALESCE(e.title_en, ''), count(*)
               FROM incidents i LEFT JOIN entries_seen e ON e.entry_id = i.entry_id
               WHERE i.started_ts >= ? GROUP BY i.till, i.entry_id""",
            (since,),
        )
        groups: dict[tuple[str, str], list[Any]] = {}
        for till, entry_id, code, tzh, ten, n in rows:
            keys = list(group_of(entry_id)) if group_of else []
            if not keys:
                keys = [(entry_id, f"{code} {tzh}".strip(), f"{code} {ten}".strip())]
            for key, lzh, len_ in keys:
                g = groups.setdefault((till, key), [lzh, len_, 0, []])
                g[2] += n
                g[3].append(entry_id)
        hints = [
            RecurringHint(till, key, lzh, len_, n, days, tuple(sorted(ids)))
            for (till, key), (lzh, len_, n, ids) in groups.items()
            if n >= threshold
        ]
        hints.sort(key=lambda h: (-h.count, h.till, h.key))
        return hints

    def integrity_check(self) -> str:
        """The full ``PRAGMA integrity_check`` ("ok" when healthy)."""
        return "; ".join(r[0] for r in self._read("PRAGMA integrity_check"))

    # -- export --------------------------------------------------------------------------------
    def export_csv(self, dest: Path | str, f: IncidentFilter = IncidentFilter(), lang: str = "zh") -> int:
        """Write the filtered incidents to ``dest`` as UTF-8 CSV with BOM (Excel keeps Chinese).

        Written to a temporary file first and renamed, so a failed export leaves no half file.
        Returns the number of incidents written. Raises :class:`HistoryError` on a write failure.
        """
        dest = Path(dest)
        tmp = dest.with_name(dest.name + ".part")
        n = 0
        try:
            with open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
                import csv  # only for exports

                w = csv.writer(fh)
                w.writerow(CSV_HEADERS_EN if lang == "en" else CSV_HEADERS_ZH)
                for inc in self.iter_incidents(f):
                    w.writerow(_csv_row(inc, lang))
                    n += 1
            os.replace(tmp, dest)
        except OSError as exc:
            try:
                tmp.unlink()
            except OSError:
                pass
            raise HistoryError(f"导出失败：无法写入文件 {dest}（{exc.strerror}）。",
                               f"Export failed: cannot write {dest} ({exc.strerror}).") from exc
        return n


def _bulk_delete(c: sqlite3.Connection, where: str, params: tuple[Any, ...]) -> int:
    """Delete the incidents matching ``where`` (inside the caller's transaction), subtracting them
    from the statistics rollups in grouped statements rather than row by row."""
    c.execute("INSERT OR REPLACE INTO kv VALUES (?, '1')", (STATS_BULK_KEY,))
    rollup_add(c, where, params, sign=-1)
    n = int(c.execute(f"DELETE FROM incidents {where}", params).rowcount)
    c.execute("DELETE FROM kv WHERE key = ?", (STATS_BULK_KEY,))
    return n


CSV_HEADERS_ZH = ("编号", "开始时间", "结束时间", "收银台", "操作员", "终端号", "方案", "代码", "中文标题",
                  "英文标题", "结果", "解决步骤", "各步回答", "用时(秒)", "备注", "店长备注")
CSV_HEADERS_EN = ("ID", "Started", "Ended", "Till", "Operator", "Terminal ID", "Scheme", "Code",
                  "Title (zh)", "Title (en)", "Outcome", "Fixed at step", "Answers", "Duration (s)", "Note",
                  "Manager note")


def _cell(text: str) -> str:
    """Free text that Excel would read as a formula gets a leading apostrophe."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _local(dt: datetime | None) -> str:
    return "" if dt is None else dt.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def _csv_row(inc: Incident, lang: str) -> list[object]:
    dur = inc.duration_seconds
    return [
        inc.id, _local(inc.started_at), _local(inc.ended_at), _cell(inc.till), _cell(inc.operator),
        _cell(inc.terminal_id), inc.scheme, inc.code, inc.title_zh, inc.title_en, inc.outcome_text(lang),
        inc.fixed_at_step or "", inc.answers_text(lang), "" if dur is None else round(dur),
        _cell(inc.note), _cell(inc.manager_note),
    ]


def _day_outcome_cond(lo: date | None, hi: date | None, outcome: str) -> tuple[list[str], list[Any]]:
    """Conditions on the local ``day`` (inclusive) and the outcome of a rollup row."""
    cl: list[str] = []
    ps: list[Any] = []
    if lo is not None:
        cl.append("day >= ?")
        ps.append(lo.isoformat())
    if hi is not None:
        cl.append("day <= ?")
        ps.append(hi.isoformat())
    if outcome:
        cl.append("outcome = ?")
        ps.append(outcome)
    return cl, ps


def _month_split(
    lo: date | None, hi: date | None,
) -> tuple[tuple[str | None, str | None] | None, list[tuple[date | None, date | None]]]:
    """Split the inclusive day range [lo, hi] (None: open) into whole months ("YYYY-MM" bounds,
    None when there are none) and the day ranges left over at its edges."""
    first = lo if lo is None or lo.day == 1 else _next_month(lo)
    last = hi if hi is None or _next_month(hi) - timedelta(days=1) == hi else hi.replace(day=1) - timedelta(days=1)
    if first is not None and last is not None and first > last:
        return None, [(lo, hi)]
    edges: list[tuple[date | None, date | None]] = []
    if lo is not None and first is not None and lo < first:
        edges.append((lo, first - timedelta(days=1)))
    if hi is not None and last is not None and hi > last:
        edges.append((_next_month(last), hi))
    months = (None if first is None else first.strftime("%Y-%m"), None if last is None else last.strftime("%Y-%m"))
    return months, edges


def _next_month(d: date) -> date:
    """The first day of the month after ``d``'s."""
    return date(d.year + (d.month == 12), d.month % 12 + 1, 1)


def _fill_days(days: dict[str, int], start: date | None, end: date | None) -> list[tuple[str, int]]:
    """Per-day counts oldest first; with a known range of at most 400 days, empty days are 0."""
    if not days and (start is None or end is None):
        return []
    keys = sorted(days)
    first = start or date.fromisoformat(keys[0])
    last = end or date.fromisoformat(keys[-1])
    if (last - first).days > 400 or last < first:
        return [(k, days[k]) for k in keys]
    out = []
    d = first
    while d <= last:
        k = d.isoformat()
        out.append((k, int(days.get(k, 0))))
        d += timedelta(days=1)
    return out
