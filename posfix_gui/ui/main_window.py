"""The main window: a search box above one view (category tree ↔ results, like Zeal), the entry page
and the remedy wizard beside it."""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

# ``QtCore.Qt`` is looked up when used, never at import or while the first screen is built: PySide6
# builds all 93 Python enums of the Qt namespace (20-40 ms) the first time it is touched, and that can
# wait until the window is on screen (tests/test_app.py checks it does).
from PySide6 import QtCore
from PySide6.QtCore import QAbstractItemModel, QIdentityProxyModel, QModelIndex, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from posfix_gui.catalogue.model import CatalogueInfo, Category, Entry, Scheme, SearchResult
from posfix_gui.qtmodels import CategoryTreeModel, SearchResultsModel
from posfix_gui.qtmodels.roles import ENTRY_ID_ROLE, KIND_ROLE, NodeKind
from posfix_gui.settings import AppSettings
from posfix_gui.ui.i18n import Translators
from posfix_gui.ui.style import MIN_TARGET, apply_font, style_sheet
from posfix_gui.ui.widgets import Button, enter_keys
from posfix_gui.ui.worker import SearchController

if TYPE_CHECKING:  # imported when first used: start-up does not pay for these pages and windows
    from PySide6.QtCore import Qt

    from posfix_gui.qtmodels.query_runner import QueryRunner
    from posfix_gui.ui.entry_view import EntryView
    from posfix_gui.ui.manager import ManagerWindow
    from posfix_gui.ui.settings_dialog import SettingsDialog, SettingsValues
    from posfix_gui.ui.wizard_view import WizardView
    from posfix_gui.wizard import RunRecord, WizardRun

log = logging.getLogger(__name__)

RunListener = Callable[["RunRecord"], None]
PAGE_WELCOME, PAGE_ENTRY, PAGE_WIZARD = 0, 1, 2
LEFT_VIEW, LEFT_EMPTY = 0, 1
@functools.cache
def nav_keys() -> tuple[Qt.Key, ...]:
    """Keys the search box passes to the result list (built at the first key press)."""
    Key = QtCore.Qt.Key
    return (Key.Key_Up, Key.Key_Down, Key.Key_PageUp, Key.Key_PageDown)


RECENT_DAYS, RECENT_LIMIT = 7, 5
# Added to the shared style sheet: the history status line and the count box on the entry page.
EXTRA_STYLE = """
QLabel#historyStatus { background: #fdecea; color: #8a1c12; border-top: 1px solid #e0a59d; padding: 4px 12px; }
QFrame#recentBox { background: #eef4fb; border: 1px solid #9dbfe0; border-radius: 6px; }
QLabel#recentLabel { font-weight: bold; color: #0b3d6b; }
QLabel#recentList { color: #333; }
QPushButton[compact="true"] { padding: 4px 10px; }
"""


class HistoryLike(Protocol):
    """What the main window needs of :class:`posfix_gui.history.HistoryStore`."""

    checked_at_open: bool

    def recent_on_till(self, entry_id: str, till: str, days: int = 7, limit: int = 5,
                       exclude_run: str = "") -> Any: ...
    def quick_check(self) -> str: ...
    def record(self, run: Any) -> int: ...


def _ignore(_result: object) -> None:
    pass


def _nothing() -> None:
    """A no-op for the history thread: its answer means everything queued before it is done."""


def _problem_text(problem: object, language: str) -> str:
    """A history error (with ``.text(lang)``) or a plain string, in the UI language."""
    text = getattr(problem, "text", None)
    if callable(text):
        return str(text("en" if language == "en" else "zh"))
    return str(problem or "")


class CatalogueLike(Protocol):
    def search(self, query: str, limit: int = 20, preferred_scheme: str | None = None) -> list[SearchResult]: ...
    def get(self, entry_id: str) -> Entry | None: ...
    def categories(self) -> list[Category]: ...
    def entries_in_category(self, category_id: str) -> list[SearchResult]: ...
    def schemes(self) -> list[Scheme]: ...
    def info(self) -> CatalogueInfo: ...


class FitLabel(QLabel):
    """A one-line label that shows its text whole or not at all (never a clipped fragment)."""

    def __init__(self, object_name: str = "") -> None:
        super().__init__(objectName=object_name)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.refit()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.refit()

    def refit(self) -> None:
        """Show the text if it fits now; called on resize, and by the window after a font change.
        (Not from changeEvent(): a Python override taking a QEvent makes PySide6 build the Python
        types of some 50 event classes at the first event, during start-up.)"""
        fits = self.fontMetrics().horizontalAdvance(self._full) <= self.contentsRect().width()
        shown = self._full if fits else ""
        if self.text() != shown:
            self.setText(shown)


KeyHandler = Callable[[QWidget, QKeyEvent], bool]


class _KeysFirst:
    """Mixed into a Qt widget: ``on_key(widget, event)`` sees each key press first and returns True
    when it handled it. (An override, not an event filter: a filter gets every event of the widget —
    paints, resizes, hovers — through Python, and PySide6 then builds the Python types of some 50
    event classes during start-up.)"""

    def __init__(self, on_key: KeyHandler, object_name: str = "") -> None:
        super().__init__(objectName=object_name)  # type: ignore[call-arg]  # the Qt widget's
        self._on_key = on_key

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._on_key(self, event):  # type: ignore[arg-type]
            super().keyPressEvent(event)  # type: ignore[misc]


class SearchBox(_KeysFirst, QLineEdit):
    """The search box."""


class ItemView(_KeysFirst, QTreeView):
    """The tree / result list."""


class MainWindow(QMainWindow):
    """Everything the cashier sees. Dependencies come in through the constructor (see ``app.py``).

    ``history`` is the open :class:`~posfix_gui.history.HistoryStore` (or None when history is off,
    with ``history_error`` saying why: a string or a history error with ``.text(lang)``; or attached
    later with :meth:`attach_history`). Every :class:`RunRecord` of every wizard run (started, each
    answer, finished or abandoned) is saved to it on the history thread, which also feeds the count
    line on the entry page; the manager window reads it too. ``run_listener``, if given, receives the
    same records on the GUI thread.
    """

    results_shown = Signal(str, int)  # query, number of results (after they are on screen)
    entry_opened = Signal(str)
    recent_shown = Signal(str, int)  # entry id, incidents on this till in the last 7 days (after shown)
    history_checked = Signal(bool)  # the background quick_check finished: True when healthy

    def __init__(
        self,
        catalogue: CatalogueLike,
        settings: AppSettings,
        translators: Translators | None = None,
        run_listener: RunListener | None = None,
        parent: QWidget | None = None,
        *,
        history: HistoryLike | None = None,
        history_error: object = "",
        history_pending: bool = False,
    ) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self.settings = settings
        self.translators = translators
        self.run_listener = run_listener
        self.history = history
        self.history_error = history_error if history is None else ""
        # True until attach_history(): the app opens the history just after the window is shown, and
        # the status line must not say "history is off" in the meantime.
        self._history_pending = history_pending and history is None
        self._history_problem: tuple[str, str] | None = None  # (what failed, detail) after the open
        self._history_runner: QueryRunner | None = None
        self._opened_history: HistoryLike | None = None  # set on the history thread by the open
        self._closing = False
        self._recent_generation = 0
        self._manager: ManagerWindow | None = None
        self.language = settings.language
        self.schemes = list(catalogue.schemes())
        self.scheme_names = {s.id: (s.name_zh, s.name_en) for s in self.schemes}
        self.settings_dialog: SettingsDialog | None = None
        # Font and style sheet before any child exists: each child is then polished once when first
        # shown, instead of every widget being re-polished when the sheet is set afterwards.
        self._set_style(settings.font_size)

        self.tree_model = CategoryTreeModel(catalogue.categories(), catalogue.entries_in_category, self.language, self)
        self.results_model = SearchResultsModel(self.scheme_names, self.language, self)
        self.search = SearchController(catalogue, parent=self)
        self.search.results_ready.connect(self._on_results)
        self.search.search_failed.connect(self._on_search_failed)

        # -- left: search box + one view ------------------------------------------------------
        self.search_box = SearchBox(self._on_key, object_name="searchBox")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setMinimumHeight(MIN_TARGET + 8)
        self.search_box.textChanged.connect(self._on_text_changed)

        self.view = ItemView(self._on_key, object_name="resultView")
        self.view.setHeaderHidden(True)
        self.view.setUniformRowHeights(False)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setExpandsOnDoubleClick(False)
        self.view.setWordWrap(True)
        self.view.clicked.connect(self._on_clicked)
        # One view, one proxy; swapping the proxy's source switches tree ↔ results without making new
        # selection models on every keystroke.
        self.view_model = QIdentityProxyModel(self)
        self.view_model.setSourceModel(self.tree_model)
        self.view.setModel(self.view_model)
        self.view.selectionModel().currentChanged.connect(self._on_current_changed)

        self.empty_label = QLabel(objectName="emptyState")
        self.empty_label.setWordWrap(True)
        self.left_stack = QStackedWidget()
        self.left_stack.addWidget(self.view)
        self.left_stack.addWidget(self.empty_label)

        self.hint_label = QLabel(objectName="schemeLabel")
        self.hint_label.setWordWrap(True)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(8, 8, 4, 8)
        lv.addWidget(self.search_box)
        lv.addWidget(self.hint_label)
        lv.addWidget(self.left_stack, 1)
        lv.addLayout(self._bottom_bar())

        # -- right: welcome / entry / wizard --------------------------------------------------
        self.welcome_label = QLabel(objectName="emptyState")
        self.welcome_label.setWordWrap(True)
        # The entry page and the wizard are built on first use, or just after the window is shown
        # (build_pages): nothing on them is visible at start, so start-up does not wait for them.
        self._entry_view: EntryView | None = None
        self._wizard_view: WizardView | None = None
        self.right = QStackedWidget()
        self.right.addWidget(self.welcome_label)  # PAGE_WELCOME; PAGE_ENTRY and PAGE_WIZARD follow

        splitter = QSplitter()  # Qt's default orientation: horizontal (side by side)
        splitter.addWidget(left)
        splitter.addWidget(self.right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        left.setMinimumWidth(300)
        self.splitter = splitter

        central = QWidget()
        cv = QVBoxLayout(central)
        cv.setContentsMargins(0, 0, 0, 0)
        cv.addWidget(splitter, 1)
        self.history_status = QLabel(objectName="historyStatus")
        self.history_status.setWordWrap(True)
        self.history_status.setVisible(False)
        cv.addWidget(self.history_status)
        self.setCentralWidget(central)

        manager = QShortcut(QKeySequence("Ctrl+M"), self)  # strings: Qt.Key costs ~50 ms to build
        manager.activated.connect(self.open_manager)
        self.manager_shortcut = manager
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.activated.connect(self.focus_search)
        self.find_shortcut = find
        self.retranslate()
        self.search_box.setFocus()

    # -- pages built on first use ---------------------------------------------------------------
    @property
    def pages_built(self) -> bool:
        return self._entry_view is not None

    def build_pages(self) -> None:
        """Build the entry page and the wizard (both at once: they sit at PAGE_ENTRY, PAGE_WIZARD)."""
        if self._entry_view is not None:
            return
        from posfix_gui.ui.entry_view import EntryView
        from posfix_gui.ui.wizard_view import WizardView

        entry_view = EntryView()
        entry_view.see_also_requested.connect(lambda eid: self.open_entry(eid, focus=True))
        entry_view.start_requested.connect(self.start_wizard)
        entry_view.set_language(self.language)
        wizard_view = WizardView()
        wizard_view.closed.connect(self._on_wizard_closed)
        wizard_view.set_language(self.language)
        self.right.insertWidget(PAGE_ENTRY, entry_view)
        self.right.insertWidget(PAGE_WIZARD, wizard_view)
        self._entry_view, self._wizard_view = entry_view, wizard_view
        # Esc anywhere on these pages goes back to the search box; the run stays open
        back_to_search = QShortcut(QKeySequence("Esc"), self.right)
        back_to_search.setContext(QtCore.Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back_to_search.activated.connect(self.focus_search)
        self.escape_shortcut = back_to_search

    @property
    def entry_view(self) -> EntryView:
        self.build_pages()
        assert self._entry_view is not None
        return self._entry_view

    @property
    def wizard_view(self) -> WizardView:
        self.build_pages()
        assert self._wizard_view is not None
        return self._wizard_view

    def _bottom_bar(self) -> QHBoxLayout:
        """Catalogue size, language switch and settings under the view."""
        self.language_button = Button(object_name="languageButton")
        self.language_button.clicked.connect(self.toggle_language)
        self.settings_button = Button(object_name="settingsButton")
        self.settings_button.clicked.connect(self.open_settings)
        self.manager_button = Button(object_name="managerButton")
        self.manager_button.clicked.connect(self.open_manager)
        for button in (self.language_button, self.settings_button, self.manager_button):
            # never squeezed below their text on a small counter screen; the info label gives way
            button.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
            button.setProperty("compact", True)
        self.info_label = FitLabel("schemeLabel")  # "460 个代码"; gives way to the buttons on a small screen
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 4, 0, 0)
        bar.setSpacing(6)
        bar.addWidget(self.info_label, 1)
        bar.addWidget(self.language_button)
        bar.addWidget(self.settings_button)
        bar.addWidget(self.manager_button)
        return bar

    # -- search -------------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search_box.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def _on_text_changed(self, text: str) -> None:
        query = text.strip()
        if not query:
            self.show_tree()
            return
        self.search.search(query, self.settings.preferred_scheme)

    def show_tree(self) -> None:
        """Back to the category tree (empty box)."""
        self.search.cancel()
        self.results_model.clear()
        if self.current_model() is not self.tree_model:
            self.view_model.setSourceModel(self.tree_model)
            self.view.setRootIsDecorated(True)
        self.left_stack.setCurrentIndex(LEFT_VIEW)

    def showing_results(self) -> bool:
        return self.current_model() is self.results_model

    def current_model(self) -> QAbstractItemModel:
        """The model the view shows now: ``tree_model`` or ``results_model``."""
        return self.view_model.sourceModel()

    def view_index(self, source: QModelIndex) -> QModelIndex:
        """The view's index for an index of ``tree_model`` or ``results_model``."""
        return self.view_model.mapFromSource(source)

    def _on_results(self, query: str, results: Sequence[SearchResult]) -> None:
        if query != self.search_box.text().strip():
            return  # the box changed meanwhile; a newer search is coming
        self.results_model.set_results(query, results)
        if self.current_model() is not self.results_model:
            self.view_model.setSourceModel(self.results_model)
            self.view.setRootIsDecorated(False)
        if results:
            self.left_stack.setCurrentIndex(LEFT_VIEW)
            self.view.setCurrentIndex(self.view_index(self.results_model.index(0, 0)))
            self.view.scrollToTop()
        else:
            self.empty_label.setText(self._no_results_text(query))
            self.left_stack.setCurrentIndex(LEFT_EMPTY)
        self.results_shown.emit(query, len(results))

    def _on_search_failed(self, query: str, message: str) -> None:
        self.empty_label.setText(
            self.tr("Searching failed: {message}\nTry again, or restart POSfix.").format(message=message)
        )
        self.left_stack.setCurrentIndex(LEFT_EMPTY)

    def _no_results_text(self, query: str) -> str:
        return self.tr(
            "Nothing found for “{query}”.\n\nTry the code or the words shown on the terminal, e.g. 51 or 余额不足."
        ).format(query=query)

    # -- view navigation ----------------------------------------------------------------------
    def _on_key(self, widget: QWidget, event: QKeyEvent) -> bool:
        """A key pressed in the search box or the view; True when handled here."""
        key = event.key()
        # Enter opens and Esc clears, whether the box or the list has the focus.
        if key in enter_keys():
            self.activate_current()
            return True
        if key == QtCore.Qt.Key.Key_Escape:
            self.clear_search()
            return True
        if widget is self.search_box:
            if key in nav_keys():
                if self.left_stack.currentIndex() == LEFT_VIEW:
                    self.view.setFocus()
                    QApplication.sendEvent(self.view, QKeyEvent(event.type(), key, event.modifiers()))
                    self.search_box.setFocus()
                return True
            return False
        # Typing while the list has the focus goes into the search box.
        text = event.text()
        Mod = QtCore.Qt.KeyboardModifier
        modifiers = event.modifiers() & (Mod.ControlModifier | Mod.AltModifier)
        if text and text.isprintable() and not text.isspace() and not modifiers:
            self.search_box.setFocus()
            self.search_box.insert(text)
            return True
        return False

    def clear_search(self) -> None:
        """Esc: empty the box, show the tree, focus the box."""
        self.search_box.clear()
        self.show_tree()
        self.search_box.setFocus()

    def activate_current(self) -> None:
        """Enter: open the selected entry (or the top result), or fold/unfold a category."""
        index = self.view.currentIndex()
        if not index.isValid() and self.showing_results() and self.results_model.rowCount():
            index = self.view_index(self.results_model.index(0, 0))
        if not index.isValid():
            return
        if index.data(KIND_ROLE) == NodeKind.CATEGORY.value:
            self.view.setExpanded(index, not self.view.isExpanded(index))
            return
        entry_id = index.data(ENTRY_ID_ROLE)
        if entry_id:
            self.open_entry(str(entry_id), focus=True)

    def _on_clicked(self, index: QModelIndex) -> None:
        if index.data(KIND_ROLE) == NodeKind.CATEGORY.value:
            self.view.setExpanded(index, not self.view.isExpanded(index))
        elif index.data(ENTRY_ID_ROLE):
            self.open_entry(str(index.data(ENTRY_ID_ROLE)), focus=False)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        """Moving the selection previews the entry, unless a wizard page is open."""
        entry_id = current.data(ENTRY_ID_ROLE) if current.isValid() else None
        if entry_id and self.right.currentIndex() != PAGE_WIZARD:
            self.open_entry(str(entry_id), focus=False)

    # -- entry and wizard ---------------------------------------------------------------------
    def open_entry(self, entry_id: str, focus: bool = True) -> Entry | None:
        entry = self.catalogue.get(entry_id)
        if entry is None:
            log.warning("entry %s not found", entry_id)
            self.statusBar().showMessage(self.tr("That code is not in the catalogue."), 5000)
            return None
        self.wizard_view.abandon()
        related = [e for e in (self.catalogue.get(i) for i in entry.see_also) if e is not None]
        self.entry_view.show_entry(entry, related, self.scheme_names)
        self.right.setCurrentIndex(PAGE_ENTRY)
        self.refresh_recent()
        if focus and entry.steps:
            self.entry_view.start_button.setFocus()
        elif focus:
            self.search_box.setFocus()
        self.entry_opened.emit(entry.id)
        return entry

    def current_entry(self) -> Entry | None:
        return self._entry_view.entry if self._entry_view is not None else None

    def start_wizard(self, entry_id: str | None = None) -> WizardRun | None:
        from posfix_gui.wizard import WizardRun

        entry = self.catalogue.get(entry_id) if entry_id else self.current_entry()
        if entry is None or not entry.steps:
            return None
        run = WizardRun.for_entry(entry, till=self.settings.till_name, terminal_id=self.settings.terminal_id)
        if self._history_problem is not None and self._history_problem[0] == "save":
            self._history_problem = None  # a new run: shown again only if this one cannot be saved either
            self._update_history_status()
        if self.run_listener is not None or self.history is not None or self._history_pending:
            run.on_change.append(self._record_run)
        run.on_change.append(self._on_run_changed)
        self.wizard_view.set_language(self.language, self._scheme_name(entry.scheme))
        self.right.setCurrentIndex(PAGE_WIZARD)
        self.wizard_view.start(entry, run, self._scheme_name(entry.scheme))
        return run

    def _record_run(self, record: RunRecord) -> None:
        """Save a run: to the history on its worker thread (in order; a busy or slow disk never holds up
        the wizard), and to ``run_listener`` if there is one. If saving fails the cashier carries on."""
        if self.history is not None or self._history_pending:
            # queued behind the open when the history is still opening: the save then finds the store
            self._runner().submit(lambda: self._save_on_history_thread(record), _ignore, self.history_save_failed)
        if self.run_listener is None:
            return
        try:
            self.run_listener(record)
        except Exception:  # noqa: BLE001 - history must never stop troubleshooting
            log.exception("run listener failed for run %s", record.run_id)
            self.statusBar().showMessage(self.tr("This troubleshooting run could not be saved to the history."), 8000)

    def _on_run_changed(self, record: RunRecord) -> None:
        """A run that ended (fixed, escalated, abandoned) changes the count on its entry page."""
        if record.ended_at is not None:
            self.refresh_recent()

    def _on_wizard_closed(self) -> None:
        self.right.setCurrentIndex(PAGE_ENTRY if self.entry_view.entry else PAGE_WELCOME)
        if self.entry_view.entry is not None:
            self.entry_view.start_button.setFocus()
        self.refresh_recent()

    # -- history ------------------------------------------------------------------------------
    def _runner(self) -> QueryRunner:
        """The history worker thread, started on first use (so start-up does not wait for it)."""
        if self._history_runner is None:
            from posfix_gui.qtmodels.query_runner import QueryRunner

            self._history_runner = QueryRunner(  # it saves runs: never drop one
                self, drain_on_quit=True, on_thread_end=self._release_history_connection
            )
        return self._history_runner

    def _history_for_thread(self) -> HistoryLike | None:
        """The store, as the history thread sees it: attached, or just opened by the job before."""
        return self.history if self.history is not None else self._opened_history

    def _release_history_connection(self) -> None:
        """On the history thread as it ends: its database connection goes with it."""
        release = getattr(self._history_for_thread(), "release_connection", None)
        if callable(release):
            release()

    def _save_on_history_thread(self, record: RunRecord) -> None:
        history = self._history_for_thread()
        if history is not None:  # None: the history could not be opened; the run is not kept
            history.record(record)

    def open_history_in_background(self, opener: Callable[[], tuple[HistoryLike | None, object]]) -> None:
        """Open the incident history on the history thread, so that a big database checked after a
        crash, a migration or a database locked by another program never freezes the window; then
        :meth:`attach_history`. ``opener()`` returns ``(store, "")`` or ``(None, why it is off)``.
        Runs saved meanwhile wait behind the open and go into the store it opened."""
        self._history_pending = True
        self._update_history_status()

        def job() -> tuple[HistoryLike | None, object]:
            store, error = opener()
            self._opened_history = store  # read by the saves queued behind this job, on this thread
            return store, error

        def opened(result: tuple[HistoryLike | None, object] | None) -> None:
            if result is not None:  # None: the app is closing and gave up waiting for the open
                self.attach_history(*result)

        def failed(exc: Exception) -> None:
            self.attach_history(None, exc)

        self._runner().submit(job, opened, failed)

    def attach_history(self, history: HistoryLike | None, error: object = "") -> None:
        """The history the app opened after showing the window (None, with ``error``, when it is off).
        A big database the open did not check is checked now, in the background."""
        self._history_pending = False
        self.history = history
        self.history_error = error if history is None else ""
        self._update_history_status()
        if history is not None and not self._closing:  # an open that ends during shutdown starts nothing
            if self.pages_built and self.current_entry() is not None:
                self.refresh_recent()  # an entry opened while the history was opening gets its count line
            if not history.checked_at_open:
                self.check_history_in_background()

    def history_call(self, fn: Callable[[], Any], timeout_s: float = 20.0) -> Any:
        """Run ``fn`` on the history thread after every save queued before it; wait for its result."""
        return self._runner().call(fn, timeout_s)

    def history_error_text(self) -> str:
        """Why history is off, in the UI language ("" when it is on)."""
        return _problem_text(self.history_error, self.language)

    def refresh_recent(self) -> None:
        """Ask (off the GUI thread) how often the shown entry happened on this till lately."""
        entry = self.current_entry()
        self._recent_generation += 1
        if entry is None:
            return  # no entry page yet, or nothing on it
        if self.history is None:
            self.entry_view.clear_recent()
            return
        generation, history = self._recent_generation, self.history
        till = self.settings.till_name
        run = self.wizard_view.run
        exclude = run.run_id if run is not None and not run.finished else ""
        entry_id = entry.id

        def query() -> Any:
            return history.recent_on_till(entry_id, till, days=RECENT_DAYS, limit=RECENT_LIMIT, exclude_run=exclude)

        def done(rec: Any) -> None:
            if generation == self._recent_generation:
                self._show_recent(entry_id, rec)

        def failed(exc: Exception) -> None:
            log.warning("recent incidents for %s not available: %s", entry_id, exc)
            if generation == self._recent_generation:
                self.entry_view.clear_recent()

        self._runner().submit(query, done, failed)

    def _show_recent(self, entry_id: str, rec: Any) -> None:
        lang = "en" if self.language == "en" else "zh"
        count = int(rec.count)
        if count <= 0:
            self.entry_view.clear_recent()
        else:
            self.entry_view.show_recent(entry_id, rec.text(lang), [self._incident_line(i) for i in rec.recent])
        self.recent_shown.emit(entry_id, count)

    def _incident_line(self, incident: Any) -> str:
        """"今天 14:32 · 已上报" / "11-20 09:15 · Fixed at step 2"."""
        lang = "en" if self.language == "en" else "zh"
        started: datetime = incident.started_at.astimezone()
        if started.date() == datetime.now().astimezone().date():
            when = self.tr("Today {time}").format(time=started.strftime("%H:%M"))
        else:
            when = started.strftime("%m-%d %H:%M")
        return f"{when}  ·  {incident.outcome_text(lang)}"

    def check_history_in_background(self) -> bool:
        """Run the history's ``quick_check`` off the GUI thread when the open skipped it (a big
        database); a failure shows in the status line. Returns True when a check was started."""
        history = self.history
        if history is None or history.checked_at_open:
            return False

        started = time.perf_counter()

        def done(result: Any) -> None:
            ok = str(result) == "ok"
            log.info("history quick_check: %s (%.0f ms)", str(result)[:200], (time.perf_counter() - started) * 1000)
            if not ok:
                log.error("history quick_check failed: %s", result)
                self._history_problem = ("check", str(result))
                self._update_history_status()
            self.history_checked.emit(ok)

        def failed(exc: Exception) -> None:
            log.error("history quick_check could not run: %s", exc)
            self._history_problem = ("check", _problem_text(exc, self.language) or type(exc).__name__)
            self._update_history_status()
            self.history_checked.emit(False)

        self._runner().submit(history.quick_check, done, failed)
        return True

    def history_save_failed(self, problem: object) -> None:
        """The history listener could not save a run: say so in the status line (the wizard goes on)."""
        self._history_problem = ("save", _problem_text(problem, self.language))
        self._update_history_status()

    def _update_history_status(self) -> None:
        if self._history_pending:
            text = ""
        elif self.history is None:
            # the store's own sentence already reads "历史记录已关闭：<reason>（<path>）。查询代码…不受影响。"
            text = self.history_error_text() or self.tr(
                "Incident history is off: it could not be opened. Looking up codes and the steps still work."
            )
        elif self._history_problem is not None:
            kind, detail = self._history_problem
            if kind == "check":
                text = self.tr("The incident history failed its check ({detail}). Lookup still works; "
                               "tell the manager.").format(detail=detail)
            else:
                text = self.tr("The last troubleshooting run could not be saved to the history: {detail}").format(
                    detail=detail)
        else:
            text = ""
        if text:  # set here, not at start-up (see the note at the imports); the text may hold a path
            self.history_status.setTextFormat(QtCore.Qt.TextFormat.PlainText)
            self.history_status.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        self.history_status.setText(text)
        self.history_status.setVisible(bool(text))

    def open_manager(self) -> ManagerWindow | None:
        """The store manager's window (behind its PIN); says plainly when history is off. Asked for
        while the history is still opening, it opens as soon as the open has answered (None now)."""
        if self._history_pending:
            self._runner().submit(_nothing, lambda _result: self.open_manager())
            return None
        from posfix_gui.ui.manager import open_manager_window

        self._manager = open_manager_window(
            self, self.history, self.catalogue, self.settings.language,  # type: ignore[arg-type]
            history_error=self.history_error_text(), existing=self._manager,
        )
        return self._manager

    def _scheme_name(self, scheme_id: str) -> str:
        zh, en = self.scheme_names.get(scheme_id, (scheme_id, scheme_id))
        return en if self.language == "en" else zh

    # -- language, settings, fonts ------------------------------------------------------------
    def toggle_language(self) -> None:
        self.set_language("zh_CN" if self.language == "en" else "en")

    def set_language(self, language: str) -> None:
        """Switch languages live and remember the choice."""
        self.settings.language = language
        self.language = language
        if self.translators is not None:
            self.translators.switch(language)
        self.tree_model.set_language(language)
        self.results_model.set_language(language)
        if self._entry_view is not None and self._wizard_view is not None:
            self._entry_view.set_language(language)
            wizard_entry = self._wizard_view.entry
            self._wizard_view.set_language(language, self._scheme_name(wizard_entry.scheme) if wizard_entry else None)
        if self._manager is not None:
            if self._manager.isVisible():
                self._manager.set_language(language)  # switched live, filters and selection kept
            else:  # a closed one is built again, in the new language, when next opened
                self._manager.shutdown()
                self._manager.deleteLater()
                self._manager = None
        self.retranslate()
        self.refresh_recent()

    def apply_font_size(self, size: int) -> None:
        self._set_style(size)
        self.info_label.refit()

    def _set_style(self, size: int) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_font(app, size)
        self.setStyleSheet(style_sheet(size) + EXTRA_STYLE)

    def settings_values(self) -> SettingsValues:
        from posfix_gui.ui.settings_dialog import SettingsValues

        s = self.settings
        return SettingsValues(s.language, s.preferred_scheme, s.till_name, s.terminal_id, s.font_size)

    def open_settings(self) -> SettingsDialog:
        """Open the settings dialog (window-modal, not blocking); changes apply on OK."""
        from posfix_gui.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings_values(), self.schemes, self.language, self)
        dialog.accepted.connect(lambda: self.apply_settings(dialog.values()))
        dialog.finished.connect(dialog.deleteLater)
        self.settings_dialog = dialog
        dialog.open()
        return dialog

    def apply_settings(self, values: SettingsValues) -> None:
        s = self.settings
        scheme_changed = values.preferred_scheme != s.preferred_scheme
        s.preferred_scheme = values.preferred_scheme
        till_changed = values.till_name != s.till_name
        s.till_name = values.till_name
        s.terminal_id = values.terminal_id
        if values.font_size != s.font_size:
            s.font_size = values.font_size
            self.apply_font_size(values.font_size)
        if values.language != self.language:
            self.set_language(values.language)
        if scheme_changed and self.search_box.text().strip():
            self._on_text_changed(self.search_box.text())
        if till_changed:
            self.refresh_recent()  # the count line is per till

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("POSfix: payment terminal error codes"))
        self.search_box.setPlaceholderText(self.tr("Code or words"))
        self.hint_label.setText(self.tr("Try the code or words shown on the terminal"))
        self.search_box.setAccessibleName(self.tr("Search"))
        self.view.setAccessibleName(self.tr("Categories and results"))
        self.language_button.setText("English" if self.language != "en" else "中文")
        self.language_button.setToolTip(self.tr("Switch language"))
        self.settings_button.setText(self.tr("Settings"))
        self.manager_button.setText(self.tr("Manager"))
        self.manager_button.setToolTip(self.tr("Store manager: incident history (Ctrl+M)"))
        self.manager_button.setAccessibleName(self.tr("Store manager"))
        self.welcome_label.setText(
            self.tr("Type the code or the words shown on the terminal,\nor pick a category on the left.")
        )
        try:
            info = self.catalogue.info()
            self.info_label.set_full_text(self.tr("{n} codes").format(n=info.entries))
            self.info_label.setToolTip(self.tr("Catalogue version {version}").format(version=info.catalogue_version))
        except Exception:  # noqa: BLE001 - the label is cosmetic
            log.exception("catalogue info failed")
        if self.left_stack.currentIndex() == LEFT_EMPTY and self.results_model.query:
            self.empty_label.setText(self._no_results_text(self.results_model.query))
        self._update_history_status()

    # -- shutdown -----------------------------------------------------------------------------
    def shutdown(self) -> None:
        """Abandon a run in progress (recorded as such) and stop the search and history threads.

        Call before the history store is closed."""
        self._closing = True
        if self._wizard_view is not None:
            self._wizard_view.abandon()
        self.search.stop()
        if self._manager is not None:
            self._manager.shutdown()
        if self._history_runner is not None:
            self._history_runner.drain()  # the abandoned run above, and any save still queued

    def history_thread_stuck(self) -> bool:
        """After shutdown(): True when a history thread (the window's or the manager's) did not end
        in time and is still running (see QueryRunner.stuck)."""
        runners = [self._history_runner, self._manager.runner if self._manager is not None else None]
        return any(r is not None and r.stuck for r in runners)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)
