"""Shiboken's support modules, compiled once when the bundle is built instead of at every start.

Importing shiboken6 (which PySide6 does first) starts its signature machinery, the package
``shibokensupport`` (loader, parser, pyi_generator, ...). The wheel carries those modules as Python
*source* inside ``libshiboken6``, so a frozen app unpacks and compiles them at every start: ~30 ms
of a ~250 ms start here (bench/startup.sh, A/B of 25 starts each). shiboken6 first looks for an
unpacked copy in ``shiboken6/files.dir`` beside its ``__init__`` (the folder its own ``SBK_EMBED=0``
switch writes); the spec ships that folder, with the modules compiled to .pyc by the Python the
bundle is built with (so the bytecode always matches the bundled interpreter).

Plain Python, no PyInstaller: imported by ``build/posfix.spec`` and ``tests/packaging``.
"""

from __future__ import annotations

import py_compile
import shutil
import sys
import tempfile
from pathlib import Path

PACKAGE = "shibokensupport"
BUNDLE_DIR = "shiboken6/files.dir"  # where shiboken6 looks, relative to the bundle's _internal/


def support_sources() -> dict[str, bytes]:
    """``{"shibokensupport/...py": source}`` of the installed shiboken6; empty if it cannot tell."""
    import shiboken6

    unpacked = Path(shiboken6.__file__).resolve().parent / "files.dir"
    if (unpacked / PACKAGE).is_dir():  # SBK_EMBED=0 was used in this environment
        return {p.relative_to(unpacked).as_posix(): p.read_bytes() for p in (unpacked / PACKAGE).rglob("*.py")}
    support = sys.modules.get(PACKAGE)  # imported by shiboken6, from its embedded zip
    zfile = getattr(getattr(support, "__loader__", None), "zfile", None)
    if zfile is None:
        return {}
    return {
        name: zfile.read(name)
        for name in zfile.namelist()
        if name.startswith(PACKAGE + "/") and name.endswith(".py")
    }


def compile_support(out_dir: Path) -> list[tuple[str, str]]:
    """Write the compiled modules under ``out_dir`` (emptied first); returns PyInstaller ``datas``
    entries ``(file, destination folder)``. Empty when shiboken6 keeps its modules some other way:
    the bundle then works as before, only slower to start (tests/packaging checks the folder is there).
    """
    sources = support_sources()
    shutil.rmtree(out_dir, ignore_errors=True)
    datas = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, source in sorted(sources.items()):
            src = Path(tmp) / name
            src.parent.mkdir(parents=True, exist_ok=True)
            src.write_bytes(source)
            pyc = (out_dir / name).with_suffix(".pyc")
            pyc.parent.mkdir(parents=True, exist_ok=True)
            # dfile: tracebacks name the module as shiboken does ("shibokensupport/signature/loader.py")
            py_compile.compile(str(src), cfile=str(pyc), dfile=name, doraise=True)
            datas.append((str(pyc), str(Path(BUNDLE_DIR) / Path(name).parent)))
    return datas
