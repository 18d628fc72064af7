"""build/shiboken_support.py: shiboken6's support modules compiled for the bundle (fast; no PyInstaller)."""

from __future__ import annotations

import importlib.util
import marshal
from pathlib import Path
from types import ModuleType


def test_finds_the_support_modules_of_the_installed_shiboken(shiboken_support: ModuleType) -> None:
    sources = shiboken_support.support_sources()
    assert "shibokensupport/__init__.py" in sources
    assert "shibokensupport/signature/loader.py" in sources
    assert all(name.startswith("shibokensupport/") and name.endswith(".py") for name in sources)
    assert all(isinstance(src, bytes) and src for src in sources.values())


def test_compiles_each_module_for_this_python(shiboken_support: ModuleType, tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "old").mkdir(parents=True)  # a previous build's leftovers are removed
    datas = shiboken_support.compile_support(out)
    sources = shiboken_support.support_sources()
    assert len(datas) == len(sources) and not (out / "old").exists()
    for name, source in sources.items():
        pyc = (out / name).with_suffix(".pyc")
        assert (str(pyc), str(Path("shiboken6/files.dir") / Path(name).parent)) in datas
        data = pyc.read_bytes()
        assert data[:4] == importlib.util.MAGIC_NUMBER  # loadable by the Python that is bundled
        code = marshal.loads(data[16:])
        assert code.co_filename == name  # tracebacks name the module as shiboken6 does
        assert code.co_consts == compile(source, name, "exec", dont_inherit=True).co_consts
