"""The composition root: builds settings, translations, the catalogue and the main window.

``posfix-gui`` / ``python -m posfix_gui`` start here. ``--smoke-test`` runs the real window through
search → entry → wizard and prints one JSON line.
"""

from __future__ import annotations

import time

PROCESS_T0 = time.perf_counter()  # taken first: "ms from process start" is measured from here

import argparse  # noqa: E402
import json  # noqa: E402
import logging  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

from posfix_gui import APP_NAME, __version__, paths  # noqa: E402

log = logging.getLogger("posfix")
EXIT_OK, EXIT_CATALOGUE, EXIT_SMOKE, EXIT_USAGE = 0, 2, 3, 64


def _ms() -> float:
    return round((time.perf_counter() - PROCESS_T0) * 1000, 1)


LOG_MAX_BYTES = 1_000_000
LOG_BACKUPS = 3


def rotate_log(log_file: Path) -> None:
    """Keep the log small: at start-up a log over 1 MB becomes posfix.log.1 (.2, .3 older).

    Done once per start instead of with logging.handlers.RotatingFileHandler, whose import
    (socket, pickle, queue) costs start-up time and ~3 MB for a log that grows a few lines a day.
    """
    try:
        if not log_file.exists() or log_file.stat().st_size < LOG_MAX_BYTES:
            return
        for n in range(LOG_BACKUPS - 1, 0, -1):
            older = log_file.with_name(f"{log_file.name}.{n}")
            if older.exists():
                os.replace(older, log_file.with_name(f"{log_file.name}.{n + 1}"))
        os.replace(log_file, log_file.with_name(f"{log_file.name}.1"))
    except OSError:
        pass  # a log that cannot rotate just keeps growing; never stop the app for it


def setup_logging(data_dir: Path) -> Path | None:
    """Log to ``data_dir/logs/posfix.log`` (tracebacks go there, never on screen)."""
    try:
        log_dir = data_dir / "logs"
        log_dir.mkdir(parents=True, exist_ok=True)
        log_file = log_dir / "posfix.log"
        rotate_log(log_file)
        handler = logging.FileHandler(log_file, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "_posfix", False)]:
        root.removeHandler(old)
        old.close()
    handler._posfix = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return log_file


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="posfix-gui", description="POSfix desktop app")
    p.add_argument("--smoke-test", action="store_true", help="run search → wizard once, print JSON, exit")
    p.add_argument("--catalogue", type=Path, help="catalogue file (default: the bundled db/codes.sqlite)")
    p.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    return p.parse_args(argv)


def catalogue_error_text(exc: Exception, path: Path) -> tuple[str, str]:
    """(what happened, what to do) for a catalogue that cannot be opened."""
    from PySide6.QtCore import QCoreApplication

    from posfix_gui.catalogue import CatalogueMissing

    if isinstance(exc, CatalogueMissing):
        what = QCoreApplication.translate("App", "The list of error codes was not found.")
    else:
        what = QCoreApplication.translate(
            "App", "The list of error codes is damaged or from another version and cannot be read."
        )
    todo = QCoreApplication.translate(
        "App",
        "POSfix cannot start without it. Reinstall POSfix, or ask whoever set it up.\nFile: {path}",
    ).format(path=str(path))
    return what, todo


def _emit_json(data: dict[str, Any]) -> None:
    """Print the report line; also keep it in logs/smoke-test.json (a windowed build has no stdout)."""
    line = json.dumps(data, ensure_ascii=False)
    try:
        (paths.data_dir() / "logs" / "smoke-test.json").write_text(line + "\n", encoding="utf-8")
    except OSError:
        log.warning("could not write smoke-test.json")
    stream = sys.stdout
    if stream is not None:
        stream.write(line + "\n")
        stream.flush()


def main(argv: list[str] | None = None) -> int:
    """Start the app; returns the process exit code."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.smoke_test:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QCoreApplication, QTimer
    from PySide6.QtWidgets import QApplication

    from posfix_gui.catalogue import CatalogueError, open_catalogue
    from posfix_gui.settings import AppSettings, settings_path
    from posfix_gui.ui.errors import ExceptionHook, error_dialog_class
    from posfix_gui.ui.i18n import Translators
    from posfix_gui.ui.main_window import MainWindow

    data_dir = paths.data_dir()
    log_file = setup_logging(data_dir)
    log.info("starting %s %s (smoke test: %s)", APP_NAME, __version__, args.smoke_test)

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("posfix")  # matches build/posfix.desktop (taskbar grouping on Linux)

    try:
        settings = AppSettings(settings_path(data_dir))
    except OSError:
        # a read-only or missing data folder must not stop a cashier: settings live in temp for now
        log.exception("data folder %s not writable; settings go to the temp folder", data_dir)
        settings = AppSettings(Path(tempfile.gettempdir()) / "posfix-settings" / "posfix.ini")
    translators = Translators(app)
    if not translators.switch(settings.language):
        log.error("translation for %s missing; continuing", settings.language)

    cat_path = args.catalogue or paths.catalogue_path()
    try:
        catalogue = open_catalogue(cat_path)
    except CatalogueError as exc:
        log.exception("cannot open catalogue %s", cat_path)
        what, todo = catalogue_error_text(exc, cat_path)
        if args.smoke_test:
            sys.stderr.write(f"posfix-gui smoke test FAILED: cannot open catalogue {cat_path}: {exc}\n")
        else:
            error_dialog_class()("POSfix", what, todo, log_file).exec()
        translators.switch("en")
        return EXIT_CATALOGUE

    hook = ExceptionHook(log_file)
    hook.install()
    # The smoke test records its run through the real store, but in a throwaway folder inside the
    # data folder (so an unusable data folder still shows "history off"), removed at exit: it must
    # not add a fake incident to the shop's statistics.
    history_dir = data_dir / "smoke-test-history" if args.smoke_test else data_dir
    try:
        # history_pending: the incident history is opened once the window is on screen (open_history)
        window = MainWindow(catalogue, settings, translators, history_pending=True)
    except Exception as exc:  # noqa: BLE001 - a broken start gets a readable message, not a traceback
        log.exception("could not build the main window")
        hook.uninstall()
        if args.smoke_test:
            sys.stderr.write(f"posfix-gui smoke test FAILED: could not build the window: {exc}\n")
        else:
            error_dialog_class()(
                "POSfix",
                QCoreApplication.translate("App", "POSfix could not start."),
                QCoreApplication.translate(
                    "App", "Restart the computer and try again. If it happens again, call support."
                ),
                log_file,
            ).exec()
        return EXIT_SMOKE
    hook.parent = window
    stuck = False
    try:
        if args.smoke_test:
            code = run_smoke_test(app, window, lambda: after_first_paint(app, window, history_dir))
        else:
            show_main_window(window)
            app.processEvents()  # the first paint: the cashier sees the window before anything else
            log.info("window shown after %s ms", _ms())
            after_first_paint(app, window, data_dir)
            # what the first screen does not show waits until the cashier can see the window: the entry
            # and wizard pages are built next (ready before the first search answers)
            QTimer.singleShot(0, window.build_pages)
            restore_signals = quit_on_signals(app)
            try:
                code = app.exec()
            finally:
                restore_signals()
    finally:
        window.shutdown()  # abandons a run in progress: saved (the history thread is drained) first
        stuck = window.history_thread_stuck()
        history = window.history
        if history is not None and not stuck:  # its connection is busy on that thread
            history.close()
        if args.smoke_test:
            shutil.rmtree(history_dir, ignore_errors=True)
        hook.uninstall()
        close = getattr(catalogue, "close", None)
        if callable(close):
            close()
        translators.switch("en")  # leave the QApplication as we found it (main() can run in-process)
    if stuck:
        end_process_now(code)
    return code


def end_process_now(code: int) -> None:
    """End the process without tearing Qt down: a history thread is still busy (a database another
    program holds, see QueryRunner.stuck), and Qt aborts the process when a running thread is
    destroyed, which a cashier would see as a crash. What was saved is safe (WAL, synchronous=FULL);
    the log says what was not. The session lock goes with the process."""
    log.error("exiting while the history thread is still busy; its current change may not be saved")
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            stream.flush()
    os._exit(code)


def quit_on_signals(app: Any) -> Callable[[], None]:
    """Ctrl+C in a terminal, or SIGTERM when the session ends, quits the app the normal way (a run in
    progress is saved as abandoned, the history closes) instead of a KeyboardInterrupt inside a Qt
    callback. Python runs signal handlers only between bytecodes, so a timer wakes it twice a second
    while Qt's loop is idle. Returns what puts the previous handlers back."""
    import signal

    from PySide6.QtCore import QTimer

    def quit_app(signum: int, _frame: object) -> None:
        log.info("signal %s: quitting", signum)
        app.quit()

    wanted = [signal.SIGINT] + ([signal.SIGTERM] if hasattr(signal, "SIGTERM") else [])
    previous = {sig: signal.signal(sig, quit_app) for sig in wanted}
    wake = QTimer()
    wake.timeout.connect(lambda: None)
    wake.start(500)

    def restore() -> None:
        wake.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)

    return restore


def after_first_paint(app: Any, window: Any, history_dir: Path) -> None:
    """What a start does once the window is on screen: the window icon (QIcon's Python type costs
    ~3 ms, and Qt updates the open window), and the incident history, opened on its own thread."""
    set_window_icon(app)
    open_history(window, history_dir)


def set_window_icon(app: Any) -> None:
    icon = paths.resources_dir() / "icons" / "posfix.png"
    if icon.is_file():
        from PySide6.QtGui import QIcon

        app.setWindowIcon(QIcon(str(icon)))


def history_opener(history_dir: Path) -> Callable[[], tuple[Any, object]]:
    """What opens the incident history: ``(store, "")``, or ``(None, why)`` when it cannot be used
    (history is off, the window says why, and looking up codes goes on)."""

    def open_store() -> tuple[Any, object]:
        from posfix_gui.history import HistoryStore, HistoryUnavailable

        try:
            return HistoryStore.open(history_dir), ""
        except HistoryUnavailable as exc:
            log.warning("history off: %s", exc)
            return None, exc  # the error itself: the status line follows the language
        except Exception:  # noqa: BLE001 - not in the store's contract, but history must never stop lookup
            log.exception("history could not be opened; history off")  # the window says "could not be opened"
            return None, ""

    return open_store


def open_history(window: Any, history_dir: Path) -> None:
    """Open the incident history on the window's history thread, once the window is on screen: the
    open checks a database after a crash, migrates an old one or waits for one another program
    holds, and none of that may freeze the window. That thread then does all the history's reading
    and writing, on the one connection the open made."""
    window.open_history_in_background(history_opener(history_dir))


def show_main_window(window: Any) -> None:
    """1280x800 where it fits; maximised on a small counter screen (e.g. 1024x600)."""
    screen = window.screen()
    area = screen.availableGeometry() if screen is not None else None
    if area is not None and (area.width() < 1280 or area.height() < 800):
        window.showMaximized()
    else:
        window.resize(1280, 800)
        window.show()


def run_smoke_test(
    app: Any, window: Any, after_paint: Any = None, query: str = "51", timeout_s: float = 20.0
) -> int:
    """Show the window, do what a real start does after the first paint (``after_first_paint``), search
    ``query``, open the top entry's wizard, answer every step "not fixed"; print JSON."""
    from PySide6.QtCore import QEventLoop, QTimer

    from posfix_gui.wizard import Answer

    did: list[str] = []
    report: dict[str, Any] = {"smoke_test": "posfix-gui", "ok": False, "query": query}
    try:
        show_main_window(window)  # as a real start shows it: sized for the screen it is on
        app.processEvents()
        report["ms_to_window"] = _ms()
        launched = os.environ.get("POSFIX_LAUNCH_T0")  # set by bench/startup.sh: wall clock at launch
        if launched:
            try:
                report["ms_launch_to_window"] = round((time.time() - float(launched)) * 1000, 1)
            except ValueError:
                pass
        did.append("showed main window")
        if after_paint is not None:
            after_paint()

        loop = QEventLoop()
        got: dict[str, int] = {}

        def on_shown(q: str, n: int) -> None:
            if q == query:
                got["n"] = n
                loop.quit()

        window.results_shown.connect(on_shown)
        timer = QTimer()
        timer.setSingleShot(True)
        timer.timeout.connect(loop.quit)
        timer.start(int(timeout_s * 1000))
        window.search_box.setText(query)
        if "n" not in got:
            loop.exec()
        timer.stop()
        if "n" not in got:
            raise RuntimeError(f"no search results for {query!r} within {timeout_s} s")
        report["ms_to_first_results"] = _ms()
        report["results"] = got["n"]
        did.append(f"searched {query!r}")
        if not got["n"]:
            raise RuntimeError(f"search for {query!r} found nothing")
        top = window.results_model.result(0)
        window.activate_current()
        entry = window.current_entry()
        if entry is None or entry.id != top.id:
            raise RuntimeError(f"top result {top.id} did not open")
        report["entry_id"] = entry.id
        did.append(f"opened {entry.id}")
        run = window.start_wizard(entry.id)
        if run is None:
            raise RuntimeError(f"entry {entry.id} has no troubleshooting steps")
        did.append("started wizard")
        answered = 0
        while not run.finished:
            window.wizard_view.not_fixed_button.click()
            app.processEvents()
            answered += 1
            if answered > run.step_count:
                raise RuntimeError("wizard did not finish")
        report["steps"] = run.step_count
        report["answered"] = answered
        report["outcome"] = str(run.outcome)
        if str(run.outcome) != "escalated" or not window.wizard_view.note_text():
            raise RuntimeError(f"unexpected wizard outcome {run.outcome}")
        did.append(f"answered {answered} steps {Answer.NOT_FIXED.value}, got escalation note")
        if after_paint is not None:
            window.history_call(lambda: None)  # the open and every save queued before this are done
        history = getattr(window, "history", None)
        report["history"] = "on" if history is not None else "off"
        if history is not None:
            incident = window.history_call(lambda: history.get_run(run.run_id))  # after the saves
            if incident is None or incident.outcome != "escalated" or len(incident.answers) != answered:
                raise RuntimeError(f"the run was not recorded in the history: {incident}")
            did.append(f"recorded incident {incident.id} in the history")
        report["ok"] = True
    except Exception as exc:  # noqa: BLE001 - reported as JSON plus a clear message
        log.exception("smoke test failed")
        report["error"] = f"{type(exc).__name__}: {exc}"
        sys.stderr.write(f"posfix-gui smoke test FAILED: {report['error']}\n")
    report["did"] = did
    report["ms_total"] = _ms()
    _emit_json(report)
    window.close()
    return EXIT_OK if report["ok"] else EXIT_SMOKE


if __name__ == "__main__":
    raise SystemExit(main())
