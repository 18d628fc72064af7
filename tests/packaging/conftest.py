"""Fixtures for the packaging tests: load build/*.py as modules, and build (or reuse) dist/posfix."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[2]


def load_build_module(name: str) -> ModuleType:
    """Import ``build/<name>.py`` (build/ is not a package: PyInstaller and make run these files)."""
    spec = importlib.util.spec_from_file_location(f"posfix_build_{name}", REPO / "build" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def build_script() -> ModuleType:
    return load_build_module("build")


@pytest.fixture(scope="session")
def trim() -> ModuleType:
    return load_build_module("trim")


@pytest.fixture(scope="session")
def bundle(build_script: ModuleType) -> Path:
    """dist/posfix, built by ``build/build.py --if-stale`` (reused when it matches the sources)."""
    if importlib.util.find_spec("PyInstaller") is None:
        message = 'PyInstaller is not installed (pip install -e ".[package]")'
        if os.environ.get("CI"):
            pytest.fail(message + ": CI must run the packaging tests")
        pytest.skip(message)
    proc = subprocess.run(
        [sys.executable, str(REPO / "build" / "build.py"), "--if-stale"],
        cwd=REPO, capture_output=True, text=True, encoding="utf-8", timeout=900,
    )
    assert proc.returncode == 0, f"build failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-5000:]}"
    for name in ("posfix-gui", "posfix"):
        assert build_script.launcher(name).is_file(), f"build/build.py made no {name} launcher"
    return build_script.BUNDLE


@pytest.fixture(scope="session")
def shiboken_support() -> ModuleType:
    return load_build_module("shiboken_support")
