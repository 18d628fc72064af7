"""Incident history: every troubleshooting run, kept in a local SQLite database (no Qt).

Typical use (the composition root opens it, the wizard feeds it)::

    try:
        store = HistoryStore.open(paths.data_dir())
    except HistoryUnavailable as err:
        store = None            # show err.text(lang): "历史记录已关闭：…"; lookup keeps working
    run.on_change.append(store.record)
"""

from typing import TYPE_CHECKING, Any

from posfix_gui.history.errors import (
    HistoryCorrupt,
    HistoryError,
    HistorySchemaTooNew,
    HistoryUnavailable,
    PinError,
)
from posfix_gui.history.schema import SCHEMA_VERSION
from posfix_gui.history.store import (
    OUTCOME_NAMES,
    OUTCOMES,
    CodeCount,
    HistoryStore,
    Incident,
    IncidentFilter,
    IncidentStep,
    RecentOnTill,
    RecurringHint,
    Stats,
)

if TYPE_CHECKING:
    from posfix_gui.history.pin import PinCheck, PinGate


def __getattr__(name: str) -> Any:
    """PinGate/PinCheck load on first use: only the manager's window needs them, not start-up."""
    if name in ("PinCheck", "PinGate"):
        from posfix_gui.history import pin

        return getattr(pin, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "OUTCOMES",
    "OUTCOME_NAMES",
    "SCHEMA_VERSION",
    "CodeCount",
    "HistoryCorrupt",
    "HistoryError",
    "HistorySchemaTooNew",
    "HistoryStore",
    "HistoryUnavailable",
    "Incident",
    "IncidentFilter",
    "IncidentStep",
    "PinCheck",
    "PinError",
    "PinGate",
    "RecentOnTill",
    "RecurringHint",
    "Stats",
]
