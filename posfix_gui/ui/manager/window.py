"""The store manager's window: incident history behind a PIN.

Filters (date range, code or text, scheme, category, outcome, till, operator) drive a lazy,
sortable table; the statistics, the two bar charts and the recurring-fault hints follow the same
filter and are computed on the history worker thread. CSV export, archive/delete of old incidents
(the PIN again) and a manager note per incident.

Dialogs sit behind module-level functions (:func:`choose_export_path`, :func:`ask_archive`,
:func:`ask_pin`, :func:`ask_new_pin`) so tests can replace them; nothing here calls ``exec()``
on its own otherwise.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, QDate, QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFontMetrics, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from posfix_gui.history import HistoryError, HistoryStore, IncidentFilter, PinGate, Stats
from posfix_gui.qtmodels.history_model import HistoryTableModel, QueryRunner, format_duration
from posfix_gui.ui.manager.charts import BarChart
from posfix_gui.ui.manager.pin_page import PinPage
from posfix_gui.ui.widgets import Button

log = logging.getLogger(__name__)
DEFAULT_DAYS = 30
FONT_PT = 12
MAX_HINTS = 3
HINT_THRESHOLD = 3


class CatalogueLike(Protocol):
    def get(self, entry_id: str) -> Any: ...
    def categories(self) -> list[Any]: ...
    def entries_in_category(self, category_id: str) -> list[Any]: ...
    def schemes(self) -> list[Any]: ...


# -- dialogs (patched in tests) -----------------------------------------------------------------


def choose_export_path(parent: QWidget, lang: str, suggested: str) -> str | None:
    """Ask where to save the CSV; None when cancelled."""
    path, _ = QFileDialog.getSaveFileName(parent, QCoreApplication.translate("ManagerWindow", "Export CSV"), suggested,
                                          QCoreApplication.translate("ManagerWindow", "CSV files (*.csv)"))
    return path or None


class ArchiveDialog(QDialog):
    """Pick a date and archive (move away) or delete the incidents before it."""

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Old incidents"))
        self.date_edit = QDateEdit(QDate.currentDate().addDays(-365))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.archive_radio = QRadioButton(self.tr("Archive (off the list, kept in the database)"))
        self.delete_radio = QRadioButton(self.tr("Delete for good (archived too)"))
        self.archive_radio.setChecked(True)
        form = QFormLayout(self)
        form.addRow(self.tr("Incidents before:"), self.date_edit)
        form.addRow(self.archive_radio)
        form.addRow(self.delete_radio)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def choice(self) -> tuple[date, str]:
        return self.date_edit.date().toPython(), "delete" if self.delete_radio.isChecked() else "archive"


def ask_archive(parent: QWidget, lang: str) -> tuple[date, str] | None:
    """(cut-off date, "archive" | "delete"), or None when cancelled."""
    dlg = ArchiveDialog(lang, parent)
    return dlg.choice() if dlg.exec() == QDialog.DialogCode.Accepted else None


def ask_pin(parent: QWidget, lang: str) -> str | None:
    """Ask for the manager PIN again (before archive/delete); None when cancelled."""
    text, ok = QInputDialog.getText(parent, QCoreApplication.translate("ManagerWindow", "Manager PIN"),
                                    QCoreApplication.translate("ManagerWindow", "Enter the manager PIN again:"),
                                    QLineEdit.EchoMode.Password)
    return text if ok else None


def ask_new_pin(parent: QWidget, lang: str) -> tuple[str, str] | None:
    """(current PIN, new PIN), or None when cancelled."""
    current = ask_pin(parent, lang)
    if current is None:
        return None
    new, ok = QInputDialog.getText(parent, QCoreApplication.translate("ManagerWindow", "New PIN"),
                                   QCoreApplication.translate("ManagerWindow", "New PIN (4 to 8 digits):"),
                                   QLineEdit.EchoMode.Password)
    return (current, new) if ok else None


# -- the window ---------------------------------------------------------------------------------


class ManagerWindow(QMainWindow):
    """The manager's own window. Build it with the open history store and the catalogue.

    Signals: ``stats_shown(object)`` after statistics for the current filter are on screen,
    ``hints_shown(list)`` after the hints are, ``message_shown(str)`` for every status message.
    """

    stats_shown = Signal(object)
    hints_shown = Signal(list)
    message_shown = Signal(str)

    def __init__(
        self,
        store: HistoryStore,
        catalogue: CatalogueLike | None,
        language: str = "zh_CN",
        parent: QWidget | None = None,
        *,
        gate: PinGate | None = None,
        clock: Callable[[], float] = time.time,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.store = store
        self.catalogue = catalogue
        self.lang = "en" if language == "en" else "zh"
        self.gate = gate or PinGate(store, clock)
        self.today = today
        self.runner = QueryRunner(self, on_thread_end=store.release_connection)
        self.model = HistoryTableModel(store, self.runner, language, self)
        self._stats_generation = 0
        self._hints_generation = 0
        self._category_entries: dict[str, tuple[str, ...]] = {}
        self._entry_groups: dict[str, list[tuple[str, str, str]]] = {}
        self._category_by_id: dict[str, Any] | None = None
        self.last_stats: Stats | None = None
        self._last_hints: list[Any] | None = None
        self.setMinimumSize(960, 560)
        self._apply_timer = QTimer(self)
        self._apply_timer.setSingleShot(True)
        self._apply_timer.setInterval(250)
        self._apply_timer.timeout.connect(self.apply_filters)

        self.pin_page = PinPage(self.gate, self.lang)
        self.pin_page.unlocked.connect(self._on_unlocked)
        self.content = QWidget()
        self._build_content()
        self._retranslate()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.pin_page)
        self.stack.addWidget(self.content)
        self.setCentralWidget(self.stack)
        # Desk work with a dense table: a calmer 12 pt than the counter's big type (the main
        # window's style sheet would otherwise cascade into this child window).
        self.setStyleSheet(
            f"QWidget {{ font-size: {FONT_PT}pt; }}"
            " QPushButton, QComboBox, QLineEdit, QDateEdit { min-height: 36px; }"
            " QLabel#titleLabel { font-size: 16pt; font-weight: bold; }"
            " QLabel#statValue { font-size: 15pt; font-weight: bold; color: #0b3d6b; }"
            " QLabel#sectionLabel { font-weight: bold; }"
            " QLabel#hintLabel { background: #fff6d6; border: 1px solid #e0b000; border-radius: 4px;"
            " padding: 4px; }"
            " QLabel#messageLabel { color: #0b3d6b; }"
        )

    # -- building ----------------------------------------------------------------------------
    def _build_content(self) -> None:
        today = self.today()
        self.date_from = QDateEdit(QDate(today - timedelta(days=DEFAULT_DAYS - 1)))
        self.date_to = QDateEdit(QDate(today))
        for d in (self.date_from, self.date_to):
            d.setCalendarPopup(True)
            d.setDisplayFormat("yyyy-MM-dd")
            d.dateChanged.connect(self._schedule_apply)
        self.text_edit = QLineEdit()
        self.text_edit.setClearButtonEnabled(True)
        self.text_edit.textChanged.connect(self._schedule_apply)
        self.scheme_combo = QComboBox()
        self.category_combo = QComboBox()
        self.outcome_combo = QComboBox()
        self.till_combo = QComboBox()
        self.operator_combo = QComboBox()
        self._fill_static_combos()
        for combo in (self.scheme_combo, self.category_combo, self.outcome_combo, self.till_combo,
                      self.operator_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(6)
            combo.currentIndexChanged.connect(self._schedule_apply)
        self.reset_button = Button()
        self.reset_button.clicked.connect(self.reset_filters)

        grid = QGridLayout()
        grid.setHorizontalSpacing(6)

        def label() -> QLabel:
            lab = QLabel()
            lab.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return lab

        # the filter labels, in the order _retranslate() names them
        self.filter_labels = [label() for _ in range(7)]
        dates = QHBoxLayout()
        dates.addWidget(self.date_from)
        dates.addWidget(QLabel("–"))
        dates.addWidget(self.date_to)
        fields = (dates, self.text_edit, self.scheme_combo, self.category_combo, self.outcome_combo,
                  self.till_combo, self.operator_combo)
        for i, (lab, field) in enumerate(zip(self.filter_labels, fields, strict=True)):
            row, col = divmod(i, 4)
            grid.addWidget(lab, row, col * 2)
            if isinstance(field, QHBoxLayout):
                grid.addLayout(field, row, col * 2 + 1)
            else:
                grid.addWidget(field, row, col * 2 + 1)
        grid.addWidget(self.reset_button, 1, 6, 1, 2)
        for col in (1, 3, 5, 7):
            grid.setColumnStretch(col, 1)

        # table + details
        self.table = QTableView(objectName="incidentTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        font = self.font()
        font.setPointSize(FONT_PT)
        fm = QFontMetrics(font)
        samples = ("2026-11-22 00:00", "收银台00", "PRINTER_F", "金融机构或中间网络设施", "第 3 步解决", "12分59秒",
                   "王芳芳")
        for col, sample in enumerate(samples):
            header.resizeSection(col, fm.horizontalAdvance(sample) + 24)
        self.table.selectionModel().currentRowChanged.connect(self._on_row_changed)
        self.model.failed.connect(self.show_message)
        self.model.page_loaded.connect(self._on_page_loaded)

        self.detail_label = QLabel()
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note_edit = QPlainTextEdit(objectName="managerNoteEdit")
        self.note_edit.setMaximumHeight(56)
        self.save_note_button = Button()
        self.save_note_button.clicked.connect(self.save_note)
        self._set_detail_enabled(False)
        detail = QFrame()
        detail.setFrameShape(QFrame.Shape.StyledPanel)
        dl = QGridLayout(detail)
        dl.setContentsMargins(6, 4, 6, 4)
        dl.addWidget(self.detail_label, 0, 0, 1, 2)
        dl.addWidget(self.note_edit, 1, 0)
        dl.addWidget(self.save_note_button, 1, 1, Qt.AlignmentFlag.AlignTop)

        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.table, 1)
        lv.addWidget(detail)

        # statistics panel
        self.count_value = QLabel(objectName="statValue")
        self.fixed_value = QLabel(objectName="statValue")
        self.escalated_value = QLabel(objectName="statValue")
        self.median_value = QLabel(objectName="statValue")
        stats = QGridLayout()
        stats.setVerticalSpacing(0)
        self.stat_labels = []
        for i, widget in enumerate((self.count_value, self.fixed_value, self.escalated_value, self.median_value)):
            name_label = QLabel()
            name_label.setWordWrap(True)
            self.stat_labels.append(name_label)
            stats.addWidget(name_label, 0, i)
            stats.addWidget(widget, 1, i)
        self.hints_title = QLabel(objectName="sectionLabel")
        self.hints_box = QVBoxLayout()
        self.per_day_chart = BarChart()
        self.top_chart = BarChart(horizontal=True)
        self.per_day_chart.setMinimumHeight(150)
        self.top_chart.setMinimumHeight(200)
        panel = QWidget()
        pv = QVBoxLayout(panel)
        pv.addLayout(stats)
        pv.addWidget(self.hints_title)
        pv.addLayout(self.hints_box)
        pv.addWidget(self.per_day_chart)
        pv.addWidget(self.top_chart)
        pv.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(panel)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(280)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(scroll)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([780, 480])

        # bottom bar
        self.export_button = Button()
        self.export_button.clicked.connect(self.export_csv)
        self.archive_button = Button()
        self.archive_button.clicked.connect(self.archive_old)
        self.pin_button = Button()
        self.pin_button.clicked.connect(self.change_pin)
        self.lock_button = Button()
        self.lock_button.clicked.connect(self.lock)
        self.message_label = QLabel(objectName="messageLabel")
        self.message_label.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message_label, 1)
        for b in (self.export_button, self.archive_button, self.pin_button, self.lock_button):
            bottom.addWidget(b)

        v = QVBoxLayout(self.content)
        v.setContentsMargins(8, 8, 8, 8)
        v.addLayout(grid)
        v.addWidget(self.splitter, 1)
        v.addLayout(bottom)

    def _retranslate(self) -> None:
        """Every fixed text in the current language: after building, and on a language switch."""
        self.setWindowTitle(self.tr("POSfix manager: incident history"))
        names = (self.tr("Dates"), self.tr("Find"), self.tr("Scheme"), self.tr("Category"), self.tr("Outcome"),
                 self.tr("Till"), self.tr("Operator"))
        for lab, name in zip(self.filter_labels, names, strict=True):
            lab.setText(name)
        self.text_edit.setPlaceholderText(self.tr("Code or text, e.g. 51"))
        self.reset_button.setText(self.tr("Clear filters"))
        self.note_edit.setPlaceholderText(self.tr("Manager note (e.g. called the acquirer)"))
        self.save_note_button.setText(self.tr("Save note"))
        names = (self.tr("Incidents"), self.tr("Fixed at counter"), self.tr("Escalation rate"),
                 self.tr("Median to fix"))
        for lab, name in zip(self.stat_labels, names, strict=True):
            lab.setText(name)
        self.hints_title.setText(self.tr("Recurring faults (last 7 days)"))
        self.per_day_chart.set_title(self.tr("Incidents per day"))
        self.top_chart.set_title(self.tr("Top 10 codes"))
        for chart in (self.per_day_chart, self.top_chart):
            chart.set_empty_text(self.tr("No incidents"))
        self.export_button.setText(self.tr("Export CSV…"))
        self.archive_button.setText(self.tr("Archive/delete old…"))
        self.pin_button.setText(self.tr("Change PIN…"))
        self.lock_button.setText(self.tr("Lock"))
        for combo in (self.till_combo, self.operator_combo):
            combo.setItemText(0, self.tr("All"))

    def set_language(self, language: str) -> None:
        """Show the window in ``language`` now (the main window's language switch; the translator is
        already switched). Filters, the selected incident, a note being typed and the PIN lock stay."""
        lang = "en" if language == "en" else "zh"
        if lang == self.lang:
            return
        self.lang = lang
        self.model.set_language(language)
        self.pin_page.lang = lang
        self.pin_page.refresh()
        self._fill_static_combos()
        self._retranslate()
        draft = self.note_edit.toPlainText() if self.note_edit.isEnabled() else None
        current = self.table.selectionModel().currentIndex()
        if current.isValid():
            self._on_row_changed(current, QModelIndex())
            if draft is not None:
                self.note_edit.setPlainText(draft)
        elif self.model.rowCount() == 0 and self.unlocked:
            self._on_page_loaded(0)
        else:
            self._set_detail_enabled(False)
        if self.last_stats is not None:
            self._show_stats(self._stats_generation, self.last_stats)
        if self._last_hints is not None:
            self._show_hints(self._hints_generation, self._last_hints)
        self.message_label.clear()  # it was in the other language

    def _fill_static_combos(self) -> None:
        """Outcome, scheme and category lists in the current language; the current choices stay, and
        refilling them does not count as the manager changing a filter."""
        lang = self.lang
        kept = [(combo, combo.currentData())
                for combo in (self.outcome_combo, self.scheme_combo, self.category_combo)]
        for combo, _data in kept:
            combo.blockSignals(True)
            combo.clear()
        outcome_names = {
            "fixed": self.tr("Fixed"),
            "escalated": self.tr("Escalated"),
            "abandoned": self.tr("Abandoned"),
            "in_progress": self.tr("In progress"),
        }
        any_text = self.tr("All")
        self.outcome_combo.addItem(any_text, "")
        for key in ("fixed", "escalated", "abandoned", "in_progress"):
            self.outcome_combo.addItem(outcome_names[key], key)
        self.scheme_combo.addItem(any_text, "")
        self.category_combo.addItem(any_text, "")
        if self.catalogue is not None:
            try:
                for s in self.catalogue.schemes():
                    self.scheme_combo.addItem(s.name(lang), s.id)
                cats = list(self.catalogue.categories())
            except Exception:  # noqa: BLE001 - a broken catalogue only costs the two filters
                log.exception("catalogue lists for the manager filters")
                cats = []
            children: dict[str, list[Any]] = {}
            for c in cats:
                children.setdefault(c.parent, []).append(c)

            def add(parent: str, depth: int) -> None:
                for c in sorted(children.get(parent, []), key=lambda c: c.position):
                    self.category_combo.addItem("　" * depth + c.title(lang), c.id)
                    add(c.id, depth + 1)

            add("", 0)
            self._children = children
        else:
            self._children = {}
        for combo, data in kept:
            combo.setCurrentIndex(max(0, combo.findData(data)))
            combo.blockSignals(False)
        for combo in (self.till_combo, self.operator_combo):
            if combo.count() == 0:
                combo.addItem(any_text, "")

    def _refresh_people(self) -> None:
        """Fill the till and operator lists from the history (keeps the current choice)."""
        for combo, column in ((self.till_combo, "till"), (self.operator_combo, "operator")):
            current = combo.currentData()
            try:
                values = self.store.distinct_values(column)
            except HistoryError as err:
                self.show_message(err.text(self.lang))
                return
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for value in values:
                combo.addItem(value, value)
            idx = combo.findData(current)
            combo.setCurrentIndex(max(0, idx))
            combo.blockSignals(False)

    # -- gate --------------------------------------------------------------------------------
    @property
    def unlocked(self) -> bool:
        return self.stack.currentWidget() is self.content

    def _on_unlocked(self) -> None:
        self.stack.setCurrentWidget(self.content)
        self._refresh_people()
        self.apply_filters()

    def lock(self) -> None:
        """Back to the PIN page (leaving the desk)."""
        self.stack.setCurrentWidget(self.pin_page)
        self.pin_page.refresh()
        self.pin_page.pin_edit.setFocus()

    # -- filters -----------------------------------------------------------------------------
    def _schedule_apply(self, *_: object) -> None:
        if self.unlocked:
            self._apply_timer.start()

    def reset_filters(self) -> None:
        widgets = (self.date_from, self.date_to, self.text_edit, self.scheme_combo, self.category_combo,
                   self.outcome_combo, self.till_combo, self.operator_combo)
        for w in widgets:
            w.blockSignals(True)
        today = self.today()
        self.date_from.setDate(QDate(today - timedelta(days=DEFAULT_DAYS - 1)))
        self.date_to.setDate(QDate(today))
        self.text_edit.clear()
        for combo in widgets[3:]:
            combo.setCurrentIndex(0)  # type: ignore[attr-defined]
        for w in widgets:
            w.blockSignals(False)
        self.apply_filters()

    def current_filter(self) -> IncidentFilter:
        category = self.category_combo.currentData() or ""
        return IncidentFilter(
            date_from=self.date_from.date().toPython(),
            date_to=self.date_to.date().toPython(),
            text=self.text_edit.text().strip(),
            scheme=self.scheme_combo.currentData() or "",
            entry_ids=self._entries_of_category(category) if category else None,
            outcome=self.outcome_combo.currentData() or "",
            till=self.till_combo.currentData() or "",
            operator=self.operator_combo.currentData() or "",
        )

    def _entries_of_category(self, category_id: str) -> tuple[str, ...]:
        """Entry ids in a category and all below it (from the catalogue, cached)."""
        if category_id not in self._category_entries:
            ids: set[str] = set()
            todo = [category_id]
            while todo:
                cid = todo.pop()
                try:
                    ids.update(r.id for r in self.catalogue.entries_in_category(cid))  # type: ignore[union-attr]
                except Exception:  # noqa: BLE001
                    log.exception("entries of category %s", cid)
                todo.extend(c.id for c in self._children.get(cid, []))
            self._category_entries[category_id] = tuple(sorted(ids))
        return self._category_entries[category_id]

    def apply_filters(self) -> None:
        """Reload the table, statistics and hints for the current filter."""
        self._apply_timer.stop()
        flt = self.current_filter()
        if flt.date_from and flt.date_to and flt.date_from > flt.date_to:
            self.show_message(self.tr("The start date is after the end date."))
            return
        self.model.set_filter(flt)
        self._set_detail_enabled(False)
        self._load_stats(flt)
        self._load_hints()

    # -- statistics and hints ----------------------------------------------------------------
    def _load_stats(self, flt: IncidentFilter) -> None:
        self._stats_generation += 1
        generation = self._stats_generation
        self.count_value.setText("…")
        store = self.store
        self.runner.submit(lambda: store.stats(flt), lambda st: self._show_stats(generation, st),
                           self._on_error)

    def _show_stats(self, generation: int, st: Stats) -> None:
        if generation != self._stats_generation:
            return
        lang = self.lang
        self.last_stats = st
        self.count_value.setText(str(st.count))
        self.fixed_value.setText(f"{st.fixed_rate:.0%}" if st.count else "–")
        self.escalated_value.setText(f"{st.escalation_rate:.0%}" if st.count else "–")
        self.median_value.setText(format_duration(st.median_fix_seconds, lang) or "–")
        self.per_day_chart.set_data(st.per_day)
        self.top_chart.set_data([(f"{c.code} {c.title_en if lang == 'en' else c.title_zh}", c.count)
                                 for c in st.top_codes])
        self.stats_shown.emit(st)

    def _group_of(self, entry_id: str) -> list[tuple[str, str, str]]:
        """The categories of an entry, for grouping hints (runs on the worker thread)."""
        if entry_id not in self._entry_groups:
            groups: list[tuple[str, str, str]] = []
            if self.catalogue is not None:
                try:
                    entry = self.catalogue.get(entry_id)
                    if self._category_by_id is None:
                        self._category_by_id = {c.id: c for c in self.catalogue.categories()}
                    titles = self._category_by_id
                    for cid in getattr(entry, "categories", ()) if entry else ():
                        c = titles.get(cid)
                        if c is not None:
                            groups.append((cid, c.title_zh, c.title_en))
                except Exception:  # noqa: BLE001 - fall back to grouping by code
                    log.exception("categories of %s", entry_id)
            self._entry_groups[entry_id] = groups[:1]  # the first (main) category
        return self._entry_groups[entry_id]

    def _load_hints(self) -> None:
        self._hints_generation += 1
        generation = self._hints_generation
        store = self.store
        self.runner.submit(lambda: store.recurring_hints(threshold=HINT_THRESHOLD, group_of=self._group_of),
                           lambda hints: self._show_hints(generation, hints), self._on_error)

    def _show_hints(self, generation: int, hints: list[Any]) -> None:
        if generation != self._hints_generation:
            return
        self._last_hints = list(hints)
        while self.hints_box.count():
            item = self.hints_box.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        shown = hints[:MAX_HINTS]
        for h in shown:
            lab = QLabel(h.text(self.lang), objectName="hintLabel")
            lab.setWordWrap(True)
            self.hints_box.addWidget(lab)
        if not shown:
            self.hints_box.addWidget(QLabel(self.tr("No recurring faults.")))
        self.hints_shown.emit(list(hints))

    def _on_error(self, exc: Exception) -> None:
        self.show_message(exc.text(self.lang) if isinstance(exc, HistoryError) else str(exc))

    def _on_page_loaded(self, rows: int) -> None:
        if rows == 0:
            self.detail_label.setText(self.tr("No incidents match the filters."))

    # -- details and manager note ------------------------------------------------------------
    def _set_detail_enabled(self, on: bool) -> None:
        self.note_edit.setEnabled(on)
        self.save_note_button.setEnabled(on)
        if not on:
            self.note_edit.clear()
            self.detail_label.setText(self.tr("Select an incident to see each step's answer and add a note."))

    def _on_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self._set_detail_enabled(False)
            return
        inc = self.model.incident(current.row())
        lang = self.lang
        parts = [f"{inc.code} {inc.title(lang)}", inc.outcome_text(lang)]
        if inc.answers:
            parts.append(self.tr("Steps: ") + inc.answers_text(lang))
        if inc.note:
            parts.append(self.tr("Cashier note: ") + inc.note)
        if inc.terminal_id:
            parts.append(self.tr("Terminal: ") + inc.terminal_id)
        self.detail_label.setText("  ·  ".join(parts))
        self.note_edit.setPlainText(inc.manager_note)
        self.note_edit.setEnabled(True)
        self.save_note_button.setEnabled(True)

    def select_row(self, row: int) -> None:
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )

    def save_note(self) -> None:
        index = self.table.selectionModel().currentIndex()
        if not index.isValid():
            return
        inc = self.model.incident(index.row())
        note = self.note_edit.toPlainText().strip()
        try:
            self.store.set_manager_note(inc.id, note)
        except HistoryError as err:
            self.show_message(err.text(self.lang))
            return
        self.model.set_manager_note_locally(inc.id, note)
        self.show_message(self.tr("Note saved."))

    # -- actions -----------------------------------------------------------------------------
    def show_message(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_shown.emit(text)

    def export_csv(self) -> None:
        flt = self.current_filter()
        suggested = str(Path.home() / f"posfix-incidents-{flt.date_from}-{flt.date_to}.csv")
        path = choose_export_path(self, self.lang, suggested)
        if not path:
            return
        if not path.lower().endswith(".csv"):
            path += ".csv"
        store, lang = self.store, self.lang
        self.show_message(self.tr("Exporting…"))

        def done(n: int) -> None:
            self.show_message(self.tr("Exported {n} incidents to {path}").format(n=n, path=path))

        self.runner.submit(lambda: store.export_csv(path, flt, lang=lang), done, self._on_error)

    def archive_old(self) -> None:
        choice = ask_archive(self, self.lang)
        if choice is None:
            return
        cutoff, mode = choice
        pin = ask_pin(self, self.lang)
        if pin is None:
            return
        check = self.gate.verify(pin)
        if not check.ok:
            self.show_message(check.message(self.lang))
            return
        store = self.store

        def run() -> int:
            return store.delete_before(cutoff) if mode == "delete" else store.archive_before(cutoff)

        def done(n: int) -> None:
            if mode == "delete":
                self.show_message(self.tr("Deleted {n} incidents before {cutoff}.").format(n=n, cutoff=cutoff))
            else:
                self.show_message(self.tr("Archived {n} incidents before {cutoff}.").format(n=n, cutoff=cutoff))
            self.apply_filters()

        self.runner.submit(run, done, self._on_error)

    def change_pin(self) -> None:
        answer = ask_new_pin(self, self.lang)
        if answer is None:
            return
        current, new = answer
        try:
            self.gate.set_pin(new, current_pin=current)
        except HistoryError as err:
            self.show_message(err.text(self.lang))
            return
        self.show_message(self.tr("PIN changed."))

    # -- lifetime ----------------------------------------------------------------------------
    def shutdown(self) -> None:
        """Stop the worker thread (also done on close)."""
        self._apply_timer.stop()
        self.pin_page.timer.stop()
        self.runner.stop()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.lock()
        super().closeEvent(event)


def show_history_off(parent: QWidget | None, reason: str, lang: str) -> QMessageBox:
    """Tell the manager plainly that history is off and why (non-blocking)."""
    title = QCoreApplication.translate("ManagerWindow", "History is off")
    box = QMessageBox(QMessageBox.Icon.Information, title, reason, QMessageBox.StandardButton.Ok, parent)
    box.setInformativeText(QCoreApplication.translate("ManagerWindow", "Looking up codes and the steps still work."))
    box.open()
    return box


def open_manager_window(
    parent: QWidget | None,
    store: HistoryStore | None,
    catalogue: CatalogueLike | None,
    language: str = "zh_CN",
    *,
    history_error: str = "",
    existing: ManagerWindow | None = None,
) -> ManagerWindow | None:
    """What the main window's menu item calls. Returns the (new or raised) window, or None when
    history is off (a message says why)."""
    lang = "en" if language == "en" else "zh"
    if store is None:
        reason = history_error or QCoreApplication.translate("ManagerWindow", "The history could not be opened.")
        show_history_off(parent, reason, lang)
        return None
    window = existing if existing is not None and existing.store is store else None
    if window is None:
        window = ManagerWindow(store, catalogue, language, parent)
        window.resize(1280, 800)
    window.show()
    if QGuiApplication.platformName() != "offscreen":  # offscreen warns that it cannot raise
        window.raise_()
        window.activateWindow()
    return window


def hint_texts(hints: Iterable[Any], lang: str) -> list[str]:
    return [h.text(lang) for h in hints]
