"""Search off the GUI thread; the latest query wins.

One ``QThread`` runs a :class:`_SearchWorker` that holds its own reference to the catalogue (the
catalogue gives each thread its own read-only SQLite connection). Every query gets a generation
number; the worker skips queries that are already stale when it picks them up, and the controller
drops any result whose generation is not the latest. So typing fast never queues up work and an old
result never overwrites a newer one.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any, Protocol

from PySide6.QtCore import QObject, QThread, Signal, Slot

from posfix_gui.catalogue.model import SearchResult

log = logging.getLogger(__name__)


class Searchable(Protocol):
    def search(self, query: str, limit: int = 20, preferred_scheme: str | None = None) -> list[SearchResult]: ...


class _Latest:
    """The newest generation asked for, shared with the worker thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._value = 0

    def bump(self) -> int:
        with self._lock:
            self._value += 1
            return self._value

    @property
    def value(self) -> int:
        with self._lock:
            return self._value


class _SearchWorker(QObject):
    done = Signal(int, str, object, float)  # generation, query, results, ms
    failed = Signal(int, str, str)  # generation, query, message

    def __init__(self, catalogue: Searchable, latest: _Latest, limit: int) -> None:
        super().__init__()
        self._catalogue = catalogue
        self._latest = latest
        self._limit = limit

    @Slot(int, str, str)
    def run(self, generation: int, query: str, preferred: str) -> None:
        if generation != self._latest.value:
            return  # a newer query is already waiting
        start = time.perf_counter()
        try:
            results = self._catalogue.search(query, limit=self._limit, preferred_scheme=preferred or None)
        except Exception as exc:  # noqa: BLE001 - reported to the GUI, logged with traceback
            log.exception("search failed for %r", query)
            self.failed.emit(generation, query, str(exc))
            return
        self.done.emit(generation, query, results, (time.perf_counter() - start) * 1000)


class SearchController(QObject):
    """Ask with :meth:`search`; ``results_ready`` fires only for the latest query."""

    results_ready = Signal(str, object)  # query, list[SearchResult]
    search_failed = Signal(str, str)  # query, message
    _request = Signal(int, str, str)

    def __init__(self, catalogue: Searchable, limit: int = 50, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._latest = _Latest()
        self._thread = QThread(self)
        self._thread.setObjectName("posfix-search")
        self._worker = _SearchWorker(catalogue, self._latest, limit)
        self._worker.moveToThread(self._thread)
        self._request.connect(self._worker.run)
        self._worker.done.connect(self._on_done)
        self._worker.failed.connect(self._on_failed)
        self._thread.finished.connect(self._worker.deleteLater)
        self._thread.start()
        self.last_ms: float = 0.0
        self.pending = False

    def search(self, query: str, preferred_scheme: str = "") -> int:
        """Queue a search; returns its generation number."""
        generation = self._latest.bump()
        self.pending = True
        self._request.emit(generation, query, preferred_scheme)
        return generation

    def cancel(self) -> None:
        """Forget any search in flight (its result will be dropped)."""
        self._latest.bump()
        self.pending = False

    def _on_done(self, generation: int, query: str, results: Any, ms: float) -> None:
        if generation != self._latest.value:
            return
        self.pending = False
        self.last_ms = ms
        self.results_ready.emit(query, results)

    def _on_failed(self, generation: int, query: str, message: str) -> None:
        if generation != self._latest.value:
            return
        self.pending = False
        self.search_failed.emit(query, message)

    def stop(self) -> None:
        """Stop the worker thread and wait for it (call before the app quits)."""
        if self._thread.isRunning():
            self._latest.bump()
            self._thread.quit()
            self._thread.wait(5000)
