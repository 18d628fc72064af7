"""The remedy wizard widget walked to every outcome with real button clicks."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt

from posfix_gui.ui import printing
from posfix_gui.ui.wizard_view import PAGE_ESCALATED, PAGE_FIXED, PAGE_STEP, WizardView
from posfix_gui.wizard import Answer, Outcome, RunRecord, WizardRun

ENTRY_ID = "unionpay:51"


@pytest.fixture
def entry(catalogue):  # noqa: ANN001, ANN201
    e = catalogue.get(ENTRY_ID)
    assert e is not None and len(e.steps) >= 3
    return e


@pytest.fixture
def wizard(qtbot, entry, translators):  # noqa: ANN001, ANN201
    translators.switch("zh_CN")
    view = WizardView()
    view.set_language("zh_CN")
    qtbot.addWidget(view)
    records: list[RunRecord] = []
    fixed_clock = datetime(2026, 5, 4, 10, 30, tzinfo=UTC)
    run = WizardRun.for_entry(entry, till="1号台", terminal_id="87654321", clock=lambda: fixed_clock)
    run.on_change.append(records.append)
    view.start(entry, run, "银联应答码")
    view.records = records  # type: ignore[attr-defined]
    return view


def click(qtbot, button) -> None:  # noqa: ANN001
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_first_page_shows_step_one_of_n(wizard, entry):
    assert wizard.pages.currentIndex() == PAGE_STEP
    assert wizard.progress_label.text() == f"第 1 步 / 共 {len(entry.steps)} 步"
    assert wizard.step_text.text() == entry.steps[0].text_zh
    assert not wizard.back_button.isEnabled()
    assert wizard.records[-1].outcome is Outcome.IN_PROGRESS  # the start was announced
    assert [wizard.fixed_button.text(), wizard.skip_button.text()] == ["✓ 已解决", "跳过"]
    assert wizard.not_fixed_button.text().startswith("未解决，下一步")


def test_fixed_at_step_two_shows_summary(wizard, qtbot):
    click(qtbot, wizard.not_fixed_button)
    assert wizard.progress_label.text().startswith("第 2 步")
    click(qtbot, wizard.fixed_button)
    assert wizard.pages.currentIndex() == PAGE_FIXED
    assert "第 2 步" in wizard.fixed_summary.text()
    rec = wizard.records[-1]
    assert rec.outcome is Outcome.FIXED and rec.fixed_at_step == 2
    assert [a.answer for a in rec.answers] == [Answer.NOT_FIXED, Answer.FIXED]


def test_not_fixed_and_skip_to_the_end_escalate_with_a_note(wizard, qtbot, entry):
    click(qtbot, wizard.skip_button)
    while wizard.in_progress:
        click(qtbot, wizard.not_fixed_button)
    assert wizard.pages.currentIndex() == PAGE_ESCALATED
    rec = wizard.records[-1]
    assert rec.outcome is Outcome.ESCALATED and len(rec.answers) == len(entry.steps)
    note = wizard.note_edit.toPlainText()
    for needle in ("51", "银联应答码", entry.title_zh, "1号台", "87654321", "2026-05-04"):
        assert needle in note
    assert f"1. {entry.steps[0].text_zh} → 已跳过" in note
    assert f"2. {entry.steps[1].text_zh} → 未解决" in note


def test_back_undoes_answers_from_every_page(wizard, qtbot, entry):
    click(qtbot, wizard.not_fixed_button)
    click(qtbot, wizard.back_button)
    assert wizard.progress_label.text().startswith("第 1 步")
    assert wizard.records[-1].answers == ()
    click(qtbot, wizard.fixed_button)
    click(qtbot, wizard.fixed_back)  # from the summary back to the step
    assert wizard.pages.currentIndex() == PAGE_STEP and wizard.in_progress
    while wizard.in_progress:
        click(qtbot, wizard.not_fixed_button)
    click(qtbot, wizard.esc_back)  # from the escalation note back to the last step
    assert wizard.pages.currentIndex() == PAGE_STEP
    assert wizard.progress_label.text().startswith(f"第 {len(entry.steps)} 步")


def test_close_half_way_abandons(wizard, qtbot):
    click(qtbot, wizard.not_fixed_button)
    with qtbot.waitSignal(wizard.closed):
        click(qtbot, wizard.close_button)
    rec = wizard.records[-1]
    assert rec.outcome is Outcome.ABANDONED and rec.ended_at is not None


def test_done_after_fix_keeps_the_outcome(wizard, qtbot):
    click(qtbot, wizard.fixed_button)
    with qtbot.waitSignal(wizard.closed):
        click(qtbot, wizard.fixed_done)
    assert wizard.records[-1].outcome is Outcome.FIXED


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_keyboard_only_walk(wizard, qtbot):
    with qtbot.waitExposed(wizard):
        wizard.show()
    wizard.activateWindow()
    wizard._render()
    qtbot.waitUntil(wizard.fixed_button.hasFocus)  # each step page puts focus on an answer
    qtbot.keyClick(wizard.not_fixed_button, Qt.Key.Key_Return)
    qtbot.keyClick(wizard.skip_button, Qt.Key.Key_Enter)
    assert [a.answer for a in wizard.records[-1].answers] == [Answer.NOT_FIXED, Answer.SKIPPED]


def test_copy_and_print_the_note(wizard, qtbot, monkeypatch):
    while wizard.in_progress:
        click(qtbot, wizard.not_fixed_button)
    copied: list[str] = []
    wizard.copy_to_clipboard = copied.append
    click(qtbot, wizard.copy_button)
    assert copied == [wizard.note_edit.toPlainText()]
    assert wizard.copied_label.text()
    printed: list[tuple[str, str]] = []
    monkeypatch.setattr(printing, "print_text", lambda parent, text, title="": printed.append((text, title)) or True)
    click(qtbot, wizard.print_button)
    assert printed and printed[0][0] == copied[0]


def test_real_clipboard_receives_the_note(wizard, qtbot, qapp):
    while wizard.in_progress:
        click(qtbot, wizard.not_fixed_button)
    click(qtbot, wizard.copy_button)
    assert qapp.clipboard().text() == wizard.note_text()


def test_english_note(wizard, qtbot, translators, entry):
    translators.switch("en")
    wizard.set_language("en", "UnionPay response code")
    assert wizard.fixed_button.text() == "✓ Fixed"
    assert wizard.progress_label.text() == f"Step 1 of {len(entry.steps)}"
    while wizard.in_progress:
        click(qtbot, wizard.not_fixed_button)
    note = wizard.note_text()
    assert "Code: 51 (UnionPay response code)" in note and "Insufficient funds" in note
    assert "→ not fixed" in note


def test_escalation_page_says_whom_to_call_from_the_entrys_last_step(wizard, qtbot, translators, entry):
    """51 is the issuer's decision: the page must not send the cashier to the acquirer's hotline."""
    last = entry.steps[-1]
    assert last.level == "escalate" and "发卡行" in last.text_zh
    while wizard.in_progress:
        click(qtbot, wizard.not_fixed_button)
    assert wizard.esc_title.text() == "还没解决：请联系支持"
    hint = wizard.esc_hint.text()
    assert hint.startswith(last.text_zh) and "求助单" in hint
    assert "收单机构或终端服务商的客服热线" not in hint
    translators.switch("en")
    wizard.set_language("en", "UnionPay response code")
    assert wizard.esc_title.text() == "Not solved yet: contact support"
    assert wizard.esc_hint.text().startswith(last.text_en) and "issuer" in wizard.esc_hint.text()
    assert "acquirer's or terminal provider's hotline" not in wizard.esc_hint.text()


def test_escalation_hint_for_an_entry_without_an_escalate_step(qtbot, catalogue, translators):
    entry = catalogue.get("iso8583:17")
    assert entry is not None and entry.steps and entry.steps[-1].level != "escalate"
    translators.switch("zh_CN")
    view = WizardView()
    view.set_language("zh_CN")
    qtbot.addWidget(view)
    view.start(entry, WizardRun.for_entry(entry), "ISO 8583")
    while view.in_progress:
        click(qtbot, view.not_fixed_button)
    assert view.pages.currentIndex() == PAGE_ESCALATED
    assert view.esc_hint.text() == "请联系负责您收款终端的服务方，把下面的求助单念给对方听，或打印出来。"
    assert entry.steps[-1].text_zh not in view.esc_hint.text()
