"""Shared helpers for the history tests (no Qt): make runs with a controllable clock."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from posfix_gui.history import HistoryStore
from posfix_gui.wizard import Answer, WizardRun


class FakeClock:
    """A datetime clock for WizardRun and a float clock for the store, moved by hand."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def ts(self) -> float:
        return self.now.timestamp()

    def advance(self, **kw: float) -> None:
        self.now += timedelta(**kw)


def make_run(
    store: HistoryStore | None,
    *,
    entry: str = "unionpay:51",
    title_zh: str = "余额不足",
    title_en: str = "Insufficient funds",
    steps: int = 3,
    answers: Iterable[Answer] = (Answer.FIXED,),
    till: str = "收银台1",
    operator: str = "",
    at: datetime | None = None,
    step_seconds: float = 30,
) -> WizardRun:
    """Run the wizard over ``answers`` (recording every change in ``store``) and return it."""
    clock = FakeClock(at or datetime(2026, 11, 20, 3, 0, tzinfo=UTC))
    scheme, code = entry.split(":", 1)
    run = WizardRun(entry_id=entry, code=code, title_zh=title_zh, title_en=title_en, step_count=steps,
                    till=till, operator=operator, clock=clock)
    if store is not None:
        run.on_change.append(store.record)
    run.start()
    for a in answers:
        clock.advance(seconds=step_seconds)
        run.answer(a)
    return run
