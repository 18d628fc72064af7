"""Where POSfix finds its files. No Qt here.

Read-only resources (catalogue, translations, icons) come from the source tree or, frozen, from the
PyInstaller bundle (``sys._MEIPASS``). Writable data (settings, history, logs) lives in the user data
folder, or next to the executable when a ``portable.txt`` marker sits beside it. Every path can be
overridden by an environment variable so tests and portable installs work:

- ``POSFIX_CATALOGUE``: the catalogue database file;
- ``POSFIX_DATA_DIR``: the writable data folder;
- ``POSFIX_RESOURCES``: the folder holding ``resources/``-style read-only files.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ENV_CATALOGUE = "POSFIX_CATALOGUE"
ENV_DATA_DIR = "POSFIX_DATA_DIR"
ENV_RESOURCES = "POSFIX_RESOURCES"
PORTABLE_MARKER = "portable.txt"


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False)) and hasattr(sys, "_MEIPASS")


def bundle_root() -> Path:
    """The folder that holds ``db/`` and ``resources/``: the repo root, or ``_MEIPASS`` when frozen."""
    if is_frozen():
        return Path(sys._MEIPASS)  # type: ignore[attr-defined]
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    env = os.environ.get(ENV_RESOURCES)
    return Path(env) if env else bundle_root() / "resources"


def catalogue_sources_dir() -> Path:
    return bundle_root() / "resources" / "catalogue"


def catalogue_path() -> Path:
    env = os.environ.get(ENV_CATALOGUE)
    return Path(env) if env else bundle_root() / "db" / "codes.sqlite"


def translations_dir() -> Path:
    return resources_dir() / "i18n"


def executable_dir() -> Path:
    return Path(sys.executable).resolve().parent


def portable_mode() -> bool:
    """True when a ``portable.txt`` marker sits beside the frozen launcher."""
    return is_frozen() and (executable_dir() / PORTABLE_MARKER).exists()


def data_dir() -> Path:
    """The writable data folder (not created here)."""
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env)
    if portable_mode():
        return executable_dir() / "data"
    from platformdirs import user_data_dir

    return Path(user_data_dir("POSfix", appauthor=False, roaming=False))
