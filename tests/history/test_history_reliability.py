"""Crash and concurrency: SIGKILL mid-write loses no committed incident; 3 writers, no lock errors."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from posfix_gui.history import HistoryStore, IncidentFilter

WRITER = Path(__file__).with_name("history_writer.py")
pytestmark = pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")


def _spawn(data_dir: Path, prefix: str, count: int, start_at: float | None = None) -> subprocess.Popen[str]:
    args = [sys.executable, str(WRITER), str(data_dir), prefix, str(count)]
    if start_at is not None:
        args.append(repr(start_at))
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")


def test_sigkill_mid_write_loses_no_committed_incident(tmp_path):
    rng = random.Random(5)
    committed: dict[str, int] = {}
    for round_no in range(20):
        child = _spawn(tmp_path, f"r{round_no}", 100_000)
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready", child.stderr.read() if child.stderr else ""
        lines_to_read = rng.randint(1, 60)
        for _ in range(lines_to_read):
            run_id, answers = child.stdout.readline().split()
            committed[run_id] = int(answers)
        time.sleep(rng.random() * 0.02)  # land anywhere, mostly inside a transaction
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
        assert child.returncode == -signal.SIGKILL
        child.stdout.close()
        child.stderr.close()

    with HistoryStore.open(tmp_path) as store:
        assert store.integrity_check() == "ok"
        for run_id, answers in committed.items():
            inc = store.get_run(run_id)
            assert inc is not None, f"{run_id} was reported committed but is missing"
            assert len(inc.answers) >= answers, run_id
        # every run a killed child left in progress now shows as abandoned
        assert store.count(IncidentFilter(outcome="in_progress")) == 0
    conn = sqlite3.connect(tmp_path / "history.sqlite")
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


def test_three_writers_at_once(tmp_path):
    HistoryStore.open(tmp_path).close()  # the three start on an existing database
    start_at = time.time() + 1.0
    children = [_spawn(tmp_path, f"w{n}", 150, start_at) for n in range(3)]
    outs = [c.communicate(timeout=120) for c in children]
    for child, (out, err) in zip(children, outs, strict=True):
        assert child.returncode == 0, err
        assert "locked" not in err and "locked" not in out
        assert out.strip().endswith("done")
    with HistoryStore.open(tmp_path) as store:
        assert store.count() == 450
        assert store.integrity_check() == "ok"
        for n in range(3):
            assert all(store.get_run(f"w{n}-{i}").fixed_at_step == 2 for i in range(0, 150, 7))


def test_three_writers_on_a_fresh_folder(tmp_path):
    """All three create and migrate the database at the same moment."""
    start_at = time.time() + 1.0
    children = [_spawn(tmp_path / "fresh", f"f{n}", 30, start_at) for n in range(3)]
    for child in children:
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
    with HistoryStore.open(tmp_path / "fresh") as store:
        assert store.count() == 90
