"""The history worker thread: order, results on the GUI thread, call(), drain() at exit."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from posfix_gui.qtmodels.query_runner import QueryRunner


@pytest.fixture
def runner(qapp) -> Iterator[QueryRunner]:  # noqa: ANN001
    r = QueryRunner()
    yield r
    r.stop()


def test_calls_run_in_order_off_the_gui_thread_and_answer_on_it(qtbot, runner):
    gui = threading.get_ident()
    ran: list[tuple[int, int]] = []
    answered: list[tuple[int, int]] = []

    def job(n: int):  # noqa: ANN202
        def fn() -> int:
            time.sleep(0.01 if n == 0 else 0)  # the first is slowest: order must still hold
            ran.append((n, threading.get_ident()))
            return n * 10
        return fn

    with qtbot.waitSignal(runner.idle, timeout=5000):
        for n in range(5):
            runner.submit(job(n), lambda r: answered.append((r, threading.get_ident())), pytest.fail)
    assert [n for n, _ in ran] == [0, 1, 2, 3, 4]
    assert all(t != gui for _, t in ran)
    assert answered == [(n * 10, gui) for n in range(5)]


def test_call_waits_for_what_was_queued_before_it(runner):
    done: list[int] = []

    def slow() -> None:
        time.sleep(0.05)
        done.append(1)

    runner.submit(slow, lambda _r: None, pytest.fail)
    assert runner.call(lambda: list(done)) == [1]  # the earlier save is finished first


def test_call_raises_what_the_function_raised(runner, caplog):
    def boom() -> None:
        raise ValueError("disk on fire")

    with pytest.raises(ValueError, match="disk on fire"):
        runner.call(boom)
    assert "history query failed" in caplog.text  # and the log has the traceback


def test_call_times_out_cleanly(runner):
    release = threading.Event()
    runner.submit(lambda: release.wait(5), lambda _r: None, pytest.fail)
    try:
        with pytest.raises(TimeoutError):
            runner.call(lambda: 1, timeout_s=0.05)
    finally:
        release.set()


def test_drain_finishes_every_queued_call_and_delivers_its_callback(qapp):
    r = QueryRunner()
    saved: list[int] = []
    answered: list[int] = []
    release = threading.Event()
    r.submit(lambda: release.wait(5), lambda _r: None, pytest.fail)  # keeps the thread busy
    for n in range(3):
        r.submit(lambda n=n: saved.append(n) or n, answered.append, pytest.fail)
    release.set()
    r.drain()  # at exit: nothing queued may be lost
    assert saved == [0, 1, 2] and answered == [0, 1, 2]
    assert r.pending == 0


def test_stop_drops_what_is_queued(qapp):
    r = QueryRunner()
    ran: list[int] = []
    release = threading.Event()
    r.submit(lambda: release.wait(5), lambda _r: None, lambda _e: None)
    r.submit(lambda: ran.append(1), lambda _r: None, lambda _e: None)
    threading.Timer(0.05, release.set).start()  # the first call ends while stop() waits for it
    r.stop()
    assert ran == []  # a read nobody waits for any more is dropped, not run


def test_drain_also_runs_what_a_callback_submits_meanwhile(qapp):
    r = QueryRunner()
    order: list[str] = []

    def first_done(_result: object) -> None:
        order.append("first answered")
        r.submit(lambda: order.append("follow-up ran"), lambda _r: order.append("follow-up answered"))

    release = threading.Event()
    r.submit(lambda: release.wait(5), first_done, pytest.fail)
    release.set()
    r.drain()
    assert order == ["first answered", "follow-up ran", "follow-up answered"]


@pytest.mark.parametrize("how", ["stop", "drain"])
def test_on_thread_end_runs_on_the_worker_thread_as_it_ends(qapp, how):
    ended_on: list[int] = []
    worked_on: list[int] = []
    r = QueryRunner(on_thread_end=lambda: ended_on.append(threading.get_ident()))
    r.call(lambda: worked_on.append(threading.get_ident()))
    assert ended_on == []
    getattr(r, how)()
    assert ended_on == worked_on and ended_on[0] != threading.get_ident()


def test_a_failing_clean_up_is_logged_not_raised(qapp, caplog):
    def broken() -> None:
        raise RuntimeError("clean-up bug")

    r = QueryRunner(on_thread_end=broken)
    r.call(lambda: None)
    r.stop()
    assert "history thread clean-up failed" in caplog.text


@pytest.mark.parametrize("how", ["stop", "drain"])
def test_gives_up_on_a_call_that_does_not_end_and_drops_the_queue(qtbot, monkeypatch, caplog, how):
    """At exit a write may wait on a database another program holds; after EXIT_WAIT_MS the runner
    stops waiting, drops what is queued (it would wait on the same lock) and says it is stuck."""
    from posfix_gui.qtmodels import query_runner

    monkeypatch.setattr(query_runner, "EXIT_WAIT_MS", 100)
    release, started = threading.Event(), threading.Event()
    answered: list[object] = []

    def held() -> str:
        started.set()
        release.wait(10)
        return "held"

    r = QueryRunner()
    try:
        r.submit(held, answered.append)
        r.submit(lambda: "queued", answered.append)
        assert started.wait(5)
        assert not r.stuck
        getattr(r, how)()
        assert r.stuck and r.pending == 0 and answered == []
        dropped = "0" if how == "stop" else "1"  # stop() drops the queue anyway
        assert f"within 0.1 s; {dropped} queued call(s) dropped" in caplog.text
        getattr(r, how)()  # asked again: no second wait, nothing run on this thread
        assert r.stuck and answered == []
    finally:
        release.set()  # the call ends: the thread then ends too, and the runner can go
    qtbot.waitUntil(lambda: not r.stuck, timeout=5000)
    assert answered == []
