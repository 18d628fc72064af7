"""One worker thread for history queries and saves; results come back on the GUI thread.

The store gives each thread its own SQLite connection; one worker keeps database access serial
(like Anki's ``QueryOp``). The main window saves wizard runs and reads the count line through it,
the manager window pages the incidents table through its own.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot

log = logging.getLogger(__name__)

# How long stop() and drain() wait for the call in flight before giving up on the thread (a write
# waiting on a database another program holds, through every retry, can take minutes).
EXIT_WAIT_MS = 10_000


class _Mailbox:
    """Requests and results handed between threads; signals carry only ticket numbers.

    (PySide6 6.12 miscounts references of Python objects sent through queued ``object``
    signals, e.g. ``None`` or ``False``, which crashes the interpreter later; ints are safe.)
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.requests: dict[int, Callable[[], Any]] = {}
        self.results: dict[int, tuple[Any, Exception | None]] = {}

    def put_request(self, ticket: int, fn: Callable[[], Any]) -> None:
        with self._lock:
            self.requests[ticket] = fn

    def take_request(self, ticket: int) -> Callable[[], Any] | None:
        with self._lock:
            return self.requests.pop(ticket, None)

    def put_result(self, ticket: int, result: Any, error: Exception | None) -> None:
        with self._lock:
            self.results[ticket] = (result, error)

    def take_result(self, ticket: int) -> tuple[Any, Exception | None]:
        with self._lock:
            return self.results.pop(ticket, (None, None))

    def clear(self) -> None:
        with self._lock:
            self.requests.clear()
            self.results.clear()

    def run(self, ticket: int) -> bool:
        """Run the request of ``ticket`` here and keep its result or error; False if there was none
        (dropped by stop(), or already taken by the worker)."""
        fn = self.take_request(ticket)
        if fn is None:
            return False
        try:
            self.put_result(ticket, fn(), None)
        except Exception as exc:  # noqa: BLE001 - handed to the caller's failure callback
            log.exception("history query failed")
            self.put_result(ticket, None, exc)
        return True


class _Worker(QObject):
    done = Signal(int)  # ticket

    def __init__(self, mailbox: _Mailbox) -> None:
        super().__init__()
        self._mailbox = mailbox

    @Slot(int)
    def run(self, ticket: int) -> None:
        if self._mailbox.run(ticket):
            self.done.emit(ticket)


def _guarded(fn: Callable[[], None]) -> Callable[[], None]:
    def run() -> None:
        try:
            fn()
        except Exception:  # noqa: BLE001 - a clean-up must not take the thread down with it
            log.exception("history thread clean-up failed")

    return run


class QueryRunner(QObject):
    """Run callables on one worker thread; results come back on the GUI thread.

    ``submit(fn, on_done, on_error)`` returns a ticket. ``idle`` is emitted when nothing is pending
    (tests wait on it). Call :meth:`stop` (drop what is queued) or :meth:`drain` (finish it: writes)
    before the owner goes away; with ``drain_on_quit`` the application's quit drains instead of dropping.
    ``on_thread_end`` runs on the worker thread just before it ends (e.g. the store closes the
    thread's database connection: a connection belongs to its thread).

    If the call in flight has not ended within ``EXIT_WAIT_MS``, stop() and drain() give up: what is
    still queued is dropped (it would wait on the same database) and :attr:`stuck` turns True. Qt
    aborts the process when a running QThread is destroyed, so the owner must then end the process
    without tearing the thread down (``posfix_gui.app`` does).
    """

    idle = Signal()
    _request = Signal(int)

    def __init__(
        self, parent: QObject | None = None, *, drain_on_quit: bool = False,
        on_thread_end: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._tickets = itertools.count(1)
        self._mailbox = _Mailbox()
        self._callbacks: dict[int, tuple[Callable[[Any], None], Callable[[Exception], None] | None]] = {}
        self._gave_up = False
        self._thread = QThread(self)
        self._thread.setObjectName("posfix-history")
        self._worker = _Worker(self._mailbox)
        self._worker.moveToThread(self._thread)
        self._request.connect(self._worker.run)
        self._worker.done.connect(self._on_done)
        if on_thread_end is not None:
            # finished is emitted on the worker thread itself; a direct connection runs it there
            self._thread.finished.connect(_guarded(on_thread_end), Qt.ConnectionType.DirectConnection)
        self._thread.finished.connect(self._worker.deleteLater)
        self._thread.start()
        app = QCoreApplication.instance()
        if app is not None:  # never leave a running QThread behind at exit
            app.aboutToQuit.connect(self.drain if drain_on_quit else self.stop)

    @property
    def pending(self) -> int:
        return len(self._callbacks)

    @property
    def stuck(self) -> bool:
        """True while a thread that stop() or drain() gave up waiting for is still running."""
        return self._gave_up and self._thread.isRunning()

    def _end_thread(self) -> None:
        """Let the thread finish the call in flight and end; give up after EXIT_WAIT_MS (once)."""
        if self._gave_up or not self._thread.isRunning():
            return
        self._thread.quit()
        if not self._thread.wait(EXIT_WAIT_MS):
            self._gave_up = True
            queued = len(self._mailbox.requests)
            self._callbacks.clear()
            self._mailbox.clear()
            log.error("the history thread did not finish its current call within %.1f s; "
                      "%d queued call(s) dropped", EXIT_WAIT_MS / 1000, queued)

    def submit(self, fn: Callable[[], Any], on_done: Callable[[Any], None],
               on_error: Callable[[Exception], None] | None = None) -> int:
        ticket = next(self._tickets)
        self._callbacks[ticket] = (on_done, on_error)
        self._mailbox.put_request(ticket, fn)
        self._request.emit(ticket)
        return ticket

    def _on_done(self, ticket: int) -> None:
        result, error = self._mailbox.take_result(ticket)
        on_done, on_error = self._callbacks.pop(ticket, (None, None))
        if error is not None:
            if on_error is not None:
                on_error(error)
        elif on_done is not None:
            on_done(result)
        if not self._callbacks:
            self.idle.emit()

    def stop(self) -> None:
        """Finish the query in flight, drop the rest, stop the thread."""
        self._callbacks.clear()
        self._mailbox.clear()
        self._end_thread()

    def drain(self) -> None:
        """Finish everything submitted, in order, then stop: the thread finishes the call in flight,
        the calls still queued then run here on the caller's thread, and every callback is called
        (work a callback submits meanwhile runs too). For writes that must not be lost at exit (the
        run abandoned when the window closes)."""
        self._end_thread()
        while self._callbacks and not self._gave_up:
            ticket = min(self._callbacks)
            self._mailbox.run(ticket)  # unless the thread already did
            self._on_done(ticket)

    def call(self, fn: Callable[[], Any], timeout_s: float = 20.0) -> Any:
        """Run ``fn`` on the worker thread after everything queued before it and wait for its result
        (raises what it raised, or TimeoutError). For a caller that must see its earlier writes done."""
        from PySide6.QtCore import QEventLoop, QTimer

        box: dict[str, Any] = {}
        loop = QEventLoop()

        def done(result: Any) -> None:
            box["result"] = result
            loop.quit()

        def failed(exc: Exception) -> None:
            box["error"] = exc
            loop.quit()

        self.submit(fn, done, failed)
        if not box:
            timer = QTimer()
            timer.setSingleShot(True)
            timer.timeout.connect(loop.quit)
            timer.start(int(timeout_s * 1000))
            loop.exec()
            timer.stop()
        if "error" in box:
            raise box["error"]
        if "result" not in box:
            raise TimeoutError(f"the history thread did not answer within {timeout_s} s")
        return box["result"]
