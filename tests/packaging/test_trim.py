"""build/trim.py: which collected files the bundle keeps (fast; no PyInstaller needed)."""

from __future__ import annotations

from types import ModuleType

import pytest


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        # platforms: desktop back ends and offscreen stay; kiosk/remote ones go
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6\\plugins\\platforms\\qwindows.dll", True),
        ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6/Qt/plugins/platforms/libqlinuxfb.so", False),
        # input: ibus (Chinese input methods) yes, the QtQuick virtual keyboard no
        ("PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so", True),
        ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", False),
        # whole plugin folders the app never loads
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
        ("PySide6/Qt/plugins/networkinformation/libqnetworkmanager.so", False),
        ("PySide6/Qt/plugins/generic/libqevdevtouchplugin.so", False),
        ("PySide6/Qt/plugins/sqldrivers/libqsqlite.so", False),
        ("PySide6/plugins/styles/qmodernwindowsstyle.dll", True),
        ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", True),
        ("PySide6/Qt/plugins/imageformats/libqico.so", True),
        ("PySide6/Qt/plugins/imageformats/libqpdf.so", False),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", False),
        ("PySide6/Qt/plugins/iconengines/libqsvgicon.so", False),
        ("PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so", True),
        ("PySide6/Qt/plugins/wayland-shell-integration/libivi-shell.so", False),
        ("PySide6/Qt/plugins/wayland-graphics-integration-client/libqt-plugin-wayland-egl.so", False),
        # Qt libraries
        ("PySide6/Qt/lib/libQt6Network.so.6", False),
        ("libQt6Network.so.6", False),
        ("PySide6/Qt6Network.dll", False),
        ("PySide6/Qt/lib/libQt6Svg.so.6", False),
        ("PySide6/Qt/lib/libQt6Core.so.6", True),
        ("PySide6/Qt6Widgets.dll", True),
        ("PySide6/Qt/lib/libQt6DBus.so.6", True),
        ("PySide6/Qt/lib/libQt6PrintSupport.so.6", True),
        # Qt translations: zh_CN only
        ("PySide6/Qt/translations/qtbase_zh_CN.qm", True),
        ("PySide6/Qt/translations/qt_zh_CN.qm", True),
        ("PySide6/translations/qtbase_zh_CN.qm", True),
        ("PySide6/Qt/translations/qtbase_de.qm", False),
        ("PySide6/Qt/translations/qtdeclarative_zh_CN.qm", False),
        # our own files and ordinary libraries are untouched
        ("resources/i18n/posfix_zh_CN.qm", True),
        ("db/codes.sqlite", True),
        ("libsqlite3.so.0", True),
        ("libcups.so.2", False),
    ],
)
def test_keep(trim: ModuleType, dest: str, kept: bool) -> None:
    assert trim.keep(dest) is kept


def test_plugin_stem(trim: ModuleType) -> None:
    assert trim.plugin_stem("libqxcb.so") == "qxcb"
    assert trim.plugin_stem("qwindows.dll") == "qwindows"
    assert trim.plugin_stem("libqcocoa.dylib") == "qcocoa"


def test_unreferenced_libraries_follows_links_from_roots(trim: ModuleType) -> None:
    # ext.so -> libA -> libB; plugin -> libC; libD and libE (linked only from libD) hang off nothing.
    links = {
        "/s/ext.so": ["libA.so.1"],
        "/s/libA.so.1": ["libB.so.2", "libc.so.6"],
        "/s/libB.so.2": [],
        "/s/plugin.so": ["libC.so"],
        "/s/libC.so": [],
        "/s/libD.so": ["libE.so"],
        "/s/libE.so": [],
        "/s/libpython3.11.so.1.0": [],
    }
    entries = [
        ("mod/ext.so", "/s/ext.so", "EXTENSION"),
        ("libA.so.1", "/s/libA.so.1", "BINARY"),
        ("libB.so.2", "/s/libB.so.2", "BINARY"),
        ("PySide6/Qt/plugins/platforms/plugin.so", "/s/plugin.so", "BINARY"),
        ("PySide6/Qt/lib/libC.so", "/s/libC.so", "BINARY"),
        ("libD.so", "/s/libD.so", "BINARY"),
        ("libE.so", "/s/libE.so", "BINARY"),
        ("libpython3.11.so.1.0", "/s/libpython3.11.so.1.0", "BINARY"),
        ("libC.so", "PySide6/Qt/lib/libC.so", "SYMLINK"),
    ]
    orphans = trim.unreferenced_libraries(
        entries, imports_of=links.__getitem__, always_keep=lambda d: d.startswith("libpython")
    )
    assert orphans == {"libD.so", "libE.so"}


def test_unreferenced_libraries_matches_windows_names_case_insensitively(trim: ModuleType) -> None:
    entries = [
        ("PySide6/QtCore.pyd", "C:/s/QtCore.pyd", "EXTENSION"),
        ("PySide6/Qt6Core.dll", "C:/s/Qt6Core.dll", "BINARY"),
        ("PySide6/Qt6Network.dll", "C:/s/Qt6Network.dll", "BINARY"),
    ]
    links = {"C:/s/QtCore.pyd": ["QT6CORE.DLL"], "C:/s/Qt6Core.dll": [], "C:/s/Qt6Network.dll": []}
    orphans = trim.unreferenced_libraries(entries, imports_of=links.__getitem__, always_keep=lambda d: False)
    assert orphans == {"PySide6/Qt6Network.dll"}


def test_dangling_symlinks(trim: ModuleType) -> None:
    entries = [
        ("PySide6/Qt/lib/libQt6Core.so.6", "/s/libQt6Core.so.6", "BINARY"),
        ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
        ("libQt6OpenGL.so.6", "PySide6/Qt/lib/libQt6OpenGL.so.6", "SYMLINK"),  # its library was dropped
        ("PySide6/Qt/lib/libfoo.so", "../../../libQt6Core.so.6", "SYMLINK"),  # to a kept link: fine
        ("PySide6/Qt/lib/libbar.so", "libQt6Core.so.6", "SYMLINK"),  # relative to its own folder: fine
        ("PySide6/libgl.so", "../libQt6OpenGL.so.6", "SYMLINK"),  # to a dangling link: dangling too
    ]
    assert trim.dangling_symlinks(entries) == {"libQt6OpenGL.so.6", "PySide6/libgl.so"}
