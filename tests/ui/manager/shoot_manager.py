"""Screenshots of the manager view (zh, 1280x800 and 1024x600) into docs/screenshots/.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.ui.manager.shoot_manager [en]

Uses a temporary history filled with made-up incidents over real catalogue entries.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from posfix_gui.catalogue import open_catalogue
from posfix_gui.history import HistoryStore, PinGate
from posfix_gui.history.sample import generate
from posfix_gui.ui.i18n import Translators
from posfix_gui.ui.manager.window import ManagerWindow
from posfix_gui.ui.style import apply_font

REPO = Path(__file__).resolve().parents[3]
OUT = REPO / "docs" / "screenshots"


def wait(app: QApplication, ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    apply_font(app, 15)
    cat = open_catalogue(REPO / "db" / "codes.sqlite")
    entries = []
    for cid in ("network", "printer", "issuer_decline", "wechatpay", "alipay", "card_reader", "communication"):
        for r in cat.entries_in_category(cid)[:8]:
            entries.append((r.id, r.scheme, r.code, r.title_zh, r.title_en))
    entries = list(dict.fromkeys(entries))
    tmp = Path(tempfile.mkdtemp(prefix="posfix-shots-"))
    store = HistoryStore.open(tmp)
    generate(store, 2400, days=60, entries=entries, tills=("收银台1", "收银台2", "收银台3", "自助收银"),
             operators=("王芳", "李娜", "张伟", "刘洋"), seed=11)
    clock = [time.time()]
    gate = PinGate(store, lambda: clock[0])
    OUT.mkdir(parents=True, exist_ok=True)
    tag = "en" if len(sys.argv) > 1 and sys.argv[1] == "en" else "zh"

    lang = sys.argv[1] if len(sys.argv) > 1 else "zh_CN"
    translators = Translators(app)  # the window's texts come through Qt's translations
    translators.switch(lang)
    win = ManagerWindow(store, cat, lang, gate=gate, clock=lambda: clock[0])
    win.resize(1280, 800)
    win.show()
    wait(app, 200)
    win.grab().save(str(OUT / f"manager-{tag}-pin-setup-1280x800.png"))
    gate.set_pin("2468")
    win.pin_page.refresh()
    for _ in range(5):
        win.pin_page.pin_edit.setText("1111")
        win.pin_page.submit()
    wait(app, 100)
    win.grab().save(str(OUT / f"manager-{tag}-pin-locked-1280x800.png"))
    clock[0] += 61
    win.pin_page.refresh()
    win.pin_page.pin_edit.setText("2468")
    win.pin_page.submit()
    wait(app, 1500)
    win.select_row(1)
    wait(app, 200)
    win.grab().save(str(OUT / f"manager-{tag}-1280x800.png"))
    win.resize(1024, 600)
    wait(app, 300)
    win.grab().save(str(OUT / f"manager-{tag}-1024x600.png"))
    win.till_combo.setCurrentIndex(win.till_combo.findData("收银台2"))
    win.category_combo.setCurrentIndex(win.category_combo.findData("network"))
    win.apply_filters()
    wait(app, 1000)
    win.resize(1280, 800)
    wait(app, 300)
    win.grab().save(str(OUT / f"manager-{tag}-filtered-1280x800.png"))
    win.shutdown()
    win.close()
    store.close()
    cat.close()
    translators.switch("en")
    print("\n".join(str(p) for p in sorted(OUT.glob("manager-*.png"))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
