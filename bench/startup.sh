#!/usr/bin/env bash
# Start-up time and peak memory: `dist/posfix/posfix-gui --smoke-test` against the bare PySide6 window
# bundle (see bench/bundle.sh), each started RUNS times (default 7), alternating, offscreen.
# Prints medians, peak RSS (ru_maxrss of each child, from os.wait4) and the app/bare ratios.
# Targets (issue 6): start-up <= 1.5 x bare, peak memory <= 1.6 x bare. The same bare window with a
# Chinese label (bare_window_zh, see bench/bundle.sh) is timed too, as a reference line only.
#
#   bench/startup.sh [RUNS]
#   COLD=1 bench/startup.sh   drop the page cache before every run (needs root and a writable
#                             /proc/sys/vm/drop_caches); otherwise the first run of each is the cold one
#                             and the median is a warm start.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
RUNS=${1:-7}
BARE=build/work/bare/bare_window/bare_window
BARE_ZH=build/work/bare/bare_window_zh/bare_window_zh
APP=dist/posfix/posfix-gui
bench/bundle.sh >/dev/null 2>&1 || true  # (re)builds the bare bundle if missing or built with other versions
[[ -x "$BARE" && -x "$BARE_ZH" ]] || { echo "could not build $BARE and $BARE_ZH" >&2; exit 1; }
[[ -x "$APP" ]] || { echo "no $APP: run 'make exe' first" >&2; exit 1; }

"$PY" - "$RUNS" "$BARE" "$APP" "$BARE_ZH" <<'PY'
import json, os, statistics, subprocess, sys, tempfile, time

runs, bare, app, bare_zh = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
cold = os.environ.get("COLD") == "1"
env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
env.pop("POSFIX_CATALOGUE", None)
data = tempfile.mkdtemp(prefix="posfix-bench-")
env["POSFIX_DATA_DIR"] = data  # the smoke test must not touch the real user data folder


def drop_caches() -> None:
    os.sync()
    with open("/proc/sys/vm/drop_caches", "w") as f:
        f.write("3\n")


def one(cmd: list[str]) -> tuple[float, float, str]:
    """Wall seconds, peak RSS in MB, and the last stdout line of one start."""
    if cold:
        drop_caches()
    t0 = time.perf_counter()
    env["POSFIX_LAUNCH_T0"] = repr(time.time())  # the app reports launch -> window shown from this
    p = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    out = p.stdout.read()
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        sys.exit(f"{cmd[0]} exited with {p.returncode}")
    last = out.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
    return wall, usage.ru_maxrss / 1024, last[0]


if cold:
    try:
        drop_caches()
    except OSError as exc:
        sys.exit(f"COLD=1 needs a writable /proc/sys/vm/drop_caches ({exc})")

results = {"bare": [], "bare_zh": [], "app": []}
first = {}
to_window = []  # the app's own "ms_to_window" (from importing posfix_gui.app to the window shown)
shown = {"bare": [], "bare_zh": [], "app": []}  # launch (in this script) -> window shown, as each saw it
for i in range(runs):
    for name, cmd in (("bare", [bare]), ("bare_zh", [bare_zh]), ("app", [app, "--smoke-test"])):
        wall, rss, last = one(cmd)
        results[name].append((wall, rss))
        first.setdefault(name, (wall, rss))
        if name == "app":
            try:
                report = json.loads(last)
            except ValueError:
                sys.exit(f"--smoke-test printed no JSON line: {last!r}")
            if "ms_to_window" in report:
                to_window.append(report["ms_to_window"])
            if "ms_launch_to_window" in report:
                shown["app"].append(report["ms_launch_to_window"] / 1000)
        elif last.startswith("ms_launch_to_window "):  # the bare windows print it (bench/bundle.sh)
            shown[name].append(float(last.split()[1]) / 1000)

med = {k: (statistics.median(w for w, _ in v), statistics.median(r for _, r in v)) for k, v in results.items()}
mode = "cold (page cache dropped)" if cold else "first run cold-ish, median warm"
print(f"{runs} runs each, offscreen, {mode}")
print(f"{'':24}{'window shown s':>15}{'whole run s':>12}{'first run s':>12}{'peak RSS MB':>12}")
for name, label in (("bare", "bare window bundle"), ("bare_zh", "  (label in Chinese)"),
                    ("app", "posfix-gui --smoke-test")):
    win = f"{statistics.median(shown[name]):.3f}" if shown[name] else "-"
    print(f"{label:24}{win:>15}{med[name][0]:12.3f}{first[name][0]:12.3f}{med[name][1]:12.1f}")
if to_window:
    print(f"app's own time from importing posfix_gui.app to the window shown: median "
          f"{statistics.median(to_window):.0f} ms (the smoke test then searches and runs a wizard)")


def verdict(ratio: float, target: float) -> str:
    return f"{ratio:.2f} (target <= {target}: {'met' if ratio <= target else 'NOT met'})"


if shown["app"] and shown["bare"]:
    s_ratio = statistics.median(shown["app"]) / statistics.median(shown["bare"])
    print(f"start-up, launch -> window shown, app / bare: {verdict(s_ratio, 1.5)}")
t_ratio = med["app"][0] / med["bare"][0]
m_ratio = med["app"][1] / med["bare"][1]
print(f"whole run, app / bare: {t_ratio:.2f} (for information, not a start-up time: after the window the "
      f"smoke test also searches, builds the entry page and the wizard, opens the history, saves a run)")
print(f"peak memory, app / bare: {verdict(m_ratio, 1.6)}")
zh_m = med["app"][1] / med["bare_zh"][1]
zh_s = (f"start-up {statistics.median(shown['app']) / statistics.median(shown['bare_zh']):.2f}, "
        if shown["app"] and shown["bare_zh"] else "")
print(f"reference, app / the bare window with a Chinese label: {zh_s}peak memory {zh_m:.2f} "
      f"(a Chinese label alone costs the bare window {med['bare_zh'][1] - med['bare'][1]:.1f} MB)")
PY
