"""Shared test setup: headless Qt, isolated data folder, the real catalogue."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
SHIPPED_CATALOGUE = REPO / "db" / "codes.sqlite"
SOURCES = REPO / "resources" / "catalogue"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that uses Qt fixtures as `gui` (so `-m "not gui"` runs the core alone)."""
    for item in items:
        if {"qtbot", "qapp", "qtmodeltester"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test writes settings, history and logs to its own folder, never the user's."""
    data = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("POSFIX_DATA_DIR", str(data))
    monkeypatch.delenv("POSFIX_CATALOGUE", raising=False)
    return data


@pytest.fixture(scope="session")
def catalogue_path() -> Path:
    """The shipped catalogue (db/codes.sqlite), as committed."""
    assert SHIPPED_CATALOGUE.exists(), "db/codes.sqlite is missing: run `make catalogue`"
    return SHIPPED_CATALOGUE


@pytest.fixture(scope="session")
def catalogue(catalogue_path: Path):  # noqa: ANN201
    from posfix_gui.catalogue import open_catalogue

    cat = open_catalogue(catalogue_path)
    yield cat
    cat.close()
