"""Search runs off the GUI thread and only the latest query's results arrive."""

from __future__ import annotations

import threading
import time

from posfix_gui.catalogue.model import SearchResult
from posfix_gui.ui.worker import SearchController


class SlowCatalogue:
    """Answers after a delay, recording which thread asked."""

    def __init__(self, delay: float = 0.05) -> None:
        self.delay = delay
        self.queries: list[str] = []
        self.threads: set[int] = set()

    def search(self, query: str, limit: int = 20, preferred_scheme: str | None = None) -> list[SearchResult]:
        self.queries.append(query)
        self.threads.add(threading.get_ident())
        time.sleep(self.delay)
        if query == "boom":
            raise RuntimeError("disk on fire")
        return [SearchResult(f"x:{query}", "x", query, query, query, 1.0)]


def test_latest_query_wins_and_runs_off_the_gui_thread(qtbot):
    cat = SlowCatalogue()
    ctl = SearchController(cat)
    got: list[str] = []
    ctl.results_ready.connect(lambda q, results: got.append(q))
    try:
        with qtbot.waitSignal(ctl.results_ready, timeout=5000, check_params_cb=lambda q, r: q == "5123"):
            for q in ("5", "51", "512", "5123"):
                ctl.search(q)
        qtbot.wait(150)  # nothing stale may arrive afterwards
        assert got == ["5123"]
        assert threading.get_ident() not in cat.threads
        assert len(cat.queries) < 4  # stale queries were skipped, not run
    finally:
        ctl.stop()


def test_cancel_drops_the_result_in_flight(qtbot):
    ctl = SearchController(SlowCatalogue(delay=0.1))
    try:
        with qtbot.assertNotEmitted(ctl.results_ready, wait=300):
            ctl.search("51")
            ctl.cancel()
    finally:
        ctl.stop()


def test_failure_is_reported_not_raised(qtbot):
    ctl = SearchController(SlowCatalogue(delay=0))
    try:
        with qtbot.waitSignal(ctl.search_failed, timeout=5000) as blocker:
            ctl.search("boom")
        assert blocker.args == ["boom", "disk on fire"]
    finally:
        ctl.stop()


def test_the_search_thread_keeps_one_catalogue_connection_however_many_searches(qtbot, catalogue_path):
    """Qt's worker thread gets a fresh Python thread state for every call; keyed by threading.local,
    each keystroke used to open (and keep) a new connection."""
    from posfix_gui.catalogue import open_catalogue

    cat = open_catalogue(catalogue_path)
    ctl = SearchController(cat)
    try:
        assert cat.connection_count == 1  # the GUI thread's, from the open
        for q in ("5", "51", "A0", "余额", "打印", "USERPAYING", "05", "91", "96", "14"):
            with qtbot.waitSignal(ctl.results_ready, timeout=5000, check_params_cb=lambda got, r, q=q: got == q):
                ctl.search(q)
        assert cat.connection_count == 2  # plus the search thread's: one, not one per search
    finally:
        ctl.stop()
        cat.close()
