"""The main window wired to the incident history: runs land in the database, the entry page counts
them per till, history off is shown plainly, the manager button opens the PIN-gated window."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from posfix_gui.history import HistoryError, HistoryStore, HistoryUnavailable
from posfix_gui.settings import DEFAULT_FONT_SIZE
from posfix_gui.ui.main_window import PAGE_ENTRY, PAGE_WIZARD, MainWindow
from posfix_gui.ui.style import apply_font
from tests.ui.helpers import type_query

ENTRY = "unionpay:51"
TILL = "2号收银台"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    s = HistoryStore.open(tmp_path / "data")
    yield s
    s.close()


def build(qtbot, catalogue, settings, translators, *, history=None, history_error: object = "") -> MainWindow:  # noqa: ANN001
    """Compose the window the way ``app.main`` does: shown first, the history attached after."""
    win = pending_window(qtbot, catalogue, settings, translators)
    assert win.history_status.isHidden()  # no "history off" line while the history opens
    win.attach_history(history, history_error)
    return win


def saved(win: MainWindow) -> None:
    """Wait until every save queued on the history thread is done."""
    win.history_call(lambda: None)


@pytest.fixture
def hwin(qapp, qtbot, catalogue, settings, translators, store) -> Iterator[MainWindow]:  # noqa: ANN001
    settings.till_name = TILL
    win = build(qtbot, catalogue, settings, translators, history=store)
    yield win
    win.shutdown()
    apply_font(qapp, DEFAULT_FONT_SIZE)


def click(qtbot, button) -> None:  # noqa: ANN001
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def open_entry_and_wait(qtbot, win: MainWindow, entry_id: str) -> int:  # noqa: ANN001
    """Open an entry and wait for its count line; returns the count."""
    with qtbot.waitSignal(win.recent_shown, timeout=5000, check_params_cb=lambda e, n: e == entry_id) as blocker:
        win.open_entry(entry_id)
    return blocker.args[1]


def run_once(qtbot, win: MainWindow, answers: list[str]) -> str:  # noqa: ANN001
    """Start the wizard from the entry page by clicking, answer, finish with Done; returns the run id."""
    click(qtbot, win.entry_view.start_button)
    assert win.right.currentIndex() == PAGE_WIZARD
    run = win.wizard_view.run
    assert run is not None
    buttons = {"fixed": win.wizard_view.fixed_button, "not_fixed": win.wizard_view.not_fixed_button,
               "skip": win.wizard_view.skip_button}
    for a in answers:
        click(qtbot, buttons[a])
    done = win.wizard_view.fixed_done if str(run.outcome) == "fixed" else win.wizard_view.esc_done
    with qtbot.waitSignal(win.recent_shown, timeout=5000):
        click(qtbot, done)
    assert win.right.currentIndex() == PAGE_ENTRY
    return run.run_id


# -- recording ----------------------------------------------------------------------------------


def test_a_wizard_run_lands_in_the_history_start_answers_outcome(hwin, qtbot, store):
    open_entry_and_wait(qtbot, hwin, ENTRY)
    click(qtbot, hwin.entry_view.start_button)
    run = hwin.wizard_view.run
    saved(hwin)
    started = store.get_run(run.run_id)
    assert started is not None and started.outcome == "in_progress" and started.answers == ()
    assert (started.entry_id, started.code, started.till) == (ENTRY, "51", TILL)
    assert started.title_zh == hwin.catalogue.get(ENTRY).title_zh

    click(qtbot, hwin.wizard_view.not_fixed_button)
    saved(hwin)
    after_one = store.get_run(run.run_id)
    assert [(a.position, a.answer) for a in after_one.answers] == [(1, "not_fixed")]
    assert after_one.outcome == "in_progress"

    click(qtbot, hwin.wizard_view.skip_button)
    click(qtbot, hwin.wizard_view.fixed_button)
    saved(hwin)
    done = store.get_run(run.run_id)
    assert done.outcome == "fixed" and done.fixed_at_step == 3 and done.ended_at is not None
    assert [(a.position, a.answer) for a in done.answers] == [(1, "not_fixed"), (2, "skipped"), (3, "fixed")]
    assert store.count() == 1


def test_leaving_the_wizard_half_way_is_recorded_as_abandoned(hwin, qtbot, store):
    open_entry_and_wait(qtbot, hwin, ENTRY)
    click(qtbot, hwin.entry_view.start_button)
    run_id = hwin.wizard_view.run.run_id
    click(qtbot, hwin.wizard_view.not_fixed_button)
    hwin.shutdown()  # quitting the app mid-way
    inc = store.get_run(run_id)
    assert inc.outcome == "abandoned" and len(inc.answers) == 1


# -- the count line on the entry page -----------------------------------------------------------


def test_entry_page_counts_runs_on_this_till_after_two_runs(hwin, qtbot, store):
    view = hwin.entry_view
    assert open_entry_and_wait(qtbot, hwin, ENTRY) == 0
    assert not view.recent_visible  # nothing yet: no line at all

    run_once(qtbot, hwin, ["fixed"])
    assert view.recent_visible
    assert view.recent_label.text() == "本收银台近 7 天出现此代码 1 次"

    run_once(qtbot, hwin, ["not_fixed", "not_fixed", "not_fixed", "not_fixed"])
    assert view.recent_label.text() == "本收银台近 7 天出现此代码 2 次"
    lines = view.recent_list.text().splitlines()
    assert len(lines) == 2
    assert "已上报" in lines[0] and "第 1 步解决" in lines[1]  # newest first: time + outcome
    assert all(line.startswith("今天 ") for line in lines)

    # another entry has its own count (none), and coming back shows 2 again
    assert open_entry_and_wait(qtbot, hwin, "iso8583:51") == 0
    assert not view.recent_visible
    assert open_entry_and_wait(qtbot, hwin, ENTRY) == 2
    assert view.recent_visible and "2 次" in view.recent_label.text()


def test_runs_on_another_till_do_not_count_here(hwin, qtbot, settings):
    open_entry_and_wait(qtbot, hwin, ENTRY)
    run_once(qtbot, hwin, ["fixed"])
    settings.till_name = "1号收银台"
    assert open_entry_and_wait(qtbot, hwin, ENTRY) == 0
    assert not hwin.entry_view.recent_visible


def test_count_line_follows_the_language(hwin, qtbot):
    open_entry_and_wait(qtbot, hwin, ENTRY)
    run_once(qtbot, hwin, ["fixed"])
    with qtbot.waitSignal(hwin.recent_shown, timeout=5000):
        hwin.set_language("en")
    assert hwin.entry_view.recent_label.text() == "This code happened once on this till in the last 7 days"
    assert "Fixed at step 1" in hwin.entry_view.recent_list.text()


# -- history off / checks / save failures -------------------------------------------------------


def test_history_off_is_shown_plainly_and_lookup_keeps_working(qapp, qtbot, catalogue, settings, translators,
                                                               tmp_path):
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("a file where the data folder should be", encoding="utf-8")
    with pytest.raises(HistoryUnavailable) as caught:
        HistoryStore.open(not_a_folder / "data")
    win = build(qtbot, catalogue, settings, translators, history=None, history_error=caught.value)
    try:
        assert win.history_status.isVisible()
        text = win.history_status.text()
        assert text.startswith("历史记录已关闭") and str(not_a_folder) in text
        # a path is never read as rich text, and the cashier can select it to read it out to support
        assert win.history_status.textFormat() == Qt.TextFormat.PlainText
        assert win.history_status.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
        assert type_query(qtbot, win, "51") > 0  # search still works
        win.activate_current()
        assert win.current_entry() is not None and not win.entry_view.recent_visible
        run = win.start_wizard()
        win.wizard_view.fixed_button.click()
        assert str(run.outcome) == "fixed"
        win.set_language("en")  # the status line follows the language
        assert win.history_status.text().startswith("History is off")
        box = win.open_manager()
        assert box is None
        message = next(m for m in win.findChildren(QMessageBox) if m.isVisible())
        assert str(not_a_folder) in message.text()
        message.close()
    finally:
        win.shutdown()
        apply_font(qapp, DEFAULT_FONT_SIZE)


def test_history_on_has_no_status_line(hwin):
    assert not hwin.history_status.isVisible()


def test_background_quick_check_ok_and_failure(qapp, qtbot, catalogue, settings, translators, tmp_path,
                                               monkeypatch):
    s = HistoryStore.open(tmp_path / "data", check=False)  # as the open does for a big database
    assert s.checked_at_open is False
    win = build(qtbot, catalogue, settings, translators, history=s)  # attaching it starts the check
    try:
        assert win._history_runner is not None and win._history_runner.pending == 1
        with qtbot.waitSignal(win.history_checked, timeout=5000) as blocker:
            pass  # the result comes back through the event loop
        assert blocker.args == [True] and not win.history_status.isVisible()

        monkeypatch.setattr(s, "quick_check", lambda: "Page 7: btreeInitPage() returns error code 11")
        with qtbot.waitSignal(win.history_checked, timeout=5000) as blocker:
            win.check_history_in_background()
        assert blocker.args == [False]
        assert win.history_status.isVisible()
        assert "故障记录检查未通过" in win.history_status.text() and "error code 11" in win.history_status.text()
    finally:
        win.shutdown()
        s.close()
        apply_font(qapp, DEFAULT_FONT_SIZE)


def test_no_background_check_when_the_open_checked(qapp, qtbot, catalogue, settings, translators, tmp_path):
    HistoryStore.open(tmp_path / "data").close()
    s = HistoryStore.open(tmp_path / "data")  # an existing small database is checked at open
    assert s.checked_at_open is True
    win = build(qtbot, catalogue, settings, translators, history=s)
    try:
        assert win.check_history_in_background() is False
        assert win._history_runner is None  # no worker thread started for nothing
    finally:
        win.shutdown()
        s.close()
        apply_font(qapp, DEFAULT_FONT_SIZE)


def test_a_failed_save_shows_in_the_status_line_and_the_wizard_goes_on(hwin, qtbot, store, monkeypatch):
    def refuse(_run):  # noqa: ANN001
        raise HistoryError("历史记录暂时被占用，这次没有保存，请稍后再试。", "The history is busy.")

    monkeypatch.setattr(store, "record", refuse)
    open_entry_and_wait(qtbot, hwin, ENTRY)
    click(qtbot, hwin.entry_view.start_button)
    click(qtbot, hwin.wizard_view.not_fixed_button)
    assert hwin.wizard_view.progress_label.text().startswith("第 2 步")  # the wizard went on at once
    saved(hwin)
    assert hwin.history_status.isVisible() and "暂时被占用" in hwin.history_status.text()


# -- the manager button -------------------------------------------------------------------------


def test_manager_button_opens_the_pin_gated_window(hwin, qtbot):
    button = hwin.manager_button
    assert button.text() == "店长" and button.height() >= 44
    assert button.parentWidget() is hwin.settings_button.parentWidget()  # beside English / 设置
    click(qtbot, button)
    manager = hwin._manager
    assert manager is not None and manager.isVisible()
    assert manager.stack.currentWidget() is manager.pin_page and manager.pin_page.isVisible()
    assert not manager.unlocked
    # Ctrl+M raises the same window instead of building another
    manager.hide()
    hwin.activateWindow()
    hwin.setFocus()
    qtbot.keyClick(hwin.search_box, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert hwin._manager is manager and manager.isVisible()


def test_manager_texts_come_from_qt_translations_and_follow_the_language(hwin, qtbot):
    click(qtbot, hwin.manager_button)
    manager = hwin._manager
    assert manager.windowTitle() == "POSfix 店长查看：故障记录"
    assert manager.pin_page.ok_button.text() == "设置 PIN 并进入"  # first use: set the PIN
    assert manager.export_button.text() == "导出 CSV…"
    hwin.set_language("en")  # an open manager window switches with the main window
    assert hwin._manager is manager and manager.isVisible()
    assert manager.windowTitle() == "POSfix manager: incident history"
    assert manager.pin_page.ok_button.text() == "Set PIN and open"
    assert manager.export_button.text() == "Export CSV…"
    assert hwin.manager_button.text() == "Manager"
    manager.close()
    hwin.set_language("zh_CN")  # a closed one is built again in the new language when next opened
    assert hwin._manager is None
    click(qtbot, hwin.manager_button)
    manager = hwin._manager
    assert manager is not None and manager.isVisible() and manager.windowTitle() == "POSfix 店长查看：故障记录"


def test_the_save_warning_goes_away_when_the_next_run_saves(hwin, qtbot, store, monkeypatch):
    real_record = store.record

    def refuse(_run):  # noqa: ANN001
        raise HistoryError("历史记录暂时被占用，这次没有保存，请稍后再试。", "The history is busy.")

    monkeypatch.setattr(store, "record", refuse)
    open_entry_and_wait(qtbot, hwin, ENTRY)
    run_once(qtbot, hwin, ["fixed"])
    assert hwin.history_status.isVisible()
    monkeypatch.setattr(store, "record", real_record)
    run_id = run_once(qtbot, hwin, ["fixed"])
    assert not hwin.history_status.isVisible()
    assert store.get_run(run_id).outcome == "fixed"


def test_changing_the_till_in_settings_refreshes_the_count(hwin, qtbot):
    open_entry_and_wait(qtbot, hwin, ENTRY)
    run_once(qtbot, hwin, ["fixed"])
    assert hwin.entry_view.recent_visible
    values = dataclasses.replace(hwin.settings_values(), till_name="1号收银台")
    with qtbot.waitSignal(hwin.recent_shown, timeout=5000, check_params_cb=lambda e, n: n == 0):
        hwin.apply_settings(values)
    assert not hwin.entry_view.recent_visible


# -- opening the history on its thread ----------------------------------------------------------


def pending_window(qtbot, catalogue, settings, translators) -> MainWindow:  # noqa: ANN001
    """The window as ``app.main`` shows it: on screen before the history is opened."""
    translators.switch(settings.language)
    win = MainWindow(catalogue, settings, translators, history_pending=True)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    with qtbot.waitExposed(win):
        win.show()
    return win


class SlowOpen:
    """An opener that waits until :meth:`release`, as a database another program holds does."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.released = threading.Event()
        self.ran_on: list[int] = []
        self.stores: list[HistoryStore] = []

    def __call__(self) -> tuple[HistoryStore, str]:
        self.ran_on.append(threading.get_ident())
        assert self.released.wait(10)
        self.stores.append(HistoryStore.open(self.data_dir))
        return self.stores[0], ""

    def release(self) -> None:
        self.released.set()


@pytest.fixture
def slow_open(tmp_path: Path) -> Iterator[SlowOpen]:
    opener = SlowOpen(tmp_path / "data")
    yield opener
    opener.release()
    for s in opener.stores:
        s.close()


@pytest.fixture
def pwin(qapp, qtbot, catalogue, settings, translators) -> Iterator[MainWindow]:  # noqa: ANN001
    win = pending_window(qtbot, catalogue, settings, translators)
    yield win
    win.shutdown()
    apply_font(qapp, DEFAULT_FONT_SIZE)


def test_a_slow_history_open_never_holds_up_the_window_and_no_run_is_lost(qtbot, settings, slow_open, pwin):
    """A database checked after a crash or held by another program can take seconds to open: the
    cashier searches and runs the wizard meanwhile, and the run lands in the history once it is open."""
    settings.till_name = TILL
    win = pwin
    win.open_history_in_background(slow_open)
    assert type_query(qtbot, win, "51") > 0  # lookup answers while the history is still opening
    win.open_entry(ENTRY)
    assert not win.history_status.isVisible() and win.history is None
    click(qtbot, win.entry_view.start_button)
    run_id = win.wizard_view.run.run_id
    click(qtbot, win.wizard_view.not_fixed_button)
    click(qtbot, win.wizard_view.fixed_button)
    click(qtbot, win.wizard_view.fixed_done)
    assert win.right.currentIndex() == PAGE_ENTRY
    assert slow_open.ran_on and slow_open.ran_on[0] != threading.get_ident()  # not on the GUI thread
    with qtbot.waitSignal(win.recent_shown, timeout=5000, check_params_cb=lambda e, n: n == 1):
        slow_open.release()  # the open finishes; the count line of the shown entry follows
    store = slow_open.stores[0]
    assert win.history is store and not win.history_status.isVisible()
    saved(win)
    assert store.connection_count == 1  # the history thread's own, made by the open
    inc = store.get_run(run_id)
    assert inc is not None and inc.outcome == "fixed" and len(inc.answers) == 2


def test_a_history_that_cannot_open_in_the_background_says_why(pwin, tmp_path):
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("a file where the data folder should be", encoding="utf-8")

    def open_or_say_why():  # noqa: ANN202
        try:
            return HistoryStore.open(not_a_folder / "data"), ""
        except HistoryUnavailable as exc:
            return None, exc

    win = pwin
    win.open_history_in_background(open_or_say_why)
    assert not win.history_status.isVisible()  # no verdict before the open has answered
    saved(win)
    assert win.history is None and win.history_status.isVisible()
    assert win.history_status.text().startswith("历史记录已关闭") and str(not_a_folder) in win.history_status.text()
    run = win.start_wizard("unionpay:51")  # the wizard works without history
    win.wizard_view.fixed_button.click()
    assert str(run.outcome) == "fixed"
    saved(win)  # the run's saves found no store: nothing raised, nothing shown
    assert "暂时被占用" not in win.history_status.text()


def test_the_manager_button_while_the_history_opens_waits_for_it(qtbot, slow_open, pwin):
    win = pwin
    win.open_history_in_background(slow_open)
    click(qtbot, win.manager_button)
    assert win._manager is None  # not "history is off": it is only opening
    assert not [m for m in win.findChildren(QMessageBox) if m.isVisible()]
    slow_open.release()
    qtbot.waitUntil(lambda: win._manager is not None and win._manager.isVisible(), timeout=5000)
    assert win._manager.pin_page.isVisible()


def test_threads_that_end_take_their_history_connections_with_them(qapp, qtbot, catalogue, settings, translators,
                                                                    store):
    base = store.connection_count  # the test thread's, from the open
    win = build(qtbot, catalogue, settings, translators, history=store)
    try:
        open_entry_and_wait(qtbot, win, ENTRY)  # the count line: a query on the history thread
        assert store.connection_count == base + 1
        click(qtbot, win.manager_button)
        manager = win._manager
        manager.runner.call(store.count)  # the manager window reads on its own thread
        assert store.connection_count == base + 2
        manager.shutdown()  # e.g. rebuilt in another language
        assert store.connection_count == base + 1
    finally:
        win.shutdown()
        apply_font(qapp, DEFAULT_FONT_SIZE)
    assert store.connection_count == base  # the window's history thread ended too
