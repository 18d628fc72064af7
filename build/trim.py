"""What the POSfix bundle leaves out: Qt plugins, Qt libraries and Qt translations the app never loads.

Imported by ``build/posfix.spec`` (and by ``tests/packaging/test_trim.py``); plain Python, no PyInstaller.
PyInstaller's Qt hooks collect every plugin of the types a Qt module *may* use (GTK platform theme, VNC
and EGLFS platforms, TLS backends, PDF/TIFF/WebP image formats ...) and, through them, their shared
libraries (GTK, cairo, pango, OpenSSL, Kerberos ...). ``excludes=`` cannot drop those (pyinstaller#5503),
so the spec filters the collected lists by destination name with :func:`keep`, then drops the shared
libraries that nothing kept still links to (:func:`unreferenced_libraries`) and the symbolic links to
them (:func:`dangling_symlinks`).

Destination names look like ``PySide6/Qt/plugins/platforms/libqxcb.so`` (Linux),
``PySide6/plugins/platforms/qwindows.dll`` (Windows) or ``PySide6/Qt/lib/libQt6Network.so.6``.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable, Iterable

# Qt plugin folders we ship, and which plugins in each (None = all of them). Every other plugin folder
# (platformthemes: GTK3 pulls in GTK/cairo/pango and the XDG portal needs D-Bus services; generic: evdev
# input for kiosk framebuffers; egldeviceintegrations; networkinformation; tls; sqldrivers: we use
# Python's sqlite3; multimedia ...) is left out.
KEEP_PLUGINS: dict[str, frozenset[str] | None] = {
    # xcb (X11, and XWayland), wayland, windows, cocoa: the desktops a counter PC runs. offscreen: the
    # headless --smoke-test in CI. Not eglfs/linuxfb/vnc/vkkhrdisplay/minimal(egl): kiosk and remote
    # back ends; vnc would drag QtNetwork back in.
    "platforms": frozenset({"qxcb", "qwayland", "qwindows", "qcocoa", "qoffscreen"}),
    # compose: dead keys; ibus: Chinese input methods (pinyin) on Linux. Not the virtual keyboard (QtQuick).
    "platforminputcontexts": frozenset({"composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"}),
    # GL integration for the xcb platform (small; the xcb plugin probes for it at start-up).
    "xcbglintegrations": None,
    # The native widget style on Windows 10/11 and macOS (without it Qt falls back to Fusion).
    "styles": None,
    # The window icon is a PNG (built into QtGui); .ico is what Windows hands back for the taskbar.
    # Not svg (QtSvg), pdf (QtPdf), tiff, webp, jpeg, gif, icns, tga, wbmp: the app loads none of these.
    "imageformats": frozenset({"qico"}),
    # Printing the escalation note (QtPrintSupport): CUPS on Linux, the Windows print backend.
    "printsupport": None,
    # Wayland: the xdg-shell protocol every current compositor speaks, and client-side window
    # decorations. Not ivi/qt-shell/wl-shell/fullscreen-shell (embedded compositors) and not the
    # graphics integrations (EGL/Vulkan buffer sharing; widgets draw into shared memory without them).
    "wayland-shell-integration": frozenset({"xdg-shell"}),
    "wayland-decoration-client": None,
}

# Qt libraries nothing in the app uses. Any other library that no kept file links to any more (QtOpenGL
# after the Wayland EGL plugins, GTK after the GTK theme ...) is dropped by unreferenced_libraries().
DROP_QT_LIBS = frozenset(
    {
        "Network",  # tls / networkinformation plugins and the VNC platform; the app is offline
        "Svg",  # svg imageformat / iconengine; our icons are PNG
        "Pdf",
        "Qml",
        "QmlModels",
        "QmlMeta",
        "QmlWorkerScript",
        "Quick",
        "VirtualKeyboard",
        "EglFSDeviceIntegration",  # eglfs platform (kiosk)
        "EglFsKmsSupport",
        "EglFsKmsGbmSupport",
    }
)

# Shared libraries we deliberately take from the system instead of the bundle. libcups: Qt's CUPS print
# plugin links it, and through it GnuTLS, Kerberos, Avahi, p11-kit ... (~9 MB). A Linux PC that can print
# has CUPS (and so libcups) installed, and its own libcups matches its CUPS server; on a PC without it the
# plugin does not load and the print dialog lists no printer (printing to a PDF file still works).
DROP_SYSTEM_LIBS = frozenset({"libcups.so.2"})

# Qt's own translations we ship: the zh_CN ones for standard dialog buttons and shortcut names
# (posfix_gui.ui.i18n loads qtbase_<lang>; qt_zh_CN is the umbrella file some code loads instead).
# English is Qt's source language and needs none.
KEEP_QT_TRANSLATIONS = frozenset({"qtbase_zh_CN.qm", "qt_zh_CN.qm"})

_PLUGIN_RE = re.compile(r"^PySide6/(?:Qt/)?plugins/(?P<kind>[^/]+)/(?P<file>[^/]+)$")
_TRANSLATION_RE = re.compile(r"^PySide6/(?:Qt/)?translations/(?P<file>[^/]+)$")
# libQt6Network.so.6, Qt6Network.dll, QtNetwork.framework/..., and the top-level symlinks to them.
_QT_LIB_RE = re.compile(r"(?:^|/)(?:lib)?Qt6?(?P<module>[A-Za-z]+)(?:\.so[.\d]*|\.dll|\.framework/.*|\.dylib)$")


def _norm(dest: str) -> str:
    return dest.replace("\\", "/")


def plugin_stem(filename: str) -> str:
    """``libqxcb.so`` / ``qwindows.dll`` / ``libqcocoa.dylib`` -> ``qxcb`` / ``qwindows`` / ``qcocoa``."""
    stem = filename.split(".", 1)[0]
    return stem[3:] if stem.startswith("lib") else stem


def keep(dest: str) -> bool:
    """True if the file at bundle-relative path ``dest`` belongs in the POSfix bundle."""
    dest = _norm(dest)
    m = _PLUGIN_RE.match(dest)
    if m:
        kind, stem = m["kind"], plugin_stem(m["file"])
        if kind not in KEEP_PLUGINS:
            return False
        wanted = KEEP_PLUGINS[kind]
        return wanted is None or stem in wanted or (kind == "platforms" and stem.startswith("qwayland"))
    m = _TRANSLATION_RE.match(dest)
    if m:
        return m["file"] in KEEP_QT_TRANSLATIONS
    m = _QT_LIB_RE.search(dest)
    if m and m["module"] in DROP_QT_LIBS:
        return False
    return dest not in DROP_SYSTEM_LIBS


def linux_needed(path: str) -> list[str]:
    """The DT_NEEDED entries of an ELF file (its direct link-time dependencies), via ``objdump -p``.

    PyInstaller's own ``get_imports`` uses ``ldd`` on Linux, which lists dependencies of dependencies
    too; the closure below needs the direct ones, or a library we drop would keep its own
    dependencies alive. (PyInstaller needs binutils' objdump on Linux anyway.)
    """
    out = subprocess.run(["objdump", "-p", path], capture_output=True, text=True, check=False).stdout
    return [line.split()[1] for line in out.splitlines() if line.strip().startswith("NEEDED")]


def direct_imports(path: str, get_imports: Callable[[str], Iterable[tuple[str, str | None]]]) -> list[str]:
    """Names of the libraries ``path`` links to directly (``get_imports`` is PyInstaller's, used off Linux)."""
    if sys.platform.startswith("linux"):
        return linux_needed(path)
    return [name for name, _ in get_imports(path)]


def is_plugin(dest: str) -> bool:
    return bool(_PLUGIN_RE.match(_norm(dest)))


def unreferenced_libraries(
    entries: Iterable[tuple[str, str, str]],
    imports_of: Callable[[str], Iterable[str]],
    always_keep: Callable[[str], bool],
) -> set[str]:
    """Shared libraries that no kept file links to, directly or through another library.

    ``entries`` are PyInstaller's ``(dest, src, typecode)`` binaries that survived :func:`keep`.
    Roots are what Python or Qt load by name: Python extension modules (typecode ``EXTENSION``), Qt
    plugins, and whatever ``always_keep(dest)`` says (libpython, which the bootloader dlopen()s). Every
    other library stays only if a root links to it, directly or through kept libraries;
    ``imports_of(src)`` gives the names ``src`` links to (matched case-insensitively, as Windows does).
    """
    entries = [(_norm(d), s, t) for d, s, t in entries if t != "SYMLINK"]
    by_name: dict[str, list[tuple[str, str]]] = {}
    for d, s, _ in entries:
        by_name.setdefault(d.rsplit("/", 1)[-1].lower(), []).append((d, s))
    candidates = {d for d, _, t in entries if t != "EXTENSION" and not is_plugin(d) and not always_keep(d)}
    reached: set[str] = set()
    stack = [s for d, s, _ in entries if d not in candidates]
    seen: set[str] = set()
    while stack:
        src = stack.pop()
        if src in seen:
            continue
        seen.add(src)
        for name in imports_of(src):
            for dest, dep_src in by_name.get(name.replace("\\", "/").rsplit("/", 1)[-1].lower(), ()):
                reached.add(dest)
                stack.append(dep_src)
    return candidates - reached


def dangling_symlinks(entries: Iterable[tuple[str, str, str]]) -> set[str]:
    """``SYMLINK`` entries whose target (``src``, relative to the link's folder) is not in ``entries``.

    PyInstaller links e.g. ``libQt6Core.so.6`` at the top of the bundle to ``PySide6/Qt/lib/...``; when
    the trim drops the library, its link has to go too (and so does a link to that link).
    """
    links: dict[str, str] = {}
    present: set[str] = set()
    for dest, src, typecode in entries:
        dest = _norm(dest)
        present.add(dest)
        if typecode == "SYMLINK":
            parts = dest.split("/")[:-1]
            for piece in _norm(src).split("/"):
                if piece == "..":
                    parts = parts[:-1]
                elif piece not in ("", "."):
                    parts.append(piece)
            links[dest] = "/".join(parts)
    dangling: set[str] = set()
    changed = True
    while changed:
        changed = False
        for link, target in links.items():
            if link not in dangling and (target not in present or target in dangling):
                dangling.add(link)
                changed = True
    return dangling
