"""A day at the counter, compressed: many searches and wizard runs in one process.

    .venv/bin/python bench/soak.py [--runs 300]

Builds the window the way the app does (shown first, history opened after, in a throwaway data
folder), then repeats RUNS times: four keystroke searches, search "51", open the top entry, run the
wizard (two "not fixed", then "fixed", Done). Every 50 runs it prints resident memory, open file
descriptors, threads and the SQLite connections the catalogue and the history hold. A healthy app
stays flat: connections stay at one per thread, file descriptors do not grow. (Linux: reads /proc.)
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

QUERIES = ["5", "51", "A", "A0", "余", "余额", "打印", "打印机没纸", "U", "USERPAYING", "05", "91", "96", "14",
           "55", "61"]


def _status(field: str) -> int:
    text = Path("/proc/self/status").read_text()
    return int(text.split(f"{field}:")[1].split()[0])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=300)
    args = ap.parse_args()

    data = Path(tempfile.mkdtemp(prefix="posfix-soak-"))
    os.environ["POSFIX_DATA_DIR"] = str(data)
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from posfix_gui.app import open_history, show_main_window
    from posfix_gui.catalogue import open_catalogue
    from posfix_gui.paths import catalogue_path
    from posfix_gui.settings import AppSettings, settings_path
    from posfix_gui.ui.i18n import Translators
    from posfix_gui.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    translators = Translators(app)
    translators.switch("zh_CN")
    catalogue = open_catalogue(catalogue_path())
    win = MainWindow(catalogue, AppSettings(settings_path(data)), translators, history_pending=True)
    show_main_window(win)
    app.processEvents()
    open_history(win, data)
    win.build_pages()

    def search(query: str) -> None:
        loop = QEventLoop()
        got: list[int] = []

        def shown(q: str, n: int) -> None:
            if q == query:
                got.append(n)
                loop.quit()

        win.results_shown.connect(shown)
        win.search_box.setText(query)
        QTimer.singleShot(5000, loop.quit)
        if not got:
            loop.exec()
        win.results_shown.disconnect(shown)

    print(f"{'runs':>5} {'RSS MB':>7} {'fds':>5} {'threads':>7} {'catalogue conns':>15} {'history conns':>13} {'s':>6}")
    t0 = time.perf_counter()
    for i in range(args.runs + 1):
        if i % 50 == 0:
            gc.collect()
            history = win.history
            print(f"{i:5d} {_status('VmRSS') / 1024:7.1f} {len(os.listdir('/proc/self/fd')):5d} "
                  f"{_status('Threads'):7d} {catalogue.connection_count:15d} "
                  f"{history.connection_count if history else 0:13d} {time.perf_counter() - t0:6.1f}", flush=True)
        if i == args.runs:
            break
        for q in QUERIES[(i % 4) * 4:(i % 4) * 4 + 4]:
            search(q)
        search("51")
        win.activate_current()
        run = win.start_wizard()
        if run is None:
            raise SystemExit("no wizard for the top result of '51'")
        view = win.wizard_view
        for button in (view.not_fixed_button, view.not_fixed_button, view.fixed_button):
            if str(run.outcome) == "in_progress":
                button.click()
                app.processEvents()
        (win.wizard_view.fixed_done if str(run.outcome) == "fixed" else win.wizard_view.esc_done).click()
        app.processEvents()
    history = win.history
    saved = win.history_call(history.count) if history else 0
    print(f"incidents saved: {saved} of {args.runs}; peak RSS {_status('VmHWM') / 1024:.1f} MB")
    win.shutdown()
    if history is not None:
        history.close()
    catalogue.close()
    shutil.rmtree(data, ignore_errors=True)
    return 0 if saved == args.runs else 1


if __name__ == "__main__":
    sys.exit(main())
