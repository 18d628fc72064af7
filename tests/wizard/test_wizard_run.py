"""The wizard state machine, without Qt."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest

from posfix_gui.wizard import Answer, Outcome, RunRecord, WizardRun


class Clock:
    def __init__(self) -> None:
        self.t = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.t += timedelta(seconds=10)
        return self.t


def make_run(steps: int = 3) -> tuple[WizardRun, list[RunRecord]]:
    entry = SimpleNamespace(
        id="unionpay:51", code="51", title_zh="余额不足", title_en="Insufficient funds", steps=[object()] * steps
    )
    run = WizardRun.for_entry(entry, till="T1", terminal_id="123", clock=Clock())
    seen: list[RunRecord] = []
    run.on_change.append(seen.append)
    run.start()
    return run, seen


def test_fixed_at_step_two():
    run, seen = make_run()
    run.answer(Answer.NOT_FIXED)
    assert run.progress() == (2, 3)
    rec = run.answer(Answer.FIXED)
    assert rec.outcome is Outcome.FIXED and rec.fixed_at_step == 2 and rec.finished
    assert rec.ended_at is not None and rec.ended_at > rec.started_at
    assert [r.outcome for r in seen] == [Outcome.IN_PROGRESS, Outcome.IN_PROGRESS, Outcome.FIXED]
    assert (rec.till, rec.terminal_id) == ("T1", "123")


def test_running_out_of_steps_escalates():
    run, _ = make_run()
    run.answer(Answer.SKIPPED)
    run.answer("not_fixed")
    rec = run.answer(Answer.NOT_FIXED)
    assert rec.outcome is Outcome.ESCALATED and rec.fixed_at_step is None
    assert [a.answer for a in rec.answers] == [Answer.SKIPPED, Answer.NOT_FIXED, Answer.NOT_FIXED]
    assert [a.position for a in rec.answers] == [1, 2, 3]
    with pytest.raises(RuntimeError):
        run.answer(Answer.FIXED)


def test_back_reopens_a_finished_run_and_forgets_the_answer():
    run, _ = make_run(2)
    assert not run.can_go_back
    with pytest.raises(RuntimeError):
        run.back()
    run.answer(Answer.NOT_FIXED)
    run.answer(Answer.NOT_FIXED)
    assert run.outcome is Outcome.ESCALATED
    rec = run.back()
    assert rec.outcome is Outcome.IN_PROGRESS and run.current == 2 and rec.ended_at is None
    assert len(rec.answers) == 1
    rec = run.answer(Answer.FIXED)
    assert rec.fixed_at_step == 2


def test_abandon_ends_an_open_run_but_not_a_finished_one():
    run, seen = make_run()
    run.answer(Answer.NOT_FIXED)
    rec = run.abandon()
    assert rec.outcome is Outcome.ABANDONED and not run.can_go_back
    run2, _ = make_run()
    run2.answer(Answer.FIXED)
    assert run2.abandon().outcome is Outcome.FIXED


def test_entry_without_steps_is_escalated_at_once():
    run, _ = make_run(0)
    assert run.finished and run.outcome is Outcome.ESCALATED and run.current is None


def test_bad_answer_is_rejected():
    run, _ = make_run()
    with pytest.raises(ValueError):
        run.answer("maybe")
