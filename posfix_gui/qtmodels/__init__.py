"""Qt item models over the catalogue (category tree, search results)."""

from posfix_gui.qtmodels.category_tree import CategoryTreeModel
from posfix_gui.qtmodels.roles import ENTRY_ID_ROLE, KIND_ROLE, NodeKind
from posfix_gui.qtmodels.search_results import SearchResultsModel

__all__ = ["CategoryTreeModel", "SearchResultsModel", "ENTRY_ID_ROLE", "KIND_ROLE", "NodeKind"]
