"""`posfix history export|stats` through the sub-parser the main CLI hooks in."""

from __future__ import annotations

import argparse
import csv
import io
import json
from datetime import UTC, datetime, timedelta

import pytest

from posfix_gui.history import HistoryStore
from posfix_gui.history.cli import add_history_parser, main
from posfix_gui.wizard import Answer
from tests.history.history_helpers import make_run

DAY = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    d = tmp_path / "data"
    with HistoryStore.open(d) as store:
        make_run(store, at=DAY - timedelta(days=2), answers=[Answer.NOT_FIXED, Answer.FIXED])
        make_run(store, entry="unionpay:96", title_zh="系统故障", at=DAY, answers=[Answer.NOT_FIXED] * 3)
        make_run(store, at=DAY + timedelta(minutes=5))
    monkeypatch.setenv("POSFIX_DATA_DIR", str(d))
    return d


def test_stats_json_includes_count(data_dir, capsys):
    assert main(["history", "stats", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["count"] == 3 and out["escalated"] == 1
    assert out["top_codes"][0] == {"entry_id": "unionpay:51", "code": "51", "title_zh": "余额不足",
                                   "title_en": "Insufficient funds", "count": 2}


def test_stats_text_and_range(data_dir, capsys):
    day = DAY.astimezone().date().isoformat()
    assert main(["history", "stats", "--from", day, "--to", day]) == 0
    text = capsys.readouterr().out
    assert "incidents            2" in text and "余额不足" in text


def test_export_csv_with_range(data_dir, tmp_path, capsys):
    out = tmp_path / "h.csv"
    day = DAY.astimezone().date().isoformat()
    assert main(["history", "export", "--csv", str(out), "--from", day]) == 0
    assert "exported 2 incidents" in capsys.readouterr().out
    raw = out.read_bytes()
    assert raw[:3] == b"\xef\xbb\xbf"
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 3 and {r[8] for r in rows[1:]} == {"余额不足", "系统故障"}


def test_bad_date_and_reversed_range(data_dir, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["history", "stats", "--from", "2026-13-01"])
    assert exc.value.code == 2
    assert "not a date" in capsys.readouterr().err
    assert main(["history", "stats", "--from", "2026-11-20", "--to", "2026-11-01"]) == 2


def test_history_off_is_a_message_not_a_traceback(tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "f"
    blocker.write_text("x")
    monkeypatch.setenv("POSFIX_DATA_DIR", str(blocker / "sub"))
    assert main(["history", "stats", "--json"]) == 3
    assert "History is off" in json.loads(capsys.readouterr().out)["error"]
    assert main(["history", "export", "--csv", str(tmp_path / "x.csv")]) == 3
    assert "历史记录已关闭" in capsys.readouterr().err


def test_hook_into_another_parser(data_dir, capsys):
    parser = argparse.ArgumentParser(prog="posfix")
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("search")
    add_history_parser(sub)
    args = parser.parse_args(["history", "--data-dir", str(data_dir), "stats", "--json"])
    assert args.func(args) == 0
    assert json.loads(capsys.readouterr().out)["count"] == 3
