"""The statistics fast path (rollup tables kept by triggers) gives exactly what a plain count gives.

A few hundred random incidents, recorded through the wizard (insert, then updates per answer) and
in bulk (sample.generate), are compared filter by filter with a straightforward computation in
Python over the raw rows; again after outcome changes, archiving and deleting, and after migrating
a version-2 database.
"""

from __future__ import annotations

import random
import sqlite3
import statistics
from collections import Counter
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

import posfix_gui.history.store as store_mod
from posfix_gui.history import HistoryStore, IncidentFilter, Stats
from posfix_gui.history.sample import generate, synthetic_entries
from posfix_gui.history.schema import MIGRATIONS
from posfix_gui.history.store import DB_NAME, _fill_days, _month_split
from posfix_gui.wizard import Answer
from tests.history.history_helpers import FakeClock, make_run

NOW = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)
ENTRIES = [
    ("unionpay:51", "余额不足", "Insufficient funds"),
    ("unionpay:55", "密码错误", "Wrong PIN"),
    ("unionpay:96", "系统故障", "System fault"),
    ("alipay:ACQ.TRADE_HAS_CLOSE", "交易已关闭", "Trade closed"),
    ("alipay:SYSTEM_ERROR", "系统错误", "System error"),
    ("wechatpay:USERPAYING", "用户支付中", "User paying"),
    ("wechatpay:NOTENOUGH", "余额不足", "Not enough balance"),
    ("pax:E01", "打印机缺纸", "Out of paper"),
]
TILLS = ("收银台1", "收银台2", "收银台3")
SCRIPTS = (  # answers at a 3-step entry, then whether the run is abandoned
    ((Answer.FIXED,), False),
    ((Answer.NOT_FIXED, Answer.FIXED), False),
    ((Answer.SKIPPED, Answer.NOT_FIXED, Answer.FIXED), False),
    ((Answer.NOT_FIXED, Answer.NOT_FIXED, Answer.NOT_FIXED), False),
    ((Answer.NOT_FIXED,), True),
    ((), False),  # left in progress
)


def _record_random(store: HistoryStore, rng: random.Random, n: int) -> list:
    runs = []
    for _ in range(n):
        entry, zh, en = rng.choice(ENTRIES)
        answers, abandon = rng.choice(SCRIPTS)
        at = NOW - timedelta(days=rng.randint(0, 75), hours=rng.randint(0, 12), minutes=rng.randint(0, 59))
        run = make_run(store, entry=entry, title_zh=zh, title_en=en, answers=answers, till=rng.choice(TILLS),
                       operator=rng.choice(("王芳", "李娜", "")), at=at, step_seconds=rng.uniform(5, 90))
        if abandon:
            run.abandon()
        runs.append(run)
    return runs


def _rows(store: HistoryStore) -> list[tuple]:
    conn = sqlite3.connect(store.path)
    try:
        return conn.execute(
            "SELECT entry_id, scheme, outcome, day, fix_seconds, till, operator FROM incidents").fetchall()
    finally:
        conn.close()


def _names(store: HistoryStore) -> dict[str, tuple[str, str, str]]:
    conn = sqlite3.connect(store.path)
    try:
        return {r[0]: r[1:] for r in conn.execute("SELECT entry_id, code, title_zh, title_en FROM entries_seen")}
    finally:
        conn.close()


def _reference(store: HistoryStore, f: IncidentFilter) -> dict:
    """The statistics of ``f`` counted row by row in Python."""
    rows = []
    for entry_id, scheme, outcome, day, fix, till, operator in _rows(store):
        if f.date_from and day < f.date_from.isoformat():
            continue
        if f.date_to and day > f.date_to.isoformat():
            continue
        if f.entry_ids is not None and entry_id not in f.entry_ids:
            continue
        if (f.till and till != f.till) or (f.scheme and scheme != f.scheme) or (
                f.outcome and outcome != f.outcome) or (f.operator and operator != f.operator):
            continue
        rows.append((entry_id, outcome, day, fix))
    outcomes = Counter(r[1] for r in rows)
    fixes = [r[3] for r in rows if r[1] == "fixed" and r[3] is not None]
    names = _names(store)
    codes = Counter(r[0] for r in rows)
    top = sorted(codes.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
    return {
        "count": len(rows), "fixed": outcomes["fixed"], "escalated": outcomes["escalated"],
        "abandoned": outcomes["abandoned"], "in_progress": outcomes["in_progress"],
        "median": statistics.median(fixes) if fixes else None,
        "top": [(e, *names.get(e, ("", "", "")), n) for e, n in top],
        "per_day": _fill_days(dict(Counter(r[2] for r in rows)), f.date_from, f.date_to),
    }


def _as_dict(s: Stats) -> dict:
    return {
        "count": s.count, "fixed": s.fixed, "escalated": s.escalated, "abandoned": s.abandoned,
        "in_progress": s.in_progress, "median": s.median_fix_seconds,
        "top": [(c.entry_id, c.code, c.title_zh, c.title_en, c.count) for c in s.top_codes],
        "per_day": list(s.per_day),
    }


def _filters() -> list[IncidentFilter]:
    today = NOW.date()
    ranges = [
        (today - timedelta(days=29), today),
        (date(2026, 10, 1), date(2026, 10, 31)),  # one whole month
        (date(2026, 9, 15), date(2026, 11, 3)),  # edges on both sides of a whole month
        (date(2026, 10, 5), date(2026, 10, 20)),  # inside one month
        (date(2026, 9, 30), date(2026, 10, 1)),  # across a month end, no whole month
        (date(2026, 10, 1), None), (None, date(2026, 9, 30)), (None, date(2026, 10, 10)),
        (date(2026, 11, 20), date(2026, 11, 20)),
    ]
    out = [IncidentFilter()]
    out += [IncidentFilter(date_from=a, date_to=b) for a, b in ranges]
    out += [IncidentFilter(date_from=a, date_to=b, outcome="fixed") for a, b in ranges[:3]]
    for outcome in ("", "fixed", "escalated", "abandoned", "in_progress"):
        out += [
            IncidentFilter(outcome=outcome),
            IncidentFilter(entry_ids=("unionpay:51",), outcome=outcome),
            IncidentFilter(entry_ids=("unionpay:51", "alipay:SYSTEM_ERROR", "pax:E01"), outcome=outcome),
            IncidentFilter(till="收银台2", outcome=outcome),
            IncidentFilter(scheme="alipay", outcome=outcome),
        ]
    out += [
        IncidentFilter(entry_ids=("unionpay:51",), date_from=date(2026, 10, 3), date_to=date(2026, 11, 10)),
        IncidentFilter(entry_ids=("nothing:here",)),
        IncidentFilter(till="no such till"),
        *[IncidentFilter(till="收银台1", date_from=a, date_to=b) for a, b in ranges],
        *[IncidentFilter(scheme="alipay", date_from=a, date_to=b) for a, b in ranges],
        IncidentFilter(scheme="unionpay", date_from=ranges[2][0], date_to=ranges[2][1], outcome="fixed"),
        IncidentFilter(till="收银台2", date_from=ranges[2][0], date_to=ranges[2][1], outcome="escalated"),
        IncidentFilter(operator="王芳"),
        IncidentFilter(operator="李娜", outcome="fixed"),
        IncidentFilter(operator=""),
    ]
    return out + UNCOVERED


UNCOVERED = [  # combinations the rollups do not cover: answered by the scan, same results
    IncidentFilter(entry_ids=()),
    IncidentFilter(scheme="unionpay", till="收银台3"),
    IncidentFilter(operator="王芳", date_to=date(2026, 11, 1)),
    IncidentFilter(operator="王芳", entry_ids=("unionpay:51",)),
]


def _check_all(store: HistoryStore) -> None:
    fast = 0
    for f in _filters():
        want = _reference(store, f)
        assert _as_dict(store.stats(f)) == want, f
        assert _as_dict(store._stats_scan(f, 10)) == want, f
        rolled = store._stats_rollup(f, 10)
        if rolled is not None:
            fast += 1
            assert _as_dict(rolled) == want, f
    assert fast == len(_filters()) - len(UNCOVERED)
    conn = sqlite3.connect(store.path)
    try:
        assert conn.execute("SELECT count(*) FROM stats_day WHERE n <= 0").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM stats_month WHERE n <= 0").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM stats_fix WHERE n <= 0").fetchone()[0] == 0
    finally:
        conn.close()


@pytest.fixture(params=[0, 10**9], ids=["median-index-walk", "median-sort"])
def median_path(request, monkeypatch):
    monkeypatch.setattr(store_mod, "MEDIAN_SORT_MAX", request.param)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW + timedelta(hours=1))


def test_fast_statistics_match_plain_counts_through_changes(tmp_path, clock, median_path):
    rng = random.Random(5)
    store = HistoryStore.open(tmp_path, clock=clock.ts)
    try:
        runs = _record_random(store, rng, 220)
        generate(store, 300, 70, entries=[(e, e.split(":")[0], e.split(":")[1], zh, en) for e, zh, en in ENTRIES]
                 + synthetic_entries(6), tills=TILLS, end_ts=NOW.timestamp(), seed=3)
        assert store.stats().count == 520
        _check_all(store)

        # outcomes change: runs left in progress are fixed (in_progress -> fixed, fix time set)
        for run in [r for r in runs if r.outcome.value == "in_progress"][:25]:
            run.answer(Answer.FIXED)
        _check_all(store)

        # entry, till and operator of an incident change through record() (same run id)
        for run in runs[:6]:
            store.record(replace(run.record(), till="收银台3", entry_id="pax:E01", code="E01", operator="赵敏"))
        _check_all(store)
        # a fixed run saved again with a later end: only its fix time changes
        for run in [r for r in runs if r.outcome.value == "fixed"][:20]:
            rec = run.record()
            store.record(replace(rec, ended_at=rec.ended_at + timedelta(seconds=rng.uniform(1, 400))))
        _check_all(store)
    finally:
        store.close()

    # reopening marks the runs the closed session left in progress as abandoned (an UPDATE)
    left = sum(1 for r in runs if r.outcome.value == "in_progress")
    store = HistoryStore.open(tmp_path, clock=clock.ts)
    try:
        assert len(store.interrupted) == left > 0
        assert store.stats(IncidentFilter(outcome="in_progress")).count == 0
        assert store.stats().median_fix_seconds is not None
        _check_all(store)

        assert store.archive_before(date(2026, 10, 12)) > 0
        _check_all(store)
        assert store.delete_before(date(2026, 10, 25)) > 0
        _check_all(store)
        assert store.delete_before(date(2026, 12, 1)) > 0  # everything
        _check_all(store)
        assert store.stats().count == 0
    finally:
        store.close()


def test_migrated_version_2_database_gets_its_rollups(tmp_path, clock):
    conn = sqlite3.connect(tmp_path / DB_NAME, isolation_level=None)
    MIGRATIONS[0](conn)
    MIGRATIONS[1](conn)
    conn.execute("PRAGMA user_version = 2")
    rng = random.Random(9)
    for i in range(150):
        entry, zh, en = rng.choice(ENTRIES)
        started = (NOW - timedelta(days=rng.randint(0, 60), minutes=rng.randint(0, 600))).timestamp()
        outcome = rng.choice(("fixed", "fixed", "escalated", "abandoned"))
        fix = rng.choice((rng.uniform(-3, 300), 42.0, 7.5)) if outcome == "fixed" else None  # clock steps too
        conn.execute(
            """INSERT INTO incidents (run_id, entry_id, scheme, code, title_zh, title_en, outcome, started_ts,
                   ended_ts, day, fix_seconds, till, updated_ts) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)""",
            (f"r{i}", entry, entry.split(":")[0], entry.split(":")[1], zh, en, outcome, started,
             started + (fix or 30), datetime.fromtimestamp(started).strftime("%Y-%m-%d"), fix,
             rng.choice(TILLS), started),
        )
        conn.execute("INSERT OR REPLACE INTO entries_seen VALUES (?,?,?,?,?)",
                     (entry, entry.split(":")[0], entry.split(":")[1], zh, en))
    conn.close()
    with HistoryStore.open(tmp_path, clock=clock.ts) as store:
        assert store.stats().count == 150
        _check_all(store)
        make_run(store, entry="pax:E01", at=NOW - timedelta(days=2))  # the triggers work after migration
        _check_all(store)


@pytest.mark.parametrize(("lo", "hi", "months", "edges"), [
    (None, None, (None, None), []),
    (date(2026, 10, 1), date(2026, 10, 31), ("2026-10", "2026-10"), []),
    (date(2026, 9, 15), date(2026, 11, 3), ("2026-10", "2026-10"),
     [(date(2026, 9, 15), date(2026, 9, 30)), (date(2026, 11, 1), date(2026, 11, 3))]),
    (date(2026, 10, 5), date(2026, 10, 20), None, [(date(2026, 10, 5), date(2026, 10, 20))]),
    (date(2026, 12, 2), None, ("2027-01", None), [(date(2026, 12, 2), date(2026, 12, 31))]),
    (None, date(2024, 2, 28), (None, "2024-01"), [(date(2024, 2, 1), date(2024, 2, 28))]),
    (None, date(2024, 2, 29), (None, "2024-02"), []),
])
def test_month_split(lo, hi, months, edges):
    assert _month_split(lo, hi) == (months, edges)


def test_dated_scheme_falls_back_when_a_code_was_seen_under_two_schemes(tmp_path, clock):
    with HistoryStore.open(tmp_path, clock=clock.ts) as store:
        _record_random(store, random.Random(2), 40)  # unionpay:51 under its own scheme
        generate(store, 40, 60, entries=[("unionpay:51", "alipay", "51", "余额不足", "Insufficient funds")],
                 tills=TILLS, end_ts=NOW.timestamp(), seed=4)  # ... and under another one
        f = IncidentFilter(scheme="alipay", date_from=date(2026, 10, 9))
        assert store._stats_rollup(f, 10) is None
        assert _as_dict(store.stats(f)) == _reference(store, f)
        whole = IncidentFilter(scheme="alipay", date_from=date(2026, 10, 1), date_to=date(2026, 10, 31))
        assert _as_dict(store._stats_rollup(whole, 10)) == _reference(store, whole)  # no edge days needed
