"""The read-only catalogue and its search (no Qt).

>>> cat = open_catalogue()            # db/codes.sqlite, or $POSFIX_CATALOGUE
>>> cat.search("余额不足")[0].id
'unionpay:51'
"""

from __future__ import annotations

from pathlib import Path

from posfix_gui.catalogue.model import (
    ACTOR_NAMES,
    RETRY_NAMES,
    CatalogueInfo,
    Category,
    Entry,
    Scheme,
    SearchResult,
    Step,
)
from posfix_gui.catalogue.store import (
    Catalogue,
    CatalogueCorrupt,
    CatalogueError,
    CatalogueMissing,
    CatalogueVersionError,
)


def open_catalogue(path: str | Path | None = None) -> Catalogue:
    """Open the catalogue read-only: ``path``, else ``$POSFIX_CATALOGUE``, else the bundled file.

    Raises :class:`CatalogueError` (missing, corrupt or wrong version) with a one-sentence message.
    """
    from posfix_gui import paths

    return Catalogue(Path(path) if path is not None else paths.catalogue_path())


__all__ = [
    "ACTOR_NAMES",
    "RETRY_NAMES",
    "Catalogue",
    "CatalogueCorrupt",
    "CatalogueError",
    "CatalogueInfo",
    "CatalogueMissing",
    "CatalogueVersionError",
    "Category",
    "Entry",
    "Scheme",
    "SearchResult",
    "Step",
    "open_catalogue",
]
