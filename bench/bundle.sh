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
#
# A second bare bundle, bare_window_zh, is the same window with its label in Chinese (one bold, one
# regular phrase). It is only a reference for bench/startup.sh: every POSfix screen is Chinese, and the
# CJK system font costs memory that a Latin label never loads. The targets stay against bare_window.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
BARE_DIR=build/work/bare
BARE_EXE=$BARE_DIR/bare_window/bare_window
BARE_ZH_EXE=$BARE_DIR/bare_window_zh/bare_window_zh
BARE_STAMP=$BARE_DIR/versions.txt  # Python, PySide6 and PyInstaller the bare bundle was built with
APP_DIR=dist/posfix
BARE_SCRIPT=2  # bump when the bare window's script below changes: the stamp then asks for a rebuild
versions() {
    "$PY" -c 'import sys; from importlib.metadata import version as v
print(sys.version.split()[0], v("PySide6-Essentials"), v("pyinstaller"))'
}
stamp() { echo "$(versions) bare-script-$BARE_SCRIPT"; }

build_bare() {
    local tmp
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' RETURN
    cat >"$tmp/bare_window.py" <<'PY'
"""A bare PySide6 window: show it, let it paint once, quit (the start-up baseline).

With POSFIX_LAUNCH_T0 set (wall-clock seconds at launch; bench/startup.sh sets it) it prints the time
from launch to the window shown, measured as `posfix-gui --smoke-test` measures its own."""
import os
import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

app = QApplication(sys.argv)
win = QMainWindow()
win.setCentralWidget(QLabel("bare window"))
win.show()
app.processEvents()
if os.environ.get("POSFIX_LAUNCH_T0"):
    shown = (time.time() - float(os.environ["POSFIX_LAUNCH_T0"])) * 1000
    print(f"ms_launch_to_window {shown:.1f}", flush=True)
QTimer.singleShot(0, app.quit)
sys.exit(app.exec())
PY
    sed 's/QLabel("bare window")/QLabel("<b>空白窗口<\/b> 余额不足，请换卡")/' "$tmp/bare_window.py" >"$tmp/bare_window_zh.py"
    grep -q '空白窗口' "$tmp/bare_window_zh.py"
    local name
    for name in bare_window bare_window_zh; do
        echo "building the $name bundle (plain pyinstaller --onedir) ..." >&2
        (cd "$tmp" && "$OLDPWD/$PY" -m PyInstaller --onedir --noconfirm --log-level WARN \
            --workpath "$tmp/work" --distpath "$tmp/dist" --specpath "$tmp" "$name.py") >&2
    done
    rm -rf "$BARE_DIR"
    mkdir -p "$BARE_DIR"
    mv "$tmp/dist/bare_window" "$tmp/dist/bare_window_zh" "$BARE_DIR/"
    stamp >"$BARE_STAMP"
}

# Rebuild when asked, when missing, or when the venv's Python/PySide6/PyInstaller changed since.
if [[ "${1:-}" == "--rebuild" || ! -x "$BARE_EXE" || ! -x "$BARE_ZH_EXE" || "$(cat "$BARE_STAMP" 2>/dev/null)" != "$(stamp)" ]]; then
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
