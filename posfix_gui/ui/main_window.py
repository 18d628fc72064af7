"""The main window: a search box above one view (category tree ↔ results, like Zeal), the entry page
and the remedy wizard beside it."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Protocol

from PySide6.QtCore import QAbstractItemModel, QEvent, QIdentityProxyModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
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
from posfix_gui.ui.entry_view import EntryView
from posfix_gui.ui.i18n import Translators
from posfix_gui.ui.settings_dialog import SettingsDialog, SettingsValues
from posfix_gui.ui.style import MIN_TARGET, apply_font, style_sheet
from posfix_gui.ui.widgets import Button
from posfix_gui.ui.wizard_view import WizardView
from posfix_gui.ui.worker import SearchController
from posfix_gui.wizard import RunRecord, WizardRun

log = logging.getLogger(__name__)

RunListener = Callable[[RunRecord], None]
PAGE_WELCOME, PAGE_ENTRY, PAGE_WIZARD = 0, 1, 2
LEFT_VIEW, LEFT_EMPTY = 0, 1
NAV_KEYS = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class CatalogueLike(Protocol):
    def search(self, query: str, limit: int = 20, preferred_scheme: str | None = None) -> list[SearchResult]: ...
    def get(self, entry_id: str) -> Entry | None: ...
    def categories(self) -> list[Category]: ...
    def entries_in_category(self, category_id: str) -> list[SearchResult]: ...
    def schemes(self) -> list[Scheme]: ...
    def info(self) -> CatalogueInfo: ...


class MainWindow(QMainWindow):
    """Everything the cashier sees. Dependencies come in through the constructor (see ``app.py``).

    ``run_listener`` receives every :class:`RunRecord` of every wizard run (started, each answer,
    finished or abandoned); the history store plugs in there.
    """

    results_shown = Signal(str, int)  # query, number of results (after they are on screen)
    entry_opened = Signal(str)

    def __init__(
        self,
        catalogue: CatalogueLike,
        settings: AppSettings,
        translators: Translators | None = None,
        run_listener: RunListener | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self.settings = settings
        self.translators = translators
        self.run_listener = run_listener
        self.language = settings.language
        self.schemes = list(catalogue.schemes())
        self.scheme_names = {s.id: (s.name_zh, s.name_en) for s in self.schemes}
        self.settings_dialog: SettingsDialog | None = None

        self.tree_model = CategoryTreeModel(catalogue.categories(), catalogue.entries_in_category, self.language, self)
        self.results_model = SearchResultsModel(self.scheme_names, self.language, self)
        self.search = SearchController(catalogue, parent=self)
        self.search.results_ready.connect(self._on_results)
        self.search.search_failed.connect(self._on_search_failed)

        # -- left: search box + one view ------------------------------------------------------
        self.search_box = QLineEdit(objectName="searchBox")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setMinimumHeight(MIN_TARGET + 8)
        self.search_box.textChanged.connect(self._on_text_changed)
        self.search_box.installEventFilter(self)

        self.view = QTreeView(objectName="resultView")
        self.view.setHeaderHidden(True)
        self.view.setUniformRowHeights(False)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setExpandsOnDoubleClick(False)
        self.view.setWordWrap(True)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.installEventFilter(self)
        self.view.clicked.connect(self._on_clicked)
        # One view, one proxy; swapping the proxy's source switches tree ↔ results without making new
        # selection models on every keystroke.
        self.view_model = QIdentityProxyModel(self)
        self.view_model.setSourceModel(self.tree_model)
        self.view.setModel(self.view_model)
        self.view.selectionModel().currentChanged.connect(self._on_current_changed)

        self.empty_label = QLabel(objectName="emptyState")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
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
        self.welcome_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.entry_view = EntryView()
        self.entry_view.see_also_requested.connect(lambda eid: self.open_entry(eid, focus=True))
        self.entry_view.start_requested.connect(self.start_wizard)
        self.wizard_view = WizardView()
        self.wizard_view.closed.connect(self._on_wizard_closed)
        self.right = QStackedWidget()
        self.right.addWidget(self.welcome_label)
        self.right.addWidget(self.entry_view)
        self.right.addWidget(self.wizard_view)

        splitter = QSplitter(Qt.Orientation.Horizontal)
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
        self.setCentralWidget(central)

        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.activated.connect(self.focus_search)
        self.find_shortcut = find
        # Esc anywhere on the right (entry page, wizard) goes back to the search box; the run stays open
        back_to_search = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.right)
        back_to_search.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back_to_search.activated.connect(self.focus_search)
        self.escape_shortcut = back_to_search

        self.entry_view.set_language(self.language)
        self.wizard_view.set_language(self.language)
        self.apply_font_size(settings.font_size)
        self.retranslate()
        self.search_box.setFocus()

    def _bottom_bar(self) -> QHBoxLayout:
        """Catalogue size, language switch and settings under the view."""
        self.language_button = Button(object_name="languageButton")
        self.language_button.clicked.connect(self.toggle_language)
        self.settings_button = Button(object_name="settingsButton")
        self.settings_button.clicked.connect(self.open_settings)
        self.info_label = QLabel(objectName="schemeLabel")
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 4, 0, 0)
        bar.addWidget(self.info_label, 1)
        bar.addWidget(self.language_button)
        bar.addWidget(self.settings_button)
        return bar

    # -- search -------------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
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
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self.search_box:
                if key in NAV_KEYS:
                    if self.left_stack.currentIndex() == LEFT_VIEW:
                        self.view.setFocus()
                        QApplication.sendEvent(self.view, QKeyEvent(event.type(), key, event.modifiers()))
                        self.search_box.setFocus()
                    return True
                if key in ENTER_KEYS:
                    self.activate_current()
                    return True
                if key == Qt.Key.Key_Escape:
                    self.clear_search()
                    return True
            elif watched is self.view:
                if key in ENTER_KEYS:
                    self.activate_current()
                    return True
                if key == Qt.Key.Key_Escape:
                    self.clear_search()
                    return True
                text = event.text()
                if (
                    text
                    and text.isprintable()
                    and not text.isspace()
                    and not (
                        event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
                    )
                ):
                    self.search_box.setFocus()
                    self.search_box.insert(text)
                    return True
        return super().eventFilter(watched, event)

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
        if focus and entry.steps:
            self.entry_view.start_button.setFocus()
        elif focus:
            self.search_box.setFocus()
        self.entry_opened.emit(entry.id)
        return entry

    def current_entry(self) -> Entry | None:
        return self.entry_view.entry

    def start_wizard(self, entry_id: str | None = None) -> WizardRun | None:
        entry = self.catalogue.get(entry_id) if entry_id else self.entry_view.entry
        if entry is None or not entry.steps:
            return None
        run = WizardRun.for_entry(entry, till=self.settings.till_name, terminal_id=self.settings.terminal_id)
        if self.run_listener is not None:
            run.on_change.append(self._record_run)
        self.wizard_view.set_language(self.language, self._scheme_name(entry.scheme))
        self.right.setCurrentIndex(PAGE_WIZARD)
        self.wizard_view.start(entry, run, self._scheme_name(entry.scheme))
        return run

    def _record_run(self, record: RunRecord) -> None:
        """Pass a run to the history hook; if saving fails the cashier carries on and the log says why."""
        if self.run_listener is None:
            return
        try:
            self.run_listener(record)
        except Exception:  # noqa: BLE001 - history must never stop troubleshooting
            log.exception("run listener failed for run %s", record.run_id)
            self.statusBar().showMessage(self.tr("This troubleshooting run could not be saved to the history."), 8000)

    def _on_wizard_closed(self) -> None:
        self.right.setCurrentIndex(PAGE_ENTRY if self.entry_view.entry else PAGE_WELCOME)
        if self.entry_view.entry is not None:
            self.entry_view.start_button.setFocus()

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
        self.entry_view.set_language(language)
        self.wizard_view.set_language(
            language, self._scheme_name(self.wizard_view.entry.scheme) if self.wizard_view.entry else None
        )
        self.retranslate()

    def apply_font_size(self, size: int) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_font(app, size)
        self.setStyleSheet(style_sheet(size))

    def settings_values(self) -> SettingsValues:
        s = self.settings
        return SettingsValues(s.language, s.preferred_scheme, s.till_name, s.terminal_id, s.font_size)

    def open_settings(self) -> SettingsDialog:
        """Open the settings dialog (window-modal, not blocking); changes apply on OK."""
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
        s.till_name = values.till_name
        s.terminal_id = values.terminal_id
        if values.font_size != s.font_size:
            s.font_size = values.font_size
            self.apply_font_size(values.font_size)
        if values.language != self.language:
            self.set_language(values.language)
        if scheme_changed and self.search_box.text().strip():
            self._on_text_changed(self.search_box.text())

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("POSfix: payment terminal error codes"))
        self.search_box.setPlaceholderText(self.tr("Code or words"))
        self.hint_label.setText(self.tr("Try the code or words shown on the terminal"))
        self.search_box.setAccessibleName(self.tr("Search"))
        self.view.setAccessibleName(self.tr("Categories and results"))
        self.language_button.setText("English" if self.language != "en" else "中文")
        self.language_button.setToolTip(self.tr("Switch language"))
        self.settings_button.setText(self.tr("Settings"))
        self.welcome_label.setText(
            self.tr("Type the code or the words shown on the terminal,\nor pick a category on the left.")
        )
        try:
            info = self.catalogue.info()
            self.info_label.setText(self.tr("{n} codes").format(n=info.entries))
            self.info_label.setToolTip(self.tr("Catalogue version {version}").format(version=info.catalogue_version))
        except Exception:  # noqa: BLE001 - the label is cosmetic
            log.exception("catalogue info failed")
        if self.left_stack.currentIndex() == LEFT_EMPTY and self.results_model.query:
            self.empty_label.setText(self._no_results_text(self.results_model.query))

    # -- shutdown -----------------------------------------------------------------------------
    def shutdown(self) -> None:
        """Abandon a run in progress and stop the search thread."""
        self.wizard_view.abandon()
        self.search.stop()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)
