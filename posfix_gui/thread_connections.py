"""One SQLite connection per OS thread, for the catalogue and the history stores (no Qt).

Why not ``threading.local``: the app's worker threads are ``QThread``s, which Python does not know.
Each time Qt calls into Python on such a thread, PySide makes a fresh Python thread state for the
call and drops it afterwards, so a ``threading.local`` is empty again on every call. Keyed by it,
every search keystroke and every history save opened a new connection and kept it open until the
store closed: a leak of memory (a few hundred KB each) and of file handles over a day at the counter.
``threading.get_ident()`` is the OS thread, stable across those calls.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable


class ThreadConnections:
    """Connections keyed by ``threading.get_ident()``; thread-safe.

    A thread that ended leaves its connection behind until :meth:`close_all`, and a new thread that
    gets the same id reuses it; the connections are made with ``check_same_thread=False`` for that.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_thread: dict[int, sqlite3.Connection] = {}

    def get(self, connect: Callable[[], sqlite3.Connection]) -> sqlite3.Connection:
        """This thread's connection, made with ``connect()`` the first time (outside the lock)."""
        ident = threading.get_ident()
        conn = self._by_thread.get(ident)
        if conn is None:
            conn = connect()
            with self._lock:
                self._by_thread[ident] = conn
        return conn

    def current(self) -> sqlite3.Connection | None:
        """This thread's connection, or None if it has none yet."""
        return self._by_thread.get(threading.get_ident())

    def release_current(self) -> None:
        """Close this thread's connection (it gets a new one if it asks again)."""
        with self._lock:
            conn = self._by_thread.pop(threading.get_ident(), None)
        _close(conn)

    def close_all(self) -> None:
        with self._lock:
            conns = list(self._by_thread.values())
            self._by_thread.clear()
        for conn in conns:
            _close(conn)

    def __len__(self) -> int:
        return len(self._by_thread)


def _close(conn: sqlite3.Connection | None) -> None:
    if conn is None:
        return
    try:
        conn.close()
    except sqlite3.Error:  # pragma: no cover - closing never fails in practice
        pass
