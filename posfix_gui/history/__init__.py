"""Incident history: every troubleshooting run, kept in a local SQLite database (no Qt).

Typical use (the composition root opens it, the wizard feeds it)::

    try:
        store = HistoryStore.open(paths.data_dir())
    except HistoryUnavailable as err:
        store = None            # show err.text(lang): "历史记录已关闭：…"; lookup keeps working
    run.on_change.append(store.record)
"""

from posfix_gui.history.errors import (
    HistoryCorrupt,
    HistoryError,
    HistorySchemaTooNew,
    HistoryUnavailable,
    PinError,
)
from posfix_gui.history.pin import PinCheck, PinGate
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
