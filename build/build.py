"""Build the standalone POSfix folder ``dist/posfix/`` with PyInstaller (``make exe`` runs this).

    .venv/bin/python build/build.py              build (PyInstaller's work files go to build/work/)
    .venv/bin/python build/build.py --if-stale   skip the build when dist/posfix matches the inputs

Works the same on Windows (``.venv\\Scripts\\python build\\build.py``). Before PyInstaller runs it checks
what would otherwise fail late or silently: PyInstaller installed, an ASCII-only build path on Windows,
the catalogue database present (built from resources/catalogue if missing).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "build" / "posfix.spec"
WORK = ROOT / "build" / "work"
DIST = ROOT / "dist"
BUNDLE = DIST / "posfix"
STAMP = WORK / "posfix.inputs"  # fingerprint of the inputs of the last successful build
CATALOGUE = ROOT / "db" / "codes.sqlite"

# Everything whose change should trigger a rebuild with --if-stale.
INPUT_GLOBS = (
    "posfix_gui/**/*.py",
    "db/codes.sqlite",
    "resources/i18n/*.qm",
    "resources/icons/*",
    "build/posfix.spec",
    "build/*.py",
    "build/launchers/*.py",
    "build/icons/*",
    "build/version_info.txt",
    "pyproject.toml",
)


def launcher(name: str, bundle: Path = BUNDLE) -> Path:
    """Path of a launcher in the bundle: ``posfix-gui`` or ``posfix`` (``.exe`` on Windows)."""
    return bundle / (name + (".exe" if sys.platform == "win32" else ""))


def inputs_fingerprint() -> str:
    """A hash of every build input plus the Python, PySide6 and PyInstaller versions."""
    h = hashlib.sha256()
    for pattern in INPUT_GLOBS:
        for path in sorted(ROOT.glob(pattern)):
            if path.is_file():
                h.update(path.relative_to(ROOT).as_posix().encode())
                h.update(path.read_bytes())
    try:
        from importlib.metadata import version

        h.update(f"{sys.version}|{version('PySide6-Essentials')}|{version('pyinstaller')}".encode())
    except Exception:  # noqa: BLE001 - a missing package only makes the fingerprint stale
        h.update(b"unknown")
    return h.hexdigest()


def is_fresh() -> bool:
    """True when dist/posfix was built from exactly the current inputs."""
    return (
        launcher("posfix-gui").exists()
        and launcher("posfix").exists()
        and STAMP.exists()
        and STAMP.read_text(encoding="utf-8").strip() == inputs_fingerprint()
    )


def folder_size(path: Path) -> tuple[int, int]:
    """Bytes and file count under ``path``, not following symlinks (what ``du -sb`` counts)."""
    total = files = 0
    for dirpath, _dirs, names in os.walk(path):
        for name in names:
            total += os.lstat(os.path.join(dirpath, name)).st_size
            files += 1
    return total, files


def check_environment() -> str | None:
    """A one-sentence problem that stops the build, or None."""
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        return 'PyInstaller is not installed: run `make exe`, or `pip install -e ".[package]"` in the venv.'
    if sys.platform == "win32":
        for what, path in (("project folder", ROOT), ("Python environment", Path(sys.prefix))):
            if not str(path).isascii():
                return (
                    f"The {what} {path} has non-ASCII characters; PyInstaller builds from such paths break "
                    "Qt's plugin loading (pyinstaller#7385). Copy the project to e.g. C:\\build\\posfix."
                )
    return None


def ensure_catalogue() -> None:
    """Build db/codes.sqlite from resources/catalogue when it is missing."""
    if CATALOGUE.is_file():
        return
    print(f"{CATALOGUE.relative_to(ROOT)} is missing; building it from resources/catalogue ...", flush=True)
    subprocess.run([sys.executable, "-m", "posfix_gui.cli", "catalogue", "build"], cwd=ROOT, check=True)


def build() -> int:
    """Run PyInstaller on build/posfix.spec; return its exit code."""
    ensure_catalogue()
    if not sorted((ROOT / "resources" / "i18n").glob("*.qm")):
        print("warning: resources/i18n has no .qm files: the app will only speak English", file=sys.stderr)
    fingerprint = inputs_fingerprint()
    cmd = [
        sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
        "--workpath", str(WORK), "--distpath", str(DIST), str(SPEC),
    ]  # fmt: skip
    print("$ " + " ".join(cmd), flush=True)
    rc = subprocess.run(cmd, cwd=ROOT).returncode
    if rc != 0:
        return rc
    WORK.mkdir(parents=True, exist_ok=True)
    STAMP.write_text(fingerprint + "\n", encoding="utf-8")
    size, files = folder_size(BUNDLE)
    print(f"built {BUNDLE.relative_to(ROOT)}: {size / 1e6:.1f} MB in {files} files; "
          f"launchers {launcher('posfix-gui').name}, {launcher('posfix').name}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build dist/posfix with PyInstaller.")
    parser.add_argument("--if-stale", action="store_true", help="do nothing if dist/posfix is up to date")
    args = parser.parse_args(argv)
    problem = check_environment()
    if problem:
        print(f"build: {problem}", file=sys.stderr)
        return 2
    if args.if_stale and is_fresh():
        print(f"{BUNDLE.relative_to(ROOT)} is up to date")
        return 0
    try:
        return build()
    except subprocess.CalledProcessError as exc:
        print(f"build: {' '.join(map(str, exc.cmd))} failed with exit code {exc.returncode}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
