"""One SQLite connection per OS thread (the catalogue and history stores use this)."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from posfix_gui.thread_connections import ThreadConnections


def _memory() -> sqlite3.Connection:
    return sqlite3.connect(":memory:", check_same_thread=False)


def _in_thread(fn):  # noqa: ANN001, ANN202
    out: list[object] = []
    t = threading.Thread(target=lambda: out.append(fn()))
    t.start()
    t.join()
    return out[0]


def test_same_thread_same_connection_other_thread_its_own():
    conns = ThreadConnections()
    made: list[sqlite3.Connection] = []

    def connect() -> sqlite3.Connection:
        made.append(_memory())
        return made[-1]

    mine = conns.get(connect)
    assert conns.get(connect) is mine and conns.current() is mine
    theirs = _in_thread(lambda: conns.get(connect))
    assert theirs is not mine and len(made) == 2 and len(conns) == 2
    conns.close_all()


def test_release_current_closes_only_this_threads_connection():
    conns = ThreadConnections()
    mine = conns.get(_memory)
    theirs = _in_thread(lambda: conns.get(_memory))
    conns.release_current()
    with pytest.raises(sqlite3.ProgrammingError):
        mine.execute("SELECT 1")
    assert theirs.execute("SELECT 1").fetchone() == (1,)
    assert len(conns) == 1 and conns.current() is None
    conns.release_current()  # nothing left here: no error
    assert conns.get(_memory) is not mine  # asked again: a new one
    conns.close_all()


def test_close_all_closes_every_connection():
    conns = ThreadConnections()
    all_made = [conns.get(_memory), _in_thread(lambda: conns.get(_memory))]
    conns.close_all()
    assert len(conns) == 0
    for conn in all_made:
        with pytest.raises(sqlite3.ProgrammingError):
            conn.execute("SELECT 1")


def test_a_failing_connect_leaves_nothing_behind():
    conns = ThreadConnections()

    def broken() -> sqlite3.Connection:
        raise sqlite3.OperationalError("unable to open database file")

    with pytest.raises(sqlite3.OperationalError):
        conns.get(broken)
    assert len(conns) == 0 and conns.current() is None
