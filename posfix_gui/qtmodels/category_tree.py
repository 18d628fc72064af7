"""The category tree (with entry counts) whose leaves are the entries of each category.

Categories come from ``catalogue.categories()`` when the model is built; the entries of a category are
fetched lazily (``fetchMore``) the first time its branch is expanded, so start-up does not grow with
the catalogue.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex

from posfix_gui.catalogue.model import Category, SearchResult
from posfix_gui.qtmodels.roles import (
    ACCESSIBLE_TEXT_ROLE,
    CATEGORY_ID_ROLE,
    COUNT_ROLE,
    DISPLAY_ROLE,
    ENTRY_ID_ROLE,
    KIND_ROLE,
    TOOLTIP_ROLE,
    NodeKind,
)

Index = QModelIndex | QPersistentModelIndex
EntryLoader = Callable[[str], Sequence[SearchResult]]


class _Node:
    """A row of the tree; compared by identity. (A plain class: a dataclass costs ~1 ms at start-up.)"""

    __slots__ = ("kind", "parent", "category", "result", "children", "fetched")

    def __init__(self, kind: NodeKind, parent: _Node | None, category: Category | None = None,
                 result: SearchResult | None = None, fetched: bool = False) -> None:
        self.kind = kind
        self.parent = parent
        self.category = category
        self.result = result
        self.children: list[_Node] = []
        self.fetched = fetched  # entries of this category have been loaded

    @property
    def row(self) -> int:
        return 0 if self.parent is None else self.parent.children.index(self)


class CategoryTreeModel(QAbstractItemModel):
    """Two kinds of rows: categories ("title (count)") and, below them, entries ("code  title").

    ``flags()`` is Qt's own (enabled, selectable): a Python override would have to return a
    ``Qt.ItemFlag``, which builds every enum of the ``Qt`` namespace at the first paint (see roles.py).
    Entries say they have no children through ``hasChildren()``.
    """

    def __init__(
        self,
        categories: Sequence[Category],
        load_entries: EntryLoader,
        language: str = "zh_CN",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._load_entries = load_entries
        self._language = language
        self._root = _Node(NodeKind.CATEGORY, None, fetched=True)
        self._build(categories)

    def _build(self, categories: Sequence[Category]) -> None:
        nodes: dict[str, _Node] = {}
        ordered = sorted(categories, key=lambda c: (c.position, c.id))
        for cat in ordered:
            nodes[cat.id] = _Node(NodeKind.CATEGORY, None, category=cat)
        for cat in ordered:
            node = nodes[cat.id]
            parent = nodes.get(cat.parent, self._root) if cat.parent else self._root
            node.parent = parent
            parent.children.append(node)

    # -- helpers -----------------------------------------------------------------------------
    def _node(self, index: Index) -> _Node:
        if index.isValid():
            node = index.internalPointer()
            assert isinstance(node, _Node)
            return node
        return self._root

    def set_language(self, language: str) -> None:
        """Switch titles between Chinese and English without collapsing the tree."""
        self._language = language

        def walk(node: _Node, parent_index: QModelIndex) -> None:
            if node.children:
                last = len(node.children) - 1
                self.dataChanged.emit(self.index(0, 0, parent_index), self.index(last, 0, parent_index))
                for child in node.children:
                    if child.children:
                        walk(child, self.index(child.row, 0, parent_index))

        walk(self._root, QModelIndex())

    def find_category(self, category_id: str) -> QModelIndex:
        def walk(node: _Node, parent_index: QModelIndex) -> QModelIndex:
            for row, child in enumerate(node.children):
                if child.kind is NodeKind.CATEGORY and child.category is not None:
                    idx = self.index(row, 0, parent_index)
                    if child.category.id == category_id:
                        return idx
                    found = walk(child, idx)
                    if found.isValid():
                        return found
            return QModelIndex()

        return walk(self._root, QModelIndex())

    # -- QAbstractItemModel ------------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column != 0 or row < 0:
            return QModelIndex()
        node = self._node(parent)
        if row >= len(node.children):
            return QModelIndex()
        return self.createIndex(row, column, node.children[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        node = self._node(index)
        parent = node.parent
        if parent is None or parent is self._root:
            return QModelIndex()
        return self.createIndex(parent.row, 0, parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 1

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        node = self._node(parent)
        if node.kind is NodeKind.ENTRY:
            return False
        if node.children:
            return True
        return not node.fetched and node.category is not None and node.category.entry_count > 0

    def canFetchMore(self, parent: Index) -> bool:
        if not parent.isValid():
            return False
        node = self._node(parent)
        return node.kind is NodeKind.CATEGORY and not node.fetched

    def fetchMore(self, parent: Index) -> None:
        if not self.canFetchMore(parent):
            return
        node = self._node(parent)
        node.fetched = True
        assert node.category is not None
        results = list(self._load_entries(node.category.id))
        if not results:
            return
        first = len(node.children)
        self.beginInsertRows(parent, first, first + len(results) - 1)
        node.children.extend(_Node(NodeKind.ENTRY, node, result=r, fetched=True) for r in results)
        self.endInsertRows()

    def data(self, index: Index, role: int = DISPLAY_ROLE) -> object:
        if not index.isValid():
            return None
        node = self._node(index)
        en = self._language == "en"
        if node.kind is NodeKind.CATEGORY:
            cat = node.category
            assert cat is not None
            title = cat.title_en if en else cat.title_zh
            if role in (DISPLAY_ROLE, ACCESSIBLE_TEXT_ROLE):
                return f"{title} ({cat.entry_count})"
            if role == KIND_ROLE:
                return NodeKind.CATEGORY.value
            if role == CATEGORY_ID_ROLE:
                return cat.id
            if role == COUNT_ROLE:
                return cat.entry_count
            return None
        res = node.result
        assert res is not None
        title = res.title_en if en else res.title_zh
        if role in (DISPLAY_ROLE, ACCESSIBLE_TEXT_ROLE):
            return f"{res.code}   {title}"
        if role == TOOLTIP_ROLE:
            return f"{res.code} · {title}"
        if role == ENTRY_ID_ROLE:
            return res.id
        if role == KIND_ROLE:
            return NodeKind.ENTRY.value
        return None


def scheme_name_map(schemes: Sequence[object]) -> Mapping[str, tuple[str, str]]:
    """{scheme id: (name_zh, name_en)} for the results model."""
    return {s.id: (s.name_zh, s.name_en) for s in schemes}  # type: ignore[attr-defined]
