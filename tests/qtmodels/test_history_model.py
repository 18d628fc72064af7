"""The lazy incidents table model: pages in the background, fetch-more, sorting, filters."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt

from posfix_gui.history import HistoryStore, IncidentFilter
from posfix_gui.history.sample import generate
from posfix_gui.qtmodels.history_model import COLUMNS, INCIDENT_ROLE, HistoryTableModel, QueryRunner

COUNT = 450
CODE_COL = [k for k, _, _ in COLUMNS].index("code")
TILL_COL = [k for k, _, _ in COLUMNS].index("till")


@pytest.fixture
def store(tmp_path) -> Iterator[HistoryStore]:
    s = HistoryStore.open(tmp_path)
    generate(s, COUNT, days=20, seed=3)
    yield s
    s.close()


@pytest.fixture
def runner(qapp) -> Iterator[QueryRunner]:
    r = QueryRunner()
    yield r
    r.stop()


@pytest.fixture
def model(qtbot, store, runner) -> HistoryTableModel:
    m = HistoryTableModel(store, runner, "zh_CN", page_size=100)
    with qtbot.waitSignal(m.page_loaded, timeout=5000):
        m.set_filter(IncidentFilter())
    return m


def _fetch_all(qtbot, m: HistoryTableModel) -> None:
    while m.canFetchMore(QModelIndex()):
        with qtbot.waitSignal(m.page_loaded, timeout=5000):
            m.fetchMore(QModelIndex())


def test_first_page_then_fetch_more(qtbot, model):
    assert model.rowCount() == 100 and model.canFetchMore(QModelIndex())
    with qtbot.waitSignal(model.page_loaded, timeout=5000) as blocker:
        model.fetchMore(QModelIndex())
    assert blocker.args == [200]
    _fetch_all(qtbot, model)
    assert model.rowCount() == COUNT and not model.canFetchMore(QModelIndex())
    started = [model.incident(r).started_at for r in range(model.rowCount())]
    assert started == sorted(started, reverse=True)  # newest first
    assert len({model.incident(r).id for r in range(COUNT)}) == COUNT  # no row twice


def test_passes_qtmodeltester(qtbot, qtmodeltester, model):
    _fetch_all(qtbot, model)
    qtmodeltester.check(model, force_py=True)


def test_passes_qt_model_tester(qtbot, qtmodeltester, model):
    _fetch_all(qtbot, model)
    qtmodeltester.check(model)  # Qt's own QAbstractItemModelTester


def test_display_and_roles(model):
    inc = model.incident(0)
    assert model.data(model.index(0, CODE_COL)) == inc.code
    assert model.data(model.index(0, 0), INCIDENT_ROLE) is inc
    assert model.headerData(0, Qt.Orientation.Horizontal) == "时间"
    model.set_language("en")
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Time"
    assert model.data(model.index(0, 0), Qt.ItemDataRole.DisplayRole) == inc.started_at.astimezone().strftime(
        "%Y-%m-%d %H:%M")
    assert model.data(model.index(COUNT + 5, 0)) is None


def test_sort_by_code(qtbot, model, store):
    with qtbot.waitSignal(model.page_loaded, timeout=5000):
        model.sort(CODE_COL, Qt.SortOrder.AscendingOrder)
    _fetch_all(qtbot, model)
    codes = [model.incident(r).code for r in range(model.rowCount())]
    assert codes == sorted(codes) and model.rowCount() == COUNT
    with qtbot.waitSignal(model.page_loaded, timeout=5000):
        model.sort(CODE_COL, Qt.SortOrder.DescendingOrder)
    assert model.incident(0).code == max(codes)


def test_filter_reloads(qtbot, model, store):
    flt = IncidentFilter(till="收银台2", date_from=date.today() - timedelta(days=5))
    with qtbot.waitSignal(model.page_loaded, timeout=5000):
        model.set_filter(flt)
    _fetch_all(qtbot, model)
    assert model.rowCount() == store.count(flt) > 0
    assert {model.incident(r).till for r in range(model.rowCount())} == {"收银台2"}


def test_latest_filter_wins(qtbot, model, store, runner):
    model.set_filter(IncidentFilter(till="收银台1"))
    model.set_filter(IncidentFilter(till="收银台3"))
    with qtbot.waitSignal(runner.idle, timeout=5000):
        pass
    assert model.rowCount() > 0
    assert {model.incident(r).till for r in range(model.rowCount())} == {"收银台3"}


def test_empty_result(qtbot, model):
    with qtbot.waitSignal(model.page_loaded, timeout=5000) as blocker:
        model.set_filter(IncidentFilter(text="没有这个"))
    assert blocker.args == [0] and model.rowCount() == 0 and not model.canFetchMore(QModelIndex())


def test_error_reported_not_raised(qtbot, model, store):
    store.close()
    with qtbot.waitSignal(model.failed, timeout=5000) as blocker:
        model.reload()
    assert "历史记录已关闭" in blocker.args[0]


def test_the_runner_thread_keeps_one_connection_however_many_calls(qtbot, store, runner):
    """Qt's worker thread gets a fresh Python thread state for every call; keyed by threading.local,
    each history read or save used to open (and keep) a new connection."""
    before = store.connection_count  # the test thread's, from the open and the sample data
    counts = [runner.call(store.count) for _ in range(10)]
    assert counts == [COUNT] * 10
    assert store.connection_count == before + 1
