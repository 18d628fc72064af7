"""The remedy wizard's logic: a plain state machine over an entry's steps (no Qt).

A run walks the steps one page at a time. At each step the cashier answers ``fixed``,
``not_fixed`` (go on to the next step) or ``skipped``; ``back()`` returns to the previous step and
forgets its answer. The run ends ``fixed`` (at step N), ``escalated`` (steps ran out without a fix)
or ``abandoned`` (closed early). Whoever wants to know (the history store) subscribes to
``on_change`` and receives a :class:`RunRecord` after every change: started, each answer, finished.
"""

from __future__ import annotations

import enum
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime


class Answer(enum.StrEnum):
    FIXED = "fixed"
    NOT_FIXED = "not_fixed"
    SKIPPED = "skipped"


class Outcome(enum.StrEnum):
    IN_PROGRESS = "in_progress"
    FIXED = "fixed"
    ESCALATED = "escalated"
    ABANDONED = "abandoned"


def now_utc() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class StepAnswer:
    position: int  # 1-based step number
    answer: Answer
    answered_at: datetime


@dataclass(frozen=True, slots=True)
class RunRecord:
    """Everything the history needs about one troubleshooting run, as it stands now."""

    run_id: str
    entry_id: str
    code: str
    title_zh: str
    title_en: str
    step_count: int
    answers: tuple[StepAnswer, ...]
    outcome: Outcome
    fixed_at_step: int | None
    started_at: datetime
    ended_at: datetime | None
    till: str = ""
    operator: str = ""
    terminal_id: str = ""
    note: str = ""

    @property
    def finished(self) -> bool:
        return self.outcome is not Outcome.IN_PROGRESS


Listener = Callable[[RunRecord], None]


@dataclass
class WizardRun:
    """State machine of one run. ``current`` is the 1-based step shown, or None when finished."""

    entry_id: str
    code: str
    title_zh: str
    title_en: str
    step_count: int
    till: str = ""
    operator: str = ""
    terminal_id: str = ""
    clock: Callable[[], datetime] = now_utc
    run_id: str = field(default_factory=lambda: os.urandom(16).hex())
    on_change: list[Listener] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.step_count < 0:
            raise ValueError("step_count must be >= 0")
        self._answers: list[StepAnswer] = []
        self._current: int | None = 1 if self.step_count else None
        self._outcome = Outcome.IN_PROGRESS if self.step_count else Outcome.ESCALATED
        self._fixed_at: int | None = None
        self.started_at = self.clock()
        self._ended_at: datetime | None = None if self.step_count else self.started_at
        self.note = ""

    @classmethod
    def for_entry(cls, entry: object, **kwargs: object) -> WizardRun:
        """Build a run from a catalogue ``Entry`` (anything with id, code, titles and steps)."""
        steps: Sequence[object] = entry.steps  # type: ignore[attr-defined]
        return cls(
            entry_id=entry.id,  # type: ignore[attr-defined]
            code=entry.code,  # type: ignore[attr-defined]
            title_zh=entry.title_zh,  # type: ignore[attr-defined]
            title_en=entry.title_en,  # type: ignore[attr-defined]
            step_count=len(steps),
            **kwargs,  # type: ignore[arg-type]
        )

    # -- state -------------------------------------------------------------------------------
    @property
    def current(self) -> int | None:
        return self._current

    @property
    def outcome(self) -> Outcome:
        return self._outcome

    @property
    def finished(self) -> bool:
        return self._outcome is not Outcome.IN_PROGRESS

    @property
    def answers(self) -> tuple[StepAnswer, ...]:
        return tuple(self._answers)

    @property
    def can_go_back(self) -> bool:
        """Back works on any step after the first and from the end page, but not after abandoning."""
        return self._outcome is not Outcome.ABANDONED and bool(self._answers)

    def progress(self) -> tuple[int, int]:
        """(step shown, total) for "第 2 步 / 共 5 步"."""
        return (self._current or self.step_count, self.step_count)

    # -- transitions -------------------------------------------------------------------------
    def start(self) -> RunRecord:
        """Announce the run (the history saves it as soon as the wizard opens)."""
        return self._emit()

    def answer(self, answer: Answer | str) -> RunRecord:
        if self.finished or self._current is None:
            raise RuntimeError("the run has finished")
        answer = Answer(answer)
        self._answers.append(StepAnswer(self._current, answer, self.clock()))
        if answer is Answer.FIXED:
            self._finish(Outcome.FIXED, fixed_at=self._current)
        elif self._current >= self.step_count:
            self._finish(Outcome.ESCALATED)
        else:
            self._current += 1
        return self._emit()

    def back(self) -> RunRecord:
        if not self.can_go_back:
            raise RuntimeError("nothing to go back to")
        last = self._answers.pop()
        self._current = last.position
        self._outcome = Outcome.IN_PROGRESS
        self._fixed_at = None
        self._ended_at = None
        return self._emit()

    def abandon(self) -> RunRecord:
        """Close the run early; a finished run stays as it is."""
        if not self.finished:
            self._finish(Outcome.ABANDONED)
        return self._emit()

    def set_note(self, note: str) -> RunRecord:
        self.note = note
        return self._emit()

    # -- output ------------------------------------------------------------------------------
    def record(self) -> RunRecord:
        return RunRecord(
            run_id=self.run_id,
            entry_id=self.entry_id,
            code=self.code,
            title_zh=self.title_zh,
            title_en=self.title_en,
            step_count=self.step_count,
            answers=tuple(self._answers),
            outcome=self._outcome,
            fixed_at_step=self._fixed_at,
            started_at=self.started_at,
            ended_at=self._ended_at,
            till=self.till,
            operator=self.operator,
            terminal_id=self.terminal_id,
            note=self.note,
        )

    def _finish(self, outcome: Outcome, fixed_at: int | None = None) -> None:
        self._outcome = outcome
        self._fixed_at = fixed_at
        self._current = None
        self._ended_at = self.clock()

    def _emit(self) -> RunRecord:
        rec = self.record()
        for listener in list(self.on_change):
            listener(rec)
        return rec


__all__ = ["Answer", "Outcome", "RunRecord", "StepAnswer", "WizardRun", "replace"]
