"""The main window driven like a cashier would: typing, keys, clicks."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from posfix_gui.qtmodels.roles import ENTRY_ID_ROLE
from posfix_gui.settings import AppSettings
from posfix_gui.ui.main_window import LEFT_EMPTY, LEFT_VIEW, PAGE_ENTRY, PAGE_WIZARD
from tests.ui.helpers import type_query

# The offscreen platform warns when a window is shown; nothing to fix in the app.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_starts_with_tree_and_focused_search_box(window, qtbot):
    assert window.current_model() is window.tree_model
    assert window.tree_model.rowCount() > 0
    qtbot.waitUntil(lambda: window.search_box.hasFocus())
    assert window.search_box.text() == ""


def test_starts_in_chinese(window):
    assert window.language == "zh_CN"
    assert window.entry_view.start_button.text() == "开始排查"
    assert "试试输入终端上显示的代码或文字" in window.hint_label.text()
    first = window.tree_model.index(0, 0).data()
    assert "(" in first and any("\u4e00" <= ch <= "\u9fff" for ch in first)


def test_first_screen_layout_set_without_qt_enums(window, qtbot):
    """What the first screen sets through the style sheet or Qt's defaults instead of Qt enums (see
    main_window.py): centred empty-state texts, keyboard-focusable buttons, a horizontal splitter."""
    assert window.welcome_label.alignment() == Qt.AlignmentFlag.AlignCenter
    assert type_query(qtbot, window, "zzqxqzz") == 0
    assert window.empty_label.alignment() == Qt.AlignmentFlag.AlignCenter
    assert window.splitter.orientation() == Qt.Orientation.Horizontal
    for button in (window.language_button, window.settings_button, window.manager_button,
                   window.entry_view.start_button, window.wizard_view.fixed_button):
        assert button.focusPolicy() == Qt.FocusPolicy.StrongFocus, button.objectName()
    window.apply_font_size(window.settings.font_size + 2)  # a new style sheet keeps the alignment
    assert window.welcome_label.alignment() == Qt.AlignmentFlag.AlignCenter


def test_code_count_is_shown_whole_or_not_at_all(window, qapp):
    """The "460 个代码" line gives way to the buttons on a narrow pane: never a clipped fragment."""
    label = window.info_label
    full = label.full_text()
    assert full.endswith("个代码") and label.text() == full

    def fits() -> bool:
        return label.fontMetrics().horizontalAdvance(full) <= label.contentsRect().width()

    seen = set()
    for left in (420, 380, 350, 320, 300, 380):
        window.splitter.setSizes([left, 1280 - left])
        qapp.processEvents()
        assert label.text() == (full if fits() else ""), left
        seen.add(label.text())
    assert seen == {full, ""}  # both cases happened
    size = window.settings.font_size
    window.apply_font_size(size + 4)  # buttons grow, the line no longer fits
    qapp.processEvents()
    assert not fits() and label.text() == ""
    window.apply_font_size(size)
    qapp.processEvents()
    assert fits() and label.text() == full


def test_typing_filters_to_ranked_results(window, qtbot):
    n = type_query(qtbot, window, "51")
    assert n >= 1
    assert window.showing_results()
    assert window.results_model.result(0).id == "unionpay:51"
    assert all("51" in r.code for r in window.results_model.results()[:2])
    # the top result is previewed at once
    assert window.right.currentIndex() == PAGE_ENTRY
    assert window.current_entry().id == "unionpay:51"


def test_typing_chinese_words_finds_the_entry(window, qtbot):
    type_query(qtbot, window, "余额不足")
    ids = [r.id for r in window.results_model.results()]
    assert "unionpay:51" in ids[:3]


def test_nothing_found_says_what_to_try(window, qtbot):
    assert type_query(qtbot, window, "zzqxqzz") == 0
    assert window.left_stack.currentIndex() == LEFT_EMPTY
    assert "zzqxqzz" in window.empty_label.text()
    assert "试试输入终端上显示的代码或文字" in window.empty_label.text()


def test_down_enter_opens_second_result_and_esc_returns_to_tree(window, qtbot):
    type_query(qtbot, window, "51")
    assert window.results_model.rowCount() >= 2
    second = window.results_model.result(1).id
    qtbot.keyClick(window.search_box, Qt.Key.Key_Down)
    assert window.view.currentIndex().row() == 1
    assert window.search_box.hasFocus()  # typing can go on
    qtbot.keyClick(window.search_box, Qt.Key.Key_Up)
    assert window.view.currentIndex().row() == 0
    qtbot.keyClick(window.search_box, Qt.Key.Key_Down)
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    assert window.current_entry().id == second
    assert window.entry_view.start_button.hasFocus()  # Enter again starts troubleshooting
    qtbot.keyClick(window.entry_view.start_button, Qt.Key.Key_Return)
    assert window.right.currentIndex() == PAGE_WIZARD
    window.focus_search()
    qtbot.keyClick(window.search_box, Qt.Key.Key_Escape)
    assert window.search_box.text() == ""
    assert window.current_model() is window.tree_model
    assert window.left_stack.currentIndex() == LEFT_VIEW


def test_ctrl_f_focuses_search_and_selects_text(window, qtbot):
    type_query(qtbot, window, "51")
    window.view.setFocus()
    window.find_shortcut.activated.emit()  # QShortcut ignores synthetic keys (pytest-qt#254)
    assert window.search_box.hasFocus()
    assert window.search_box.selectedText() == "51"


def test_typing_in_the_view_goes_to_the_search_box(window, qtbot):
    window.view.setFocus()
    with qtbot.waitSignal(window.results_shown, timeout=5000):
        qtbot.keyClicks(window.view, "51")
    assert window.search_box.text() == "51"


def test_tree_expands_by_keyboard_and_selection_shows_entries(window, qtbot, catalogue):
    model, view = window.tree_model, window.view
    top = model.index(0, 0)
    view.setFocus()
    view.setCurrentIndex(window.view_index(top))
    qtbot.keyClick(view, Qt.Key.Key_Return)  # Enter unfolds a category
    assert view.isExpanded(window.view_index(top))
    qtbot.keyClick(view, Qt.Key.Key_Return)  # and folds it again
    assert not view.isExpanded(window.view_index(top))
    # unfold a sub-category with the mouse (touch) and select its first entry with the keyboard
    sub = model.index(0, 0, top)
    view.expand(window.view_index(top))
    rect = view.visualRect(window.view_index(sub))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: model.rowCount(sub) > 0)
    assert view.isExpanded(window.view_index(sub))
    first_entry = next(
        model.index(r, 0, sub) for r in range(model.rowCount(sub)) if model.index(r, 0, sub).data(ENTRY_ID_ROLE)
    )
    view.setCurrentIndex(window.view_index(first_entry))
    entry_id = first_entry.data(ENTRY_ID_ROLE)
    assert window.right.currentIndex() == PAGE_ENTRY
    assert window.current_entry().id == entry_id
    assert window.entry_view.code_label.text() == catalogue.get(entry_id).code
    qtbot.keyClick(view, Qt.Key.Key_Down)  # moving on previews the next row
    nxt = view.currentIndex().data(ENTRY_ID_ROLE)
    if nxt:
        assert window.current_entry().id == nxt


def test_entry_view_shows_everything_a_cashier_needs(window, catalogue):
    entry = window.open_entry("unionpay:51")
    ev = window.entry_view
    assert ev.code_label.text() == "51"
    assert ev.scheme_label.text() == "银联应答码"
    assert ev.title_label.text() == entry.title_zh
    assert ev.explain_label.text() == entry.explain_zh
    assert ev.act_label.text() == "顾客（持卡人）"
    assert ev.retry_label.text() == "不要重试同一笔交易"
    assert ev.customer_label.text() == entry.customer_zh and ev.customer_box.isVisible()
    assert ev.start_button.height() >= 44 and ev.start_button.isEnabled()


def test_see_also_click_and_enter_open_that_entry(window, qtbot, catalogue):
    entry = window.open_entry("unionpay:51")
    links = window.entry_view.see_also_buttons
    expected = [i for i in entry.see_also if catalogue.get(i) is not None]
    assert [b.property("entry_id") for b in links] == expected
    qtbot.mouseClick(links[0], Qt.MouseButton.LeftButton)
    assert window.current_entry().id == expected[0]
    back = next(b for b in window.entry_view.see_also_buttons if b.property("entry_id") == "unionpay:51")
    back.setFocus()
    qtbot.keyClick(back, Qt.Key.Key_Return)
    assert window.current_entry().id == "unionpay:51"


def test_start_button_runs_wizard_and_reports_runs(window, qtbot, records):
    window.open_entry("unionpay:51")
    qtbot.mouseClick(window.entry_view.start_button, Qt.MouseButton.LeftButton)
    assert window.right.currentIndex() == PAGE_WIZARD
    assert records and records[-1].entry_id == "unionpay:51" and not records[-1].finished
    qtbot.mouseClick(window.wizard_view.fixed_button, Qt.MouseButton.LeftButton)
    assert str(records[-1].outcome) == "fixed"
    qtbot.mouseClick(window.wizard_view.fixed_done, Qt.MouseButton.LeftButton)
    assert window.right.currentIndex() == PAGE_ENTRY


def test_leaving_a_run_half_way_reports_it_abandoned(window, records):
    window.open_entry("unionpay:51")
    window.start_wizard()
    window.wizard_view.not_fixed_button.click()
    window.open_entry("iso8583:51")  # the cashier moves on
    assert str(records[-1].outcome) == "abandoned"
    assert len(records[-1].answers) == 1


def test_preview_does_not_replace_a_running_wizard(window, qtbot):
    window.open_entry("unionpay:51")
    window.start_wizard()
    type_query(qtbot, window, "余额")
    assert window.right.currentIndex() == PAGE_WIZARD
    assert window.wizard_view.in_progress


def test_language_switch_changes_visible_text_and_is_remembered(window, qtbot, settings):
    window.open_entry("unionpay:51")
    type_query(qtbot, window, "51")
    assert window.entry_view.start_button.text() == "开始排查"
    assert window.language_button.text() == "English"
    qtbot.mouseClick(window.language_button, Qt.MouseButton.LeftButton)
    assert window.entry_view.start_button.text() == "Start troubleshooting"
    assert window.entry_view.title_label.text() == "Insufficient funds"
    assert window.entry_view.scheme_label.text() == "UnionPay response code"
    assert "Insufficient funds" in window.results_model.index(0, 0).data()
    assert window.language_button.text() == "中文"
    assert window.settings_button.text() == "Settings"
    assert AppSettings(settings.path).language == "en"
    qtbot.mouseClick(window.language_button, Qt.MouseButton.LeftButton)
    assert window.settings_button.text() == "设置"
    assert AppSettings(settings.path).language == "zh_CN"


def test_settings_dialog_saves_and_applies(window, qtbot, settings, records):
    window.open_entry("unionpay:51")
    title_height = window.entry_view.title_label.sizeHint().height()
    dialog = window.open_settings()
    dialog.till_edit.setText("  2号收银台 ")
    dialog.terminal_edit.setText("T-0042")
    dialog.font_box.setCurrentIndex(dialog.font_box.findData(20))
    dialog.scheme_box.setCurrentIndex(dialog.scheme_box.findData("iso8583"))
    dialog.language_box.setCurrentIndex(dialog.language_box.findData("en"))
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    saved = AppSettings(settings.path)
    assert (saved.till_name, saved.terminal_id, saved.font_size, saved.preferred_scheme, saved.language) == (
        "2号收银台",
        "T-0042",
        20,
        "iso8583",
        "en",
    )
    assert window.settings_button.text() == "Settings"
    assert window.entry_view.title_label.sizeHint().height() > title_height  # bigger text
    # the preferred scheme re-ranks equal matches
    type_query(qtbot, window, "51")
    assert window.results_model.result(0).scheme == "iso8583"
    # till and terminal go into the run record and the escalation note
    window.start_wizard("unionpay:51")
    while window.wizard_view.in_progress:
        window.wizard_view.not_fixed_button.click()
    assert records[-1].till == "2号收银台" and records[-1].terminal_id == "T-0042"
    assert "2号收银台" in window.wizard_view.note_text() and "T-0042" in window.wizard_view.note_text()


def test_touch_targets_are_at_least_44px(window):
    window.open_entry("unionpay:51")
    window.start_wizard()
    wv = window.wizard_view
    for button in (
        window.language_button,
        window.settings_button,
        window.entry_view.start_button,
        wv.fixed_button,
        wv.not_fixed_button,
        wv.skip_button,
        wv.back_button,
        wv.close_button,
    ):
        assert button.height() >= 44 and button.width() >= 44, button.objectName()
    assert window.search_box.height() >= 44
    rect = window.view.visualRect(window.view_index(window.tree_model.index(0, 0)))
    assert rect.height() >= 44


def test_escape_on_the_right_goes_back_to_search_and_keeps_the_run(window, qtbot):
    window.open_entry("unionpay:51")
    window.start_wizard()
    window.wizard_view.fixed_button.setFocus()
    window.escape_shortcut.activated.emit()  # QShortcut ignores synthetic keys (pytest-qt#254)
    assert window.search_box.hasFocus()
    assert window.wizard_view.in_progress and window.right.currentIndex() == PAGE_WIZARD


def test_unknown_entry_id_is_harmless(window):
    assert window.open_entry("nope:123") is None
    assert window.statusBar().currentMessage()


def test_a_failing_history_hook_does_not_stop_the_wizard(qtbot, catalogue, settings, translators):
    from posfix_gui.ui.main_window import MainWindow

    def broken_store(_record):  # noqa: ANN001
        raise OSError("disk full")

    translators.switch(settings.language)
    win = MainWindow(catalogue, settings, translators, run_listener=broken_store)
    qtbot.addWidget(win)
    try:
        win.open_entry("unionpay:51")
        run = win.start_wizard()
        win.wizard_view.not_fixed_button.click()
        assert run.current == 2 and win.wizard_view.progress_label.text().startswith("第 2 步")
        assert win.statusBar().currentMessage()
    finally:
        win.shutdown()


def test_swapping_models_does_not_pile_up_selection_models(window, qtbot):
    from PySide6.QtCore import QItemSelectionModel

    for _ in range(5):
        type_query(qtbot, window, "51")
        qtbot.keyClick(window.search_box, Qt.Key.Key_Escape)
    assert len(window.view.findChildren(QItemSelectionModel)) <= 2


def test_entry_and_wizard_pages_are_built_on_first_use_in_the_current_language(window, qtbot):
    assert not window.pages_built  # start-up does not build what the first screen does not show
    assert window.right.count() == 1 and window.current_entry() is None
    window.toggle_language()  # before the pages exist: nothing to switch yet, and nothing built
    window.refresh_recent()
    assert not window.pages_built
    n = type_query(qtbot, window, "51")
    assert n >= 1 and window.pages_built
    assert window.right.count() == 3
    assert window.right.widget(PAGE_ENTRY) is window.entry_view
    assert window.right.widget(PAGE_WIZARD) is window.wizard_view
    assert window.right.currentIndex() == PAGE_ENTRY
    assert window.entry_view.start_button.text() == "Start troubleshooting"
    window.build_pages()  # again: the same pages
    assert window.right.count() == 3 and window.right.widget(PAGE_ENTRY) is window.entry_view


def test_shutdown_before_any_entry_was_opened_builds_nothing(window):
    window.shutdown()
    assert not window.pages_built
