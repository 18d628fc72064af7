"""The manager view: PIN gate and lockout, filters, statistics, hints, export, archive, notes."""

from __future__ import annotations

import csv
import io
import time
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from posfix_gui.history import HistoryStore, IncidentFilter, PinGate
from posfix_gui.history.sample import generate
from posfix_gui.ui.manager import window as manager_module
from posfix_gui.ui.manager.window import ManagerWindow, open_manager_window

PIN = "2468"
COUNT = 600


class Clock:
    def __init__(self) -> None:
        self.t = time.time()

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def clock() -> Clock:
    return Clock()


def _real_entries(catalogue) -> list[tuple[str, str, str, str, str]]:
    ids: dict[str, tuple[str, str, str, str, str]] = {}
    for cat in ("network", "printer", "issuer_decline", "wechatpay"):
        for r in catalogue.entries_in_category(cat)[:6]:
            ids[r.id] = (r.id, r.scheme, r.code, r.title_zh, r.title_en)
    return list(ids.values())


@pytest.fixture
def store(tmp_path, catalogue) -> Iterator[HistoryStore]:
    s = HistoryStore.open(tmp_path / "hist")
    generate(s, COUNT, days=40, entries=_real_entries(catalogue), tills=("收银台1", "收银台2", "收银台3"),
             operators=("王芳", "李娜"), seed=7)
    yield s
    s.close()


def _window(qtbot, store, catalogue, clock, lang="zh_CN") -> ManagerWindow:
    win = ManagerWindow(store, catalogue, lang, gate=PinGate(store, clock))
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    return win


@pytest.fixture
def locked(qtbot, store, catalogue, clock) -> Iterator[ManagerWindow]:
    PinGate(store, clock).set_pin(PIN)
    win = _window(qtbot, store, catalogue, clock)
    yield win
    win.shutdown()


def _unlock(qtbot, win: ManagerWindow) -> None:
    with qtbot.waitSignal(win.stats_shown, timeout=10_000):
        win.pin_page.pin_edit.setText(PIN)
        win.pin_page.ok_button.click()
    assert win.unlocked


def _wait_idle(qtbot, win: ManagerWindow) -> None:
    if win.runner.pending:
        with qtbot.waitSignal(win.runner.idle, timeout=10_000):
            pass


def _rows(win: ManagerWindow, qtbot) -> list:
    model = win.model
    while model.canFetchMore():
        with qtbot.waitSignal(model.page_loaded, timeout=10_000):
            model.fetchMore()
    return [model.incident(r) for r in range(model.rowCount())]


def _apply(qtbot, win: ManagerWindow) -> None:
    with qtbot.waitSignal(win.stats_shown, timeout=10_000):
        win.apply_filters()
    _wait_idle(qtbot, win)


# -- PIN gate ------------------------------------------------------------------------------------


def test_first_use_sets_pin(qtbot, store, catalogue, clock):
    win = _window(qtbot, store, catalogue, clock)
    try:
        page = win.pin_page
        assert not win.unlocked and page.confirm_edit.isVisible()
        assert "第一次使用" in page.info.text()
        page.pin_edit.setText("1234")
        page.confirm_edit.setText("1235")
        page.ok_button.click()
        assert not win.unlocked and "不一样" in page.message.text()
        page.pin_edit.setText("12")
        page.confirm_edit.setText("12")
        page.ok_button.click()
        assert not win.unlocked and "4 到 8 位数字" in page.message.text()
        with qtbot.waitSignal(win.stats_shown, timeout=10_000):
            page.pin_edit.setText("1234")
            page.confirm_edit.setText("1234")
            page.ok_button.click()
        assert win.unlocked and PinGate(store, clock).verify("1234").ok
    finally:
        win.shutdown()


def test_wrong_pins_lock_with_countdown(qtbot, locked, clock, store):
    page = locked.pin_page
    assert not page.confirm_edit.isVisible()
    for left in (4, 3, 2, 1):
        page.pin_edit.setText("0000")
        page.ok_button.click()
        assert f"还可以再试 {left} 次" in page.message.text()
    page.pin_edit.setText("0000")
    page.ok_button.click()
    assert "60 秒后再试" in page.message.text()
    assert not page.pin_edit.isEnabled() and not page.ok_button.isEnabled()
    clock.t += 25
    page.refresh()
    assert "35 秒后再试" in page.message.text() and not locked.unlocked
    # a restarted window is still locked
    other = ManagerWindow(store, None, gate=PinGate(store, clock))
    qtbot.addWidget(other)
    assert not other.pin_page.pin_edit.isEnabled() and "35 秒" in other.pin_page.message.text()
    other.shutdown()
    clock.t += 36
    page.refresh()
    assert page.pin_edit.isEnabled() and page.message.text() == ""
    _unlock(qtbot, locked)


def test_lock_button_returns_to_pin(qtbot, locked):
    _unlock(qtbot, locked)
    locked.lock_button.click()
    assert not locked.unlocked


# -- table, filters, statistics -------------------------------------------------------------------


def test_default_view_is_last_30_days(qtbot, locked, store):
    _unlock(qtbot, locked)
    _wait_idle(qtbot, locked)
    today = date.today()
    expected = IncidentFilter(date_from=today - timedelta(days=29), date_to=today)
    assert locked.current_filter() == expected
    rows = _rows(locked, qtbot)
    assert len(rows) == store.count(expected) > 0
    assert locked.count_value.text() == str(len(rows))
    assert locked.last_stats is not None and locked.last_stats.count == len(rows)
    assert sum(n for _, n in locked.per_day_chart.data()) == len(rows)
    assert len(locked.per_day_chart.data()) == 30
    assert locked.top_chart.data()[0][1] == locked.last_stats.top_codes[0].count


@pytest.mark.parametrize(
    ("set_filter", "check"),
    [
        (lambda w: w.till_combo.setCurrentIndex(w.till_combo.findData("收银台2")), lambda i: i.till == "收银台2"),
        (lambda w: w.operator_combo.setCurrentIndex(w.operator_combo.findData("李娜")),
         lambda i: i.operator == "李娜"),
        (lambda w: w.outcome_combo.setCurrentIndex(w.outcome_combo.findData("escalated")),
         lambda i: i.outcome == "escalated"),
        (lambda w: w.scheme_combo.setCurrentIndex(w.scheme_combo.findData("wechatpay")),
         lambda i: i.scheme == "wechatpay"),
        (lambda w: w.text_edit.setText("打印"), lambda i: "打印" in i.title_zh or "打印" in i.code),
    ],
)
def test_filters(qtbot, locked, store, set_filter, check):
    _unlock(qtbot, locked)
    set_filter(locked)
    _apply(qtbot, locked)
    rows = _rows(locked, qtbot)
    assert rows and all(check(i) for i in rows)
    assert len(rows) == store.count(locked.current_filter()) == locked.last_stats.count
    assert locked.count_value.text() == str(len(rows))


def test_category_filter_takes_entries_from_catalogue(qtbot, locked, store, catalogue):
    _unlock(qtbot, locked)
    idx = locked.category_combo.findData("network")
    assert idx > 0 and "网络连接" in locked.category_combo.itemText(idx)
    locked.category_combo.setCurrentIndex(idx)
    _apply(qtbot, locked)
    network = {r.id for r in catalogue.entries_in_category("network")}
    rows = _rows(locked, qtbot)
    assert rows and {i.entry_id for i in rows} <= network
    parent = locked.category_combo.findData("device")  # a top category includes its children
    locked.category_combo.setCurrentIndex(parent)
    _apply(qtbot, locked)
    printer = {r.id for r in catalogue.entries_in_category("printer")}
    assert any(i.entry_id in printer for i in _rows(locked, qtbot))


def test_date_range_and_reset(qtbot, locked, store):
    _unlock(qtbot, locked)
    day = date.today() - timedelta(days=3)
    locked.date_from.setDate(day)
    locked.date_to.setDate(day)
    _apply(qtbot, locked)
    rows = _rows(locked, qtbot)
    assert rows and {i.started_at.astimezone().date() for i in rows} == {day}
    assert locked.per_day_chart.data() == [(day.isoformat(), len(rows))]
    with qtbot.waitSignal(locked.stats_shown, timeout=10_000):
        locked.reset_button.click()
    assert locked.current_filter().date_from == date.today() - timedelta(days=29)


def test_reversed_dates_message(qtbot, locked):
    _unlock(qtbot, locked)
    locked.date_from.setDate(date.today())
    locked.date_to.setDate(date.today() - timedelta(days=5))
    locked.apply_filters()
    assert "开始日期晚于结束日期" in locked.message_label.text()


def test_sort_by_clicking_header(qtbot, locked):
    _unlock(qtbot, locked)
    _wait_idle(qtbot, locked)
    code_col = 2
    with qtbot.waitSignal(locked.model.page_loaded, timeout=10_000):
        locked.table.sortByColumn(code_col, Qt.SortOrder.AscendingOrder)
    codes = [i.code for i in _rows(locked, qtbot)]
    assert codes == sorted(codes)


def test_hints_shown(qtbot, store, catalogue, clock):
    PinGate(store, clock).set_pin(PIN)
    win = _window(qtbot, store, catalogue, clock)
    try:
        with qtbot.waitSignal(win.hints_shown, timeout=10_000) as blocker:
            win.pin_page.pin_edit.setText(PIN)
            win.pin_page.ok_button.click()
        hints = blocker.args[0]
        assert hints, "600 incidents over 40 days on 3 tills must repeat"
        assert all(h.count >= 3 for h in hints)
        assert "近7天「" in hints[0].text("zh") and hints[0].till.startswith("收银台")
        _wait_idle(qtbot, win)
    finally:
        win.shutdown()


# -- actions ---------------------------------------------------------------------------------------


def test_export_writes_filtered_csv(qtbot, locked, store, tmp_path, monkeypatch):
    _unlock(qtbot, locked)
    locked.till_combo.setCurrentIndex(locked.till_combo.findData("收银台1"))
    _apply(qtbot, locked)
    target = tmp_path / "导出"
    monkeypatch.setattr(manager_module, "choose_export_path", lambda parent, lang, suggested: str(target))
    with qtbot.waitSignal(locked.message_shown, timeout=10_000,
                          check_params_cb=lambda text: text.startswith("已导出")) as blocker:
        locked.export_button.click()
    out = tmp_path / "导出.csv"
    assert str(out) in blocker.args[0]
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][3] == "收银台"
    assert len(rows) - 1 == store.count(locked.current_filter())
    assert {r[3] for r in rows[1:]} == {"收银台1"}


def test_export_cancelled_does_nothing(qtbot, locked, monkeypatch, tmp_path):
    _unlock(qtbot, locked)
    _wait_idle(qtbot, locked)
    asked = []
    monkeypatch.setattr(manager_module, "choose_export_path", lambda *a: asked.append(a[2]))
    locked.export_button.click()
    assert len(asked) == 1 and asked[0].endswith(".csv")  # a suggested file name was offered
    assert locked.runner.pending == 0 and locked.message_label.text() == ""


def test_archive_needs_pin_again(qtbot, locked, store, clock, monkeypatch):
    _unlock(qtbot, locked)
    cutoff = date.today() - timedelta(days=10)
    before = store.count()
    old = store.count(IncidentFilter(date_to=cutoff - timedelta(days=1)))
    monkeypatch.setattr(manager_module, "ask_archive", lambda parent, lang: (cutoff, "archive"))
    monkeypatch.setattr(manager_module, "ask_pin", lambda parent, lang: "9999")
    locked.archive_button.click()
    assert "PIN 不正确" in locked.message_label.text() and store.count() == before
    monkeypatch.setattr(manager_module, "ask_pin", lambda parent, lang: PIN)
    with qtbot.waitSignal(locked.message_shown, timeout=10_000,
                          check_params_cb=lambda t: t.startswith("已归档")) as blocker:
        locked.archive_button.click()
    assert f"{old} 条" in blocker.args[0]
    assert store.count() == before - old and store.archived_count() == old
    _wait_idle(qtbot, locked)
    monkeypatch.setattr(manager_module, "ask_archive", lambda parent, lang: (cutoff, "delete"))
    with qtbot.waitSignal(locked.message_shown, timeout=10_000, check_params_cb=lambda t: t.startswith("已删除")):
        locked.archive_button.click()
    assert store.archived_count() == 0
    _wait_idle(qtbot, locked)


def test_manager_note(qtbot, locked, store):
    _unlock(qtbot, locked)
    _wait_idle(qtbot, locked)
    assert not locked.save_note_button.isEnabled()
    locked.select_row(0)
    inc = locked.model.incident(0)
    assert locked.save_note_button.isEnabled() and inc.code in locked.detail_label.text()
    locked.note_edit.setPlainText("已联系银联，更换了网线")
    locked.save_note_button.click()
    assert store.get(inc.id).manager_note == "已联系银联，更换了网线"
    assert locked.model.data(locked.model.index(0, 7)) == "已联系银联，更换了网线"
    assert "备注已保存" in locked.message_label.text()


def test_change_pin(qtbot, locked, store, clock, monkeypatch):
    _unlock(qtbot, locked)
    monkeypatch.setattr(manager_module, "ask_new_pin", lambda parent, lang: ("0000", "1357"))
    locked.pin_button.click()
    assert "当前 PIN 不正确" in locked.message_label.text()
    monkeypatch.setattr(manager_module, "ask_new_pin", lambda parent, lang: (PIN, "1357"))
    locked.pin_button.click()
    assert "PIN 已修改" in locked.message_label.text()
    assert PinGate(store, clock).verify("1357").ok
    _wait_idle(qtbot, locked)


def test_english(qtbot, store, catalogue, clock, translators):
    translators.switch("en")
    PinGate(store, clock).set_pin(PIN)
    win = _window(qtbot, store, catalogue, clock, lang="en")
    try:
        assert win.pin_page.ok_button.text() == "Open"
        _unlock(qtbot, win)
        assert win.model.headerData(0, Qt.Orientation.Horizontal) == "Time"
        assert win.export_button.text() == "Export CSV…"
        _wait_idle(qtbot, win)
    finally:
        win.shutdown()


def test_switches_language_live_and_keeps_the_view(qtbot, locked, translators):
    """The main window's language button while the manager looks at something: every text follows,
    and the filters, the selected incident, a note being typed and the unlocked view stay."""
    win = locked
    _unlock(qtbot, win)
    win.outcome_combo.setCurrentIndex(win.outcome_combo.findData("fixed"))
    win.scheme_combo.setCurrentIndex(1)
    scheme = win.scheme_combo.currentData()
    _apply(qtbot, win)
    assert _rows(win, qtbot)
    win.select_row(0)
    win.note_edit.setPlainText("草稿 not saved yet")
    shown = win.model.incident(0)
    flt = win.current_filter()
    assert win.export_button.text() == "导出 CSV…" and win.filter_labels[4].text() == "结果"

    translators.switch("en")
    win.set_language("en")
    assert win.windowTitle() == "POSfix manager: incident history"
    assert [lab.text() for lab in win.filter_labels] == ["Dates", "Find", "Scheme", "Category", "Outcome",
                                                         "Till", "Operator"]
    assert win.export_button.text() == "Export CSV…" and win.stat_labels[0].text() == "Incidents"
    assert win.hints_title.text() == "Recurring faults (last 7 days)"
    assert win.model.headerData(0, Qt.Orientation.Horizontal) == "Time"
    assert (win.outcome_combo.currentData(), win.outcome_combo.currentText()) == ("fixed", "Fixed")
    assert win.scheme_combo.currentData() == scheme and win.scheme_combo.itemText(0) == "All"
    assert win.current_filter() == flt and win.unlocked
    assert win.model.incident(0) == shown and win.table.selectionModel().currentIndex().row() == 0
    assert shown.title("en") in win.detail_label.text()
    assert win.note_edit.toPlainText() == "草稿 not saved yet"
    assert win.runner.pending == 0  # nothing was reloaded for it
    win.set_language("zh_CN")  # and back, with the translator still English: only our texts change
    assert win.outcome_combo.currentData() == "fixed" and shown.title("zh") in win.detail_label.text()


# -- the hook for the main window -------------------------------------------------------------------


def test_open_manager_window_history_off(qtbot, monkeypatch):
    shown: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "open", lambda self: shown.append(self))  # no real dialog offscreen
    assert open_manager_window(None, None, None, "zh_CN", history_error="历史记录已关闭：数据文件夹只读") is None
    assert len(shown) == 1
    box = shown[0]
    assert "数据文件夹只读" in box.text() and "查询代码和处理步骤照常可用" in box.informativeText()
    assert box.windowTitle() == "故障记录已关闭"
    box.deleteLater()


def test_open_manager_window_reuses(qtbot, store, catalogue):
    win = open_manager_window(None, store, catalogue, "zh_CN")
    assert win is not None
    qtbot.addWidget(win)
    assert open_manager_window(None, store, catalogue, "zh_CN", existing=win) is win
    win.shutdown()
