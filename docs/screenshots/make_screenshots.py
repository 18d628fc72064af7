"""Render the README screenshots.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshots/make_screenshots.py [outdir]

Uses the real catalogue and a throwaway data folder whose history holds two earlier runs of 51 on
the till (so the entry page shows its count line). Writes PNGs for zh_CN and en at 1280x800 and
1024x600: the tree, results for "51", an entry, a middle wizard step and the escalation note;
the ones named in DOCS are also written, palette-reduced, next to this script for the README.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("POSFIX_DATA_DIR", tempfile.mkdtemp(prefix="posfix-shots-"))

from PySide6.QtCore import QEventLoop, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from posfix_gui import paths  # noqa: E402
from posfix_gui.catalogue import open_catalogue  # noqa: E402
from posfix_gui.history import HistoryStore  # noqa: E402
from posfix_gui.settings import AppSettings, settings_path  # noqa: E402
from posfix_gui.ui.i18n import Translators  # noqa: E402
from posfix_gui.ui.main_window import MainWindow  # noqa: E402
from posfix_gui.wizard import Answer, WizardRun  # noqa: E402

SIZES = {"1280x800": (1280, 800), "1024x600": (1024, 600)}


def wait_results(app: QApplication, window: MainWindow, query: str) -> None:
    loop = QEventLoop()
    window.results_shown.connect(lambda q, n: loop.quit() if q == query else None)
    QTimer.singleShot(5000, loop.quit)
    window.search_box.setText(query)
    loop.exec()
    app.processEvents()


# The few that go into the README (small: 8-bit palette).
DOCS = {
    "tree_zh_CN_1280x800",
    "entry_zh_CN_1024x600",
    "escalation_zh_CN_1280x800",
    "results_zh_CN_1024x600",
    "entry_zh_CN_1280x800",
    "wizard_step_zh_CN_1280x800",
    "escalation_zh_CN_1024x600",
    "entry_en_1024x600",
    "wizard_step_en_1024x600",
    "escalation_en_1280x800",
}
DOCS_DIR = Path(__file__).resolve().parent


def wait_recent(app: QApplication, window: MainWindow) -> None:
    """Wait until the entry page's count line ("本收银台近 7 天出现此代码 N 次") is filled in."""
    loop = QEventLoop()
    window.recent_shown.connect(lambda _e, _n: loop.quit())
    QTimer.singleShot(5000, loop.quit)
    loop.exec()
    app.processEvents()


def seed_history(history: HistoryStore, catalogue, till: str) -> None:  # noqa: ANN001
    """Two earlier runs of 51 on this till (one fixed at step 2, one escalated), recorded for real."""
    entry = catalogue.get("unionpay:51")
    for answers in ([Answer.NOT_FIXED, Answer.FIXED], [Answer.NOT_FIXED] * len(entry.steps)):
        run = WizardRun.for_entry(entry, till=till)
        run.on_change.append(history.record)
        run.start()
        for a in answers:
            run.answer(a)


def shoot(window: MainWindow, out: Path, name: str) -> None:
    QApplication.processEvents()
    image = window.grab().toImage()
    image.save(str(out / f"{name}.png"))
    if name in DOCS:
        small = image.convertToFormat(QImage.Format.Format_Indexed8, Qt.ImageConversionFlag.ThresholdDither)
        small.save(str(DOCS_DIR / f"{name}.png"), None, 0)


def main(out: Path, all_shots: bool) -> None:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    catalogue = open_catalogue()
    settings = AppSettings(settings_path())
    translators = Translators(app)
    settings.till_name = "2号收银台"
    settings.terminal_id = "12345678"
    history = HistoryStore.open(paths.data_dir())
    seed_history(history, catalogue, settings.till_name)
    for lang in ("zh_CN", "en"):
        settings.language = lang
        translators.switch(lang)
        for size_name, (w, h) in SIZES.items():
            # history for the count line only: the runs shot below are not recorded, so N stays 2
            window = MainWindow(catalogue, settings, translators, history=history)
            window.resize(w, h)
            window.show()
            tag = f"{lang}_{size_name}"
            view = window.view
            view.expand(window.view_index(window.tree_model.index(0, 0)))
            shoot(window, out, f"tree_{tag}")
            wait_results(app, window, "51")
            shoot(window, out, f"results_{tag}")
            window.activate_current()
            wait_recent(app, window)
            shoot(window, out, f"entry_{tag}")
            run = window.start_wizard()
            assert run is not None
            run.answer(Answer.NOT_FIXED)
            window.wizard_view._render()
            shoot(window, out, f"wizard_step_{tag}")
            while not run.finished:
                window.wizard_view.not_fixed_button.click()
            shoot(window, out, f"escalation_{tag}")
            window.close()
            window.deleteLater()
            app.processEvents()
    history.close()
    catalogue.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/posfix-shots"), True)
