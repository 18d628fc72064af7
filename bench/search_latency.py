"""Per-keystroke search latency on the shipped catalogue and on a synthetic 100 000-entry one.

Every prefix of ~50 realistic queries is searched (one search per keystroke, as the app does);
we report p50 / p99 / max in milliseconds, plus the time to open the catalogue and run the first
search in a fresh process. Run: ``.venv/bin/python bench/search_latency.py [--entries 100000]``.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from posfix_gui.catalogue import open_catalogue  # noqa: E402
from posfix_gui.catalogue.build import write_database  # noqa: E402
from posfix_gui.catalogue.source import EntrySource, StepSource, load_sources  # noqa: E402

QUERIES = [
    "51", "55", "A0", "a0", "96", "05", "14", "0x2", "0x0004", "0020000", "1000", "-5", "0xF0", "PRN 2",
    "应答码51", "返回码A0怎么办", "刷卡显示55", "error 51", "９６",
    "余额不足", "卡里没钱", "密码错", "密码错误次数超限", "MAC校验错", "没收卡", "过期卡", "签到失败",
    "打印机没纸了", "小票打不出来", "卡纸", "IC卡读不出来", "刷卡失败", "连不上网", "没信号", "电量低",
    "用户支付中", "付款码过期", "支付宝余额不足", "微信余额不足", "重复支付", "结算失败", "冲正",
    "yebz", "yuebuzu", "mmc", "insufficient funds", "do not honor", "paper jam", "wrong PIN",
    "USERPAYING", "ACQ.TRADE_HAS_SUCCESS", "insufficent funds", "余额不组",
]


def keystrokes(queries: list[str]) -> list[str]:
    return [q[:i] for q in queries for i in range(1, len(q) + 1)]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def measure(db: Path, rounds: int = 3) -> dict[str, float]:
    cat = open_catalogue(db)
    strokes = keystrokes(QUERIES)
    cat.search("warm up")
    times: list[float] = []
    for _ in range(rounds):
        for q in strokes:
            t0 = time.perf_counter()
            cat.search(q, limit=20)
            times.append((time.perf_counter() - t0) * 1000)
    cat.close()
    return {
        "keystrokes": len(strokes),
        "p50_ms": statistics.median(times),
        "p99_ms": percentile(times, 99),
        "max_ms": max(times),
    }


def cold_open(db: Path) -> dict[str, float]:
    """Open + first search in a fresh interpreter (imports not counted)."""
    code = (
        f"import time,sys,json; sys.path.insert(0, {str(REPO)!r})\n"
        "from posfix_gui.catalogue import open_catalogue\n"
        f"t0=time.perf_counter(); c=open_catalogue({str(db)!r}); t1=time.perf_counter(); c.search('余额不足');"
        " t2=time.perf_counter()\n"
        "print(json.dumps({'open_ms':(t1-t0)*1000,'first_search_ms':(t2-t1)*1000}))"
    )
    runs = [json.loads(subprocess.check_output([sys.executable, "-c", code], text=True)) for _ in range(5)]
    return {k: statistics.median(r[k] for r in runs) for k in runs[0]}


def synthetic(n: int, target: Path) -> None:
    """A catalogue of n entries made by recombining the real titles, aliases and steps."""
    sources = load_sources(REPO / "resources" / "catalogue")
    real = sources.entries
    rng = random.Random(7)
    zh_words = sorted({w for e in real for w in [e.text("title_zh"), *e.items("aliases")] if w})
    en_words = sorted({e.text("title_en") for e in real})
    cats = sorted({c for e in real for c in e.items("categories")})
    entries = []
    for i in range(n):
        base = real[i % len(real)]
        title_zh = rng.choice(zh_words)[:6] + rng.choice(zh_words)[:4]
        data = {
            "code": f"S{i:06d}", "title_zh": title_zh, "title_en": f"{rng.choice(en_words)} {i}",
            "explain_zh": base.text("explain_zh"), "explain_en": base.text("explain_en"),
            "act": ["cashier"], "retry": "no", "customer_zh": "请稍候。", "customer_en": "One moment.",
            "categories": [rng.choice(cats)], "aliases": [rng.choice(zh_words), rng.choice(zh_words)],
        }
        steps = [StepSource("basic", "检查。", "Check."), StepSource("escalate", "联系服务商。", "Call support.")]
        entries.append(EntrySource("synthetic.toml", "terminal", data["code"], data, steps, i))
    sources.entries = real + entries
    write_database(sources, target)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=100_000, help="size of the synthetic catalogue")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--synthetic-db", type=Path, help="keep (or reuse) the synthetic database here")
    args = parser.parse_args()
    shipped = REPO / "db" / "codes.sqlite"
    report: dict[str, dict[str, float]] = {}
    report["shipped"] = {**measure(shipped), **cold_open(shipped)}
    with open_catalogue(shipped) as cat:
        report["shipped"]["entries"] = cat.entry_count()
    if args.entries:
        with tempfile.TemporaryDirectory() as tmp:
            db = args.synthetic_db or Path(tmp) / "synthetic.sqlite"
            t0 = time.perf_counter()
            if not db.exists():
                synthetic(args.entries, db)
            build_s = time.perf_counter() - t0
            report["synthetic"] = {**measure(db, rounds=1), **cold_open(db)}
            report["synthetic"]["entries"] = args.entries + report["shipped"]["entries"]
            report["synthetic"]["build_s"] = build_s
            report["synthetic"]["size_mb"] = db.stat().st_size / 1e6
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(f"{'catalogue':<12}{'entries':>9}{'strokes':>9}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}"
          f"{'open ms':>9}{'1st ms':>9}")
    for name, r in report.items():
        print(f"{name:<12}{r['entries']:>9.0f}{r['keystrokes']:>9.0f}{r['p50_ms']:>9.2f}{r['p99_ms']:>9.2f}"
              f"{r['max_ms']:>9.2f}{r['open_ms']:>9.2f}{r['first_search_ms']:>9.2f}")
    if "synthetic" in report:
        print(f"synthetic build {report['synthetic']['build_s']:.1f} s, {report['synthetic']['size_mb']:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
