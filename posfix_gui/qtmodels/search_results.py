"""A flat list model of search results, best first."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex

from posfix_gui.catalogue.model import SearchResult
from posfix_gui.qtmodels.roles import (
    ACCESSIBLE_TEXT_ROLE,
    DISPLAY_ROLE,
    ENTRY_ID_ROLE,
    KIND_ROLE,
    TOOLTIP_ROLE,
    NodeKind,
)

Index = QModelIndex | QPersistentModelIndex


class SearchResultsModel(QAbstractListModel):
    """Rows are :class:`SearchResult`s; the display text is "code  title" in the UI language."""

    def __init__(
        self,
        scheme_names: Mapping[str, tuple[str, str]] | None = None,
        language: str = "zh_CN",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._results: list[SearchResult] = []
        self._scheme_names = dict(scheme_names or {})
        self._language = language
        self.query = ""

    # -- content -----------------------------------------------------------------------------
    def set_results(self, query: str, results: Sequence[SearchResult]) -> None:
        self.beginResetModel()
        self.query = query
        self._results = list(results)
        self.endResetModel()

    def clear(self) -> None:
        self.set_results("", [])

    def result(self, row: int) -> SearchResult:
        return self._results[row]

    def results(self) -> list[SearchResult]:
        return list(self._results)

    def set_language(self, language: str) -> None:
        self._language = language
        if self._results:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._results) - 1, 0))

    def scheme_name(self, scheme_id: str) -> str:
        zh, en = self._scheme_names.get(scheme_id, (scheme_id, scheme_id))
        return en if self._language == "en" else zh

    # -- QAbstractItemModel ------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._results)

    def data(self, index: Index, role: int = DISPLAY_ROLE) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._results) or index.column() != 0:
            return None
        r = self._results[index.row()]
        title = r.title_en if self._language == "en" else r.title_zh
        if role == DISPLAY_ROLE:
            return f"{r.code}   {title}\n{self.scheme_name(r.scheme)}"
        if role == TOOLTIP_ROLE:
            return f"{r.code} · {title} · {self.scheme_name(r.scheme)}"
        if role == ACCESSIBLE_TEXT_ROLE:
            return f"{r.code} {title}, {self.scheme_name(r.scheme)}"
        if role == ENTRY_ID_ROLE:
            return r.id
        if role == KIND_ROLE:
            return NodeKind.ENTRY.value
        return None
