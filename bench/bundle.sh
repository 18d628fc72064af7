#!/usr/bin/env bash
# Bundle size: POSfix's onedir bundle (dist/posfix) against a bare PySide6 QtWidgets window frozen the
# default way (plain `pyinstaller --onedir`, no spec, no excludes) with the same Python and PySide6.
# Target (issue 6): app bundle <= 0.8 x bare bundle.
#
#   bench/bundle.sh            build the bare bundle if missing, print both sizes and the ratio
#   bench/bundle.sh --rebuild  rebuild the bare bundle first
#
# The bare bundle is built in a temporary folder and kept in build/work/bare/ (git-ignored) so that
# bench/startup.sh can time it too. Build the app bundle with `make exe` first.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
BARE_DIR=build/work/bare
BARE_EXE=$BARE_DIR/bare_window/bare_window
BARE_STAMP=$BARE_DIR/versions.txt  # Python, PySide6 and PyInstaller the bare bundle was built with
APP_DIR=dist/posfix
versions() {
    "$PY" -c 'import sys; from importlib.metadata import version as v
print(sys.version.split()[0], v("PySide6-Essentials"), v("pyinstaller"))'
}

build_bare() {
    local tmp
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' RETURN
    cat >"$tmp/bare_window.py" <<'PY'
"""A bare PySide6 window: show it, let it paint once, quit (the start-up baseline)."""
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

app = QApplication(sys.argv)
win = QMainWindow()
win.setCentralWidget(QLabel("bare window"))
win.show()
QTimer.singleShot(0, app.quit)
sys.exit(app.exec())
PY
    echo "building the bare-window bundle (plain pyinstaller --onedir) ..." >&2
    (cd "$tmp" && "$OLDPWD/$PY" -m PyInstaller --onedir --noconfirm --log-level WARN \
        --workpath "$tmp/work" --distpath "$tmp/dist" --specpath "$tmp" bare_window.py) >&2
    rm -rf "$BARE_DIR"
    mkdir -p "$BARE_DIR"
    mv "$tmp/dist/bare_window" "$BARE_DIR/"
    versions >"$BARE_STAMP"
}

# Rebuild when asked, when missing, or when the venv's Python/PySide6/PyInstaller changed since.
if [[ "${1:-}" == "--rebuild" || ! -x "$BARE_EXE" || "$(cat "$BARE_STAMP" 2>/dev/null)" != "$(versions)" ]]; then
    build_bare
fi

size_mb() { du -sb "$1" | awk '{printf "%.1f", $1 / 1e6}'; }

bare=$(size_mb "$BARE_DIR/bare_window")
printf 'bare window bundle  %8s MB  (%s, %s files; Python, PySide6, PyInstaller: %s)\n' "$bare" \
    "$BARE_DIR/bare_window" "$(find "$BARE_DIR/bare_window" -type f | wc -l)" "$(cat "$BARE_STAMP")"
if [[ ! -d "$APP_DIR" ]]; then
    echo "no $APP_DIR yet: run 'make exe' first" >&2
    exit 1
fi
app=$(size_mb "$APP_DIR")
printf 'POSfix bundle       %8s MB  (%s, %s files)\n' "$app" "$APP_DIR" "$(find "$APP_DIR" -type f | wc -l)"
awk -v a="$app" -v b="$bare" 'BEGIN { r = a / b; printf "ratio app/bare      %8.2f   (target <= 0.80: %s)\n", r, (r <= 0.8 ? "met" : "NOT met") }'
