"""The item models pass Qt's model tester and show the right text."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from posfix_gui.catalogue.model import Category, SearchResult
from posfix_gui.qtmodels import CategoryTreeModel, SearchResultsModel
from posfix_gui.qtmodels.roles import COUNT_ROLE, ENTRY_ID_ROLE, KIND_ROLE


def fetch_all(model: CategoryTreeModel, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
    """Expand every branch; returns the number of entry rows."""
    n = 0
    if model.canFetchMore(parent):
        model.fetchMore(parent)
    for row in range(model.rowCount(parent)):
        idx = model.index(row, 0, parent)
        if idx.data(KIND_ROLE) == "entry":
            n += 1
        else:
            n += fetch_all(model, idx)
    return n


def test_category_tree_passes_modeltester(qtmodeltester, catalogue):
    model = CategoryTreeModel(catalogue.categories(), catalogue.entries_in_category)
    qtmodeltester.check(model)
    fetch_all(model)
    qtmodeltester.check(model)


def test_category_tree_counts_and_lazy_entries(catalogue):
    model = CategoryTreeModel(catalogue.categories(), catalogue.entries_in_category)
    tops = [c for c in catalogue.categories() if not c.parent]
    assert model.rowCount() == len(tops)
    first = model.index(0, 0)
    cat = min(tops, key=lambda c: (c.position, c.id))
    assert first.data() == f"{cat.title_zh} ({cat.entry_count})"
    assert first.data(COUNT_ROLE) == cat.entry_count
    # a leaf category fetches its entries only when asked
    leaf = next(
        c for c in catalogue.categories() if c.entry_count and not any(x.parent == c.id for x in catalogue.categories())
    )
    idx = model.find_category(leaf.id)
    assert model.hasChildren(idx) and model.rowCount(idx) == 0 and model.canFetchMore(idx)
    model.fetchMore(idx)
    ids = [model.index(r, 0, idx).data(ENTRY_ID_ROLE) for r in range(model.rowCount(idx))]
    assert ids == [r.id for r in catalogue.entries_in_category(leaf.id)]
    assert not model.canFetchMore(idx)


def test_category_tree_language_switch_keeps_structure(qtbot, catalogue):
    model = CategoryTreeModel(catalogue.categories(), catalogue.entries_in_category)
    rows = model.rowCount()
    with qtbot.waitSignal(model.dataChanged):
        model.set_language("en")
    cat = min((c for c in catalogue.categories() if not c.parent), key=lambda c: (c.position, c.id))
    assert model.index(0, 0).data() == f"{cat.title_en} ({cat.entry_count})"
    assert model.rowCount() == rows


def test_small_tree_by_hand(qtmodeltester):
    cats = [
        Category("a", "", "甲", "A", 1, 2),
        Category("a1", "a", "甲一", "A1", 1, 2),
        Category("b", "", "乙", "B", 2, 0),
    ]
    hits = [SearchResult("s:1", "s", "1", "一", "One", 0.0), SearchResult("s:2", "s", "2", "二", "Two", 0.0)]
    model = CategoryTreeModel(cats, lambda cid: hits if cid == "a1" else [], language="en")
    qtmodeltester.check(model)
    a1 = model.find_category("a1")
    model.fetchMore(a1)
    assert [model.index(r, 0, a1).data() for r in range(2)] == ["1   One", "2   Two"]
    assert not model.hasChildren(model.find_category("b"))
    entry = model.index(0, 0, a1)
    assert not model.hasChildren(entry) and not model.canFetchMore(entry)
    assert model.flags(entry) == Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
    qtmodeltester.check(model)


def test_search_results_model(qtmodeltester, catalogue):
    names = {s.id: (s.name_zh, s.name_en) for s in catalogue.schemes()}
    model = SearchResultsModel(names)
    qtmodeltester.check(model)
    model.set_results("51", catalogue.search("51"))
    qtmodeltester.check(model)
    top = model.index(0, 0)
    assert top.data(ENTRY_ID_ROLE) == "unionpay:51"
    assert top.data().splitlines() == ["51   余额不足", "银联应答码"]
    model.set_language("en")
    assert top.data().splitlines() == ["51   Insufficient funds", "UnionPay response code"]
    model.clear()
    assert model.rowCount() == 0
    qtmodeltester.check(model)


def test_role_numbers_are_qts():
    """roles.py spells Qt's roles as ints (start-up never touches the Qt namespace): they must match."""
    from posfix_gui.qtmodels import roles

    assert roles.DISPLAY_ROLE == Qt.ItemDataRole.DisplayRole.value
    assert roles.TOOLTIP_ROLE == Qt.ItemDataRole.ToolTipRole.value
    assert roles.ACCESSIBLE_TEXT_ROLE == Qt.ItemDataRole.AccessibleTextRole.value
    assert roles.USER_ROLE == Qt.ItemDataRole.UserRole.value
    assert min(roles.ENTRY_ID_ROLE, roles.KIND_ROLE, roles.CATEGORY_ID_ROLE, roles.COUNT_ROLE) > roles.USER_ROLE
