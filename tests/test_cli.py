"""The `posfix` command line, run as a real process the way a person runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from posfix_gui.cli import display_width, pad


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "posfix_gui.cli", *args],
        capture_output=True, text=True, encoding="utf-8", env=full_env, timeout=120,
    )


def test_search_json() -> None:
    out = run("search", "余额不足", "--json")
    assert out.returncode == 0, out.stderr
    results = json.loads(out.stdout)
    assert results[0]["id"] == "unionpay:51"
    assert {"id", "scheme", "code", "title_zh", "title_en", "score"} <= set(results[0])


def test_search_without_result_prints_empty_list() -> None:
    out = run("search", "zzzzqqqqxxxx", "--json")
    assert out.returncode == 0
    assert json.loads(out.stdout) == []


def test_search_plain_output_is_aligned() -> None:
    out = run("search", "51", "--limit", "3")
    assert out.returncode == 0
    lines = out.stdout.splitlines()
    assert "51" in lines[1]
    widths = {display_width(line.split("  ")[0]) for line in lines[1:]}
    assert widths  # columns present


def test_show_json_has_steps() -> None:
    out = run("show", "unionpay:A0", "--json")
    assert out.returncode == 0, out.stderr
    entry = json.loads(out.stdout)
    assert entry["code"] == "A0"
    assert [s["position"] for s in entry["steps"]] == list(range(1, len(entry["steps"]) + 1))
    assert entry["steps"][0]["text_zh"]


def test_show_plain_and_unknown() -> None:
    out = run("show", "unionpay:55")
    assert out.returncode == 0 and "55" in out.stdout
    out = run("show", "nope:1")
    assert out.returncode == 1 and "Traceback" not in out.stderr


def test_catalogue_info_json() -> None:
    out = run("catalogue", "info", "--json")
    assert out.returncode == 0, out.stderr
    info = json.loads(out.stdout)
    assert info["entries"] == sum(info["per_scheme"].values())
    assert info["per_scheme"]["unionpay"] >= 70
    assert "issuer_decline" in info["per_category"]


def test_catalogue_check_passes_on_shipped_sources() -> None:
    out = run("catalogue", "check", "--json")
    assert out.returncode == 0, out.stdout + out.stderr
    assert json.loads(out.stdout)["entries"] > 100


@pytest.mark.parametrize(
    ("content", "needle"),
    [(None, "missing"), (b"garbage" * 500, "damaged")],
)
def test_bad_catalogue_exits_nonzero_with_one_sentence(tmp_path: Path, content: bytes | None, needle: str) -> None:
    path = tmp_path / "codes.sqlite"
    if content is not None:
        path.write_bytes(content)
    out = run("search", "51", env={"POSFIX_CATALOGUE": str(path)})
    assert out.returncode != 0
    assert "Traceback" not in out.stderr
    assert needle in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


def test_build_with_invalid_sources_keeps_database(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "schemes.toml").write_text('[[scheme]]\nid = "x"\nname_zh = "x"\nname_en = "x"\n', encoding="utf-8")
    (src / "categories.toml").write_text("", encoding="utf-8")
    (src / "bad.toml").write_text('scheme = "nope"\n', encoding="utf-8")
    target = tmp_path / "codes.sqlite"
    target.write_bytes(b"old")
    out = run("catalogue", "build", "--sources", str(src), "--output", str(target))
    assert out.returncode == 2
    assert "bad.toml" in out.stderr and "Traceback" not in out.stderr
    assert target.read_bytes() == b"old"


def test_version() -> None:
    out = run("--version")
    assert out.returncode == 0 and out.stdout.startswith("posfix ")


def test_pad_counts_chinese_as_two_columns() -> None:
    assert display_width("余额") == 4
    assert display_width(pad("余额不足", 6)) == 6
    assert display_width(pad("ab", 5)) == 5
