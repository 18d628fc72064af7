"""The entry page: code, scheme, title, explanation, who acts, retry advice, the customer sentence,
see-also links and a large "Start troubleshooting" button."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from posfix_gui.catalogue.model import ACTOR_NAMES, RETRY_NAMES, Entry
from posfix_gui.ui.widgets import Button, wrapped_label


def _pick(pair: tuple[str, str], language: str) -> str:
    return pair[1] if language == "en" else pair[0]


class EntryView(QWidget):
    """Shows one :class:`Entry`. Emits ``see_also_requested(entry_id)`` and ``start_requested(entry_id)``."""

    see_also_requested = Signal(str)
    start_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entry: Entry | None = None
        self._related: list[Entry] = []
        self._scheme_names: dict[str, tuple[str, str]] = {}
        self._language = "zh_CN"
        self.see_also_buttons: list[Button] = []

        self.code_label = QLabel(objectName="codeLabel")
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.scheme_label = wrapped_label(object_name="schemeLabel")
        self.title_label = wrapped_label(object_name="titleLabel")
        self.explain_label = wrapped_label()
        self.act_caption = QLabel(objectName="sectionLabel")
        self.act_label = wrapped_label()
        self.retry_caption = QLabel(objectName="sectionLabel")
        self.retry_label = wrapped_label()
        self.customer_caption = QLabel(objectName="sectionLabel")
        self.customer_label = wrapped_label(object_name="customerText")
        self.note_label = wrapped_label()
        self.see_also_caption = QLabel(objectName="sectionLabel")

        box = QFrame(objectName="customerBox")
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(14, 10, 14, 12)
        box_layout.addWidget(self.customer_caption)
        box_layout.addWidget(self.customer_label)
        self.customer_box = box

        # "本收银台近 7 天出现此代码 N 次" and the latest few (time + outcome); hidden at 0 / history off
        self.recent_label = wrapped_label(object_name="recentLabel")
        self.recent_list = wrapped_label(object_name="recentList")
        self.recent_list.setTextFormat(Qt.TextFormat.PlainText)
        recent = QFrame(objectName="recentBox")
        recent_layout = QVBoxLayout(recent)
        recent_layout.setContentsMargins(14, 6, 14, 8)
        recent_layout.setSpacing(2)
        recent_layout.addWidget(self.recent_label)
        recent_layout.addWidget(self.recent_list)
        recent.setVisible(False)
        self.recent_box = recent

        head = QHBoxLayout()
        head.addWidget(self.code_label)
        head.addSpacing(16)
        head.addWidget(self.scheme_label, 1, Qt.AlignmentFlag.AlignBottom)

        facts = QGridLayout()
        facts.setHorizontalSpacing(24)
        facts.setVerticalSpacing(2)
        facts.addWidget(self.act_caption, 0, 0)
        facts.addWidget(self.act_label, 1, 0)
        facts.addWidget(self.retry_caption, 0, 1)
        facts.addWidget(self.retry_label, 1, 1)
        facts.setColumnStretch(0, 1)
        facts.setColumnStretch(1, 1)

        self._links = QVBoxLayout()
        self._links.setSpacing(6)

        content = QWidget()
        body = QVBoxLayout(content)
        body.setContentsMargins(16, 12, 16, 12)
        body.setSpacing(10)
        body.addLayout(head)
        body.addWidget(self.title_label)
        body.addWidget(box)  # what to say comes first: the customer is waiting
        body.addWidget(recent)
        body.addLayout(facts)
        body.addWidget(self.explain_label)
        body.addWidget(self.note_label)
        body.addWidget(self.see_also_caption)
        body.addLayout(self._links)
        body.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll = scroll

        self.start_button = Button(object_name="startButton")
        self.start_button.clicked.connect(self._start)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll, 1)
        bottom = QHBoxLayout()
        bottom.setContentsMargins(16, 8, 16, 12)
        bottom.addWidget(self.start_button)
        outer.addLayout(bottom)
        self.retranslate()

    # -- content -----------------------------------------------------------------------------
    def show_entry(
        self,
        entry: Entry,
        related: Sequence[Entry] = (),
        scheme_names: dict[str, tuple[str, str]] | None = None,
    ) -> None:
        if self.entry is None or self.entry.id != entry.id:
            self.clear_recent()  # the count belongs to the previous entry; a fresh one follows
        self.entry = entry
        self._related = list(related)
        if scheme_names is not None:
            self._scheme_names = dict(scheme_names)
        self._render()
        self.scroll.verticalScrollBar().setValue(0)

    def show_recent(self, entry_id: str, summary: str, lines: Sequence[str] = ()) -> None:
        """Show how often this code happened here lately (``summary``) and the latest incidents.

        Ignored when ``entry_id`` is no longer the entry on screen; an empty ``summary`` hides it."""
        if self.entry is None or self.entry.id != entry_id:
            return
        self.recent_label.setText(summary)
        self.recent_list.setText("\n".join(lines))
        self.recent_list.setVisible(bool(lines))
        self.recent_box.setVisible(bool(summary))

    def clear_recent(self) -> None:
        self.recent_label.clear()
        self.recent_list.clear()
        self.recent_box.setVisible(False)

    @property
    def recent_visible(self) -> bool:
        """True when the count line is shown (not hidden by a zero count or history being off)."""
        return not self.recent_box.isHidden()

    def set_language(self, language: str) -> None:
        self._language = language
        self.retranslate()

    def retranslate(self) -> None:
        self.act_caption.setText(self.tr("Who must act"))
        self.retry_caption.setText(self.tr("Retry?"))
        self.customer_caption.setText(self.tr("Tell the customer"))
        self.see_also_caption.setText(self.tr("See also"))
        self.start_button.setText(self.tr("Start troubleshooting"))
        self._render()

    def _scheme_name(self, scheme_id: str) -> str:
        return _pick(self._scheme_names.get(scheme_id, (scheme_id, scheme_id)), self._language)

    def _render(self) -> None:
        e = self.entry
        self.start_button.setVisible(e is not None)
        if e is None:
            return
        lang = self._language
        en = lang == "en"
        self.code_label.setText(e.code)
        self.scheme_label.setText(self._scheme_name(e.scheme))
        self.title_label.setText(e.title_en if en else e.title_zh)
        self.explain_label.setText(e.explain_en if en else e.explain_zh)
        sep = ", " if en else "、"
        actors = [_pick(ACTOR_NAMES[a], lang) for a in e.act if a in ACTOR_NAMES]
        self.act_label.setText(sep.join(actors) or "—")
        self.act_caption.setVisible(bool(e.act))
        self.act_label.setVisible(bool(e.act))
        retry = RETRY_NAMES.get(e.retry)
        self.retry_label.setText(_pick(retry, lang) if retry else "—")
        self.retry_caption.setVisible(retry is not None)
        self.retry_label.setVisible(retry is not None)
        customer = e.customer_en if en else e.customer_zh
        self.customer_label.setText(customer)
        self.customer_box.setVisible(bool(customer))
        note = e.note_en if en else e.note_zh
        self.note_label.setText(note)
        self.note_label.setVisible(bool(note))
        self.start_button.setEnabled(bool(e.steps))
        self.start_button.setToolTip("" if e.steps else self.tr("This entry has no troubleshooting steps."))
        self._render_links()

    def _render_links(self) -> None:
        for button in self.see_also_buttons:
            self._links.removeWidget(button)
            button.hide()
            button.setParent(None)
            button.deleteLater()
        self.see_also_buttons = []
        en = self._language == "en"
        for other in self._related:
            text = f"→  {other.code}  {other.title_en if en else other.title_zh}  ·  {self._scheme_name(other.scheme)}"
            button = Button(text)
            button.setObjectName("seeAlsoButton")
            button.setProperty("entry_id", other.id)
            button.setFlat(True)
            button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.clicked.connect(lambda _=False, eid=other.id: self.see_also_requested.emit(eid))
            self._links.addWidget(button)
            self.see_also_buttons.append(button)
        self.see_also_caption.setVisible(bool(self._related))

    def _start(self) -> None:
        if self.entry is not None and self.entry.steps:
            self.start_requested.emit(self.entry.id)
