"""The incidents table for the manager view: a lazy table model fed from a worker thread.

:class:`HistoryTableModel` shows the filtered, sorted incidents page by page, loaded on a
:class:`~posfix_gui.qtmodels.query_runner.QueryRunner`: ``canFetchMore``/``fetchMore`` load the next
window of 200 rows when the view scrolls near the end, so a million incidents cost no more than the
rows on screen.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from posfix_gui.history import HistoryStore, Incident, IncidentFilter
from posfix_gui.qtmodels.query_runner import QueryRunner

__all__ = ["COLUMNS", "INCIDENT_ROLE", "HistoryTableModel", "QueryRunner", "format_duration"]

log = logging.getLogger(__name__)
Index = QModelIndex | QPersistentModelIndex
INCIDENT_ROLE = Qt.ItemDataRole.UserRole + 1
PAGE_SIZE = 200


# -- the table model ----------------------------------------------------------------------------

COLUMNS: tuple[tuple[str, str, str], ...] = (
    # (sort key, zh header, en header)
    ("started", "时间", "Time"),
    ("till", "收银台", "Till"),
    ("code", "代码", "Code"),
    ("title", "问题", "Problem"),
    ("outcome", "结果", "Outcome"),
    ("duration", "用时", "Time taken"),
    ("operator", "操作员", "Operator"),
    ("manager_note", "店长备注", "Manager note"),
)
SORTABLE = {"started", "till", "code", "title", "outcome", "duration", "operator"}
OUTCOME_COLOURS = {"fixed": "#1b5e20", "escalated": "#b71c1c", "abandoned": "#6d4c41", "in_progress": "#0d47a1"}


def format_duration(seconds: float | None, lang: str) -> str:
    if seconds is None:
        return ""
    s = max(0, round(seconds))
    m, s = divmod(s, 60)
    h, m = divmod(m, 60)
    if lang == "en":
        return f"{h} h {m} min" if h else (f"{m} min {s} s" if m else f"{s} s")
    return f"{h}小时{m}分" if h else (f"{m}分{s}秒" if m else f"{s}秒")


class HistoryTableModel(QAbstractTableModel):
    """Incidents of the current filter, sorted; loaded a page at a time in the background.

    Signals: ``loading_changed(int)``, ``page_loaded(int rows_total)``, ``failed(str)``.
    """

    loading_changed = Signal(int)  # 1 while a page loads (not Signal(bool): PySide6 6.12 bool refcount bug)
    page_loaded = Signal(int)
    failed = Signal(str)

    def __init__(self, store: HistoryStore, runner: QueryRunner, language: str = "zh_CN",
                 parent: QObject | None = None, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self._store = store
        self._runner = runner
        self._lang = "en" if language == "en" else "zh"
        self._page_size = page_size
        self._rows: list[Incident] = []
        self._filter = IncidentFilter()
        self._sort = "started"
        self._descending = True
        self._generation = 0
        self._exhausted = True
        self._loading = False

    # -- public ------------------------------------------------------------------------------
    @property
    def filter(self) -> IncidentFilter:
        return self._filter

    @property
    def loading(self) -> bool:
        return self._loading

    def incident(self, row: int) -> Incident:
        return self._rows[row]

    def set_language(self, language: str) -> None:
        self._lang = "en" if language == "en" else "zh"
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(COLUMNS) - 1))

    def set_filter(self, flt: IncidentFilter) -> None:
        """Show incidents matching ``flt`` (loads the first page in the background)."""
        self._filter = flt
        self.reload()

    def reload(self) -> None:
        """Drop the loaded rows and load the first page again."""
        self._generation += 1
        self.beginResetModel()
        self._rows = []
        self._exhausted = False
        self.endResetModel()
        self._set_loading(False)
        self._load_next()

    def update_incident(self, incident: Incident) -> None:
        """Refresh one row in place (after a manager note was saved)."""
        for row, old in enumerate(self._rows):
            if old.id == incident.id:
                self._rows[row] = incident
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
                return

    def set_manager_note_locally(self, incident_id: int, note: str) -> None:
        for inc in self._rows:
            if inc.id == incident_id:
                self.update_incident(replace(inc, manager_note=note))
                return

    # -- loading -----------------------------------------------------------------------------
    def _set_loading(self, value: bool) -> None:
        if value != self._loading:
            self._loading = value
            self.loading_changed.emit(int(value))

    def _load_next(self) -> None:
        if self._loading or self._exhausted:
            return
        self._set_loading(True)
        generation = self._generation
        flt, sort, desc, offset, limit = self._filter, self._sort, self._descending, len(self._rows), self._page_size
        store = self._store
        self._runner.submit(
            lambda: store.page(flt, sort=sort, descending=desc, offset=offset, limit=limit),
            lambda rows: self._on_page(generation, rows),
            lambda exc: self._on_error(generation, exc),
        )

    def _on_page(self, generation: int, rows: list[Incident]) -> None:
        if generation != self._generation:
            return  # a newer filter or sort replaced this request
        self._set_loading(False)
        if len(rows) < self._page_size:
            self._exhausted = True
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        self.page_loaded.emit(len(self._rows))

    def _on_error(self, generation: int, exc: Exception) -> None:
        if generation != self._generation:
            return
        self._set_loading(False)
        self._exhausted = True
        text = exc.text(self._lang) if hasattr(exc, "text") else str(exc)
        self.failed.emit(text)

    # -- QAbstractItemModel ------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted and not self._loading

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not parent.isValid():
            self._load_next()

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            _, zh, en = COLUMNS[section]
            return en if self._lang == "en" else zh
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or not 0 <= index.column() < len(COLUMNS):
            return None
        inc = self._rows[index.row()]
        key = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(inc, key)
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "outcome":
                return inc.answers_text(self._lang) or None
            if key in ("title", "manager_note"):
                return self._display(inc, key) or None
            return None
        if role == Qt.ItemDataRole.ForegroundRole and key == "outcome":
            return QBrush(QColor(OUTCOME_COLOURS.get(inc.outcome, "#000000")))
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "duration":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == INCIDENT_ROLE:
            return inc
        return None

    def _display(self, inc: Incident, key: str) -> str:
        if key == "started":
            return inc.started_at.astimezone().strftime("%Y-%m-%d %H:%M")
        if key == "till":
            return inc.till
        if key == "code":
            return inc.code
        if key == "title":
            return inc.title("en" if self._lang == "en" else "zh")
        if key == "outcome":
            return inc.outcome_text(self._lang)
        if key == "duration":
            return format_duration(inc.duration_seconds, self._lang)
        if key == "operator":
            return inc.operator
        if key == "manager_note":
            return inc.manager_note.replace("\n", " ")
        return ""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        key = COLUMNS[column][0]
        if key not in SORTABLE:
            return
        self._sort = key
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.reload()
