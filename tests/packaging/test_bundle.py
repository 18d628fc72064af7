"""The frozen app in dist/posfix: starts, answers on the command line, runs from odd paths, goes portable.

Slow: the ``bundle`` fixture runs ``build/build.py --if-stale`` (about a minute on two cores; reused
when dist/posfix already matches the sources). CI runs these.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from .conftest import REPO

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        sys.platform == "win32",
        reason="posfix-gui.exe has no console (console=False), so --smoke-test prints no JSON there",
    ),
]


def run(cmd: list[str | Path], env: dict[str, str], cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(c) for c in cmd], env=env, cwd=cwd, capture_output=True, text=True, encoding="utf-8",
        timeout=120,
    )


def app_env(data_dir: Path | None, **extra: str) -> dict[str, str]:
    """The environment a test starts the bundle with: headless, never the developer's own data folder."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("POSFIX_")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    if data_dir is not None:
        env["POSFIX_DATA_DIR"] = str(data_dir)
    env.update(extra)
    return env


def smoke(build_script: ModuleType, bundle: Path, env: dict[str, str]) -> dict[str, object]:
    """Run ``posfix-gui --smoke-test`` from ``bundle``; return its JSON report (asserting success)."""
    proc = run([build_script.launcher("posfix-gui", bundle), "--smoke-test"], env, cwd=bundle.parent)
    assert proc.returncode == 0, f"exit {proc.returncode}\nstdout: {proc.stdout}\nstderr: {proc.stderr}"
    lines = proc.stdout.strip().splitlines()
    assert lines, f"no output; stderr: {proc.stderr}"
    report = json.loads(lines[-1])
    assert report["smoke_test"] == "posfix-gui"
    assert report["ok"] is True, report
    assert report["results"] >= 1
    assert report["outcome"] == "escalated"
    return report


def copy_bundle(bundle: Path, parent: Path) -> Path:
    parent.mkdir(parents=True)
    return Path(shutil.copytree(bundle, parent / bundle.name, symlinks=True))


def test_smoke_test_runs_offscreen(build_script: ModuleType, bundle: Path, tmp_path: Path) -> None:
    report = smoke(build_script, bundle, app_env(tmp_path))
    assert report["entry_id"]
    log = (tmp_path / "logs" / "posfix.log").read_text(encoding="utf-8")
    # The zh_CN translations (ours and Qt's) were found inside the bundle.
    assert "could not load translation" not in log
    assert "translation not found" not in log


def test_bundled_cli_answers(build_script: ModuleType, bundle: Path, tmp_path: Path) -> None:
    cli = build_script.launcher("posfix", bundle)
    env = app_env(tmp_path)
    version = run([cli, "--version"], env)
    assert version.returncode == 0, version.stderr
    from posfix_gui import __version__

    assert version.stdout.strip() == f"posfix {__version__}"
    found = run([cli, "search", "余额不足", "--json"], env)  # the bundled catalogue, no pypinyin needed
    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout)[0]["id"] == "unionpay:51"
    # a typo goes to rapidfuzz's fallback, whose C++ edit-distance module the bundle leaves out (the
    # fallback's scorers run in fuzz_cpp): the bundle ranks exactly as the source tree does
    from posfix_gui.catalogue import open_catalogue

    typo = run([cli, "search", "prnter paper", "--json"], env)
    assert typo.returncode == 0, typo.stderr
    with open_catalogue(REPO / "db" / "codes.sqlite") as catalogue:
        expected = [r.id for r in catalogue.search("prnter paper", limit=10)]  # the CLI's default
    assert expected and [r["id"] for r in json.loads(typo.stdout)] == expected


def test_bundle_carries_its_data_and_nothing_it_does_not_use(bundle: Path) -> None:
    internal = bundle / "_internal"
    shipped = internal / "db" / "codes.sqlite"
    digest = lambda p: hashlib.sha256(p.read_bytes()).hexdigest()  # noqa: E731
    assert digest(shipped) == digest(REPO / "db" / "codes.sqlite")
    ours = {p.name for p in (REPO / "resources" / "i18n").glob("*.qm")}
    assert ours, "resources/i18n has no compiled .qm"
    assert {p.name for p in (internal / "resources" / "i18n").glob("*.qm")} == ours
    assert (internal / "resources" / "icons" / "posfix.png").is_file()

    names = [p.relative_to(internal).as_posix() for p in internal.rglob("*")]
    qt_translations = {Path(n).name for n in names if "/translations/" in n and n.endswith(".qm")}
    assert qt_translations == {"qtbase_zh_CN.qm", "qt_zh_CN.qm"}
    forbidden = ("QtNetwork", "Qt6Network", "QtQml", "QtQuick", "QtPdf", "Qt6Svg", "platformthemes",
                 "pypinyin", "tkinter", "libssl", "libgtk", "libcairo", "libcups.so", "_avx2", "metrics_cpp")
    leaked = sorted(n for n in names if any(f in n for f in forbidden))
    assert not leaked, f"unused parts in the bundle: {leaked}"
    dangling = sorted(n for n in names if (internal / n).is_symlink() and not (internal / n).exists())
    assert not dangling, f"symbolic links to files the trim dropped: {dangling}"


def test_bundle_carries_shibokens_modules_compiled(bundle: Path, shiboken_support: ModuleType) -> None:
    """shiboken6 loads its support modules from shiboken6/files.dir when it exists, instead of
    compiling them from the source inside libshiboken6 at every start (~30 ms)."""
    files_dir = bundle / "_internal" / "shiboken6" / "files.dir"
    shipped = {p.relative_to(files_dir).with_suffix(".py").as_posix() for p in files_dir.rglob("*.pyc")}
    assert shipped == set(shiboken_support.support_sources())
    loader = files_dir / "shibokensupport" / "signature" / "loader.pyc"
    assert loader.read_bytes()[:4] == importlib.util.MAGIC_NUMBER
    assert not list(files_dir.rglob("*.py"))  # bytecode only: nothing to compile at start


def test_starts_from_a_folder_with_spaces_and_chinese(
    build_script: ModuleType, bundle: Path, tmp_path: Path
) -> None:
    moved = copy_bundle(bundle, tmp_path / "收银 台 POS")
    data = tmp_path / "数据 data"
    smoke(build_script, moved, app_env(data))
    assert (data / "logs" / "posfix.log").is_file()
    version = run([build_script.launcher("posfix", moved), "--version"], app_env(data))
    assert version.returncode == 0, version.stderr


def test_portable_marker_keeps_data_beside_the_launcher(
    build_script: ModuleType, bundle: Path, tmp_path: Path
) -> None:
    moved = copy_bundle(bundle, tmp_path / "U盘 POSfix")
    (moved / "portable.txt").write_text("POSfix keeps its data in data/ beside this file.\n", encoding="utf-8")
    home = tmp_path / "home"
    env = app_env(None, HOME=str(home), XDG_DATA_HOME=str(home / "xdg"), XDG_CONFIG_HOME=str(home / "cfg"))
    smoke(build_script, moved, env)
    assert (moved / "data" / "logs" / "posfix.log").is_file()
    assert not home.exists() or not any(home.rglob("*posfix*")) and not any(home.rglob("*POSfix*"))


def test_without_marker_data_goes_to_the_user_folder(
    build_script: ModuleType, bundle: Path, tmp_path: Path
) -> None:
    moved = copy_bundle(bundle, tmp_path / "app")
    home = tmp_path / "home"
    env = app_env(None, HOME=str(home), XDG_DATA_HOME=str(home / "xdg"), XDG_CONFIG_HOME=str(home / "cfg"))
    smoke(build_script, moved, env)
    assert not (moved / "data").exists()
    assert (home / "xdg" / "POSfix" / "logs" / "posfix.log").is_file()


def test_smoke_test_on_an_x11_display(build_script: ModuleType, bundle: Path, tmp_path: Path) -> None:
    """The trimmed plugin set still drives a real X server (Xvfb), not only the offscreen back end."""
    if sys.platform != "linux" or shutil.which("xvfb-run") is None:
        pytest.skip("needs Linux and xvfb-run")
    internal = bundle / "_internal"
    xcb = next(internal.rglob("platforms/libqxcb.so"))
    ldd = subprocess.run(["ldd", str(xcb)], capture_output=True, text=True,
                         env={**os.environ, "LD_LIBRARY_PATH": str(internal)})
    missing = [line.split()[0] for line in ldd.stdout.splitlines() if "not found" in line]
    if missing:
        pytest.skip(f"this machine lacks X11 libraries the bundle takes from the system: {missing}")
    env = app_env(tmp_path, QT_QPA_PLATFORM="xcb")
    proc = run(["xvfb-run", "-a", build_script.launcher("posfix-gui", bundle), "--smoke-test"], env)
    assert proc.returncode == 0, f"exit {proc.returncode}\nstdout: {proc.stdout}\nstderr: {proc.stderr}"
    assert json.loads(proc.stdout.strip().splitlines()[-1])["ok"] is True
