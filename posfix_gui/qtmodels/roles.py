"""Item roles shared by the models and the views.

Qt's own roles are plain ints here (their values are fixed by Qt; a test checks them against
``Qt.ItemDataRole``). Comparing with ``Qt.ItemDataRole.DisplayRole`` would make PySide6 build the
Python enums of the whole ``Qt`` namespace (93 enums, 20–40 ms) before the first paint; the window's
first screen is built without touching ``Qt`` at all (tests/test_app.py).
"""

from __future__ import annotations

import enum

DISPLAY_ROLE = 0  # Qt.ItemDataRole.DisplayRole
TOOLTIP_ROLE = 3  # Qt.ItemDataRole.ToolTipRole
ACCESSIBLE_TEXT_ROLE = 11  # Qt.ItemDataRole.AccessibleTextRole
USER_ROLE = 0x0100  # Qt.ItemDataRole.UserRole: our own roles start above it

ENTRY_ID_ROLE = USER_ROLE + 1  # str entry id, or None for a category
KIND_ROLE = USER_ROLE + 2  # NodeKind value
CATEGORY_ID_ROLE = USER_ROLE + 3
COUNT_ROLE = USER_ROLE + 4


class NodeKind(enum.StrEnum):
    CATEGORY = "category"
    ENTRY = "entry"
