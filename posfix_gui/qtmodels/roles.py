"""Custom item roles shared by the models and the views."""

from __future__ import annotations

import enum

from PySide6.QtCore import Qt

ENTRY_ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1  # str entry id, or None for a category
KIND_ROLE = int(Qt.ItemDataRole.UserRole) + 2  # NodeKind value
CATEGORY_ID_ROLE = int(Qt.ItemDataRole.UserRole) + 3
COUNT_ROLE = int(Qt.ItemDataRole.UserRole) + 4


class NodeKind(enum.StrEnum):
    CATEGORY = "category"
    ENTRY = "entry"
