"""The remedy wizard: one step per page, then a summary (fixed) or an escalation note (not fixed).

All logic lives in :class:`posfix_gui.wizard.WizardRun`; this widget only shows its state and forwards
the cashier's answers. The run's listeners (the history hook) are attached by whoever builds the run.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from posfix_gui.catalogue.model import Entry
from posfix_gui.ui.widgets import Button, wrapped_label
from posfix_gui.wizard import Answer, Outcome, RunRecord, WizardRun

PAGE_STEP, PAGE_FIXED, PAGE_ESCALATED = 0, 1, 2


def answer_text(answer: Answer) -> str:
    return {
        Answer.FIXED: QCoreApplication.translate("EscalationNote", "fixed"),
        Answer.NOT_FIXED: QCoreApplication.translate("EscalationNote", "not fixed"),
        Answer.SKIPPED: QCoreApplication.translate("EscalationNote", "skipped"),
    }[answer]


def escalation_note(entry: Entry, record: RunRecord, scheme_name: str, language: str) -> str:
    """The text a cashier reads to (or prints for) the hotline, in the UI language."""
    en = language == "en"
    title = entry.title_en if en else entry.title_zh
    started = record.started_at.astimezone().strftime("%Y-%m-%d %H:%M")
    lines = [
        QCoreApplication.translate("EscalationNote", "POSfix: problem not solved, please help"),
        "",
        QCoreApplication.translate("EscalationNote", "Code: {code} ({scheme})").format(
            code=entry.code, scheme=scheme_name
        ),
        QCoreApplication.translate("EscalationNote", "Meaning: {title}").format(title=title),
        QCoreApplication.translate("EscalationNote", "Time: {time}").format(time=started),
    ]
    if record.till:
        lines.append(QCoreApplication.translate("EscalationNote", "Till: {till}").format(till=record.till))
    if record.terminal_id:
        lines.append(
            QCoreApplication.translate("EscalationNote", "Terminal number: {tid}").format(tid=record.terminal_id)
        )
    lines += ["", QCoreApplication.translate("EscalationNote", "Steps tried:")]
    steps = {s.position: s for s in entry.steps}
    if not record.answers:
        lines.append(QCoreApplication.translate("EscalationNote", "(none)"))
    for a in record.answers:
        step = steps.get(a.position)
        text = (step.text_en if en else step.text_zh) if step else ""
        lines.append(f"{a.position}. {text} → {answer_text(a.answer)}")
    return "\n".join(lines)


class WizardView(QWidget):
    """Shows a :class:`WizardRun`. ``closed`` fires when the cashier leaves the wizard."""

    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.run: WizardRun | None = None
        self.entry: Entry | None = None
        self._scheme_name = ""
        self._language = "zh_CN"
        self.copy_to_clipboard: Callable[[str], None] = lambda text: QGuiApplication.clipboard().setText(text)

        self.header = wrapped_label(object_name="titleLabel")
        self.close_button = Button()
        self.close_button.setObjectName("closeWizardButton")
        self.close_button.clicked.connect(self.close_wizard)
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)

        # step page
        self.progress_label = QLabel(objectName="progressLabel")
        self.progress_bar = QProgressBar()
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setMaximumHeight(12)
        self.step_text = wrapped_label(object_name="stepText")
        self.level_label = QLabel(objectName="sectionLabel")
        self.fixed_button = Button(object_name="fixedButton")
        self.not_fixed_button = Button(object_name="notFixedButton")
        self.skip_button = Button(object_name="skipButton")
        self.back_button = Button(object_name="backButton")
        self.fixed_button.clicked.connect(lambda: self._answer(Answer.FIXED))
        self.not_fixed_button.clicked.connect(lambda: self._answer(Answer.NOT_FIXED))
        self.skip_button.clicked.connect(lambda: self._answer(Answer.SKIPPED))
        self.back_button.clicked.connect(self.go_back)
        answers = QHBoxLayout()
        answers.setSpacing(12)
        answers.addWidget(self.fixed_button, 2)
        answers.addWidget(self.not_fixed_button, 3)
        answers.addWidget(self.skip_button, 1)
        nav = QHBoxLayout()
        nav.addWidget(self.back_button)
        nav.addStretch(1)
        step_page = QWidget()
        sp = QVBoxLayout(step_page)
        sp.setContentsMargins(0, 0, 0, 0)
        sp.addWidget(self.progress_label)
        sp.addWidget(self.progress_bar)
        sp.addSpacing(12)
        sp.addWidget(self.level_label)
        sp.addWidget(self.step_text)
        sp.addStretch(1)
        sp.addLayout(answers)
        sp.addSpacing(8)
        sp.addLayout(nav)

        # fixed page
        self.fixed_title = wrapped_label(object_name="outcomeTitle")
        self.fixed_summary = wrapped_label()
        self.fixed_back = Button(object_name="backButton")
        self.fixed_done = Button(object_name="doneButton")
        self.fixed_back.clicked.connect(self.go_back)
        self.fixed_done.clicked.connect(self.close_wizard)
        fixed_page = QWidget()
        fp = QVBoxLayout(fixed_page)
        fp.setContentsMargins(0, 0, 0, 0)
        fp.addWidget(self.fixed_title)
        fp.addWidget(self.fixed_summary)
        fp.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.fixed_back)
        row.addStretch(1)
        row.addWidget(self.fixed_done)
        fp.addLayout(row)

        # escalation page
        self.esc_title = wrapped_label(object_name="outcomeTitle")
        self.esc_hint = wrapped_label()
        self.note_edit = QPlainTextEdit()
        self.note_edit.setReadOnly(True)
        self.note_edit.setObjectName("escalationNote")
        self.note_edit.setTabChangesFocus(True)
        self.copy_button = Button(object_name="copyButton")
        self.print_button = Button(object_name="printButton")
        self.esc_back = Button(object_name="backButton")
        self.esc_done = Button(object_name="doneButton")
        self.copy_button.clicked.connect(self.copy_note)
        self.print_button.clicked.connect(self.print_note)
        self.esc_back.clicked.connect(self.go_back)
        self.esc_done.clicked.connect(self.close_wizard)
        self.copied_label = QLabel()
        esc_page = QWidget()
        ep = QVBoxLayout(esc_page)
        ep.setContentsMargins(0, 0, 0, 0)
        ep.addWidget(self.esc_title)
        ep.addWidget(self.esc_hint)
        ep.addWidget(self.note_edit, 1)
        row = QHBoxLayout()
        row.addWidget(self.copy_button)
        row.addWidget(self.print_button)
        row.addWidget(self.copied_label, 1)
        ep.addLayout(row)
        row = QHBoxLayout()
        row.addWidget(self.esc_back)
        row.addStretch(1)
        row.addWidget(self.esc_done)
        ep.addLayout(row)

        self.pages = QStackedWidget()
        self.pages.addWidget(step_page)
        self.pages.addWidget(fixed_page)
        self.pages.addWidget(esc_page)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 12)
        outer.setSpacing(10)
        outer.addLayout(top)
        outer.addWidget(self.pages, 1)

        back = QShortcut(QKeySequence("Alt+Left"), self)
        back.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back.activated.connect(self.go_back)
        self.retranslate()

    # -- public ------------------------------------------------------------------------------
    def start(self, entry: Entry, run: WizardRun, scheme_name: str) -> None:
        """Show ``run`` (already built with its listeners) and announce it."""
        self.entry = entry
        self.run = run
        self._scheme_name = scheme_name
        self.copied_label.clear()
        run.start()
        self._render()

    @property
    def in_progress(self) -> bool:
        return self.run is not None and not self.run.finished

    def abandon(self) -> None:
        """End a run still in progress (leaving the wizard, opening another entry, quitting)."""
        if self.in_progress and self.run is not None:
            self.run.abandon()

    def close_wizard(self) -> None:
        self.abandon()
        self.closed.emit()

    def go_back(self) -> None:
        if self.run is not None and self.run.can_go_back:
            self.run.back()
            self._render()

    def note_text(self) -> str:
        if self.entry is None or self.run is None:
            return ""
        return escalation_note(self.entry, self.run.record(), self._scheme_name, self._language)

    def copy_note(self) -> None:
        self.copy_to_clipboard(self.note_text())
        self.copied_label.setText(self.tr("Copied. Paste it into a message or read it out."))

    def print_note(self) -> bool:
        from posfix_gui.ui import printing  # loads QTextDocument only when someone prints

        return printing.print_text(self, self.note_text(), self.tr("POSfix escalation note"))

    def set_language(self, language: str, scheme_name: str | None = None) -> None:
        self._language = language
        if scheme_name is not None:
            self._scheme_name = scheme_name
        self.retranslate()

    def retranslate(self) -> None:
        self.close_button.setText(self.tr("Close"))
        self.fixed_button.setText(self.tr("✓ Fixed"))
        self.not_fixed_button.setText(self.tr("Not fixed, next →"))
        self.skip_button.setText(self.tr("Skip"))
        for b in (self.back_button, self.fixed_back, self.esc_back):
            b.setText(self.tr("← Back"))
        self.fixed_done.setText(self.tr("Done"))
        self.esc_done.setText(self.tr("Done"))
        self.copy_button.setText(self.tr("Copy note"))
        self.print_button.setText(self.tr("Print note"))
        self.esc_title.setText(self.tr("Not solved yet: contact support"))
        self.fixed_title.setText(self.tr("Fixed. Well done!"))
        self._render()

    # -- internals ---------------------------------------------------------------------------
    def _answer(self, answer: Answer) -> None:
        if self.run is None or self.run.finished:
            return
        self.run.answer(answer)
        self._render()

    def _render(self) -> None:
        run, entry = self.run, self.entry
        if run is None or entry is None:
            return
        en = self._language == "en"
        self.header.setText(f"{entry.code}  {entry.title_en if en else entry.title_zh}")
        if run.outcome is Outcome.IN_PROGRESS:
            current, total = run.progress()
            step = entry.steps[current - 1]
            self.progress_label.setText(self.tr("Step {n} of {total}").format(n=current, total=total))
            # QProgressBar.setValue() repaints synchronously (~3 ms a step); with updates off it is
            # painted once, with the rest of the page, when the event loop next runs.
            self.progress_bar.setUpdatesEnabled(False)
            self.progress_bar.setRange(0, total)
            self.progress_bar.setValue(current)
            self.progress_bar.setUpdatesEnabled(True)
            self.step_text.setText(step.text_en if en else step.text_zh)
            self.level_label.setText(self._level_text(step.level))
            self.level_label.setVisible(step.level != "basic")
            self.back_button.setEnabled(run.can_go_back)
            self.pages.setCurrentIndex(PAGE_STEP)
            self.fixed_button.setFocus()
        elif run.outcome is Outcome.FIXED:
            summary = [
                self.tr("The problem was fixed at step {n} of {total}. You can continue with the sale.").format(
                    n=run.record().fixed_at_step, total=run.step_count
                ),
                "",
            ]
            for a in run.answers:
                step = entry.steps[a.position - 1]
                summary.append(f"{a.position}. {step.text_en if en else step.text_zh} → {answer_text(a.answer)}")
            self.fixed_summary.setText("\n".join(summary))
            self.fixed_back.setEnabled(run.can_go_back)
            self.pages.setCurrentIndex(PAGE_FIXED)
            self.fixed_done.setFocus()
        elif run.outcome is Outcome.ESCALATED:
            self.esc_hint.setText(self.escalation_hint())
            self.note_edit.setPlainText(self.note_text())
            self.esc_back.setEnabled(run.can_go_back)
            self.pages.setCurrentIndex(PAGE_ESCALATED)
            self.copy_button.setFocus()

    def escalation_hint(self) -> str:
        """Whom to contact and what to have ready: the entry's own last (escalate) step, because the
        right party differs (the card issuer for a decline, the acquirer for a terminal fault)."""
        entry = self.entry
        last = entry.steps[-1] if entry is not None and entry.steps else None
        if last is None or last.level != "escalate":
            return self.tr("Contact whoever supports your payment terminal, and read them the note below or print it.")
        text = last.text_en if self._language == "en" else last.text_zh
        return text + "\n" + self.tr("The note below has the details: copy it or print it.")

    def _level_text(self, level: str) -> str:
        if level == "advanced":
            return self.tr("Advanced step: ask a colleague if you are unsure")
        if level == "escalate":
            return self.tr("Last step: contact support")
        return ""
