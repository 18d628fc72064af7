"""Made-up incidents in bulk, for the scale bench, the screenshots and the GUI tests (no Qt).

:func:`generate` writes ``count`` incidents spread evenly over the last ``days`` days in one
``executemany`` transaction (about 50 s per million). Codes follow a long-tail distribution: a few
are common, most are rare, like real counters.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Sequence

from posfix_gui.history.store import HistoryStore, local_day

TILLS = tuple(f"收银台{i}" for i in range(1, 7))
OPERATORS = ("王芳", "李娜", "张伟", "刘洋", "陈静", "杨磊", "赵敏", "黄强", "周杰", "吴婷", "徐明", "孙丽")
SCHEMES = ("unionpay", "wechatpay", "alipay", "pax", "terminal")
TITLES = ("余额不足", "网络连接超时", "系统故障", "密码错误", "打印机缺纸", "交易已关闭", "卡片已过期", "通讯失败")

Entry = tuple[str, str, str, str, str]  # entry_id, scheme, code, title_zh, title_en


def synthetic_entries(n: int = 300) -> list[Entry]:
    out = []
    for k in range(n):
        scheme = SCHEMES[k % len(SCHEMES)]
        code = f"{k:02d}" if scheme != "wechatpay" else f"ERR{k}"
        out.append((f"{scheme}:{code}", scheme, code, f"{TITLES[k % len(TITLES)]}{k}", f"Fault {k}"))
    return out


def generate(
    store: HistoryStore,
    count: int,
    days: int,
    *,
    entries: Sequence[Entry] | None = None,
    tills: Sequence[str] = TILLS,
    operators: Sequence[str] = OPERATORS,
    end_ts: float | None = None,
    seed: int = 1,
) -> float:
    """Insert ``count`` incidents over the ``days`` days before ``end_ts``; returns the seconds taken."""
    rng = random.Random(seed)
    entries = list(entries or synthetic_entries())
    weights = [1 / (k + 1) for k in range(len(entries))]
    end = time.time() if end_ts is None else end_ts
    start = end - days * 86400
    outcomes = ["fixed"] * 60 + ["escalated"] * 25 + ["abandoned"] * 15
    t0 = time.perf_counter()
    picks = rng.choices(range(len(entries)), weights=weights, k=count)

    def rows():  # noqa: ANN202 - a generator of tuples
        for i in range(count):
            e = entries[picks[i]]
            started = start + (end - start) * i / max(1, count)
            outcome = rng.choice(outcomes)
            steps = rng.randint(3, 6)
            if outcome == "fixed":
                at: int | None = rng.randint(1, steps)
                answers = [[k, "not_fixed", started + 30 * k] for k in range(1, at)]
                answers.append([at, "fixed", started + 30 * at])
            else:
                at = None
                n_ans = steps if outcome == "escalated" else rng.randint(0, steps - 1)
                answers = [[k, "not_fixed", started + 30 * k] for k in range(1, n_ans + 1)]
            ended = started + 30 * max(1, len(answers)) + rng.random() * 20
            yield (
                f"sample-{seed}-{i}", e[0], e[1], e[2], e[3], e[4], steps, json.dumps(answers), outcome, at,
                started, ended, local_day(started), (ended - started) if outcome == "fixed" else None,
                tills[rng.randrange(len(tills))], operators[rng.randrange(len(operators))], "", "", "", ended,
            )

    conn = store._conn()
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.executemany(
            """INSERT INTO incidents (run_id, entry_id, scheme, code, title_zh, title_en, step_count, answers,
                   outcome, fixed_at_step, started_ts, ended_ts, day, fix_seconds, till, operator,
                   terminal_id, note, session_id, updated_ts) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
            rows(),
        )
        conn.executemany("INSERT OR REPLACE INTO entries_seen VALUES (?,?,?,?,?)", entries)
        conn.executemany("INSERT OR IGNORE INTO seen_values VALUES (?, ?)",
                         [("till", t) for t in tills] + [("operator", o) for o in operators])
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("ANALYZE")
    return time.perf_counter() - t0
