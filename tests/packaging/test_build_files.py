"""The hand-written build inputs agree with the project (fast; no PyInstaller needed)."""

from __future__ import annotations

import ast
import configparser
import re
import struct
import tomllib
from pathlib import Path
from types import ModuleType

import posfix_gui

from .conftest import REPO

BUILD = REPO / "build"


def test_version_resource_matches_package_version() -> None:
    text = (BUILD / "version_info.txt").read_text(encoding="utf-8")
    major, minor, patch = (int(x) for x in posfix_gui.__version__.split("."))
    for field in ("filevers", "prodvers"):
        assert re.search(rf"{field}=\({major}, {minor}, {patch}, 0\)", text), field
    for key in ("FileVersion", "ProductVersion"):
        assert f"StringStruct(u'{key}', u'{posfix_gui.__version__}')" in text, key


def test_launchers_start_the_same_entry_points_as_pip() -> None:
    """build/launchers/*.py call exactly the functions pyproject's scripts name."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    expected = {
        "gui_launcher.py": project["gui-scripts"]["posfix-gui"],
        "cli_launcher.py": project["scripts"]["posfix"],
    }
    for launcher, target in expected.items():
        module, func = target.split(":")
        tree = ast.parse((BUILD / "launchers" / launcher).read_text(encoding="utf-8"))
        imports = [
            (node.module, alias.name)
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom)
            for alias in node.names
        ]
        assert (module, func) in imports, f"{launcher} should import {func} from {module}"


def _ico_sizes(path: Path) -> list[int]:
    data = path.read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data, 0)
    assert (reserved, kind) == (0, 1), "not an .ico file"
    sizes = []
    for i in range(count):
        width, _h, _c, _r, _planes, _bpp, length, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * i)
        assert data[offset : offset + 8] == b"\x89PNG\r\n\x1a\n", "each image is a PNG"
        assert offset + length <= len(data)
        sizes.append(width or 256)
    return sizes


def test_icons_exist_in_every_format() -> None:
    icons = BUILD / "icons"
    assert (icons / "posfix.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
    png = (icons / "posfix.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (256, 256)
    sizes = _ico_sizes(icons / "posfix.ico")
    assert {16, 32, 48, 256} <= set(sizes)


def test_desktop_file_starts_the_bundled_launcher() -> None:
    parser = configparser.ConfigParser(interpolation=None, comment_prefixes=("#",))
    parser.optionxform = str  # keep key case (Name[zh_CN])
    parser.read(BUILD / "posfix.desktop", encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Exec"].split()[0].endswith("/posfix-gui")
    assert entry["Icon"] == "posfix"
    assert entry["Terminal"] == "false"
    assert entry["Name[zh_CN]"]


def test_launcher_names(build_script: ModuleType) -> None:
    assert build_script.launcher("posfix-gui").parent == REPO / "dist" / "posfix"
    assert build_script.launcher("posfix").name in ("posfix", "posfix.exe")


def test_workpath_and_distpath_are_git_ignored() -> None:
    ignored = (REPO / ".gitignore").read_text(encoding="utf-8").split()
    assert "/build/work/" in ignored
    assert "/dist/" in ignored


def test_fingerprint_follows_the_inputs(build_script: ModuleType, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    """--if-stale rebuilds when app code or the catalogue change, not when unrelated files do."""
    (tmp_path / "posfix_gui" / "ui").mkdir(parents=True)
    (tmp_path / "db").mkdir()
    view = tmp_path / "posfix_gui" / "ui" / "view.py"
    view.write_text("A = 1\n")
    (tmp_path / "db" / "codes.sqlite").write_bytes(b"v1")
    monkeypatch.setattr(build_script, "ROOT", tmp_path)
    first = build_script.inputs_fingerprint()
    (tmp_path / "notes.txt").write_text("not an input")
    assert build_script.inputs_fingerprint() == first
    view.write_text("A = 2\n")
    second = build_script.inputs_fingerprint()
    assert second != first
    (tmp_path / "db" / "codes.sqlite").write_bytes(b"v2")
    assert build_script.inputs_fingerprint() not in (first, second)
