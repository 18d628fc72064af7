"""The history store: recording runs, filters, paging, statistics, hints, export, archive."""

from __future__ import annotations

import csv
import io
import sqlite3
import sys
from datetime import UTC, date, datetime, timedelta

import pytest

from posfix_gui.history import HistoryError, HistoryStore, IncidentFilter
from posfix_gui.history.sample import generate
from posfix_gui.wizard import Answer
from tests.history.history_helpers import FakeClock, make_run

DAY = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)  # 11:00 in China, same local day on any tz from -3 to +14


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(DAY + timedelta(hours=1))


@pytest.fixture
def store(tmp_path, clock):
    s = HistoryStore.open(tmp_path / "data", clock=clock.ts)
    yield s
    s.close()


def test_record_saves_at_start_and_updates_each_answer(store):
    run = make_run(None, answers=())
    run.on_change.append(store.record)
    run.start()
    inc = store.get_run(run.run_id)
    assert inc is not None and inc.outcome == "in_progress" and inc.answers == ()
    run.answer(Answer.NOT_FIXED)
    inc = store.get_run(run.run_id)
    assert [a.answer for a in inc.answers] == ["not_fixed"] and inc.outcome == "in_progress"
    run.answer(Answer.FIXED)
    inc = store.get_run(run.run_id)
    assert inc.outcome == "fixed" and inc.fixed_at_step == 2 and inc.ended_at is not None
    assert store.count() == 1  # upsert, not a new row per change
    assert inc.outcome_text("zh") == "第 2 步解决" and inc.outcome_text("en") == "Fixed at step 2"


def test_titles_are_kept_as_they_were(store):
    make_run(store, title_zh="旧标题", title_en="Old title")
    make_run(store, title_zh="新标题", title_en="New title", at=DAY + timedelta(minutes=5))
    titles = sorted(i.title_zh for i in store.page())
    assert titles == ["新标题", "旧标题"]


def test_outcomes_escalated_and_abandoned(store):
    esc = make_run(store, answers=[Answer.NOT_FIXED, Answer.SKIPPED, Answer.NOT_FIXED])
    ab = make_run(store, answers=[Answer.NOT_FIXED])
    ab.abandon()
    assert store.get_run(esc.run_id).outcome == "escalated"
    assert store.get_run(ab.run_id).outcome == "abandoned"


def _seed(store):
    make_run(store, entry="unionpay:51", till="收银台1", operator="王", answers=[Answer.FIXED], at=DAY)
    make_run(store, entry="unionpay:51", till="收银台2", operator="李",
             answers=[Answer.NOT_FIXED, Answer.FIXED], at=DAY + timedelta(minutes=10))
    make_run(store, entry="unionpay:96", title_zh="系统故障", title_en="System malfunction", till="收银台2",
             answers=[Answer.NOT_FIXED] * 3, at=DAY + timedelta(minutes=20))
    make_run(store, entry="wechatpay:SYSTEMERROR", title_zh="系统超时", title_en="System error",
             till="收银台1", answers=[Answer.NOT_FIXED, Answer.NOT_FIXED, Answer.FIXED],
             at=DAY - timedelta(days=3))


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (IncidentFilter(), 4),
        (IncidentFilter(till="收银台2"), 2),
        (IncidentFilter(operator="王"), 1),
        (IncidentFilter(outcome="escalated"), 1),
        (IncidentFilter(outcome="fixed"), 3),
        (IncidentFilter(scheme="wechatpay"), 1),
        (IncidentFilter(text="51"), 2),  # exact code
        (IncidentFilter(text="系统"), 2),  # title substring
        (IncidentFilter(text="systemerror"), 1),  # code, any case
        (IncidentFilter(text="malfunction"), 1),  # English title
        (IncidentFilter(text="不存在"), 0),
        (IncidentFilter(entry_ids=("unionpay:96", "wechatpay:SYSTEMERROR")), 2),  # a category
        (IncidentFilter(entry_ids=()), 0),
        (IncidentFilter(entry_ids=("unionpay:51",), text="系统"), 0),
        (IncidentFilter(date_from=(DAY - timedelta(days=1)).astimezone().date()), 3),
        (IncidentFilter(date_to=(DAY - timedelta(days=1)).astimezone().date()), 1),
        (IncidentFilter(text="%"), 0),  # LIKE wildcards are literal
    ],
)
def test_filters(store, flt, expected):
    _seed(store)
    assert store.count(flt) == expected
    assert len(store.page(flt)) == expected
    assert store.stats(flt).count == expected


def test_paging_and_sorting(store):
    for i in range(25):
        make_run(store, entry=f"unionpay:{i:02d}", at=DAY + timedelta(minutes=i))
    newest = store.page(limit=10)
    assert [i.code for i in newest] == [f"{i:02d}" for i in range(24, 14, -1)]
    second = store.page(limit=10, offset=10)
    assert [i.code for i in second] == [f"{i:02d}" for i in range(14, 4, -1)]
    by_code = store.page(sort="code", descending=False, limit=3)
    assert [i.code for i in by_code] == ["00", "01", "02"]
    assert len(store.page(offset=20, limit=10)) == 5


def test_stats(store):
    _seed(store)
    flt = IncidentFilter(date_from=(DAY - timedelta(days=3)).astimezone().date(),
                         date_to=DAY.astimezone().date())
    st = store.stats(flt)
    assert (st.count, st.fixed, st.escalated, st.abandoned) == (4, 3, 1, 0)
    assert st.fixed_rate == pytest.approx(0.75) and st.escalation_rate == pytest.approx(0.25)
    assert st.median_fix_seconds == pytest.approx(60)  # fixes took 30, 60 and 90 s
    assert st.top_codes[0].entry_id == "unionpay:51" and st.top_codes[0].count == 2
    assert st.top_codes[0].title_zh == "余额不足"
    assert [n for _, n in st.per_day] == [1, 0, 0, 3]  # gaps filled
    assert store.stats().to_dict()["count"] == 4


def test_stats_of_empty_set(store):
    st = store.stats()
    assert st.count == 0 and st.median_fix_seconds is None and st.top_codes == () and st.per_day == ()
    assert st.fixed_rate == 0.0


def test_recurring_hints_group_by_till_and_category(store, clock):
    for i in range(5):
        make_run(store, entry="unionpay:96" if i % 2 else "unionpay:91", till="收银台2",
                 at=DAY - timedelta(days=i))
    make_run(store, entry="unionpay:96", till="收银台2", at=DAY - timedelta(days=9))  # too old
    make_run(store, entry="unionpay:51", till="收银台1", at=DAY)

    def group_of(entry_id):
        net = entry_id in ("unionpay:96", "unionpay:91")
        return [("network", "网络故障", "network faults")] if net else []

    hints = store.recurring_hints(threshold=3, group_of=group_of)
    assert len(hints) == 1
    assert hints[0].text("zh") == "收银台2：近7天「网络故障」5 次"
    assert hints[0].text("en") == "收银台2: network faults, 5 times in the last 7 days"
    assert [(h.key, h.count) for h in store.recurring_hints(threshold=3)] == [("unionpay:91", 3)]
    by_code = store.recurring_hints(threshold=2)
    assert {(h.till, h.key, h.count) for h in by_code} == {("收银台2", "unionpay:91", 3),
                                                        ("收银台2", "unionpay:96", 2)}


def test_recent_on_till(store, clock):
    for i in range(4):
        make_run(store, till="收银台1", at=DAY - timedelta(days=i * 2))  # 0, 2, 4, 6 days ago
    make_run(store, till="收银台2", at=DAY)
    current = make_run(store, till="收银台1", at=DAY + timedelta(minutes=30), answers=())
    rec = store.recent_on_till("unionpay:51", "收银台1", exclude_run=current.run_id)
    assert rec.count == 4 and len(rec.recent) == 4
    assert rec.recent[0].started_at > rec.recent[-1].started_at
    assert rec.text("zh") == "本收银台近 7 天出现此代码 4 次"
    assert store.recent_on_till("unionpay:51", "收银台1", days=3).count == 3  # includes the current run


def test_export_csv_utf8_bom_and_content(store, tmp_path):
    _seed(store)
    run = make_run(store, entry="alipay:ACQ.TRADE_HAS_CLOSE", title_zh="交易已关闭", till="=cmd()",
                   at=DAY + timedelta(hours=1))
    store.set_manager_note(store.get_run(run.run_id).id, "已培训，逗号,引号\"换行\n也行")
    out = tmp_path / "导出.csv"
    n = store.export_csv(out, IncidentFilter(date_from=DAY.astimezone().date()))
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert n == 4 and len(rows) == 5
    assert rows[0][:4] == ["编号", "开始时间", "结束时间", "收银台"]
    last = rows[-1]
    assert last[8] == "交易已关闭" and last[3] == "'=cmd()"  # formula neutralised
    assert last[-1] == "已培训，逗号,引号\"换行\n也行"
    assert {r[10] for r in rows[1:]} >= {"第 1 步解决", "已上报"}
    assert not list(tmp_path.glob("*.part"))


def test_export_to_unwritable_place_is_a_clear_error(store, tmp_path):
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    with pytest.raises(HistoryError) as err:
        store.export_csv(blocker / "sub" / "out.csv")
    assert "导出失败" in err.value.text("zh") and "Export failed" in err.value.text("en")


def test_archive_and_delete_before(store):
    _seed(store)
    cut = DAY.astimezone().date()
    assert store.archive_before(cut) == 1
    assert store.count() == 3 and store.archived_count() == 1
    assert store.delete_before(cut + timedelta(days=1)) == 4  # 3 live + 1 archived
    assert store.count() == 0 and store.archived_count() == 0


def test_archive_keeps_runs_in_progress(store):
    run = make_run(store, answers=(), at=DAY - timedelta(days=30))
    assert store.archive_before(DAY.date()) == 0
    assert store.get_run(run.run_id).outcome == "in_progress"


def test_manager_note_is_not_overwritten_by_later_answers(store):
    run = make_run(store, answers=[Answer.NOT_FIXED])
    store.set_manager_note(store.get_run(run.run_id).id, "看过了")
    run.answer(Answer.FIXED)
    assert store.get_run(run.run_id).manager_note == "看过了"


def test_runs_of_a_closed_session_show_as_abandoned(tmp_path, clock):
    first = HistoryStore.open(tmp_path, clock=clock.ts)
    run = make_run(first, answers=[Answer.NOT_FIXED])
    still_open = HistoryStore.open(tmp_path, clock=clock.ts)
    assert still_open.interrupted == ()  # its owner is alive: left alone
    assert still_open.get_run(run.run_id).outcome == "in_progress"
    still_open.close()
    first.close()  # the app closed mid-run
    again = HistoryStore.open(tmp_path, clock=clock.ts)
    try:
        inc = again.get_run(run.run_id)
        assert inc.outcome == "abandoned" and inc.ended_at is not None
        assert [i.run_id for i in again.interrupted] == [run.run_id]
        assert [a.answer for a in inc.answers] == ["not_fixed"]  # nothing lost
    finally:
        again.close()


def test_distinct_values(store):
    _seed(store)
    assert store.distinct_values("till") == ["收银台1", "收银台2"]
    assert store.distinct_values("operator") == ["李", "王"]
    assert store.distinct_values("scheme") == ["unionpay", "wechatpay"]


def test_settings_in_wal_full_and_busy_timeout(store):
    conn = sqlite3.connect(store.path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        conn.close()
    own = store._conn()
    assert own.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert own.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    assert store.integrity_check() == "ok"


def test_closed_store_refuses_cleanly(tmp_path):
    s = HistoryStore.open(tmp_path)
    s.close()
    s.close()
    with pytest.raises(HistoryError):
        s.count()


def test_release_connection_closes_this_threads_connection_and_the_store_stays_usable(store):
    import threading

    make_run(store)
    mine = store._conn()
    store.release_connection()
    with pytest.raises(sqlite3.ProgrammingError):  # really closed, not just forgotten
        mine.execute("SELECT 1")
    store.release_connection()  # nothing to release: no error

    seen: list[int] = []
    worker = threading.Thread(target=lambda: seen.append(store.count()))  # another thread reads on
    worker.start()
    worker.join()
    assert seen == [1]
    assert store.count() == 1  # and this thread gets a fresh connection when it asks again
    assert store._conn() is not mine


def test_date_type_accepted(store):
    assert store.count(IncidentFilter(date_from=date(2000, 1, 1), date_to=date(2000, 1, 2))) == 0


def test_listener_never_raises(tmp_path, clock):
    s = HistoryStore.open(tmp_path, clock=clock.ts)
    errors = []
    listen = s.listener(errors.append)
    run = make_run(None, answers=())
    run.on_change.append(listen)
    run.start()
    assert s.get_run(run.run_id) is not None and errors == []
    s.close()
    run.answer(Answer.FIXED)  # the store is gone: the wizard still moves on
    assert run.finished and len(errors) == 1 and "关闭" in errors[0].text("zh")


def test_small_database_checked_at_open(tmp_path):
    HistoryStore.open(tmp_path).close()
    with HistoryStore.open(tmp_path) as s:
        assert s.checked_at_open and s.quick_check() == "ok"


def test_big_database_checked_only_after_a_crash(tmp_path, monkeypatch):
    from posfix_gui.history import store as store_module

    monkeypatch.setattr(store_module, "QUICK_CHECK_MAX_BYTES", 0)  # every database counts as big
    HistoryStore.open(tmp_path).close()
    with HistoryStore.open(tmp_path) as clean:
        assert not clean.checked_at_open  # closed cleanly last time: check later, in the background
    crashed = HistoryStore.open(tmp_path)
    crashed._session_lock.release(remove=False)  # as if the process died: lock file left, nobody holds it
    try:
        with HistoryStore.open(tmp_path) as after:
            assert after.checked_at_open
    finally:
        crashed.close()


@pytest.mark.parametrize(("count", "words"), [(1, "once"), (2, "twice"), (7, "7 times")])
def test_english_counts_read_as_words(count: int, words: str) -> None:
    from posfix_gui.history import RecentOnTill, RecurringHint

    hint = RecurringHint("收银台2", "network", "网络连接", "network faults", count, 7)
    assert hint.text("en") == f"收银台2: network faults, {words} in the last 7 days"
    assert hint.text("zh") == f"收银台2：近7天「网络连接」{count} 次"
    recent = RecentOnTill(count, 7, ())
    assert recent.text("en") == f"This code happened {words} on this till in the last 7 days"
    assert recent.text("zh") == f"本收银台近 7 天出现此代码 {count} 次"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads SQLite's memory counter through ctypes")
def test_the_open_lets_go_of_the_pages_its_check_read(tmp_path, clock):
    """quick_check at open reads every page into the connection's cache (up to 2 MB); the open
    gives that memory back instead of keeping it for the whole session."""
    import ctypes
    import ctypes.util

    lib = ctypes.CDLL(ctypes.util.find_library("sqlite3"))
    lib.sqlite3_memory_used.restype = ctypes.c_int64
    with HistoryStore.open(tmp_path / "data", clock=clock.ts) as s:
        generate(s, 3000, days=30, seed=5)
    before = lib.sqlite3_memory_used()
    with HistoryStore.open(tmp_path / "data", clock=clock.ts) as s:
        assert s.checked_at_open  # a small database: checked at open, every page read
        held = lib.sqlite3_memory_used() - before
        assert held < 600_000, held  # the schema and a few pages, not the whole file
        assert s.count() == 3000
