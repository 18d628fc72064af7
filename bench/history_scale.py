"""History at scale: generate N incidents (default 1 000 000) and time what the manager view does.

    .venv/bin/python bench/history_scale.py [--count 1000000] [--days 730] [--dir DIR] [--keep]

With ``--dir DIR`` an existing history of at least ``--count`` incidents is reused (generate once
with ``--dir DIR --keep``); an older-schema one is migrated at the first open (timed, shown).

Reports (median of several runs, warm cache) the time to open the store, to fetch the view's first
page, to apply filters, to compute the statistics, plus the database size. Target <= 100 ms each.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from posfix_gui.history import HistoryStore, IncidentFilter  # noqa: E402
from posfix_gui.history.sample import generate  # noqa: E402


def timed(fn: Callable[[], object], repeat: int = 5) -> float:
    """Median wall time in ms over ``repeat`` runs (after one warm-up)."""
    fn()
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    return statistics.median(samples)


def record_run(store: HistoryStore) -> float:
    """Record one wizard run at the counter (start, not fixed, fixed): total ms of the 3 writes."""
    from posfix_gui.wizard import Answer, WizardRun

    run = WizardRun(entry_id="unionpay:00", code="00", title_zh="余额不足0", title_en="Fault 0", step_count=3,
                    till="收银台1", operator="王芳")
    spent = 0.0

    def rec(r: object) -> None:
        nonlocal spent
        t0 = time.perf_counter()
        store.record(r)
        spent += (time.perf_counter() - t0) * 1000

    run.on_change.append(rec)
    run.start()
    run.answer(Answer.NOT_FIXED)
    run.answer(Answer.FIXED)
    return spent


def qt_timings(store: HistoryStore, flt: IncidentFilter) -> list[tuple[str, float]]:
    """Through the real table model and worker thread: filter set -> first page on screen."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from posfix_gui.qtmodels.history_model import HistoryTableModel, QueryRunner

    app = QApplication.instance() or QApplication([])
    runner = QueryRunner()
    model = HistoryTableModel(store, runner)
    out = []
    for name, f in (("Qt model: first page shown, last 30 days", flt), ("Qt model: first page shown, all time",
                                                                        IncidentFilter())):
        samples = []
        for _ in range(5):
            loop = QEventLoop()
            model.page_loaded.connect(loop.quit)
            QTimer.singleShot(10_000, loop.quit)
            t0 = time.perf_counter()
            model.set_filter(f)
            loop.exec()
            samples.append((time.perf_counter() - t0) * 1000)
            model.page_loaded.disconnect(loop.quit)
        out.append((name, statistics.median(samples)))
    runner.stop()
    del app
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=1_000_000)
    ap.add_argument("--days", type=int, default=730, help="spread the incidents over this many days")
    ap.add_argument("--dir", type=Path, default=None, help="data folder (default: a temporary one)")
    ap.add_argument("--keep", action="store_true", help="keep the generated database")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON too")
    ap.add_argument("--qt", action="store_true", help="also time the Qt table model's first page")
    args = ap.parse_args(argv)

    data_dir = args.dir or Path(tempfile.mkdtemp(prefix="posfix-history-bench-"))
    try:
        t0 = time.perf_counter()
        store = HistoryStore.open(data_dir)
        first_open = time.perf_counter() - t0
        if first_open > 1:
            print(f"first open took {first_open:.1f} s (schema migration of an existing history)")
        if store.count() < args.count:
            secs = generate(store, args.count - store.count(), args.days)
            print(f"generated {args.count:,} incidents in {secs:.1f} s")
        store.close()
        t0 = time.perf_counter()
        store = HistoryStore.open(data_dir)
        open_ms = (time.perf_counter() - t0) * 1000

        today = date.today()
        last30 = IncidentFilter(date_from=today - timedelta(days=29), date_to=today)
        everything = IncidentFilter()
        last365 = IncidentFilter(date_from=today - timedelta(days=364), date_to=today)
        middle = IncidentFilter(date_from=today - timedelta(days=500), date_to=today - timedelta(days=100))
        top_entry = store.stats(last30).top_codes[0].entry_id
        rare_entry = "terminal:99"
        rows: list[tuple[str, float]] = [("open store (quick_check only if <= 64 MB or after a crash)", open_ms)]
        cases: list[tuple[str, Callable[[], object]]] = [
            ("first page, last 30 days (default view)", lambda: store.page(last30, limit=200)),
            ("first page, all time", lambda: store.page(everything, limit=200)),
            ("page 50 (offset 10 000), all time", lambda: store.page(everything, offset=10_000, limit=200)),
            ("first page sorted by code, last 30 days",
             lambda: store.page(last30, sort="code", descending=False, limit=200)),
            ("filter text '余额', last 30 days", lambda: store.page(
                IncidentFilter(date_from=last30.date_from, text="余额"), limit=200)),
            ("filter till, all time", lambda: store.page(IncidentFilter(till="收银台3"), limit=200)),
            ("filter one rare code, all time",
             lambda: store.page(IncidentFilter(entry_ids=(rare_entry,)), limit=200)),
            ("filter operator, all time", lambda: store.page(IncidentFilter(operator="赵敏"), limit=200)),
            ("count, last 30 days", lambda: store.count(last30)),
            ("statistics, last 30 days", lambda: store.stats(last30)),
            ("statistics, last 7 days, one till",
             lambda: store.stats(IncidentFilter(date_from=today - timedelta(days=6), till="收银台2"))),
            ("statistics, top code, all time", lambda: store.stats(IncidentFilter(entry_ids=(top_entry,)))),
            ("statistics, all time", lambda: store.stats(everything)),
            ("statistics, one till, all time", lambda: store.stats(IncidentFilter(till="收银台3"))),
            ("statistics, one scheme, all time", lambda: store.stats(IncidentFilter(scheme="alipay"))),
            ("statistics, outcome fixed, all time", lambda: store.stats(IncidentFilter(outcome="fixed"))),
            ("statistics, outcome escalated, all time",
             lambda: store.stats(IncidentFilter(outcome="escalated"))),
            ("statistics, one rare code, all time", lambda: store.stats(IncidentFilter(entry_ids=(rare_entry,)))),
            ("statistics, last 365 days", lambda: store.stats(last365)),
            ("statistics, 500 to 100 days ago", lambda: store.stats(middle)),
            ("statistics, text '余额' (38 codes), all time", lambda: store.stats(IncidentFilter(text="余额"))),
            ("statistics, one operator, all time", lambda: store.stats(IncidentFilter(operator="赵敏"))),
            ("statistics, one till, last 365 days",
             lambda: store.stats(IncidentFilter(date_from=last365.date_from, till="收银台3"))),
            ("statistics, one scheme, last 365 days",
             lambda: store.stats(IncidentFilter(date_from=last365.date_from, scheme="alipay"))),
            ("statistics, one operator, last 365 days (no rollup: scan path)",
             lambda: store.stats(IncidentFilter(date_from=last365.date_from, operator="赵敏"))),
            ("statistics, till + code, all time (no rollup: scan path)",
             lambda: store.stats(IncidentFilter(till="收银台3", entry_ids=(top_entry,)))),
            ("record(): one run, 3 writes (start, 2 answers), per write", lambda: record_run(store) / 3),
            ("recurring hints (last 7 days)", lambda: store.recurring_hints(threshold=50)),
            ("counter view: code on till, 7 days",
             lambda: store.recent_on_till(top_entry, "收银台2")),
            ("quick_check (run in the background when big)", lambda: store.quick_check()),
        ]
        for name, fn in cases:
            if name.startswith("record()"):
                rows.append((name, statistics.median(float(fn()) for _ in range(5))))  # type: ignore[arg-type]
                continue
            rows.append((name, timed(fn, repeat=1 if "quick_check" in name or "scan path" in name else 5)))
        if args.qt:
            rows += qt_timings(store, last30)
        store.close()
        size = sum(p.stat().st_size for p in data_dir.glob("history.sqlite*"))
        width = max(len(n) for n, _ in rows)
        print(f"\nhistory with {args.count:,} incidents over {args.days} days, SQLite "
              f"{__import__('sqlite3').sqlite_version}, {datetime.now():%Y-%m-%d}")
        print(f"{'operation':<{width}}  {'ms':>8}  target")
        print("-" * (width + 20))
        for name, ms in rows:
            mark = "ok" if ms <= 100 else "OVER"
            print(f"{name:<{width}}  {ms:8.1f}  {mark}")
        print(f"{'database size':<{width}}  {size / 1e6:8.1f} MB")
        if args.json:
            print(json.dumps({"rows": dict(rows), "size_bytes": size}, ensure_ascii=False))
    finally:
        if not args.keep and args.dir is None:
            shutil.rmtree(data_dir, ignore_errors=True)
        elif args.keep:
            print(f"kept {data_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
