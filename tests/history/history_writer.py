"""Child process for the reliability tests: records runs and reports each commit on stdout.

Usage: python history_writer.py DATA_DIR PREFIX COUNT [START_AT_EPOCH]
After every ``record`` returns (the transaction committed) it prints ``<run_id> <answers>`` and
flushes, so the parent knows exactly what must survive a SIGKILL. Errors go to stderr, exit 1.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from posfix_gui.history import HistoryError, HistoryStore  # noqa: E402
from posfix_gui.wizard import Answer, WizardRun  # noqa: E402


def main() -> int:
    data_dir, prefix, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    if len(sys.argv) > 4:  # line up with the other writers
        time.sleep(max(0.0, float(sys.argv[4]) - time.time()))
    try:
        store = HistoryStore.open(Path(data_dir))
    except HistoryError as err:
        print(f"open failed: {err}", file=sys.stderr)
        return 1
    print("ready", flush=True)
    for i in range(count):
        run = WizardRun(entry_id=f"unionpay:{i % 97:02d}", code=f"{i % 97:02d}", title_zh="测试故障",
                        title_en="Test fault", step_count=3, till=f"收银台{i % 3 + 1}", operator=prefix,
                        run_id=f"{prefix}-{i}")
        try:
            store.record(run.start())
            print(f"{run.run_id} 0", flush=True)
            store.record(run.answer(Answer.NOT_FIXED))
            print(f"{run.run_id} 1", flush=True)
            store.record(run.answer(Answer.FIXED))
            print(f"{run.run_id} 2", flush=True)
        except HistoryError as err:
            print(f"write failed: {err}", file=sys.stderr)
            return 1
    store.close()
    print("done", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
