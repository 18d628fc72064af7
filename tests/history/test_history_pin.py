"""The manager PIN: hashed, 5 wrong tries lock for 60 s, the lock survives a restart."""

from __future__ import annotations

import json

import pytest

from posfix_gui.history import HistoryStore, PinError, PinGate


class Clock:
    def __init__(self) -> None:
        self.t = 1_800_000_000.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def store(tmp_path):
    s = HistoryStore.open(tmp_path)
    yield s
    s.close()


def test_set_then_verify_and_hash_is_salted(store, clock):
    gate = PinGate(store, clock)
    assert not gate.is_set()
    assert not gate.verify("1234").ok  # nothing set yet
    gate.set_pin("1234")
    assert gate.is_set()
    raw = store.get_setting("pin.hash")
    assert "1234" not in raw
    rec = json.loads(raw)
    assert rec["algo"] in ("scrypt", "pbkdf2_sha256") and len(bytes.fromhex(rec["salt"])) == 16
    assert gate.verify("1234").ok
    assert not gate.verify("4321").ok


@pytest.mark.parametrize("bad", ["", "123", "123456789", "12a4", "１２３４", "12 34"])
def test_pin_rules(store, clock, bad):
    with pytest.raises(PinError) as err:
        PinGate(store, clock).set_pin(bad)
    assert "4 到 8 位数字" in err.value.text("zh")


def test_change_needs_current_pin(store, clock):
    gate = PinGate(store, clock)
    gate.set_pin("1234")
    with pytest.raises(PinError):
        gate.set_pin("5678", current_pin="0000")
    gate.set_pin("5678", current_pin="1234")
    assert gate.verify("5678").ok and not gate.verify("1234").ok


def test_five_wrong_tries_lock_for_60_seconds(store, clock):
    gate = PinGate(store, clock)
    gate.set_pin("2468")
    for left in (4, 3, 2, 1):
        check = gate.verify("0000")
        assert not check.ok and check.tries_left == left and check.locked_for == 0
    fifth = gate.verify("0000")
    assert fifth.locked_for == pytest.approx(60) and "60 秒后再试" in fifth.message("zh")
    clock.t += 20
    locked = gate.verify("2468")  # even the right PIN is refused while locked
    assert not locked.ok and locked.locked_for == pytest.approx(40)
    assert "40" in locked.message("en")
    clock.t += 40.5
    assert gate.locked_for() == 0
    assert gate.verify("2468").ok


def test_lock_survives_restart(tmp_path, clock):
    s1 = HistoryStore.open(tmp_path)
    gate = PinGate(s1, clock)
    gate.set_pin("2468")
    for _ in range(5):
        gate.verify("1111")
    s1.close()
    s2 = HistoryStore.open(tmp_path)
    try:
        gate2 = PinGate(s2, clock)
        assert gate2.locked_for() == pytest.approx(60)
        assert not gate2.verify("2468").ok
        clock.t += 61
        assert gate2.verify("2468").ok
    finally:
        s2.close()


def test_failures_count_across_restart(tmp_path, clock):
    s1 = HistoryStore.open(tmp_path)
    PinGate(s1, clock).set_pin("2468")
    for _ in range(3):
        PinGate(s1, clock).verify("1111")
    s1.close()
    s2 = HistoryStore.open(tmp_path)
    try:
        assert PinGate(s2, clock).verify("1111").tries_left == 1
    finally:
        s2.close()


def test_clock_set_back_does_not_lock_longer(store, clock):
    gate = PinGate(store, clock)
    gate.set_pin("2468")
    for _ in range(5):
        gate.verify("1111")
    clock.t -= 3600  # someone set the PC clock back an hour
    assert gate.locked_for() <= 60
    clock.t += 61
    assert gate.verify("2468").ok
