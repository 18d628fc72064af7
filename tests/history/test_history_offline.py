"""A read-only or missing data folder: history is off with a clear message, nothing crashes."""

from __future__ import annotations

import os
import stat

import pytest

from posfix_gui.history import HistoryStore, HistoryUnavailable


def _writes_blocked_by_chmod(tmp_path) -> bool:
    probe = tmp_path / "probe"
    probe.mkdir()
    probe.chmod(0o500)
    try:
        (probe / "x").write_text("x")
    except OSError:
        return True
    finally:
        probe.chmod(0o700)
    return False  # root: chmod does not stop writes


@pytest.fixture
def read_only_dir(tmp_path):
    """A data folder nobody can write to. As root, a path below a regular file (fails for root too)."""
    if _writes_blocked_by_chmod(tmp_path):
        d = tmp_path / "ro"
        d.mkdir()
        d.chmod(stat.S_IRUSR | stat.S_IXUSR)
        yield d
        d.chmod(0o700)
    else:
        f = tmp_path / "file.txt"
        f.write_text("a file, not a folder")
        yield f / "sub"


def test_read_only_data_folder_turns_history_off(read_only_dir):
    with pytest.raises(HistoryUnavailable) as err:
        HistoryStore.open(read_only_dir)
    assert err.value.text("zh").startswith("历史记录已关闭")
    assert "查询代码和处理步骤不受影响" in err.value.text("zh")
    assert err.value.text("en").startswith("History is off")
    assert "Traceback" not in str(err.value)


def test_missing_and_uncreatable_folder(tmp_path):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    with pytest.raises(HistoryUnavailable) as err:
        HistoryStore.open(blocker / "a" / "b")
    assert str(blocker) in err.value.text("en")


def test_data_dir_that_is_a_file(tmp_path):
    f = tmp_path / "data"
    f.write_text("x")
    with pytest.raises(HistoryUnavailable):
        HistoryStore.open(f)


@pytest.mark.skipif(os.name == "nt", reason="chmod of a file")
def test_read_only_database_file(tmp_path):
    if not _writes_blocked_by_chmod(tmp_path):
        pytest.skip("running as root: file permissions do not stop writes")
    HistoryStore.open(tmp_path).close()
    for p in tmp_path.glob("history.sqlite*"):
        p.chmod(0o400)
    tmp_path.chmod(0o500)
    try:
        with pytest.raises(HistoryUnavailable):
            HistoryStore.open(tmp_path)
    finally:
        tmp_path.chmod(0o700)


def test_creates_missing_folder(tmp_path):
    with HistoryStore.open(tmp_path / "new" / "deeper") as store:
        assert store.count() == 0
    assert (tmp_path / "new" / "deeper" / "history.sqlite").exists()


def test_default_folder_comes_from_posfix_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("POSFIX_DATA_DIR", str(tmp_path / "env"))
    with HistoryStore.open() as store:
        assert store.path.parent == tmp_path / "env"
